/**
 * Giraud & Rochon (2001), proof of Theorem 1: the contract that decentralises the Walrasian
 * allocation through the game form of Section 2.2, deviations from it, and the proof's arbitrage
 * strategy — all in exact rationals.
 *
 * Complete information at a state m (a type profile): with quasi-linear utilities the efficient real
 * allocation is Walrasian at p*(m) = (λ(m), 1) (economy.ts); the numéraire part of x_i* follows from
 * the budget at p*, p*·x_i* = p*·ω_i, so the proof's wealth levels are w_i* = p*·ω_i and its
 * transfers ỹ_i = w_i* − p*·ω_i are 0.
 *
 * The contract: every player quotes p*(m), announces e_i = ω_i and addresses the net demand
 * z_j^i = (x_i* − ω_i)/N to every j ≠ i. The divisor is N, as printed: i's net trade is
 * Σ_{j≠i}(z_j^i − z_i^j) = (N−1)d_i/N − Σ_{j≠i} d_j/N = d_i (with d = x* − ω, Σ_j d_j = 0), whereas
 * N − 1 would give N·d_i/(N − 1).
 */
import type { Economy } from './economy.ts';
import { efficientAllocation } from './economy.ts';
import { budgetLhs, outcome, type Outcome, type Profile } from './outcome.ts';
import { exactRational, Fraction } from '../../numeric/rational.ts';

const ZERO = new Fraction(0);

/**
 * The Walrasian equilibrium of the complete-information economy at state t (proof of Theorem 1):
 * p* = (λ, 1) and x_i* with its real part efficient and its numéraire from p*·x_i* = p*·ω_i.
 */
export function walrasian(e: Economy, t: readonly number[]): { p: Fraction[]; x: Fraction[][] } {
  const { x: real, lambda } = efficientAllocation(e, t);
  const p = [...lambda, new Fraction(1)];
  const x = real.map((xi, i) => {
    const bundle = [...xi];
    // numéraire: ω_i^L + Σ_h λ_h (ω_i^h − x_i^h), the budget at p* binding
    let num = e.omega[i][e.L - 1];
    for (let h = 0; h < e.L - 1; h++) num = num.add(lambda[h].mul(e.omega[i][h].sub(xi[h])));
    bundle.push(num);
    return bundle;
  });
  return { p, x };
}

/** u_i(x, t_i) = v_i(x^1..x^{L−1}, t_i) + x^L (Section 2.1, quasi-linear). */
export function utility(e: Economy, i: number, ti: number, x: readonly Fraction[]): Fraction {
  let v = x[e.L - 1];
  for (let h = 0; h < e.L - 1; h++) v = v.add(e.a[i][ti][h].mul(x[h])).sub(e.b[i][ti][h].mul(x[h]).mul(x[h]).div(2));
  return v;
}

/** The proof of Theorem 1's action profile at state t: quotes p*, demands (x_i* − ω_i)/N to each j ≠ i, e_i = ω_i. */
export function contractProfile(e: Economy, t: readonly number[]): Profile {
  const { p, x } = walrasian(e, t);
  const N = e.N;
  const demands = x.map((xi, i) => Array.from({ length: N }, (_, j) => (j === i ? xi.map(() => ZERO) : xi.map((v, h) => v.sub(e.omega[i][h]).div(N)))));
  return { quotes: x.map(() => [...p]), demands, endowments: e.omega.map((w) => [...w]) };
}

/**
 * One player's deviation from the contract, as numbers: an offset to each real good's quote (the
 * quote is max(p*^h + offset, 0)), a change to the real part of the demand addressed to each other
 * player (rows indexed by partner, the own row ignored), and a partner `settle` outside the
 * deviating coalition who takes up what is left of the player's budget.
 */
export interface MemberDeviation {
  player: number;
  quoteOffset: number[];
  real: number[][];
  settle: number;
}

