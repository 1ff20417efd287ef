/**
 * Utilities of two goods (q, r), strictly increasing, strictly concave, Inada, additively
 * separable — the families Hu & Wallace (2012) Section 2 allows ("u^x strictly increasing,
 * strictly concave, Inada"), put here so other papers can reuse them: log, separable CES and
 * positive sums of those (a lottery over states is a sum: scale each state's utility by φ(z)).
 *
 * Everything that can overflow is computed in log space: for CES with small σ, ρ = 1 − 1/σ is very
 * negative and q^ρ overflows at the tiny consumptions ε allows, so marginals, the MRS and demand
 * work with ln q, ln r and log-sum-exp; only utilityValue returns a plain number.
 */
import { brent } from '../numeric/roots.ts';

/** A utility of two goods: a ln q + b ln r; the separable CES of elasticity σ; or a positive sum. */
export type TwoGoodUtility =
  | { kind: 'log'; a: number; b: number }
  | { kind: 'ces'; a: number; b: number; sigma: number }
  | { kind: 'sum'; terms: readonly TwoGoodUtility[] };

type Leaf = Exclude<TwoGoodUtility, { kind: 'sum' }>;

/** The leaves (log and CES terms) of a utility, nested sums flattened. */
export function leaves(u: TwoGoodUtility, out: Leaf[] = []): Leaf[] {
  if (u.kind === 'sum') for (const t of u.terms) leaves(t, out);
  else out.push(u);
  return out;
}

/** ρ = 1 − 1/σ of the CES family. */
export const cesRho = (sigma: number): number => 1 - 1 / sigma;

/** ln(e^x + e^y) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  const m = Math.max(x, y);
  return m + Math.log1p(Math.exp(-Math.abs(x - y)));
}

/** ln(1 + e^x) without overflow (softplus). */
export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/**
 * The value of u at (q, r). CES is returned as (a(q^ρ − 1) + b(r^ρ − 1))/ρ: the family
 * (a q^ρ + b r^ρ)/ρ shifted by the constant (a + b)/ρ, which changes no choice and no marginal,
 * so that it tends to a ln q + b ln r as σ → 1 instead of losing every digit to (a + b)/ρ.
 * May be ±∞ where the true value is beyond a double (q^ρ for ρ ≪ 0 and tiny q).
 */
export function utilityValue(u: TwoGoodUtility, q: number, r: number): number {
  switch (u.kind) {
    case 'log':
      return u.a * Math.log(q) + u.b * Math.log(r);
    case 'ces': {
      const rho = cesRho(u.sigma);
      // expm1(ρ ln q)/ρ → ln q as ρ → 0: the shift keeps the value exact near σ = 1.
      return (u.a * Math.expm1(rho * Math.log(q)) + u.b * Math.expm1(rho * Math.log(r))) / rho;
    }
    case 'sum': {
      let s = 0;
      for (const t of u.terms) s += utilityValue(t, q, r);
      return s;
    }
  }
}

/**
 * ln u_q and ln u_r at (ln q, ln r): a/q → ln a − ln q; CES a q^(ρ−1) → ln a + (ρ − 1) ln q; a sum by
 * log-sum-exp over its leaves. Never overflows, whatever σ and however small q or r.
 */
export function logMarginalUtilities(u: TwoGoodUtility, lq: number, lr: number): { lq: number; lr: number } {
  switch (u.kind) {
    case 'log':
      return { lq: Math.log(u.a) - lq, lr: Math.log(u.b) - lr };
    case 'ces': {
      const e = cesRho(u.sigma) - 1; // = −1/σ
      return { lq: Math.log(u.a) + e * lq, lr: Math.log(u.b) + e * lr };
    }
    case 'sum': {
      let sq = -Infinity;
      let sr = -Infinity;
      for (const t of u.terms) {
        const m = logMarginalUtilities(t, lq, lr);
        sq = logAddExp(sq, m.lq);
        sr = logAddExp(sr, m.lr);
      }
      return { lq: sq, lr: sr };
    }
  }
}

/** The marginal utilities (u_q, u_r) at (q, r) (Section 2: both positive, Inada at 0). */
export function marginalUtilities(u: TwoGoodUtility, q: number, r: number): { uq: number; ur: number } {
  const m = logMarginalUtilities(u, Math.log(q), Math.log(r));
  return { uq: Math.exp(m.lq), ur: Math.exp(m.lr) };
}

/** ln MRS = ln(u_q/u_r) at (ln q, ln r), without forming the marginals. */
export function logMrs(u: TwoGoodUtility, lq: number, lr: number): number {
  const m = logMarginalUtilities(u, lq, lr);
  return m.lq - m.lr;
}

/** The marginal rate of substitution u_q/u_r at (q, r): the price of q in units of r the agent would pay at the margin. */
export function mrs(u: TwoGoodUtility, q: number, r: number): number {
  return Math.exp(logMrs(u, Math.log(q), Math.log(r)));
}

/** c·u for c > 0: scales a and b of every leaf (the CES shift scales with them, so the value scales exactly). */
export function scaleUtility(u: TwoGoodUtility, c: number): TwoGoodUtility {
  switch (u.kind) {
    case 'log':
      return { kind: 'log', a: c * u.a, b: c * u.b };
    case 'ces':
      return { kind: 'ces', a: c * u.a, b: c * u.b, sigma: u.sigma };
    case 'sum':
      return { kind: 'sum', terms: u.terms.map((t) => scaleUtility(t, c)) };
  }
}

