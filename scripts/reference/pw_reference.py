#!/usr/bin/env python3
"""High-precision reference values for Pycia & Wang (2015), "Efficient trade with
interdependent values" (mechcheck, catalogue section PW).

Writes
  fixtures/pw/figure1-reference.json   equal shares r_i = 1/n, n = 2..200, uniform(0,1) and
                                       the Example 1 sine market: T1, T2, beta*, v*
  fixtures/pw/markets-reference.json   a dozen markets with unequal shares and varied F

Definitions (Section 2-3; CLAIMS.md, PW):
  v_i* = F^{-1}(r_i^{1/(n-1)}),  G = F^{n-1},  dG = (n-1) F^{n-2} f dp
  B_i  = int_{v_i*}^{hi} (1-F) p dG - int_{lo}^{v_i*} F p dG,   T1 = sum_i B_i
  T2   = n(n-1) int F^{n-2} h f dv - (n-1) mean,   h(v) = int_{lo}^{v} x f(x) dx
  beta* = -n T1 / (T1 + T2)

Method: mpmath.quad (tanh-sinh) with the interval split at lo, hi, v_i*, the
distribution's own breakpoints (kinks, modes), an equal grid, and a quantile grid
p = F^{-1}(1 - c/(n-1)), c = 2^(j/q), which puts breakpoints where F^{n-2}
concentrates near hi for large n. Everything is computed twice: run A
(mp.dps = 50) and run B (mp.dps = 60, finer grids, finer inner quadrature); run A
is written, run B is only compared with it. Run B recomputes every written quantity
(T2 there via Lemma 2); the nested-definition evaluation of T2 is done in run A.

Self-checks (all recorded in the JSON "checks" blocks and fixtures/pw/README.md):
  * T2 by its definition (run A; nested: h(v) by an inner composite Gauss-Legendre
    quadrature at every outer node) vs Lemma 2 (T2 = mean - E[max], E[max] =
    hi - int F^n) -- must agree to 1e-40 relative;
  * every bracket B_i vs the corrected identity (T2-5):
    B_i = hi/n - r_i v_i* - int_{v_i*}^{hi} F^{n-1} + ((n-1)/n) int F^n;
  * uniform(lo, hi): T1 = (hi-lo)[(n-1)/(n+1) - ((n-1)/n) sum r_i^{n/(n-1)}],
    T2 = -(hi-lo)(n-1)/(2(n+1)) (translation invariance + the (0,1) closed forms);
  * the numerically-normalised "density" kind vs the closed-form sine CDF;
  * run A vs run B (largest relative difference, must be < 1e-25).

Usage: python3 scripts/reference/pw_reference.py [--out fixtures/pw] [--jobs N]
         [--nmax 200] [--scipy /tmp/scipy_out.json]
The optional --scipy file is the output of /work/shared/peers/pw_scipy.py; if
given, the largest relative differences against it are recorded.
"""
import argparse
import ast
import bisect
import json
import os
import sys
import time
from multiprocessing import Pool

from mpmath import mp, mpf
from mpmath.calculus.quadrature import GaussLegendre

# ----------------------------------------------------------------------------
# run configurations
# ----------------------------------------------------------------------------
# dps: working precision; pieces: equal grid pieces on [lo, hi] for the outer
# quadrature; qstep: quantile breakpoints per octave of c; cells: cells of the
# composite inner rule (for h and the numerically integrated "density" CDF);
# gl: mpmath Gauss-Legendre degree (3*2^(gl-1) nodes per cell); nested: also evaluate T2 by
# its definition (the nested integral, ~80% of the run time) -- done in run A for every market;
# run B recomputes every reported quantity (T2 via Lemma 2) as the convergence check.
RUNS = {
    "A": dict(dps=50, pieces=8, qstep=1, cells=512, gl=3, nested=True),
    "B": dict(dps=60, pieces=16, qstep=2, cells=2048, gl=3, nested=False),
}

SINE_SPEC = {"kind": "density", "expr": "0.1+0.1*sin(x)", "lo": 0, "hi": 8.4438}
UNIFORM_SPEC = {"kind": "uniform", "lo": 0, "hi": 1}


def num(v):
    """JSON number -> exact mpf of its decimal text (0.1 means 1/10, not the double)."""
    return mpf(repr(v)) if isinstance(v, float) else mpf(v)


# ----------------------------------------------------------------------------
# composite quadrature helpers
# ----------------------------------------------------------------------------
_GL = {}


def gl_nodes(degree):
    key = (degree, mp.prec)
    if key not in _GL:
        _GL[key] = GaussLegendre(mp).calc_nodes(degree, mp.prec + 20)
    return _GL[key]


