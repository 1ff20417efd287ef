/**
 * `eval pw.cutoff` at the edges (issue #8, items 2–6 and 21): every result is right to its stated
 * abserr or says it is not (converged: false with a reason), or the request is refused with a
 * field named. Checked against closed forms, against the mpmath references, and — for generated
 * ill-conditioned markets — against affine covariance: a market moved by X = c + s·Y has s times
 * the T_1 and T_2 of the unmoved one (an identity of the paper's definitions, not of our code).
 */
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/distributions/schema.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { farFrameArb, illShapeArb, moveSpec, movesExactly } from '../../src/generators/ill-conditioned.ts';
import { combine, pwCutoff } from '../../src/models/pycia-wang/eval.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

interface Out {
  T1: number;
  T2: number;
  betaStar: number;
  efficient?: boolean;
  condition?: number;
  abserr: { T1: number; T2: number; betaStar: number; condition?: number };
  converged: boolean;
  reason?: string;
  routes: string;
}

const evalPw = (req: unknown) => pwCutoff.evaluate(req) as unknown as Out;

/** |got − want| within the result's own error (plus the rounding of the closed form itself). */
function within(got: number, want: number, abserr: number) {
  expect(Math.abs(got - want), `got ${got}, want ${want}, abserr ${abserr}`).toBeLessThanOrEqual(abserr + 8 * Number.EPSILON * Math.abs(want));
}

/** Uniform on [lo, hi] (the exact double width w): T1 = w[(n−1)/(n+1) − ((n−1)/n)Σ r^{n/(n−1)}], T2 = −w(n−1)/(2(n+1)). */
function uniformClosed(n: number, shares: number[], w: number) {
  const s = shares.reduce((a, r) => a + (r > 0 ? r ** (n / (n - 1)) : 0), 0);
  return { T1: w * ((n - 1) / (n + 1) - ((n - 1) / n) * s), T2: (-w * (n - 1)) / (2 * (n + 1)) };
}

