/**
 * Bracketing root finding with SciPy brentq's contract: the root, the iterations used,
 * whether the bracket closed to tolerance, and f at the root.
 */
import type { RootOptions, RootResult } from './types.ts';

const EPS = Number.EPSILON;

/**
 * Brent's method on [a, b] with f(a)·f(b) ≤ 0: inverse quadratic interpolation or secant
 * when they stay well inside the bracket and shrink it fast enough, bisection otherwise,
 * so it never needs more than about (log2 of the bracket)² steps. Stops when the bracket
 * half-width is ≤ (xtol + rtol·|x|)/2 or f(x) = 0. Same-signed endpoints give root NaN.
 */
export function brent(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const xtol = opts.xtol ?? 2e-14;
  const rtol = opts.rtol ?? 4 * EPS;
  const maxiter = opts.maxiter ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return { root: a, iterations: 0, converged: true, fval: 0 };
  if (fb === 0) return { root: b, iterations: 0, converged: true, fval: 0 };
  if (!(Number.isFinite(a) && Number.isFinite(b)) || Number.isNaN(fa) || Number.isNaN(fb) || fa > 0 === fb > 0) {
    return { root: NaN, iterations: 0, converged: false, fval: NaN };
  }
  // b: best iterate; a: previous iterate; c: the other end of the bracket (f(c) opposite to f(b)).
  let c = a;
  let fc = fa;
  let step = b - a; // last step taken
  let prevStep = step; // the one before: interpolation must beat half of it
  for (let iter = 1; iter <= maxiter; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      step = prevStep = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      // keep the smaller residual in b
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 0.5 * (xtol + rtol * Math.abs(b));
    const m = 0.5 * (c - b);
    if (fb === 0 || Math.abs(m) <= tol) return { root: b, iterations: iter, converged: true, fval: fb };
    if (Math.abs(prevStep) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        // secant through (a, fa), (b, fb)
        p = 2 * m * s;
        q = 1 - s;
      } else {
        // inverse quadratic through the three points
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // accept if it lands inside the bracket (3/4 of the way to c) and shrinks faster than bisection would
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(prevStep * q))) {
        prevStep = step;
        step = p / q;
      } else {
        prevStep = step = m;
      }
    } else {
      prevStep = step = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(step) > tol ? step : m > 0 ? tol : -tol;
    fb = f(b);
    if (Number.isNaN(fb)) return { root: NaN, iterations: iter, converged: false, fval: NaN };
  }
  return { root: b, iterations: maxiter, converged: false, fval: fb };
}

/**
 * The maximiser of f on [a, b] by plain golden-section search (f unimodal there; no derivatives, no
 * parabolic steps): the bracket shrinks by (√5 − 1)/2 a step until it is within 1e-15·max(1, |lo|,
 * |hi|), or after `iters` steps; the midpoint of the last bracket. The certification routes use it
 * where Brent's method would share a solver's code path.
 */
export function goldenSectionMax(f: (x: number) => number, a: number, b: number, iters = 200): number {
  const inv = (Math.sqrt(5) - 1) / 2;
  let lo = a;
  let hi = b;
  let x1 = hi - inv * (hi - lo);
  let x2 = lo + inv * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let k = 0; k < iters && hi - lo > 1e-15 * Math.max(1, Math.abs(lo), Math.abs(hi)); k++) {
    if (f1 >= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - inv * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + inv * (hi - lo);
      f2 = f(x2);
    }
  }
  return 0.5 * (lo + hi);
}

/** Brent's minimisation (golden section with parabolic steps) of f on [a, b]. */
export function brentMin(f: (x: number) => number, a: number, b: number, xtol: number, maxiter = 60): { x: number; fx: number; evals: number } {
  const g = 0.3819660112501051;
  let x = a + g * (b - a);
  let wv = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  let evals = 1;
  for (let it = 0; it < maxiter; it++) {
    const m = 0.5 * (a + b);
    const tol1 = xtol + 1e-10 * Math.abs(x);
    const tol2 = 2 * tol1;
    if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - wv) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - wv) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = (x < m ? b : a) - x;
      d = g * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evals++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = wv;
      fv = fw;
      wv = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || wv === x) {
        v = wv;
        fv = fw;
        wv = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === wv) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, evals };
}
