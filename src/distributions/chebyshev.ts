/**
 * Piecewise Chebyshev interpolation of a non-negative density, with its running integrals kept
 * accurate *relative to their own size* towards both ends of the support.
 *
 * The coefficients, their derivative and antiderivatives and Clenshaw's recurrence are the
 * project's one Chebyshev core (src/numeric/chebyshev.ts); this file adds the adaptive, piecewise
 * strategy a density needs. What it does beyond a plain fit: (1) a
 * tolerance relative to each piece's own smallest value (floored), with pieces split until their
 * values span ≤ 16× — so F and 1 − F keep their relative accuracy where the density decays or
 * vanishes, and F is monotone even at 1e-30; (2) pieces graded geometrically (ratio 4) towards
 * both ends; (3) recognition of rounding noise in f, including the rounding of x itself
 * (|f′|·ulp(x)), so that noisy expressions stop splitting; (4) a non-negativity guarantee per
 * piece; (5) left *and* right antiderivatives, so 1 − F is never formed by subtraction.
 */

import { chebAntiderivatives, chebCoefficients, chebDerivative, clenshaw, clenshawMany, cosTable } from '../numeric/chebyshev.ts';
import { EPS } from './common.ts';

export interface ChebPiece {
  a: number;
  b: number;
  /** Chebyshev coefficients of the density on [a, b] (in t = (2x − a − b)/(b − a)). */
  c: Float64Array;
  /** ∫_a^x, as Chebyshev coefficients in t (value 0 at t = −1). */
  left: Float64Array;
  /** ∫_x^b, as Chebyshev coefficients in t (value 0 at t = +1). */
  right: Float64Array;
  /** ∫_a^b. */
  mass: number;
  /** Estimated max |f − interpolant| on the piece, and whether it met the tolerance. */
  err: number;
  converged: boolean;
  /** |f′|·ulp(x) on the piece: how far f's own values move when x is rounded (absolute). */
  xNoise: number;
}

export interface FitOptions {
  /** Relative tolerance on each piece, relative to max(piece min, floor · global max). */
  tol: number;
  /** Floor of the per-piece accuracy target, as a fraction of the global maximum. */
  floor: number;
  /** Pieces are split until their values span ≤ 16×, down to this fraction of the global maximum. */
  rangeFloor: number;
  /** Global scale (max of f on a sampling grid); raised by any larger sample. */
  scale: number;
  /** Error accepted when convergence stalls (rounding noise of f), relative to the piece's max. */
  noise: number;
  /** Highest degree tried before splitting. */
  maxDegree: number;
  /** Budget of f evaluations; when spent, remaining pieces are accepted as they are. */
  maxEvals: number;
  /** Smallest piece width, relative to the support width. */
  minWidth: number;
}

/** Thrown by `fit` when f is not a density at a sample point (caller turns it into a message). */
export class BadSample extends Error {
  constructor(
    readonly x: number,
    readonly value: number,
  ) {
    super(`bad sample f(${x}) = ${value}`);
  }
}

let scratchBuf = new Float64Array(256);
/** A reusable buffer of at least n doubles (contents undefined; not kept across calls). */
function scratch(n: number): Float64Array {
  if (scratchBuf.length < n) scratchBuf = new Float64Array(2 * n);
  return scratchBuf;
}

export { clenshaw };

/** Drop trailing coefficients whose absolute sum is below `tol`. */
function chop(c: Float64Array, tol: number): Float64Array {
  let m = c.length;
  let tail = 0;
  while (m > 1 && tail + Math.abs(c[m - 1]) <= tol) tail += Math.abs(c[--m]);
  return c.slice(0, m);
}

/** A lower bound of Σ c_k T_k on [−1, 1], since |T_k| ≤ 1 there: c_0 − Σ_{k≥1}|c_k|. O(n), and
 * for a positive density usually enough to skip polyMin's O(n²) search. */
export function chebLowerBound(c: Float64Array): number {
  let s = c[0] ?? 0;
  for (let k = 1; k < c.length; k++) s -= Math.abs(c[k]);
  return s;
}

/**
 * Minimum of Σ c_k T_k on [−1, 1]: sampled at 4n + 8 Chebyshev points (local minima of a
 * degree-n polynomial are ~π/n apart in angle), the best sample polished by Newton on p′.
 */
