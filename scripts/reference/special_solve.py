#!/usr/bin/env python3
"""Reference roots of the incomplete beta function for betaIncInv / betaIncCInv (src/numeric/special.ts),
computed with mpmath at 100 digits, independently of special.ts's solver.

  python3 scripts/reference/special_solve.py     writes fixtures/numeric/special-solve.json

For each case (a, b, t, upper) the root x of I_x(a, b) = t (upper = False) or of
1 − I_x(a, b) = I_{1−x}(b, a) = t (upper = True) is found, on the side whose tail is at most ½, at 100 digits by Newton's
method on ln I against ln x, with I from special_mutants.py's series (DLMF 8.17.8, positive terms, not
mpmath's betainc), started from SciPy's betaincinv (or, in a far tail where SciPy underflows, from the
tail's leading term I ≈ x^a/(a·B)), and checked: the last step is below 1e-60 in ln x, and mp.betainc
at the root agrees where it converges. The points are those where a path mutant of betaIncSolve moves x by more than the test's
bound (test/numeric/special-solve-mutants.test.ts).
"""
import json
import os
import sys

import mpmath as mp
from scipy import special as sps

sys.path.insert(0, os.path.dirname(__file__))
from special_mutants import F, beta_inc_pq_mp, ref  # noqa: E402

mp.mp.dps = 50

# (a, b, t, upper): the root of I = t (upper False) or 1 − I = t (upper True); t is a double
CASES = [
    (3000, 3000, 1e-300, False),
    (3000, 300, 1e-30, True),
    (0.05, 0.05, 1e-300, False),
    (300, 0.05, 0.9, False),
    (60, 300, 0.99, True),
    (0.05, 1.5, 0.0501, True),
    (3000, 15, 1e-200, True),
    (0.05, 5, 0.03, True),
    (0.2, 3000, 0.999, True),
    (300, 0.7, 0.03, True),
    (0.05, 2.5, 0.95, False),
    (0.2, 15, 0.0499, True),
    (0.7, 300, 0.03, False),
    (0.05, 3000, 0.03, True),
    (0.05, 0.05, 1e-300, True),
    (0.05, 60, 0.03, True),
    (300, 3000, 1e-300, True),
    (0.2, 0.5, 1e-300, False),
    (300, 60, 0.999, False),
    (300, 0.05, 1e-300, True),
    (0.05, 300, 0.999999999999, True),
    (0.05, 300, 0.01, False),
    (0.05, 0.05, 0.2, False),
    (0.05, 1.5, 0.999999, False),
    (2.5, 300, 0.999999999, True),
]


def lower_root(A, B, T):
    """x with I_x(A, B) = T at the current precision: Newton on ln I against ln x (exact for a pure power
    x^A, so it converges from a far-tail start), from SciPy's betaincinv or, where that underflows, the
    tail's leading term I ≈ x^A/(A·B(A, B))."""
    lnB = mp.log(mp.beta(A, B))
    x0 = float(sps.betaincinv(float(A), float(B), float(T)))
    u = mp.log(x0) if 0 < x0 < 1 else (mp.log(T) + mp.log(A) + lnB) / A
    for _ in range(200):
        x = mp.exp(u)
        g, _q = beta_inc_pq_mp(A, B, x)
        xpdf = mp.exp(A * u + (B - 1) * mp.log(1 - x) - lnB)  # x·I'(x)
        step = (mp.log(g) - mp.log(T)) / (xpdf / g)
        # keep x inside (0, 1)
        while u - step >= 0:
            step = step / 2 if step < 0 else u / 2 + step / 2
        u -= step
        if abs(step) < mp.mpf(10) ** -75:
            break
    assert abs(step) < mp.mpf(10) ** -60, (A, B, T, u, step)
    return mp.exp(u)


def root(a, b, t, upper):
    """x with I_x(a, b) = t (upper False) or 1 − I_x(a, b) = t (upper True). With the lower tail
    P = I_x(a, b) (t or 1 − t, exact at 100 digits) and its complement Q = 1 − P = I_{1−x}(b, a), the
    root is solved on the side whose tail is at most ½, so it is never formed as 1 − (1 − x)."""
    with mp.workdps(100):
        A, B, T = F(a), F(b), F(t)
        P, Q = (1 - T, T) if upper else (T, 1 - T)
        if P <= Q:
            z, (A_, B_, S) = lower_root(A, B, P), (A, B, P)
        else:
            z, (A_, B_, S) = lower_root(B, A, Q), (B, A, Q)
        try:
            with mp.workdps(60):
                chk = mp.betainc(A_, B_, 0, z, regularized=True)
            assert abs(chk - S) <= mp.mpf(10) ** -40 * S, (a, b, t, upper, chk)
        except ValueError:
            pass
        return +(z if P <= Q else 1 - z)


def main():
    out = {"generator": "scripts/reference/special_solve.py (mpmath %s, 100 digits)" % mp.__version__, "cases": []}
    for a, b, t, upper in CASES:
        out["cases"].append({"a": a, "b": b, "t": t, "upper": upper, "x": ref(root(a, b, t, upper))})
    path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "numeric", "special-solve.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
