/**
 * src/models/dagan-serrano-volij/core.ts, the parts core.test.ts leaves to signs (mutation testing,
 * issue #14): the supporting-price slack against a brute-force expenditure function, the affordable
 * improvement against its defining equation (the slack at d is 0) and its clamps, Kelley's decisions
 * and best bundles, HKW's composition with a least common denominator below the product, and the
 * replica margin against a brute-force scan of type 0's indifference curve (CES and Cobb–Douglas).
 */
import { describe, expect, test } from 'vitest';
import type { Economy, Utility } from '../../src/economy/utilities.ts';
import { utilityValue } from '../../src/economy/utilities.ts';
import { walrasianEquilibrium } from '../../src/economy/walrasian.ts';
import {
  affordableImprovement,
  aggregateLevel,
  contractPoint,
  finiteCoalition,
  maxUniformImprovement,
  nelderMead,
  priceIndex,
  relativeImprovement,
  replicaBlockingMargin,
  supportingPriceSlack,
} from '../../src/models/dagan-serrano-volij/core.ts';
import { lpSolver } from '../../src/numeric/lp.ts';
import { Fraction } from '../../src/numeric/rational.ts';

const cd = (a: number): Utility => ({ kind: 'cobb-douglas', alpha: [a, 1 - a] });
const ces = (a: number, sigma: number): Utility => ({ kind: 'ces', alpha: [a, 1 - a], sigma });

/** Good 1 needed with x_0 of good 0 to reach utility level U (bisection on u itself; Infinity if 1e6 does not). */
function onLevel(u: Utility, U: number, x0: number): number {
  let lo = 0;
  let hi = 1e6;
  if (utilityValue(u, [x0, hi]) < U) return Infinity;
  for (let it = 0; it < 64; it++) {
    const mid = (lo + hi) / 2;
    if (utilityValue(u, [x0, mid]) >= U) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** max of f on (lo, hi): a grid of 200 for the bracket, then golden-section search in it (f unimodal near its top). */
function scanMax(f: (x: number) => number, lo: number, hi: number): number {
  const K = 200;
  let bi = 1;
  let bv = -Infinity;
  for (let i = 1; i < K; i++) {
    const v = f(lo + ((hi - lo) * i) / K);
    if (v > bv) [bv, bi] = [v, i];
  }
  let a = lo + ((hi - lo) * (bi - 1)) / K;
  let b = lo + ((hi - lo) * (bi + 1)) / K;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 80; it++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) >= f(d)) b = d;
    else a = c;
  }
  return Math.max(bv, f((a + b) / 2));
}

/** The cheapest cost at p of utility U, two goods: x_0 scanned on (0, xMax], x_1 on the level curve. */
function expenditure(u: Utility, p: readonly number[], U: number, xMax: number): number {
  return -scanMax((x0) => -(p[0] * x0 + p[1] * onLevel(u, U, x0)), 0, xMax);
}

describe('supportingPriceSlack against a brute-force expenditure function', () => {
  test('Σ n_t [cheapest cost of u*_t + δ|u*_t|] − p·Σ n_t e_t, absent types skipped, δ of both signs', () => {
    const e: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: cd(0.3) }, { mass: 1, endowment: [0, 2], utility: ces(0.6, 2) }, { mass: 1, endowment: [1, 1], utility: ces(0.5, 3) }] };
    const p = [1, 1.5];
    const alloc = [
      [1.2, 1.4],
      [1.1, 0.7],
      [5, 5],
    ];
    for (const delta of [0.1, -0.25]) {
      const n = [2, 3, 0];
      let want = 0;
      for (const t of [0, 1]) {
        const u = e.types[t].utility;
        const us = utilityValue(u, alloc[t]);
        const cost = expenditure(u, p, us + delta * Math.abs(us), 20);
        want += n[t] * (cost - (p[0] * e.types[t].endowment[0] + p[1] * e.types[t].endowment[1]));
      }
      expect(supportingPriceSlack(e, p, alloc, n, delta)).toBeCloseTo(want, 8);
    }
  });

  test('aggregateLevel and priceIndex refuse a utility that is not homothetic', () => {
    const u: Utility = { kind: 'exp', w: [1, 1] };
    expect(() => aggregateLevel(u, [1, 1])).toThrow(/exp is not homothetic/);
    expect(() => priceIndex(u, [1, 1])).toThrow(/exp is not homothetic/);
  });
});

