/**
 * Piecewise Chebyshev interpolants (chebfun's idea in one dimension): densities given as
 * expressions become polynomials on panels, accurate to ~tol relative to their largest value,
 * whose running integrals (CDFs) are exact integrals of the series and cost one Clenshaw
 * recurrence per evaluation.
 */

export interface ChebFitOptions {
  /** Accept a panel when its tail coefficients are below tol·scale (default 1e-15). */
  tol?: number;
  /** Largest degree tried on a panel before splitting it (default 64; tried 16, 32, 64). */
  maxDegree?: number;
  /** Most panels before giving up (`ok` false) (default 512). */
  maxPieces?: number;
  /** Kinks and jumps of f: panels never straddle them. */
  breakpoints?: readonly number[];
}

export interface ChebPiece {
  a: number;
  b: number;
  degree: number;
}

/** cos(πm/n) for m = 0…2n−1, per n (the DCT of samples at Chebyshev points of the second kind). */
const cosTables = new Map<number, Float64Array>();
function cosTable(n: number): Float64Array {
  let t = cosTables.get(n);
  if (!t) {
    t = new Float64Array(2 * n);
    for (let m = 0; m < 2 * n; m++) t[m] = Math.cos((Math.PI * m) / n);
    cosTables.set(n, t);
  }
  return t;
}

/** Coefficients c_0…c_n of the interpolant through v_j = f(cos(jπ/n)), j = 0…n. */
function valsToCoeffs(v: Float64Array, n: number): Float64Array {
  const tab = cosTable(n);
  const c = new Float64Array(n + 1);
  const twoN = 2 * n;
  for (let k = 0; k <= n; k++) {
    let s = 0.5 * (v[0] + (k % 2 === 0 ? v[n] : -v[n]));
    let m = 0;
    for (let j = 1; j < n; j++) {
      m += k;
      if (m >= twoN) m -= twoN;
      s += v[j] * tab[m];
    }
    c[k] = (2 / n) * s;
  }
  c[0] *= 0.5;
  c[n] *= 0.5;
  return c;
}

