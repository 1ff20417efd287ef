/**
 * Helpers shared by the distribution families: number formatting for messages,
 * Gauss–Legendre rules, and the quantile inverter used by the families whose CDF
 * has no closed-form inverse (truncated normal, expression densities, mixtures).
 */

import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';

export const EPS = 2.220446049250313e-16;
/** Absolute floor of the inverter's x tolerance (far below any support width we accept). */
const TINY = 1e-300;

/** A number in an error message: short, and never in exponent form when it need not be. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const s = String(x);
  if (s.length <= 10) return s;
  return String(Number(x.toPrecision(6)));
}

/** How much of a user's own text (a name, an expression, a string value) an error message echoes. */
export const ECHO_MAX = 60;

/** At most `max` characters of user text, then "…" (never half a surrogate pair). */
export function clip(s: string, max = ECHO_MAX): string {
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return `${s.slice(0, end)}…`;
}

/** A string value quoted as JSON, its text clipped to ECHO_MAX characters (`"abc…"`). */
export function clipQuoted(s: string): string {
  const q = JSON.stringify(s);
  return q.length <= ECHO_MAX + 2 ? q : `${clip(q.slice(0, -1), ECHO_MAX + 1)}"`;
}

/** Longest field path an error names; longer ones (deeply nested input) keep their head and tail. */
const PATH_MAX = 160;

/**
 * A field path as messages name it: `distribution.parts[1].dist.lo`, keys that are not
 * identifiers quoted (`extra["a b"]`), each key clipped, and the whole clipped in the middle.
 */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let s = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else {
      const k = String(seg);
      s += /^[A-Za-z_$][\w$-]*$/.test(k) ? (s ? `.${clip(k)}` : clip(k)) : `[${clipQuoted(k)}]`;
    }
    // A path of a million levels would be built and then cut: cut as it grows instead.
    if (s.length > 4 * PATH_MAX) s = s.slice(0, 60) + '…' + s.slice(-2 * PATH_MAX);
  }
  return s.length <= PATH_MAX ? s : `${s.slice(0, 60)}…${s.slice(-(PATH_MAX - 61))}`;
}

/** What a continuous family supplies; `continuous` fills in what follows from it. */
export interface ContinuousParts {
  spec: DistSpec;
  lo: number;
  hi: number;
  precision: Precision;
  cdf(x: number): number;
  sf(x: number): number;
  pdf(x: number): number;
  quantile(u: number): number;
  isf(q: number): number;
  mean: number;
  breakpoints?: readonly number[];
  singularAt?: { lo: boolean; hi: boolean };
  cdfMany?(xs: Float64Array, count: number, out: Float64Array): void;
  /** The same distribution built at another precision tier (default: this one serves every tier). */
  rebuild?(precision: Precision): Dist;
}

/** A continuous distribution on [lo, hi]: no atoms, its density its continuous part. */
export function continuous(p: ContinuousParts): Dist {
  const { mean, rebuild } = p;
  const dist: Dist = {
    spec: p.spec,
    lo: p.lo,
    hi: p.hi,
    support: [p.lo, p.hi],
    discrete: false,
    atoms: [],
    breakpoints: p.breakpoints ?? [],
    singularAt: p.singularAt ?? { lo: false, hi: false },
    precision: p.precision,
    cdf: p.cdf,
    ...(p.cdfMany ? { cdfMany: p.cdfMany } : {}),
    sf: p.sf,
    pdf: p.pdf,
    pdfContinuous: p.pdf,
    quantile: p.quantile,
    isf: p.isf,
    mean: () => mean,
    at: (q) => (q === p.precision || !rebuild ? dist : rebuild(q)),
  };
  return dist;
}

