/**
 * Coverage and undecided cases that bind (issue #9, item 5): `cover` is judged by a Wilson-score
 * test at any number of cases, extended until it decides (a claim of 10 cases included), and a
 * label left undecided at the cap is inconclusive; undecided cases are reported with their reasons
 * in every outcome, and a share above the claim's bound (default 0) is inconclusive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { claimSeed } from '../src/claims/canonical.ts';
import { claim } from '../src/claims/registry.ts';
import { DEFAULT_MAX_UNDECIDED, runClaim } from '../src/claims/runner.ts';
import type { Claim } from '../src/claims/types.ts';
import { parseOutcomes, reportHtml } from '../src/report/index.ts';

const roots: string[] = [];
const root = () => {
  const r = mkdtempSync(join(tmpdir(), 'mechcheck-coverage-'));
  roots.push(r);
  return r;
};
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A holds claim of 10 cases on 0..999 labelled `low` below `cut` (share cut/1000), requiring `min` of them. */
function covered(cut: number, min: number, extra: Partial<Claim<number>> = {}): Claim<number> {
  return claim<number>({
    id: 'PW.Test.cover',
    paper: 'PW',
    source: 'a test',
    statement: 'every integer is an integer',
    verdict: 'holds',
    tolerance: { why: 'integers, exact' },
    // Unbiased: fast-check's bias towards small values would move the share off cut/1000.
    input: fc.noBias(fc.integer({ min: 0, max: 999 })),
    runs: 10,
    property: (x) => ({ holds: Number.isInteger(x), numbers: { x } }),
    labels: (x) => (x < cut ? ['low'] : ['high']),
    cover: [{ label: 'low', min }],
    ...extra,
  });
}

