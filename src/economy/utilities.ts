/**
 * Utilities of n goods for exchange economies (Dagan, Serrano & Volij 1999, Section 2 and the
 * DSV preamble of CLAIMS.md). Index 0 is the paper's good 1: divisible, the numéraire and the
 * balancing good of Section 5.
 *
 * Cardinalisations matter where the paper's assumptions are cardinal (A5, almost strict
 * concavity of the cover): Cobb–Douglas is evaluated as −∏ x_k^{−α_k}, bounded above by 0 and
 * almost strictly concave, rather than the textbook ∏ x_k^{α_k}, which is linear along rays.
 * Demands are ordinal and analytic.
 */
import { InputError } from '../errors.ts';

/** v of Example 1: v(s) = 1 − exp(−a·s), strictly increasing, strictly concave, bounded (a > 0). */
export interface ExampleV {
  kind: 'exp';
  a: number;
}

export type Utility =
  /** CES, σ ≥ 1 (gross substitutes); σ = 1 is Cobb–Douglas. Weights are normalised to sum 1 internally (ordinal). */
  | { kind: 'ces'; alpha: readonly number[]; sigma: number }
  /** Cobb–Douglas, α_k ∈ (0,1), Σα = 1; value −∏ x_k^{−α_k} (bounded, almost strictly concave). */
  | { kind: 'cobb-douglas'; alpha: readonly number[] }
  /** 1 − exp(−w·x), w ≫ 0 (demand is a correspondence where two goods tie in w_k/p_k). */
  | { kind: 'exp'; w: readonly number[] }
  /** Example 1: v(x_1 + r·I(x_2)), I(x_2) = 1 if x_2 ≥ 1; two goods, good 1 (index 1) indivisible; r defaults to 1 (the paper's reservation price). */
  | { kind: 'example1'; v: ExampleV; r?: number };

/** An exchange economy of finitely many types with masses (a continuum, or counts of a finite population). */
export interface Economy {
  types: readonly { mass: number; endowment: readonly number[]; utility: Utility }[];
  /** 0-based indices of indivisible goods (never 0: good 0 is the divisible numéraire). */
  indivisible?: readonly number[];
}

/** Number of goods a utility is defined on. */
export function goodsOf(u: Utility): number {
  switch (u.kind) {
    case 'ces':
    case 'cobb-douglas':
      return u.alpha.length;
    case 'exp':
      return u.w.length;
    case 'example1':
      return 2;
  }
}

/** Normalised weights a_k = α_k / Σα (CES is ordinal in the scale of α). */
function normalised(alpha: readonly number[]): number[] {
  let s = 0;
  for (const a of alpha) s += a;
  return alpha.map((a) => a / s);
}

/** log of the CES aggregate (Σ a_k x_k^ρ)^{1/ρ}, ρ = (σ−1)/σ, a = α/Σα, by log-sum-exp; σ = 1 is Σ a_k log x_k. Allocation-free: the certificate's probes call it often. */
function cesLog(alpha: readonly number[], sigma: number, x: readonly number[]): number {
  const n = alpha.length;
  let sa = 0;
  for (let k = 0; k < n; k++) sa += alpha[k];
  if (sigma === 1) {
    let s = 0;
    for (let k = 0; k < n; k++) s += alpha[k] * Math.log(x[k]);
    return s / sa;
  }
  const rho = (sigma - 1) / sigma;
  let m = -Infinity;
  for (let k = 0; k < n; k++) if (x[k] > 0) m = Math.max(m, Math.log(alpha[k] / sa) + rho * Math.log(x[k]));
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < n; k++) if (x[k] > 0) s += Math.exp(Math.log(alpha[k] / sa) + rho * Math.log(x[k]) - m);
  return (m + Math.log(s)) / rho;
}

function vValue(v: ExampleV, s: number): number {
  return 1 - Math.exp(-v.a * s);
}

/** u(x) (Section 2; cardinalisations of the DSV preamble). */
export function utilityValue(u: Utility, x: readonly number[]): number {
  switch (u.kind) {
    case 'ces':
      return Math.exp(cesLog(u.alpha, u.sigma, x));
    case 'cobb-douglas': {
      let s = 0;
      for (let k = 0; k < u.alpha.length; k++) s += u.alpha[k] * Math.log(x[k]);
      return -Math.exp(-s);
    }
    case 'exp': {
      let s = 0;
      for (let k = 0; k < u.w.length; k++) s += u.w[k] * x[k];
      return 1 - Math.exp(-s);
    }
    case 'example1':
      return vValue(u.v, x[0] + (u.r ?? 1) * (x[1] >= 1 ? 1 : 0));
  }
}