export function polyMin(c: Float64Array): { t: number; value: number } {
  const m = 4 * c.length + 8;
  let bestT = -1;
  let best = Infinity;
  // −cos(πj/m) = cos(π(m − j)/m): the cached table's entries, in the other order.
  const cs = cosTable(m);
  const vals = scratch(m + 1);
  clenshawMany(c, cs, vals, m + 1);
  for (let j = 0; j <= m; j++) {
    if (vals[j] < best) {
      best = vals[j];
      bestT = cs[j];
    }
  }
  if (c.length > 2) {
    const d1 = chebDerivative(c);
    const d2 = chebDerivative(d1);
    let t = bestT;
    for (let it = 0; it < 20; it++) {
      const g = clenshaw(d1, t);
      const h = clenshaw(d2, t);
      if (!(h > 0)) break;
      const tn = Math.max(-1, Math.min(1, t - g / h));
      if (Math.abs(tn - t) < 1e-15) break;
      t = tn;
    }
    const v = clenshaw(c, t);
    if (v < best) {
      best = v;
      bestT = t;
    }
  }
  return { t: bestT, value: best };
}

/** ∫_{-1}^{1} T_j(t) dt. */
function mu(j: number): number {
  return j % 2 === 0 ? 2 / (1 - j * j) : 0;
}

/** ∫_a^b x p(x) dx for a piece, exactly for its interpolant. */
export function firstMoment(p: ChebPiece): number {
  const half = (p.b - p.a) / 2;
  const mid = p.a + half;
  let s0 = 0;
  let s1 = 0;
  for (let j = 0; j < p.c.length; j++) {
    s0 += p.c[j] * mu(j);
    s1 += (p.c[j] * (mu(j + 1) + mu(Math.abs(j - 1)))) / 2;
  }
  return half * (mid * s0 + half * s1);
}

interface Work {
  a: number;
  b: number;
}

/**
 * Fits f on each interval between consecutive `breaks` (sorted, including the ends), splitting
 * adaptively. Samples are checked: a non-finite value, or one below −negTol·scale, throws BadSample.
 */
