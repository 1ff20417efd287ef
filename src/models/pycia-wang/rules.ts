/**
 * Pycia & Wang (2015), Lemma 1's hypothesis: allocation rules whose interim shares S_i are weakly
 * increasing — (D1), its lotteries with equal split, and a smooth power rule — with S_i, S_i' and
 * ∫S_i for the transfers of mechanism.ts.
 */
import type { Dist } from '../../distributions/types.ts';
import { quad } from '../../numeric/index.ts';
import { Cheb } from '../../numeric/chebyshev.ts';
import type { Precision, QuadOptions } from '../../numeric/types.ts';
import { dG, G } from './market.ts';


/**
 * An allocation rule with weakly increasing interim shares (Lemma 1's hypothesis):
 * - `efficient`: (D1), s_i = 1{v_i > max_{j≠i} v_j} (a tie, of probability 0, is split);
 * - `power`: s_i = (v_i − v̲ + c)^k / Σ_j (v_j − v̲ + c)^k with c = offset·(v̄ − v̲) > 0. With
 *   v̲ = 0 and offset → 0 this is s_i ∝ v_i^k; the offset keeps s smooth at the bottom, so S_i
 *   is analytic on [v̲, v̄] and its Chebyshev table converges (offset 0 gives S ~ w·log(1/w)
 *   near 0 for k = 1, n = 2, which no fixed table resolves);
 * - `lottery`: λ·(D1) + (1 − λ)/n.
 */
export type RuleSpec =
  | { kind: 'efficient' }
  | { kind: 'power'; k: number; offset: number }
  | { kind: 'lottery'; lambda: number };

export const EFFICIENT: RuleSpec = { kind: 'efficient' };

export interface AllocationRule {
  readonly spec: RuleSpec;
  readonly n: number;
  /** s jumps where two types tie (D1 and lotteries): integrals over a type are split there. */
  readonly jumps: boolean;
  /** Ex-post shares s(v) into out; Σ out = 1. */
  shares(v: ArrayLike<number>, out: Float64Array): void;
  /** s_k(v). */
  share(v: ArrayLike<number>, k: number): number;
  /** Interim share S_i(w) = E_{−i}[s_i(w, v_{−i})] (every agent: the rules are anonymous). */
  S(w: number): number;
  /** S_i'(w). */
  dS(w: number): number;
  /** ∫_{v̲}^{w} S_i(p) dp for w in [v̲, v̄] (φ clamps its argument there: no share moves outside). */
  intS(w: number): { value: number; abserr: number };
  /** Error bound on S (0 for closed forms; the Chebyshev tail plus quadrature error for the power rule). */
  readonly sErr: number;
  readonly converged: boolean;
}

/** Σ of a D1 profile's ties at the maximum, and the maximum. */
function d1Shares(v: ArrayLike<number>, out: Float64Array, n: number): void {
  let m = -Infinity;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const x = v[j];
    if (x > m) {
      m = x;
      count = 1;
    } else if (x === m) count++;
  }
  const s = 1 / count;
  for (let j = 0; j < n; j++) out[j] = v[j] === m ? s : 0;
}

function d1Share(v: ArrayLike<number>, k: number, n: number): number {
  const x = v[k];
  let ties = 1;
  for (let j = 0; j < n; j++) {
    if (j === k) continue;
    if (v[j] > x) return 0;
    if (v[j] === x) ties++;
  }
  return 1 / ties;
}

/** ∫_{v̲}^{w} F^{n−1} for w in [v̲, v̄], by adaptive quadrature (breakpoints of F passed). */
function intG(dist: Dist, n: number, w: number, qo: QuadOptions): { value: number; abserr: number } {
  const r = quad((p) => G(dist, n, p), dist.lo, w, { ...qo, points: dist.breakpoints });
  return { value: r.value, abserr: r.abserr };
}

/** (D1): S_i = G = F^{n−1} (Theorem 1's proof). */
export function efficientRule(dist: Dist, n: number, qo: QuadOptions): AllocationRule {
  return {
    spec: EFFICIENT,
    n,
    jumps: true,
    shares: (v, out) => d1Shares(v, out, n),
    share: (v, k) => d1Share(v, k, n),
    S: (w) => G(dist, n, w),
    dS: (w) => dG(dist, n, w),
    intS: (w) => intG(dist, n, w, qo),
    sErr: 0,
    converged: true,
  };
}

