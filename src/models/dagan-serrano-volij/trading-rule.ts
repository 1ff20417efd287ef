/**
 * Dagan, Serrano & Volij (1999), Section 5: the trading rule g of the bilateral meetings.
 *
 * Goods are 0-indexed: good 0 is the paper's good 1 (divisible, the numéraire that balances the
 * budget p·x = 0); goods k ≥ 1 are the paper's goods k + 1. The proposer a_0 and the responder a_1
 * bring their excess demands z_i = h(a_i, e_i) − e_i; the set B(z_0, z_1) of the paper is, per good
 * k ≥ 1, x^k = sign(z_0^k)·s_k with 0 ≤ s_k ≤ min(|z_0^k|, |z_1^k|) when z_0^k, z_1^k have opposite
 * signs (conditions (i)–(ii); otherwise x^k = 0), s_k integer for indivisible goods, and x^0 fixed by
 * p·x = 0 with both holdings staying non-negative (condition (iii)). With V = Σ_{k≥1} p_k x^k the value
 * the proposer buys, (iii) is −p_0 e_1^0 ≤ V ≤ p_0 e_0^0: a proposer can pay only with the good 1 he
 * holds, a responder only with his.
 *
 * g maximises −Σ_{k≥1} exp(−|x^k|) over B exactly:
 * - divisible goods: the objective is separable and concave, the constraint one slab. When the caps
 *   fit in it, every s_k is at its cap; otherwise one side binds and, by KKT, the goods on the other
 *   side stay at their caps (trading them relaxes the constraint) and the binding side is
 *   water-filled with one multiplier: s_k = clamp(μ − ln p_k, 0, c_k) with μ solved exactly on the
 *   piecewise-linear Σ p_k s_k(μ) (sorted breakpoints, one linear solve).
 * - indivisible goods: every integer vector of their s_k is enumerated, the divisible goods solved as
 *   above for each; ties (objectives within TIE_REL of each other) go to the lexicographically
 *   greatest integer vector in increasing good order — the lowest-indexed indivisible good is traded
 *   first. The enumeration is refused beyond ENUMERATION_MAX vectors.
 *
 * Holdings are clamped against round-off residue: caps never exceed what the seller holds, money
 * never below 0, and x^0 lies within both holdings of good 0 even when p·x = 0 puts it one ulp out.
 */

/** One side of a bilateral meeting: current holdings e(a, t) and the bundle h(a, e) it is heading for. */
export interface TradeSide {
  holdings: ArrayLike<number>;
  target: ArrayLike<number>;
}

/** Ties among maximisers are objectives within this relative distance (indivisible goods; Section 5). */
export const TIE_REL = 1e-12;
/** Integer vectors of the indivisible goods enumerated at most (the product of their caps + 1). */
export const ENUMERATION_MAX = 200_000;

/** The Gale trade g(z_0, z_1): the proposer's net trade x (the responder gets −x) and its objective. */
export interface GaleTrade {
  trade: number[];
  /** −Σ_{k≥1} exp(−|x^k|) (Section 5). */
  objective: number;
  /** Integer vectors of the indivisible goods that tied for the maximum (1 when the maximiser is unique among them). */
  ties: number;
}

/** The objective of g (Section 5): −Σ_{k≥2} exp(−|x^k|) in the paper's numbering, goods k ≥ 1 here. */
export function galeObjective(x: readonly number[]): number {
  let s = 0;
  for (let k = 1; k < x.length; k++) s -= Math.exp(-Math.abs(x[k]));
  return s;
}