def build_mesh(lo, hi, interior, cells, singular=()):
    """lo, hi and interior points, every gap cut into pieces of length <= (hi-lo)/cells.
    At a singular end the first (last) cell is [lo, lo + (hi-lo)/8] (resp. at hi), kept whole:
    it is integrated from the end by end_integral, and Gauss-Legendre cells next to it are then
    far from the singularity relative to their length."""
    D = (hi - lo) / 8
    a_cut = lo + D if "lo" in singular else lo
    b_cut = hi - D if "hi" in singular else hi
    pts = sorted(set([a_cut, b_cut] + [p for p in interior if a_cut < p < b_cut]))
    step = (hi - lo) / cells
    mesh = [pts[0]]
    for a, b in zip(pts, pts[1:]):
        k = max(1, int(mp.ceil((b - a) / step)))
        mesh += [a + (b - a) * j / k for j in range(1, k)] + [b]
    return ([lo] if a_cut > lo else []) + mesh + ([hi] if b_cut < hi else [])


def end_integral(g_near, k, delta):
    """int_0^delta g_near(u) du for g_near(u) ~ u^(1/k - 1) at u = 0 (an unbounded density at an
    endpoint, u = distance to it): substitute u = s^k, which makes the integrand bounded.
    (tanh-sinh on the raw u^(-1/2) loses ~20 digits at dps 50: its nodes near the endpoint
    cannot resolve the distance.)"""
    if delta <= 0:
        return mpf(0)
    return mp.quad(lambda s: g_near(s ** k) * k * s ** (k - 1), [0, delta ** (mpf(1) / k)])


class Cumulative:
    """x -> int_{mesh[0]}^{x} g(t) dt: a table of cell integrals (composite Gauss-Legendre)
    plus one Gauss-Legendre pass over the partial cell. At an endpoint where g is unbounded
    (singular = {"lo": (g_near, k), "hi": (g_near, k)}, g_near(u) = g at distance u from the
    end), the end cell is integrated from the endpoint with end_integral."""

    def __init__(self, g, mesh, singular, degree):
        self.g, self.mesh, self.singular = g, mesh, singular
        self.nodes = gl_nodes(degree)
        self.last = len(mesh) - 2
        self.cum = [mpf(0)]
        for k in range(len(mesh) - 1):
            if k == 0 and "lo" in singular:
                c = end_integral(*singular["lo"], mesh[1] - mesh[0])
            elif k == self.last and "hi" in singular:
                c = end_integral(*singular["hi"], mesh[-1] - mesh[-2])
            else:
                c = self.gl(mesh[k], mesh[k + 1])
            self.cum.append(self.cum[-1] + c)

    def gl(self, a, b):
        c, r = (a + b) / 2, (b - a) / 2
        g = self.g
        return r * mp.fsum(w * g(c + r * x) for x, w in self.nodes)

    def __call__(self, x, side=None, delta=None):
        """side/delta: x = lo + delta or hi - delta with delta known exactly (near a singular end)."""
        mesh = self.mesh
        if x <= mesh[0]:
            return mpf(0)
        if x >= mesh[-1]:
            return self.cum[-1]
        k = bisect.bisect_right(mesh, x) - 1
        if k == 0 and "lo" in self.singular:
            return end_integral(*self.singular["lo"], delta if side == "lo" else x - mesh[0])
        if k == self.last and "hi" in self.singular:
            return self.cum[-1] - end_integral(*self.singular["hi"], delta if side == "hi" else mesh[-1] - x)
        return self.cum[k] + self.gl(mesh[k], x)


# ----------------------------------------------------------------------------
# distributions: lo, hi, pdf, cdf, interior breakpoints, singular endpoints
# ----------------------------------------------------------------------------
class Dist:
    """lo, hi, pdf, cdf; interior: breakpoints for the quadrature; singular: {"lo": e, "hi": e}
    for ends where the density behaves like (distance)^(e - 1), e < 1, with near(side, u) giving
    (p, F, f) at distance u from that end, computed without rounding u away."""
    interior = ()
    singular = {}

    def near(self, side, u):
        p = self.lo + u if side == "lo" else self.hi - u
        return p, self.cdf(p), self.pdf(p)

    def both(self, x):
        return self.cdf(x), self.pdf(x)

    def clamp(self, x, val):
        if x <= self.lo:
            return mpf(0)
        if x >= self.hi:
            return mpf(1)
        return val(x)


class Uniform(Dist):
    def __init__(self, s, cfg):
        self.lo, self.hi = num(s["lo"]), num(s["hi"])
        self.d = 1 / (self.hi - self.lo)

    def pdf(self, x):
        return self.d if self.lo <= x <= self.hi else mpf(0)

    def cdf(self, x):
        return self.clamp(x, lambda t: (t - self.lo) * self.d)


