/**
 * Hu & Wallace (2012), Sections 2.2, 3.1 and 4: the stage-2 market game. Active agents make
 * one-sided offers b ∈ O = {b ∈ [0,q̄]×[0,r̄] : b_q b_r = 0}; totals (Q, R) = Mε + Σ b^n (3);
 * p_2 = R/Q; payoffs (2). The same payoff in the others' totals (Q_−, R_−) is form (11) (the argument
 * of (10) and (14)); Lemma 1 reduces a two-sided offer to a one-sided one with the same payoff;
 * Proposition 1's proof gives a unique best response through the strictly concave g and h.
 *
 * The symmetric stage-2 equilibrium β^σ is found in the per-capita totals, not by iterating best
 * responses (which diverges): at an equilibrium with totals (Q, R) and p = R/Q, a seller of q solves
 * g' = 0, i.e. MRS(q̄ − b, r̄ + p b) = p(1 − b/Q), and a seller of r solves h' = 0, i.e.
 * MRS(q̄ + b/p, r̄ − b) = p/(1 − b/R) — each a strictly monotone equation in its own b. For a price p
 * the q side's per-capita total Q̃ solves Q̃ = ε_q + Σ_x (σ(x)/M) β_q(x; p, Q̃), strictly increasing in
 * Q̃ (∂β/∂Q ≤ β/Q, so the sum's slope is < 1), likewise R̃; then ln R̃(p) − ln Q̃(p) − ln p changes sign
 * on the price bounds of §3.1 and Brent closes it. M enters only as the number in b/(M Q̃): the cost
 * does not depend on M. Every equilibrium is certified by `deviationGains`, a grid-and-golden-section
 * search on form (11) that shares no code with the solver's equations.
 */
import { brent, brentMin } from '../../numeric/roots.ts';
import { logMrs, utilityValue, type TwoGoodUtility } from '../../economy/two-goods.ts';
import { expectedUtility, posterior, type Goods, type HwEconomy, type Posterior } from './economy.ts';

/** The consumption (2) of an agent offering b when the others' totals, ε included, are (Q_−, R_−): Q = Q_− + b_q, R = R_− + b_r, p_2 = R/Q. */
export function payoff(endowment: Goods, b: Goods, Qm: number, Rm: number): Goods {
  const Q = Qm + b.q;
  const R = Rm + b.r;
  const p2 = R / Q;
  return { q: endowment.q - b.q + b.r / p2, r: endowment.r - b.r + p2 * b.q };
}

/** Form (11) of the same payoff: q = q̄ + (b_r Q_− − b_q R_−)/(R_− + b_r), r = r̄ + (b_q R_− − b_r Q_−)/(Q_− + b_q) (proof of Lemma 1). */
export function payoff11(endowment: Goods, b: Goods, Qm: number, Rm: number): Goods {
  return {
    q: endowment.q + (b.r * Qm - b.q * Rm) / (Rm + b.r),
    r: endowment.r + (b.q * Rm - b.r * Qm) / (Qm + b.q),
  };
}

/** An inactive agent's consumption (1): trade at the fixed price p_1 = r̄/q̄ (Section 2.2). */
export function inactivePayoff(endowment: Goods, a: Goods): Goods {
  const p1 = endowment.r / endowment.q;
  return { q: endowment.q - a.q + a.r / p1, r: endowment.r - a.r + p1 * a.q };
}

/** The outcome of a whole profile of offers (one per active agent): totals (3), p_2 = R/Q and each agent's consumption (2). */
export function profileOutcome(endowment: Goods, epsilon: Goods, offers: readonly Goods[]): { Q: number; R: number; price: number; consumption: Goods[] } {
  const M = offers.length;
  let Q = M * epsilon.q;
  let R = M * epsilon.r;
  for (const b of offers) {
    Q += b.q;
    R += b.r;
  }
  const price = R / Q;
  return { Q, R, price, consumption: offers.map((b) => ({ q: endowment.q - b.q + b.r / price, r: endowment.r - b.r + price * b.q })) };
}

