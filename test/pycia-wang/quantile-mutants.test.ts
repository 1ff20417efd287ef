/**
 * The quantile route (src/models/pycia-wang/quantile.ts) against the exact route (exact.ts: the
 * same integrals as polynomials in u, in rational arithmetic, with certified enclosures) on
 * uniform and piecewise-uniform markets chosen to reach each of its branches: a share's level in
 * the lower half, in the upper half, exactly at u = ½ (n = 2, r = ½), at 0 and 1; a jump of Q in
 * either half; n > 16 (the cuts near u = 1); a far, narrow support (the reframed F). Every value
 * is checked within its own error estimate, every estimate against a cap measured on these markets
 * (so an error term dropped, or blown up, is seen), and T1's error against its parts: T1 is a sum
 * of brackets, so its error bound cannot be below the sum of theirs.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { Dist, DistSpec } from '../../src/distributions/types.ts';
import { cutoffGroups, groupShares } from '../../src/models/pycia-wang/cutoff.ts';
import { exactEnclosure } from '../../src/models/pycia-wang/exact.ts';
import { cutoffQuantile } from '../../src/models/pycia-wang/quantile.ts';
import { spyDist } from './spy.ts';
import { distance } from '../../src/numeric/rational.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

interface Case {
  name: string;
  dist: DistSpec;
  shares: number[];
  /** Caps on the error estimates, relative to the support's scale max(|v̲|, |v̄|, w) (measured ×~30). */
  cap: number;
  /** F is reframed: T1 is summed in the frame, where the brackets' moves by v̲(1/n − r) (and their rounding) cancel. */
  framed?: boolean;
}

const U01: DistSpec = { kind: 'uniform', lo: 0, hi: 1 };
const gapped: DistSpec = {
  kind: 'piecewise-uniform',
  pieces: [
    { lo: 0, hi: 0.3, weight: 1 },
    { lo: 0.6, hi: 0.7, weight: 5 },
    { lo: 0.9, hi: 1, weight: 1 },
  ],
};
const cases: Case[] = [
  { name: 'uniform(0,1), n = 2, r = (½, ½): u* = ½ exactly, the lower half’s total', dist: U01, shares: [0.5, 0.5], cap: 1e-13 },
  { name: 'uniform(0,1), n = 2, r = (1, 0): levels 1 and 0', dist: U01, shares: [1, 0], cap: 1e-13 },
  { name: 'uniform[1, 3], n = 3, r = (0.5, 0.3, 0.2): two levels above ½, one below', dist: { kind: 'uniform', lo: 1, hi: 3 }, shares: [0.5, 0.3, 0.2], cap: 1e-13 },
  { name: 'uniform[1, 3], n = 3, r = (0.7, 0.2, 0.1): two levels below ½ (the lower half’s second running sum)', dist: { kind: 'uniform', lo: 1, hi: 3 }, shares: [0.7, 0.2, 0.1], cap: 1e-13 },
  { name: 'three pieces with gaps (Q jumps at u = 1/7 and 6/7), n = 4, levels on both sides', dist: gapped, shares: [0.05, 0.15, 0.3, 0.5], cap: 1e-12 },
  { name: 'the same pieces, n = 40: cuts near u = 1', dist: gapped, shares: [0.5, 0.25, ...Array(38).fill(0.25 / 38)], cap: 1e-11 },
  { name: 'uniform(0,1), n = 60, one owner (a vertex)', dist: U01, shares: [1, ...Array(59).fill(0)], cap: 1e-11 },
  // Shares that sum to 1 in rationals too (the exact route takes the doubles' binary values: with
  // 0.6 + 0.3 + 0.1 ≠ 1 exactly, v̲·(1 − Σr) = 1e8·1e-17 would separate the routes by 1e-9).
  { name: 'a far, narrow uniform [1e8, 1e8 + 1e-6] (reframed), n = 3, brackets of ±1e7 around T1 ≈ 6e-8', dist: { kind: 'uniform', lo: 1e8, hi: 100000000.000001 }, shares: [0.625, 0.25, 0.125], cap: 1e-13, framed: true },
];

