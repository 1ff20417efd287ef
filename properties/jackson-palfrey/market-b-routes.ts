/**
 * Jackson & Palfrey (1996): the independent routes of the part-B market claims.
 *
 * `exactSurplus` evaluates the total surplus Σ_t δ^{t−1} ∫∫_{A_t}(b − s) dB_t dS_t/B_t(1) (Section 3,
 * "Dynamic Efficiency") of any trading rule in exact rationals (fraction.js), by its own evolution
 * of eqs. (1)–(2) over the cells of a merged grid — no code of evolution.ts, utility.ts or
 * efficient.ts. Doubles enter as the rationals they are, so "W(β*) ≥ W(β′)" is decided exactly for
 * the cutoffs the model returned.
 *
 * `printedReductionRoot` solves the paper's reduced formula β − s = δ∫max[b′ − s, 0]dB_2/B_2(1)
 * (JP.Thm2.reduction-as-printed) by bisection on a direct computation of B_2, again without the model.
 */
import { Fraction } from '../../src/numeric/rational.ts';
import { exactRational } from '../../src/numeric/rational.ts';
import type { Buyers, Economy, TradingRule } from '../../src/models/jackson-palfrey/types.ts';

const ZERO = new Fraction(0);
const ONE = new Fraction(1);
const q = (x: number) => exactRational(x);

/** The sorted union of the buyers' knots, every cutoff in (0, 1) and every grid period's knots. */
function mergedGrid(b: Buyers, rule: TradingRule): number[] {
  const pts = new Set<number>(b.knots);
  for (const p of rule) for (const x of p.kind === 'cutoff' ? p.beta : p.knots) if (x > 0 && x < 1) pts.add(x);
  return [...pts].sort((a, c) => a - c);
}

/** Index i with knots[i] ≤ x < knots[i + 1] (the last cell for x = 1). */
function cellIndex(knots: ArrayLike<number>, x: number): number {
  let i = 0;
  while (i + 2 < knots.length && knots[i + 1] <= x) i++;
  return i;
}

/**
 * Total surplus of `rule` in exact rationals: per period, seller atom j and cell c trade with
 * probability π_jc (1 when the cell lies at or above the cutoff; a grid period's entry), buyers at
 * b = 0 with π0_j; the cell keeps the share 1 − Σ_j π_jc σ_j/S, the seller 1 − Σ_c π_jc m_c/B.
 */
export function exactSurplus(e: Economy, rule: TradingRule, delta: number): Fraction {
  const g = mergedGrid(e.buyers, rule);
  const K = g.length - 1;
  const G = g.map(q);
  const n = e.sellers.values.length;
  const s = Array.from(e.sellers.values, q);
  // masses per cell of B_1 (uniform density on each of the buyers' own cells)
  let m = Array.from({ length: K }, (_, c) => q(e.buyers.density[cellIndex(e.buyers.knots, (g[c] + g[c + 1]) / 2)]).mul(G[c + 1].sub(G[c])));
  let a0 = q(e.buyers.atom0);
  let sig = Array.from(e.sellers.mass, q);
  const mid = Array.from({ length: K }, (_, c) => G[c].add(G[c + 1]).div(2));
  let W = ZERO;
  let disc = ONE;
  const D = q(delta);
  for (const p of rule) {
    const B = m.reduce((x, y) => x.add(y), a0);
    const S = sig.reduce((x, y) => x.add(y), ZERO);
    if (B.compare(0) <= 0 || S.compare(0) <= 0) break; // emptied: nobody is matched
    const pi: Fraction[][] = [];
    const pi0: Fraction[] = [];
    for (let j = 0; j < n; j++) {
      if (p.kind === 'cutoff') {
        pi.push(g.slice(0, K).map((x) => (x >= p.beta[j] ? ONE : ZERO)));
        pi0.push(p.beta[j] <= 0 ? ONE : ZERO);
      } else {
        pi.push(g.slice(0, K).map((_, c) => q(p.trade[j][cellIndex(p.knots, (g[c] + g[c + 1]) / 2)])));
        pi0.push(q(p.atom0[j]));
      }
    }
    let w = ZERO;
    const r = new Array<Fraction>(K).fill(ZERO);
    let r0 = ZERO;
    const keepS: Fraction[] = [];
    for (let j = 0; j < n; j++) {
      let traded = a0.mul(pi0[j]);
      let x = a0.mul(pi0[j]).mul(s[j]).neg();
      for (let c = 0; c < K; c++) {
        if (pi[j][c].compare(0) === 0) continue;
        traded = traded.add(pi[j][c].mul(m[c]));
        x = x.add(pi[j][c].mul(m[c]).mul(mid[c].sub(s[j])));
        r[c] = r[c].add(pi[j][c].mul(sig[j]).div(S));
      }
      r0 = r0.add(pi0[j].mul(sig[j]).div(S));
      w = w.add(sig[j].mul(x));
      keepS.push(ONE.sub(traded.div(B)));
    }
    W = W.add(disc.mul(w).div(B));
    disc = disc.mul(D);
    m = m.map((x, c) => x.mul(ONE.sub(r[c])));
    a0 = a0.mul(ONE.sub(r0));
    sig = sig.map((x, j) => x.mul(keepS[j]));
  }
  return W;
}