class Beta(Dist):
    def __init__(self, s, cfg):
        self.a, self.b = num(s["a"]), num(s["b"])
        self.lo, self.hi = num(s.get("lo", 0)), num(s.get("hi", 1))
        self.w = self.hi - self.lo
        self.c = 1 / (mp.beta(self.a, self.b) * self.w)
        self.singular = {e: ex for e, ex in (("lo", self.a), ("hi", self.b)) if ex < 1}

    def near(self, side, u):
        t = u / self.w  # distance to the end in [0, 1] units
        if side == "lo":
            return (self.lo + u, mp.betainc(self.a, self.b, 0, t, regularized=True),
                    self.c * t ** (self.a - 1) * (1 - t) ** (self.b - 1))
        return (self.hi - u, 1 - mp.betainc(self.b, self.a, 0, t, regularized=True),
                self.c * (1 - t) ** (self.a - 1) * t ** (self.b - 1))

    def pdf(self, x):
        if not self.lo < x < self.hi:
            return mpf(0)
        t = (x - self.lo) / self.w
        return self.c * t ** (self.a - 1) * (1 - t) ** (self.b - 1)

    def cdf(self, x):
        return self.clamp(x, lambda t: mp.betainc(self.a, self.b, 0, (t - self.lo) / self.w,
                                                  regularized=True))


class TruncNormal(Dist):
    def __init__(self, s, cfg):
        self.m, self.sd = num(s["mean"]), num(s["sd"])
        self.lo, self.hi = num(s["lo"]), num(s["hi"])
        self.Pa = mp.ncdf((self.lo - self.m) / self.sd)
        self.mass = mp.ncdf((self.hi - self.m) / self.sd) - self.Pa
        self.c = 1 / (self.sd * mp.sqrt(2 * mp.pi) * self.mass)
        self.interior = tuple(self.m + k * self.sd for k in range(-8, 9))

    def pdf(self, x):
        if not self.lo <= x <= self.hi:
            return mpf(0)
        z = (x - self.m) / self.sd
        return self.c * mp.exp(-z * z / 2)

    def cdf(self, x):
        return self.clamp(x, lambda t: (mp.ncdf((t - self.m) / self.sd) - self.Pa) / self.mass)


class PiecewiseUniform(Dist):
    def __init__(self, s, cfg):
        ps = sorted(((num(p["lo"]), num(p["hi"]), num(p["weight"])) for p in s["pieces"]))
        tot = mp.fsum(w for _, _, w in ps)
        self.pieces = [(a, b, w / tot) for a, b, w in ps]
        self.lo, self.hi = ps[0][0], max(b for _, b, _ in ps)
        self.interior = tuple(p for a, b, _ in ps for p in (a, b))

    def pdf(self, x):
        # at a join the right piece's density is used; quadrature never evaluates there
        for a, b, w in reversed(self.pieces):
            if a <= x <= b:
                return w / (b - a)
        return mpf(0)

    def cdf(self, x):
        return mp.fsum(w * min(mpf(1), max(mpf(0), (x - a) / (b - a))) for a, b, w in self.pieces)


_EXPR_FUNCS = {n: getattr(mp, n) for n in
               ("sin", "cos", "tan", "exp", "log", "sqrt", "sinh", "cosh", "tanh", "atan")}
_EXPR_FUNCS["abs"] = abs


class _Exact(ast.NodeTransformer):
    """Whitelist the expression grammar; numeric literals become exact mpf('literal')."""
    OK = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Load, ast.Add,
          ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Constant)

    def generic_visit(self, node):
        if not isinstance(node, self.OK):
            raise ValueError(f"unsupported syntax in density expression: {type(node).__name__}")
        return super().generic_visit(node)

    def visit_Name(self, node):
        if node.id not in _EXPR_FUNCS and node.id not in ("x", "pi", "e"):
            raise ValueError(f"unknown name {node.id!r} in density expression")
        return node

    def __init__(self):
        self.consts = {}

    def visit_Constant(self, node):
        if not isinstance(node.value, (int, float)):
            raise ValueError("only numeric literals allowed in density expression")
        name = f"_c{len(self.consts)}"
        self.consts[name] = mpf(str(node.value))  # exact decimal, at the current precision
        return ast.copy_location(ast.Name(name, ast.Load()), node)


def compile_expr(expr):
    tr = _Exact()
    tree = tr.visit(ast.parse(expr.replace("^", "**"), mode="eval"))
    code = compile(ast.fix_missing_locations(tree), "<density>", "eval")
    env = dict(_EXPR_FUNCS, pi=mp.pi, e=mp.e, __builtins__={}, **tr.consts)
    return lambda x: eval(code, env, {"x": x})


class Density(Dist):
    """Density given as an expression, normalised numerically; CDF by the composite
    Gauss-Legendre table (Cumulative) of the unnormalised density."""

    def __init__(self, s, cfg):
        self.lo, self.hi = num(s["lo"]), num(s["hi"])
        self.g = compile_expr(s["expr"])
        mesh = build_mesh(self.lo, self.hi, [], cfg["cells"])
        self.G = Cumulative(self.g, mesh, {}, cfg["gl"])
        self.Z = self.G.cum[-1]

    def pdf(self, x):
        return self.g(x) / self.Z if self.lo <= x <= self.hi else mpf(0)

    def cdf(self, x):
        return self.clamp(x, lambda t: self.G(t) / self.Z)