/** Per good k ≥ 1: the direction of x^k (+1 proposer buys, −1 sells, 0 no trade) and the cap on |x^k| (Section 5, B's (i)–(iii)). */
export function tradeCaps(prices: readonly number[], indivisible: readonly boolean[], proposer: TradeSide, responder: TradeSide): { dir: number[]; cap: number[] } {
  const L = prices.length;
  const dir = new Array<number>(L).fill(0);
  const cap = new Array<number>(L).fill(0);
  for (let k = 1; k < L; k++) {
    const z0 = proposer.target[k] - proposer.holdings[k];
    const z1 = responder.target[k] - responder.holdings[k];
    if (z0 > 0 && z1 < 0) {
      dir[k] = 1;
      cap[k] = Math.min(z0, -z1, Math.max(0, responder.holdings[k]));
    } else if (z0 < 0 && z1 > 0) {
      dir[k] = -1;
      cap[k] = Math.min(-z0, z1, Math.max(0, proposer.holdings[k]));
    }
    // integer s_k for an indivisible good; targets and holdings are integers there, the 1e-9 absorbs their round-off
    if (indivisible[k]) cap[k] = Math.floor(cap[k] + 1e-9);
    if (!(cap[k] > 0)) dir[k] = 0;
  }
  return { dir, cap };
}

// Scratch space for the water-filling (no allocation on the simulation's hot path).
let bpScratch = new Float64Array(16);

/**
 * max Σ_{k∈G} (1 − e^{−s_k}) subject to Σ_{k∈G} p_k s_k ≤ R, 0 ≤ s_k ≤ c_k (Section 5, divisible goods):
 * s_k = clamp(μ − ln p_k, 0, c_k) with μ solving the piecewise-linear budget exactly. Writes s into
 * `s` at the goods `goods`; returns false when R < 0 (no feasible s).
 */
export function waterFill(prices: readonly number[], cap: readonly number[], goods: readonly number[], R: number, s: number[]): boolean {
  if (R < 0) return false;
  let full = 0;
  for (const k of goods) full += prices[k] * cap[k];
  if (full <= R) {
    for (const k of goods) s[k] = cap[k];
    return true;
  }
  // breakpoints of S(μ) = Σ p_k clamp(μ − ln p_k, 0, c_k): ln p_k (good k starts) and ln p_k + c_k (it is full)
  const m = goods.length;
  if (bpScratch.length < 2 * m) bpScratch = new Float64Array(4 * m);
  const bp = bpScratch.subarray(0, 2 * m);
  goods.forEach((k, i) => {
    bp[2 * i] = Math.log(prices[k]);
    bp[2 * i + 1] = Math.log(prices[k]) + cap[k];
  });
  bp.sort();
  const S = (mu: number) => {
    let v = 0;
    for (const k of goods) v += prices[k] * Math.min(cap[k], Math.max(0, mu - Math.log(prices[k])));
    return v;
  };
  let lo = bp[0];
  let sLo = 0;
  let mu = bp[2 * m - 1];
  for (let j = 1; j < 2 * m; j++) {
    const sj = S(bp[j]);
    if (sj >= R) {
      // S is linear on [lo, bp[j]]: one division solves it
      mu = sj > sLo ? lo + ((R - sLo) / (sj - sLo)) * (bp[j] - lo) : lo;
      break;
    }
    lo = bp[j];
    sLo = sj;
  }
  let spent = 0;
  for (const k of goods) {
    s[k] = Math.min(cap[k], Math.max(0, mu - Math.log(prices[k])));
    spent += prices[k] * s[k];
  }
  // round-off may leave Σ p s a few ulps above R: shave the largest share so the budget holds
  if (spent > R) {
    let big = goods[0];
    for (const k of goods) if (prices[k] * s[k] > prices[big] * s[big]) big = k;
    s[big] = Math.max(0, s[big] - (spent - R) / prices[big]);
  }
  return true;
}

/**
 * The divisible goods' part of g for a fixed value V_I of the indivisible part (Section 5): s at the
 * divisible goods maximising Σ (1 − e^{−s_k}) with −M_1 ≤ V_I + Σ_{+} p s − Σ_{−} p s ≤ M_0.
 * Returns the objective part, or −Infinity when no s fits.
 */
