/**
 * Jackson & Palfrey (1996), Proposition 1 (proof in the appendix): is the dynamically efficient
 * trading rule of a T = 2 economy voluntarily attainable? Theorem 3 says an attainable rule has a
 * price rule satisfying individual rationality (IR), individual irrationality (IIR) and
 * non-decreasing prices (NDP). This module writes a *relaxation* of those conditions as a linear
 * program over the prices, so an infeasible LP (a Farkas certificate, src/numeric/lp.ts) proves that
 * no price rule exists — the efficient rule is not attainable.
 *
 * Variables, on a grid G of buyer values (holding every seller atom, the cutoffs β_1(s_j) and the
 * points just below them): p2[k][i] = p_2(s_k, G_i) for G_i ≥ s_k (period 2 trades b ≥ s: β_2(s) = s);
 * p1[j][i] = p_1(s_j, G_i) for G_i ≥ β_1(s_j); U[k] = u_2^s(s_k); z[i], an upper bound shared by the
 * period-1 prices buyer G_i pays. Reservation prices are linear in them: p̄_1^s(s) = s + δ u_2^s(s),
 * p̄_1^b(b) = b − δ u_2^b(b) with u_2^b(b) = Σ_{s_k ≤ b} σ2_k (b − p_2(s_k, b)) / S_2(1) (sellers are
 * atoms: exact); p̄_2 = values (the last period).
 *
 * Rows (each a consequence of IR, IIR, NDP — weak inequalities, so the LP's feasible set contains the
 * closure of the admissible price rules; dropping conditions only enlarges it):
 *  - period 2 IR: s_k ≤ p2[k][i] ≤ G_i (column bounds); NDP: p2 non-decreasing along the grid in b
 *    and across atoms in s (adjacent traded pairs: the rest follows by transitivity); period 2 IIR
 *    is vacuous (an untraded pair has b′ < s′, so no price lies in [s′, b′]).
 *  - U[k]: p2[k][·] is non-decreasing in b, so on a cell [G_i, G_{i+1}) of B_2-mass m_i it lies
 *    between its end values: Σ m_i (p2[k][i] − s_k) ≤ B_2(1)·U[k] ≤ Σ m_i (p2[k][i+1] − s_k).
 *  - period 1 IR: p̄_1^s(s_j) ≤ p1[j][i] ≤ p̄_1^b(G_i).
 *  - period 1 IIR against the same seller: (s_j, b′) is untraded for b′ < β_1(s_j), and IR makes
 *    p1[j][i] < p̄_1^s(s_j) impossible, so p1[j][i] ≥ p̄_1^b(b′) (b′ the grid point just below β_1(s_j)).
 *  - period 1 IIR against the same buyer: (s_k, G_i) is untraded when β_1(s_k) > G_i, and IR makes
 *    p1[j][i] > p̄_1^b(G_i) impossible, so p1[j][i] ≤ z_i ≤ p̄_1^s(s_k) for every such k.
 *  Period-1 NDP is left out (its order depends on the unknown reservation prices).
 * The proof's argument (l)–(m) uses only these rows: both IIR pairs near (0, β_1(0)) and (σ_1(1), 1).
 *
 * "Almost every" in IR/IIR is read at grid points of the buyers' support (prices are non-decreasing,
 * so a point's condition is the limit of its neighbours'); buyer points outside the support of B_1
 * are not used in IR or IIR rows.
 */
import type { LinearProgram } from '../../numeric/lp.ts';
import { InputError } from '../../errors.ts';
import { buyerCdf, makeBuyers, makeEconomy, makeSellers, mergeKnots } from './economy.ts';
import { theorem2Cutoffs } from './efficient.ts';
import { buyersAt, cutoffRule, evolve, sellersAt } from './evolution.ts';
import type { Economy } from './types.ts';

export interface AttainabilityOptions {
  /** Uniform buyer points k/M added to the grid (default 20). */
  buyerPoints?: number;
  /** Distance below each cutoff of the untraded buyer b′ (default 1e-6). */
  below?: number;
  /**
   * Which sellers get period-1 rows: 'all', or 'ends' — the lowest atom and the highest atom with
   * β_1 < 1, the proof's pairs (0, β_1(0)) and (σ_1(1), 1). Fewer rows and grid points: a weaker
   * relaxation (still sound) whose Farkas certificate is small enough to verify exactly. Default 'all'.
   */
  sellersUsed?: 'all' | 'ends';
}