/**
 * The paper's reduced formula for sellers of mass ms at s (the rest at 1), T = 2: the β ∈ [s, 1]
 * with β − s = δ·E_2(b′ − s)⁺, where B_2 keeps the share 1 − ms/B_1(1) of the buyers at or above β
 * (they met an s-seller with probability ms/B_1(1) and traded). Bisection on that residual, computed
 * by closed forms on the buyers' cells; β = 1 when the residual stays negative.
 */
export function printedReductionRoot(b: Buyers, ms: number, s: number, delta: number): number {
  const resid = printedReductionResidual(b, ms, s, delta);
  if (resid(1) <= 0) return 1;
  let lo = s;
  let hi = 1;
  if (resid(lo) >= 0) return lo;
  for (let k = 0; k < 200 && hi - lo > 1e-16; k++) {
    const x = (lo + hi) / 2;
    if (x <= lo || x >= hi) break;
    if (resid(x) < 0) lo = x;
    else hi = x;
  }
  return (lo + hi) / 2;
}

/**
 * The residual β ↦ β − s − δ·E_2(b′ − s)⁺ of the paper's reduced formula, B_2 built directly from the
 * buyers' cells. At δ = 1 and s = 0 it is recursion (3) with T = 2 (β_1 = ∫max[b′, β_2]dB_2/B_2(1), β_2 = 0).
 */
export function printedReductionResidual(b: Buyers, ms: number, s: number, delta: number): (beta: number) => number {
  const K = b.density.length;
  let B1 = b.atom0;
  for (let i = 0; i < K; i++) B1 += b.density[i] * (b.knots[i + 1] - b.knots[i]);
  const keep = 1 - ms / B1;
  // ∫_lo^hi (b − s)⁺ dB_2 and ∫_lo^hi dB_2 over the cells, the factor `keep` applied at and above β
  const resid = (beta: number) => {
    let mass = b.atom0 * (beta <= 0 ? keep : 1);
    let ex = 0;
    for (let i = 0; i < K; i++) {
      const d = b.density[i];
      for (const [lo, hi, f] of [[b.knots[i], Math.min(b.knots[i + 1], beta), 1], [Math.max(b.knots[i], beta), b.knots[i + 1], keep]] as const) {
        if (!(hi > lo)) continue;
        mass += f * d * (hi - lo);
        const l = Math.max(lo, s);
        if (hi > l) ex += (f * d * (hi - l) * (hi + l - 2 * s)) / 2;
      }
    }
    return beta - s - (mass > 0 ? (delta * ex) / mass : 0);
  };
  return resid;
}
