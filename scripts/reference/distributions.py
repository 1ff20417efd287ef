#!/usr/bin/env python3
"""Reference values for src/distributions (test/distributions/reference.test.ts).

Every value is computed with mpmath at 50 significant digits and then rounded once
to the nearest double (float(mpf)), so a test can compare a double computation
against the correctly rounded answer.

Quantiles are computed for *double* inputs u (the exact binary value of the double,
e.g. 1 - 2**-40 rather than the decimal 1 - 1e-12), so the test asks for exactly the
number the fixture answers.

Run:  python3 scripts/reference/distributions.py > fixtures/distributions/reference.json
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 50
mpf = mp.mpf

# ---------------------------------------------------------------------------
# Families: each returns dict with cdf, sf, pdf (callables on mpf), lo, hi, mean,
# and optionally 'breaks' (interior points where the pdf is not smooth).


def uniform(lo, hi):
    lo, hi = mpf(lo), mpf(hi)
    w = hi - lo
    return dict(
        cdf=lambda x: min(max((x - lo) / w, 0), 1),
        sf=lambda x: min(max((hi - x) / w, 0), 1),
        pdf=lambda x: 1 / w if lo <= x <= hi else mpf(0),
        lo=lo, hi=hi, mean=(lo + hi) / 2)


def beta(a, b, lo, hi):
    a, b, lo, hi = mpf(a), mpf(b), mpf(lo), mpf(hi)
    w = hi - lo
    B = mp.beta(a, b)

    def cdf(x):
        t = (x - lo) / w
        if t <= 0:
            return mpf(0)
        if t >= 1:
            return mpf(1)
        return mp.betainc(a, b, 0, t, regularized=True)

    def sf(x):
        t = (x - lo) / w
        if t <= 0:
            return mpf(1)
        if t >= 1:
            return mpf(0)
        # I_{1-t}(b, a), not betainc(a, b, t, 1): mpmath forms the latter as 1 − I_t(a, b),
        # which cancels to 0 at 50 digits when the upper tail is below 1e-50.
        return mp.betainc(b, a, 0, (hi - x) / w, regularized=True)

    def pdf(x):
        t = (x - lo) / w
        if t < 0 or t > 1:
            return mpf(0)
        if (t == 0 and a < 1) or (t == 1 and b < 1):
            return mp.inf
        return t ** (a - 1) * (1 - t) ** (b - 1) / B / w

    return dict(cdf=cdf, sf=sf, pdf=pdf, lo=lo, hi=hi, mean=lo + w * a / (a + b))


def _normD(a, b):
    """P(a < Z < b) for standard normal Z, without cancellation at 50 digits."""
    if a >= 0:
        return (mp.erfc(a / mp.sqrt(2)) - mp.erfc(b / mp.sqrt(2))) / 2
    if b <= 0:
        return _normD(-b, -a)
    return (mp.erf(b / mp.sqrt(2)) - mp.erf(a / mp.sqrt(2))) / 2


def truncated_normal(mu, sd, lo, hi):
    mu, sd, lo, hi = mpf(mu), mpf(sd), mpf(lo), mpf(hi)
    al, be = (lo - mu) / sd, (hi - mu) / sd
    Z = _normD(al, be)
    phi = lambda t: mp.exp(-t * t / 2) / mp.sqrt(2 * mp.pi)

    def cdf(x):
        if x <= lo:
            return mpf(0)
        if x >= hi:
            return mpf(1)
        return _normD(al, (x - mu) / sd) / Z

    def sf(x):
        if x <= lo:
            return mpf(1)
        if x >= hi:
            return mpf(0)
        return _normD((x - mu) / sd, be) / Z

    def pdf(x):
        if x < lo or x > hi:
            return mpf(0)
        return phi((x - mu) / sd) / (sd * Z)

    mean = mu + sd * (phi(al) - phi(be)) / Z
    return dict(cdf=cdf, sf=sf, pdf=pdf, lo=lo, hi=hi, mean=mean)


def density(f, lo, hi, breaks=()):
    lo, hi = mpf(lo), mpf(hi)
    pts = [lo] + [mpf(b) for b in breaks] + [hi]
    Z = mp.quad(f, pts)

    def integral(a, b):
        inner = [p for p in pts if a < p < b]
        return mp.quad(f, [a] + inner + [b])

    def cdf(x):
        if x <= lo:
            return mpf(0)
        if x >= hi:
            return mpf(1)
        return integral(lo, x) / Z

    def sf(x):
        if x <= lo:
            return mpf(1)
        if x >= hi:
            return mpf(0)
        return integral(x, hi) / Z

    def pdf(x):
        if x < lo or x > hi:
            return mpf(0)
        return f(x) / Z

    mean = mp.quad(lambda x: x * f(x), pts) / Z
    return dict(cdf=cdf, sf=sf, pdf=pdf, lo=lo, hi=hi, mean=mean, breaks=list(breaks), Z=Z)


def piecewise_uniform(pieces):
    pieces = sorted(((mpf(a), mpf(b), mpf(w)) for a, b, w in pieces))
    W = sum(w for _, _, w in pieces)

    def cdf(x):
        s = mpf(0)
        for a, b, w in pieces:
            if x >= b:
                s += w
            elif x > a:
                s += w * (x - a) / (b - a)
        return s / W

    def sf(x):
        return 1 - cdf(x)  # exact arithmetic at 50 digits: no cancellation worth caring about

    def pdf(x):
        # right-continuous at shared boundaries: the piece that starts at x
        for a, b, w in reversed(pieces):
            if a <= x <= b and w > 0:
                return w / W / (b - a)
        return mpf(0)

    mean = sum(w * (a + b) / 2 for a, b, w in pieces) / W
    live = [(a, b) for a, b, w in pieces if w > 0]
    return dict(cdf=cdf, sf=sf, pdf=pdf, lo=live[0][0], hi=live[-1][1], mean=mean)


def atoms(points):
    """Point masses [value, weight]; quantiles are the generalised inverse (smallest atom with F ≥ u)."""
    pts = sorted((mpf(x), mpf(w)) for x, w in points if w > 0)
    W = sum(w for _, w in pts)
    return dict(
        cdf=lambda x: sum(w for v, w in pts if v <= x) / W,
        sf=lambda x: sum(w for v, w in pts if v > x) / W,
        pdf=None,
        lo=pts[0][0], hi=pts[-1][0], mean=sum(v * w for v, w in pts) / W,
        discrete=True,
        invert=lambda u, upper: next(v for v, _ in pts if (sum(w for y, w in pts if y > v) / W <= u if upper else sum(w for y, w in pts if y <= v) / W >= u)))


def mixture(parts):
    W = sum(mpf(w) for w, _ in parts)
    ws = [mpf(w) / W for w, _ in parts]
    ds = [d for _, d in parts]
    return dict(
        cdf=lambda x: sum(w * d['cdf'](x) for w, d in zip(ws, ds)),
        sf=lambda x: sum(w * d['sf'](x) for w, d in zip(ws, ds)),
        pdf=lambda x: sum(w * d['pdf'](x) for w, d in zip(ws, ds)),
        lo=min(d['lo'] for d in ds), hi=max(d['hi'] for d in ds),
        mean=sum(w * d['mean'] for w, d in zip(ws, ds)))


# ---------------------------------------------------------------------------
# Inversion at 50 digits: bisection to a narrow bracket, then Newton.

def invert(d, target, upper=False):
    """x with cdf(x) = target (or sf(x) = target when upper)."""
    if d.get('discrete'):
        return d['invert'](target, upper)
    g = (lambda x: target - d['sf'](x)) if upper else (lambda x: d['cdf'](x) - target)
    a, b = d['lo'], d['hi']
    # Bisect in a scale that resolves tails: first geometric towards the nearer end.
    for _ in range(400):
        m = (a + b) / 2
        if g(m) < 0:
            a = m
        else:
            b = m
        if b - a < mpf(10) ** -30 * max(1, abs(a), abs(b)):
            break
    x = (a + b) / 2
    for _ in range(8):
        p = d['pdf'](x)
        if p == 0:
            break
        x1 = x - g(x) / p
        if not (a <= x1 <= b):
            break
        if abs(x1 - x) < mpf(10) ** -45 * max(1, abs(x)):
            x = x1
            break
        x = x1
    return x


def f64(v):
    """Nearest double; infinities as the strings "Infinity"/"-Infinity" (JSON has no infinities)."""
    v = float(v)
    if v in (float('inf'), float('-inf')):
        return 'Infinity' if v > 0 else '-Infinity'
    return v


def case(name, spec, d, xs, us=(), qs=(), quantiles=True):
    out = dict(name=name, spec=spec, mean=f64(d['mean']), lo=f64(d['lo']), hi=f64(d['hi']), points=[])
    for x in xs:
        X = mpf(x)
        pdf = None if d.get('discrete') else f64(d['pdf'](X))  # no density for atoms
        out['points'].append(dict(x=x, cdf=f64(d['cdf'](X)), sf=f64(d['sf'](X)), pdf=pdf))
    if quantiles:
        out['quantile'] = [dict(u=u, x=f64(invert(d, mpf(u)))) for u in us]
        out['isf'] = [dict(q=q, x=f64(invert(d, mpf(q), upper=True))) for q in qs]
    if 'Z' in d:
        out['normaliser'] = f64(d['Z'])
    return out


US = [1e-12, 1e-6, 0.01, 0.25, 0.5, 0.75, 0.99, 1 - 2.0 ** -20, 1 - 2.0 ** -40]
QS = [1e-12, 1e-6, 0.3]


def grid(lo, hi, n=9):
    lo, hi = float(lo), float(hi)
    w = hi - lo
    xs = [lo + w * k / (n - 1) for k in range(n)]
    xs[-1] = hi
    xs += [lo + w * 1e-10, hi - w * 1e-10, lo + w * 1e-4, hi - w * 1e-4]
    return sorted(set(xs))


def main():
    cases = []

    def add(name, spec, d, extra_x=(), quantiles=True):
        xs = grid(spec_lo(spec, d), spec_hi(spec, d)) + list(extra_x)
        cases.append(case(name, spec, d, sorted(set(xs)), US, QS, quantiles))

    def spec_lo(spec, d):
        return float(d['lo'])

    def spec_hi(spec, d):
        return float(d['hi'])

    add('uniform-01', dict(kind='uniform', lo=0, hi=1), uniform(0, 1))
    add('uniform-shifted', dict(kind='uniform', lo=-2, hi=3.5), uniform(-2, 3.5))

    for a, b, lo, hi in [(2, 3, 0, 1), (0.5, 0.5, 0, 1), (0.3, 2.5, 1, 3), (50, 40, 0, 1), (1, 1, 0, 2), (1, 4, 0, 1), (7.5, 0.8, -1, 1)]:
        add(f'beta-{a}-{b}-[{lo},{hi}]', dict(kind='beta', a=a, b=b, lo=lo, hi=hi), beta(a, b, lo, hi))

    for mu, sd, lo, hi in [(0.5, 0.2, 0, 1), (0, 1, 2, 5), (5, 0.1, 0, 1), (0.5, 1000, 0, 1), (0, 1, -1, 1),
                           (0, 1, 30, 31), (0.9, 0.05, 0, 1), (-0.3, 0.4, 0, 1), (0, 1, -8, 8.5)]:
        add(f'tn-{mu}-{sd}-[{lo},{hi}]', {'kind': 'truncated-normal', 'mean': mu, 'sd': sd, 'lo': lo, 'hi': hi},
            truncated_normal(mu, sd, lo, hi))

    dens = [
        ('0.1+0.1*sin(x)', lambda x: mpf('0.1') + mpf('0.1') * mp.sin(x), 0, 8.4438, ()),
        ('exp(-x^2/2)*(1+x^2)', lambda x: mp.exp(-x ** 2 / 2) * (1 + x ** 2), -1, 2, ()),
        ('x^2', lambda x: x ** 2, 0, 1, ()),
        ('abs(x-0.3)+0.05', lambda x: abs(x - mpf('0.3')) + mpf('0.05'), 0, 1, (mpf('0.3'),)),
        ('exp(-50*(x-0.5)^2)', lambda x: mp.exp(-50 * (x - mpf('0.5')) ** 2), 0, 1, ()),
        ('1/(1+x)', lambda x: 1 / (1 + x), 0, 3, ()),
    ]
    for expr, f, lo, hi, br in dens:
        add(f'density-{expr}-[{lo},{hi}]', dict(kind='density', expr=expr, lo=lo, hi=hi), density(f, lo, hi, br))

    pw = [(0, 0.5, 1), (0.5, 1, 3)]
    add('pwu-spec-example', {'kind': 'piecewise-uniform', 'pieces': [dict(lo=a, hi=b, weight=w) for a, b, w in pw]},
        piecewise_uniform(pw), extra_x=[0.5, 0.25, 0.75])
    pw = [(2, 3, 1), (0, 1, 2), (4, 4.5, 0.5)]  # unsorted, with gaps
    add('pwu-gaps', {'kind': 'piecewise-uniform', 'pieces': [dict(lo=a, hi=b, weight=w) for a, b, w in pw]},
        piecewise_uniform(pw), extra_x=[1.5, 3.5, 1, 2, 3, 4])

    m = mixture([(0.3, beta(2, 5, 0, 1)), (0.7, uniform(0.5, 2))])
    add('mixture-beta-uniform',
        {'kind': 'mixture', 'parts': [{'weight': 0.3, 'dist': {'kind': 'beta', 'a': 2, 'b': 5, 'lo': 0, 'hi': 1}},
                                      {'weight': 0.7, 'dist': {'kind': 'uniform', 'lo': 0.5, 'hi': 2}}]}, m,
        extra_x=[0.5, 1])
    m = mixture([(1, truncated_normal(0.2, 0.1, 0, 1)), (2, truncated_normal(0.8, 0.1, 0, 1))])
    add('mixture-bimodal-tn',
        {'kind': 'mixture', 'parts': [{'weight': 1, 'dist': {'kind': 'truncated-normal', 'mean': 0.2, 'sd': 0.1, 'lo': 0, 'hi': 1}},
                                      {'weight': 2, 'dist': {'kind': 'truncated-normal', 'mean': 0.8, 'sd': 0.1, 'lo': 0, 'hi': 1}}]}, m)

    pts = [(0.3, 1), (-1, 2), (2.5, 0.5), (0.3, 1), (4, 0)]  # a repeated value, a zero weight
    add('atoms', {'kind': 'atoms', 'points': [list(p) for p in pts]}, atoms(pts), extra_x=[0.3, -1, 2.5, 0.29999999999999993])

    json.dump(dict(
        generator='scripts/reference/distributions.py',
        precision='mpmath, 50 significant digits, each value rounded once to double',
        mpmath=mp.__version__,
        cases=cases), sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