describe('affordableImprovement: the root of its own budget equation, clamped to [−1, 1]', () => {
  const e: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: cd(0.3) }, { mass: 1, endowment: [1, 2], utility: ces(0.6, 2) }] };
  const q = [1, 0.8];
  test.each([
    ['Cobb–Douglas only', [2, 0]],
    ['CES only', [0, 3]],
    ['both', [2, 3]],
    ['both, other weights', [1, 4]],
  ])('%s: the supporting-price slack at q vanishes at d (d inside (−1, 1))', (_, n) => {
    const alloc = [
      [2.1, 1.3],
      [1.2, 1.5],
    ];
    const d = affordableImprovement(e, alloc, n, q);
    expect(Math.abs(d)).toBeLessThan(1);
    expect(supportingPriceSlack(e, q, alloc, n, d)).toBeCloseTo(0, 11);
    // and it is the largest affordable δ: a little more costs more than the endowment is worth
    expect(supportingPriceSlack(e, q, alloc, n, d + 1e-6)).toBeGreaterThan(0);
    expect(supportingPriceSlack(e, q, alloc, n, d - 1e-6)).toBeLessThan(0);
  });

  test('an allocation far below the endowment clamps at 1, one far above at −1', () => {
    const poor = [
      [0.1, 0.05],
      [0.05, 0.1],
    ];
    expect(affordableImprovement(e, poor, [0, 1], q)).toBe(1);
    const rich = [
      [30, 20],
      [20, 30],
    ];
    expect(affordableImprovement(e, rich, [1, 0], q)).toBe(-1);
  });
});

describe("Kelley's decisions on a 2-good, 2-type economy", () => {
  const e: Economy = { types: [{ mass: 1, endowment: [4, 1], utility: cd(0.4) }, { mass: 2, endowment: [1, 3], utility: ces(0.5, 2) }] };

  test('at the endowments the grand coalition blocks: δ_lo > tol, its best bundles are feasible and give δ_lo', async () => {
    const { solve } = await lpSolver();
    const endow = e.types.map((t) => t.endowment);
    const n = [1, 2];
    const r = maxUniformImprovement(solve, e, endow, n, 1e-3);
    expect(r.decision).toBe('blocks');
    expect(r.deltaLo).toBeGreaterThan(1e-3);
    expect(r.deltaHi).toBeGreaterThanOrEqual(r.deltaLo);
    expect(r.iterations).toBeGreaterThanOrEqual(1);
    for (let k = 0; k < 2; k++) expect(n[0] * r.best[0]![k] + n[1] * r.best[1]![k]).toBeLessThanOrEqual(n[0] * endow[0][k] + n[1] * endow[1][k] + 1e-9);
    const got = Math.min(...[0, 1].map((t) => relativeImprovement(e.types[t].utility, r.best[t]!, utilityValue(e.types[t].utility, endow[t]))));
    expect(got).toBeCloseTo(r.deltaLo, 12);
  });

  test('at the Walrasian allocation nobody blocks; a one-type coalition has one bundle, the other undefined', async () => {
    const { solve } = await lpSolver();
    const w = walrasianEquilibrium(e);
    for (const n of [[1, 2], [0, 1], [1, 0]]) {
      const r = maxUniformImprovement(solve, e, w.allocation, n, 1e-6);
      expect(r.decision).toBe('no-block');
      expect(r.deltaHi).toBeLessThanOrEqual(1e-6);
      n.forEach((c, t) => expect(r.best[t] === undefined).toBe(c === 0));
    }
  });

  test('one iteration decides nothing when tol lies between its bounds', async () => {
    const { solve } = await lpSolver();
    const endow = e.types.map((t) => t.endowment);
    const one = maxUniformImprovement(solve, e, endow, [1, 2], 0, 1, 1e-12);
    expect(one.iterations).toBe(1);
    expect(one.deltaHi).toBeGreaterThan(one.deltaLo);
    const mid = (one.deltaHi + one.deltaLo) / 2;
    const r = maxUniformImprovement(solve, e, endow, [1, 2], mid, 1);
    expect(r.decision).toBe('undecided');
    expect(r.deltaHi).toBe(one.deltaHi);
    expect(r.deltaLo).toBe(one.deltaLo);
  });
});

