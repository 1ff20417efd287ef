#!/usr/bin/env python3
"""High-precision reference values for `mechcheck eval pw.cutoff` on ill-conditioned markets
(issue #8: every eval result must be right to its stated abserr, or say it is not).

Writes fixtures/pw/illcond-reference.json: T1, T2, beta* and v_i* for the issue's hard cases
(far supports, tiny widths, spiky and heavy-ended densities, n = 10000) and a generated family
of ~60 more (fixed seed).

Model (Pycia & Wang 2015; see pw_reference.py): n agents, shares r_i, continuous F on [lo, hi].
  u_i = r_i^(1/(n-1)),  v_i* = F^{-1}(u_i),  G = F^(n-1)
  B_i = int_{v_i*}^{hi} (1-F) p dG - int_{lo}^{v_i*} F p dG,   T1 = sum_i B_i
  T2  = mean - E[max of n draws]   (Lemma 2),   beta* = -n T1 / (T1 + T2)

Inputs are read the way the TypeScript side reads them:
  * every JSON number is the exact double it denotes: mpf(float) (exact), NOT its decimal
    text. hi = 100000000.000001 is the double 100000000.00000099837779998779296875, so the
    width is 67 * 2^-26 = 9.98377799987793e-7, not 1e-6. The same holds for the numbers in a
    density expression (mathjs parses them to doubles), for shares, weights, sd, a, b, ...
  * shares: r_i = s_i / sum_j s_j in exact (multi-precision) arithmetic, s_i the given doubles;
    omitted shares are exactly 1/n. The TS side divides by the double sum in doubles; the two
    differ by < 1e-16 relatively (the given shares sum to 1 within a few ulps), far below any
    abserr the suite can claim, but a test comparing shares-dependent values to 16 digits
    should know it.
  * the reference is the exact mathematical value for those exact inputs (e.g. sin of the
    exact double argument), not what double arithmetic gives.

Two independent routes, each at its own precision, for every market:
  Route A (quantile space, mp.dps = 40 + extra): with Q = F^{-1} and any constant c,
      B_i = (n-1) [ int_{u_i}^1 (Q-c) u^(n-2) (1-u) du - int_0^{u_i} (Q-c) u^(n-1) du ]
      T2  = int_0^1 (Q-c) du - n int_0^1 (Q-c) u^(n-1) du
    (T1, T2 do not depend on c: the weights of B_i integrate to 1/n - r_i, which sums to 0).
    Q is in closed form where it has one (uniform, piecewise-uniform, Beta(1,b), Beta(a,1),
    Beta(1/2,1/2), truncated normal through an inverse normal CDF in z = (p-mean)/sd),
    otherwise Newton in the log of the distance to the nearer end, safeguarded by bisection,
    bracketed by the quantiles already computed (Q is monotone). mpmath.quad (tanh-sinh)
    on u-segments split at 0, 1, every u_i, the kinks of Q (piece joins, mixture gaps,
    density peaks), u = 1/4, 1/2, 3/4 and u = 1 - 2^j/(n-1) (where u^(n-2) concentrates).
  Route B (value space, integration by parts, mp.dps = 55 + extra): with c = Q(1/2),
      T2 = int_lo^c (F^n - F) dp + int_c^hi [(1-F) - (1-F^n)] dp
      T1 = -sum_i r_i (v_i - c) + n int_c^hi (1-F^(n-1)) - sum_i int_{v_i}^c F^(n-1)
           + (n-1) [ int_lo^c F^n - int_c^hi (1-F^n) ]
    (every integrand vanishes away from the mass, so nothing of size (hi-lo) or |lo| cancels);
    1 - F^k is -expm1(k log1p(-S)) with S = 1-F computed from its own tail formula. Only F
    (never the density) is integrated; quantiles (v_i* and breakpoints at u = k/16, 2^-k,
    1 - 2^-k, 1 - 2^(j/2)/(n-1)) come from the generic Newton solver, never a closed form.
  extra = ceil(log10(max(|lo|, |hi|) / s)) + 3 digits, s a rough spread of F (width, sd, the
    exponential scale sd^2/d of a normal truncated d away from its mean, the smallest
    piece, a peak width), so that the digits lost to representing p near |lo| >> s and to
    integrals of size (hi-lo) >> s are paid for.
  Agreement: agreeDigits = -log10 of the largest of |A-B|/|B| over T1, T2, beta* and
    |v*_A - v*_B| / |T2| over the v_i* (v* is measured against the spread, not against |v*|,
    which would be trivially small at 1e8). Written values are route B's. A case is kept only
    at agreeDigits >= 25; below 28 it is recomputed once with 25 more digits in both routes.

Usage: python3 scripts/reference/pw_illcond.py [--out fixtures/pw/illcond-reference.json]
         [--jobs 1] [--only ID,...] [--no-generated]
"""
import argparse
import ast
import bisect
import json
import math
import os
import random
import sys
import time
from multiprocessing import Pool

from mpmath import mp, mpf
from mpmath.calculus.quadrature import GaussLegendre

SEED = 20240608
BASE_DPS = {"A": 40, "B": 55}
KEEP_DIGITS = 25
RETRY_DIGITS = 28