/**
 * The log expenditure ratio x = ln(p q / r) a leaf chooses at price p: ln(a/b) for log (Cobb–Douglas
 * shares); σ(ln a − ln b) + (1 − σ) ln p for CES, from a q^(ρ−1) / (b r^(ρ−1)) = p, i.e.
 * q/r = (a/(b p))^σ. Independent of wealth: every leaf is homothetic.
 */
function leafLogRatio(u: Leaf, lp: number): number {
  const l = Math.log(u.a) - Math.log(u.b);
  return u.kind === 'log' ? l : u.sigma * l + (1 - u.sigma) * lp;
}

/** (ln q, ln r) on the budget p q + r = W at log expenditure ratio x: p q = W/(1 + e^−x), r = W/(1 + e^x). */
function onBudget(x: number, lp: number, lw: number): { lq: number; lr: number } {
  return { lq: lw - lp - softplus(-x), lr: lw - softplus(x) };
}

/** The log demand and how it was found (closed form for a leaf; for a sum the bracket Brent closed). */
export interface LogDemand {
  lq: number;
  lr: number;
  /** ln(p q / r) at the demand. */
  x: number;
  /** For sums: the bracket [min, max] of the leaves' x, where ln MRS − ln p is ≥ 0 and ≤ 0. */
  bracket?: [number, number];
}

/**
 * Price-taking demand in log space at price p (of q in units of r) and wealth W (budget p q + r = W).
 * A leaf has a closed form (leafLogRatio). A sum u = Σ F_i(q) + G_i(r) is separable, so its MRS is
 * strictly decreasing along the budget in x; at the smallest leaf x_i every leaf's F_i' ≥ p G_i', so the
 * sum's too, and at the largest ≤: the root is certified inside [min x_i, max x_i] and found by Brent.
 */
export function logDemand(u: TwoGoodUtility, p: number, wealth: number): LogDemand {
  const lp = Math.log(p);
  const lw = Math.log(wealth);
  const ls = leaves(u);
  if (ls.length === 1) {
    const x = leafLogRatio(ls[0], lp);
    return { ...onBudget(x, lp, lw), x };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of ls) {
    const x = leafLogRatio(l, lp);
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  if (hi - lo <= 1e-15 * Math.max(1, Math.abs(lo))) return { ...onBudget(lo, lp, lw), x: lo, bracket: [lo, hi] };
  // Wealth scales out of the FOC for a leaf but not for a sum of CES leaves: keep it in.
  const f = (x: number) => {
    const b = onBudget(x, lp, lw);
    return logMrs(u, b.lq, b.lr) - lp;
  };
  const res = brent(f, lo, hi, { xtol: 1e-15, rtol: 4 * Number.EPSILON });
  const x = Number.isNaN(res.root) ? (Math.abs(f(lo)) < Math.abs(f(hi)) ? lo : hi) : res.root;
  return { ...onBudget(x, lp, lw), x, bracket: [lo, hi] };
}

/**
 * Price-taking demand (Hu–Wallace Section 2's competitive benchmark): maximise u(q, r) subject to
 * p q + r = wealth; closed form in log space for log and CES, a certified monotone 1-D root for sums.
 */
export function demand(u: TwoGoodUtility, p: number, wealth: number): { q: number; r: number } {
  const d = logDemand(u, p, wealth);
  return { q: Math.exp(d.lq), r: Math.exp(d.lr) };
}

/**
 * The first field of u outside its family or range (a, b > 0 and finite, σ > 0 finite and ≠ 1, a sum of
 * at least one term) with what is wrong, or undefined: the structured form of utilityRangeError.
 */
export function utilityRangeIssue(u: unknown, field: string): { field: string; detail: string } | undefined {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return { field, detail: 'must be a utility object (kind "log", "ces" or "sum")' };
  const o = u as Record<string, unknown>;
  const pos = (k: string) => {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) return { field: `${field}.${k}`, detail: v === undefined ? 'is required (a number)' : 'must be a finite number' };
    if (!(v > 0)) return { field: `${field}.${k}`, detail: `must be > 0 (got ${v})` };
    return undefined;
  };
  switch (o.kind) {
    case 'log':
      return pos('a') ?? pos('b');
    case 'ces': {
      const e = pos('a') ?? pos('b') ?? pos('sigma');
      if (e) return e;
      if (o.sigma === 1) return { field: `${field}.sigma`, detail: 'must not be 1 for CES (use kind "log")' };
      return undefined;
    }
    case 'sum': {
      if (!Array.isArray(o.terms) || o.terms.length === 0) return { field: `${field}.terms`, detail: 'must be a non-empty array of utilities' };
      for (let i = 0; i < o.terms.length; i++) {
        const e = utilityRangeIssue(o.terms[i], `${field}.terms[${i}]`);
        if (e) return e;
      }
      return undefined;
    }
    default:
      return { field: `${field}.kind`, detail: `must be "log", "ces" or "sum" (got ${JSON.stringify(o.kind) ?? 'nothing'})` };
  }
}

/** A one-line message `field: what is wrong` naming the first field of u outside its family or range, or undefined. For eval's schema. */
export function utilityRangeError(u: unknown, field: string): string | undefined {
  const i = utilityRangeIssue(u, field);
  return i && `${i.field}: ${i.detail}`;
}