/**
 * Lemma 1's one-sided offer b'' ∈ O with the payoff of a two-sided b' (proof, cases i–iii). Case (i),
 * γ = (b'_r Q_− − b'_q R_−)/(R_− + b'_r) > 0: b''_q = 0, b''_r = R_− γ/(Q_− − γ) (the agent is a net
 * buyer of q; the OCR's "r(b'') − r̄ = b''_r" lacks the minus: it is −b''_r). Case (ii), symmetric
 * with γ' = (b'_q R_− − b'_r Q_−)/(Q_− + b'_q) > 0: b''_r = 0, b''_q = Q_− γ'/(R_− − γ'). Case (iii): 0.
 */
export function oneSided(b: Goods, Qm: number, Rm: number): Goods {
  const net = b.r * Qm - b.q * Rm;
  if (net > 0) {
    const gamma = net / (Rm + b.r);
    return { q: 0, r: (Rm * gamma) / (Qm - gamma) };
  }
  if (net < 0) {
    const gamma = -net / (Qm + b.q);
    return { q: (Qm * gamma) / (Rm - gamma), r: 0 };
  }
  return { q: 0, r: 0 };
}

/** g(b_q) = H_x(b_q, 0) = U(q̄ − b_q, r̄ + b_q R_−/(Q_− + b_q)) (proof of Proposition 1). */
export function gBranch(u: TwoGoodUtility, e: Goods, Qm: number, Rm: number, bq: number): number {
  return utilityValue(u, e.q - bq, e.r + (bq * Rm) / (Qm + bq));
}

/** h(b_r) = H_x(0, b_r) = U(q̄ + b_r Q_−/(R_− + b_r), r̄ − b_r) (proof of Proposition 1). */
export function hBranch(u: TwoGoodUtility, e: Goods, Qm: number, Rm: number, br: number): number {
  return utilityValue(u, e.q + (br * Qm) / (Rm + br), e.r - br);
}

/**
 * sign and log size of g'(b) = −U_q + U_r R_− Q_−/(Q_− + b)², as ln(U_r R_− Q_−/(Q_− + b)²) − ln U_q
 * (a strictly decreasing function of b with g'’s sign), at consumption (q̄ − b, r̄ + b R_−/(Q_− + b)).
 */
function gSlope(u: TwoGoodUtility, e: Goods, Qm: number, Rm: number, b: number): number {
  const lq = Math.log(e.q - b);
  const lr = Math.log(e.r + (b * Rm) / (Qm + b));
  return Math.log(Rm) + Math.log(Qm) - 2 * Math.log(Qm + b) - logMrs(u, lq, lr);
}

/** ln(U_q Q_− R_−/(R_− + b)²) − ln U_r: h'’s sign, strictly decreasing in b. */
function hSlope(u: TwoGoodUtility, e: Goods, Qm: number, Rm: number, b: number): number {
  const lq = Math.log(e.q + (b * Qm) / (Rm + b));
  const lr = Math.log(e.r - b);
  return logMrs(u, lq, lr) + Math.log(Qm) + Math.log(Rm) - 2 * Math.log(Rm + b);
}

/** g'(0) = −U_q(q̄, r̄) + U_r(q̄, r̄) R_−/Q_− and h'(0) = U_q Q_−/R_− − U_r, with U_q, U_r at the endowment (proof of Prop. 1). */
export function slopesAtZero(uq: number, ur: number, Qm: number, Rm: number): { g0: number; h0: number } {
  return { g0: -uq + (ur * Rm) / Qm, h0: (uq * Qm) / Rm - ur };
}

/** The largest b < hi with a finite slope: the upper end of a branch's bracket (consumption 0 there is Inada's −∞). */
const below = (hi: number) => hi * (1 - 4 * Number.EPSILON);

/**
 * The unique best response to (Q_−, R_−) over O (Proposition 1's proof): the strictly concave g and
 * h are maximised on [0, q̄] and [0, r̄] by the root of their strictly decreasing derivative (15)–(16),
 * and by (17) at most one of them has a positive slope at 0, so at most one branch is active.
 */
