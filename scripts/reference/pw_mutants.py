#!/usr/bin/env python3
"""Reference values for the density route's paths that no other reference reaches (mutation
testing of src/models/pycia-wang/cutoff.ts): a density unbounded at v_lo (tanh-sinh per component,
direct and cumulative forms of the brackets) and F^{n-2} concentrated below a v* at n = 2^20.

Writes fixtures/pw/mutants-reference.json.

Model (Pycia & Wang 2015; see pw_reference.py): G = F^(n-1), v*(r) = F^{-1}(r^(1/(n-1))),
  B(r) = int_{v*}^{hi} (1-F) p dG - int_{lo}^{v*} F p dG,   T2 = -int (F - F^n) dp,   intFn = int F^n dp.

Each distribution is written through a parameter t on [0, 1], x = phi(t), in which F is a
polynomial, so every integrand is smooth:
  Beta(1/2, 2): x = t^2, F = (3/2)t - (1/2)t^3 (the density (3/4)x^(-1/2)(1-x) becomes smooth);
  Beta(2, 2):   x = t,   F = 3t^2 - 2t^3.
Shares are the exact doubles the tests pass (mpf(float)).

Two routes per bracket, at mp.dps = 40, which must agree to 30 digits:
  A: the definition above, in t, split at t*, and where 1 - F = 2^j/n (j = -4..12) for large n;
  B: integration by parts (pw_reference.py's identity (T2-5)):
     B(r) = hi/n - r v* - int_{v*}^{hi} F^(n-1) dp + ((n-1)/n) int F^n dp,
  and T2 as mean - E[max] = mean - hi + intFn against -int (F - F^n) dp.
mpmath.quad (tanh-sinh) on every piece.

Usage: python3 scripts/reference/pw_mutants.py [--out fixtures/pw/mutants-reference.json]
"""
import argparse
import json

from mpmath import mp, mpf, findroot, quad


def dist_beta_half_2():
    return {
        "spec": {"kind": "beta", "a": 0.5, "b": 2, "lo": 0, "hi": 1},
        "x": lambda t: t * t,
        "dx": lambda t: 2 * t,
        "F": lambda t: mpf(3) / 2 * t - t**3 / 2,
        "dF": lambda t: mpf(3) / 2 * (1 - t * t),
        "mean": mpf(1) / 5,
    }


def dist_beta_2_2():
    return {
        "spec": {"kind": "beta", "a": 2, "b": 2, "lo": 0, "hi": 1},
        "x": lambda t: t,
        "dx": lambda t: mpf(1),
        "F": lambda t: 3 * t * t - 2 * t**3,
        "dF": lambda t: 6 * t * (1 - t),
        "mean": mpf(1) / 2,
    }


def t_of_F(d, u):
    """t with F(t) = u (F increasing on [0, 1]), by bisection then Newton."""
    if u <= 0:
        return mpf(0)
    if u >= 1:
        return mpf(1)
    a, b = mpf(0), mpf(1)
    for _ in range(60):
        m = (a + b) / 2
        if d["F"](m) < u:
            a = m
        else:
            b = m
    return findroot(lambda t: d["F"](t) - u, (a + b) / 2, tol=mpf(10) ** (-mp.dps + 3))


def splits(d, n, extra):
    pts = {mpf(0), mpf(1)}
    for e in extra:
        pts.add(e)
    if n > 16:
        for j in range(-4, 13):
            q = mpf(2) ** j / n
            if q < 1:
                pts.add(t_of_F(d, 1 - q))
    return sorted(pts)


def integ(fn, pts, a, b):
    ps = [a] + [p for p in pts if a < p < b] + [b]
    return sum(quad(fn, [ps[i], ps[i + 1]]) for i in range(len(ps) - 1))


def market(d, n, shares):
    n = mpf(n)
    F, dF, x, dx = d["F"], d["dF"], d["x"], d["dx"]
    ustar = {r: (mpf(r) ** (1 / (n - 1)) if r > 0 else mpf(0)) for r in shares}
    tstar = {r: t_of_F(d, ustar[r]) for r in shares}
    pts = splits(d, int(n), list(tstar.values()))
    intFn = integ(lambda t: F(t) ** n * dx(t), pts, 0, 1)
    T2 = -integ(lambda t: (F(t) - F(t) ** n) * dx(t), pts, 0, 1)
    T2b = d["mean"] - 1 + intFn  # hi = 1
    out = {"brackets": [], "vStar": []}
    worst = abs(T2 - T2b) / abs(T2)
    for r in shares:
        ts = tstar[r]
        g = lambda t: (n - 1) * F(t) ** (n - 2) * dF(t)
        A = integ(lambda t: (1 - F(t)) * x(t) * g(t), pts, ts, 1) - integ(lambda t: F(t) * x(t) * g(t), pts, 0, ts)
        B = 1 / n - mpf(r) * x(ts) - integ(lambda t: F(t) ** (n - 1) * dx(t), pts, ts, 1) + (n - 1) / n * intFn
        worst = max(worst, abs(A - B) / max(abs(A), mpf(10) ** -30))
        out["brackets"].append(A)
        out["vStar"].append(x(ts))
    return out, intFn, T2, worst


def val(x):
    return {"dec": mp.nstr(x, 30), "dbl": float(x)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="fixtures/pw/mutants-reference.json")
    args = ap.parse_args()
    mp.dps = 40
    cases = [
        ("beta-half-2-n5", dist_beta_half_2(), 5, [0.4, 0.3, 0.2, 0.1, 0.0]),
        # 40 distinct shares: the cumulative form (more than DIRECT_MAX = 32); 0 and 1 reach
        # both ends of its P(v*) lookup. Not a market (they need not sum to 1): every bracket is
        # defined for any r in [0, 1], and T1 of these groups is the sum of their brackets.
        ("beta-half-2-n40-groups", dist_beta_half_2(), 40, [0.0, 1.0] + [k / 100 for k in range(1, 39)]),
        ("beta-2-2-n2^20-equal", dist_beta_2_2(), 2**20, [2.0**-20]),
    ]
    res = []
    for cid, d, n, shares in cases:
        o, intFn, T2, worst = market(d, n, shares)
        digits = float(-mp.log10(worst)) if worst > 0 else 99.0
        assert digits >= 30, (cid, digits)
        print(cid, "agree digits", round(digits, 1))
        res.append({
            "id": cid, "n": n, "dist": d["spec"], "shares": shares,
            "brackets": [val(b) for b in o["brackets"]], "vStar": [val(v) for v in o["vStar"]],
            "intFn": val(intFn), "T2": val(T2), "mean": val(d["mean"]), "agreeDigits": round(digits, 1),
        })
    doc = {
        "generatedBy": "scripts/reference/pw_mutants.py",
        "method": "mpmath tanh-sinh at 40 digits in a parameter t where F is a polynomial; brackets by definition and by parts (must agree to 30 digits)",
        "markets": res,
    }
    with open(args.out, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