/** ∇u(x) (Section 2); for Example 1 the indivisible good's partial is 0 (u is a step in x_2). */
export function gradient(u: Utility, x: readonly number[]): number[] {
  switch (u.kind) {
    case 'ces': {
      const a = normalised(u.alpha);
      const lu = cesLog(u.alpha, u.sigma, x);
      // ∂u/∂x_k = u^{1−ρ} a_k x_k^{ρ−1}; for σ = 1 (ρ = 0) that is u a_k / x_k.
      const rho = (u.sigma - 1) / u.sigma;
      return a.map((ak, k) => Math.exp((1 - rho) * lu + Math.log(ak) + (rho - 1) * Math.log(x[k])));
    }
    case 'cobb-douglas': {
      let s = 0;
      for (let k = 0; k < u.alpha.length; k++) s += u.alpha[k] * Math.log(x[k]);
      const m = Math.exp(-s); // −u
      return u.alpha.map((ak, k) => (m * ak) / x[k]);
    }
    case 'exp': {
      let s = 0;
      for (let k = 0; k < u.w.length; k++) s += u.w[k] * x[k];
      const e = Math.exp(-s);
      return u.w.map((wk) => wk * e);
    }
    case 'example1': {
      const s = x[0] + (u.r ?? 1) * (x[1] >= 1 ? 1 : 0);
      return [u.v.a * Math.exp(-u.v.a * s), 0];
    }
  }
}

/** Whether the demand of u is single-valued and smooth in prices (what a Newton solver needs). */
export function hasSmoothDemand(u: Utility): boolean {
  return u.kind === 'ces' || u.kind === 'cobb-douglas';
}

/**
 * The Marshallian demand at prices p ≫ 0 and wealth W ≥ 0 on the convex consumption set R_+^n
 * (Section 2's budget set). CES: x_k = W a_k^σ p_k^{−σ} / Σ_j a_j^σ p_j^{1−σ}; Cobb–Douglas:
 * x_k = α_k W / p_k. For the non-smooth kinds a selection: exp spends W on the lowest-index good
 * maximising w_k/p_k; Example 1 buys one unit of good 1 iff r > p_1 and W ≥ p_1.
 */
export function demand(u: Utility, prices: readonly number[], wealth: number): number[] {
  const n = prices.length;
  switch (u.kind) {
    case 'ces': {
      const a = normalised(u.alpha);
      const s = u.sigma;
      // Work with logs: a_k^σ p_k^{−σ} can over/underflow for extreme prices.
      const lw = a.map((ak, k) => s * Math.log(ak) - s * Math.log(prices[k]));
      const ld = a.map((ak, k) => s * Math.log(ak) + (1 - s) * Math.log(prices[k]));
      const m = Math.max(...ld);
      let den = 0;
      for (const l of ld) den += Math.exp(l - m);
      const lden = m + Math.log(den);
      return lw.map((l) => wealth * Math.exp(l - lden));
    }
    case 'cobb-douglas': {
      const a = normalised(u.alpha);
      return a.map((ak, k) => (ak * wealth) / prices[k]);
    }
    case 'exp': {
      let best = 0;
      for (let k = 1; k < n; k++) if (u.w[k] / prices[k] > u.w[best] / prices[best]) best = k;
      const x = new Array<number>(n).fill(0);
      x[best] = wealth / prices[best];
      return x;
    }
    case 'example1': {
      const r = u.r ?? 1;
      if (r > prices[1] && wealth >= prices[1]) return [wealth - prices[1], 1];
      return [wealth / prices[0], 0];
    }
  }
}

const finitePositive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * Validate a utility for n goods (the assumptions of Section 2 and the DSV preamble), throwing an
 * InputError naming the field: CES α_k > 0 and σ ≥ 1 (gross substitutes, so the equilibrium is
 * unique), Cobb–Douglas α_k ∈ (0,1) with Σα = 1, exp w_k > 0, Example 1 with two goods and a > 0, r > 0.
 */
export function checkUtility(u: Utility, n: number, field: string): void {
  const weights = (xs: readonly number[], name: string): void => {
    if (xs.length !== n) throw new InputError(`${field}.${name}`, `has ${xs.length} entries, expected ${n} (one per good)`);
    xs.forEach((a, k) => {
      if (!finitePositive(a)) throw new InputError(`${field}.${name}[${k}]`, `must be a finite number > 0, got ${a}`);
    });
  };
  switch (u.kind) {
    case 'ces':
      weights(u.alpha, 'alpha');
      if (!Number.isFinite(u.sigma) || u.sigma < 1) throw new InputError(`${field}.sigma`, `must be ≥ 1 (gross substitutes: the equilibrium is unique), got ${u.sigma}`);
      if (u.sigma > 1e6) throw new InputError(`${field}.sigma`, `must be ≤ 1e6 (beyond, CES is numerically linear), got ${u.sigma}`);
      return;
    case 'cobb-douglas': {
      weights(u.alpha, 'alpha');
      u.alpha.forEach((a, k) => {
        if (a >= 1) throw new InputError(`${field}.alpha[${k}]`, `must lie in (0,1), got ${a}`);
      });
      const s = u.alpha.reduce((t, a) => t + a, 0);
      if (Math.abs(s - 1) > 1e-9) throw new InputError(`${field}.alpha`, `must sum to 1 (Cobb–Douglas shares), sums to ${s}`);
      return;
    }
    case 'exp':
      weights(u.w, 'w');
      return;
    case 'example1':
      if (n !== 2) throw new InputError(field, `example1 is a two-good utility, the economy has ${n} goods`);
      if (!finitePositive(u.v.a)) throw new InputError(`${field}.v.a`, `must be a finite number > 0, got ${u.v.a}`);
      if (u.r !== undefined && !finitePositive(u.r)) throw new InputError(`${field}.r`, `must be a finite number > 0, got ${u.r}`);
      return;
  }
}