class SineClosedForm(Dist):
    """Example 1: f = (0.1 + 0.1 sin x)/Z on [0, 8.4438], F = (0.1x + 0.1(1 - cos x))/Z exactly."""

    def __init__(self, s, cfg):
        self.lo, self.hi = mpf(0), mpf("8.4438")
        self.Z = mpf("0.1") * self.hi + mpf("0.1") * (1 - mp.cos(self.hi))
        self.k = mpf("0.1") / self.Z

    def pdf(self, x):
        return self.k * (1 + mp.sin(x)) if self.lo <= x <= self.hi else mpf(0)

    def cdf(self, x):
        return self.clamp(x, lambda t: self.k * (t + 1 - mp.cos(t)))

    def both(self, x):
        if not self.lo < x < self.hi:
            return self.cdf(x), self.pdf(x)
        c, s = mp.cos_sin(x)
        return self.k * (x + 1 - c), self.k * (1 + s)


class Mixture(Dist):
    def __init__(self, s, cfg):
        parts = [(num(p["weight"]), make_dist(p["dist"], cfg)) for p in s["parts"]]
        tot = mp.fsum(w for w, _ in parts)
        self.parts = [(w / tot, d) for w, d in parts]
        self.lo = min(d.lo for _, d in parts)
        self.hi = max(d.hi for _, d in parts)
        self.interior = tuple(p for _, d in parts for p in (d.lo, d.hi) + tuple(d.interior))
        self.singular = {}
        for _, d in self.parts:
            for e, ex in d.singular.items():
                if getattr(d, e) == getattr(self, e):
                    self.singular[e] = min(ex, self.singular.get(e, ex))

    def near(self, side, u):
        p = self.lo + u if side == "lo" else self.hi - u
        F = f = mpf(0)
        for w, d in self.parts:
            _, Fd, fd = d.near(side, u) if getattr(d, side) == getattr(self, side) else (p, d.cdf(p), d.pdf(p))
            F += w * Fd
            f += w * fd
        return p, F, f

    def pdf(self, x):
        return mp.fsum(w * d.pdf(x) for w, d in self.parts)

    def cdf(self, x):
        return mp.fsum(w * d.cdf(x) for w, d in self.parts)


KINDS = {"uniform": Uniform, "beta": Beta, "truncated-normal": TruncNormal,
         "piecewise-uniform": PiecewiseUniform, "density": Density,
         "sine-closed-form": SineClosedForm, "mixture": Mixture}


def make_dist(spec, cfg):
    return KINDS[spec["kind"]](spec, cfg)


def quantile(d, u):
    """F^{-1}(u): Newton safeguarded by bisection on the bracket [lo, hi]."""
    if u <= 0:
        return d.lo
    if u >= 1:
        return d.hi
    a, b = d.lo, d.hi
    tol = (b - a) * mpf(2) ** (-mp.prec + 6)
    x = a + (b - a) * u
    for _ in range(1000):
        y = d.cdf(x) - u
        if y == 0:
            return x
        if y > 0:
            b = x
        else:
            a = x
        fx = d.pdf(x)
        xn = x - y / fx if (fx > 0 and mp.isfinite(fx)) else None
        if xn is None or not a < xn < b:
            xn = (a + b) / 2
        if abs(xn - x) <= tol or b - a <= tol:
            return xn
        x = xn
    raise RuntimeError("quantile did not converge")


# ----------------------------------------------------------------------------
# one market
# ----------------------------------------------------------------------------
class Prepared:
    """A distribution at a run configuration, with h(v) = int_lo^v x f(x) dx tabulated."""

    def __init__(self, spec, cfg):
        self.d = d = make_dist(spec, cfg)
        self.cfg = cfg
        self.qcache = {}
        self._mean = None
        self.kexp = {side: int(mp.ceil(1 / ex)) for side, ex in d.singular.items()}
        if cfg["nested"]:
            self.build_h()

    def build_h(self):
        d, cfg = self.d, self.cfg
        mesh = build_mesh(d.lo, d.hi, list(d.interior), cfg["cells"], tuple(d.singular))
        sing = {}
        for side, k in self.kexp.items():
            def g_near(u, side=side):
                p, _, fp = d.near(side, u)
                return p * fp
            sing[side] = (g_near, k)
        self.h = Cumulative(lambda t: t * d.pdf(t), mesh, sing, cfg["gl"])

    def mean(self, quad, pts):
        """mean = int p f(p) dp (computed once per distribution and run)."""
        if self._mean is None:
            self._mean = quad(lambda pt: pt[0] * pt[2], pts)
        return self._mean

    def q(self, u):
        if u not in self.qcache:
            self.qcache[u] = quantile(self.d, u)
        return self.qcache[u]

    def points(self, n, extra):
        d, cfg = self.d, self.cfg
        pts = {d.lo, d.hi}
        pts.update(p for p in d.interior if d.lo < p < d.hi)
        pts.update(d.lo + (d.hi - d.lo) * k / cfg["pieces"] for k in range(1, cfg["pieces"]))
        j = -2 * cfg["qstep"]
        while True:  # quantile grid: 1 - F(p) = c/(n-1), c = 2^(j/qstep)
            c = mpf(2) ** (mpf(j) / cfg["qstep"])
            if c >= n - 1:
                break
            pts.add(self.q(1 - c / (n - 1)))
            j += 1
        pts.update(extra)
        return sorted(pts)