describe('the quantile route against the exact route', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const n = c.shares.length;
    const groups = groupShares(c.shares);
    const q = cutoffQuantile(makeDist(c.dist), n, groups);
    const e = exactEnclosure(n, c.shares, c.dist);
    const d = makeDist(c.dist);
    const scale = Math.max(Math.abs(d.lo), Math.abs(d.hi), d.hi - d.lo);
    const w = d.hi - d.lo;
    expect(q.T1.converged && q.T2.converged).toBe(true);
    expect(distance(e.T1, q.T1.value)).toBeLessThanOrEqual(q.T1.abserr);
    expect(distance({ lo: e.T2, hi: e.T2 }, q.T2.value)).toBeLessThanOrEqual(q.T2.abserr);
    expect(q.T1.abserr).toBeLessThanOrEqual(c.cap * w * n);
    expect(q.T2.abserr).toBeLessThanOrEqual(c.cap * w);
    groups.forEach((g, k) => {
      const i = c.shares.indexOf(g.share);
      expect(q.brackets[k].converged).toBe(true);
      expect(distance(e.brackets[i], q.brackets[k].value), `bracket of r = ${g.share}`).toBeLessThanOrEqual(q.brackets[k].abserr);
      // far from 0 a bracket is ~v̲/n: a few ulps of it are its rounding
      expect(q.brackets[k].abserr).toBeLessThanOrEqual(c.cap * w + 2 * Number.EPSILON * scale);
    });
    // T1 = Σ count·bracket: its error covers the sum of the brackets' errors, and the rounding of
    // Q (a few ulps of the support per agent) on top is all it adds.
    if (!c.framed) {
      const parts = groups.reduce((s, g, k) => s + g.count * q.brackets[k].abserr, 0);
      expect(q.T1.abserr).toBeGreaterThanOrEqual(parts);
      expect(q.T1.abserr - parts).toBeLessThanOrEqual(n * 8 * Number.EPSILON * scale);
    }
    // β* within its propagated error
    expect(e.betaStar).not.toBeNull();
    expect(distance(e.betaStar!, q.betaStar)).toBeLessThanOrEqual(q.betaStarErr);
  });
});

describe('the scalar fallback, where the vector rule does not converge', () => {
  // |sin(80x)| vanishes at 25 points inside [0, 1]: Q has a vertical tangent at each, more than the
  // vector rule's panel budget resolves, in both halves; each component is then integrated on its
  // own, between the share levels ('auto': Gauss–Kronrod, tanh-sinh where that fails). The
  // reference is the density route (p-space: no shared integrand, partition or estimate).
  test('density |sin(80x)| on [0, 1], n = 2, shares (0.7, 0.3): converged, within the density route’s errors', () => {
    const d = makeDist({ kind: 'density', expr: 'abs(sin(80*x))', lo: 0, hi: 1 });
    const groups = [
      { share: 0.7, count: 1 },
      { share: 0.3, count: 1 },
    ];
    const q = cutoffQuantile(d, 2, groups);
    const g = cutoffGroups(d, 2, groups);
    expect(g.T1.converged && g.T2.converged).toBe(true);
    expect(q.T1.converged && q.T2.converged && q.brackets.every((b) => b.converged)).toBe(true);
    expect(Math.abs(q.T1.value - g.T1.value)).toBeLessThanOrEqual(q.T1.abserr + g.T1.abserr);
    expect(Math.abs(q.T2.value - g.T2.value)).toBeLessThanOrEqual(q.T2.abserr + g.T2.abserr);
    groups.forEach((grp, k) => {
      const b = g.groups.find((x) => x.share === grp.share)!.bracket;
      expect(Math.abs(q.brackets[k].value - b), `bracket of r = ${grp.share}`).toBeLessThanOrEqual(q.brackets[k].abserr + g.T1.abserr);
      expect(q.brackets[k].abserr).toBeLessThanOrEqual(1e-11);
    });
    expect(q.T1.abserr).toBeLessThanOrEqual(1e-11);
    expect(q.T2.abserr).toBeLessThanOrEqual(1e-11);
  });
});

/**
 * Where the quantile route cuts [0, 1] for a mixture (`partBends`): at F of each part's mass
 * window ends and, for a truncated normal part, of its mean ± 1, 3 and 10 sd inside that window,
 * nested mixtures included, parts of weight 0 left out — besides the distribution's own
 * breakpoints. Seen through the points the route asks F at (each cut once; 1 − F too above the
 * median): nothing else asks F, since the integrands read Q only. The windows (affine.ts massWindow): a uniform
 * part its support; a truncated normal with its mean inside, mean ± 38.6 sd clipped to its support.
 */