/**
 * The contract at state t with a coalition's deviations applied (proof of Theorem 1: a coalition's
 * side contract, here a pure one). Quotes and real demands first; a member's trade with a player
 * outside the coalition is paid in numéraire at that partner's quote (so the partner's budget moves
 * only through the member's own quote); then what is left of the member's budget (its trades with
 * other members, valued at their quotes) is put on the numéraire demanded from `settle`. Numéraire
 * is worth 1 at every quote and `settle` is no member, so each member's budget (1) binds exactly.
 * Every other outsider is kept exactly on its budget by the first member (below), so the only
 * outsider whose budget can fail is the first member's `settle`: its left side is then the sum of
 * all budgets, Σ_{a<b} (p_b − p_a)·(z_b^a − z_a^b), which the quotes alone make non-zero.
 */
export function deviate(e: Economy, t: readonly number[], members: readonly MemberDeviation[]): Profile {
  const base = contractProfile(e, t);
  const inS = new Set(members.map((m) => m.player));
  const quotes = base.quotes.map((q) => [...q]);
  const demands = base.demands.map((row) => row.map((z) => [...z]));
  const Lr = e.L - 1;
  for (const m of members) {
    if (inS.has(m.settle) || m.settle === m.player) throw new Error(`deviate: player ${m.player + 1} must settle with a player outside the coalition`);
    for (let h = 0; h < Lr; h++) {
      const q = quotes[m.player][h].add(exactRational(m.quoteOffset[h]));
      quotes[m.player][h] = q.compare(0) > 0 ? q : ZERO;
    }
    for (let j = 0; j < e.N; j++) {
      if (j === m.player) continue;
      const z = demands[m.player][j];
      for (let h = 0; h < Lr; h++) {
        const d = exactRational(m.real[j][h]);
        z[h] = z[h].add(d);
        if (!inS.has(j)) z[Lr] = z[Lr].sub(quotes[j][h].mul(d)); // paid at the outsider's quote
      }
    }
  }
  const p: Profile = { quotes, demands, endowments: base.endowments };
  for (const m of members) {
    const lhs = budgetLhs(p, m.player);
    demands[m.player][m.settle][Lr] = demands[m.player][m.settle][Lr].sub(lhs);
  }
  // then the first member keeps every outsider but its settling partner on its budget: it takes (or
  // gives) the outsider's imbalance in numéraire and passes it on to the settling partner, which
  // leaves its own budget unchanged (numéraire is worth 1 at every quote). After the members
  // settle, not before: a second member settling with another outsider moves that outsider's budget.
  const lead = members[0];
  for (let k = 0; k < e.N; k++) {
    if (inS.has(k) || k === lead.settle) continue;
    const c = budgetLhs(p, k);
    demands[lead.player][k][Lr] = demands[lead.player][k][Lr].add(c);
    demands[lead.player][lead.settle][Lr] = demands[lead.player][lead.settle][Lr].sub(c);
  }
  return p;
}

/** Each player's payoff change u_i(φ_i(a'), t_i) − u_i(x_i*, t_i) under a profile a', exactly (solvency tested exactly). */
export function gains(e: Economy, t: readonly number[], a: Profile): { gain: Fraction[]; outcome: Outcome } {
  const { x } = walrasian(e, t);
  const o = outcome(a, 0);
  return { gain: o.phi.map((phi, i) => utility(e, i, t[i], phi).sub(utility(e, i, t[i], x[i]))), outcome: o };
}

/**
 * The proof of Theorem 1's arbitrage strategy of player j against i_o (who under-quotes good h) and
 * i (who quotes p*): for every k ∉ {i, i_o, j}, z_k^j = R_k + ω_k; z_{i_o}^j = z* + R_{i_o} + ω̄ − ω_j + ω_{i_o};
 * z_i^j = −z* + R_i + ω_i, with R_k = Σ_{l≠j,k}(z_l^k − z_k^l) + z_j^k (complete information: the
 * maxima over supports are the values) and z* = zStar·e_h. Returns `a` with j's demands replaced.
 */
