/**
 * Issue #10, "certificates as data", on Pycia–Wang: the (T2-5) finding and a uniform T1/T2 carry
 * certificates that re-derive their exact enclosures from the saved market alone. A certificate
 * whose data were altered, or whose market does not make the case, does not verify.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { verifyCertificate } from '../../src/claims/certificates.ts';
import type { Certificate } from '../../src/claims/types.ts';
import { enclosureCertificate, t25Certificate, T25_KIND, ENCLOSURE_KIND } from './exact-certificates.ts';
import { t25Printed, uniformClosedForm } from './cutoff.ts';
import { DROP_KIND } from './example1.ts';

const uniform = { kind: 'uniform' as const, lo: 0, hi: 1 };
const pu = { kind: 'piecewise-uniform' as const, pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 2, weight: 3 }] };
const roundTrip = (c: Certificate): Certificate => JSON.parse(JSON.stringify(c));
const std = (c: { tolerance: { abs?: number; rel?: number; why: string } }) => ({ precision: 'standard' as const, tolerance: c.tolerance });

describe(`${T25_KIND}: the printed (T2-5) is false, re-derived from the market`, () => {
  test('uniform, n = 2, r = ½ (CLAIMS.md: left 1/24, printed right −1/4): verifies after a JSON round trip', () => {
    const c = roundTrip(t25Certificate({ n: 2, shares: [0.5, 0.5], dist: uniform }, 0, 'printed'));
    expect(verifyCertificate(c)).toEqual({ kind: T25_KIND, verified: true });
    const d = c.data as { bracket: { lo: string; hi: string }; rhs: { lo: string; hi: string } };
    expect(d.bracket).toEqual({ lo: '1/24', hi: '1/24' });
    expect(d.rhs).toEqual({ lo: '-1/4', hi: '-1/4' });
  });

  test('an irrational v* (n = 3, shares 0.5, 0.3, 0.2, piecewise-uniform): the enclosures are intervals and still verify', () => {
    const c = roundTrip(t25Certificate({ n: 3, shares: [0.5, 0.3, 0.2], dist: pu }, 1, 'printed'));
    expect(verifyCertificate(c).verified).toBe(true);
  });

  test('the corrected (T2-5) is true: its "certificate" does not verify (the sides meet)', () => {
    const c = t25Certificate({ n: 2, shares: [0.5, 0.5], dist: uniform }, 0, 'corrected');
    const v = verifyCertificate(c);
    expect(v.verified).toBe(false);
    expect(v.why).toMatch(/may be equal/);
  });

  test('altered data do not verify: another agent whose sides meet, a moved enclosure, a market outside the exact path', () => {
    const base = t25Certificate({ n: 2, shares: [1, 0], dist: uniform }, 0, 'printed');
    // r_i = 1: v* = v̄ and the printed and corrected forms coincide.
    expect(verifyCertificate(base).verified).toBe(false);
    const good = roundTrip(t25Certificate({ n: 2, shares: [0.5, 0.5], dist: uniform }, 0, 'printed'));
    const moved = roundTrip(good);
    (moved.data as { bracket: { lo: string; hi: string } }).bracket = { lo: '1/25', hi: '1/25' };
    expect(verifyCertificate(moved).why).toMatch(/saved bracket/);
    const beta = roundTrip(good);
    (beta.data as { market: { dist: unknown } }).market.dist = { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 };
    expect(verifyCertificate(beta).verified).toBe(false);
  });

  test('the finding’s certify attaches it, and it verifies', () => {
    const r = t25Printed.certify!({ market: { n: 2, shares: [0.5, 0.5], dist: uniform }, agent: 0 }, std(t25Printed));
    expect(r.certificate?.kind).toBe(T25_KIND);
    expect(verifyCertificate(roundTrip(r.certificate!)).verified).toBe(true);
  });
});

describe(`${ENCLOSURE_KIND}: a value the exact T1 or T2 excludes`, () => {
  const spec = { n: 3, shares: [0.5, 0.25, 0.25], dist: uniform };
  // Closed form (CLAIMS.md): T1 = (n−1)/(n+1) − ((n−1)/n) Σ r^{n/(n−1)}.
  const t1 = 2 / 4 - (2 / 3) * (Math.pow(0.5, 1.5) + 2 * Math.pow(0.25, 1.5));
  test('a wrong closed form (T1 + 1e-6) is certified outside; the right one is not', () => {
    expect(verifyCertificate(roundTrip(enclosureCertificate(spec, 'T1', t1 + 1e-6, 1e-12, 'test'))).verified).toBe(true);
    const right = verifyCertificate(enclosureCertificate(spec, 'T1', t1, 1e-12, 'test'));
    expect(right.verified).toBe(false);
    expect(right.why).toMatch(/within/);
    // T2 = −(n−1)/(2(n+1)) = −1/4 exactly.
    expect(verifyCertificate(enclosureCertificate(spec, 'T2', -0.25, 0, 'test')).verified).toBe(false);
    expect(verifyCertificate(enclosureCertificate(spec, 'T2', -0.25 + 2 ** -40, 0, 'test')).verified).toBe(true);
  });
  test('an enclosure for another market does not verify', () => {
    const c = roundTrip(enclosureCertificate(spec, 'T1', t1 + 1e-6, 1e-12, 'test'));
    (c.data as { market: { shares: number[] } }).market.shares = [0.25, 0.5, 0.25];
    // T1 is symmetric in the shares, but each agent's saved v* enclosure is checked against its own share.
    expect(verifyCertificate(c).why).toMatch(/does not enclose/);
    (c.data as { market: { n: number; shares: number[] } }).market = { n: 2, shares: [0.5, 0.5] } as never;
    expect(verifyCertificate(c).verified).toBe(false);
  });
  test('the uniform closed form claim passes with its exact route (no certificate on a pass)', () => {
    const r = uniformClosedForm.certify!(spec, std(uniformClosedForm));
    expect(r.holds).toBe(true);
    expect(r.certificate).toBeUndefined();
  });
});

describe('pw-beta-star-drop: the refutation of monotone β*, re-derived from F and n', () => {
  const saved = (name: string) => JSON.parse(readFileSync(`fixtures/counterexamples/PW.Ex1.beta-star-monotone/${name}`, 'utf8')) as { certificate: Certificate };
  test('the saved cases carry it, and it verifies from the file alone (exactly for piecewise-uniform, by the quantile route for the density)', () => {
    for (const f of ['92bbac26d2f1.json', '3a1261fc8c19.json']) {
      const c = saved(f).certificate;
      expect(c.kind, f).toBe(DROP_KIND);
      expect(verifyCertificate(c), f).toEqual({ kind: DROP_KIND, verified: true });
    }
    expect((saved('92bbac26d2f1.json').certificate.data as { route: string }).route).toBe('exact');
    expect((saved('3a1261fc8c19.json').certificate.data as { route: string }).route).toBe('quantile');
  });
  test('another n, another route, or uniform F does not verify', () => {
    const c = saved('92bbac26d2f1.json').certificate;
    const at = (patch: Record<string, unknown>) => verifyCertificate({ ...c, data: { ...(c.data as object), ...patch } as Certificate['data'] });
    expect(at({ n: 6 }).verified).toBe(false);
    expect(at({ route: 'quantile' }).why).toMatch(/route/);
    expect(at({ dist: { kind: 'uniform', lo: 0, hi: 1 } }).why).toMatch(/does not drop/);
    expect(at({ dist: { kind: 'atoms', points: [[0, 1]] } }).verified).toBe(false);
  });
});