/** Σ c_k T_k(t) by Clenshaw's recurrence over coeffs[off … off+deg]. */
function clenshaw(coeffs: Float64Array, off: number, deg: number, t: number): number {
  if (deg === 0) return coeffs[off];
  const t2 = 2 * t;
  let b1 = 0;
  let b2 = 0;
  for (let k = off + deg; k > off; k--) {
    const b0 = coeffs[k] + t2 * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return coeffs[off] + t * b1 - b2;
}

export class ChebPiecewise {
  /** Panel ends: breaks[0] = a < breaks[1] < … < breaks[n] = b. */
  readonly breaks: Float64Array;
  /** Panel i's coefficients are coeffs[offsets[i] … offsets[i+1] − 1]. */
  readonly offsets: Int32Array;
  readonly coeffs: Float64Array;
  /** False when maxPieces was hit or f returned a non-finite value: the fit is not to be trusted. */
  readonly ok: boolean;
  /** Largest |f| sampled while fitting (the scale of `tol`). */
  readonly vscale: number;
  /** Exact values at the breaks, when known (a running integral: 0 at a, the total at b); returned there without rounding. */
  readonly anchors: Float64Array | null;
  private readonly npanels: number;

  constructor(
    breaks: Float64Array,
    offsets: Int32Array,
    coeffs: Float64Array,
    ok: boolean,
    vscale: number,
    anchors: Float64Array | null = null,
  ) {
    this.breaks = breaks;
    this.offsets = offsets;
    this.coeffs = coeffs;
    this.ok = ok;
    this.vscale = vscale;
    this.anchors = anchors;
    this.npanels = breaks.length - 1;
  }

  get a(): number {
    return this.breaks[0];
  }

  get b(): number {
    return this.breaks[this.npanels];
  }

  get pieces(): ChebPiece[] {
    const out: ChebPiece[] = [];
    for (let i = 0; i < this.npanels; i++) {
      out.push({ a: this.breaks[i], b: this.breaks[i + 1], degree: this.offsets[i + 1] - this.offsets[i] - 1 });
    }
    return out;
  }

  get degree(): { max: number; mean: number; total: number } {
    let max = 0;
    let total = 0;
    for (let i = 0; i < this.npanels; i++) {
      const d = this.offsets[i + 1] - this.offsets[i] - 1;
      total += d;
      if (d > max) max = d;
    }
    return { max, mean: total / this.npanels, total };
  }

  /** Value at x; outside [a, b] the value at the nearest end (a CDF's 0 and total). */
  evaluate(x: number): number {
    const br = this.breaks;
    const n = this.npanels;
    if (Number.isNaN(x)) return NaN;
    const anchors = this.anchors;
    if (x <= br[0]) {
      if (anchors) return anchors[0];
      x = br[0];
    } else if (x >= br[n]) {
      if (anchors) return anchors[n];
      x = br[n];
    }
    let i = 0;
    if (n > 1) {
      let lo = 0;
      let hi = n; // br[lo] ≤ x, and x < br[hi] unless x = b
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (br[mid] <= x) lo = mid;
        else hi = mid;
      }
      i = lo;
    }
    const pa = br[i];
    if (anchors && x === pa) return anchors[i];
    const pb = br[i + 1];
    const t = (2 * x - pa - pb) / (pb - pa);
    const off = this.offsets[i];
    return clenshaw(this.coeffs, off, this.offsets[i + 1] - off - 1, t);
  }

  /**
   * The running integral ∫_a^x, exact on each panel: for f = Σ c_k T_k,
   * ∫T_0 = T_1, ∫T_1 = T_2/4 (+const), ∫T_k = T_{k+1}/(2(k+1)) − T_{k−1}/(2(k−1)),
   * scaled by the panel half-width, the constant chosen for continuity across panels.
   */
  integral(): ChebPiecewise {
    const n = this.npanels;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + (this.offsets[i + 1] - this.offsets[i]) + 1;
    const out = new Float64Array(offsets[n]);
    const anchors = new Float64Array(n + 1);
    let running = 0;
    let vscale = 0;
    for (let i = 0; i < n; i++) {
      const off = this.offsets[i];
      const deg = this.offsets[i + 1] - off - 1;
      const h = 0.5 * (this.breaks[i + 1] - this.breaks[i]);
      const o = offsets[i];
      const c = (k: number) => (k <= deg ? this.coeffs[off + k] : 0);
      // C_1 = c_0 − c_2/2, C_k = (c_{k−1} − c_{k+1})/(2k) for k ≥ 2
      out[o + 1] = h * (c(0) - 0.5 * c(2));
      for (let k = 2; k <= deg + 1; k++) out[o + k] = (h * (c(k - 1) - c(k + 1))) / (2 * k);
      // value at t = −1 must equal the integral so far
      let atLeft = 0;
      for (let k = 1; k <= deg + 1; k++) atLeft += k % 2 === 0 ? out[o + k] : -out[o + k];
      out[o] = running - atLeft;
      // the next panel starts from the exact sum of this panel's integral, h·Σ_{k even} c_k·2/(1 − k²)
      let p = 0;
      for (let k = 0; k <= deg; k += 2) p += (this.coeffs[off + k] * 2) / (1 - k * k);
      running += h * p;
      anchors[i + 1] = running;
      vscale = Math.max(vscale, Math.abs(running));
    }
    return new ChebPiecewise(Float64Array.from(this.breaks), offsets, out, this.ok, vscale, anchors);
  }

  /** ∫_a^b of the interpolant: Σ over panels of h·Σ_{k even} c_k·2/(1 − k²). */
  total(): number {
    let s = 0;
    for (let i = 0; i < this.npanels; i++) {
      const off = this.offsets[i];
      const deg = this.offsets[i + 1] - off - 1;
      let p = 0;
      for (let k = 0; k <= deg; k += 2) p += (this.coeffs[off + k] * 2) / (1 - k * k);
      s += 0.5 * (this.breaks[i + 1] - this.breaks[i]) * p;
    }
    return s;
  }

  /** Smallest value on a fine sampling (4·degree + 9 points a panel): checks that a density stays positive. */
  min(): number {
    return this.extreme(-1);
  }

  /** Largest value on the same sampling. */
  max(): number {
    return this.extreme(1);
  }

  private extreme(sign: 1 | -1): number {
    let best = -Infinity;
    for (let i = 0; i < this.npanels; i++) {
      const off = this.offsets[i];
      const deg = this.offsets[i + 1] - off - 1;
      const m = 4 * deg + 8;
      for (let j = 0; j <= m; j++) {
        const v = sign * clenshaw(this.coeffs, off, deg, -1 + (2 * j) / m);
        if (v > best) best = v;
      }
    }
    return sign * best;
  }
}