export function bestResponse(u: TwoGoodUtility, e: Goods, Qm: number, Rm: number): Goods {
  const opts = { xtol: 4 * Number.EPSILON * Math.max(e.q, e.r), rtol: 4 * Number.EPSILON };
  if (gSlope(u, e, Qm, Rm, 0) > 0) {
    const hi = below(e.q);
    if (gSlope(u, e, Qm, Rm, hi) >= 0) return { q: hi, r: 0 };
    return { q: brent((b) => gSlope(u, e, Qm, Rm, b), 0, hi, opts).root, r: 0 };
  }
  if (hSlope(u, e, Qm, Rm, 0) > 0) {
    const hi = below(e.r);
    if (hSlope(u, e, Qm, Rm, hi) >= 0) return { q: 0, r: hi };
    return { q: 0, r: brent((b) => hSlope(u, e, Qm, Rm, b), 0, hi, opts).root };
  }
  return { q: 0, r: 0 };
}

/** Options of the stage-2 solver. */
export interface Stage2Options {
  /** Common posterior to use instead of Bayes from the counts (Section 3.3's signal-based posterior). */
  phi?: readonly number[];
}

/** A symmetric stage-2 equilibrium β^σ with what the paper and eval report about it. */
export interface Stage2Equilibrium {
  /** p_2 = R/Q at the equilibrium offers. */
  price: number;
  /** β^σ(x) per type, one-sided. */
  offers: Goods[];
  /** Each type's consumption (2). */
  consumption: Goods[];
  /** (Q, R) of (3) — M ε plus every active agent's offer. */
  totals: { Q: number; R: number };
  /** M = Σ σ(x). */
  M: number;
  /** φ^σ (with log φ). */
  posterior: Posterior;
  /** Each type's expected utility under φ^σ (the objective of (14)). */
  utilities: TwoGoodUtility[];
  /** |MRS_x/p_2 − 1| at each type's consumption. */
  mrsWedge: number[];
  /** Per-capita Σ_n (q^n, r^n)/M − (q̄, r̄) = (ε_q − ε_r/p_2, ε_r − p_2 ε_q) (the mechanism's infeasibility). */
  feasibilityGap: Goods;
  /** Outer iterations of the price equation (for benchmarks; independent of M). */
  iterations: number;
}

/**
 * β^σ for counts σ(x) ≥ 1 (Proposition 1). Each type's objective is its expected utility under φ^σ
 * (computed from the counts by Bayes unless opts.phi is given).
 */
