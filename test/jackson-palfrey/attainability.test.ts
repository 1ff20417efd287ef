/** Proposition 1's LP (src/models/jackson-palfrey/attainability.ts): its rows are necessary conditions, checked against a rule known to be attainable. */
import { describe, expect, test } from 'vitest';
import { attainabilityLp, proposition1Economy } from '../../src/models/jackson-palfrey/attainability.ts';
import { homogeneousSellers, makeBuyers, makeEconomy, makeSellers, uniformBuyers, buyerCdf } from '../../src/models/jackson-palfrey/economy.ts';
import { theorem1Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import { buyersAt, cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import { solveLp, type SparseRows } from '../../src/numeric/lp.ts';
import { InputError } from '../../src/errors.ts';

/** The largest violation of the LP's rows and column bounds at x (doubles). */
function violation(lp: ReturnType<typeof attainabilityLp>['lp'], x: Float64Array): number {
  const A = lp.A as SparseRows;
  let worst = 0;
  for (let r = 0; r < A.numRows; r++) {
    let v = 0;
    for (let k = A.starts[r]; k < A.starts[r + 1]; k++) v += Number(A.values[k]) * x[A.indices[k]];
    worst = Math.max(worst, Number(lp.rowLower![r]) - v, v - Number(lp.rowUpper![r]));
  }
  for (let c = 0; c < x.length; c++) worst = Math.max(worst, Number(lp.colLower![c]) - x[c], x[c] - Number(lp.colUpper![c]));
  return worst;
}

describe('Proposition 1 LP', () => {
  // Section 6 (appendix): homogeneous sellers, δ = 1 — seller take-it-or-leave-it in both periods has the
  // efficient rule of Theorem 1 as its equilibrium, at prices p_t(s, b) = b. A necessary-condition LP must
  // admit those prices (footnote 11: the homogeneous case is attainable).
  test('the seller take-it-or-leave-it prices of an attainable rule satisfy every row (homogeneous sellers, δ = 1)', () => {
    const e = makeEconomy(makeBuyers({ atom0: 0.1, knots: [0, 0.4, 1], density: [0.5, 1.5] }), homogeneousSellers(0.55, 0.65));
    const beta1 = theorem1Cutoffs(e, 2).beta0[0];
    const betas = Float64Array.of(beta1, 1);
    const a = attainabilityLp(e, betas, 1, { buyerPoints: 10 });
    const G = a.grid;
    const x = new Float64Array(a.lp.colLower!.length);
    for (const row of [...a.p2, ...a.p1]) row.forEach((c, i) => c >= 0 && (x[c] = G[i]));
    // U_k at its lower bound: the left-end sum of ∫(p_2 − s_k) dB_2, below the true mean E_2(b) = β_1(0)
    const b2 = buyersAt(evolve(e, cutoffRule([betas, e.sellers.values])), 2);
    a.U.forEach((c, k) => {
      let u = 0;
      for (let i = 0; i + 1 < G.length; i++) if (a.p2[k][i] >= 0) u += (buyerCdf(b2, G[i + 1]) - buyerCdf(b2, G[i])) * (G[i] - e.sellers.values[k]);
      x[c] = u / a.B2;
    });
    // z_i: the largest period-1 price buyer G_i pays
    const zcols = a.lp.colNames!.map((n, c) => [n, c] as const).filter(([n]) => n.startsWith('z['));
    for (const [n, c] of zcols) x[c] = G[Number(n.slice(2, -1))];
    expect(violation(a.lp, x)).toBeLessThan(1e-12);
  });

  test('a rule whose prices would have to fall is caught: breaking the top price of p_2 violates non-decreasing prices', () => {
    const e = makeEconomy(uniformBuyers(), makeSellers([0.25, 0.75], [0.5, 0.5]));
    const a = attainabilityLp(e, [0.5, 1], 1, { buyerPoints: 4 });
    const x = new Float64Array(a.lp.colLower!.length);
    for (const row of a.p2) row.forEach((c, i) => c >= 0 && (x[c] = a.grid[i]));
    const top = a.p2[0][a.grid.length - 1];
    x[top] = 0.3; // below the price at a lower buyer, still individually rational
    expect(violation(a.lp, x)).toBeGreaterThan(0.1);
  });

  test('homogeneous sellers: the LP is feasible (solved by HiGHS, optimality certified exactly)', async () => {
    const e = makeEconomy(uniformBuyers(), homogeneousSellers(0.5, 0.5));
    const a = attainabilityLp(e, Float64Array.of(Math.SQRT2 - 1, 1), 1, { buyerPoints: 8 });
    const r = await solveLp(a.lp);
    expect(r.status).toBe('optimal');
    expect(r.certified).toBe(true);
  });

  test("the proof's economy: masses ½(1 − ε), ε, ½(1 − ε) on each side, equal totals", () => {
    const p = proposition1Economy(0.1, 4, [0.5]);
    const e = makeEconomy(makeBuyers(p.buyers), makeSellers(p.sellers.values, p.sellers.mass));
    expect(buyerCdf(e.buyers, 0)).toBeCloseTo(0.45, 14);
    expect(buyerCdf(e.buyers, 0.9)).toBeCloseTo(0.55, 14);
    expect(p.sellers.values.filter((v) => v < 0.1).length).toBe(4);
    expect(p.sellers.mass.slice(0, 4).reduce((s, m) => s + m, 0)).toBeCloseTo(0.45, 14);
    expect(p.sellers.mass[p.sellers.mass.length - 1]).toBeCloseTo(0.45, 14);
  });

  test('bad input names the field', () => {
    const e = makeEconomy(uniformBuyers(), homogeneousSellers(0.5, 0.5));
    expect(() => attainabilityLp(e, [0.4], 1)).toThrow(InputError);
    expect(() => attainabilityLp(e, [0.4], 1)).toThrow(/beta1/);
    expect(() => attainabilityLp(e, [0.4, 1], 1.5)).toThrow(/delta/);
    expect(() => proposition1Economy(0.7, 2, [])).toThrow(/eps/);
  });
});

describe('two-cluster economies', () => {
  test("the symmetric cluster economy is the proof's economy, built the other way", async () => {
    const { clusterEconomy, proposition1Economy: prop } = await import('../../src/models/jackson-palfrey/attainability.ts');
    const eps = 0.05;
    const mid = [0.3, 0.6, 0.65];
    const p = prop(eps, 4, mid);
    const c = clusterEconomy({ buyerAtom0: 0.5 * (1 - eps), buyerThin: eps, buyerTop: eps, sellerLow: 0.5 * (1 - eps), sellerLowWidth: eps, sellerThin: eps }, 4, mid);
    expect(Array.from(c.sellers.values)).toEqual(p.sellers.values);
    Array.from(c.sellers.mass).forEach((m, j) => expect(m).toBeCloseTo(p.sellers.mass[j], 15));
    for (const v of [0, 0.1, 0.5, 0.94, 0.96, 0.999, 1]) expect(buyerCdf(c.buyers, v)).toBeCloseTo(buyerCdf(makeBuyers(p.buyers), v), 14);
  });

  test('bad cluster parameters name the field', async () => {
    const { clusterEconomy } = await import('../../src/models/jackson-palfrey/attainability.ts');
    const ok = { buyerAtom0: 0.4, buyerThin: 0.05, buyerTop: 0.05, sellerLow: 0.4, sellerLowWidth: 0.05, sellerThin: 0.05 };
    expect(() => clusterEconomy({ ...ok, buyerTop: 0 }, 4, [])).toThrow(/buyerTop/);
    expect(() => clusterEconomy({ ...ok, buyerAtom0: 0.96 }, 4, [])).toThrow(/buyerThin/);
    expect(() => clusterEconomy({ ...ok, sellerThin: 0.7 }, 4, [])).toThrow(/sellerThin/);
  });
});