/** The first index k with a[k] ≤ q in a non-increasing array (a.length − 1 when none is). */
export function firstAtMost(a: ArrayLike<number>, q: number): number {
  let k = 0;
  let top = a.length - 1;
  while (k < top) {
    const mid = (k + top) >>> 1;
    if (a[mid] > q) k = mid + 1;
    else top = mid;
  }
  return k;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

export interface GaussRule {
  /** Nodes on [-1, 1]. */
  x: Float64Array;
  w: Float64Array;
}

const glCache = new Map<number, GaussRule>();

/** P_n(t) and P_n'(t) by the three-term recurrence. */
function legendre(n: number, t: number): { p: number; dp: number } {
  let p0 = 1;
  let p1 = t;
  for (let k = 2; k <= n; k++) {
    const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
    p0 = p1;
    p1 = p2;
  }
  return { p: p1, dp: (n * (t * p1 - p0)) / (t * t - 1) };
}

/** n-point Gauss–Legendre rule on [-1, 1] (Newton on P_n from the Tricomi initial guesses). */
export function gaussLegendre(n: number): GaussRule {
  const cached = glCache.get(n);
  if (cached) return cached;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let it = 0; it < 100; it++) {
      const { p, dp } = legendre(n, t);
      const dt = p / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-17) break;
    }
    const { dp } = legendre(n, t); // at the converged node, for the weight
    x[i] = -t;
    x[n - 1 - i] = t;
    w[i] = w[n - 1 - i] = 2 / ((1 - t * t) * dp * dp);
  }
  if (n % 2 === 1) x[(n - 1) / 2] = 0;
  const rule = { x, w };
  glCache.set(n, rule);
  return rule;
}

/** Sorted, de-duplicated values strictly inside (lo, hi). */
export function interior(points: Iterable<number>, lo: number, hi: number): number[] {
  const out = [...points].filter((p) => p > lo && p < hi).sort((a, b) => a - b);
  return out.filter((p, i) => i === 0 || p !== out[i - 1]);
}

/** The smallest index i with a[i] >= v (a sorted ascending); a.length when none. */
export function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The smallest index i with a[i] > v (a sorted ascending); a.length when none. */
export function upperBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Point masses as [value, probability], sorted by value, equal values merged, zero masses dropped. */
export type Atoms = readonly (readonly [number, number])[];

export function mergeAtoms(list: Iterable<readonly [number, number]>): [number, number][] {
  const sorted = [...list].filter(([, m]) => m > 0).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [x, m] of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] === x) last[1] += m;
    else out.push([x, m]);
  }
  return out;
}

export interface InvertibleParts {
  lo: number;
  hi: number;
  cdf(x: number): number;
  sf(x: number): number;
  /** Derivative of the CDF between atoms (the density of the continuous part). */
  pdfC(x: number): number;
  /** Point masses, sorted (empty for a continuous distribution). */
  atoms: Atoms;
}

/**
 * Quantiles of a distribution on [lo, hi] given its CDF, survival function and the
 * density of its continuous part: the generalised inverse
 *   quantile(u) = the smallest x with F(x) ≥ u,   isf(q) = the smallest x with 1 − F(x) ≤ q,
 * so on a flat stretch of F (a gap in the support) both return its left end, and at an
 * atom they return the atom itself.
 *
 * A table of F and 1 − F on a grid (support ends, breakpoints, atoms, and `gridSize`
 * equally spaced points) brackets the answer; inside a bracket the CDF is continuous
 * (atoms are grid points), and a safeguarded Newton iteration on F − u (for u ≤ 1/2)
 * or on q − (1 − F) (for the upper half, so that 1 − u is never formed) converges, then
 * steps along the doubles to the smallest one whose computed F reaches u. When a Newton step
 * leaves the bracket the iteration bisects, geometrically towards the support end nearest the
 * answer, so tail quantiles (u = 1e-12) cost no more than central ones: typically 5–7 CDF
 * evaluations in all.
 */
export class Inverter {
  private readonly xs: Float64Array;
  private readonly Fs: Float64Array;
  private readonly Ss: Float64Array;
  private readonly atomX: Float64Array;
  private readonly atomM: Float64Array;