class Quad:
    """mp.quad of g(pt), pt = (p, F(p), f(p), side, u), over the breakpoints pts, keeping the
    largest error estimate. A segment ending at a singular end is integrated in the distance
    u = s^k to that end (side = "lo"/"hi"), so the integrand is bounded and u is exact."""

    def __init__(self, prep):
        self.d, self.kexp = prep.d, prep.kexp
        self.maxerr = mpf(0)

    def _q(self, f, pts):
        v, e = mp.quad(f, pts, error=True)
        self.maxerr = max(self.maxerr, abs(e))
        return v

    def __call__(self, g, pts):
        if len(pts) < 2:
            return mpf(0)
        d, total = self.d, mpf(0)
        if "lo" in self.kexp and pts[0] == d.lo:
            total += self._end(g, "lo", pts[1] - pts[0])
            pts = pts[1:]
        if "hi" in self.kexp and pts[-1] == d.hi and len(pts) >= 2:
            total += self._end(g, "hi", pts[-1] - pts[-2])
            pts = pts[:-1]
        if len(pts) >= 2:
            both = d.both
            total += self._q(lambda p: g((p,) + both(p) + (None, None)), pts)
        return total

    def _end(self, g, side, length):
        k, d = self.kexp[side], self.d

        def integrand(s):
            u = s ** k
            return g(d.near(side, u) + (side, u)) * k * s ** (k - 1)
        return self._q(integrand, [0, length ** (mpf(1) / k)])


def market(prep, n, shares):
    """All quantities for market (n, r, F). shares: list of mpf on the simplex."""
    d = prep.d
    lo, hi = d.lo, d.hi
    quad = Quad(prep)
    us = [r ** (mpf(1) / (n - 1)) if 0 < r < 1 else (mpf(0) if r <= 0 else mpf(1)) for r in shares]
    vstars = [prep.q(u) for u in us]
    pts = prep.points(n, [v for v in vstars if lo < v < hi])

    def seg(a, b):
        return [a] + [p for p in pts if a < p < b] + [b] if a < b else []

    # integrands of pt = (p, F(p), f(p), side, u); dG = (n-1) F^{n-2} f dp
    def up_int(pt):
        p, Fp, fp = pt[:3]
        return (1 - Fp) * p * (n - 1) * Fp ** (n - 2) * fp

    def dn_int(pt):
        p, Fp, fp = pt[:3]
        return Fp * p * (n - 1) * Fp ** (n - 2) * fp

    I_n = quad(lambda pt: pt[1] ** n, pts)  # int F^n
    emax = hi - I_n
    mean_direct = prep.mean(quad, pts)
    brackets, brackets_t25, cache = [], [], {}
    for r, v in zip(shares, vstars):
        if r not in cache:
            B = quad(up_int, seg(v, hi)) - quad(dn_int, seg(lo, v))
            B25 = hi / n - r * v - quad(lambda pt: pt[1] ** (n - 1), seg(v, hi)) + mpf(n - 1) / n * I_n
            cache[r] = (B, B25)
        brackets.append(cache[r][0])
        brackets_t25.append(cache[r][1])
    T1 = mp.fsum(brackets)
    T1_t25 = mp.fsum(brackets_t25)
    T2_lemma2 = mean_direct - emax
    beta = -n * T1 / (T1 + T2_lemma2)
    res = dict(n=n, shares=shares, vStar=vstars, brackets=brackets, T1=T1, T2=T2_lemma2,
               betaStar=beta, mean=mean_direct, eMax=emax, T1_t25=T1_t25)
    if prep.cfg["nested"]:
        h = prep.h
        # the definition: h(v) = int_lo^v x f(x) dx by the inner composite quadrature at every node
        nested = quad(lambda pt: pt[1] ** (n - 2) * h(pt[0], pt[3], pt[4]) * pt[2], pts)
        res["mean_h"] = mean_h = h(hi)
        res["T2_def"] = n * (n - 1) * nested - (n - 1) * mean_h
    res["quad_err"] = quad.maxerr
    return res