/**
 * Fits f on [a, b] panel by panel at Chebyshev points of the second kind (17, 33, 65 points,
 * nested so each try reuses the last samples). A panel is accepted when its last few
 * coefficients are below tol·scale (scale = largest |f| seen), then trailing coefficients
 * whose sum stays below that are chopped; otherwise it is halved.
 */
export function chebFit(f: (x: number) => number, a: number, b: number, opts: ChebFitOptions = {}): ChebPiecewise {
  const tol = opts.tol ?? 1e-15;
  const maxDegree = Math.max(16, opts.maxDegree ?? 64);
  const maxPieces = opts.maxPieces ?? 512;
  if (!(a < b) || !Number.isFinite(a) || !Number.isFinite(b)) {
    return new ChebPiecewise(Float64Array.of(a, b), Int32Array.of(0, 1), Float64Array.of(NaN), false, NaN);
  }
  const edges = [a, ...(opts.breakpoints ?? []).filter((p) => p > a && p < b).sort((x, y) => x - y), b].filter(
    (p, i, arr) => i === 0 || p !== arr[i - 1],
  );
  let ok = true;
  // A first look at the scale, so that panels where f is small are not over-resolved.
  let vscale = 0;
  for (let j = 0; j <= 32; j++) {
    const v = f(a + ((b - a) * j) / 32);
    if (Number.isFinite(v)) vscale = Math.max(vscale, Math.abs(v));
  }
  const degrees: number[] = [];
  for (let d = 16; d <= maxDegree; d *= 2) degrees.push(d);

  const done: { a: number; b: number; c: Float64Array }[] = [];
  // Stack of panels still to fit, left-most on top so panels finish in order.
  const todo: [number, number][] = [];
  for (let i = edges.length - 2; i >= 0; i--) todo.push([edges[i], edges[i + 1]]);
  while (todo.length > 0) {
    const [pa, pb] = todo.pop() as [number, number];
    const mid = 0.5 * (pa + pb);
    const half = 0.5 * (pb - pa);
    let vals = new Float64Array(0);
    let coeffs: Float64Array | null = null;
    let finite = true;
    let accepted = false;
    for (const n of degrees) {
      const v = new Float64Array(n + 1);
      for (let j = 0; j <= n; j++) {
        if (vals.length > 0 && j % 2 === 0) {
          v[j] = vals[j / 2];
          continue;
        }
        // x_j = cos(jπ/n) mapped to the panel (j = 0 is the right end); endpoints exactly
        const x = j === 0 ? pb : j === n ? pa : mid + half * Math.cos((Math.PI * j) / n);
        const fx = f(x);
        if (!Number.isFinite(fx)) finite = false;
        v[j] = fx;
        if (Math.abs(fx) > vscale && Number.isFinite(fx)) vscale = Math.abs(fx);
      }
      vals = v;
      if (!finite) break;
      coeffs = valsToCoeffs(v, n);
      const tailLen = Math.max(3, n >> 3);
      let tail = 0;
      for (let k = n - tailLen + 1; k <= n; k++) tail = Math.max(tail, Math.abs(coeffs[k]));
      if (tail <= tol * vscale) {
        accepted = true;
        break;
      }
    }
    if (!finite) {
      ok = false;
      done.push({ a: pa, b: pb, c: Float64Array.of(NaN) });
      continue;
    }
    const c = coeffs as Float64Array;
    if (!accepted && done.length + todo.length + 2 <= maxPieces && mid > pa && mid < pb) {
      todo.push([mid, pb], [pa, mid]);
      continue;
    }
    if (!accepted) ok = false;
    // chop: drop trailing coefficients while what is dropped stays below tol·scale
    let deg = c.length - 1;
    let dropped = 0;
    while (deg > 0 && dropped + Math.abs(c[deg]) <= tol * vscale) {
      dropped += Math.abs(c[deg]);
      deg--;
    }
    done.push({ a: pa, b: pb, c: c.slice(0, deg + 1) });
  }
  const breaks = new Float64Array(done.length + 1);
  const offsets = new Int32Array(done.length + 1);
  for (let i = 0; i < done.length; i++) {
    breaks[i] = done[i].a;
    offsets[i + 1] = offsets[i] + done[i].c.length;
  }
  breaks[done.length] = done[done.length - 1].b;
  const all = new Float64Array(offsets[done.length]);
  for (let i = 0; i < done.length; i++) all.set(done[i].c, offsets[i]);
  return new ChebPiecewise(breaks, offsets, all, ok, vscale);
}