describe('the issue’s cases, against closed forms', () => {
  test('uniform far from 0: [1e8, 100000000.000001] (67 doubles across the support), n = 2', () => {
    const lo = 1e8;
    const hi = 100000000.000001;
    const o = evalPw({ n: 2, distribution: { kind: 'uniform', lo, hi } });
    const c = uniformClosed(2, [0.5, 0.5], hi - lo);
    expect(o.converged).toBe(true);
    within(o.T1, c.T1, o.abserr.T1);
    within(o.T2, c.T2, o.abserr.T2);
    expect(o.abserr.T1).toBeLessThan(1e-6 * c.T1);
  });

  test('uniform [1e6, 1000001], n = 5 (T1 0.131543 before, exact 0.1316744…)', () => {
    const o = evalPw({ n: 5, distribution: { kind: 'uniform', lo: 1e6, hi: 1000001 } });
    const c = uniformClosed(5, Array(5).fill(0.2), 1);
    within(o.T1, c.T1, o.abserr.T1);
    within(o.T2, c.T2, o.abserr.T2);
    expect(o.abserr.T1).toBeLessThan(1e-10);
  });

  test('uniform [0, 1e-16], r = (1, 0), β = 0 is Myerson–Satterthwaite: not efficient, decided', () => {
    const o = evalPw({ n: 2, shares: [1, 0], distribution: { kind: 'uniform', lo: 0, hi: 1e-16 }, beta: 0 });
    const c = uniformClosed(2, [1, 0], 1e-16);
    within(o.T1, c.T1, o.abserr.T1);
    expect(o.efficient).toBe(false);
    expect(o.converged).toBe(true);
    // The error scales with the support, not floored at 2.2e-15.
    expect(o.abserr.T1).toBeLessThan(1e-25);
  });

  // Normal(μ, σ) with n = 2, equal shares (v* the median): T1 = σ(√2 − 1)/√π, T2 = −σ/√π, β* = √2
  // (bracket = 2∫_0^∞(1−Φ)pφ dp = 1/√(2π) − 1/(2√π) by parts; T2 = −E|Z|/2 ·2/… = −1/√π).
  for (const sd of [1e-15, 1e-8, 1e-7, 1e-3]) {
    test(`truncated normal (0.5, sd ${sd}) on [0, 1], n = 2: T1, T2 and β* = √2 in closed form`, () => {
      const o = evalPw({ n: 2, distribution: { kind: 'truncated-normal', mean: 0.5, sd, lo: 0, hi: 1 } });
      expect(o.converged).toBe(true);
      within(o.T1, (sd * (Math.SQRT2 - 1)) / Math.sqrt(Math.PI), o.abserr.T1);
      within(o.T2, -sd / Math.sqrt(Math.PI), o.abserr.T2);
      within(o.betaStar, Math.SQRT2, o.abserr.betaStar);
      expect(o.abserr.betaStar).toBeLessThan(1e-6);
    });
  }

  test('truncated normal, sd 1e-15 and 1e-8, n = 5: T1 + T2 < 0 (Theorem 2), T1 > 0 at equal shares (CGK), β* the same at both scales', () => {
    const a = evalPw({ n: 5, distribution: { kind: 'truncated-normal', mean: 0.5, sd: 1e-15, lo: 0, hi: 1 }, beta: 0 });
    const b = evalPw({ n: 5, distribution: { kind: 'truncated-normal', mean: 0.5, sd: 1e-8, lo: 0, hi: 1 } });
    for (const o of [a, b]) {
      expect(o.converged).toBe(true);
      expect(o.T1 + o.T2 + o.abserr.T1 + o.abserr.T2).toBeLessThan(0);
      expect(o.T1 - o.abserr.T1).toBeGreaterThan(0);
    }
    expect(a.efficient).toBe(true);
    within(a.betaStar, b.betaStar, a.abserr.betaStar + b.abserr.betaStar);
  });

  // Beta(1, b), n = 2: Q(u) = 1 − (1−u)^m with m = 1/b, so with u* = ½
  // T1 = 2[(1 − 2^{−(m+1)})/(m+1) − 1/(m+2)] and T2 = 1/(m+1) − 2/(m+2).
  for (const b of [0.01, 0.05, 0.2, 1]) {
    test(`Beta(1, ${b}) on [0, 1], n = 2 (mass within ulps of v̄): closed form, finite, converged`, () => {
      const m = 1 / b;
      const o = evalPw({ n: 2, distribution: { kind: 'beta', a: 1, b, lo: 0, hi: 1 } });
      expect(o.converged).toBe(true);
      within(o.T1, 2 * ((1 - 2 ** -(m + 1)) / (m + 1) - 1 / (m + 2)), o.abserr.T1);
      within(o.T2, 1 / (m + 1) - 2 / (m + 2), o.abserr.T2);
      expect(o.abserr.T1).toBeLessThan(1e-10);
    });
  }

  test('Beta(½, ½) on [0, 1e-300], n = 3: 1e-300 times the mpmath reference on [0, 1], no null', async () => {
    const ref = (await import('../../fixtures/pw/markets-reference.json', { with: { type: 'json' } })).default as unknown as {
      markets: { id: string; n: number; dist: DistSpec; T1: { dbl: number }; T2: { dbl: number } }[];
    };
    const m = ref.markets.find((x) => x.dist.kind === 'beta' && (x.dist as { a: number }).a === 0.5 && x.n === 3)!;
    const o = evalPw({ n: 3, distribution: { kind: 'beta', a: 0.5, b: 0.5, lo: 0, hi: 1e-300 } });
    expect(Object.values(o.abserr).every(Number.isFinite)).toBe(true);
    within(o.T1, 1e-300 * m.T1.dbl, o.abserr.T1 + 1e-315);
    within(o.T2, 1e-300 * m.T2.dbl, o.abserr.T2 + 1e-315);
  });

  test('n = 10000, Beta(½, ½), β = 1000: the condition is −0.05 and decided — not efficient', () => {
    const o = evalPw({ n: 10000, distribution: { kind: 'beta', a: 0.5, b: 0.5, lo: 0, hi: 1 }, beta: 1000 });
    expect(o.efficient).toBe(false);
    expect(o.betaStar).toBeLessThan(1000);
    expect(o.converged).toBe(true);
    expect(Math.abs(o.condition!)).toBeGreaterThan(o.abserr.condition!);
  });

  test('n = 10000 with 10000 distinct shares: one integral with running sums (closed form, uniform)', () => {
    const n = 10000;
    const raw = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 1000));
    const sum = raw.reduce((a, b) => a + b, 0);
    const shares = raw.map((x) => x / sum);
    const o = evalPw({ n, shares, distribution: { kind: 'uniform', lo: 0, hi: 1 } });
    const c = uniformClosed(n, shares.map((x) => x / shares.reduce((a, b) => a + b, 0)), 1);
    within(o.T1, c.T1, o.abserr.T1 + 1e-13);
    expect(o.converged).toBe(true);
  });

  // An expression density on [1e6, 1e6 + 1] stays where it is (its values at 1e6 + y are noise at
  // 1e-10 relative, which moving it would expose); the integrands weigh p − 1e6. References: mpmath
  // at 30 digits in y = x − 1e6 with F in closed form (quad split at v* and at every 1/40).
  for (const [expr, T1, T2] of [
    ['1+0.5*sin(x)', 0.119867018907342123, -0.319399941494136204],
    ['1+0.5*sin(20*x)', 0.130512083541276775, -0.330314566763715049],
  ] as const) {
    test(`density ${expr} on [1e6, 1e6 + 1], n = 5 (T1 wrong by 1e-4 before): against mpmath`, () => {
      const o = evalPw({ n: 5, distribution: { kind: 'density', expr, lo: 1e6, hi: 1000001 } });
      within(o.T1, T1, o.abserr.T1);
      within(o.T2, T2, o.abserr.T2);
      expect(o.abserr.T1).toBeLessThan(1e-7);
    });
  }

  test('a spike: a piece of width 1e-9 holding almost all the mass is answered by the quantile route', () => {
    const o = evalPw({
      n: 3,
      distribution: { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 0.500000001, weight: 1e6 }, { lo: 0.500000001, hi: 1, weight: 1 }] },
    });
    expect(o.converged).toBe(true);
    expect(o.T1 + o.T2).toBeLessThan(0);
    expect(o.abserr.T1).toBeLessThan(1e-12);
    expect(o.routes).toMatch(/^density and quantile routes \(/);
  });

  test('which routes answered: a tame market the density route alone, an unbounded density both', () => {
    expect(evalPw({ n: 3, distribution: { kind: 'uniform', lo: 0, hi: 1 } }).routes).toMatch(/^density route \(converged/);
    expect(evalPw({ n: 3, distribution: { kind: 'beta', a: 0.5, b: 0.5, lo: 0, hi: 1 } }).routes).toMatch(/^density and quantile routes \((the density route did not converge|the density is unbounded at an end)/);
    expect(evalPw({ n: 3, distribution: { kind: 'uniform', lo: 1e8, hi: 100000000.000001 } }).routes).toMatch(/reframed/);
  });
});