describe('wilson', async () => {
  const { wilson, judgeLabel, COVERAGE_TOLERANCE } = await import('../src/claims/coverage.ts');
  test('the textbook interval: 50 of 100 at z = 1.96 is [0.4038, 0.5962]; none of 10 starts at 0', () => {
    const w = wilson(50, 100, 1.959964);
    expect(w.low).toBeCloseTo(0.4038, 4);
    expect(w.high).toBeCloseTo(0.5962, 4);
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
  test('covered at tolerance × min, insufficient below min, undecided between', () => {
    expect(judgeLabel('a', 0.3, 500, 1000).verdict).toBe('covered');
    expect(judgeLabel('a', 0.3, 0, 200).verdict).toBe('insufficient');
    expect(judgeLabel('a', 0.3, 3, 10).verdict).toBe('undecided');
    expect(COVERAGE_TOLERANCE).toBe(0.9);
  });
});

describe('coverage of a claim of 10 cases', () => {
  test('a label the generator never draws is inconclusive — judged at 10 cases, not only from 50 up', () => {
    const o = runClaim(covered(0, 0.3), { root: root() });
    expect(o.runs).toBe(10);
    expect(o.outcome).toBe('inconclusive');
    expect(o.message).toMatch(/^coverage: low: 0\.0% of \d+ cases \(Wilson interval \[0\.0%, [\d.]+%\]\), required 30\.0%/);
    expect(o.coverage).toMatchObject({ verdict: 'insufficient', tested: 10, certainty: 1 - 1e-9, tolerance: 0.9 });
  });

  test('a label the generator draws half the time: covered, on more cases than the 10 tested (labelled only)', () => {
    const o = runClaim(covered(500, 0.3), { root: root() });
    expect(o.outcome).toBe('passed');
    expect(o.runs).toBe(10);
    expect(o.coverage!.verdict).toBe('covered');
    expect(o.coverage!.tested).toBe(10);
    expect(o.coverage!.cases).toBeGreaterThan(10);
    const low = o.coverage!.labels[0];
    expect(low.low).toBeGreaterThanOrEqual(0.9 * 0.3);
    // The judged cases are the run's own stream: its first 10 are the cases tested.
    const stream = fc.sample(covered(500, 0.3).input, { seed: claimSeed(42, 'PW.Test.cover'), numRuns: o.coverage!.cases });
    expect(low.count).toBe(stream.filter((x) => x < 500).length);
    expect(o.labels.low ?? 0).toBe(stream.slice(0, 10).filter((x) => x < 500).length);
  });

  test('the cases tested are the first of the stream the coverage judgement extends', () => {
    const seen: number[] = [];
    const c = covered(500, 0.3);
    runClaim({ ...c, property: (x, ctx) => (seen.push(x), c.property(x, ctx)) }, { root: root() });
    expect(seen).toEqual(fc.sample(c.input, { seed: claimSeed(42, c.id), numRuns: 10 }));
  });

  test('a share inside the tolerance band stays undecided up to the cap: inconclusive, saying so', () => {
    // 28.5% against a required 30%: neither ≥ 27% (covered) nor < 30% (insufficient) at certainty 1 − 1e-9 within 10 000 cases.
    const o = runClaim(covered(285, 0.3), { root: root() });
    expect(o.outcome).toBe('inconclusive');
    expect(o.coverage).toMatchObject({ verdict: 'undecided', stoppedBy: 'cap', cases: 10_000 });
    expect(o.message).toMatch(/^coverage undecided after 10000 cases \(stopped by the cap of 10000\): low: 2[89]\.\d% of 10000 cases/);
  });

  test('--json carries the judgement; the report shows it', () => {
    const c = covered(500, 0.3);
    const o = runClaim(c, { root: root() });
    const back = parseOutcomes(JSON.stringify(o))[0];
    expect(back.coverage).toEqual(o.coverage);
    const html = reportHtml([c], [back], 'a test', '0', '2026-01-01');
    expect(html).toContain('Required coverage: covered');
    expect(html).toMatch(/Judged on \d+ cases \(10 tested, the rest drawn from the same seeded generator and labelled only/);
  });
});

describe('undecided cases', () => {
  /** "x is an integer", undecided on multiples of 20 (5 % of 0..999) with a reason naming the class. */
  const sometimes = (extra: Partial<Claim<number>> = {}) =>
    claim<number>({
      id: 'PW.Test.undecided',
      paper: 'PW',
      source: 'a test',
      statement: 'every integer is an integer',
      verdict: 'holds',
      tolerance: { why: 'integers, exact' },
      input: fc.integer({ min: 0, max: 999 }),
      runs: 200,
      property: (x) => ({ holds: true, numbers: { x }, ...(x % 20 === 0 ? { undecided: `multiple of 20 (class ${x % 3})` } : {}) }),
      ...extra,
    });
  const expectedCount = fc.sample(fc.integer({ min: 0, max: 999 }), { seed: claimSeed(42, 'PW.Test.undecided'), numRuns: 200 }).filter((x) => x % 20 === 0).length;

  test('by default none may be undecided: 5 % (below the old silent 10 %) is inconclusive, with the count and the reasons', () => {
    expect(DEFAULT_MAX_UNDECIDED).toBe(0);
    expect(expectedCount).toBeGreaterThan(0);
    expect(expectedCount).toBeLessThan(20);
    const o = runClaim(sometimes(), { root: root() });
    expect(o.outcome).toBe('inconclusive');
    expect(o.undecided!.count).toBe(expectedCount);
    expect(o.undecided!.of).toBe(200);
    expect(o.undecided!.max).toBe(0);
    expect(Object.values(o.undecided!.reasons).reduce((a, b) => a + b, 0)).toBe(expectedCount);
    expect(Object.keys(o.undecided!.reasons).every((r) => /^multiple of 20 \(class [012]\)$/.test(r))).toBe(true);
    expect(o.message).toMatch(new RegExp(`^${expectedCount} of 200 cases undecided \\([\\d.]+%\\), above the claim's bound of 0\\.0%: multiple of 20 \\(class \\d\\) \\(×\\d+\\)`));
  });

  test('a claim that declares a bound passes within it, and still reports them: JSON and report', () => {
    const c = sometimes({ maxUndecided: 0.1 });
    const o = runClaim(c, { root: root() });
    expect(o.outcome).toBe('passed');
    expect(o.message).toMatch(/; undecided: multiple of 20/);
    expect(o.undecided).toMatchObject({ count: expectedCount, of: 200, max: 0.1, targeted: 0 });
    const back = parseOutcomes(JSON.stringify(o))[0];
    expect(back.undecided).toEqual(o.undecided);
    const html = reportHtml([c], [back], 'a test', '0', '2026-01-01');
    expect(html).toContain(`${expectedCount} of 200 cases undecided (bound 10.0%)`);
    expect(html).toContain('multiple of 20 (class');
  });

  test('every outcome carries the summary, an empty one included; more than 10 reasons are grouped', () => {
    const clean = runClaim(sometimes({ property: (x) => ({ holds: true, numbers: { x } }) }), { root: root() });
    expect(clean.undecided).toEqual({ count: 0, of: 200, max: 0, targeted: 0, reasons: {} });
    const many = runClaim(sometimes({ property: (x) => ({ holds: true, numbers: { x }, undecided: `reason ${x % 40}` }), maxUndecided: 1 }), { root: root() });
    expect(Object.keys(many.undecided!.reasons)).toHaveLength(11);
    expect(many.undecided!.reasons['(other reasons)']).toBeGreaterThan(0);
    expect(Object.values(many.undecided!.reasons).reduce((a, b) => a + b, 0)).toBe(200);
  });
});
