#!/usr/bin/env python3
"""Reference values at the branch points of src/numeric/special.ts, computed with mpmath at 50 digits.

  python3 scripts/reference/special_mutants.py     writes fixtures/numeric/special-mutants.json

The points sit on both sides of every threshold of special.ts (erfcx's Chebyshev pieces and its
continued fraction, erf/erfc's cut-offs, normSf's centre, normQuantile's central and tail
iterations, lgamma's and gammaFn's ranges, betaInc's prefactor routes and symmetry switch), so a
mutant that moves a threshold or breaks one route is caught at a point only that route reaches
(test/numeric/special-mutants.test.ts). Every input is a double and the reference is evaluated at
exactly that double (mp.mpf(float) is exact).
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50
DIGITS = 50


def ref(v):
    """A reference value as a 50-digit string plus its nearest double."""
    v = mp.mpf(v)
    return {"s": mp.nstr(v, DIGITS) if v != 0 else "0", "d": float(v)}


def F(x):
    return mp.mpf(float(x))


def norm_quantile_lower(p):
    """Φ⁻¹(p) for p ≤ ½ by Newton on ln Φ(x) = ln p at 90 digits (keeps relative precision in the tail)."""
    P = F(p)
    with mp.workdps(100):
        if P > mp.mpf('1e-10'):
            return +(mp.sqrt(2) * mp.erfinv(2 * P - 1))
        z0 = mp.sqrt(-2 * mp.log(P) - mp.log(-2 * mp.log(P)) - mp.log(2 * mp.pi))
        z = mp.findroot(lambda z: mp.log(mp.ncdf(-z)) - mp.log(P), z0, tol=mp.mpf(10) ** -90)
        return -z


def beta_inc_pq(a, b, x):
    """(I_x(a,b), 1 − I_x(a,b)) at 100 digits from DLMF 8.17.8, I_x(a,b) = x^a y^b/(a B(a,b))·2F1(a+b, 1; a+1; x),
    a series of positive terms, summed on the side where its ratio starts below 1; the other side is
    1 − that (100 digits leave 50 after any cancellation down to 1e-50). mp.betainc fails to converge
    at a = 1e4."""
    with mp.workdps(100):
        p, q = beta_inc_pq_mp(F(a), F(b), F(x))
        return +p, +q


def beta_inc_pq_mp(A, B, X):
    """beta_inc_pq's series at mpf arguments (X need not be a double), at the current precision."""
    Y = 1 - X

    def lower(a_, b_, x_, y_):
        pre = mp.exp(a_ * mp.log(x_) + b_ * mp.log(y_) - mp.log(a_) - mp.log(mp.beta(a_, b_)))
        return pre * mp.hyp2f1(a_ + b_, 1, a_ + 1, x_, maxterms=10 ** 7)

    if X < (A + 1) / (A + B + 2):
        p = lower(A, B, X, Y)
        return p, 1 - p
    q = lower(B, A, Y, X)
    return 1 - q, q


def erfcx(x):
    X = F(x)
    if X > 1e5:
        # mpmath's erfc cannot take x = 1e200; the asymptotic series 1/(x√π)·Σ (−1)^k (2k−1)!!/(2x²)^k
        # is far below 1e-50 after three terms here
        return 1 / (X * mp.sqrt(mp.pi)) * (1 - 1 / (2 * X * X) + 3 / (4 * X ** 4))
    with mp.workdps(80):
        return +(mp.exp(X * X) * mp.erfc(X))