describe('partBends: a mixture is cut at its parts’ window ends and a truncated normal’s mean ± 1, 3, 10 sd', () => {
  test('uniform + truncated normals near both ends + a nested mixture + a part of weight 0', () => {
    const spec: DistSpec = {
      kind: 'mixture',
      parts: [
        { weight: 0.4, dist: { kind: 'uniform', lo: 0, hi: 1 } },
        // window [0, 0.05 + 38.6·0.02 = 0.822]: mean − 3 sd and − 10 sd fall below it
        { weight: 0.2, dist: { kind: 'truncated-normal', mean: 0.05, sd: 0.02, lo: 0, hi: 1 } },
        // window [0.95 − 0.772 = 0.178, 1]: mean + 3 sd and + 10 sd fall above it
        { weight: 0.2, dist: { kind: 'truncated-normal', mean: 0.95, sd: 0.02, lo: 0, hi: 1 } },
        // nested: its window ends and its own part's (the same, [0.3, 0.5])
        { weight: 0.2, dist: { kind: 'mixture', parts: [{ weight: 1, dist: { kind: 'uniform', lo: 0.3, hi: 0.5 } }] } },
        { weight: 0, dist: { kind: 'truncated-normal', mean: 0.7, sd: 0.001, lo: 0.6, hi: 0.8 } },
      ],
    };
    const d = makeDist(spec);
    const asked: number[] = [];
    const p = spyDist(d, { cdf: (cdf) => (x) => (asked.push(x), cdf(x)) });
    const q = cutoffQuantile(p, 3, groupShares([0.5, 0.3, 0.2]));
    expect(q.T1.converged).toBe(true);
    const bends = [
      0, 1,
      0, 0.05 + 38.6 * 0.02, 0.05 - 0.02, 0.05 + 0.02, 0.05 + 3 * 0.02, 0.05 + 10 * 0.02,
      0.95 - 38.6 * 0.02, 1, 0.95 - 0.02, 0.95 + 0.02, 0.95 - 3 * 0.02, 0.95 - 10 * 0.02,
      0.3, 0.5, 0.3, 0.5,
    ];
    const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
    expect(sorted(asked)).toEqual(sorted([...d.breakpoints, ...bends]));
  });
});

/**
 * For n > 16 the upper half (t = 1 − u) is cut where dG = (n−1)(1−t)^{n−2}dt lives: at
 * t = 128/n, 32/n, 4/n and 1/(2n) below ½. A cut shows in where Q is read: Gauss–Kronrod's
 * outermost nodes sit 0.22 % of a panel's width inside each end, so a cut at L has nodes on both
 * sides within 0.3 % of the neighbouring gaps — which no panel across L has (the levels are not
 * dyadic fractions of their neighbours: bisection never lands on them). Uniform vertex markets:
 * no other cut in the upper half.
 */
describe('the quantile route cuts the upper half where (1 − t)^{n−2} lives (n > 16)', () => {
  test.each([60, 1000])('uniform(0, 1), n = %s, one owner', (n) => {
    const d = makeDist(U01);
    const ts: number[] = [];
    const p = spyDist(d, { isf: (isf) => (x) => (ts.push(x), isf(x)) });
    const q = cutoffQuantile(p, n, groupShares([1, ...Array(n - 1).fill(0)]));
    expect(q.T1.converged).toBe(true);
    const cuts = [0, ...[1 / (2 * n), 4 / n, 32 / n, 128 / n].filter((t) => t < 0.5), 0.5];
    for (let i = 1; i + 1 < cuts.length; i++) {
      const [a, L, b] = [cuts[i - 1], cuts[i], cuts[i + 1]];
      expect(ts.some((t) => t < L && t > L - 0.003 * (L - a)), `a node just below ${L}`).toBe(true);
      expect(ts.some((t) => t > L && t < L + 0.003 * (b - L)), `a node just above ${L}`).toBe(true);
    }
  });
  // n ≤ 16: no such cuts (dG is spread over the half; (1 − t)^{n−2} is a polynomial of degree
  // < 21, which one Gauss–Kronrod panel integrates exactly, so nothing else splits [0, ½] either).
  test.each([15, 16])('uniform(0, 1), n = %s, one owner: no cut at 4/n or 1/(2n)', (n) => {
    const d = makeDist(U01);
    const ts: number[] = [];
    const p = spyDist(d, { isf: (isf) => (x) => (ts.push(x), isf(x)) });
    const q = cutoffQuantile(p, n, groupShares([1, ...Array(n - 1).fill(0)]));
    expect(q.T1.converged).toBe(true);
    // (n = 16: 4/n = ¼ is the centre node of [0, ½], which a cut would straddle, not hit)
    for (const L of [4 / n, 1 / (2 * n)]) {
      const below = ts.some((t) => t < L && t > L - 0.003 * L);
      const above = ts.some((t) => t > L && t < L + 0.003 * L);
      expect(below && above, `nodes straddling ${L} within 0.3 %`).toBe(false);
    }
  });
});

/**
 * An expression density far from 0 stays in place with Q − v̲ in the integrands (frameOf's shift
 * path), and each bracket gets v̲·(1/n − r) added back. Reference by translation invariance: the
 * same density written in y = x − 1000 on [0, 1] gives each bracket minus 1000·(1/n − r).
 */