# ----------------------------------------------------------------------------
# tasks (run in worker processes)
# ----------------------------------------------------------------------------
_PREP = {}


def prepared(spec, run):
    key = (json.dumps(spec, sort_keys=True), run)
    if key not in _PREP:
        mp.dps = RUNS[run]["dps"]
        _PREP[key] = Prepared(spec, RUNS[run])
    return _PREP[key]


def parse_shares(n, shares):
    if shares == "equal":
        return [mpf(1) / n] * n
    return [num(s) for s in shares]


def task(args):
    spec, n, shares, run = args
    prep = prepared(spec, run)
    mp.dps = RUNS[run]["dps"]
    t = time.process_time()
    res = market(prep, n, parse_shares(n, shares))
    res["seconds"] = time.process_time() - t  # CPU time of this task (wall time depends on load)
    # strings at full working precision travel back to the parent
    out = {}
    for k, v in res.items():
        if isinstance(v, list):
            out[k] = [mp.nstr(x, mp.dps, min_fixed=-mp.inf, max_fixed=mp.inf) for x in v]
        elif isinstance(v, (int, float)):
            out[k] = v
        else:
            out[k] = mp.nstr(v, mp.dps)
    return out


# ----------------------------------------------------------------------------
# markets
# ----------------------------------------------------------------------------
def markets_list():
    tn = lambda m, s: {"kind": "truncated-normal", "mean": m, "sd": s, "lo": 0, "hi": 1}
    return [
        ("ms-uniform-n2", UNIFORM_SPEC, 2, [1, 0],
         "Myerson-Satterthwaite: T1 = T2 = mean - E[max], beta* = -1 exactly"),
        ("uniform-1-3-n3", {"kind": "uniform", "lo": 1, "hi": 3}, 3, [0.5, 0.3, 0.2], ""),
        ("beta-2-3-n4", {"kind": "beta", "a": 2, "b": 3, "lo": 0, "hi": 1}, 4, [0.4, 0.3, 0.2, 0.1], ""),
        ("beta-half-half-n3-equal", {"kind": "beta", "a": 0.5, "b": 0.5, "lo": 0, "hi": 1}, 3, "equal",
         "density unbounded at both ends"),
        ("truncnormal-n5", tn(0.5, 0.2), 5, [0.6, 0.1, 0.1, 0.1, 0.1], ""),
        ("piecewise-uniform-n3-vertex",
         {"kind": "piecewise-uniform", "pieces": [{"lo": 0, "hi": 0.5, "weight": 1},
                                                  {"lo": 0.5, "hi": 1, "weight": 3}]},
         3, [1, 0, 0], "density discontinuous at 0.5 (bends the continuity assumption)"),
        ("sine-n7", SINE_SPEC, 7, [0.3, 0.3, 0.1, 0.1, 0.1, 0.1, 0], "Example 1 density, numerically normalised"),
        ("oscillating-n10-equal", {"kind": "density", "expr": "1 + 0.9*sin(12*x)", "lo": 0, "hi": 1},
         10, "equal", "oscillating density, numerically normalised"),
        ("bimodal-mixture-n6",
         {"kind": "mixture", "parts": [{"weight": 0.5, "dist": tn(0.2, 0.05)},
                                       {"weight": 0.5, "dist": tn(0.8, 0.05)}]},
         6, [0.5, 0.5, 0, 0, 0, 0], "bimodal; support = hull of the parts"),
        ("uniform-n60-vertex", UNIFORM_SPEC, 60, [1] + [0] * 59, ""),
        ("uniform-n200-equal", UNIFORM_SPEC, 200, "equal", ""),
        ("sine-n40-two-owners", SINE_SPEC, 40, [0.5, 0.5] + [0] * 38, "Example 1 density, numerically normalised"),
    ]


# ----------------------------------------------------------------------------
# checks and output
# ----------------------------------------------------------------------------
def rel(a, b):
    a, b = mpf(a), mpf(b)
    den = max(abs(a), abs(b))
    return mpf(0) if den == 0 else abs(a - b) / den


def val(s):
    x = mpf(s)
    return {"dec": mp.nstr(x, 30), "dbl": float(x)}


def uniform_closed(spec, n, shares):
    w = num(spec["hi"]) - num(spec["lo"])
    sh = parse_shares(n, shares)
    T1 = w * (mpf(n - 1) / (n + 1) - mpf(n - 1) / n * mp.fsum(r ** (mpf(n) / (n - 1)) for r in sh))
    T2 = -w * mpf(n - 1) / (2 * (n + 1))
    return T1, T2


class Stats:
    def __init__(self):
        self.m = {}

    def add(self, name, x, where):
        x = mpf(x)
        if name not in self.m or x > self.m[name][0]:
            self.m[name] = (x, where)

    def dump(self):
        return {k: {"max": mp.nstr(v, 3), "at": w} for k, (v, w) in sorted(self.m.items())}


