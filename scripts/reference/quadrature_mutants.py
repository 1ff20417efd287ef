#!/usr/bin/env python3
"""References for test/numeric/quadrature-mutants.test.ts (mutation testing of quadrature.ts).

  python3 scripts/reference/quadrature_mutants.py   writes fixtures/numeric/quadrature-mutants.json

- "panel": one G10K21 panel by QUADPACK's own dqk21 (SciPy's Fortran QUADPACK, quad with
  limit=1 returns dqk21's result and abserr untouched), plus |K21 - G10| from a 10-point Gauss
  rule whose nodes are the roots of P_10 found by mpmath (not our tables). quad() with limit 1
  must give dqk21's value, and max(dqk21 abserr, |K - G|) as its error on a piece-boundary panel.
- "integral": 50-digit mpmath values of integrals the tests need (closed forms where there are).
"""
import json
import os
import warnings

import mpmath as mp
import numpy as np
from scipy import integrate

mp.mp.dps = 50


def gauss10(f, a, b):
    """G10 on [a, b] in double, nodes/weights from mpmath's roots of P_10 (independent of our tables)."""
    with mp.workdps(40):
        roots = mp.polyroots(mp.taylor(lambda x: mp.legendre(10, x), 0, 10)[::-1], maxsteps=200, extraprec=200)
        nodes = sorted(float(mp.re(r)) for r in roots)
        weights = [float(2 / ((1 - mp.mpf(x) ** 2) * mp.diff(lambda t: mp.legendre(10, t), mp.mpf(x)) ** 2)) for x in nodes]
    c, h = 0.5 * a + 0.5 * b, 0.5 * b - 0.5 * a
    return h * sum(w * f(c + h * x) for x, w in zip(nodes, weights))


PANELS = [
    # id, a, b, python twin of the TypeScript integrand
    ("gauss-cos", 0.0, 2.0, lambda x: np.exp(-x * x) * np.cos(3 * x)),
    ("runge", -1.0, 1.0, lambda x: 1 / (1 + 25 * x * x)),
    ("exp", 0.0, 1.0, np.exp),
    ("sqrt", 0.0, 1.0, np.sqrt),
    ("log", 0.0, 1.0, np.log),
    ("x20", 0.0, 1.0, lambda x: x ** 20),
    ("cos", 0.0, 3.0, np.cos),
    ("cancel-sin", 0.0, 2 * np.pi, np.sin),
]


def panels():
    out = []
    for id_, a, b, f in PANELS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value, abserr = integrate.quad(f, a, b, limit=1, epsabs=1e-300, epsrel=1e-13)[:2]
        g = gauss10(f, a, b)
        out.append({"id": id_, "a": a, "b": b, "value": value, "abserr": abserr, "raw": abs(value - g)})
    return out


def ref(v):
    v = mp.mpf(v)
    return {"s": mp.nstr(v, 50), "d": float(v)}


def integrals():
    x0 = 0.5 + 0.5 * 0.9956571630258081  # the outermost Kronrod node of [0, 1], as the double quad forms
    X0 = mp.mpf(x0)
    phi = lambda x: mp.npdf(x)
    return {
        # sin(x - x0)/(x - x0) is 0/0 = NaN exactly at the Kronrod node x0
        "sinc-at-node": {"x0": x0, "exact": ref(mp.si(1 - X0) + mp.si(X0))},
        # (−∞, 0] with a kink at −1: ∫|x + 1| e^x dx = 2/e
        "kink-left-inf": ref(mp.quad(lambda x: abs(x + 1) * mp.exp(x), [-mp.inf, -1, 0])),
        # (−∞, ∞) with a kink at 1: E|Z − 1| for Z ~ N(0, 1) = 2φ(1) + 1·(2Φ(1) − 1)... checked by quadrature too
        "kink-normal": ref(mp.quad(lambda x: abs(x - 1) * phi(x), [-mp.inf, 1, mp.inf])),
        "kink-normal-closed": ref(2 * phi(1) + (2 * mp.ncdf(1) - 1)),
        # 1/sqrt(1 − x) with the endpoint 1 + 2^-10: ∫_0^1 = 2(√(1+2^-10) − √(2^-10))
        "x-pow-m0.5-right": ref(2 * (mp.sqrt(1 + mp.mpf(2) ** -10) - mp.sqrt(mp.mpf(2) ** -10))),
    }


def main():
    data = {"generator": "scripts/reference/quadrature_mutants.py (mpmath %s, scipy QUADPACK)" % mp.__version__,
            "panels": panels(), "integrals": integrals()}
    path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "numeric", "quadrature-mutants.json")
    with open(path, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
