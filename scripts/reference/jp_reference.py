#!/usr/bin/env python3
"""High-precision reference cutoffs for Jackson & Palfrey (1996), Section 4 (mechcheck, catalogue
section JP), found by a route that shares nothing with src/models/jackson-palfrey/efficient.ts:
the cutoffs that make the gradient of total surplus vanish, not recursion (3) or eq. (4).

Writes fixtures/jp/efficient-reference.json.

Model (Section 3): buyers are uniform pieces (lo, hi, mass) plus an atom at 0; sellers are atoms
(value, mass); B_1(1) = S_1(1). A cutoff rule trades seller atom j with buyers b >= beta_t[j].
Evolution, eqs. (1)-(2): a buyer at b trades with probability sum_{j: beta_j <= b} sigma_j / S_t(1);
seller j with probability (buyer mass above beta_j) / B_t(1). Total surplus, price-free form:
W = sum_t delta^(t-1) sum_j sigma_j^t int_{b >= beta_t[j]} (b - s_j) dB_t / B_t(1).

Method: W is evaluated exactly (piecewise-uniform buyers stay piecewise uniform; all integrals are
polynomials) in mpmath at 50 digits. A coarse grid search in the free cutoffs (period t < T for
the sellers at 0 under homogeneous sellers; period 1 for every atom with T = 2) gives a start,
SciPy's Nelder-Mead on W (20 digits) polishes it, and mpmath.findroot solves grad W = 0
(derivatives by mpmath.diff) from there; a cutoff the polish puts at 1 (no trade) is a corner and
is held at 1. The last period trades
whenever b >= s (beta_T(s) = s), as Theorems 1-2 state and as is obvious (no later period).

Self-checks, recorded in the JSON: the Hessian is negative definite at the answer (a maximum), the
gradient's norm is below 1e-30, and every answer's W is at least the grid search's best.

Usage: python3 scripts/reference/jp_reference.py [--out fixtures/jp]
"""
import argparse
import itertools
import json
import os

import mpmath as mp

mp.mp.dps = 50


def evolve_surplus(buyers, atom0, sellers, betas, delta):
    """W of the cutoff rule betas[t][j] (t = 0..T-1). buyers: list of (lo, hi, density)."""
    pieces = [(mp.mpf(lo), mp.mpf(hi), mp.mpf(d)) for lo, hi, d in buyers]
    a0 = mp.mpf(atom0)
    sig = [mp.mpf(m) for _, m in sellers]
    vals = [mp.mpf(v) for v, _ in sellers]
    W = mp.mpf(0)
    for t, beta in enumerate(betas):
        beta = [mp.mpf(b) for b in beta]
        # cut the pieces at every cutoff so each piece is traded by a fixed set of sellers
        cuts = sorted(set(b for b in beta if 0 < b < 1))
        new = []
        for lo, hi, d in pieces:
            pts = [lo] + [c for c in cuts if lo < c < hi] + [hi]
            new += [(pts[k], pts[k + 1], d) for k in range(len(pts) - 1)]
        pieces = new
        B = a0 + sum((hi - lo) * d for lo, hi, d in pieces)
        S = sum(sig)
        if B <= 0 or S <= 0:
            break
        # surplus of the period, and the trades
        w = mp.mpf(0)
        q = [mp.mpf(0)] * len(sig)
        for j in range(len(sig)):
            bj, sj = beta[j], vals[j]
            for lo, hi, d in pieces:
                if lo >= bj:
                    m = (hi - lo) * d
                    q[j] += m
                    w += sig[j] * m * ((lo + hi) / 2 - sj)
            if bj <= 0:
                q[j] += a0
                w += sig[j] * a0 * (0 - sj)
        W += delta ** t * w / B
        r = lambda b: sum(sig[j] for j in range(len(sig)) if beta[j] <= b) / S
        pieces = [(lo, hi, d * (1 - r(lo))) for lo, hi, d in pieces]
        a0 = a0 * (1 - r(mp.mpf(0)))
        sig = [sig[j] * (1 - q[j] / B) for j in range(len(sig))]
    return W