export function stage2Equilibrium(econ: HwEconomy, counts: readonly number[], opts: Stage2Options = {}): Stage2Equilibrium {
  const e = econ.endowment;
  const eps = econ.epsilon;
  const n = econ.types.length;
  const M = counts.reduce((s, c) => s + c, 0);
  const post: Posterior = opts.phi ? { phi: [...opts.phi], logPhi: opts.phi.map(Math.log) } : posterior(econ, counts);
  const us = econ.types.map((t) => expectedUtility(t, post.phi));
  const w = counts.map((c) => c / M);
  // ln MRS at the endowment: a type sells q at price p iff it is < ln p, r iff > ln p (g'(0), h'(0) at (Q, R))
  const side = { m0: us.map((u) => logMrs(u, Math.log(e.q), Math.log(e.r))) };
  const bq = new Float64Array(n);
  const br = new Float64Array(n);

  // ln of the consumption of the good each seller sells: a seller who keeps less than 1e-16 of q̄
  // has q̄ − b = 0 in doubles, so the solver works in ln q there and reports consumption from it.
  const lkeep = new Float64Array(n);

  /**
   * A seller of good `q` (or, mirrored, of r) at price p and per-capita total T of its side: the
   * offer b solving ln MRS = ln p + ln(1 − b/(M T)) (g' = 0; for r: ln MRS = ln p − ln(1 − b/(M T)),
   * h' = 0), strictly monotone in b on (0, min(endowment, M T)). Brent in b when the root has
   * b ≤ endowment/2, else in c = ln(endowment − b), where the kept amount is exact however small.
   */
  const sell = (u: TwoGoodUtility, lp: number, p: number, T: number, x: number, goodQ: boolean): number => {
    const own = goodQ ? e.q : e.r;
    const other = goodQ ? e.r : e.q;
    const toOther = goodQ ? p : 1 / p; // units of the other good received per unit sold
    const cap = M * T;
    // the sign of the first-order condition, > 0 where b is too small
    const foc = (lKeep: number, b: number) => {
      const lOther = Math.log(other + toOther * b);
      const lm = goodQ ? logMrs(u, lKeep, lOther) - lp : lp - logMrs(u, lOther, lKeep);
      return -lm + Math.log1p(-b / cap);
    };
    const half = Math.min(own, cap) / 2;
    const opts = { xtol: 4 * Number.EPSILON * own, rtol: 4 * Number.EPSILON };
    if (foc(Math.log(own - half), half) <= 0) {
      const b = brent((v) => foc(Math.log(own - v), v), 0, half, opts).root;
      lkeep[x] = Math.log(own - b);
      return b;
    }
    const bMax = below(Math.min(own, cap));
    const lo = cap < own ? Math.log(own - bMax) : Math.log(own) - 740;
    // own − e^c may round above the cap (where ln(1 − b/cap) is NaN): clamp to the bracket's end
    const fc = (c: number) => foc(c, Math.min(own - Math.exp(c), bMax));
    if (fc(lo) >= 0) {
      lkeep[x] = lo;
      return bMax;
    }
    // bracket by steps doubling down from ln(own − half): Brent on [lo, …] alone may bisect ~50 times
    let hi = Math.log(own - half);
    let a = lo;
    for (let step = 1; hi - step > lo; step *= 2) {
      if (fc(hi - step) < 0) {
        a = hi - step;
        break;
      }
      hi -= step;
    }
    const c = brent(fc, a, hi, { xtol: 1e-14, rtol: 4 * Number.EPSILON }).root;
    lkeep[x] = c;
    return Math.min(own - Math.exp(c), bMax);
  };
  const sellQ = (u: TwoGoodUtility, lp: number, p: number, Qt: number, x: number) => sell(u, lp, p, Qt, x, true);
  const sellR = (u: TwoGoodUtility, lp: number, p: number, Rt: number, x: number) => sell(u, lp, p, Rt, x, false);

  /** Q̃(p): the per-capita total of the q side, leaving bq at it: the root of ln Q̃ − ln(ε_q + Σ_x w_x β_q(x; p, Q̃)), strictly increasing in Q̃. */
  const qSide = (lp: number): number => {
    const p = Math.exp(lp);
    let mass = 0;
    for (let x = 0; x < n; x++) {
      bq[x] = 0;
      if (side.m0[x] < lp) mass += w[x];
    }
    if (mass === 0) return eps.q;
    const phi = (lQ: number) => {
      const Qt = Math.exp(lQ);
      let s = eps.q;
      for (let x = 0; x < n; x++) if (side.m0[x] < lp) s += w[x] * (bq[x] = sellQ(us[x], lp, p, Qt, x));
      return lQ - Math.log(s);
    };
    const lo = Math.log(eps.q);
    const hi = Math.log(eps.q + mass * e.q);
    const r = brent(phi, lo, hi, { xtol: 1e-15, rtol: 4 * Number.EPSILON });
    const Qt = Math.exp(Number.isNaN(r.root) ? hi : r.root);
    phi(Math.log(Qt)); // leave bq at the root
    return Qt;
  };
  /** R̃(p), the mirror of qSide for the sellers of r, leaving br at it. */
  const rSide = (lp: number): number => {
    const p = Math.exp(lp);
    let mass = 0;
    for (let x = 0; x < n; x++) {
      br[x] = 0;
      if (side.m0[x] > lp) mass += w[x];
    }
    if (mass === 0) return eps.r;
    const phi = (lR: number) => {
      const Rt = Math.exp(lR);
      let s = eps.r;
      for (let x = 0; x < n; x++) if (side.m0[x] > lp) s += w[x] * (br[x] = sellR(us[x], lp, p, Rt, x));
      return lR - Math.log(s);
    };
    const lo = Math.log(eps.r);
    const hi = Math.log(eps.r + mass * e.r);
    const r = brent(phi, lo, hi, { xtol: 1e-15, rtol: 4 * Number.EPSILON });
    const Rt = Math.exp(Number.isNaN(r.root) ? hi : r.root);
    phi(Math.log(Rt));
    return Rt;
  };
  // The price equation ln R̃(p) − ln Q̃(p) − ln p: > 0 at p = ε_r/(q̄ + ε_q), < 0 at (r̄ + ε_r)/ε_q (§3.1's bounds).
  const psi = (lp: number) => Math.log(rSide(lp)) - Math.log(qSide(lp)) - lp;
  const lo = Math.log(eps.r) - Math.log(e.q + eps.q);
  const hi = Math.log(e.r + eps.r) - Math.log(eps.q);
  const root = brent(psi, lo, hi, { xtol: 1e-15, rtol: 4 * Number.EPSILON });
  if (Number.isNaN(root.root)) throw new Error('stage2Equilibrium: the price equation has no sign change on the price bounds');
  psi(root.root); // leave bq, br at the root

  const offers: Goods[] = [];
  for (let x = 0; x < n; x++) offers.push({ q: bq[x], r: br[x] });
  let Q = M * eps.q;
  let R = M * eps.r;
  for (let x = 0; x < n; x++) {
    Q += counts[x] * bq[x];
    R += counts[x] * br[x];
  }
  const price = R / Q;
  // (2), with the kept amount of the sold good from the solver's logarithm (exact where q̄ − b is not)
  const logc = offers.map((b, x) => ({
    lq: b.q > 0 ? lkeep[x] : Math.log(e.q + b.r / price),
    lr: b.r > 0 ? lkeep[x] : Math.log(e.r + price * b.q),
  }));
  const consumption = logc.map((c) => ({ q: Math.exp(c.lq), r: Math.exp(c.lr) }));
  const mrsWedge = logc.map((c, x) => Math.abs(Math.expm1(logMrs(us[x], c.lq, c.lr) - Math.log(price))));
  let gq = 0;
  let gr = 0;
  for (let x = 0; x < n; x++) {
    gq += w[x] * (consumption[x].q - e.q);
    gr += w[x] * (consumption[x].r - e.r);
  }
  return { price, offers, consumption, totals: { Q, R }, M, posterior: post, utilities: us, mrsWedge, feasibilityGap: { q: gq, r: gr }, iterations: root.iterations };
}