def D(x):
    """A JSON number -> the exact double it denotes, as an mpf (ints exactly)."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    return mpf(float(x)) if isinstance(x, float) else mpf(int(x))


def log10_abs(x):
    return float(mp.log10(abs(x))) if x != 0 else -1e9


# ----------------------------------------------------------------------------
# distributions
# ----------------------------------------------------------------------------
class Dist:
    """lo, hi, w = hi - lo (mpf). FS(p) -> (F, S) with S = 1 - F from its own tail formula;
    FSd(side, d) the same at lo + d (side "lo") or hi - d (side "hi") with the distance d exact;
    pdfd(side, d) the density there. pbreaks: interior points where F is not smooth or changes
    scale; ubreaks: u-values where Q is not smooth; spread: a rough scale of the mass (for the
    digits budget). qA(u) -> Q(u) - cA for route A (closed form when the kind has one)."""
    pbreaks = ()
    ubreaks = ()

    def setup(self):
        self.w = self.hi - self.lo
        self.cache = {"lo": [], "hi": []}  # sorted (log mass, y = log d) of solved quantiles
        self.cA = self.lo

    def FS(self, p):
        if p <= self.lo:
            return mpf(0), mpf(1)
        if p >= self.hi:
            return mpf(1), mpf(0)
        return self._FS(p)

    def FSd(self, side, d):
        return self.FS(self.lo + d if side == "lo" else self.hi - d)

    def pdfd(self, side, d):
        return self.pdf(self.lo + d if side == "lo" else self.hi - d)

    # ---- generic quantile: Newton in y = log(distance to the nearer end) ----
    def solve(self, side, m):
        """d >= 0 with F(lo + d) = m (side lo) or S(hi - d) = m (side hi), 0 < m <= 1/2."""
        target = mp.log(m)
        idx = 0 if side == "lo" else 1

        def g(y):
            d = mp.exp(y)
            if d >= self.w:
                return mpf(1), d, None
            FS = self.FSd(side, d)
            mass = FS[idx]
            if mass <= 0:
                return mpf("-inf"), d, None
            return mp.log(mass) - target, d, mass

        ylo, yhi = None, mp.log(self.w)
        glo = None
        cache = self.cache[side]
        k = bisect.bisect_left(cache, (target,))
        if k < len(cache) and cache[k][0] == target:
            return mp.exp(cache[k][1])
        if k > 0:
            ylo = cache[k - 1][1]
            glo = cache[k - 1][0] - target
        if k < len(cache):
            yhi = cache[k][1]
        if ylo is None:  # walk down until the mass is below m
            step = mpf(2)
            y = yhi - step
            while True:
                gy = g(y)[0]
                if gy < 0:
                    ylo, glo = y, gy
                    break
                yhi = y
                step *= 2
                y = yhi - step
                if step > 10 ** 7:
                    raise RuntimeError("quantile: no lower bracket")
        # first guess: interpolate in log mass when both ends are finite
        if glo is not None and mp.isfinite(glo) and k < len(cache):
            ghi = cache[k][0] - target
            y = ylo + (yhi - ylo) * (-glo) / (ghi - glo)
        else:
            y = (ylo + yhi) / 2
        # stop when the step moves p by less than the resolution of p itself (|p| 2^-prec):
        # finer y cannot be seen through p = lo + d, and only the absolute p matters
        eps = mpf(2) ** (-mp.prec + 8) * max(abs(self.lo), abs(self.hi))
        shrink, gprev = 0, None
        for _ in range(600):
            gy, d, mass = g(y)
            if gy == 0:
                break
            if gy > 0:
                yhi = y
            else:
                ylo = y
            # Newton that does not halve |g| twice in a row is not converging: bisect instead
            shrink = shrink + 1 if (gprev is not None and abs(gy) > abs(gprev) / 2) else 0
            gprev = gy
            yn = None
            if mass is not None and mp.isfinite(gy):
                dens = self.pdfd(side, d)
                slope = d * dens / mass  # dg/dy
                if slope > 0 and mp.isfinite(slope):
                    yn = y - gy / slope
                    if abs(yn - y) * d <= eps:  # converged (yn may even round to y itself)
                        y = yn
                        break
            if yn is None or not ylo < yn < yhi or shrink >= 2:
                yn = (ylo + yhi) / 2
                shrink, gprev = 0, None
            if abs(yn - y) * d <= eps or (yhi - ylo) * d <= eps:
                y = yn
                break
            y = yn
        else:
            raise RuntimeError(f"quantile did not converge (side {side}, m {mp.nstr(m, 5)})")
        bisect.insort(cache, (target, y))
        return mp.exp(y)

    def quantile(self, u, s=None):
        """Q(u) (absolute p); s = 1 - u when known exactly."""
        if u <= 0:
            return self.lo
        if u >= 1:
            return self.hi
        if s is None:
            s = 1 - u
        if u <= mpf(1) / 2:
            return self.lo + self.solve("lo", u)
        return self.hi - self.solve("hi", s)

    def qA(self, u):
        return self.quantile(u) - self.cA


class Uniform(Dist):
    def __init__(self, s):
        self.lo, self.hi = D(s["lo"]), D(s["hi"])
        self.setup()
        self.spread = self.w

    def _FS(self, p):
        return (p - self.lo) / self.w, (self.hi - p) / self.w

    def pdf(self, p):
        return 1 / self.w

    def qA(self, u):
        return self.w * u


class Beta(Dist):
    def __init__(self, s):
        self.a, self.b = D(s["a"]), D(s["b"])
        self.lo, self.hi = D(s.get("lo", 0)), D(s.get("hi", 1))
        self.setup()
        a, b = self.a, self.b
        self.logc = -(mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)) - mp.log(self.w)
        sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        self.spread = self.w * min(sd, min(a, b))
        self.pbreaks = (self.lo + self.w * a / (a + b),)

    def _t(self, t, s):
        """(F, S) at t in [0,1] from the lower or upper incomplete beta, s = 1 - t exact."""
        if t <= s:
            F = mp.betainc(self.a, self.b, 0, t, regularized=True)
            return F, 1 - F
        S = mp.betainc(self.b, self.a, 0, s, regularized=True)
        return 1 - S, S

    def _FS(self, p):
        return self._t((p - self.lo) / self.w, (self.hi - p) / self.w)

    def FSd(self, side, d):
        if d <= 0:
            return (mpf(0), mpf(1)) if side == "lo" else (mpf(1), mpf(0))
        if d >= self.w:
            return (mpf(1), mpf(0)) if side == "lo" else (mpf(0), mpf(1))
        t, s = d / self.w, (self.w - d) / self.w
        return self._t(t, s) if side == "lo" else self._t(s, t)

    def _pdf_ts(self, t, s):
        if t <= 0 or s <= 0:
            return mpf(0)
        return mp.exp(self.logc + (self.a - 1) * mp.log(t) + (self.b - 1) * mp.log(s))

    def pdf(self, p):
        return self._pdf_ts((p - self.lo) / self.w, (self.hi - p) / self.w)

    def pdfd(self, side, d):
        t, s = d / self.w, (self.w - d) / self.w
        return self._pdf_ts(t, s) if side == "lo" else self._pdf_ts(s, t)

    def qA(self, u):
        a, b, w = self.a, self.b, self.w
        if a == 1:
            return w * -mp.expm1(mp.log1p(-u) / b)
        if b == 1:
            return w * u ** (1 / a)
        if a == b == mpf(1) / 2:
            return w * mp.sin(mp.pi * u / 2) ** 2
        return self.quantile(u) - self.cA


def ndtri_lower(q):
    """z with Phi(z) = q for 0 < q <= 1/2: Newton on log Phi (concave, so it converges from the
    left after at most one overshoot)."""
    if q == mpf(1) / 2:
        return mpf(0)
    lq = mp.log(q)
    z = -mp.sqrt(-2 * lq) if q < mpf("0.3") else mpf(0)
    tol = mpf(2) ** (-mp.prec + 6)
    for _ in range(300):
        P = mp.ncdf(z)
        h = mp.log(P) - lq
        slope = mp.npdf(z) / P
        zn = z - h / slope
        if zn > 0:
            zn = z / 2 if z < 0 else -mpf(1) / 4
        if abs(zn - z) <= tol * max(1, abs(z)):
            return zn
        z = zn
    raise RuntimeError("ndtri did not converge")


class TruncNormal(Dist):
    def __init__(self, s):
        self.m, self.sd = D(s["mean"]), D(s["sd"])
        self.lo, self.hi = D(s["lo"]), D(s["hi"])
        self.setup()
        self.al, self.be = (self.lo - self.m) / self.sd, (self.hi - self.m) / self.sd
        al, be = self.al, self.be
        if be <= 0:
            self.mode = "low"  # mass left of the mean: lower-tail formulas
            self.Pa, self.Pb = mp.ncdf(al), mp.ncdf(be)
            self.M = self.Pb - self.Pa
        elif al >= 0:
            self.mode = "high"
            self.Qa, self.Qb = mp.ncdf(-al), mp.ncdf(-be)
            self.M = self.Qa - self.Qb
        else:
            self.mode = "mid"
            self.Pa, self.Qb = mp.ncdf(al), mp.ncdf(-be)
            self.M = 1 - self.Pa - self.Qb
        self.logc = -mp.log(self.sd * mp.sqrt(2 * mp.pi) * self.M)
        if self.lo <= self.m <= self.hi:
            self.cA = self.m
            self.spread = min(self.sd, self.w)
            self.pbreaks = tuple(self.m + k * self.sd for k in (-8, -4, -2, -1, 1, 2, 4, 8))
        else:
            end = self.hi if self.m > self.hi else self.lo
            self.cA = end
            dz = abs(self.m - end) / self.sd
            self.spread = min(self.w, self.sd / max(1, dz))
            sgn = 1 if end == self.lo else -1
            self.pbreaks = tuple(end + sgn * k * self.spread for k in (1, 4, 16, 64))

    def _FS(self, p):
        z = (p - self.m) / self.sd
        if self.mode == "low":
            P = mp.ncdf(z)
            return (P - self.Pa) / self.M, (self.Pb - P) / self.M
        if self.mode == "high":
            Qz = mp.ncdf(-z)
            return (self.Qa - Qz) / self.M, (Qz - self.Qb) / self.M
        if z <= 0:
            F = (mp.ncdf(z) - self.Pa) / self.M
            return F, 1 - F
        S = (mp.ncdf(-z) - self.Qb) / self.M
        return 1 - S, S

    def pdf(self, p):
        z = (p - self.m) / self.sd
        return mp.exp(self.logc - z * z / 2)

    def qA(self, u):
        """Q(u) - cA through z(u) = Phi^{-1}(Phi(alpha) + u M) in the tail it lives in."""
        if u <= 0:
            return self.lo - self.cA
        if u >= 1:
            return self.hi - self.cA
        if self.mode == "low":
            z = ndtri_lower(self.Pa + u * self.M)
        elif self.mode == "high":
            z = -ndtri_lower(self.Qb + (1 - u) * self.M)
        else:
            q = self.Pa + u * self.M
            z = ndtri_lower(q) if q <= mpf(1) / 2 else -ndtri_lower(self.Qb + (1 - u) * self.M)
        return self.sd * z + (self.m - self.cA)


class PiecewiseUniform(Dist):
    def __init__(self, s):
        ps = sorted((D(p["lo"]), D(p["hi"]), D(p["weight"])) for p in s["pieces"] if p["weight"] > 0)
        tot = mp.fsum(w for _, _, w in ps)
        self.pieces = [(a, b, w / tot) for a, b, w in ps]
        for (a0, b0, _), (a1, b1, _) in zip(ps, ps[1:]):
            assert b0 <= a1, "pieces overlap"
            assert b0 == a1, "gaps are not used in these cases"
        self.lo, self.hi = ps[0][0], ps[-1][1]
        self.setup()
        self.before = [mp.fsum(w for _, _, w in self.pieces[:k]) for k in range(len(ps))]
        self.after = [mp.fsum(w for _, _, w in self.pieces[k + 1:]) for k in range(len(ps))]
        self.pbreaks = tuple(a for a, _, _ in self.pieces[1:])
        self.ubreaks = tuple(self.before[1:])
        self.spread = min(b - a for a, b, _ in self.pieces)

    def _k(self, p):
        return max(0, min(len(self.pieces) - 1, bisect.bisect_right([a for a, _, _ in self.pieces], p) - 1))

    def _FS(self, p):
        k = self._k(p)
        a, b, w = self.pieces[k]
        return self.before[k] + w * (p - a) / (b - a), self.after[k] + w * (b - p) / (b - a)

    def pdf(self, p):
        a, b, w = self.pieces[self._k(p)]
        return w / (b - a)

    def qA(self, u):
        k = max(0, bisect.bisect_right(self.before, u) - 1)
        a, b, w = self.pieces[k]
        return (a - self.lo) + (b - a) * (u - self.before[k]) / w


# ---- density expressions (mathjs syntax restricted to a Python-compatible subset) ----
_FUNCS = {n: getattr(mp, n) for n in ("sin", "cos", "tan", "exp", "log", "sqrt", "sinh", "cosh", "tanh", "atan")}
_FUNCS["abs"] = abs


class _Doubles(ast.NodeTransformer):
    """Whitelisted grammar; every numeric literal becomes the exact double mathjs would read."""
    OK = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Load, ast.Add, ast.Sub,
          ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Constant)

    def __init__(self):
        self.consts = {}

    def generic_visit(self, node):
        if not isinstance(node, self.OK):
            raise ValueError(f"unsupported syntax: {type(node).__name__}")
        return super().generic_visit(node)

    def visit_Name(self, node):
        if node.id not in _FUNCS and node.id not in ("x", "pi"):
            raise ValueError(f"unknown name {node.id}")
        return node

    def visit_Constant(self, node):
        name = f"_c{len(self.consts)}"
        self.consts[name] = D(node.value)
        return ast.copy_location(ast.Name(name, ast.Load()), node)


def compile_expr(expr):
    tr = _Doubles()
    tree = tr.visit(ast.parse(expr.replace("^", "**"), mode="eval"))
    code = compile(ast.fix_missing_locations(tree), "<density>", "eval")
    env = dict(_FUNCS, pi=mp.pi, __builtins__={}, **tr.consts)
    return lambda x: eval(code, env, {"x": x})


_GL = {}


def gl_nodes(degree):
    key = (degree, mp.prec)
    if key not in _GL:
        _GL[key] = GaussLegendre(mp).calc_nodes(degree, mp.prec + 20)
    return _GL[key]


class Density(Dist):
    """f = g / Z, g an expression; F from a table of composite Gauss-Legendre cell integrals of g
    (plus one pass over the partial cell). hints: (centre, width) of sharp features, which get
    cells of width/4 within 12 widths (the TS side sees only the expression)."""

    def __init__(self, s, hints=(), cells=256, degree=4, per_width=4):
        self.lo, self.hi = D(s["lo"]), D(s["hi"])
        self.setup()
        self.g = compile_expr(s["expr"])
        pts = {self.lo, self.hi}
        step = self.w / cells
        pts.update(self.lo + step * k for k in range(1, cells))
        spread = self.w
        pb = []
        for c, wd in hints:
            c, wd = D(c), D(wd)
            spread = min(spread, wd)
            # the peak's flanks are where F (and Q) turn sharply: breakpoints in both spaces
            pb += [c + wd * k for k in (-8, -4, -2, -1, 0, 1, 2, 4, 8)]
            pts.update(c + wd * k / per_width for k in range(-12 * per_width, 12 * per_width + 1))
        self.pbreaks = tuple(p for p in pb if self.lo < p < self.hi)
        self.spread = spread
        self.mesh = sorted(p for p in pts if self.lo <= p <= self.hi)
        self.nodes = gl_nodes(degree)
        cum = [mpf(0)]
        for a, b in zip(self.mesh, self.mesh[1:]):
            cum.append(cum[-1] + self._gl(a, b))
        self.Z = cum[-1]
        self.cum = cum

    def _gl(self, a, b):
        c, r = (a + b) / 2, (b - a) / 2
        return r * mp.fsum(w * self.g(c + r * x) for x, w in self.nodes)

    def _FS(self, p):
        k = bisect.bisect_right(self.mesh, p) - 1
        k = min(k, len(self.mesh) - 2)
        a, b = self.mesh[k], self.mesh[k + 1]
        if p - a <= b - p:
            F = (self.cum[k] + self._gl(a, p)) / self.Z
            return F, 1 - F
        S = (self.Z - self.cum[k + 1] + self._gl(p, b)) / self.Z
        return 1 - S, S

    def pdf(self, p):
        return self.g(p) / self.Z

    def finish(self):
        self.ubreaks = tuple(self.FS(c)[0] for c in self.pbreaks)


class Mixture(Dist):
    def __init__(self, s, make):
        parts = [(D(p["weight"]), make(p["dist"])) for p in s["parts"]]
        tot = mp.fsum(w for w, _ in parts)
        self.parts = [(w / tot, d) for w, d in parts if w > 0]
        self.lo = min(d.lo for _, d in self.parts)
        self.hi = max(d.hi for _, d in self.parts)
        self.setup()
        self.spread = min(d.spread for _, d in self.parts)
        pb = [p for _, d in self.parts for p in (d.lo, d.hi) + tuple(d.pbreaks)]
        # the low-density point between two parts' centres (equally many spreads from each):
        # Q is nearly discontinuous at its u-value
        cs = sorted((d.cA, d.spread) for _, d in self.parts)
        gaps = [(c0 * s1 + c1 * s0) / (s0 + s1) for (c0, s0), (c1, s1) in zip(cs, cs[1:])]
        self.pbreaks = tuple(p for p in pb + gaps if self.lo < p < self.hi)
        self.ubreaks = tuple(self.FS(p)[0] for p in gaps)

    def _FS(self, p):
        F = S = mpf(0)
        for w, d in self.parts:
            Fd, Sd = d.FS(p)
            F += w * Fd
            S += w * Sd
        return F, S

    def pdf(self, p):
        return mp.fsum(w * d.pdf(p) for w, d in self.parts if d.lo <= p <= d.hi)


def make_dist(spec, route, hints=()):
    k = spec["kind"]
    if k == "uniform":
        return Uniform(spec)
    if k == "beta":
        return Beta(spec)
    if k == "truncated-normal":
        return TruncNormal(spec)
    if k == "piecewise-uniform":
        return PiecewiseUniform(spec)
    if k == "density":
        # route A: 12-node cells, finer; route B: 24-node cells, coarser (different rules)
        d = (Density(spec, hints, cells=1024, degree=3, per_width=8) if route == "A"
             else Density(spec, hints, cells=384, degree=4, per_width=4))
        d.finish()
        return d
    if k == "mixture":
        return Mixture(spec, lambda s: make_dist(s, route, hints))
    raise ValueError(k)


# ----------------------------------------------------------------------------
# the two routes
# ----------------------------------------------------------------------------
class QuadLog:
    def __init__(self):
        self.maxerr = mpf(0)

    def __call__(self, f, a, b, scale=1):
        """int_a^b f, integrated as (b-a) int_0^1 f(a + (b-a)t) dt: mp.quad's stopping test is
        absolute (error <= 2^-prec), so an integral of size 1e-300 must be brought to size ~1.
        scale: a further factor the integrand is divided by (then multiplied back)."""
        if not a < b:
            return mpf(0)
        h = b - a
        v, e = mp.quad(lambda t: f(a + h * t) / scale, [0, 1], error=True)
        self.maxerr = max(self.maxerr, abs(e * h * scale))
        return v * h * scale


def parse_shares(n, shares):
    if shares is None:
        return [mpf(1) / n] * n
    s = [D(x) for x in shares]
    tot = mp.fsum(s)
    return [x / tot for x in s]


def distinct(rs):
    out = []
    for r in rs:
        for e in out:
            if e[0] == r:
                e[1] += 1
                break
        else:
            out.append([r, 1])
    return out


def lo_of(spec):
    """The lower end of the support as the JSON gives it (mixture: the smallest part's)."""
    if spec["kind"] == "mixture":
        return min((lo_of(p["dist"]) for p in spec["parts"]), key=float)
    if spec["kind"] == "piecewise-uniform":
        return min((p["lo"] for p in spec["pieces"] if p["weight"] > 0), key=float)
    return spec.get("lo", 0)


def first_agents(rs):
    """Index of the first agent holding each distinct share (the order of vStar)."""
    seen, out = set(), []
    for i, r in enumerate(rs):
        if r not in seen:
            seen.add(r)
            out.append(i)
    return out


def u_of(r, n):
    if r <= 0:
        return mpf(0)
    if r >= 1:
        return mpf(1)
    return r ** (mpf(1) / (n - 1))


def ngrid(n, step):
    """u = 1 - c/(n-1), c = 2^(j/step), j >= -2 step, c < n-1: where u^(n-2) has its mass."""
    out, j = [], -2 * step
    while True:
        c = mpf(2) ** (mpf(j) / step)
        if c >= n - 1:
            return out
        out.append(1 - c / (n - 1))
        j += 1


def route_A(d, n, rs):
    quad = QuadLog()
    ds = distinct(rs)
    us = [u_of(r, n) for r, _ in ds]
    ub = {mpf(0), mpf(1), mpf(1) / 4, mpf(1) / 2, mpf(3) / 4}
    ub.update(u for u in us)
    ub.update(u for u in d.ubreaks)
    ub.update(ngrid(n, 1))
    ub = sorted(u for u in ub if 0 <= u <= 1)
    memo = {}

    def q(u):
        if u not in memo:
            memo[u] = d.qA(u)
        return memo[u]

    segs = []
    for a, b in zip(ub, ub[1:]):
        J1 = quad(lambda u: q(u) * u ** (n - 1), a, b, d.w)
        J0 = quad(lambda u: q(u) * u ** (n - 2) * (1 - u), a, b, d.w)
        K = quad(q, a, b, d.w)
        segs.append((a, b, J0, J1, K))
    T2 = mp.fsum(s[4] for s in segs) - n * mp.fsum(s[3] for s in segs)
    T1 = mpf(0)
    vs = []
    for (r, mult), u in zip(ds, us):
        B = (n - 1) * (mp.fsum(s[2] for s in segs if s[0] >= u) - mp.fsum(s[3] for s in segs if s[1] <= u))
        T1 += mult * B
        vs.append(d.lo if u <= 0 else d.hi if u >= 1 else d.cA + q(u))
    return dict(T1=T1, T2=T2, vStar=vs, quadErr=quad.maxerr, nodes=len(memo), segments=len(segs))


def one_minus_pow(F, S, k):
    """1 - F^k without cancellation near F = 1."""
    if F <= mpf(1) / 2:
        return 1 - F ** k
    return -mp.expm1(k * mp.log1p(-S))


def route_B(d, n, rs):
    quad = QuadLog()
    ds = distinct(rs)
    us = [u_of(r, n) for r, _ in ds]
    vs = [d.quantile(u) for u in us]
    c = d.quantile(mpf(1) / 2)
    pts = {d.lo, d.hi, c}
    pts.update(vs)
    pts.update(d.pbreaks)
    grid = [mpf(k) / 16 for k in range(1, 16)]
    grid += ngrid(n, 2)
    for k in (3, 5, 8, 12, 16, 24, 32, 48, 64, 96, 128):
        grid.append(mpf(2) ** -k)
        pts.add(d.hi - d.solve("hi", mpf(2) ** -k))
    pts.update(d.quantile(u) for u in grid)
    pts = sorted(p for p in pts if d.lo <= p <= d.hi)
    memo = {}

    def FS(p):
        if p not in memo:
            memo[p] = d.FS(p)
        return memo[p]

    def seg(a, b):
        return [(x, y) for x, y in zip(pts, pts[1:]) if a <= x and y <= b]

    def integral(f, a, b):
        return mp.fsum(quad(f, x, y) for x, y in seg(a, b))

    def Fpow(k):
        return lambda p: FS(p)[0] ** k

    def Upow(k):
        return lambda p: one_minus_pow(*FS(p), k)

    lo, hi = d.lo, d.hi
    I_lo_n = integral(Fpow(n), lo, c)
    I_lo_1 = integral(Fpow(1), lo, c)
    I_hi_n = integral(Upow(n), c, hi)
    I_hi_1 = integral(lambda p: FS(p)[1], c, hi)
    I_hi_nm1 = integral(Upow(n - 1), c, hi)
    T2 = (I_lo_n - I_lo_1) + (I_hi_1 - I_hi_n)
    T1 = (n - 1) * (I_lo_n - I_hi_n) + n * I_hi_nm1
    for (r, mult), v in zip(ds, vs):
        if v <= c:
            # -r (v - c) - int_v^c F^(n-1)
            term = -r * (v - c) - integral(Fpow(n - 1), v, c)
        else:
            # -r (v - c) + int_c^v F^(n-1) = (1 - r)(v - c) - int_c^v (1 - F^(n-1))
            term = (1 - r) * (v - c) - integral(Upow(n - 1), c, v)
        T1 += mult * term
    return dict(T1=T1, T2=T2, vStar=vs, quadErr=quad.maxerr, nodes=len(memo), segments=len(pts) - 1)


# ----------------------------------------------------------------------------
# one case
# ----------------------------------------------------------------------------
def extra_digits(spec, hints):
    mp.dps = 30
    d = make_dist(spec, "A", hints) if spec["kind"] != "density" else Density(spec, hints, cells=8, degree=2)
    big = max(abs(d.lo), abs(d.hi), d.w)
    return max(0, int(math.ceil(log10_abs(big) - log10_abs(d.spread)))) + 3


def run_route(route, spec, hints, n, shares, extra):
    mp.dps = BASE_DPS[route] + extra
    t = time.process_time()
    d = make_dist(spec, route, hints)
    rs = parse_shares(n, shares)
    res = (route_A if route == "A" else route_B)(d, n, rs)
    res["betaStar"] = -n * res["T1"] / (res["T1"] + res["T2"])
    res["seconds"] = time.process_time() - t
    res["dps"] = mp.dps
    return res


def rel(a, b):
    den = max(abs(a), abs(b))
    return mpf(0) if den == 0 else abs(a - b) / den


def agreement(A, B):
    worst = max(rel(A["T1"], B["T1"]), rel(A["T2"], B["T2"]), rel(A["betaStar"], B["betaStar"]))
    for va, vb in zip(A["vStar"], B["vStar"]):
        worst = max(worst, abs(va - vb) / abs(B["T2"]))
    return 99.0 if worst == 0 else min(99.0, -float(mp.log10(worst)))


def val(x):
    return {"dec": mp.nstr(x, 30), "dbl": float(x)}


def task(case):
    cid, req, hints = case["id"], case["request"], case.get("hints", ())
    spec, n, shares = req["distribution"], req["n"], req.get("shares")
    t0 = time.process_time()
    extra = extra_digits(spec, hints)
    tries = []
    for attempt in range(2):
        try:
            A = run_route("A", spec, hints, n, shares, extra)
            B = run_route("B", spec, hints, n, shares, extra)
        except Exception as e:  # recorded and reported, the case is dropped
            return {"id": cid, "error": f"{type(e).__name__}: {e}", "seconds": time.process_time() - t0}
        mp.dps = B["dps"] + 10
        ag = agreement(A, B)
        tries.append(round(ag, 1))
        if ag >= RETRY_DIGITS:
            break
        extra += 25
    mp.dps = B["dps"] + 60  # the binomial sums of closed_form cancel (n <= 60)
    cf = closed_form(req)
    cf_digits = None
    if cf is not None:
        r = max(rel(B["T1"], cf[0]), rel(B["T2"], cf[1]))
        cf_digits = 99.0 if r == 0 else round(min(99.0, -float(mp.log10(r))), 1)
    mp.dps = B["dps"]
    out = {"id": cid, "request": req,
           "T1": val(B["T1"]), "T2": val(B["T2"]), "betaStar": val(B["betaStar"]),
           "vStar": [val(v) for v in B["vStar"]],
           # v* - lo to 30 digits of its own: at lo = 1e8 the 30 digits of v* hold only ~22 of the offset
           "vStarMinusLo": [val(v - D(lo_of(spec))) for v in B["vStar"]],
           "vStarShares": [float(r) for r, _ in distinct(parse_shares(n, shares))],
           "vStarAgent": first_agents(parse_shares(n, shares)),
           "agreeDigits": round(ag, 1),
           "dps": {"A": A["dps"], "B": B["dps"]},
           "quadErrRel": float(max(A["quadErr"], B["quadErr"]) / abs(B["T2"])),
           "cost": {"A": {"segments": A["segments"], "nodes": A["nodes"]},
                    "B": {"segments": B["segments"], "nodes": B["nodes"]}},
           "seconds": round(time.process_time() - t0, 2)}
    if cf_digits is not None:
        out["closedFormDigits"] = cf_digits
    if len(tries) > 1:
        out["retried"] = tries
    if case.get("note"):
        out["note"] = case["note"]
    return out


# ----------------------------------------------------------------------------
# cases
# ----------------------------------------------------------------------------
def U(lo, hi):
    return {"kind": "uniform", "lo": lo, "hi": hi}


def TN(m, sd, lo, hi):
    return {"kind": "truncated-normal", "mean": m, "sd": sd, "lo": lo, "hi": hi}


def BETA(a, b, lo=0, hi=1):
    return {"kind": "beta", "a": a, "b": b, "lo": lo, "hi": hi}


def C(cid, n, dist, shares=None, hints=(), note=None):
    req = {"n": n}
    if shares is not None:
        req["shares"] = shares
    req["distribution"] = dist
    c = {"id": cid, "request": req}
    if hints:
        c["hints"] = hints
    if note:
        c["note"] = note
    return c


def issue_cases():
    pw = {"kind": "piecewise-uniform", "pieces": [{"lo": 0, "hi": 0.5, "weight": 1},
                                                 {"lo": 0.5, "hi": 0.5 + 1e-9, "weight": 1e6},
                                                 {"lo": 0.5 + 1e-9, "hi": 1, "weight": 1}]}
    return [
        C("issue-uniform-far-1e8-n2", 2, U(1e8, 100000000.000001),
          note="hi is the double 1e8 + 67*2^-26; width 9.98377799987793e-7"),
        C("issue-uniform-far-1e6-n5", 5, U(1e6, 1000001)),
        C("issue-density-sine-far-n5", 5, {"kind": "density", "expr": "1 + 0.5*sin(20*(x-1e6))", "lo": 1e6, "hi": 1000001}),
        C("issue-piecewise-spike-n2", 2, pw, note="piece of width 1e-9 (as doubles: 0.5 to 0.5+1e-9) carrying weight 1e6; "
          "beta* = 3.346e-4, the issue's 3.35e-4"),
        C("issue-piecewise-spike-n3", 3, pw, note="as issue-piecewise-spike-n2 with n = 3"),
        C("issue-truncnormal-sd1e-15-n5", 5, TN(0.5, 1e-15, 0, 1)),
        C("issue-truncnormal-sd1e-8-n5", 5, TN(0.5, 1e-8, 0, 1)),
        C("issue-truncnormal-sd1e-8-n5-unequal", 5, TN(0.5, 1e-8, 0, 1), [0.6, 0.1, 0.1, 0.1, 0.1]),
        C("issue-truncnormal-sd1e-7-n2", 2, TN(0.5, 1e-7, 0, 1)),
        C("issue-beta-1-0.01-n2", 2, BETA(1, 0.01)),
        C("issue-beta-1-0.01-n5", 5, BETA(1, 0.01)),
        C("issue-beta-half-half-1e-300-n3", 3, BETA(0.5, 0.5, 0, 1e-300)),
        C("issue-beta-1-0.05-n2", 2, BETA(1, 0.05)),
        C("issue-ms-uniform-1e-16-n2", 2, U(0, 1e-16), [1, 0],
          note="Myerson-Satterthwaite: T1 = T2 = mean - E[max] = -(1e-16)/6, beta* = -1"),
        C("issue-beta-half-half-n10000", 10000, BETA(0.5, 0.5)),
    ]


def generated_cases(count=60):
    rng = random.Random(SEED)
    out = []

    def pick_n():
        return rng.choice([2, 2, 2, 3, 3, 3, 5, 5, 5, 10, 10, 40, 200])

    def pick_shares(n):
        k = rng.random()
        if k < 0.4:
            return None
        if k < 0.6:
            return [1.0] + [0.0] * (n - 1)
        g = [rng.gammavariate(1.0, 1.0) for _ in range(n)]
        t = sum(g)
        return [x / t for x in g]

    def far(k_max=12):
        k = rng.randint(0, k_max)
        sgn = rng.choice([1, -1])
        lo = sgn * 10.0 ** k
        j = rng.randint(1, 13)
        width = max(abs(lo), 1.0) * 10.0 ** -j
        hi = lo + width
        if not hi > lo:
            hi = math.nextafter(lo, math.inf)
        return lo, hi

    makers = []

    def uniform_far():
        lo, hi = far()
        return U(lo, hi), ()
    makers.append(("uniform-far", uniform_far, 8))

    def uniform_tiny():
        lo = rng.choice([0.0, 0.3, -2.5, 7.0])
        w = 10.0 ** -rng.randint(10, 300) if lo == 0 else max(abs(lo), 1) * 10.0 ** -rng.randint(8, 14)
        hi = lo + w
        return U(lo, hi), ()
    makers.append(("uniform-tiny", uniform_tiny, 5))

    def tn():
        lo, hi = far(9) if rng.random() < 0.5 else (0.0, 1.0)
        w = hi - lo
        sdrel = 10.0 ** rng.uniform(-12, 6)
        sd = sdrel * w
        where = rng.random()
        if where < 0.6:
            m = lo + w * rng.uniform(0.05, 0.95)
        elif where < 0.8:
            m = hi + w * rng.uniform(0, 3) * min(1.0, sdrel * 10)
        else:
            m = lo - w * rng.uniform(0, 3) * min(1.0, sdrel * 10)
        return TN(m, sd, lo, hi), ()
    makers.append(("truncnormal", tn, 14))

    def beta_spiky():
        lo, hi = (0.0, 1.0) if rng.random() < 0.6 else far(8)
        s = round(rng.uniform(0.01, 0.2), 3)
        o = rng.choice([1.0, 1.0, 0.5, round(rng.uniform(0.01, 0.2), 3), round(rng.uniform(1, 5), 2)])
        a, b = (s, o) if rng.random() < 0.5 else (o, s)
        return BETA(a, b, lo, hi), ()
    makers.append(("beta-spiky", beta_spiky, 10))

    def beta_conc():
        lo, hi = (0.0, 1.0) if rng.random() < 0.6 else far(8)
        a = float(rng.randint(50, 500))
        b = rng.choice([1.0, float(rng.randint(50, 500))])
        if rng.random() < 0.5:
            a, b = b, a
        return BETA(a, b, lo, hi), ()
    makers.append(("beta-concentrated", beta_conc, 5))

    def pw_spike():
        lo, hi = (0.0, 1.0) if rng.random() < 0.6 else far(8)
        w = hi - lo
        m = rng.randint(3, 5)
        cuts = sorted(rng.uniform(0.05, 0.95) for _ in range(m - 2))
        k = rng.randrange(len(cuts))
        tiny = 10.0 ** -rng.randint(6, 12)
        edges = [0.0] + cuts[:k + 1] + [cuts[k] + tiny] + cuts[k + 1:] + [1.0]
        edges = sorted(set(lo + w * e for e in edges))
        pieces = []
        for i, (a, b) in enumerate(zip(edges, edges[1:])):
            heavy = abs((b - a) - w * tiny) < 0.5 * w * tiny
            pieces.append({"lo": a, "hi": b, "weight": 10.0 ** rng.randint(3, 9) if heavy else float(rng.randint(1, 5))})
        return {"kind": "piecewise-uniform", "pieces": pieces}, ()
    makers.append(("piecewise-spike", pw_spike, 7))

    def mix():
        lo, hi = (0.0, 1.0) if rng.random() < 0.6 else far(6)
        w = hi - lo
        m1, m2 = lo + w * rng.uniform(0.05, 0.3), lo + w * rng.uniform(0.7, 0.95)
        s1, s2 = w * 10.0 ** rng.uniform(-8, -3), w * 10.0 ** rng.uniform(-8, -3)
        w1 = round(rng.uniform(0.15, 0.85), 2)
        return {"kind": "mixture", "parts": [{"weight": w1, "dist": TN(m1, s1, lo, hi)},
                                             {"weight": round(1 - w1, 2), "dist": TN(m2, s2, lo, hi)}]}, ()
    makers.append(("mixture-two-narrow", mix, 6))

    def dens():
        far_ = rng.random() < 0.4
        lo = float(rng.choice([1e3, 1e6])) if far_ else 0.0
        hi = lo + 1.0
        c = round(rng.uniform(0.1, 0.9), 3)
        wd = 10.0 ** -rng.randint(2, 4)
        amp = float(10 ** rng.randint(1, 4))
        sh = f"(x-{lo:g})" if far_ else "x"
        expr = f"1 + {amp:g}*exp(-(({sh}-{c})/{wd:g})^2)"
        return {"kind": "density", "expr": expr, "lo": lo, "hi": hi}, ((lo + c, wd),)
    makers.append(("density-peak", dens, 5))

    bag = [m for m in makers for _ in range(m[2])]
    rng.shuffle(bag)
    for i, (name, mk, _) in enumerate(bag[:count]):
        dist, hints = mk()
        n = pick_n()
        if name in ("beta-concentrated", "density-peak", "mixture-two-narrow") and n > 10:
            n = rng.choice([2, 3, 5])
        shares = pick_shares(n)
        out.append(C(f"gen-{i:02d}-{name}", n, dist, shares, hints))
    return out


def all_cases(generated=True):
    cs = issue_cases()
    if generated:
        cs += generated_cases()
    return cs


# ----------------------------------------------------------------------------
# independent checks
# ----------------------------------------------------------------------------
def closed_form(req):
    """(T1, T2) in closed form where F has one with polynomial-type integrals: uniform, Beta(1,b)
    and Beta(a,1) on [lo, hi] (T1, T2 scale with the width and ignore lo). Uses
    T1 = sum_i [hi/n - r_i v_i - int_{v_i}^{hi} F^(n-1)] + (n-1) int F^n on [0, 1] (identity T2-5)
    and T2 = int (F^n - F); binomial sums for Beta(1,b)."""
    spec, n = req["distribution"], req["n"]
    rs = parse_shares(n, req.get("shares"))
    k = spec["kind"]
    if k == "uniform":
        w = D(spec["hi"]) - D(spec["lo"])
        T1 = w * (mpf(n - 1) / (n + 1) - mpf(n - 1) / n * mp.fsum(r ** (mpf(n) / (n - 1)) for r in rs))
        return T1, -w * mpf(n - 1) / (2 * (n + 1))
    if k != "beta" or n > 60:
        return None
    a, b, w = D(spec["a"]), D(spec["b"]), D(spec.get("hi", 1)) - D(spec.get("lo", 0))
    if b == 1:  # F = t^a: int_v^1 F^m = (1 - v^(am+1))/(am+1)
        def tail(v, m):
            return (1 - v ** (a * m + 1)) / (a * m + 1)

        def vq(u):
            return u ** (1 / a)
    elif a == 1:  # F = 1 - (1-t)^b: int_v^1 F^m = sum_j C(m,j) (-1)^j (1-v)^(jb+1)/(jb+1)
        def tail(v, m):
            return mp.fsum(mp.binomial(m, j) * (-1) ** j * (1 - v) ** (j * b + 1) / (j * b + 1) for j in range(m + 1))

        def vq(u):
            return -mp.expm1(mp.log1p(-u) / b)
    else:
        return None
    In = tail(mpf(0), n)
    T1 = mp.fsum(mpf(1) / n - r * vq(u_of(r, n)) - tail(vq(u_of(r, n)), n - 1) for r in rs) + (n - 1) * In
    T2 = In - tail(mpf(0), 1)
    return w * T1, w * T2


def cross_checks(kept, here):
    """Closed forms (uniform, Beta(1,b), Beta(a,1)), the Myerson-Satterthwaite identity, scale
    invariance and the tame fixtures of pw_reference.py; returns {name: {digits, ...}}."""
    out = {}
    by = {c["id"]: c for c in kept}
    mp.dps = 60
    cfs = [(c["closedFormDigits"], c["id"]) for c in kept if "closedFormDigits" in c]
    if cfs:
        out["closedForm_T1_T2"] = {"minDigits": min(cfs)[0], "at": min(cfs)[1], "cases": len(cfs),
                                   "note": "route B at full precision vs exact formulas (uniform, Beta(1,b), Beta(a,1))"}

    def digits(x, y):
        r = rel(mpf(x), mpf(y))
        return 99.0 if r == 0 else round(min(99.0, -float(mp.log10(r))), 1)
    ms = by.get("issue-ms-uniform-1e-16-n2")
    if ms:
        out["myersonSatterthwaite_T1_eq_T2"] = digits(ms["T1"]["dec"], ms["T2"]["dec"])
    a, b = by.get("issue-truncnormal-sd1e-15-n5"), by.get("issue-truncnormal-sd1e-8-n5")
    if a and b:
        out["normal_scale_invariance_betaStar_sd1e-15_vs_sd1e-8"] = digits(a["betaStar"]["dec"], b["betaStar"]["dec"])
    try:
        fx = os.path.join(here, "..", "..", "fixtures", "pw")
        mk = {m["id"]: m for m in json.load(open(os.path.join(fx, "markets-reference.json")))["markets"]}
        fig = json.load(open(os.path.join(fx, "figure1-reference.json")))["markets"]["uniform"]["rows"]
        c = by.get("issue-beta-half-half-1e-300-n3")
        if c:
            out["beta_half_half_1e-300_vs_markets-reference_beta-half-half-n3-equal_betaStar"] = digits(
                c["betaStar"]["dec"], mk["beta-half-half-n3-equal"]["betaStar"]["dec"])
        c = by.get("issue-uniform-far-1e6-n5")
        if c:
            out["uniform_far_1e6_n5_vs_figure1_uniform_n5_betaStar"] = digits(
                c["betaStar"]["dec"], next(r for r in fig if r["n"] == 5)["betaStar"]["dec"])
    except (OSError, KeyError, StopIteration) as e:
        out["tameFixtures"] = f"not compared: {e}"
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "..", "fixtures", "pw",
                                                                   "illcond-reference.json")))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--only", default="")
    ap.add_argument("--no-generated", action="store_true")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    cases = all_cases(not args.no_generated)
    if args.only:
        keep = set(args.only.split(","))
        cases = [c for c in cases if c["id"] in keep or any(c["id"].startswith(k) for k in keep)]
    if args.list:
        for c in cases:
            print(c["id"], json.dumps(c["request"]))
        return
    t0 = time.perf_counter()
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            res = pool.map(task, cases, chunksize=1)
    else:
        res = []
        for c in cases:
            r = task(c)
            print(f"{r['id']:45s} {r.get('agreeDigits', r.get('error'))!s:>8} {r['seconds']:7.1f}s "
                  f"{r.get('betaStar', {}).get('dec', '')}", flush=True)
            res.append(r)
    wall = time.perf_counter() - t0
    kept = [r for r in res if "error" not in r and r["agreeDigits"] >= KEEP_DIGITS]
    dropped = [{"id": r["id"], "why": r.get("error") or f"routes agree to only {r['agreeDigits']} digits"}
               for r in res if r not in kept]
    checks = cross_checks(kept, here)
    doc = {
        "paper": "Pycia & Wang (2015), Efficient trade with interdependent values",
        "generatedBy": "scripts/reference/pw_illcond.py",
        "seed": SEED,
        "inputs": "every JSON number is the exact double it denotes; shares renormalised exactly to sum 1 "
                  "(omitted: exactly 1/n); density literals are doubles too",
        "method": "route A: quantile space int (Q-c) poly(u) du at dps 40+extra; route B: value space, "
                  "integration by parts (F only) at dps 55+extra; written values are route B's",
        "valueFormat": "{dec: 30 significant digits, dbl: nearest double}; trust dec to agreeDigits digits",
        "agreeDigits": "-log10 max(rel diff of T1, T2, beta*; |v*_A - v*_B|/|T2|) between the two routes",
        "vStar": "one per distinct share, in order of first appearance: vStarAgent = index of the first agent "
                 "with that share, vStarShares = the renormalised share as a double",
        "minAgreeDigits": min(r["agreeDigits"] for r in kept) if kept else None,
        "wallSeconds": round(wall, 1),
        "cpuSeconds": round(sum(r["seconds"] for r in res), 1),
        "checks": checks,
        "dropped": dropped,
        "cases": kept,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print(f"{len(kept)} kept, {len(dropped)} dropped, wall {wall:.1f}s, cpu {doc['cpuSeconds']}s; "
          f"min agreement {doc['minAgreeDigits']}")
    print(json.dumps(checks, indent=1))
    for d in dropped:
        print("dropped", d)


if __name__ == "__main__":
    main()