def solve(case):
    buyers, atom0, sellers, T, delta = case['buyers'], case['atom0'], case['sellers'], case['T'], mp.mpf(case['delta'])
    vals = [v for v, _ in sellers]
    homogeneous = all(v in (0, 1) for v in vals)
    last = [mp.mpf(v) for v in vals]

    if homogeneous:
        j0 = vals.index(0)

        def rule(x):
            rows = []
            for t in range(T - 1):
                rows.append([x[t] if j == j0 else mp.mpf(1) for j in range(len(vals))])
            return rows + [last]
        dim = T - 1
    else:
        assert T == 2

        def rule(x):
            return [list(x), last]
        dim = len(vals)

    W = lambda *x: evolve_surplus(buyers, atom0, sellers, rule(list(x)), delta)
    # coarse grid start (floats are enough to land in the basin)
    g = {1: 200, 2: 40, 3: 16, 4: 8}[dim]
    best, bx = None, None
    grid = [mp.mpf(k) / g for k in range(g + 1)]
    if homogeneous:
        # Corollary 1(i): cutoffs decrease; search that cone only
        cands = (x for x in itertools.product(grid, repeat=dim) if all(x[k] > x[k + 1] for k in range(dim - 1)))
    else:
        cands = (x for x in itertools.product(grid, repeat=dim) if all(x[k] >= vals[k] for k in range(dim)))
    for x in cands:
        w = W(*x)
        if best is None or w > best:
            best, bx = w, x
    # polish the start with Nelder-Mead on W at 20 digits (bounded), so Newton starts in its basin
    from scipy.optimize import minimize
    lo_b = [0.0 if homogeneous else float(vals[k]) for k in range(dim)]

    def negW(xf):
        xs = [min(max(float(v), lo_b[k]), 1.0) for k, v in enumerate(xf)]
        with mp.workdps(20):
            return -float(W(*[mp.mpf(v) for v in xs]))
    nm = minimize(negW, [float(v) for v in bx], method='Nelder-Mead', options={'xatol': 1e-11, 'fatol': 1e-16, 'maxiter': 4000})
    xs = [min(max(float(v), lo_b[k]), 1.0) for k, v in enumerate(nm.x)]
    # a cutoff at 1 is a corner (no trade): hold it there, the others solve grad W = 0
    free = [k for k in range(dim) if xs[k] < 1 - 1e-7]
    full = lambda y: tuple(mp.mpf(y[free.index(k)]) if k in free else mp.mpf(1) for k in range(dim))
    grad = lambda *y: [mp.diff(lambda z: W(*(full(y)[:k] + (z,) + full(y)[k + 1:])), full(y)[k]) for k in free]
    x0 = [mp.mpf(xs[k]) for k in free]
    if len(free) > 1:
        r = mp.findroot(grad, x0, tol=mp.mpf(10) ** -40)
        sol_free = [r[k] for k in range(len(free))]
    else:
        sol_free = [mp.findroot(lambda y: grad(y)[0], x0[0], tol=mp.mpf(10) ** -40)]
    sol = list(full(sol_free))
    gnorm = max(abs(v) for v in grad(*sol_free))
    nf = len(free)
    Wf = lambda *y: W(*full(y))
    H = mp.matrix(nf, nf)
    for a in range(nf):
        for b in range(nf):
            H[a, b] = mp.diff(Wf, sol_free, tuple(1 if k in (a, b) and a != b else (2 if k == a == b else 0) for k in range(nf)))
    eig = mp.eigsy(H)[0] if nf > 1 else [H[0, 0]]
    Wsol = W(*sol)
    return {
        'cutoffs': [mp.nstr(v, 30) for v in sol],
        'surplus': mp.nstr(Wsol, 30),
        'checks': {
            'gradNorm': mp.nstr(gnorm, 5),
            'hessianMaxEigenvalue': mp.nstr(max(eig), 10),
            'gridBest': mp.nstr(best, 20),
            'atLeastGrid': bool(Wsol >= best),
        },
    }


def cases():
    out = []
    for m in ['0.3', '0.6', '0.9']:
        for T in [2, 3, 4, 5]:
            out.append({'name': f'uniform buyers, m = {m} at 0, T = {T}', 'buyers': [(0, 1, 1)], 'atom0': 0,
                        'sellers': [(0, mp.mpf(m)), (1, 1 - mp.mpf(m))], 'T': T, 'delta': 1})
    # piecewise-uniform buyers with an atom at 0 (total mass 1: 0.1 + 0.3 + 0.6)
    out.append({'name': 'two pieces and an atom at 0, m = 0.5, T = 4', 'buyers': [(0, '0.4', '0.75'), ('0.4', 1, 1)], 'atom0': '0.1',
                'sellers': [(0, mp.mpf('0.5')), (1, mp.mpf('0.5'))], 'T': 4, 'delta': 1})
    for d in ['1', '0.8', '0.5']:
        out.append({'name': f'uniform buyers, sellers at 0, 0.2, 0.5, T = 2, delta = {d}', 'buyers': [(0, 1, 1)], 'atom0': 0,
                    'sellers': [(0, mp.mpf('0.3')), (mp.mpf('0.2'), mp.mpf('0.3')), (mp.mpf('0.5'), mp.mpf('0.4'))], 'T': 2, 'delta': d})
    out.append({'name': 'Theorem 2 reduction, m = 1/2, s = 0, delta = 0.8', 'buyers': [(0, 1, 1)], 'atom0': 0,
                'sellers': [(0, mp.mpf('0.5')), (1, mp.mpf('0.5'))], 'T': 2, 'delta': '0.8'})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'jp'))
    args = ap.parse_args()
    rows = []
    for c in cases():
        r = solve(c)
        rows.append({
            'name': c['name'],
            'buyers': [[str(lo), str(hi), str(d)] for lo, hi, d in c['buyers']],
            'atom0': str(c['atom0']),
            'sellers': [[str(v), mp.nstr(m, 30)] for v, m in c['sellers']],
            'T': c['T'],
            'delta': str(c['delta']),
            **r,
        })
        print(c['name'], r['cutoffs'][:3], r['checks'])
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, 'efficient-reference.json'), 'w') as f:
        json.dump({'source': 'scripts/reference/jp_reference.py (mpmath, 50 digits): grad W = 0 from a grid start', 'cases': rows}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
