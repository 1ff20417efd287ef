#!/usr/bin/env python3
"""PW.T1.concave, issue #8 item 7: which number is right for `check PW.T1.concave --runs 300
--seed 215` -- the finite difference (-0.829145) or v_j* - v_i* (-0.829251)?

The directional derivative of T1 along e_i - e_j is v_j* - v_i* (each bracket's derivative in
r_k is -v_k*: d/dv* of the bracket is -v* g(v*), dv*/dr = 1/g(v*)). This script computes, at 30
digits with pw_reference.py's distributions and quadrature (independent of the TypeScript model):
  * v_i*, v_j* by safeguarded Newton on F, and their difference;
  * the share at which v_j*(r) has a kink: F(1/6)^2, where the piecewise-uniform part's density
    jumps (7 -> 6 of 45 per sixth);
  * central differences of T1 at steps that straddle that kink (1e-3, 5e-4: both off by ~1.1e-4)
    and that do not (1e-5, 1e-6: off by 3e-8 and 3e-10, i.e. O(h^2) towards v_j* - v_i*).

Usage: python3 scripts/reference/pw_concave_gradient.py      (~25 s)
Measured: v_j* - v_i* = -0.829250592634029568894882; kink at r_j = 0.00507557811927544;
central differences -0.8291365035 (h 1e-3), -0.8291425047 (5e-4), -0.8292506241 (1e-5),
-0.8292505929 (1e-6). The model's v* difference agrees to 1e-16; the difference was wrong.
"""
import os
import sys

from mpmath import mp, mpf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pw_reference as R  # noqa: E402

CASE = {
    "n": 3,
    "shares": [0.99, 0.005, 0.005],
    "dist": {"kind": "mixture", "parts": [
        {"weight": 3, "dist": {"kind": "truncated-normal", "mean": 0.65, "sd": 0.2, "lo": 0, "hi": 1}},
        {"weight": 3, "dist": {"kind": "piecewise-uniform", "pieces": [
            {"lo": 0, "hi": 0.166666666667, "weight": 7},
            {"lo": 0.166666666667, "hi": 0.333333333333, "weight": 6},
            {"lo": 0.333333333333, "hi": 0.5, "weight": 8},
            {"lo": 0.5, "hi": 0.666666666667, "weight": 5},
            {"lo": 0.666666666667, "hi": 0.833333333333, "weight": 13},
            {"lo": 0.833333333333, "hi": 1, "weight": 6}]}},
        {"weight": 1, "dist": {"kind": "density", "expr": "x^2 + 0.01", "lo": 0, "hi": 1}}]},
}


def main():
    mp.dps = 30
    cfg = dict(R.RUNS["A"], dps=30, nested=False)
    prep = R.Prepared(CASE["dist"], cfg)
    d, n = prep.d, CASE["n"]
    sh = [R.num(x) for x in CASE["shares"]]
    vi = R.quantile(d, sh[0] ** (mpf(1) / (n - 1)))
    vj = R.quantile(d, sh[1] ** (mpf(1) / (n - 1)))
    print("v_i* =", vi)
    print("v_j* =", vj)
    print("v_j* - v_i* =", vj - vi)
    join = mpf("0.166666666667")
    print("kink of v_j*(r) at r =", d.cdf(join) ** (n - 1), " f jumps", d.pdf(join - mpf("1e-12")), "->", d.pdf(join + mpf("1e-12")))

    def T1(t):
        return R.market(prep, n, [sh[0] + t, sh[1] - t, sh[2]])["T1"]

    for h in ("1e-3", "5e-4", "1e-5", "1e-6"):
        h = mpf(h)
        c = (T1(h) - T1(-h)) / (2 * h)
        print(f"central difference h = {mp.nstr(h, 3)}: {mp.nstr(c, 12)}  minus (v_j* - v_i*): {mp.nstr(c - (vj - vi), 3)}")


if __name__ == "__main__":
    main()
