/**
 * The trading rule g of Section 5 against references that share nothing with it: B(z_0, z_1) written
 * from the paper's conditions (i)–(iii) and searched by brute force (every integer point on small
 * integer cases; a grid and random points for divisible goods), and the KKT conditions of the
 * divisible problem checked at g's answer.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENUMERATION_MAX, galeObjective, galeTrade, waterFill } from '../../src/models/dagan-serrano-volij/trading-rule.ts';

interface Side {
  holdings: number[];
  target: number[];
}

/** Is x in B(z_0, z_1)? The paper's (i)–(iii) verbatim (goods k ≥ 1 are the paper's k ≥ 2), with slack `tol`. */
function inB(p: number[], indiv: boolean[], a: Side, b: Side, x: number[], tol = 1e-9): boolean {
  const z0 = a.target.map((f, k) => f - a.holdings[k]);
  const z1 = b.target.map((f, k) => f - b.holdings[k]);
  for (let k = 1; k < p.length; k++) {
    if (Math.abs(x[k]) > Math.abs(z0[k]) + tol || Math.abs(x[k]) > Math.abs(z1[k]) + tol) return false; // (i)
    if (x[k] * z0[k] < -tol || -x[k] * z1[k] < -tol) return false; // (ii)
    if (indiv[k] && x[k] !== Math.round(x[k])) return false;
  }
  for (let k = 0; k < p.length; k++) if (a.holdings[k] + x[k] < -tol || b.holdings[k] - x[k] < -tol) return false; // (iii)
  const px = p.reduce((s, pk, k) => s + pk * x[k], 0);
  return Math.abs(px) <= tol * (1 + p.reduce((s, pk, k) => s + pk * Math.abs(x[k]), 0));
}

/** Brute force over every integer vector (x^1..x^{L−1}) in the box |x^k| ≤ R, x^0 from p·x = 0: the best objective in B. */
function bruteForceInteger(p: number[], indiv: boolean[], a: Side, b: Side, R: number): { obj: number; argmaxes: number[][] } {
  const L = p.length;
  let best = -Infinity;
  let argmaxes: number[][] = [];
  const x = new Array(L).fill(0);
  const rec = (k: number) => {
    if (k === L) {
      x[0] = -x.slice(1).reduce((s, v, i) => s + p[i + 1] * v, 0) / p[0];
      if (!inB(p, indiv, a, b, x)) return;
      const o = galeObjective(x);
      if (o > best + 1e-12) {
        best = o;
        argmaxes = [x.slice()];
      } else if (Math.abs(o - best) <= 1e-12) argmaxes.push(x.slice());
      return;
    }
    for (let v = -R; v <= R; v++) {
      x[k] = v;
      rec(k + 1);
    }
    x[k] = 0;
  };
  rec(1);
  return { obj: best, argmaxes };
}

const side = (holdings: number[], target: number[]): Side => ({ holdings, target });