describe("HKW's Claim 1: the least common denominator and who absorbs the excess", () => {
  test('μ = (1/4, 1/6, 1/3): L = 12, n = (3, 2, 4); the excess of a good goes to the type holding most of it after trade', () => {
    const e: Economy = {
      types: [
        { mass: 1, endowment: [1, 5], utility: cd(0.5) },
        { mass: 1, endowment: [4, 1], utility: cd(0.5) },
        { mass: 1, endowment: [2, 2], utility: cd(0.5) },
      ],
    };
    const mu = [new Fraction(1, 4), new Fraction(1, 6), new Fraction(1, 3)];
    // good 0: 3·0.1 + 2·0.1 − 4·0.125 = 0 in reals, + 1e-3 on type 2: excess 4e-3 (type 1 holds most, 4.1)
    // good 1: 3·(−0.2) + 2·0.3 + 4·0 = 0 exactly: no change
    const z = [
      [0.1, -0.2],
      [0.1, 0.3],
      [-0.125 + 0.001, 0],
    ];
    const f = finiteCoalition(e, mu, z);
    expect(f.n).toEqual([3n, 2n, 4n]);
    for (let k = 0; k < 2; k++) expect(f.z.reduce((s, row, t) => s.add(row[k].mul(f.n[t])), new Fraction(0)).compare(0)).toBeLessThanOrEqual(0);
    // good 0's whole excess came off type 1 (Σ is then exactly 0); the others keep their doubles exactly
    expect(f.z.reduce((s, row, t) => s.add(row[0].mul(f.n[t])), new Fraction(0)).compare(0)).toBe(0);
    expect(f.z[0][0].valueOf()).toBe(0.1);
    expect(f.z[2][0].valueOf()).toBe(-0.125 + 0.001);
    expect(f.z[1][0].valueOf()).toBeCloseTo(0.1 - 0.002, 12);
    expect(f.z[0][1].valueOf()).toBe(-0.2);
    expect(f.z[1][1].valueOf()).toBe(0.3);
  });
});

