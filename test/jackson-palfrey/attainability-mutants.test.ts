/**
 * Jackson–Palfrey attainability.ts (Proposition 1's LP), first cases from its mutation run
 * (mutation/results/mut-jp2.md: 45 % with the unit tests alone, survivors not yet examined): the
 * option checks at their boundaries, which sellers get period-1 rows under 'ends', and the grid's
 * documented points.
 */
import { describe, expect, test } from 'vitest';
import { attainabilityLp, clusterEconomy, clusterMarket, proposition1Economy, proposition1Market, type AttainabilityOptions } from '../../src/models/jackson-palfrey/attainability.ts';
import { buyerCdf, makeBuyers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { theorem2Cutoffs } from '../../src/models/jackson-palfrey/efficient.ts';
import { buyersAt, cutoffRule, evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import type { Economy, PricePeriod } from '../../src/models/jackson-palfrey/types.ts';
import { buyerReservation, fixedPrice, sellerReservation, sellerUtility } from '../../src/models/jackson-palfrey/utility.ts';
import type { SparseRows } from '../../src/numeric/lp.ts';
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

// ---------------------------------------------------------------------------------------------
// Every row of the LP read at a price rule and checked against the model's own reservation prices
// (utility.ts, Section 3's sum of products), which share no code with the LP's linear forms: with
// p_2(s, b) = (1 − λ)s + λb on the grid and U_k the true u_2^s(s_k), a row's slack (activity minus
// its bound, signed so that ≥ 0 is satisfied) must equal the printed condition's slack.

interface RowCase {
  e: Economy;
  beta: number[];
  delta: number;
  lambda: number;
  opts: AttainabilityOptions;
}

/** B_1 has buyers in every neighbourhood of g (or an atom at g = 0): the support, read off the CDF. */
const inSupportRef = (e: Economy, g: number) =>
  (g === 0 && e.buyers.atom0 > 0) || buyerCdf(e.buyers, Math.min(1, g + 1e-9)) - buyerCdf(e.buyers, Math.max(0, g - 1e-9)) > 0;

function checkRows({ e, beta, delta, lambda, opts }: RowCase) {
  const a = attainabilityLp(e, beta, delta, opts);
  const s = e.sellers.values;
  const n = s.length;
  const G = a.grid;
  const m = G.length;
  const path = evolve(e, cutoffRule([beta, s]));
  const p2: PricePeriod = { knots: Float64Array.of(0, 1), a: Array.from(s, (v) => Float64Array.of((1 - lambda) * v)), g: Array.from(s, () => Float64Array.of(lambda)) };
  const price = [fixedPrice(s, 0), p2];
  const resS = Array.from(s, (_, j) => sellerReservation(path, price, delta, 1, j));
  const resB = (b: number) => buyerReservation(path, price, delta, 1, b);
  const lp = a.lp;
  const ncols = lp.colLower!.length;
  expect(lp.cost).toEqual(new Array(ncols).fill(0));
  const x = new Float64Array(ncols);
  a.p2.forEach((row, k) => row.forEach((c, i) => c >= 0 && (x[c] = (1 - lambda) * s[k] + lambda * G[i])));
  a.U.forEach((c, k) => (x[c] = sellerUtility(path, price, delta, 2, k)));
  let seed = 1;
  a.p1.forEach((row) => row.forEach((c) => c >= 0 && (x[c] = 0.2 + 0.013 * seed++)));
  const z = new Int32Array(m).fill(-1);
  lp.colNames!.forEach((nm, c) => {
    const hit = /^z\[(\d+)\]$/.exec(nm);
    if (hit) {
      z[Number(hit[1])] = c;
      x[c] = 0.3 + 0.007 * Number(hit[1]);
    }
    if (!nm.startsWith('p2[')) expect([lp.colLower![c], lp.colUpper![c]], nm).toEqual([-Infinity, Infinity]);
  });
  // p_1 columns where the doc puts them: the first support point ≥ β_1(s_j) and b = 1, for used sellers with β_1 < 1
  const usedRef = (j: number) => (opts.sellersUsed === 'ends' ? j === 0 || j === Math.max(...beta.map((b, k) => (b < 1 ? k : -1))) : true);
  for (let j = 0; j < n; j++) {
    const want = new Set<number>();
    if (usedRef(j) && beta[j] < 1) {
      const first = Array.from(G).findIndex((g) => g >= beta[j] && inSupportRef(e, g));
      if (first >= 0) want.add(first);
      if (inSupportRef(e, 1)) want.add(m - 1);
    }
    expect(new Set(Array.from(a.p1[j]).flatMap((c, i) => (c >= 0 ? [i] : []))), `p1[${j}]`).toEqual(want);
  }
  const A = lp.A as SparseRows;
  // sparse rows store no zeros (δ = 0 makes the U and period-2 terms of the period-1 rows vanish)
  expect(Array.from(A.values, Number).filter((v) => v === 0)).toEqual([]);
  const counts = new Map<string, number>();
  for (let r = 0; r < A.numRows; r++) {
    let act = 0;
    for (let q = A.starts[r]; q < A.starts[r + 1]; q++) act += Number(A.values[q]) * x[A.indices[q]];
    const lo = Number(lp.rowLower![r]);
    const hi = Number(lp.rowUpper![r]);
    const name = lp.rowNames![r];
    const ge = hi === Infinity;
    expect(ge || lo === -Infinity, name).toBe(true);
    const slack = ge ? act - lo : hi - act;
    // the bracketed indices, then the one in parentheses (p̄s(k), p̄b(i))
    const num = [...name.matchAll(/\[(\d+)\]/g)].map((h) => Number(h[1]));
    const par = Number(/\((\d+)\)/.exec(name)?.[1]);
    const kind = name.replace(/[:([].*$/, '').trim() + (name.includes('≤ z') ? ' z' : '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    let want: number;
    if (kind === 'ndp2 b') want = lambda * (G[num[3]] - G[num[1]]);
    else if (kind === 'ndp2 s') want = (1 - lambda) * (s[num[2]] - s[num[0]]);
    else if (kind === 'IR1 seller') want = x[a.p1[num[0]][num[1]]] - resS[num[0]];
    else if (kind === 'IR1 buyer') want = resB(G[num[1]]) - x[a.p1[num[0]][num[1]]];
    else if (kind === 'IIR1 seller') {
      // b′: the last support point below β_1(s_j)
      const j = num[0];
      let ib = -1;
      G.forEach((g, i) => g < beta[j] && inSupportRef(e, g) && (ib = i));
      expect(par, name).toBe(ib);
      want = x[a.p1[j][num[1]]] - resB(G[ib]);
    } else if (kind === 'IIR1 buyer z') want = x[z[num[2]]] - x[a.p1[num[0]][num[1]]];
    else if (kind === 'IIR1 buyer') {
      expect(beta[par] > G[num[0]] || beta[par] >= 1, name).toBe(true);
      want = resS[par] - x[z[num[0]]];
    } else if (kind === 'u2s lower' || kind === 'u2s upper') {
      // the left and right Riemann sums of ∫ (p_2 − s_k)⁺ dB_2 bracket B_2 U_k, each within λ·(widest cell)·B_2
      const h = Math.max(...Array.from(G, (g, i) => (i ? g - G[i - 1] : 0)));
      expect(slack, name).toBeGreaterThanOrEqual(-1e-12);
      expect(slack, name).toBeLessThanOrEqual(lambda * h * a.B2 + 1e-12);
      continue;
    } else throw new Error(`unknown row ${name}`);
    expect(slack, name).toBeCloseTo(want, 12);
  }
  // the U rows once more at p_2(s_k, ·) = s_k + c_k and U = 0: the sums are c_k times B_2's mass from the
  // first grid point ≥ s_k (left ends) and from s_k (right ends) up to 1
  const b2 = buyersAt(path, 2);
  const x2 = new Float64Array(ncols);
  const prem = (k: number) => 0.1 * (k + 1);
  a.p2.forEach((row, k) => row.forEach((c) => c >= 0 && (x2[c] = s[k] + prem(k))));
  for (let r = 0; r < A.numRows; r++) {
    const name = lp.rowNames![r];
    if (!name.startsWith('u2s')) continue;
    const k = Number(/\[(\d+)\]/.exec(name)![1]);
    let act = 0;
    for (let q = A.starts[r]; q < A.starts[r + 1]; q++) act += Number(A.values[q]) * x2[A.indices[q]];
    const first = G.find((g) => g >= s[k])!;
    if (name.startsWith('u2s lower')) expect(act - Number(lp.rowLower![r]), name).toBeCloseTo(-prem(k) * (buyerCdf(b2, 1) - buyerCdf(b2, first)), 12);
    else expect(Number(lp.rowUpper![r]) - act, name).toBeCloseTo(prem(k) * (buyerCdf(b2, 1) - buyerCdf(b2, s[k])), 12);
  }
  // how many rows of each kind, counted from the conditions
  const p1cols = a.p1.flatMap((row, j) => Array.from(row).flatMap((c, i) => (c >= 0 ? [[j, i]] : [])));
  const p2cols = a.p2.flatMap((row, k) => Array.from(row).flatMap((c, i) => (c >= 0 ? [[k, i]] : [])));
  const zRows = [...new Set(p1cols.map(([, i]) => i))].reduce((acc, i) => acc + beta.filter((b) => b > G[i] || b >= 1).length, 0);
  const want = {
    'ndp2 b': p2cols.filter(([, i]) => i + 1 < m).length,
    'ndp2 s': p2cols.filter(([k, i]) => k + 1 < n && G[i] >= s[k + 1]).length,
    'u2s lower': n,
    'u2s upper': n,
    'IR1 seller': p1cols.length,
    'IR1 buyer': p1cols.length,
    'IIR1 seller': p1cols.filter(([j]) => Array.from(G).some((g) => g < beta[j] && inSupportRef(e, g))).length,
    'IIR1 buyer z': p1cols.length,
    'IIR1 buyer': zRows,
  };
  for (const [k, v] of Object.entries(want)) expect(counts.get(k) ?? 0, k).toBe(v);
  expect(A.numRows).toBe(Object.values(want).reduce((p, q) => p + q, 0));
  return a;
}

describe('the rows at a price rule, against utility.ts', () => {
  const four = makeEconomy(uniformBuyers(), makeSellers([0, 0.3, 0.6, 1], [0.25, 0.25, 0.25, 0.25]));
  test.each([
    { lambda: 0, delta: 0.8, opts: { buyerPoints: 4, below: 1e-3 } },
    { lambda: 0.5, delta: 0.8, opts: { buyerPoints: 4, below: 1e-3 } },
    { lambda: 0.3, delta: 1, opts: { buyerPoints: 5, sellersUsed: 'ends' as const } },
    { lambda: 0.5, delta: 0, opts: { buyerPoints: 4 } },
  ])('uniform buyers, four atoms (λ = $lambda, δ = $delta)', ({ lambda, delta, opts }) => {
    checkRows({ e: four, beta: [0.4, 0.55, 0.8, 1], delta, lambda, opts });
  });

  test('buyers with a gap in their support and an atom at 0: no rows at points without buyers', () => {
    // atom 0.2 at 0, none on (0, 0.2), density on (0.2, 0.5), none on (0.5, 0.7), density on (0.7, 1)
    const buyers = makeBuyers({ atom0: 0.2, knots: [0, 0.2, 0.5, 0.7, 1], density: [0, 1, 0, 5 / 3] });
    const e = makeEconomy(buyers, makeSellers([0, 0.1, 0.4, 0.9], [0.25, 0.25, 0.25, 0.25]));
    // seller 0 trades with everyone (β = 0: the atom's point), seller 0.4's cutoff in the gap
    const a = checkRows({ e, beta: [0, 0.3, 0.6, 1], delta: 0.9, lambda: 0.5, opts: { buyerPoints: 10, below: 1e-3 } });
    expect(a.grid[Array.from(a.p1[0]).findIndex((c) => c >= 0)]).toBe(0);
    expect(a.grid[Array.from(a.p1[2]).findIndex((c) => c >= 0)]).toBeCloseTo(0.7, 15);
    // without the atom, 0 is still in the support (buyers just above it) only if (0, 0.2) has buyers: it has none
    const noAtom = makeEconomy(makeBuyers({ atom0: 0, knots: [0, 0.2, 0.5, 0.7, 1], density: [0, 1, 0, 7 / 3] }), makeSellers([0, 0.1, 0.4, 0.9], [0.25, 0.25, 0.25, 0.25]));
    const b = checkRows({ e: noAtom, beta: [0, 0.3, 0.6, 1], delta: 0.9, lambda: 0.5, opts: { buyerPoints: 10, below: 1e-3 } });
    expect(b.grid[Array.from(b.p1[0]).findIndex((c) => c >= 0)]).toBeCloseTo(0.2, 15);
  });

  test('no buyers near 1: no column at b = 1; a seller who always trades in period 1 leaves nothing to period 2', () => {
    const top = makeEconomy(makeBuyers({ knots: [0, 0.5, 0.9, 1], density: [1, 1.25, 0] }), makeSellers([0, 0.3, 0.6, 1], [0.25, 0.25, 0.25, 0.25]));
    const a = checkRows({ e: top, beta: [0, 0.55, 0.8, 1], delta: 0.7, lambda: 0.4, opts: { buyerPoints: 4, below: 1e-3 } });
    expect(a.p1.every((row) => row[a.grid.length - 1] < 0)).toBe(true);
    expect(a.sellerMass2[0]).toBe(0);
  });

  test('no seller at 0: column 0 is p_2(s_0, ·) at b′ = β_1(s_0) − below, and p̄ᵇ_1(b′) counts it (mut9-jp)', () => {
    const e = makeEconomy(uniformBuyers(), makeSellers([0.3, 0.6, 1], [0.4, 0.3, 0.3]));
    const a = checkRows({ e, beta: [0.4, 0.8, 1], delta: 0.9, lambda: 0.5, opts: { buyerPoints: 4, below: 1e-3 } });
    expect(a.grid[Array.from(a.p2[0]).findIndex((c) => c === 0)]).toBeCloseTo(0.399, 15);
  });

  test('everyone trades in period 1 (β ≡ 0): S_2(1) = 0 and p̄ᵇ_1(b) = b', () => {
    const a = checkRows({ e: four, beta: [0, 0, 0, 0], delta: 1, lambda: 0.5, opts: { buyerPoints: 4 } });
    expect(a.S2).toBe(0);
  });
});

describe("the proof's economies refined near σ_1(1)", () => {
  /** Gaps between consecutive atoms with values in (lo, hi). */
  const gaps = (v: Float64Array, lo: number, hi: number) => {
    const w = Array.from(v).filter((x) => x > lo && x < hi);
    return w.slice(1).map((x, i) => x - w[i]);
  };

  test.each([
    { eps: 0.05, fine: 4 },
    { eps: 0.08, fine: 2 },
  ])('proposition1Market(ε = $eps, fine = $fine): β_1 of eq. (4), σ_1(1) the first atom with β_1 = 1, cells ε/fine around it', ({ eps, fine }) => {
    const r = proposition1Market(eps, fine);
    const v = r.economy.sellers.values;
    const mass = r.economy.sellers.mass;
    expect(Array.from(r.beta1)).toEqual(Array.from(theorem2Cutoffs(r.economy, 1).beta));
    v.forEach((x, j) => expect(r.beta1[j] >= 1, `${x}`).toBe(x >= r.sigma));
    expect(r.sigma).toBeGreaterThan(0.3);
    expect(r.sigma).toBeLessThan(1);
    // within 2ε of σ_1(1) (inside the 3ε window of the coarse σ, at most one coarse cell away) the atoms are ε/fine apart
    const near = gaps(v, r.sigma - 2 * eps, r.sigma + 2 * eps);
    expect(near.length).toBeGreaterThanOrEqual(4 * fine - 2);
    for (const g of near) expect(g).toBeCloseTo(eps / fine, 12);
    // far below it, the coarse cells of width 1/20
    for (const g of gaps(v, 2 * eps, r.sigma - 4 * eps)) expect(g).toBeCloseTo(0.05, 12);
    // the masses: ½(1 − ε) over the 4 low atoms and at 1, ε spread uniformly on (ε, 1)
    expect(v.slice(0, 4).every((x) => x < eps)).toBe(true);
    mass.slice(0, 4).forEach((m) => expect(m).toBeCloseTo((0.5 * (1 - eps)) / 4, 15));
    expect(v[v.length - 1]).toBe(1);
    expect(mass[mass.length - 1]).toBeCloseTo(0.5 * (1 - eps), 15);
    const j = Array.from(v).findIndex((x) => x === r.sigma);
    expect(mass[j]).toBeCloseTo((eps * (eps / fine)) / (1 - eps), 15);
    expect(Array.from(mass).reduce((p, q) => p + q, 0)).toBeCloseTo(1, 14);
    // the window is [s0 − 3ε, s0 + 3ε] around the coarse economy's σ (cells of 1/20): 6·fine fine cells
    const p0 = proposition1Economy(eps, 4, Array.from({ length: 19 }, (_, i) => (i + 1) / 20));
    const e0 = makeEconomy(makeBuyers(p0.buyers), makeSellers(p0.sellers.values, p0.sellers.mass));
    const b0 = theorem2Cutoffs(e0, 1).beta;
    const s0 = e0.sellers.values[b0.findIndex((b) => b >= 1)];
    expect(Array.from(v).filter((x) => x > s0 - 3 * eps && x < s0 + 3 * eps).length).toBe(6 * fine);
  });

  test('proposition1Market: fine must be an integer in 1..64', () => {
    expect(message(() => proposition1Market(0.05, 0))).toMatch(/^fine: must be an integer in 1\.\.64 \(got 0\)/);
    expect(message(() => proposition1Market(0.05, 65))).toMatch(/^fine: /);
    expect(message(() => proposition1Market(0.05, 1.5))).toMatch(/^fine: /);
    expect(message(() => proposition1Market(0.05, 64))).toBe('no error');
    expect(message(() => proposition1Market(0.05, 1))).toBe('no error');
  });

  test('clusterMarket: cells min(buyerTop, sellerLowWidth)/fine around σ_1(1)', () => {
    const c = { buyerAtom0: 0.45, buyerThin: 0.1, buyerTop: 0.08, sellerLow: 0.45, sellerLowWidth: 0.05, sellerThin: 0.1 };
    const r = clusterMarket(c, 4);
    const v = r.economy.sellers.values;
    expect(Array.from(r.beta1)).toEqual(Array.from(theorem2Cutoffs(r.economy, 1).beta));
    v.forEach((x, j) => expect(r.beta1[j] >= 1, `${x}`).toBe(x >= r.sigma));
    const near = gaps(v, r.sigma - 0.05, r.sigma + 0.05);
    expect(near.length).toBeGreaterThanOrEqual(6);
    for (const g of near) expect(g).toBeCloseTo(0.05 / 4, 12);
    // 6·fine cells in [s0 − 3·scale, s0 + 3·scale], s0 the coarse economy's σ
    const e0 = clusterEconomy(c, 4, Array.from({ length: 19 }, (_, i) => (i + 1) / 20));
    const s0 = e0.sellers.values[theorem2Cutoffs(e0, 1).beta.findIndex((b) => b >= 1)];
    expect(s0 + 0.15).toBeLessThan(1);
    expect(Array.from(v).filter((x) => x > s0 - 0.15 && x < s0 + 0.15).length).toBe(24);
    expect(v.slice(0, 4).every((x) => x < 0.05)).toBe(true);
  });

  test('the cuts: ε (or sellerLowWidth) and 1 given again as cuts add no empty cell; ε must be below 1/2; some buyers above the thin part', () => {
    const p = proposition1Economy(0.1, 4, [0.1, 0.5, 1]);
    expect(p.sellers.values.length).toBe(7);
    p.sellers.mass.forEach((m) => expect(m).toBeGreaterThan(0));
    expect(message(() => proposition1Economy(0.5, 4, []))).toMatch(/^eps: /);
    const c = { buyerAtom0: 0.4, buyerThin: 0.1, buyerTop: 0.1, sellerLow: 0.4, sellerLowWidth: 0.1, sellerThin: 0.2 };
    expect(clusterEconomy(c, 2, [0.1, 0.5, 1]).sellers.values.length).toBe(5);
    expect(message(() => clusterEconomy({ ...c, buyerThin: 0.6 }, 2, []))).toMatch(/^buyerThin: /);
  });

  test('clusterEconomy: sellers of zero mass are dropped; no atom at 1 when sellerLow + sellerThin = 1', () => {
    const e0 = clusterEconomy({ buyerAtom0: 0.4, buyerThin: 0.1, buyerTop: 0.1, sellerLow: 0.6, sellerLowWidth: 0.1, sellerThin: 0 }, 3, [0.5]);
    expect(e0.sellers.values.length).toBe(4);
    [0.1 / 6, 0.05, 0.5 / 6, 1].forEach((x, j) => expect(e0.sellers.values[j]).toBeCloseTo(x, 15));
    const e1 = clusterEconomy({ buyerAtom0: 0.4, buyerThin: 0.1, buyerTop: 0.1, sellerLow: 0.6, sellerLowWidth: 0.1, sellerThin: 0.4 }, 2, [0.5]);
    expect(e1.sellers.values.length).toBe(4);
    [0.025, 0.075, 0.3, 0.75].forEach((x, j) => expect(e1.sellers.values[j]).toBeCloseTo(x, 15));
    Array.from(e1.sellers.mass).forEach((m, j) => expect(m).toBeCloseTo([0.3, 0.3, 0.4 * (0.4 / 0.9), 0.4 * (0.5 / 0.9)][j], 15));
  });
});

describe('mut9-jp: survivors of the measured run (mutation/results/mut9-jp.md)', () => {
  test('columns are named after what they stand for: p1[j][i] and U[k] (the LP messages and certificates read them)', () => {
    const a = attainabilityLp(e, beta, 1, { buyerPoints: 4 });
    a.U.forEach((c, k) => expect(a.lp.colNames?.[c]).toBe(`U[${k}]`));
    let seen = 0;
    a.p1.forEach((row, j) =>
      row.forEach((c, i) => {
        if (c < 0) return;
        seen++;
        expect(a.lp.colNames?.[c]).toBe(`p1[${j}][${i}]`);
      }),
    );
    expect(seen).toBe(6);
  });

  test('the untraded buyer b′ may be the grid point 0: a cutoff within `below` of 0 still gets its IIR row against p̄_1^b(0)', () => {
    // β_1(s_0) = 5e-7 < below = 1e-6: the point just below the cutoff is max(0, β − h) = 0, in the support (buyers uniform on [0, 1])
    const a = attainabilityLp(e, [5e-7, 0.55, 0.8, 1], 0.5, { buyerPoints: 4 });
    expect(a.grid[0]).toBe(0);
    expect(a.grid[1]).toBe(5e-7);
    const names = a.lp.rowNames ?? [];
    const iir0 = names.filter((r) => r.startsWith('IIR1 seller: p1[0]'));
    // one per p1 column of atom 0 (its cutoff buyer G_1 and b = 1), each against b′ = G_0 = 0
    expect(iir0).toEqual([`IIR1 seller: p1[0][1] ≥ p̄b(0)`, `IIR1 seller: p1[0][${a.grid.length - 1}] ≥ p̄b(0)`]);
    // p̄_1^b(0) = 0 − δ u_2^b(0) and u_2^b(0) = 0 (only s = 0 trades with b = 0, at price p_2(0, 0) = 0): the row is p1 ≥ 0 up to that column
    const r = names.indexOf(iir0[0]);
    expect(a.lp.rowLower?.[r]).toBe(0);
  });

  test('proposition1Economy: ε must be positive, with the range in the message', () => {
    expect(message(() => proposition1Economy(0, 4, []))).toBe('eps: must be in (0, 1/2) (got 0)');
    expect(message(() => proposition1Economy(-0.1, 4, []))).toMatch(/^eps: must be in \(0, 1\/2\) \(got -0\.1\)/);
    expect(message(() => proposition1Economy(1e-9, 4, []))).toBe('no error');
  });

  test('clusterEconomy: every field is named in its error, each bound inclusive', () => {
    const ok = { buyerAtom0: 0.4, buyerThin: 0.05, buyerTop: 0.05, sellerLow: 0.4, sellerLowWidth: 0.05, sellerThin: 0.05 };
    expect(message(() => clusterEconomy({ ...ok, buyerThin: -0.1 }, 4, []))).toBe('buyerThin: must be in [0, 1] (got -0.1)');
    expect(message(() => clusterEconomy({ ...ok, buyerTop: 1 - 5e-7 }, 4, []))).toBe(`buyerTop: must be in [${1e-6}, ${1 - 1e-6}] (got ${1 - 5e-7})`);
    expect(message(() => clusterEconomy({ ...ok, sellerLow: -0.1 }, 4, []))).toBe('sellerLow: must be in [0, 1] (got -0.1)');
    expect(message(() => clusterEconomy({ ...ok, sellerThin: -0.1 }, 4, []))).toBe('sellerThin: must be in [0, 1] (got -0.1)');
    expect(message(() => clusterEconomy({ ...ok, buyerAtom0: 0.5, buyerThin: 0.5 }, 4, []))).toBe('buyerThin: buyerAtom0 + buyerThin must be below 1');
    // the upper bounds are attained: all sellers low (sellerLow = 1), buyerTop = 1 − 1e-6
    const all = clusterEconomy({ ...ok, sellerLow: 1, sellerThin: 0 }, 2, []);
    expect(all.sellers.values.length).toBe(2);
    [0.0125, 0.0375].forEach((x, j) => expect(all.sellers.values[j]).toBeCloseTo(x, 15));
    expect(message(() => clusterEconomy({ ...ok, buyerTop: 1 - 1e-6 }, 4, []))).toBe('no error');
  });

  test('clusterEconomy: cuts outside (sellerLowWidth, 1) are ignored', () => {
    const c = { buyerAtom0: 0.4, buyerThin: 0.1, buyerTop: 0.1, sellerLow: 0.4, sellerLowWidth: 0.1, sellerThin: 0.2 };
    const a = clusterEconomy(c, 2, [0.05, 0.5, 1.5, -1]);
    [0.025, 0.075, 0.3, 0.75, 1].forEach((x, j) => expect(a.sellers.values[j]).toBeCloseTo(x, 15));
    expect(a.sellers.values.length).toBe(5);
    const w = a.sellers.mass;
    [0.2, 0.2, 0.2 * (0.4 / 0.9), 0.2 * (0.5 / 0.9), 0.4].forEach((m, j) => expect(w[j]).toBeCloseTo(m, 15));
  });

  /** Atoms of the refined economy far (one coarse cell beyond the window) from the coarse σ: midpoints of the 1/20 cells. */
  function farAtoms(v: Float64Array, lowEdge: number, s0: number, half: number): { below: number[]; above: number[]; expBelow: number[]; expAbove: number[] } {
    const below = Array.from(v).filter((x) => x > lowEdge && x < s0 - half - 0.05);
    const above = Array.from(v).filter((x) => x > s0 + half + 0.05 && x < 1);
    const expBelow = [(lowEdge + 0.05) / 2];
    const expAbove: number[] = [];
    for (let k = 1; k < 20; k++) {
      const x = (k + 0.5) / 20;
      if (x < s0 - half - 0.05) expBelow.push(x);
      if (x > s0 + half + 0.05) expAbove.push(x);
    }
    return { below, above, expBelow, expAbove };
  }

  test('proposition1Market (ε = 0.02): outside the window around σ the cells are the coarse ones, below and above', () => {
    const eps = 0.02;
    const r = proposition1Market(eps, 1);
    const p0 = proposition1Economy(eps, 4, Array.from({ length: 19 }, (_, i) => (i + 1) / 20));
    const e0 = makeEconomy(makeBuyers(p0.buyers), makeSellers(p0.sellers.values, p0.sellers.mass));
    const s0 = e0.sellers.values[theorem2Cutoffs(e0, 1).beta.findIndex((b) => b >= 1)];
    const f = farAtoms(r.economy.sellers.values, eps, s0, 3 * eps);
    expect(f.expAbove.length).toBeGreaterThanOrEqual(2);
    expect(f.expBelow.length).toBeGreaterThanOrEqual(8);
    f.below.forEach((x, j) => expect(x).toBeCloseTo(f.expBelow[j], 12));
    f.above.forEach((x, j) => expect(x).toBeCloseTo(f.expAbove[j], 12));
    expect([f.below.length, f.above.length]).toEqual([f.expBelow.length, f.expAbove.length]);
  });

  test('clusterMarket: outside the window around σ the cells are the coarse ones, below and above', () => {
    const c = { buyerAtom0: 0.45, buyerThin: 0.1, buyerTop: 0.08, sellerLow: 0.45, sellerLowWidth: 0.05, sellerThin: 0.1 };
    const r = clusterMarket(c, 1);
    const e0 = clusterEconomy(c, 4, Array.from({ length: 19 }, (_, i) => (i + 1) / 20));
    const s0 = e0.sellers.values[theorem2Cutoffs(e0, 1).beta.findIndex((b) => b >= 1)];
    // the first coarse cell is [sellerLowWidth, 0.1] here (sellerLowWidth = 0.05 is itself a coarse point)
    const f = farAtoms(r.economy.sellers.values, 0.05, s0, 3 * 0.05);
    f.expBelow.shift();
    expect(f.expAbove.length).toBeGreaterThanOrEqual(1);
    expect(f.expBelow.length).toBeGreaterThanOrEqual(6);
    f.below.forEach((x, j) => expect(x).toBeCloseTo(f.expBelow[j], 12));
    f.above.forEach((x, j) => expect(x).toBeCloseTo(f.expAbove[j], 12));
    expect([f.below.length, f.above.length]).toEqual([f.expBelow.length, f.expAbove.length]);
  });
});

describe('mut9-jp: a coarse point exactly 3ε (3·scale) from the coarse σ belongs to the window, not beside it', () => {
  // σ = 0.725 on the coarse economy and 3·0.075 = 0.225 to the double: the coarse 0.5 and 0.95 tie with the
  // window's ends. Cuts by hand: ε = 0.075, the coarse 0.1 … 0.45 (8), the window 0.5, 0.575, …, 0.95 (7), 1:
  // 16 cells, with the 4 low atoms and the atom at 1, 21 atoms, the narrowest cell [0.075, 0.1]
  const check = (v: Float64Array, mass: Float64Array, thin: number) => {
    expect(v.length).toBe(21);
    expect(Math.min(...Array.from(mass))).toBeGreaterThan((thin * 0.02) / (1 - 0.075));
  };

  test('proposition1Market(ε = 0.075, fine = 1)', () => {
    const r = proposition1Market(0.075, 1);
    expect(r.sigma).toBeGreaterThan(0.5);
    check(r.economy.sellers.values, r.economy.sellers.mass, 0.075);
  });

  test('clusterMarket (scale = sellerLowWidth = 0.075, fine = 1)', () => {
    const c = { buyerAtom0: 0.45, buyerThin: 0.1, buyerTop: 0.08, sellerLow: 0.45, sellerLowWidth: 0.075, sellerThin: 0.1 };
    const r = clusterMarket(c, 1);
    check(r.economy.sellers.values, r.economy.sellers.mass, 0.1);
  });
});