function divisiblePart(prices: readonly number[], cap: readonly number[], plus: readonly number[], minus: readonly number[], VI: number, M0: number, M1: number, s: number[]): number {
  let vPlus = 0;
  let vMinus = 0;
  for (const k of plus) vPlus += prices[k] * cap[k];
  for (const k of minus) vMinus += prices[k] * cap[k];
  const vCaps = VI + vPlus - vMinus;
  if (vCaps > M0) {
    // the proposer's money binds: everything he sells at its cap, what he buys water-filled
    for (const k of minus) s[k] = cap[k];
    if (!waterFill(prices, cap, plus, M0 - VI + vMinus, s)) return -Infinity;
  } else if (vCaps < -M1) {
    // the responder's money binds: everything the proposer buys at its cap, what he sells water-filled
    for (const k of plus) s[k] = cap[k];
    if (!waterFill(prices, cap, minus, M1 + VI + vPlus, s)) return -Infinity;
  } else {
    for (const k of plus) s[k] = cap[k];
    for (const k of minus) s[k] = cap[k];
  }
  let obj = 0;
  for (const k of plus) obj += 1 - Math.exp(-s[k]);
  for (const k of minus) obj += 1 - Math.exp(-s[k]);
  return obj;
}

/**
 * g(z_0, z_1) of Section 5: the proposer's net trade maximising −Σ_{k≥1} exp(−|x^k|) over B(z_0, z_1),
 * good 0 balancing p·x = 0 within both holdings. Throws a RangeError when the indivisible goods would
 * need more than ENUMERATION_MAX integer vectors.
 */
export function galeTrade(prices: readonly number[], indivisible: readonly boolean[], proposer: TradeSide, responder: TradeSide): GaleTrade {
  const L = prices.length;
  const { dir, cap } = tradeCaps(prices, indivisible, proposer, responder);
  const plus: number[] = [];
  const minus: number[] = [];
  const intGoods: number[] = [];
  for (let k = 1; k < L; k++) {
    if (dir[k] === 0) continue;
    if (indivisible[k]) intGoods.push(k);
    else (dir[k] > 0 ? plus : minus).push(k);
  }
  const p0 = prices[0];
  const M0 = Math.max(0, proposer.holdings[0]) * p0;
  const M1 = Math.max(0, responder.holdings[0]) * p0;
  const s = new Array<number>(L).fill(0);
  const best = new Array<number>(L).fill(0);
  let bestObj = -Infinity;
  let ties = 0;
  let combos = 1;
  for (const k of intGoods) combos *= cap[k] + 1;
  if (combos > ENUMERATION_MAX) throw new RangeError(`the indivisible goods' caps allow ${combos} integer trades, more than the ${ENUMERATION_MAX} enumerated`);
  // odometer over the integer vectors, from the greatest in lexicographic order down: a later vector
  // replaces the best only when strictly better, so ties keep the lexicographically greatest
  const n = intGoods.length;
  const digit = intGoods.map((k) => cap[k]);
  for (;;) {
    let VI = 0;
    let objI = 0;
    for (let i = 0; i < n; i++) {
      const k = intGoods[i];
      s[k] = digit[i];
      VI += dir[k] * prices[k] * digit[i];
      objI += 1 - Math.exp(-digit[i]);
    }
    const obj = objI + divisiblePart(prices, cap, plus, minus, VI, M0, M1, s);
    if (obj > -Infinity) {
      const gap = obj - bestObj;
      const tie = Math.abs(gap) <= TIE_REL * Math.max(1, Math.abs(obj));
      if (tie) ties++;
      else if (gap > 0) {
        bestObj = obj;
        ties = 1;
        for (let k = 1; k < L; k++) best[k] = s[k];
      }
    }
    let i = n - 1;
    while (i >= 0 && digit[i] === 0) {
      digit[i] = cap[intGoods[i]];
      i--;
    }
    if (i < 0) break;
    digit[i]--;
  }
  const x = new Array<number>(L).fill(0);
  let V = 0;
  for (let k = 1; k < L; k++) {
    x[k] = dir[k] * best[k];
    V += prices[k] * x[k];
  }
  // good 1 balances p·x = 0; clamped into both holdings against the residue of the division
  x[0] = Math.min(Math.max(0, responder.holdings[0]), Math.max(-Math.max(0, proposer.holdings[0]), -V / p0));
  if (x[0] === 0) x[0] = 0; // no −0 in results
  return { trade: x, objective: galeObjective(x), ties: Math.max(1, ties) };
}