describe('combining the two routes', () => {
  const e = (value: number, abserr: number, converged = true) => ({ value, abserr, converged });
  test('consistent routes: the tighter value with its own error (the looser interval contains it)', () => {
    expect(combine('T1', e(1, 1e-6), e(1 + 1e-9, 1e-12))).toMatchObject({ value: 1 + 1e-9, abserr: 1e-12, converged: true });
  });
  test('a route fooled into a tiny error cannot make the result certain', () => {
    const r = combine('T1', e(3.03, 3e-11), e(6.6e-5, 1e-14));
    expect(r.converged).toBe(false);
    expect(r.reason).toMatch(/disagree/);
    expect(r.abserr).toBeGreaterThan(3);
  });
  test('one route failing: the other alone', () => {
    expect(combine('T1', e(NaN, Infinity, false), e(0.5, 1e-14))).toMatchObject({ value: 0.5, abserr: 1e-14, converged: true });
  });
  test('neither converged: flagged with its reason; neither finite: refused naming distribution', () => {
    const r = combine('T2', e(0.4, 0.3, false), e(0.5, 0.1, false));
    expect(r).toMatchObject({ value: 0.5, abserr: 0.1, converged: false });
    expect(r.reason).toMatch(/T2: neither route/);
    expect(() => combine('T2', e(NaN, NaN, false), e(Infinity, 1, false))).toThrow(/^distribution: /);
  });
});

describe('generated ill-conditioned markets', () => {
  const nArb = fc.constantFrom(2, 3, 5, 10, 40);
  const sharesArb = (n: number) => fc.oneof(fc.constant(undefined), fc.constant([1, ...Array(n - 1).fill(0)]));

  /** The moved market's answer is s times the tame one's: T1, T2 within both errors; β* within both. */
  ptest.prop([illShapeArb, farFrameArb, nArb.chain((n) => fc.tuple(fc.constant(n), sharesArb(n)))], { numRuns: 30, seed: 8 })(
    'affine covariance: eval of c + s·Y against s × eval of Y, or an exit-2 refusal naming a field',
    (y, f, [n, shares]) => {
      fc.pre(movesExactly(y, f));
      const moved = moveSpec(y, f);
      fc.pre([JSON.stringify(moved)].every((t) => !t.includes('null')));
      const base = evalPw({ n, shares, distribution: y });
      let o: Out;
      try {
        o = evalPw({ n, shares, distribution: moved });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return;
      }
      for (const k of ['T1', 'T2', 'betaStar'] as const) expect(Number.isFinite(o[k]), k).toBe(true);
      expect(typeof o.converged).toBe('boolean');
      if (!o.converged) expect(o.reason).toBeTruthy();
      if (o.converged && base.converged) {
        within(o.T1, f.s * base.T1, o.abserr.T1 + f.s * base.abserr.T1);
        within(o.T2, f.s * base.T2, o.abserr.T2 + f.s * base.abserr.T2);
      }
    },
  );

  /** Only two outcomes: a finite result (converged or saying why not) or an InputError. */
  ptest.prop([illShapeArb, nArb, fc.constantFrom(undefined, 0, 0.5, 3)], { numRuns: 40, seed: 9 })('every result is finite and says whether it converged', (d, n, beta) => {
    let o: Out;
    try {
      o = evalPw({ n, distribution: d, ...(beta === undefined ? {} : { beta }) });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return;
    }
    for (const v of [o.T1, o.T2, o.betaStar, ...Object.values(o.abserr)]) expect(Number.isFinite(v)).toBe(true);
    if (o.converged) expect(o.T1 + o.T2).toBeLessThan(0);
    else expect(o.reason).toBeTruthy();
    if (beta !== undefined && o.converged) expect(o.efficient).toBe(beta <= o.betaStar);
  });
});