/**
 * The certificate of a symmetric profile: for each type, the largest gain over its own offer that a
 * search over both branches of O finds, payoffs by form (11) in the others' totals — a grid of
 * `grid` points per branch refined by golden section around the best — sharing no code with the
 * solver's first-order equations. ≥ 0 (the offer itself is a candidate). `scale` is the size of the
 * utility values compared (a gain below ~1e-15 of it is rounding).
 */
export function deviationGains(
  econ: HwEconomy,
  utilities: readonly TwoGoodUtility[],
  counts: readonly number[],
  offers: readonly Goods[],
  grid = 64,
): { gains: number[]; best: Goods[]; scale: number[] } {
  const e = econ.endowment;
  const M = counts.reduce((s, c) => s + c, 0);
  let Q = M * econ.epsilon.q;
  let R = M * econ.epsilon.r;
  offers.forEach((b, x) => {
    Q += counts[x] * b.q;
    R += counts[x] * b.r;
  });
  const gains: number[] = [];
  const best: Goods[] = [];
  const scale: number[] = [];
  offers.forEach((own, x) => {
    const u = utilities[x];
    const Qm = Q - own.q;
    const Rm = R - own.r;
    const H = (b: Goods) => {
      const c = payoff11(e, b, Qm, Rm);
      return c.q > 0 && c.r > 0 ? utilityValue(u, c.q, c.r) : -Infinity;
    };
    const at = H(own);
    let top = at;
    let arg = own;
    for (const [len, mk] of [
      [e.q, (t: number) => ({ q: t, r: 0 })],
      [e.r, (t: number) => ({ q: 0, r: t })],
    ] as const) {
      let iBest = 0;
      let vBest = -Infinity;
      for (let i = 0; i <= grid; i++) {
        const v = H(mk((len * i) / grid));
        if (v > vBest) {
          vBest = v;
          iBest = i;
        }
      }
      const a = (len * Math.max(0, iBest - 1)) / grid;
      const b = (len * Math.min(grid, iBest + 1)) / grid;
      const m = brentMin((t) => -H(mk(t)), a, b, 1e-13 * len, 100);
      for (const [t, v] of [
        [(len * iBest) / grid, vBest],
        [m.x, -m.fx],
      ] as const) {
        if (v > top) {
          top = v;
          arg = mk(t);
        }
      }
    }
    gains.push(top - at);
    best.push(arg);
    // the size of the utility values compared: a double resolves gains only down to ~1e-16 of it
    scale.push(Math.max(Math.abs(at), Math.abs(top)));
  });
  return { gains, best, scale };
}