test('quantile route, density x on [1000, 1001] (shift path): brackets against the translated density', () => {
  const far = makeDist({ kind: 'density', expr: 'x', lo: 1000, hi: 1001 });
  const near = makeDist({ kind: 'density', expr: 'x + 1000', lo: 0, hi: 1 });
  const n = 3;
  const groups = groupShares([0.5, 0.3, 0.2]);
  const a = cutoffQuantile(far, n, groups);
  const b = cutoffQuantile(near, n, groups);
  expect(a.T1.converged && b.T1.converged).toBe(true);
  a.brackets.forEach((x, i) => {
    const want = b.brackets[i].value + 1000 * (1 / n - groups[i].share);
    // both brackets' errors and the rounding of the moved constant, a few ulps of 1000/n
    expect(Math.abs(x.value - want), `bracket of ${groups[i].share}`).toBeLessThanOrEqual(x.abserr + b.brackets[i].abserr + 1e-12);
  });
});

/**
 * The convergence flag when one half fails and the other does not (every reference market
 * converges in both). The uniform's Q (u, or 1 − t as isf) is spoiled above 0.25 in one half's
 * variable only: by a wiggle (upper half) of amplitude 0.01 and period 6e-5 (neither Gauss–Kronrod nor the
 * tanh-sinh fallback can resolve it: finite values, not converged), or by NaN (either half; no finite
 * value at all). Either way the route must not call T1, T2 or a bracket converged. A proxy passes
 * everything else through to uniform(0, 1), which is not reframed (frameOf would rebuild it).
 */
describe('one half spoiled: the route says not converged', () => {
  function spoil(d: Dist, which: 'quantile' | 'isf', bad: (x: number) => number): Dist {
    return spyDist(d, { [which]: (orig: (x: number) => number) => (x: number) => (x > 0.25 ? bad(x) : orig(x)) });
  }
  test.each([
    ['isf', 'wiggle'],
    ['quantile', 'NaN'],
    ['isf', 'NaN'],
  ] as const)('%s, %s', (which, kind) => {
    const d = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
    const Q = (x: number) => (which === 'isf' ? 1 - x : x);
    const bad = kind === 'NaN' ? () => NaN : (x: number) => Q(x) + 0.01 * Math.sin(1e5 * x);
    const g = cutoffQuantile(spoil(d, which, bad), 3, groupShares([0.5, 0.3, 0.2]));
    expect(g.T1.converged).toBe(false);
    expect(g.T2.converged).toBe(false);
    expect(g.brackets.every((b) => !b.converged)).toBe(true);
    if (kind === 'NaN') expect(Number.isFinite(g.T1.value) && Number.isFinite(g.T1.abserr)).toBe(false);
  });
});

/**
 * Each half is cut at its own shares' levels only (a lower level u_i ≤ ½ in u, an upper one as
 * t_i = 1 − u_i in t): seen, as above, through nodes straddling a level within 0.3 % of it. Uniform,
 * n = 3, r = (0.5, 0.3, 0.2): u_i = √r_i, so t = 1 − √0.5 and 1 − √0.3 (upper), u = √0.2 (lower);
 * the integrands are polynomials of low degree, so nothing but these cuts splits either half.
 */
test('the quantile route cuts each half at its own levels only', () => {
  const ts = { quantile: [] as number[], isf: [] as number[] };
  const d = makeDist(U01);
  const p = spyDist(d, { quantile: (f) => (x) => (ts.quantile.push(x), f(x)), isf: (f) => (x) => (ts.isf.push(x), f(x)) });
  cutoffQuantile(p, 3, groupShares([0.5, 0.3, 0.2]));
  const straddled = (xs: number[], L: number) => xs.some((x) => x < L && x > L * 0.997) && xs.some((x) => x > L && x < L * 1.003);
  const lower = [Math.sqrt(0.2)];
  const upper = [-Math.expm1(Math.log(0.5) / 2), -Math.expm1(Math.log(0.3) / 2)];
  for (const L of lower) expect([straddled(ts.quantile, L), straddled(ts.isf, L)], `u = ${L}`).toEqual([true, false]);
  for (const L of upper) expect([straddled(ts.isf, L), straddled(ts.quantile, L)], `t = ${L}`).toEqual([true, false]);
});

/**
 * F's breakpoints are cut in the half their level falls in: two pieces with weights 3 and 7 have
 * a kink of Q at u = F(½) = 0.3, in the lower half. With that cut Q is linear on each side and
 * the lower half takes exactly two Gauss–Kronrod panels (42 reads of Q); without it the kink
 * makes the rule bisect towards 0.3 many times over.
 */
test('a breakpoint whose level is below ½ cuts the lower half: two panels, 42 reads of Q', () => {
  const d = makeDist({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 3 }, { lo: 0.5, hi: 1, weight: 7 }] });
  let reads = 0;
  const p = spyDist(d, { quantile: (f) => (x) => (reads++, f(x)) });
  const q = cutoffQuantile(p, 2, groupShares([1, 0]));
  expect(q.T1.converged).toBe(true);
  expect(reads).toBe(42);
});