def compare_runs(a, b, stats, where):
    for k in ("T1", "T2", "betaStar", "mean", "eMax"):
        stats.add("runA_vs_runB_rel", rel(a[k], b[k]), f"{where} {k}")
    for k in ("vStar", "brackets"):
        for i, (x, y) in enumerate(zip(a[k], b[k])):
            stats.add("runA_vs_runB_rel", rel(x, y), f"{where} {k}[{i}]")


def self_checks(a, stats, where):
    if "T2_def" in a:
        stats.add("T2_definition_vs_lemma2_rel", rel(a["T2_def"], a["T2"]), where)
        stats.add("mean_h_vs_direct_rel", rel(a["mean_h"], a["mean"]), where)
    stats.add("T1_vs_T2-5_identity_rel", rel(a["T1"], a["T1_t25"]), where)
    stats.add("quad_error_estimate_abs", a["quad_err"], where)


def shape(rows, lo=2, hi=40):
    b = {r["n"]: mpf(r["betaStar"]["dec"]) for r in rows if lo <= r["n"] <= hi}
    ns = sorted(b)
    steps = ["up" if b[m] > b[m - 1] else ("down" if b[m] < b[m - 1] else "flat") for m in ns[1:]]
    loc_max = [m for m in ns[1:-1] if b[m] > b[m - 1] and b[m] > b[m + 1]]
    loc_min = [m for m in ns[1:-1] if b[m] < b[m - 1] and b[m] < b[m + 1]]
    runs, cur = [], None
    for m, s in zip(ns[1:], steps):
        if cur and cur["dir"] == s:
            cur["to"] = m
        else:
            cur = {"dir": s, "from": m - 1, "to": m}
            runs.append(cur)
    return {"range": [lo, hi], "runs": runs, "localMaxima": loc_max, "localMinima": loc_min,
            "argmax": max(ns, key=lambda m: b[m]), "argmin": min(ns, key=lambda m: b[m]),
            "strictlyIncreasing": all(s == "up" for s in steps)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "fixtures", "pw")))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--nmax", type=int, default=200)
    ap.add_argument("--scipy", help="output JSON of /work/shared/peers/pw_scipy.py (optional cross-check)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    mp.dps = 70  # parent: parse and compare the workers' 50/60-digit strings without loss

    fig_specs = {"uniform": UNIFORM_SPEC, "sine": {"kind": "sine-closed-form"}}
    mkts = markets_list()
    jobs = []
    for run in ("A", "B"):
        for name, spec in fig_specs.items():
            jobs += [(("fig", name, n, run), (spec, n, "equal", run)) for n in range(2, args.nmax + 1)]
        for mid, spec, n, shares, _ in mkts:
            jobs.append((("mkt", mid, n, run), (spec, n, shares, run)))
        # the two sine markets again with the closed-form CDF (checks the "density" pipeline)
        for mid, spec, n, shares, _ in mkts:
            if spec is SINE_SPEC:
                jobs.append((("sinecf", mid, n, run), ({"kind": "sine-closed-form"}, n, shares, run)))
    # markets (the slowest tasks) first, then run B before run A, for load balance
    jobs.sort(key=lambda j: (j[0][0] == "fig", j[0][3] == "A", -j[0][2]))
    with Pool(args.jobs) as pool:
        results = dict(zip([k for k, _ in jobs], pool.map(task, [a for _, a in jobs], chunksize=1)))
    elapsed = time.perf_counter() - t0

    stats = Stats()
    cpu = sum(r["seconds"] for r in results.values())
    # ---------------- figure ----------------
    fig = {}
    for name, spec in fig_specs.items():
        rows = []
        for n in range(2, args.nmax + 1):
            a, b = results[("fig", name, n, "A")], results[("fig", name, n, "B")]
            where = f"figure {name} n={n}"
            compare_runs(a, b, stats, where)
            self_checks(a, stats, where)
            self_checks(b, stats, where + " (run B)")
            if name == "uniform":
                T1c, T2c = uniform_closed(spec, n, "equal")
                stats.add("uniform_closed_form_T1_rel", rel(a["T1"], T1c), where)
                stats.add("uniform_closed_form_T2_rel", rel(a["T2"], T2c), where)
            rows.append({"n": n, "vStar": val(a["vStar"][0]), "T1": val(a["T1"]), "T2": val(a["T2"]),
                         "betaStar": val(a["betaStar"]), "eMax": val(a["eMax"])})
        first = results[("fig", name, 2, "A")]
        fig[name] = {"dist": SINE_SPEC if name == "sine" else spec, "mean": val(first["mean"]),
                     "rows": rows, "shape_n2_40": shape(rows)}
    fig["sine"]["note"] = ("F = (0.1x + 0.1(1 - cos x))/Z in closed form, Z = 0.1*8.4438 + 0.1(1 - cos 8.4438) "
                           f"= {mp.nstr(SineClosedForm({}, {}).Z, 30)}")

    # ---------------- SciPy peer ----------------
    scipy_stats = None
    if args.scipy:
        peer = json.load(open(args.scipy))
        scipy_stats = {}
        for name in fig_specs:
            worst = {}
            for row, prow in zip(fig[name]["rows"], peer[name]):
                assert row["n"] == prow["n"]
                for k in ("T1", "T2", "betaStar"):
                    d = rel(row[k]["dec"], prow[k])
                    if k not in worst or d > worst[k][0]:
                        worst[k] = (d, row["n"])
            scipy_stats[name] = {k: {"maxRel": mp.nstr(v, 3), "atN": m} for k, (v, m) in worst.items()}

    # ---------------- markets ----------------
    out_m = []
    for mid, spec, n, shares, note in mkts:
        a, b = results[("mkt", mid, n, "A")], results[("mkt", mid, n, "B")]
        where = f"market {mid}"
        compare_runs(a, b, stats, where)
        self_checks(a, stats, where)
        self_checks(b, stats, where + " (run B)")
        if spec["kind"] == "uniform":
            T1c, T2c = uniform_closed(spec, n, shares)
            stats.add("uniform_closed_form_T1_rel", rel(a["T1"], T1c), where)
            stats.add("uniform_closed_form_T2_rel", rel(a["T2"], T2c), where)
        if spec is SINE_SPEC:
            c = results[("sinecf", mid, n, "A")]
            for k in ("T1", "T2", "betaStar"):
                stats.add("sine_numeric_density_vs_closed_form_rel", rel(a[k], c[k]), f"{where} {k}")
        sh = parse_shares(n, shares)
        entry = {"id": mid, "n": n, "dist": spec,
                 "shares": [float(r) for r in sh],
                 "sharesDec": ("equal: 1/n" if shares == "equal" else [repr(s) if isinstance(s, float) else str(s)
                                                                      for s in shares]),
                 "vStar": [val(v) for v in a["vStar"]],
                 "T1": val(a["T1"]), "T2": val(a["T2"]), "betaStar": val(a["betaStar"]),
                 "mean": val(a["mean"]), "eMax": val(a["eMax"])}
        if n <= 4:
            entry["brackets"] = [val(x) for x in a["brackets"]]
        if note:
            entry["note"] = note
        if mid == "ms-uniform-n2":
            stats.add("ms_T1_minus_T2_rel", rel(a["T1"], a["T2"]), where)
            stats.add("ms_betaStar_plus_1_abs", abs(mpf(a["betaStar"]) + 1), where)
        out_m.append(entry)

    checks = stats.dump()
    meta = {
        "paper": "Pycia & Wang (2015), Efficient trade with interdependent values",
        "generatedBy": "scripts/reference/pw_reference.py",
        "precision": "values from run A (mp.dps = 50); run B (mp.dps = 60, finer grids) used only as a check",
        "runs": RUNS,
        "valueFormat": "each value is {dec: 30 significant digits, dbl: nearest double}",
        "T2": "reported T2 is mean - E[max] (Lemma 2); the definition's nested integral is a check",
        "checks": checks,
        "wallSeconds": round(elapsed, 1), "cpuSeconds": round(cpu, 1),
    }
    os.makedirs(args.out, exist_ok=True)
    fig_out = dict(meta, shares="equal, r_i = 1/n", nRange=[2, args.nmax], markets=fig)
    if scipy_stats:
        fig_out["scipyPeer"] = {"script": "/work/shared/peers/pw_scipy.py", "maxRelDiff": scipy_stats}
    with open(os.path.join(args.out, "figure1-reference.json"), "w") as fh:
        json.dump(fig_out, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(args.out, "markets-reference.json"), "w") as fh:
        json.dump(dict(meta, markets=out_m), fh, indent=1)
        fh.write("\n")

    # ---------------- console summary ----------------
    print(f"wall {elapsed:.1f}s, cpu {cpu:.1f}s over {len(jobs)} tasks")
    print(json.dumps(checks, indent=1))
    if scipy_stats:
        print("scipy peer:", json.dumps(scipy_stats))
    for name in fig:
        print(name, json.dumps(fig[name]["shape_n2_40"]))
    print(" n  beta*(uniform)                    beta*(sine)")
    for i in range(min(12, args.nmax - 1)):
        print(f"{i + 2:3d}  {fig['uniform']['rows'][i]['betaStar']['dec']:34s} {fig['sine']['rows'][i]['betaStar']['dec']}")
    bad = [k for k, lim in (("runA_vs_runB_rel", 1e-25), ("T2_definition_vs_lemma2_rel", 1e-40))
           if float(stats.m[k][0]) >= lim]
    if bad:
        print("FAILED checks:", bad)
        sys.exit(1)


if __name__ == "__main__":
    main()