export function arbitrage(e: Economy, a: Profile, r: { j: number; i: number; io: number; h: number; zStar: Fraction }): Profile {
  const N = a.quotes.length;
  const L = a.endowments[0].length;
  const demands = a.demands.map((row) => row.map((z) => [...z]));
  for (let k = 0; k < N; k++) {
    if (k === r.j) continue;
    const R = Array.from({ length: L }, (_, g) => {
      let s = a.demands[k][r.j][g]; // z_j^k: k's demand on j
      for (let l = 0; l < N; l++) if (l !== r.j && l !== k) s = s.add(a.demands[k][l][g]).sub(a.demands[l][k][g]);
      return s;
    });
    demands[r.j][k] = R.map((v, g) => {
      let z = v.add(e.omega[k][g]);
      if (k === r.io) z = z.add(e.total[g]).sub(e.omega[r.j][g]).add(g === r.h ? r.zStar : ZERO);
      if (k === r.i && g === r.h) z = z.sub(r.zStar);
      return z;
    });
  }
  return { ...a, demands };
}

/**
 * The proof's thresholds for z*^h (with ỹ = 0): i is bankrupt once z*^h exceeds W = −(i's budget at
 * z* = 0)/p_j^h, and j is solvent once z*^h ≥ Ỹ = (j's budget at z* = 0)/(p*^h − p_{i_o}^h). Both
 * are read off the budgets at z* = 0 (the budgets are affine in z*^h with slopes p_j^h and
 * p_{i_o}^h − p_i^h), which is the paper's W* and Ỹ* expanded.
 */
export function arbitrageThresholds(e: Economy, a: Profile, r: { j: number; i: number; io: number; h: number }): { W: Fraction; Y: Fraction } {
  const at0 = arbitrage(e, a, { ...r, zStar: ZERO });
  const W = budgetLhs(at0, r.i).neg().div(a.quotes[r.j][r.h]);
  const Y = budgetLhs(at0, r.j).div(a.quotes[r.i][r.h].sub(a.quotes[r.io][r.h]));
  return { W, Y };
}

/** The proof's arbitrage scene as numbers (see arbitrageScene). */
export interface ArbitrageScene {
  /** [i_o, j, i]. */
  roles: readonly [number, number, number];
  h: number;
  /** p_{i_o}^h = max(p*^h − under, 0) < p*^h. */
  under: number;
  /** j's quote on the real goods (the proof's p_j > 0). */
  pj: readonly number[];
  /** Other players' (and i_o's) actions: quote offsets and demand changes on the contract's. */
  others: readonly { player: number; quoteOffset: readonly number[]; demand: readonly (readonly number[])[] }[];
  /** z*^h − max(W, Ỹ, 0) > 0. */
  extra: number;
}

/**
 * The proof of Theorem 1's arbitrage scene at state t: the contract, the others' (arbitrary) actions,
 * i_o under-quoting good h, j quoting pj, then j's strategy with z*^h = max(W, Ỹ, 0) + extra.
 */
export function arbitrageScene(e: Economy, t: readonly number[], s: ArbitrageScene): { profile: Profile; zStar: Fraction; W: Fraction; Y: Fraction } {
  const [io, j, i] = s.roles;
  const base = contractProfile(e, t);
  const quotes = base.quotes.map((q) => [...q]);
  const demands = base.demands.map((row) => row.map((z) => [...z]));
  for (const o of s.others) {
    for (let h = 0; h < e.L - 1; h++) {
      const q = quotes[o.player][h].add(exactRational(o.quoteOffset[h]));
      quotes[o.player][h] = q.compare(0) > 0 ? q : ZERO;
    }
    o.demand.forEach((row, k) => {
      if (k !== o.player) row.forEach((v, g) => (demands[o.player][k][g] = demands[o.player][k][g].add(exactRational(v))));
    });
  }
  const low = quotes[i][s.h].sub(exactRational(s.under));
  quotes[io][s.h] = low.compare(0) > 0 ? low : ZERO;
  s.pj.forEach((v, h) => (quotes[j][h] = exactRational(v)));
  const a: Profile = { quotes, demands, endowments: base.endowments };
  const roles = { io, j, i, h: s.h };
  const { W, Y } = arbitrageThresholds(e, a, roles);
  let top = W.compare(Y) > 0 ? W : Y;
  if (top.compare(0) < 0) top = ZERO;
  const zStar = top.add(exactRational(s.extra));
  return { profile: arbitrage(e, a, { ...roles, zStar }), zStar, W, Y };
}
