/**
 * Jackson–Palfrey attainability.ts (Proposition 1's LP), first cases from its mutation run
 * (mutation/results/mut-jp2.md: 45 % with the unit tests alone, survivors not yet examined): the
 * option checks at their boundaries, which sellers get period-1 rows under 'ends', and the grid's
 * documented points.
 */
import { describe, expect, test } from 'vitest';
import { attainabilityLp, clusterEconomy } from '../../src/models/jackson-palfrey/attainability.ts';
import { makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { InputError } from '../../src/errors.ts';

const e = makeEconomy(uniformBuyers(), makeSellers([0, 0.3, 0.6, 1], [0.25, 0.25, 0.25, 0.25]));
const beta = [0.4, 0.55, 0.8, 1];

function message(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return err instanceof InputError ? err.message : `not an InputError: ${err}`;
  }
  return 'no error';
}

describe('option checks at their boundaries', () => {
  test('buyerPoints, below, beta1, delta', () => {
    expect(message(() => attainabilityLp(e, beta, 1, { buyerPoints: 0 }))).toMatch(/^buyerPoints: .*integer ≥ 1 \(got 0\)/);
    expect(message(() => attainabilityLp(e, beta, 1, { buyerPoints: 2.5 }))).toMatch(/^buyerPoints: .*\(got 2\.5\)/);
    expect(message(() => attainabilityLp(e, beta, 1, { buyerPoints: 1 }))).toBe('no error');
    expect(message(() => attainabilityLp(e, beta, 1, { below: 0 }))).toMatch(/^below: .*must be in \(0, 0\.01\) \(got 0\)/);
    expect(message(() => attainabilityLp(e, beta, 1, { below: 0.01 }))).toMatch(/^below: /);
    expect(message(() => attainabilityLp(e, beta, 1, { below: 0.0099 }))).toBe('no error');
    expect(message(() => attainabilityLp(e, [0.4], 1))).toMatch(/^beta1: .*one cutoff per seller atom \(4, got 1\)/);
    expect(message(() => attainabilityLp(e, beta, -0.1))).toMatch(/^delta: .*\(got -0\.1\)/);
    expect(message(() => attainabilityLp(e, beta, 0))).toBe('no error');
  });

  test('clusterEconomy: each bound names its field', () => {
    const ok = { buyerAtom0: 0.4, buyerThin: 0.05, buyerTop: 0.05, sellerLow: 0.4, sellerLowWidth: 0.05, sellerThin: 0.05 };
    expect(message(() => clusterEconomy({ ...ok, buyerAtom0: -0.1 }, 4, []))).toMatch(/^buyerAtom0: must be in \[0, 1\]/);
    expect(message(() => clusterEconomy({ ...ok, sellerLowWidth: 1 }, 4, []))).toMatch(/^sellerLowWidth: /);
    expect(message(() => clusterEconomy({ ...ok, sellerLow: 0.96 }, 4, []))).toMatch(/^sellerThin: .*at most 1/);
    expect(message(() => clusterEconomy(ok, 4, []))).toBe('no error');
  });
});

describe('which sellers get period-1 columns, and the grid', () => {
  test("'all': every atom with β_1 < 1 has p1 columns at its cutoff buyer and at b = 1; 'ends': the lowest atom and the highest with β_1 < 1 only", () => {
    const all = attainabilityLp(e, beta, 1, { buyerPoints: 4 });
    const ends = attainabilityLp(e, beta, 1, { buyerPoints: 4, sellersUsed: 'ends' });
    const cols = (a: typeof all, j: number) => Array.from(a.p1[j]).filter((c) => c >= 0).length;
    expect([0, 1, 2, 3].map((j) => cols(all, j))).toEqual([2, 2, 2, 0]);
    expect([0, 1, 2, 3].map((j) => cols(ends, j))).toEqual([2, 0, 2, 0]);
    // the column at the cutoff buyer is the first grid point ≥ β_1(s_j)
    for (let j = 0; j < 3; j++) {
      const i = Array.from(all.p1[j]).findIndex((c) => c >= 0);
      expect(all.grid[i]).toBeGreaterThanOrEqual(beta[j]);
      expect(all.grid[i - 1]).toBeLessThan(beta[j]);
    }
  });

  test('the grid holds k/M, the buyer knots, each used cutoff and the point `below` under it', () => {
    const a = attainabilityLp(e, beta, 1, { buyerPoints: 4, below: 1e-3 });
    const g = Array.from(a.grid);
    for (const x of [0, 0.25, 0.5, 0.75, 1, 0.4, 0.399, 0.55, 0.549, 0.8, 0.799]) expect(g.some((y) => Math.abs(y - x) < 1e-15), `${x}`).toBe(true);
    expect(g.length).toBe(11);
    const ends = attainabilityLp(e, beta, 1, { buyerPoints: 4, below: 1e-3, sellersUsed: 'ends' });
    expect(Array.from(ends.grid).some((y) => Math.abs(y - 0.549) < 1e-15)).toBe(false);
    // period-2 columns: p_2(s_k, G_i) exactly where G_i ≥ s_k, bounded by [s_k, G_i]
    a.p2.forEach((row, k) =>
      row.forEach((c, i) => {
        expect(c >= 0).toBe(g[i] >= e.sellers.values[k]);
        if (c >= 0) expect([a.lp.colLower![c], a.lp.colUpper![c]]).toEqual([e.sellers.values[k], g[i]]);
      }),
    );
  });
});