  constructor(
    private readonly d: InvertibleParts,
    points: readonly number[] = [],
    gridSize = 32,
  ) {
    const { lo, hi } = d;
    const grid: number[] = [lo, hi, ...points, ...d.atoms.map(([x]) => x)];
    for (let k = 1; k < gridSize; k++) grid.push(lo + ((hi - lo) * k) / gridSize);
    const xs = [lo, ...interior(grid, lo, hi), hi].filter((x, i, a) => i === 0 || x !== a[i - 1]);
    this.xs = Float64Array.from(xs);
    this.Fs = Float64Array.from(xs, (x) => d.cdf(x));
    this.Ss = Float64Array.from(xs, (x) => d.sf(x));
    // Make the tables exactly monotone so binary search is well defined.
    for (let i = 1; i < xs.length; i++) if (this.Fs[i] < this.Fs[i - 1]) this.Fs[i] = this.Fs[i - 1];
    for (let i = xs.length - 2; i >= 0; i--) if (this.Ss[i] < this.Ss[i + 1]) this.Ss[i] = this.Ss[i + 1];
    this.atomX = Float64Array.from(d.atoms, ([x]) => x);
    this.atomM = Float64Array.from(d.atoms, ([, m]) => m);
  }

  private mass(x: number): number {
    const i = lowerBound(this.atomX, x);
    return i < this.atomX.length && this.atomX[i] === x ? this.atomM[i] : 0;
  }

  quantile(u: number): number {
    if (!(u >= 0 && u <= 1)) return NaN;
    if (u > 0.5) return this.isf(1 - u);
    const { xs, Fs } = this;
    const j = lowerBound(Fs, u);
    if (j === 0 || u === 0) return xs[0];
    if (j >= xs.length) return xs[xs.length - 1];
    const a = xs[j - 1];
    const b = xs[j];
    const Fb = Fs[j] - this.mass(b); // F(b−)
    if (Fb < u) return b;
    const Fa = Fs[j - 1];
    const guess = Fb > Fa ? a + ((b - a) * (u - Fa)) / (Fb - Fa) : a + (b - a) / 2;
    const d = this.d;
    return solveIncreasing((x) => d.cdf(x) - u, d.pdfC, a, b, guess, j === 1 ? a : NaN);
  }

  isf(q: number): number {
    if (!(q >= 0 && q <= 1)) return NaN;
    if (q > 0.5) return this.quantile(1 - q);
    const { xs, Ss } = this;
    // first j with S(xs[j]) ≤ q; Ss is non-increasing
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Ss[mid] > q) lo = mid + 1;
      else hi = mid;
    }
    const j = lo;
    if (j === 0) return xs[0];
    if (j >= xs.length) return xs[xs.length - 1];
    const a = xs[j - 1];
    const b = xs[j];
    const Sb = Ss[j] + this.mass(b); // S(b−)
    if (Sb > q) return b;
    const Sa = Ss[j - 1];
    const guess = Sa > Sb ? a + ((b - a) * (Sa - q)) / (Sa - Sb) : a + (b - a) / 2;
    const d = this.d;
    return solveIncreasing((x) => q - d.sf(x), d.pdfC, a, b, guess, j === xs.length - 1 ? b : NaN);
  }
}

/**
 * The smallest double x in (a, b] with g(x) ≥ 0, for an increasing g with g(a) < 0 ≤ g(b−):
 * Newton steps with derivative dg, kept inside the shrinking bracket; a step that leaves it is
 * replaced by a bisection — geometric in the distance to `anchor` (a support end) when the
 * bracket spans orders of magnitude of that distance, else in the ordering of doubles (at most
 * 64 halvings from any bracket). Once a Newton step is below 2 ulp, the answer is walked to the
 * smallest double with g ≥ 0 (a few more evaluations), so quantile(u) is exactly the smallest
 * double whose computed CDF reaches u. On a flat stretch where g = 0 (density 0) it bisects to
 * the stretch's left end.
 */