/** The LP and what its columns mean (for messages and for reading a feasible price rule back). */
export interface AttainabilityLp {
  lp: LinearProgram;
  /** The buyer grid G. */
  grid: Float64Array;
  /** Column of p_2(s_k, G_i) (−1 where not traded), p_1(s_j, G_i) (−1 where not traded), u_2^s(s_k). */
  p2: Int32Array[];
  p1: Int32Array[];
  U: Int32Array;
  /** B_2(1), S_2(1), S_2 per atom. */
  B2: number;
  S2: number;
  sellerMass2: Float64Array;
}

/**
 * Proposition 1: the LP over period-2 (and period-1) price rules whose feasibility is necessary for
 * the T = 2 rule (β_1 per seller atom, β_2(s) = s) to be voluntarily attainable at discount δ
 * (Theorem 3's IR, IIR, NDP, relaxed as in the module comment). Infeasible ⇒ not attainable.
 */
export function attainabilityLp(e: Economy, beta1: ArrayLike<number>, delta: number, opts: AttainabilityOptions = {}): AttainabilityLp {
  const s = e.sellers.values;
  const n = s.length;
  if (beta1.length !== n) throw new InputError('beta1', `must have one cutoff per seller atom (${n}, got ${beta1.length})`);
  if (!(delta >= 0 && delta <= 1)) throw new InputError('delta', `must be in [0, 1] (got ${delta})`);
  const M = opts.buyerPoints ?? 20;
  if (!Number.isInteger(M) || M < 1) throw new InputError('buyerPoints', `must be an integer ≥ 1 (got ${M})`);
  const h = opts.below ?? 1e-6;
  if (!(h > 0 && h < 0.01)) throw new InputError('below', `must be in (0, 0.01) (got ${h})`);
  const beta = Float64Array.from(beta1);
  const path = evolve(e, cutoffRule([beta, s]));
  const b2 = buyersAt(path, 2);
  const sigma2 = Float64Array.from(sellersAt(path, 2).mass);
  const B2 = path.periods[1].buyerTotal;
  const S2 = path.periods[1].sellerTotal;

  const used = new Uint8Array(n);
  if ((opts.sellersUsed ?? 'all') === 'all') used.fill(1);
  else {
    used[0] = 1;
    for (let j = n - 1; j >= 0; j--)
      if (beta[j] < 1) {
        used[j] = 1;
        break;
      }
  }
  // the grid: uniform points, the buyers' own knots (B_2's mass is spread evenly between them), and
  // each used seller's cutoff with the point just below it. Seller values need not be knots: the cell
  // holding s_k contributes its upper bound only (its lower bound, m·(p_2 − s_k) ≥ 0, is dropped).
  const extra: number[] = [...e.buyers.knots];
  for (let k = 1; k < M; k++) extra.push(k / M);
  beta.forEach((b, j) => {
    if (used[j] && b > 0 && b < 1) extra.push(b, Math.max(0, b - h));
  });
  const G = mergeKnots(Float64Array.of(0, 1), extra);
  const m = G.length;
  // a grid point is in the support of B_1 when a neighbouring cell has buyers (or it is 0 with the atom)
  const inSupport = Uint8Array.from(G, (g, i) => {
    const left = i > 0 && buyerCdf(e.buyers, g) - buyerCdf(e.buyers, G[i - 1]) > 0;
    const right = i < m - 1 && buyerCdf(e.buyers, G[i + 1]) - buyerCdf(e.buyers, g) > 0;
    return left || right || (i === 0 && e.buyers.atom0 > 0) ? 1 : 0;
  });

  let cols = 0;
  const colLower: number[] = [];
  const colUpper: number[] = [];
  const colNames: string[] = [];
  const col = (lo: number, hi: number, name: string) => {
    colLower.push(lo);
    colUpper.push(hi);
    colNames.push(name);
    return cols++;
  };
  const p2 = Array.from({ length: n }, (_, k) => Int32Array.from(G, (g, i) => (g >= s[k] ? col(s[k], g, `p2[${k}][${i}]`) : -1)));
  // p_1(s_j, ·) only at the cutoff buyer (the first support point ≥ β_1(s_j)) and the top buyer b = 1:
  // the proof's pairs; the rows of other traded buyers would only tighten a relaxation already infeasible
  const p1 = Array.from({ length: n }, (_, j) => {
    const first = G.findIndex((g, i) => g >= beta[j] && inSupport[i] === 1);
    return Int32Array.from(G, (g, i) => (used[j] && beta[j] < 1 && (i === first || (i === m - 1 && inSupport[i])) ? col(-Infinity, Infinity, `p1[${j}][${i}]`) : -1));
  });
  const U = Int32Array.from(s, (_, k) => col(-Infinity, Infinity, `U[${k}]`));
  const z = Int32Array.from(G, (_, i) => col(-Infinity, Infinity, `z[${i}]`));

  const rows: Map<number, number>[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const rowNames: string[] = [];
  const row = (terms: Map<number, number>, lo: number, hi: number, name: string) => {
    rows.push(terms);
    rowLower.push(lo);
    rowUpper.push(hi);
    rowNames.push(name);
  };
  const add = (t: Map<number, number>, c: number, v: number) => t.set(c, (t.get(c) ?? 0) + v);

  // period 2 NDP
  for (let k = 0; k < n; k++)
    for (let i = 0; i < m; i++) {
      if (p2[k][i] < 0) continue;
      if (i + 1 < m && p2[k][i + 1] >= 0) row(new Map([[p2[k][i + 1], 1], [p2[k][i], -1]]), 0, Infinity, `ndp2 b: p2[${k}][${i}] ≤ p2[${k}][${i + 1}]`);
      if (k + 1 < n && p2[k + 1][i] >= 0) row(new Map([[p2[k + 1][i], 1], [p2[k][i], -1]]), 0, Infinity, `ndp2 s: p2[${k}][${i}] ≤ p2[${k + 1}][${i}]`);
    }
  // U[k] between the cell-end bounds of ∫ (p_2(s_k, b) − s_k) dB_2; the atom at 0 only trades with s_k = 0, at price 0
  for (let k = 0; k < n; k++) {
    const lo = new Map<number, number>([[U[k], B2]]);
    const hi = new Map<number, number>([[U[k], B2]]);
    let lc = 0;
    let hc = 0;
    for (let i = 0; i + 1 < m; i++) {
      if (!(G[i + 1] > s[k])) continue;
      const from = Math.max(G[i], s[k]);
      const mass = buyerCdf(b2, G[i + 1]) - buyerCdf(b2, from);
      if (!(mass > 0)) continue;
      if (p2[k][i] >= 0) {
        add(lo, p2[k][i], -mass);
        lc -= mass * s[k];
      }
      add(hi, p2[k][i + 1], -mass);
      hc -= mass * s[k];
    }
    row(lo, lc, Infinity, `u2s lower [${k}]`);
    row(hi, -Infinity, hc, `u2s upper [${k}]`);
  }
  // p̄_1^b(G_i) = G_i − δ Σ_{s_k ≤ G_i} σ2_k (G_i − p2[k][i]) / S2 = const + Σ coef·p2, as (terms, const)
  const buyerRes = (i: number): [Map<number, number>, number] => {
    const t = new Map<number, number>();
    let c = G[i];
    if (S2 > 0)
      for (let k = 0; k < n; k++) {
        if (p2[k][i] < 0 || sigma2[k] === 0) continue;
        c -= (delta * sigma2[k] * G[i]) / S2;
        add(t, p2[k][i], (delta * sigma2[k]) / S2);
      }
    return [t, c];
  };
  for (let j = 0; j < n; j++) {
    if (!(beta[j] < 1)) continue;
    // b′: the grid point just below β_1(s_j) in the support, if any
    if (!used[j]) continue;
    let ib = -1;
    for (let i = 0; i < m && G[i] < beta[j]; i++) if (inSupport[i]) ib = i;
    for (let i = 0; i < m; i++) {
      const c = p1[j][i];
      if (c < 0) continue;
      // IR: p1 − δU_j ≥ s_j
      row(new Map([[c, 1], [U[j], -delta]]), s[j], Infinity, `IR1 seller: p1[${j}][${i}] ≥ p̄s(${j})`);
      // IR: p1 ≤ p̄_1^b(G_i) ⇔ p1 − terms ≤ const
      const [bt, bc] = buyerRes(i);
      const ir = new Map<number, number>([[c, 1]]);
      for (const [cc, v] of bt) add(ir, cc, -v);
      row(ir, -Infinity, bc, `IR1 buyer: p1[${j}][${i}] ≤ p̄b(${i})`);
      if (ib >= 0) {
        const [t2, c2] = buyerRes(ib);
        const ii = new Map<number, number>([[c, 1]]);
        for (const [cc, v] of t2) add(ii, cc, -v);
        row(ii, c2, Infinity, `IIR1 seller: p1[${j}][${i}] ≥ p̄b(${ib})`);
      }
      row(new Map([[c, 1], [z[i], -1]]), -Infinity, 0, `IIR1 buyer: p1[${j}][${i}] ≤ z[${i}]`);
    }
  }
  // z_i ≤ p̄_1^s(s_k) = s_k + δU_k for every atom k untraded with buyer G_i in period 1; β_1(s_k) = 1
  // is no trade (Theorem 2: β = 1 where (4) has no solution), and the buyers at exactly b = 1 are null
  for (let i = 0; i < m; i++) {
    let used = false;
    for (let j = 0; j < n && !used; j++) used = p1[j][i] >= 0;
    if (!used) continue;
    for (let k = 0; k < n; k++) if (beta[k] > G[i] || beta[k] >= 1) row(new Map([[z[i], 1], [U[k], -delta]]), -Infinity, s[k], `IIR1 buyer: z[${i}] ≤ p̄s(${k})`);
  }

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of rows) {
    for (const [c, v] of [...r].sort((a, b) => a[0] - b[0])) {
      if (v === 0) continue;
      indices.push(c);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const lp: LinearProgram = {
    cost: new Array(cols).fill(0),
    A: { format: 'csr', numRows: rows.length, numCols: cols, starts, indices, values },
    rowLower,
    rowUpper,
    colLower,
    colUpper,
    rowNames,
    colNames,
  };
  return { lp, grid: G, p2, p1, U, B2, S2, sellerMass2: sigma2 };
}

/**
 * The economy in the proof of Proposition 1 (appendix), sellers as atoms: buyers with mass ½(1 − ε) at
 * 0, ε uniform on (0, 1 − ε), ½(1 − ε) uniform on (1 − ε, 1); sellers the mirror image — ½(1 − ε)
 * uniform on (0, ε) as `low` atoms at cell midpoints, ε uniform on (ε, 1) as atoms at the midpoints
 * of the cells between `mid` (sorted, inside (ε, 1)), and ½(1 − ε) at 1.
 */
export function proposition1Economy(eps: number, low: number, mid: readonly number[]): { buyers: { atom0: number; knots: number[]; density: number[] }; sellers: { values: number[]; mass: number[] } } {
  if (!(eps > 0 && eps < 0.5)) throw new InputError('eps', `must be in (0, 1/2) (got ${eps})`);
  const half = 0.5 * (1 - eps);
  const buyers = { atom0: half, knots: [0, 1 - eps, 1], density: [eps / (1 - eps), half / eps] };
  const values: number[] = [];
  const mass: number[] = [];
  for (let i = 0; i < low; i++) {
    values.push(((i + 0.5) * eps) / low);
    mass.push(half / low);
  }
  const cuts = [eps, ...mid.filter((x) => x > eps && x < 1), 1];
  for (let i = 0; i + 1 < cuts.length; i++) {
    values.push((cuts[i] + cuts[i + 1]) / 2);
    mass.push((eps * (cuts[i + 1] - cuts[i])) / (1 - eps));
  }
  values.push(1);
  mass.push(half);
  return { buyers, sellers: { values, mass } };
}

/**
 * Proposition 1's economy with sellers as atoms fine where the proof needs them (appendix): `low`
 * atoms on (0, ε); on (ε, 1) cells of width 1/20, refined to width ε/`fine` within 3ε of σ_1(1), the
 * first atom whose efficient cutoff is 1 (found on the coarse economy, then re-solved on the fine one).
 * Returns the economy and its efficient period-1 cutoffs (Theorem 2, eq. (4), δ = 1).
 */
export function proposition1Market(eps: number, fine: number, low = 4): { economy: Economy; beta1: Float64Array; sigma: number } {
  if (!(Number.isInteger(fine) && fine >= 1 && fine <= 64)) throw new InputError('fine', `must be an integer in 1..64 (got ${fine})`);
  const coarse = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
  const build = (mid: number[]) => {
    const p = proposition1Economy(eps, low, mid);
    return makeEconomy(makeBuyers(p.buyers), makeSellers(p.sellers.values, p.sellers.mass));
  };
  const sigmaOf = (e: Economy, b: Float64Array) => e.sellers.values[b.findIndex((x) => x >= 1)];
  const e0 = build(coarse);
  const s0 = sigmaOf(e0, theorem2Cutoffs(e0, 1).beta);
  const near = Array.from({ length: 6 * fine + 1 }, (_, i) => s0 - 3 * eps + (i * eps) / fine);
  const economy = build([...coarse.filter((x) => Math.abs(x - s0) > 3 * eps), ...near].sort((a, b) => a - b));
  const beta1 = theorem2Cutoffs(economy, 1).beta;
  return { economy, beta1, sigma: sigmaOf(economy, beta1) };
}

/**
 * A two-cluster economy generalising the proof of Proposition 1 (appendix): buyers with `buyerAtom0`
 * at 0, `buyerThin` uniform on (0, 1 − buyerTop), the rest uniform on (1 − buyerTop, 1); sellers with
 * `sellerLow` uniform on (0, sellerLowWidth), `sellerThin` uniform on (sellerLowWidth, 1), the rest
 * at 1. The proof's economy is buyerAtom0 = sellerLow = ½(1 − ε), buyerThin = sellerThin = ε,
 * buyerTop = sellerLowWidth = ε. Masses total 1 on each side.
 */
export interface ClusterSpec {
  buyerAtom0: number;
  buyerThin: number;
  buyerTop: number;
  sellerLow: number;
  sellerLowWidth: number;
  sellerThin: number;
}

/** The economy of a ClusterSpec with sellers as atoms (see proposition1Market for `low`, `mid`). */
export function clusterEconomy(c: ClusterSpec, low: number, mid: readonly number[]): Economy {
  const top = 1 - c.buyerAtom0 - c.buyerThin;
  const sTop = 1 - c.sellerLow - c.sellerThin;
  const fields: [string, number, number, number][] = [
    ['buyerAtom0', c.buyerAtom0, 0, 1], ['buyerThin', c.buyerThin, 0, 1], ['buyerTop', c.buyerTop, 1e-6, 1 - 1e-6],
    ['sellerLow', c.sellerLow, 0, 1], ['sellerLowWidth', c.sellerLowWidth, 1e-6, 1 - 1e-6], ['sellerThin', c.sellerThin, 0, 1],
  ];
  for (const [name, v, lo, hi] of fields) if (!(v >= lo && v <= hi)) throw new InputError(name, `must be in [${lo}, ${hi}] (got ${v})`);
  if (!(top > 0)) throw new InputError('buyerThin', 'buyerAtom0 + buyerThin must be below 1');
  if (!(sTop >= 0)) throw new InputError('sellerThin', 'sellerLow + sellerThin must be at most 1');
  const e = c.buyerTop;
  const buyers = makeBuyers({ atom0: c.buyerAtom0, knots: [0, 1 - e, 1], density: [c.buyerThin / (1 - e), top / e] });
  const f = c.sellerLowWidth;
  const values: number[] = [];
  const mass: number[] = [];
  for (let i = 0; i < low; i++) {
    values.push(((i + 0.5) * f) / low);
    mass.push(c.sellerLow / low);
  }
  const cuts = [f, ...mid.filter((x) => x > f && x < 1), 1];
  for (let i = 0; i + 1 < cuts.length; i++) {
    values.push((cuts[i] + cuts[i + 1]) / 2);
    mass.push((c.sellerThin * (cuts[i + 1] - cuts[i])) / (1 - f));
  }
  if (sTop > 0) {
    values.push(1);
    mass.push(sTop);
  }
  const keep = mass.map((m, j) => j).filter((j) => mass[j] > 0);
  return makeEconomy(buyers, makeSellers(keep.map((j) => values[j]), keep.map((j) => mass[j])));
}

/** clusterEconomy with sellers refined near σ_1(1) (as proposition1Market), and its efficient cutoffs (δ = 1). */
export function clusterMarket(c: ClusterSpec, fine: number, low = 4): { economy: Economy; beta1: Float64Array; sigma: number } {
  const scale = Math.min(c.buyerTop, c.sellerLowWidth);
  const coarse = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
  const sigmaOf = (e: Economy, b: Float64Array) => {
    const j = b.findIndex((x) => x >= 1);
    return j < 0 ? 1 : e.sellers.values[j];
  };
  const e0 = clusterEconomy(c, low, coarse);
  const s0 = sigmaOf(e0, theorem2Cutoffs(e0, 1).beta);
  const near = Array.from({ length: 6 * fine + 1 }, (_, i) => s0 - 3 * scale + (i * scale) / fine);
  const economy = clusterEconomy(c, low, [...coarse.filter((x) => Math.abs(x - s0) > 3 * scale), ...near].sort((a, b) => a - b));
  const beta1 = theorem2Cutoffs(economy, 1).beta;
  return { economy, beta1, sigma: sigmaOf(economy, beta1) };
}
