#!/usr/bin/env python3
"""References for the gkRun tests (quadrature.ts lines 496-724) in test/numeric/quadrature-mutants.test.ts.

  python3 scripts/reference/quadrature_gkrun.py   writes fixtures/numeric/quadrature-gkrun.json

50-digit mpmath closed forms (sine integral Si, arctan) of integrands that have a removable 0/0 at
one Kronrod node, so that the quadrature has to route around it.
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50
XK0 = 0.9956571630258081  # outermost Kronrod node of [-1, 1], as a double (float arithmetic below mirrors gk21's)


def ref(v):
    v = mp.mpf(v)
    return {"s": mp.nstr(v, 50), "d": float(v)}


def main():
    # the outermost right node of the child [0.5, 1] of [0, 1]: c + h·x with c = 0.75, h = 0.25, in doubles
    x_child = 0.75 + 0.25 * XK0
    X1 = mp.mpf(x_child)
    # the node of [0, 1] used by quadrature_mutants.py's "sinc-at-node"
    x_piece = 0.5 + 0.5 * XK0
    X2 = mp.mpf(x_piece)
    # the outermost right node of [0.5, 0.75], a child of [0.5, 1] (at the piece's end only)
    x_grand = 0.625 + 0.125 * XK0
    X3 = mp.mpf(x_grand)
    data = {
        # ∫_0^1 sin(x − x3)/(x − x3) + |x − 0.6| dx = Si(1 − x3) + Si(x3) + (0.6² + 0.4²)/2
        "sinc-grandchild-kink": {"x0": x_grand, "exact": ref(mp.si(1 - X3) + mp.si(X3) + (mp.mpf("0.6") ** 2 + mp.mpf("0.4") ** 2) / 2)},
        "generator": "scripts/reference/quadrature_gkrun.py (mpmath %s)" % mp.__version__,
        # ∫_0^1 sin(x − x1)/(x − x1) + 1/(1 + 25x²) dx = Si(1 − x1) + Si(x1) + atan(5)/5
        "sinc-child-runge": {"x0": x_child, "exact": ref(mp.si(1 - X1) + mp.si(X1) + mp.atan(5) / 5)},
        # ∫_0^2 sin(x − x2)/(x − x2) + |x − 1.3| dx = Si(2 − x2) + Si(x2) + (1.3² + 0.7²)/2
        "sinc-piece-kink": {"x0": x_piece, "exact": ref(mp.si(2 - X2) + mp.si(X2) + (mp.mpf("1.3") ** 2 + mp.mpf("0.7") ** 2) / 2)},
    }
    path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "numeric", "quadrature-gkrun.json")
    with open(path, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