/** λ·(D1) + (1−λ)/n: S_i = λF^{n−1} + (1−λ)/n, the mixture of the two interim shares. */
export function lotteryRule(dist: Dist, n: number, lambda: number, qo: QuadOptions): AllocationRule {
  const flat = (1 - lambda) / n;
  return {
    spec: { kind: 'lottery', lambda },
    n,
    jumps: true,
    shares: (v, out) => {
      d1Shares(v, out, n);
      for (let j = 0; j < n; j++) out[j] = lambda * out[j] + flat;
    },
    share: (v, k) => lambda * d1Share(v, k, n) + flat,
    S: (w) => lambda * G(dist, n, w) + flat,
    dS: (w) => lambda * dG(dist, n, w),
    intS: (w) => {
      const g = intG(dist, n, w, qo);
      return { value: lambda * g.value + flat * (w - dist.lo), abserr: lambda * g.abserr };
    },
    sErr: 0,
    converged: true,
  };
}

/**
 * Power rule: S_i(w) = E[a/(a + X)] with a = (w − v̲ + c)^k, X = Σ_{j≠i}(v_j − v̲ + c)^k.
 * Since a/(a + X) = ∫_0^∞ a e^{−t(a+X)} dt and the v_j are independent,
 *   S_i(w) = ∫_0^∞ e^{−τ} L(τ/a)^{n−1} dτ,   L(t) = ∫ e^{−t(v−v̲+c)^k} dF(v),
 * two nested 1-D integrals for every n. S is tabulated once per market as a Chebyshev series
 * (analytic on [v̲, v̄] because c > 0), doubling the degree until the tail is below tolerance.
 * This is a second route to S: the interim check integrates the ex-post s_i itself.
 */
export function powerRule(dist: Dist, n: number, k: number, offset: number, qo: QuadOptions, precision: Precision): AllocationRule {
  const lo = dist.lo;
  const c = offset * (dist.hi - dist.lo);
  if (!(c > 0) || !(k > 0)) throw new Error(`power rule needs k > 0 and offset > 0 (got k = ${k}, offset = ${offset})`);
  const weight = (x: number) => Math.pow(x - lo + c, k);
  const tmp = new Float64Array(n);
  // 1e-13: a decade above G10K21's roundoff floor (50·eps ≈ 1.1e-14 relative), at both tiers.
  const innerOpts: QuadOptions = { epsabs: 1e-15, epsrel: 1e-13, points: dist.breakpoints, limit: 400 };
  let quadErr = 0;
  let ok = true;
  const L = (t: number) => {
    const r = quad((v) => Math.exp(-t * weight(v)) * dist.pdf(v), dist.lo, dist.hi, innerOpts);
    quadErr = Math.max(quadErr, r.abserr);
    ok &&= r.converged;
    return r.value;
  };
  const Sdirect = (w: number) => {
    const a = weight(w);
    const r = quad((tau) => Math.exp(-tau) * Math.pow(L(tau / a), n - 1), 0, 40, {
      epsabs: 1e-15,
      epsrel: innerOpts.epsrel,
      points: [0.5, 2, 6, 15],
    });
    quadErr = Math.max(quadErr, r.abserr + (n - 1) * r.abserr);
    ok &&= r.converged;
    return r.value;
  };
  const target = precision === 'high' ? 1e-13 : 1e-12;
  let cheb = Cheb.fit(Sdirect, dist.lo, dist.hi, 16);
  for (let N = 32; cheb.tail() > target && N <= 256; N *= 2) cheb = Cheb.fit(Sdirect, dist.lo, dist.hi, N);
  const tail = cheb.tail();
  const der = cheb.derivative();
  const anti = cheb.integral();
  const sErr = 4 * tail + quadErr + 1e-15;
  return {
    spec: { kind: 'power', k, offset },
    n,
    jumps: false,
    shares: (v, out) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        out[j] = weight(v[j]);
        sum += out[j];
      }
      for (let j = 0; j < n; j++) out[j] /= sum;
    },
    share: (v, kk) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        tmp[j] = weight(v[j]);
        sum += tmp[j];
      }
      return tmp[kk] / sum;
    },
    S: (w) => cheb.value(w),
    dS: (w) => der.value(w),
    intS: (w) => ({ value: anti.value(w), abserr: sErr * (w - dist.lo) }),
    sErr,
    converged: ok && tail <= target * 100,
  };
}

export function makeRule(spec: RuleSpec, dist: Dist, n: number, qo: QuadOptions, precision: Precision): AllocationRule {
  switch (spec.kind) {
    case 'efficient':
      return efficientRule(dist, n, qo);
    case 'lottery':
      return lotteryRule(dist, n, spec.lambda, qo);
    case 'power':
      return powerRule(dist, n, spec.k, spec.offset, qo, precision);
  }
}