describe('g on small integer cases (every good k ≥ 1 indivisible): brute force over B', () => {
  const small = fc.integer({ min: 2, max: 4 }).chain((L) =>
    fc.record({
      p: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: L, maxLength: L }),
      e0: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: L, maxLength: L }),
      f0: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: L, maxLength: L }),
      e1: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: L, maxLength: L }),
      f1: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: L, maxLength: L }),
    }),
  );
  test('g is in B, no integer point of B is better, and g is one of the maximisers', () => {
    let positive = 0;
    fc.assert(
      fc.property(small, ({ p, e0, f0, e1, f1 }) => {
        const indiv = p.map((_, k) => k > 0);
        const a = side(e0, f0);
        const b = side(e1, f1);
        const g = galeTrade(p, indiv, a, b);
        expect(inB(p, indiv, a, b, g.trade)).toBe(true);
        const bf = bruteForceInteger(p, indiv, a, b, 3);
        expect(g.objective).toBeGreaterThanOrEqual(bf.obj - 1e-12);
        expect(bf.argmaxes.some((x) => x.every((v, k) => Math.abs(v - g.trade[k]) < 1e-9))).toBe(true);
        expect(g.ties).toBe(bf.argmaxes.length);
        if (g.trade.some((v, k) => k > 0 && v !== 0)) positive++;
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(positive).toBeGreaterThan(30); // the cases are not all the zero trade
  });

  test('ties go to the lexicographically greatest vector: the lower-indexed good is traded first', () => {
    // the proposer wants one unit of goods 1 and 2 (price 1 each), holds 1 unit of money: one of them only
    const g = galeTrade([1, 1, 1], [false, true, true], side([1, 0, 0], [0, 1, 1]), side([0, 1, 1], [1, 0, 0]));
    expect(g.trade).toEqual([-1, 1, 0]);
    expect(g.ties).toBe(2);
  });

  test('the liquidity stall: a payer without good 1 and no coincidence of wants trades nothing', () => {
    // Wicksell pair: a holds good 1 and wants good 2; b holds good 2 and wants good 3; nobody holds good 0
    const g = galeTrade([1, 1, 1, 1], [false, true, true, true], side([0, 1, 0, 0], [0, 0, 1, 0]), side([0, 0, 1, 0], [0, 0, 0, 1]));
    expect(g.trade).toEqual([0, 0, 0, 0]);
  });
});

describe('g with divisible goods: an independent optimiser over B', () => {
  const real = (lo: number, hi: number) => fc.integer({ min: 0, max: 40 }).map((i) => lo + ((hi - lo) * i) / 40);
  const cases = fc.integer({ min: 2, max: 4 }).chain((L) =>
    fc.record({
      p: fc.tuple(real(0.25, 3), fc.array(real(0.25, 3), { minLength: L - 1, maxLength: L - 1 })).map(([a, r]) => [a, ...r]),
      e0: fc.array(real(0, 3), { minLength: L, maxLength: L }),
      f0: fc.array(real(0, 3), { minLength: L, maxLength: L }),
      e1: fc.array(real(0, 3), { minLength: L, maxLength: L }),
      f1: fc.array(real(0, 3), { minLength: L, maxLength: L }),
      probes: fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: L, maxLength: L }), { minLength: 40, maxLength: 40 }),
    }),
  );
  test('g is in B and beats random points of B and a coordinate search started from them', () => {
    let binding = 0;
    fc.assert(
      fc.property(cases, ({ p, e0, f0, e1, f1, probes }) => {
        const indiv = p.map(() => false);
        const a = side(e0, f0);
        const b = side(e1, f1);
        const g = galeTrade(p, indiv, a, b);
        expect(inB(p, indiv, a, b, g.trade)).toBe(true);
        // box from (i)–(ii) alone: |x^k| ≤ min |z_i^k| with the sign of z_0^k when the signs are opposite
        const box = p.map((_, k) => {
          const z0 = f0[k] - e0[k];
          const z1 = f1[k] - e1[k];
          return k > 0 && z0 * z1 < 0 ? Math.sign(z0) * Math.min(Math.abs(z0), Math.abs(z1)) : 0;
        });
        const point = (w: number[]) => {
          const x = box.map((c, k) => (k === 0 ? 0 : (c * w[k]) / 1000));
          x[0] = -x.reduce((s, v, k) => s + p[k] * v, 0) / p[0];
          return x;
        };
        let bestSeen = -Infinity;
        for (const w of probes) {
          let x = point(w);
          if (!inB(p, indiv, a, b, x, 1e-12)) continue;
          // pattern search in the box's coordinates (steps 64/1000 halving to 1/1000), staying in B
          let ww = w.slice();
          for (let step = 64; step >= 1; step /= 2) {
            let improved = true;
            while (improved) {
              improved = false;
              for (let k = 1; k < p.length; k++)
                for (const d of [step, -step]) {
                  const w2 = ww.slice();
                  w2[k] = Math.min(1000, Math.max(0, w2[k] + d));
                  const x2 = point(w2);
                  if (inB(p, indiv, a, b, x2, 1e-12) && galeObjective(x2) > galeObjective(x) + 1e-15) {
                    ww = w2;
                    x = x2;
                    improved = true;
                  }
                }
            }
          }
          bestSeen = Math.max(bestSeen, galeObjective(x));
        }
        expect(g.objective).toBeGreaterThanOrEqual(bestSeen - 1e-12);
        const M0 = e0[0] * p[0];
        const V = g.trade.reduce((s, v, k) => (k > 0 ? s + p[k] * v : s), 0);
        if (Math.abs(V - M0) < 1e-9 && M0 > 0) binding++;
      }),
      { numRuns: 60, seed: 5 },
    );
    expect(binding).toBeGreaterThan(0); // some cases where the proposer's good 1 binds
  });

  test('water-filling: KKT — goods strictly inside (0, c) share one value of p_k·e^{s_k}, full goods at most it, empty at least', () => {
    const prices = [1, 0.5, 2, 1.5];
    const cap = [0, 3, 2, 1];
    const s = [0, 0, 0, 0];
    expect(waterFill(prices, cap, [1, 2, 3], 2, s)).toBe(true);
    const spent = 0.5 * s[1] + 2 * s[2] + 1.5 * s[3];
    expect(spent).toBeCloseTo(2, 12);
    // the multiplier λ = e^{−s_k}/p_k at interior goods
    const lam = [1, 2, 3].filter((k) => s[k] > 1e-12 && s[k] < cap[k] - 1e-12).map((k) => Math.exp(-s[k]) / prices[k]);
    expect(lam.length).toBeGreaterThan(0);
    for (const l of lam) expect(l).toBeCloseTo(lam[0], 12);
    for (const k of [1, 2, 3]) {
      const m = Math.exp(-s[k]) / prices[k];
      if (s[k] >= cap[k] - 1e-12) expect(m).toBeGreaterThanOrEqual(lam[0] - 1e-12);
      if (s[k] <= 1e-12) expect(m).toBeLessThanOrEqual(lam[0] + 1e-12);
    }
    expect(waterFill(prices, cap, [1, 2, 3], -1e-9, s)).toBe(false);
  });
});

test('enumeration beyond ENUMERATION_MAX integer vectors is refused', () => {
  const big = Math.ceil(Math.sqrt(ENUMERATION_MAX)) + 1;
  expect(() => galeTrade([1, 1, 1], [false, true, true], side([1e9, 0, 0], [0, big, big]), side([1e9, big, big], [1e9, 0, 0]))).toThrow(RangeError);
});