describe('replicaBlockingMargin against a brute-force scan of type 0’s indifference curve', () => {
  /** max over y_0 of type 1's relative improvement from the rest, type 0 kept on its level by bisection. */
  function brute(e: Economy, alloc: number[][], a: number, b: number): number {
    const [u0, u1] = [e.types[0].utility, e.types[1].utility];
    const R = [0, 1].map((k) => a * e.types[0].endowment[k] + b * e.types[1].endowment[k]);
    const U0 = utilityValue(u0, alloc[0]);
    const u1s = utilityValue(u1, alloc[1]);
    return scanMax(
      (y0) => {
        const rest = [(R[0] - a * y0) / b, (R[1] - a * onLevel(u0, U0, y0)) / b];
        return rest[0] > 0 && rest[1] > 0 ? (utilityValue(u1, rest) - u1s) / Math.abs(u1s) : -Infinity;
      },
      0,
      R[0] / a,
    );
  }

  test.each([
    ['CES type 0 (σ = 2), coalition (1, 1)', ces(0.5, 2), 1, 1],
    ['CES type 0 (σ = 3), coalition (2, 1)', ces(0.4, 3), 2, 1],
    ['Cobb–Douglas type 0, coalition (1, 2)', cd(0.5), 1, 2],
  ])('%s', (_, u0, a, b) => {
    const e: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: u0 }, { mass: 1, endowment: [1, 3], utility: cd(0.5) }] };
    const alloc = [
      [2.2, 1.1],
      [1.8, 2.9],
    ];
    const m = replicaBlockingMargin(e, alloc, a, b);
    expect(m).toBeCloseTo(brute(e, alloc, a, b), 9);
  });

  test('single-type coalitions: autarky’s improvement; a type-0 level out of reach: −∞', () => {
    const box: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: cd(0.5) }, { mass: 1, endowment: [1, 3], utility: cd(0.5) }] };
    const alloc = [
      [2, 2],
      [2, 2],
    ];
    // u = −1/√(x_0 x_1): −1/√3 at either endowment against −1/2 at (2, 2), relative to 1/2
    expect(replicaBlockingMargin(box, alloc, 3, 0)).toBeCloseTo(1 - 2 / Math.sqrt(3), 14);
    expect(replicaBlockingMargin(box, alloc, 0, 2)).toBeCloseTo(1 - 2 / Math.sqrt(3), 14);
    // type 0 at level 3.9 needs y0·y1 = 15.21 per head; two of them with a type 1 hold only (7, 5)
    expect(replicaBlockingMargin(box, [[3.9, 3.9], [0.1, 0.1]], 2, 1)).toBe(-Infinity);
  });
});

describe("Kelley's iteration: monotone bounds, early stops", () => {
  const e: Economy = { types: [{ mass: 1, endowment: [4, 1], utility: cd(0.4) }, { mass: 2, endowment: [1, 3], utility: ces(0.5, 2) }] };

  test('δ_lo never falls and δ_hi never rises with more cuts; the gap rule stops at the first iteration within the gap', async () => {
    const { solve } = await lpSolver();
    const endow = e.types.map((t) => t.endowment);
    let prev = maxUniformImprovement(solve, e, endow, [1, 2], 0, 1, 1e-15);
    for (let k = 2; k <= 8; k++) {
      const r = maxUniformImprovement(solve, e, endow, [1, 2], 0, k, 1e-15);
      expect(r.iterations).toBe(k);
      expect(r.deltaLo).toBeGreaterThanOrEqual(prev.deltaLo);
      expect(r.deltaHi).toBeLessThanOrEqual(prev.deltaHi);
      prev = r;
    }
    const g = maxUniformImprovement(solve, e, endow, [1, 2], 0, 300, 1e-3);
    expect(g.deltaHi - g.deltaLo).toBeLessThanOrEqual(1e-3);
    expect(g.iterations).toBeLessThan(300);
    const before = maxUniformImprovement(solve, e, endow, [1, 2], 0, g.iterations - 1, 1e-3);
    expect(before.deltaHi - before.deltaLo).toBeGreaterThan(1e-3);
  });

  test('three goods, coalition (2, 1, 0) at the endowments: δ_lo is the best of the iterations so far (a later LP point can be worse)', async () => {
    const { solve } = await lpSolver();
    const e3: Economy = {
      types: [
        { mass: 1, endowment: [4, 1, 2], utility: { kind: 'cobb-douglas', alpha: [0.2, 0.5, 0.3] } },
        { mass: 2, endowment: [1, 3, 1], utility: { kind: 'ces', alpha: [1, 2, 1], sigma: 2 } },
        { mass: 1, endowment: [2, 2, 5], utility: { kind: 'cobb-douglas', alpha: [0.5, 0.25, 0.25] } },
      ],
    };
    const endow = e3.types.map((t) => t.endowment);
    let prev = -Infinity;
    for (let k = 1; k <= 7; k++) {
      const r = maxUniformImprovement(solve, e3, endow, [2, 1, 0], 0, k, 1e-15);
      expect(r.deltaLo).toBeGreaterThanOrEqual(prev);
      prev = r.deltaLo;
    }
  });

  test('a decision stops the cuts: the first iteration whose bounds decide', async () => {
    const { solve } = await lpSolver();
    const endow = e.types.map((t) => t.endowment);
    const r = maxUniformImprovement(solve, e, endow, [1, 2], 1e-3);
    expect(r.iterations).toBeLessThan(80);
    const before = maxUniformImprovement(solve, e, endow, [1, 2], 1e-3, r.iterations - 1);
    if (r.iterations > 1) expect(before.decision).toBe('undecided');
    const w = walrasianEquilibrium(e);
    const nb = maxUniformImprovement(solve, e, w.allocation, [1, 2], 1e-6);
    expect(nb.iterations).toBeLessThan(80);
    if (nb.iterations > 1) expect(maxUniformImprovement(solve, e, w.allocation, [1, 2], 1e-6, nb.iterations - 1).decision).toBe('undecided');
  });
});