export function fit(f: (x: number) => number, breaks: readonly number[], opts: FitOptions, negTol: number): { pieces: ChebPiece[]; evals: number; scale: number } {
  const lo = breaks[0];
  const width = breaks[breaks.length - 1] - lo;
  let scale = opts.scale;
  let evals = 0;
  const sample = (x: number): number => {
    evals++;
    const v = f(x);
    if (!Number.isFinite(v)) throw new BadSample(x, v);
    if (v < -negTol * scale) throw new BadSample(x, v);
    if (v > scale) scale = v;
    return v;
  };
  const queue: Work[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) queue.push({ a: breaks[i], b: breaks[i + 1] });
  const done: ChebPiece[] = [];
  while (queue.length > 0) {
    const w = queue.shift()!;
    const { a, b } = w;
    const half = (b - a) / 2;
    const mid = a + half;
    const xAt = (t: number) => (t === -1 ? a : t === 1 ? b : mid + half * t);
    // level n: v[j] = f(cos(jπ/n)); cos(π j/n) runs from +1 to −1
    let n = 8;
    let v = new Float64Array(n + 1);
    const cs8 = cosTable(n);
    for (let j = 0; j <= n; j++) v[j] = sample(xAt(j === 0 ? 1 : j === n ? -1 : cs8[j]));
    let prevErr = Infinity;
    let accepted: { c: Float64Array; err: number; converged: boolean; xNoise: number } | null = null;
    let next: Float64Array | null = null; // the previous level's c2: this level's c
    for (;;) {
      const c = next ?? chebCoefficients(v, n);
      // new points of level 2n (odd indices), compared with the level-n interpolant
      const n2 = 2 * n;
      const cs2 = cosTable(n2);
      const v2 = new Float64Array(n2 + 1);
      const x2 = new Float64Array(n2 + 1);
      let localMax = 0;
      let localMin = Infinity;
      for (let j = 0; j <= n2; j++) {
        x2[j] = xAt(j === 0 ? 1 : j === n2 ? -1 : cs2[j]);
        const fv = j % 2 === 0 ? v[j / 2] : sample(x2[j]);
        v2[j] = fv;
        localMax = Math.max(localMax, Math.abs(fv));
        localMin = Math.min(localMin, Math.abs(fv));
      }
      // Sample points are doubles: a node sits up to ulp(x)/2 from where the Chebyshev grid puts
      // it, which moves f by |f′|·ulp(x)/2 — the noise floor on pieces only a few million ulps
      // wide (graded pieces near an end far from 0), or where f is steep far from 0. Each check
      // node is allowed that much on top of the target, |f′| taken as the smaller of the two
      // difference quotients around it (so a jump next to a node does not pass for noise).
      let err = 0; // max |f − p_n| at the check nodes beyond their x-noise
      let xNoise = 0;
      const atCheck = scratch(n2 + 1);
      clenshawMany(c, cs2, atCheck, n2 + 1);
      for (let j = 1; j < n2; j += 2) {
        const e = Math.abs(v2[j] - atCheck[j]);
        const dl = Math.abs(x2[j] - x2[j - 1]);
        const dr = Math.abs(x2[j + 1] - x2[j]);
        const q = Math.min(dl > 0 ? Math.abs(v2[j] - v2[j - 1]) / dl : Infinity, dr > 0 ? Math.abs(v2[j + 1] - v2[j]) / dr : Infinity);
        const xn = 4 * EPS * Math.abs(x2[j]) * q;
        err = Math.max(err, e - xn);
        xNoise = Math.max(xNoise, xn);
      }
      err = Math.max(err, 0);
      // Target: relative accuracy at the piece's *smallest* value (down to floor·scale), so that
      // F and 1 − F stay relatively accurate where the density decays (a Gaussian bump's tails),
      // on pieces whose values span at most a factor 16 down to rangeFloor·scale (wider spans are
      // split first: the running integral's rounding is ~ε × the piece's mass, which must stay
      // ~ε × F near its left end, else F is not even monotone there).
      const level = Math.max(localMin, opts.floor * scale);
      const tolAbs = opts.tol * level;
      const canSplit =
        b - a > opts.minWidth * width && b - a > 64 * EPS * Math.max(Math.abs(a), Math.abs(b)) && evals < opts.maxEvals;
      if (localMax > 16 * Math.max(localMin, opts.rangeFloor * scale) && canSplit) break;
      // Level-2n coefficients only when a branch below needs them (a piece about to be split
      // at the top level would pay an O(n²) transform for nothing).
      let c2Memo: Float64Array | null = null;
      const getC2 = () => (c2Memo ??= chebCoefficients(v2, n2));
      // A density's interpolant must not dip below 0 (beyond rounding of its own values), or
      // its running integral would decrease: such a piece is treated as not yet converged.
      const positive = (cc: Float64Array) => localMin < 0 || chebLowerBound(cc) >= -4 * EPS * localMax || polyMin(cc).value >= -4 * EPS * localMax;
      let dipped = false;
      if (err <= tolAbs || localMax === 0) {
        const cc = chop(getC2(), tolAbs / 4);
        if (localMax === 0 || positive(cc)) {
          accepted = { c: cc, err, converged: true, xNoise };
          break;
        }
        dipped = true;
      }
      // Convergence has stalled: rounding noise in f — relative (exp(−50(x−½)²) at x = 0 carries
      // |log f|·ε ≈ 3e-15) or absolute (1 − cos x near 0 cancels to ~ε) — or a kink/jump. Noise-
      // sized errors are accepted; anything larger is split (a kink then ends up in ever smaller
      // pieces).
      const slow = (n >= 16 && err > 0.25 * prevErr) || dipped;
      if (slow && err <= opts.noise * localMax + 4 * EPS * scale) {
        const cc = chop(getC2(), err / 4);
        if (positive(cc) || !canSplit) {
          accepted = { c: cc, err, converged: true, xNoise };
          break;
        }
      }
      if (slow || n2 > opts.maxDegree || evals >= opts.maxEvals) {
        if (canSplit) break;
        // cannot improve further: accept the best we have (err is the honest estimate)
        accepted = { c: chop(getC2(), Math.max(tolAbs, EPS * localMax) / 4), err, converged: false, xNoise };
        break;
      }
      prevErr = err;
      n = n2;
      v = v2;
      next = c2Memo;
    }
    if (accepted) {
      const { left, right, mass } = chebAntiderivatives(accepted.c, half);
      done.push({ a, b, c: accepted.c, left, right, mass, err: accepted.err, converged: accepted.converged, xNoise: accepted.xNoise });
    } else {
      queue.push({ a, b: mid }, { a: mid, b });
    }
  }
  done.sort((p, q) => p.a - q.a);
  return { pieces: done, evals, scale };
}