def main():
    out = {"generator": "scripts/reference/special_mutants.py (mpmath %s, mp.dps = 50)" % mp.__version__}
    # erfcx: every piece, just inside and outside each edge, the continued fraction and the reflection
    xs = [-26.62, -26.6, -26.4, -20, -5, -1, -0.49, -0.01, 0, 0.01, 0.3, 0.49, 0.5, 0.51, 1, 1.49, 1.5, 1.51, 2.2, 2.99, 3,
          3.01, 4, 4.99, 5, 5.01, 6.5, 7.99, 8, 8.01, 9, 12, 30, 1e3, 1e10, 1e200]
    out["erfcx"] = [{"x": x, "v": ref(erfcx(x))} for x in xs]
    out["erf"] = [{"x": x, "v": ref(mp.erf(F(x)))} for x in
                  [-5.99, -3, -0.51, -0.49, -0.1, 0.2, 0.49, 0.51, 1.2, 2.7, 4, 5.5, 5.9, 5.99, 6.01, 7, -6.01]]
    out["erfc"] = [{"x": x, "v": ref(mp.erfc(F(x)))} for x in
                   [-6.5, -5.99, -5, -2, -0.51, -0.49, -0.2, 0.2, 0.49, 0.51, 1.2, 6, 9, 20, 27.2, 27.29]]
    # normSf: z = x/√2 on both sides of ½ (x = 0.7071…), the centre, the mirrored left tail
    out["normSf"] = [{"x": x, "v": ref(mp.ncdf(-F(x)))} for x in
                     [-38, -10, -3, -0.72, -0.7, -0.3, 0.3, 0.7, 0.7071, 0.708, 0.72, 2, 6, 15, 30, 38.5]]
    out["normPdf"] = [{"x": x, "v": ref(mp.npdf(F(x)))} for x in [-30, -3, -0.4, 0, 0.4, 1, 5, 20, 38]]
    # normQuantile: central Halley (p ≥ 0.05), the tail iteration (p < 0.05), both sides of 0.05 and of ½
    ps = [5e-324, 1e-310, 1e-200, 1e-50, 1e-15, 1e-7, 0.001, 0.03, 0.0499, 0.05, 0.0501, 0.08, 0.15, 0.25,
          0.4, 0.49, 0.4999999, 0.5]
    out["normQuantileLower"] = [{"p": p, "v": ref(norm_quantile_lower(p))} for p in ps]
    # p > ½ goes through q = 1 − p, exact there (Sterbenz): the reference is −Φ⁻¹(1 − P) at that q
    out["normQuantileUpper"] = [{"p": 1 - q, "v": ref(-norm_quantile_lower(1 - (1 - q)))} for q in
                                [1e-15, 1e-7, 0.001, 0.03, 0.0499, 0.05, 0.0501, 0.08, 0.25, 0.4, 0.49]]
    # lgamma: each range and both sides of each boundary (0.5, 1.5, 2.5, 3.5, 10)
    out["lgamma"] = [{"x": x, "v": ref(mp.loggamma(F(x)))} for x in
                     [1e-20, 0.01, 0.3, 0.49, 0.51, 0.7, 0.95, 1.05, 1.2, 1.49, 1.51, 1.7, 1.99, 2.01, 2.3,
                      2.5, 2.51, 3, 3.2, 3.49, 3.51, 4, 5.5, 7.25, 9.99, 10, 10.01, 12.5, 30, 1e3, 1e8]]
    out["gamma"] = [{"x": x, "v": ref(mp.gamma(F(x)))} for x in
                    [1e-300, 0.01, 0.3, 0.49, 0.51, 0.9, 1.2, 1.49, 1.51, 1.9, 2.2, 2.5, 2.51, 3, 3.3, 4.5,
                     7.7, 9.99, 10, 10.01, 14.5, 30.5, 60.25, 171.6, -1e-300, -0.3, -0.99, -1.5, -3.25,
                     -10.3, -20.5, -100.5, -170.5]]
    # reflection next to negative integers, where sinPi's reduction matters: r = x − 2·round(x/2) near ±1
    out["gammaNearPoles"] = [{"x": x, "v": ref(mp.gamma(F(x)))} for x in
                             [-1.001, -1.0000001, -0.999, -2.999, -3.0001, -5.00001, -6.9999]]
    bi = []
    for a, b, x in [
        # both small: direct prefactor on both sides of the switch, and the log route (direct < 1e-290)
        (0.3, 0.4, 0.01), (0.3, 0.4, 0.2), (0.3, 0.4, 0.6), (0.3, 0.4, 0.97), (2.5, 4, 0.05), (2.5, 4, 0.3),
        (2.5, 4, 0.45), (2.5, 4, 0.9), (9.5, 9.5, 0.5), (9.5, 9.5, 0.3), (9.99, 2, 0.8), (5, 3, 1e-59),
        (5, 3, 0.999999), (3, 5, 1 - 2 ** -40), (0.5, 8, 1e-300), (4, 0.5, 1e-72),
        # one large (10 or more) and one small: Stirling ratio, both sides, and the log route
        (10, 2, 0.5), (10, 2, 0.9), (10, 9.99, 0.4), (9.99, 10, 0.6), (40, 0.5, 0.99), (40, 0.5, 0.9),
        (0.5, 40, 0.01), (0.5, 40, 0.05), (1e4, 3, 0.9997), (3, 1e4, 2e-4), (50, 3, 1e-6), (60, 2.5, 1e-5),
        (2.5, 60, 1 - 1e-5), (1e6, 0.7, 0.999999), (25, 1, 0.97), (1, 25, 0.03),
        # both large: near the mode (log1pmx) and far from it (|x/x0 − 1| > ½), both sides
        (10, 10, 0.5), (10, 10, 0.2), (10, 10, 0.8), (10, 10, 0.05), (10, 10, 0.97), (20, 30, 0.1),
        (20, 30, 0.19), (20, 30, 0.21), (20, 30, 0.35), (20, 30, 0.45), (20, 30, 0.7), (20, 30, 0.61),
        (20, 30, 0.59), (100, 10, 0.5), (100, 10, 0.95), (10, 100, 0.02), (10, 100, 0.2), (500, 500, 0.45),
        (500, 500, 0.56), (1e4, 2e4, 0.33), (1e4, 2e4, 0.34), (300, 20, 0.6), (300, 20, 0.999),
        (15, 12, 1e-12), (15, 12, 1 - 1e-9),
        # a parameter of exactly 10 or 9.99 beside a huge one, and the direct/logarithmic switch of the
        # one-large route (4.9e-308 is still a normal double)
        (1e6, 10, 1 - 1e-8), (10, 1e4, 4 / 60), (0.3, 10, 0.1), (9.99, 300, 55 / 60), (9.99, 300, 1 / 30),
    ]:
        A, B, X = F(a), F(b), F(x)
        p, q = beta_inc_pq(a, b, x)
        with mp.workdps(60):
            # cross-check against mpmath's own betainc where it converges (it fails at a = 1e4)
            try:
                p2 = mp.betainc(A, B, 0, X, regularized=True)
                assert abs(p2 - p) <= mp.mpf(10) ** -45 * abs(p), (a, b, x, p, p2)
                # the upper tail as I_{1−x}(b, a): betainc(a, b, x, 1) would cancel near x = 1
                q2 = mp.betainc(B, A, 0, 1 - X, regularized=True)
                assert abs(q2 - q) <= mp.mpf(10) ** -45 * abs(q), (a, b, x, q, q2)
            except ValueError:
                pass
        bi.append({"a": a, "b": b, "x": x, "p": ref(p), "q": ref(q)})
    out["betaInc"] = bi
    # lbeta on both routes (both ≥ 10: Stirling; otherwise lgamma sums)
    out["lbeta"] = [{"a": a, "b": b, "v": ref(mp.log(mp.beta(F(a), F(b))))} for a, b in
                    [(10, 10), (10, 9.99), (9.99, 10), (12.5, 300), (1e5, 1e5), (1e8, 30), (0.5, 0.5), (3, 40), (10, 1e4), (1e6, 10)]]

    path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "numeric", "special-mutants.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