describe('types outside the coalition are not read', () => {
  test('the slack and the affordable improvement ignore an absent type’s allocation (here no bundle at all)', () => {
    const e: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: cd(0.3) }, { mass: 1, endowment: [1, 2], utility: ces(0.6, 2) }] };
    const alloc = [
      [2.1, 1.3],
      [1.2, 1.5],
    ];
    // the Cobb–Douglas type is absent: its u at no bundle would be NaN
    const none = [[] as number[], alloc[1]];
    const q = [1, 0.8];
    expect(supportingPriceSlack(e, q, none, [0, 2], 0.1)).toBe(supportingPriceSlack(e, q, alloc, [0, 2], 0.1));
    expect(affordableImprovement(e, none, [0, 2], q)).toBe(affordableImprovement(e, alloc, [0, 2], q));
    expect(Number.isFinite(affordableImprovement(e, none, [0, 2], q))).toBe(true);
  });
});

describe("HKW's Claim 1: the absorbing type", () => {
  test('a type of measure 0 holding the most is passed over; holdings after trade are endowment + z', () => {
    const e: Economy = {
      types: [
        { mass: 1, endowment: [1, 1], utility: cd(0.5) },
        { mass: 1, endowment: [2, 1], utility: cd(0.5) },
        { mass: 1, endowment: [9, 1], utility: cd(0.5) },
      ],
    };
    const mu = [new Fraction(1, 2), new Fraction(1, 2), new Fraction(0)];
    // good 0: type 0 holds 1 + 1.6 = 2.6 after trade, type 1 holds 2 − 1.5 = 0.5 (endowment − z would say 0.5 and 3.5);
    // excess 1.6 − 1.5 + 1e-3 > 0 goes to type 0; type 2 (9 + 0.5 after trade, measure 0) is not in the coalition
    const z = [
      [1.6 + 0.001, 0],
      [-1.5, 0],
      [0.5, 0],
    ];
    const f = finiteCoalition(e, mu, z);
    expect(f.n).toEqual([1n, 1n, 0n]);
    expect(f.z[0][0].add(f.z[1][0]).compare(0)).toBe(0);
    expect(f.z[1][0].valueOf()).toBe(-1.5);
    expect(f.z[2][0].valueOf()).toBe(0.5);
  });
});

describe('contract curve of two Cobb–Douglas types: the closed form', () => {
  test('y(s) = a_1 b_0 s E_1 / (a_0 b_1 (E_0 − s) + a_1 b_0 s) to 1e-13', () => {
    // MRS_0 = a_1 x_0 / (a_0 x_1) equals MRS_1 = b_1 (E_0 − s) / (b_0 (E_1 − y)): linear in y
    const [a0, a1, b0, b1] = [0.3, 0.7, 0.6, 0.4];
    const e: Economy = { types: [{ mass: 1, endowment: [5, 1], utility: cd(a0) }, { mass: 1, endowment: [1, 7], utility: cd(b0) }] };
    const [E0, E1] = [6, 8];
    for (const s of [0.5, 2, 4.5]) {
      const y = (a1 * b0 * s * E1) / (a0 * b1 * (E0 - s) + a1 * b0 * s);
      const x = contractPoint(e, s);
      expect(Math.abs(x[0][1] - y)).toBeLessThan(1e-13 * E1);
      expect(x[1][1]).toBe(E1 - x[0][1]);
    }
  });
});