export function solveIncreasing(
  g: (x: number) => number,
  dg: (x: number) => number,
  a: number,
  b: number,
  x0: number,
  anchor = NaN,
): number {
  let x = x0 > a && x0 < b ? x0 : bisect(a, b, anchor);
  let flat = false;
  let bSeen = false;
  for (let it = 0; it < 400; it++) {
    const gx = g(x);
    if (gx < 0) a = x;
    else b = x;
    if (adjacent(a, b)) return b;
    if (flat || (gx === 0 && !(dg(x) > 0))) {
      flat = true; // on a plateau of F at level u: bisect to its left end
      x = bisect(a, b, anchor);
      continue;
    }
    const xn = x - gx / dg(x);
    // converged (a step of at most 2 ulp; it may land on a bracket end, e.g. xn = x = b when
    // g(x) = 0): finish on the double grid
    if (Math.abs(xn - x) <= 2 * EPS * Math.abs(x) + TINY) return polish(g, xn > a && xn <= b ? xn : x, a, b);
    if (xn > a && xn < b) x = xn;
    else if (xn >= b && !bSeen && Math.abs(xn - b) <= 0.01 * Math.abs(xn - x)) {
      x = b; // Newton lands just past the (table) end b: the root sits on it, try it
      bSeen = true;
    } else x = bisect(a, b, anchor);
  }
  return x;
}

/** From x within a few ulps of the answer, the smallest double in (a, b] with g ≥ 0. */
function polish(g: (x: number) => number, x: number, a: number, b: number): number {
  if (g(x) >= 0) {
    for (let k = 0; k < 8; k++) {
      const p = nextDown(x);
      if (!(p > a) || g(p) < 0) return x;
      x = p;
    }
    return x;
  }
  for (let k = 0; k < 8; k++) {
    const n = nextUp(x);
    if (!(n < b) || g(n) >= 0) return n < b ? n : b;
    x = n;
  }
  return x;
}

function adjacent(a: number, b: number): boolean {
  const m = a + (b - a) / 2;
  return !(m > a && m < b);
}

function bisect(a: number, b: number, anchor: number): number {
  if (anchor === anchor) {
    // distances from the anchor (a support end) to the bracket ends
    const da = Math.abs(a - anchor);
    const db = Math.abs(b - anchor);
    const near = Math.min(da, db);
    const far = Math.max(da, db);
    if (far > 16 * near) {
      const dist = near > 0 ? Math.sqrt(near * far) : far / 64;
      const m = anchor <= a ? anchor + dist : anchor - dist;
      if (m > a && m < b) return m;
    }
  }
  return floatMid(a, b);
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** Doubles in order ↔ integers in order (negative doubles mirrored below 0). */
function ordinal(x: number): bigint {
  f64[0] = x;
  const bits = i64[0];
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

function fromOrdinal(k: bigint): number {
  i64[0] = k < 0n ? -k | -0x8000000000000000n : k;
  return f64[0];
}

/** The next double above / below x. */
export function nextUp(x: number): number {
  return fromOrdinal(ordinal(x) + 1n);
}
export function nextDown(x: number): number {
  return fromOrdinal(ordinal(x) - 1n);
}

/**
 * The midpoint of [a, b] in the ordering of doubles: at most 64 halvings reach adjacent doubles
 * from any bracket (e.g. [0, 1e304] down to a quantile at 6.5), where the arithmetic midpoint
 * needs one step per binade. Falls back to the arithmetic midpoint when the bracket is narrow.
 */
function floatMid(a: number, b: number): number {
  const arith = a + (b - a) / 2;
  if (!(Math.abs(b - a) > 4 * Math.min(Math.abs(a), Math.abs(b)))) return arith;
  const m = fromOrdinal((ordinal(a) + ordinal(b)) >> 1n);
  return m > a && m < b ? m : arith;
}