describe('replicaBlockingMargin: CES weights that do not sum to 1', () => {
  test('type 0 CES with α = (1, 3), σ = 2, coalition (1, 1): the level curve is normalised like the aggregate', () => {
    const e: Economy = { types: [{ mass: 1, endowment: [3, 1], utility: { kind: 'ces', alpha: [1, 3], sigma: 2 } }, { mass: 1, endowment: [1, 3], utility: cd(0.5) }] };
    const alloc = [
      [2.2, 1.1],
      [1.8, 2.9],
    ];
    const u0 = e.types[0].utility;
    const u1 = e.types[1].utility;
    const U0 = utilityValue(u0, alloc[0]);
    const u1s = utilityValue(u1, alloc[1]);
    const want = scanMax(
      (y0) => {
        const rest = [4 - y0, 4 - onLevel(u0, U0, y0)];
        return rest[0] > 0 && rest[1] > 0 ? (utilityValue(u1, rest) - u1s) / Math.abs(u1s) : -Infinity;
      },
      0,
      4,
    );
    expect(replicaBlockingMargin(e, alloc, 1, 1)).toBeCloseTo(want, 9);
  });
});

describe('nelderMead against known minima', () => {
  test('Rosenbrock from (−1.2, 1): the minimum (1, 1), f = 0', () => {
    let calls = 0;
    const f = (x: number[]) => (calls++, 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2);
    const r = nelderMead(f, [-1.2, 1], 0.5, 400, 1e-20);
    expect(r.fx).toBeLessThan(1e-12);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-5);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-5);
    expect(r.fx).toBe(f(r.x));
    expect(calls).toBeLessThan(1200);
  });

  test('a coupled quadratic in 3 variables: its minimum solved by hand (−1, 2, 0.5)', () => {
    // f = (x0 + 1)² + 4(x1 − 2 − 0.5(x0 + 1))² + 9(x2 − 0.5)²: zero only at x0 = −1, x1 = 2, x2 = 0.5
    const f = (x: number[]) => (x[0] + 1) ** 2 + 4 * (x[1] - 2 - 0.5 * (x[0] + 1)) ** 2 + 9 * (x[2] - 0.5) ** 2;
    const r = nelderMead(f, [3, -1, 2], 1, 300, 1e-22);
    expect(r.fx).toBeLessThan(1e-14);
    [-1, 2, 0.5].forEach((v, j) => expect(Math.abs(r.x[j] - v)).toBeLessThan(1e-6));
  });

  test('stops once the simplex values agree within ftol (after 4m iterations): few calls on a flat function', () => {
    let calls = 0;
    const r = nelderMead(() => (calls++, 7), [0, 0], 1, 300, 1e-11);
    expect(r.fx).toBe(7);
    // 3 vertices, then per iteration a reflection, a contraction and a shrink of 2 vertices (nothing is ever
    // better): 4 calls; iterations 0..8 run, the check at it = 9 > 4m = 8 stops: 3 + 9·4
    expect(calls).toBe(39);
  });

  test('one iteration by hand: (x − 10)² + (y − 10)² from (0, 0), step 1 — the expansion (1.5, 1.5) is returned', () => {
    // simplex (0,0) 200, (1,0) 181, (0,1) 181; the worst (0,0) reflects through (0.5, 0.5) to (1, 1), 162 < 181:
    // expanded to (1.5, 1.5), 144.5 < 162, which replaces it; the best of the simplex is returned
    const r = nelderMead((x) => (x[0] - 10) ** 2 + (x[1] - 10) ** 2, [0, 0], 1, 1, 0);
    expect(r.x).toEqual([1.5, 1.5]);
    expect(r.fx).toBe(144.5);
  });
});
