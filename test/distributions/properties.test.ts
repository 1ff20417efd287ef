/**
 * Internal consistency of every family: the density integrates to 1 and to the CDF, the mean is
 * the first moment, F + (1 − F) = 1, F is monotone, quantile and CDF invert each other (down to
 * u = 1e-12 and 1 − 1e-12), and the conventions for atoms and flat stretches.
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { quad } from '../../src/numeric/index.ts';
import { makeDist } from '../../src/distributions/index.ts';
import { isContinuousSpec } from '../../src/distributions/schema.ts';
import type { Dist, DistSpec } from '../../src/distributions/types.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

const EPS = Number.EPSILON;

const continuous: [string, DistSpec][] = [
  ['uniform', { kind: 'uniform', lo: -2, hi: 3.5 }],
  ['beta(2,3)', { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 }],
  ['beta(0.5,0.5)', { kind: 'beta', a: 0.5, b: 0.5, lo: 0, hi: 1 }],
  ['beta(0.3,2.5) on [1,3]', { kind: 'beta', a: 0.3, b: 2.5, lo: 1, hi: 3 }],
  ['beta(50,40)', { kind: 'beta', a: 50, b: 40, lo: 0, hi: 1 }],
  ['tn central', { kind: 'truncated-normal', mean: 0.5, sd: 0.2, lo: 0, hi: 1 }],
  ['tn right tail', { kind: 'truncated-normal', mean: 0, sd: 1, lo: 2, hi: 5 }],
  ['tn far left (mirrored)', { kind: 'truncated-normal', mean: 5, sd: 0.1, lo: 0, hi: 1 }],
  ['tn 30 sd out', { kind: 'truncated-normal', mean: 0, sd: 1, lo: 30, hi: 31 }],
  ['tn nearly flat', { kind: 'truncated-normal', mean: 0.5, sd: 1000, lo: 0, hi: 1 }],
  ['density sin', { kind: 'density', expr: '0.1+0.1*sin(x)', lo: 0, hi: 8.4438 }],
  ['density x(1-x)', { kind: 'density', expr: 'x*(1-x)', lo: 0, hi: 1 }],
  ['density kink', { kind: 'density', expr: 'abs(x-0.3)+0.05', lo: 0, hi: 1 }],
  ['density peak', { kind: 'density', expr: 'exp(-50*(x-0.5)^2)', lo: 0, hi: 1 }],
  ['density shifted', { kind: 'density', expr: '1 + (x - 100)^2', lo: 100, hi: 101 }],
  ['pwu', { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] }],
  ['pwu gaps', { kind: 'piecewise-uniform', pieces: [{ lo: 2, hi: 3, weight: 1 }, { lo: 0, hi: 1, weight: 2 }, { lo: 4, hi: 4.5, weight: 0.5 }] }],
  [
    'mixture beta+uniform',
    { kind: 'mixture', parts: [{ weight: 0.3, dist: { kind: 'beta', a: 2, b: 5, lo: 0, hi: 1 } }, { weight: 0.7, dist: { kind: 'uniform', lo: 0.5, hi: 2 } }] },
  ],
  [
    'nested mixture',
    {
      kind: 'mixture',
      parts: [
        { weight: 1, dist: { kind: 'truncated-normal', mean: 0.2, sd: 0.1, lo: 0, hi: 1 } },
        { weight: 2, dist: { kind: 'mixture', parts: [{ weight: 1, dist: { kind: 'density', expr: 'x^2', lo: 0, hi: 1 } }, { weight: 1, dist: { kind: 'uniform', lo: 1, hi: 2 } }] } },
      ],
    },
  ],
];

const quadOpts = (d: Dist) => ({
  points: d.breakpoints,
  epsabs: 0,
  epsrel: 1e-13,
  limit: 2000,
  method: d.singularAt.lo || d.singularAt.hi ? ('auto' as const) : ('gk' as const),
});

describe.each(continuous)('%s', (_name, spec) => {
  const d = makeDist(spec);
  const { lo, hi } = d;
  const w = hi - lo;
  const grid = Array.from({ length: 2001 }, (_, i) => (i === 2000 ? hi : lo + (w * i) / 2000));

  test('is continuous', () => {
    expect(d.discrete).toBe(false);
    expect(isContinuousSpec(spec)).toBe(true);
    expect(d.atoms).toEqual([]);
  });

  // A density unbounded at an end far from 0 (Beta(0.3, ·) on [1, 3]) cannot be integrated in x:
  // the doubles next to 1 are 1.1e-16 apart, and ∫ over the last such gap of t^−0.7 is 1e-5;
  // nearer than 1e-3·w the quadrature nodes' own rounding (ulp(1)/(x − 1)) shows at 1e-13.
  // So singular ends are cut at δ = 1e-3·w and the piece beyond is taken from the CDF/SF there.
  const cutLo = d.singularAt.lo ? lo + 1e-3 * w : lo;
  const cutHi = d.singularAt.hi ? hi - 1e-3 * w : hi;
  const massBeyond = (d.singularAt.lo ? d.cdf(cutLo) : 0) + (d.singularAt.hi ? d.sf(cutHi) : 0);

  test('pdf integrates to 1', () => {
    const r = quad(d.pdf, cutLo, cutHi, quadOpts(d));
    // quadrature asked for 1e-13 relative; plus its own error estimate
    expect(Math.abs(r.value + massBeyond - 1)).toBeLessThanOrEqual(2e-13 + r.abserr);
  });

  test('cdf is the running integral of pdf, and mean the first moment', () => {
    for (const x of [lo + 0.1 * w, lo + 0.37 * w, lo + 0.5 * w, lo + 0.81 * w]) {
      const r = quad(d.pdf, cutLo, x, quadOpts(d));
      // same quadrature tolerance as above
      expect(Math.abs(d.cdf(x) - d.cdf(cutLo) - r.value)).toBeLessThanOrEqual(2e-13 + r.abserr);
    }
    const m = quad((x) => x * d.pdf(x), cutLo, cutHi, quadOpts(d));
    // beyond the cuts, by parts: ∫_lo^c x dF = c·F(c) − ∫_lo^c F, ∫_c^hi x dF = c·S(c) + ∫_c^hi S
    // (F and S are bounded, so quadrature has no singularity to resolve there)
    let ends = 0;
    let endsErr = 0;
    if (d.singularAt.lo) {
      const r = quad(d.cdf, lo, cutLo, { epsabs: 0, epsrel: 1e-13 });
      ends += cutLo * d.cdf(cutLo) - r.value;
      endsErr += r.abserr;
    }
    if (d.singularAt.hi) {
      const r = quad(d.sf, cutHi, hi, { epsabs: 0, epsrel: 1e-13 });
      ends += cutHi * d.sf(cutHi) + r.value;
      endsErr += r.abserr;
    }
    // 1e-13 relative quadrature on a value of size max(|lo|, |hi|)
    expect(Math.abs(d.mean() - m.value - ends)).toBeLessThanOrEqual(2e-13 * Math.max(Math.abs(lo), Math.abs(hi)) + m.abserr + endsErr);
  });

  test('cdf + sf = 1, cdf monotone, values in [0, 1], outside the support 0 and 1', () => {
    let prevF = -Infinity;
    let prevS = Infinity;
    const bad: string[] = [];
    for (const x of grid) {
      const F = d.cdf(x);
      const S = d.sf(x);
      // each is computed from its own side, to ~1e-15 relative (special functions; or sums over
      // up to ~100 interpolant pieces, each rounded), so they add to 1 within a few times that
      if (!(Math.abs(F + S - 1) <= 1e-14)) bad.push(`F + S − 1 = ${F + S - 1} at ${x}`);
      if (!(F >= prevF && S <= prevS)) bad.push(`not monotone at ${x}`);
      if (!(F >= 0 && F <= 1 && S >= 0 && S <= 1)) bad.push(`out of [0, 1] at ${x}: F = ${F}, S = ${S}`);
      prevF = F;
      prevS = S;
    }
    expect(bad).toEqual([]);
    expect(d.cdf(lo - 1)).toBe(0);
    expect(d.cdf(hi + 1)).toBe(1);
    expect(d.sf(lo - 1)).toBe(1);
    expect(d.sf(hi + 1)).toBe(0);
    expect(d.pdf(lo - 1)).toBe(0);
    expect(d.pdf(hi + 1)).toBe(0);
    expect(Number.isNaN(d.cdf(NaN))).toBe(true);
    expect(d.cdf(lo)).toBe(0);
    expect(d.cdf(hi)).toBe(1);
  });

  test('cdf(quantile(u)) = u, including u = 1e-12 and 1 − 1e-12', () => {
    for (const u of [1e-12, 1e-9, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6, 1 - 1e-9, 1 - 1e-12]) {
      const x = d.quantile(u);
      expect(x >= lo && x <= hi, `quantile(${u}) = ${x} in the support`).toBe(true);
      // The quantile is a double: F(x) can miss u by the density times an ulp of x — the
      // conditioning limit (large when the support is far from 0, e.g. [100, 101], or the density
      // is large) — and the CDF and solver add ~1e-14 relative in F (u ≤ 1/2) or 1 − F (u > 1/2).
      const slack = 2 * d.pdf(x) * EPS * Math.abs(x) + 1e-300;
      const miss = u <= 0.5 ? Math.abs(d.cdf(x) - u) : Math.abs(d.sf(x) - (1 - u));
      expect(miss, `u = ${u}, x = ${x}`).toBeLessThanOrEqual(1e-13 * Math.min(u, 1 - u) + slack);
      // isf(q) is the same point measured from the top (for the q whose complement is exactly u)
      const q = 1 - u;
      const y = d.isf(q);
      const x2 = d.quantile(1 - q);
      expect(Math.abs(y - x2), `isf(${q}) = ${y} vs quantile(1 − q) = ${x2}`).toBeLessThanOrEqual(
        1e-12 * Math.abs(x2 - (u <= 0.5 ? lo : hi)) + 4 * EPS * Math.abs(x2) + 1e-300,
      );
    }
    expect(d.quantile(0)).toBe(lo);
    expect(d.quantile(1)).toBe(hi);
    expect(d.isf(0)).toBe(hi);
    expect(d.isf(1)).toBe(lo);
    expect(Number.isNaN(d.quantile(1.5))).toBe(true);
    expect(Number.isNaN(d.quantile(-0.1))).toBe(true);
  });

  test('quantile(cdf(x)) = x where the density is positive', () => {
    for (const x of grid.filter((_, i) => i % 50 === 25)) {
      const p = d.pdf(x);
      if (!(p > 0)) continue;
      const F = d.cdf(x);
      const S = d.sf(x);
      const q = F <= 0.5 ? d.quantile(F) : d.isf(S);
      // F is known to ~1e-14 relative, and far in a tail (F = e^−430 for the truncated normal 50
      // sd out) to ~|ln F|·ε more, as F is then an exponential of a rounded exponent; an error δF
      // moves x by δF/pdf
      const m = Math.min(F, S);
      expect(Math.abs(q - x), `x = ${x}`).toBeLessThanOrEqual(((4e-14 + 4 * EPS * Math.abs(Math.log(m))) * m) / p + 4 * EPS * Math.abs(x));
    }
  });

  test('at(precision)', () => {
    const h = d.at('high');
    // exact families return themselves (their precision stays the one they were built at)
    expect(h === d || h.precision === 'high').toBe(true);
    for (const x of grid.filter((_, i) => i % 100 === 7)) {
      // both tiers are accurate to ~1e-15 relative; the high tier is only checked harder
      expect(Math.abs(h.cdf(x) - d.cdf(x))).toBeLessThanOrEqual(1e-14);
    }
    expect(d.at('standard')).toBe(d);
  });
});

describe('exact families return themselves from at()', () => {
  test.each(continuous.filter(([, s]) => s.kind !== 'density' && s.kind !== 'mixture'))('%s', (_n, spec) => {
    const d = makeDist(spec);
    expect(d.at('high')).toBe(d);
  });
});

describe('expression density', () => {
  test('0.1 + 0.1 sin x on [0, 8.4438]: closed-form CDF to 1e-14', () => {
    const d = makeDist({ kind: 'density', expr: '0.1+0.1*sin(x)', lo: 0, hi: 8.4438 });
    const Z = 0.1 * 8.4438 + 0.1 * (1 - Math.cos(8.4438));
    expect(Math.abs(Z - 1.000001)).toBeLessThan(1e-6);
    for (let i = 0; i <= 200; i++) {
      const x = (8.4438 * i) / 200;
      const exact = (0.1 * x + 0.1 * (1 - Math.cos(x))) / Z;
      // the brief's requirement; the closed form itself is good to a few ulp
      expect(Math.abs(d.cdf(x) - exact)).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(d.pdf(x) - (0.1 + 0.1 * Math.sin(x)) / Z)).toBeLessThanOrEqual(1e-14);
    }
  });

  test('a kink is reported as a breakpoint', () => {
    const d = makeDist({ kind: 'density', expr: 'abs(x-0.3)+0.05', lo: 0, hi: 1 });
    expect(d.breakpoints.length).toBe(1);
    // the fit bisects towards the kink until the error is at rounding level: within 1e-9 of it
    expect(Math.abs(d.breakpoints[0] - 0.3)).toBeLessThan(1e-9);
  });

  test('a density vanishing at lo keeps relative accuracy in the lower tail', () => {
    const d = makeDist({ kind: 'density', expr: 'x*(1-x)', lo: 0, hi: 1 });
    // F(x) = 3x² − 2x³ exactly
    for (const x of [1e-8, 1e-6, 1e-4, 1e-2]) {
      const exact = 3 * x * x - 2 * x * x * x;
      // tolerance: the interpolant is fitted to 1e-15 relative to each graded piece's own maximum
      expect(Math.abs(d.cdf(x) - exact)).toBeLessThanOrEqual(1e-14 * exact);
      // Near hi = 1 the doubles are spaced 1.1e-16 apart, so the fit's nodes sit up to half that
      // from where they should, moving f by |f′|·5.5e-17: 1 − F is good to ~1e-16/(1 − x)
      // relative there (the conditioning of x near 1, not a property of the method).
      const s = 1 - (1 - x);
      const exactS = 3 * s * s - 2 * s * s * s;
      expect(Math.abs(d.sf(1 - x) - exactS)).toBeLessThanOrEqual((1e-14 + 4e-16 / s) * exactS);
    }
    // u = 1e-12 ⇒ x ≈ √(1e-12/3): relative accuracy in x, not just absolute
    const x = d.quantile(1e-12);
    expect(Math.abs(x - 5.773503803007903e-7)).toBeLessThanOrEqual(1e-13 * x);
  });

  test('the high tier rebuilds and verifies the normaliser', () => {
    const spec: DistSpec = { kind: 'density', expr: 'exp(-x^2/2)*(1+x^2)', lo: -1, hi: 2 };
    const d = makeDist(spec);
    const h = d.at('high');
    expect(h).not.toBe(d);
    expect(h.at('high')).toBe(h);
    // both tiers meet 1e-15 relative fits; they agree to rounding
    expect(Math.abs(h.mean() - d.mean())).toBeLessThanOrEqual(1e-15);
  });
});

describe('piecewise-uniform and mixtures: flat stretches', () => {
  test('quantile returns the left end of a gap', () => {
    const d = makeDist({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }, { lo: 2, hi: 3, weight: 1 }] });
    expect(d.cdf(1.5)).toBe(0.5);
    expect(d.pdf(1.5)).toBe(0);
    expect(d.quantile(0.5)).toBe(1);
    expect(d.isf(0.5)).toBe(1);
    expect(d.quantile(0.5 + 1e-12)).toBeGreaterThanOrEqual(2);
    expect(d.breakpoints).toEqual([1, 2]);
  });

  test('so does a mixture with disjoint parts', () => {
    const d = makeDist({
      kind: 'mixture',
      parts: [
        { weight: 1, dist: { kind: 'uniform', lo: 0, hi: 1 } },
        { weight: 1, dist: { kind: 'uniform', lo: 2, hi: 3 } },
      ],
    });
    expect(d.quantile(0.5)).toBe(1);
    // 1 − F(1 − ulp) = ½ + ½·ulp rounds to ½: the smallest x whose *computed* 1 − F is ≤ ½ is one
    // ulp below 1
    expect(Math.abs(d.isf(0.5) - 1)).toBeLessThanOrEqual(EPS);
    expect(d.breakpoints).toEqual([1, 2]);
  });

  test('the density is right-continuous at a shared boundary', () => {
    const d = makeDist({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 1 }, { lo: 0.5, hi: 1, weight: 3 }] });
    expect(d.pdf(0.5)).toBe(1.5);
    expect(d.pdf(1)).toBe(1.5);
    expect(d.pdf(0)).toBe(0.5);
  });
});

describe('atoms and mixtures with atoms', () => {
  const a = makeDist({ kind: 'atoms', points: [[1, 0.5], [0, 0.25], [2, 0.25], [1, 0], [3, 0]] });

  test('atoms: right-continuous steps, smallest-x quantile, no density', () => {
    expect(a.discrete).toBe(true);
    expect([a.lo, a.hi]).toEqual([0, 2]);
    expect(a.atoms).toEqual([[0, 0.25], [1, 0.5], [2, 0.25]]);
    expect(a.cdf(-1)).toBe(0);
    expect(a.cdf(0)).toBe(0.25);
    expect(a.cdf(0.999)).toBe(0.25);
    expect(a.cdf(1)).toBe(0.75);
    expect(a.cdf(2)).toBe(1);
    expect(a.sf(1)).toBe(0.25);
    expect(a.sf(0)).toBe(0.75);
    expect(a.quantile(0)).toBe(0);
    expect(a.quantile(0.25)).toBe(0);
    expect(a.quantile(0.2500001)).toBe(1);
    expect(a.quantile(0.75)).toBe(1);
    expect(a.quantile(0.76)).toBe(2);
    expect(a.quantile(1)).toBe(2);
    expect(a.isf(0.25)).toBe(1);
    expect(a.isf(1e-12)).toBe(2);
    expect(a.isf(0)).toBe(2);
    expect(a.mean()).toBe(1);
    expect(a.breakpoints).toEqual([1]);
    expect(() => a.pdf(1)).toThrow(/no density/);
    expect(a.pdfContinuous(1)).toBe(0);
    expect(isContinuousSpec(a.spec)).toBe(false);
  });

  test('a mixture of a uniform and atoms', () => {
    const spec: DistSpec = {
      kind: 'mixture',
      parts: [
        { weight: 0.5, dist: { kind: 'uniform', lo: 0, hi: 1 } },
        { weight: 0.5, dist: { kind: 'atoms', points: [[0, 1], [0.5, 1]] } },
      ],
    };
    const d = makeDist(spec);
    expect(d.discrete).toBe(true);
    expect(isContinuousSpec(spec)).toBe(false);
    expect(d.atoms).toEqual([[0, 0.25], [0.5, 0.25]]);
    expect(d.cdf(0)).toBe(0.25);
    expect(d.cdf(0.5)).toBe(0.75);
    expect(d.sf(0.5)).toBe(0.25);
    expect(d.quantile(0.1)).toBe(0);
    expect(d.quantile(0.25)).toBe(0);
    // F = 0.25 + x/2 on (0, 0.5): u = 0.3 at x = 0.1 (solver to a couple of ulp)
    expect(Math.abs(d.quantile(0.3) - 0.1)).toBeLessThanOrEqual(4 * EPS);
    // u inside the jump at 0.5 (F(0.5−) = 0.5, F(0.5) = 0.75): the atom itself
    expect(d.quantile(0.5 + 1e-9)).toBe(0.5);
    expect(d.quantile(0.7)).toBe(0.5);
    expect(Math.abs(d.quantile(0.9) - 0.8)).toBeLessThanOrEqual(4 * EPS);
    expect(d.isf(0.25)).toBe(0.5);
    expect(() => d.pdf(0.2)).toThrow(/no density/);
    expect(d.pdfContinuous(0.2)).toBe(0.5);
    expect(d.mean()).toBe(0.5 * 0.5 + 0.5 * 0.25);
  });
});

describe('singularAt and breakpoints', () => {
  test('beta', () => {
    expect(makeDist({ kind: 'beta', a: 0.5, b: 2, lo: 0, hi: 1 }).singularAt).toEqual({ lo: true, hi: false });
    expect(makeDist({ kind: 'beta', a: 2, b: 0.5, lo: 0, hi: 1 }).singularAt).toEqual({ lo: false, hi: true });
    expect(makeDist({ kind: 'beta', a: 0.5, b: 2, lo: 0, hi: 1 }).pdf(0)).toBe(Infinity);
    expect(makeDist({ kind: 'beta', a: 1, b: 2, lo: 0, hi: 1 }).pdf(0)).toBe(2);
  });

  test('mixture: union of parts’ breakpoints and ends inside the hull; singular ends of the hull', () => {
    const d = makeDist({
      kind: 'mixture',
      parts: [
        { weight: 1, dist: { kind: 'beta', a: 0.5, b: 3, lo: 0, hi: 1 } },
        { weight: 1, dist: { kind: 'piecewise-uniform', pieces: [{ lo: 0.5, hi: 1, weight: 1 }, { lo: 1, hi: 2, weight: 1 }] } },
        { weight: 0, dist: { kind: 'uniform', lo: -5, hi: 5 } },
      ],
    });
    expect([d.lo, d.hi]).toEqual([0, 2]);
    expect(d.breakpoints).toEqual([0.5, 1]);
    expect(d.singularAt).toEqual({ lo: true, hi: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Random valid specs (value-uniform draws with edge bias, as the generators do): the invariants
// every distribution must keep, whatever its parameters.


/** Log-uniform on [10^lo, 10^hi], drawn through integers so the draws do not cluster at subnormals. */
const logUniform = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((k) => 10 ** (k / 100));
const unit = fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000);
const support = fc.tuple(fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -100000, max: 100000 }).map((k) => k / 100)), logUniform(-4, 3));

const leafSpec: fc.Arbitrary<DistSpec> = fc.oneof(
  support.map(([lo, w]): DistSpec => ({ kind: 'uniform', lo, hi: lo + w })),
  fc.tuple(support, logUniform(-1.3, 2.5), logUniform(-1.3, 2.5)).map(([[lo, w], a, b]): DistSpec => ({ kind: 'beta', a, b, lo, hi: lo + w })),
  fc
    .tuple(support, logUniform(-3, 3), fc.integer({ min: -3000, max: 4000 }).map((k) => k / 1000))
    .map(([[lo, w], sdRel, at]): DistSpec => ({ kind: 'truncated-normal', mean: lo + at * w, sd: sdRel * w, lo, hi: lo + w })),
  fc
    .tuple(support, fc.constantFrom('sin', 'bump', 'power', 'poly'), unit, unit)
    .map(([[lo, w], shape, p, q]): DistSpec => {
      const hi = lo + w;
      const t = `((x - (${lo})) / ${w})`; // x mapped onto [0, 1]
      const expr =
        shape === 'sin' ? `1 + ${0.99 * p} * sin(${1 + 20 * q} * ${t})`
        : shape === 'bump' ? `exp(-${1 + 200 * p} * (${t} - ${q})^2)`
        : shape === 'power' ? `${t}^${0.5 + 3 * p} + ${q}`
        : `${q} + ${t} * (1 - ${t}) * ${1 + 10 * p}`;
      return { kind: 'density', expr, lo, hi };
    }),
  fc
    .array(fc.tuple(logUniform(-3, 1), fc.oneof(fc.constant(0), logUniform(-3, 1)), fc.oneof(fc.constant(0), logUniform(-2, 2))), { minLength: 1, maxLength: 5 })
    .filter((ps) => ps.some(([, , wt]) => wt > 0))
    .map((ps): DistSpec => {
      let at = -1;
      return {
        kind: 'piecewise-uniform',
        pieces: ps.map(([len, gap, weight]) => {
          const lo = at + gap;
          at = lo + len;
          return { lo, hi: at, weight };
        }),
      };
    }),
  fc
    .array(fc.tuple(fc.integer({ min: -50, max: 50 }).map((k) => k / 10), fc.oneof(fc.constant(0), logUniform(-3, 1))), { minLength: 1, maxLength: 5 })
    .filter((ps) => ps.some(([, w]) => w > 0))
    .map((points): DistSpec => ({ kind: 'atoms', points })),
);
const anySpec: fc.Arbitrary<DistSpec> = fc.oneof(
  { weight: 3, arbitrary: leafSpec },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constant(0), logUniform(-2, 1)), leafSpec), { minLength: 1, maxLength: 3 })
      .filter((ps) => ps.some(([w]) => w > 0))
      .map((ps): DistSpec => ({ kind: 'mixture', parts: ps.map(([weight, dist]) => ({ weight, dist })) })),
  },
);

/** The largest double below x / the smallest above. */
function below(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] += x > 0 ? -1n : 1n;
  return f[0];
}
function above(x: number): number {
  return -below(-x);
}

describe('invariants on random valid specs', () => {
  propTest.prop([anySpec], { numRuns: 300 })('monotone F in [0, 1], F + S = 1, generalised-inverse quantiles, mean inside', (spec) => {
    const d = makeDist(spec);
    const { lo, hi } = d;
    expect(lo < hi || (d.discrete && lo <= hi)).toBe(true);
    let prev = 0;
    for (let i = 0; i <= 256; i++) {
      const x = i === 256 ? hi : lo + ((hi - lo) * i) / 256;
      const F = d.cdf(x);
      const S = d.sf(x);
      expect(F >= prev && F <= 1, `F(${x}) = ${F} after ${prev}`).toBe(true);
      // each side accurate to ~1e-14 relative; mixtures and interpolants sum a few such terms
      expect(Math.abs(F + S - 1), `F + S at ${x}`).toBeLessThanOrEqual(1e-13);
      prev = F;
    }
    expect(d.cdf(hi)).toBe(1);
    expect(d.cdf(below(lo))).toBe(0);
    const m = d.mean();
    expect(m >= lo && m <= hi, `mean ${m}`).toBe(true);
    for (const u of [1e-9, 0.01, 0.3, 0.5, 0.8, 1 - 1e-9]) {
      const x = d.quantile(u);
      expect(x >= lo && x <= hi, `quantile(${u}) = ${x}`).toBe(true);
      // generalised inverse, to an ulp of x (the expression densities, mixtures and atoms hit the
      // smallest double with F ≥ u exactly; the closed-form families round lo + w·t once):
      // F(x⁺) ≥ u and F(x⁻⁻) ≤ u, up to ~1e-12 relative in F or 1 − F (the CDFs are good to
      // ~1e-14 relative), plus the continuous part's density times a few ulps of x
      const tolU = 1e-12 * Math.min(u, 1 - u) + 8 * EPS * Math.abs(x) * d.pdfContinuous(x);
      const up = above(x);
      const down = below(below(x));
      if (u <= 0.5) {
        expect(d.cdf(up), `F(above quantile(${u}) = ${x})`).toBeGreaterThanOrEqual(u - tolU);
        expect(d.cdf(down), `F(below quantile(${u}) = ${x})`).toBeLessThanOrEqual(u + tolU);
      } else {
        expect(d.sf(up), `S(above quantile(${u}) = ${x})`).toBeLessThanOrEqual(1 - u + tolU);
        expect(d.sf(down), `S(below quantile(${u}) = ${x})`).toBeGreaterThanOrEqual(1 - u - tolU);
      }
    }
  });
});

// Found by the property above with seed 1474176392 (fast-check's shrunk case): the quantile of a
// mixture holding Beta(37.15, 0.977) — density unbounded at its upper end — returns that end,
// where F is already 0.557 > 0.3. Outside Pycia–Wang's class (its generators keep a, b ≥ 1), but a
// real bug of the distributions layer; this test fails until it is fixed, then must be turned back.
test.fails('known bug: mixture quantile next to an unbounded Beta end (b < 1)', () => {
  const d = makeDist({
    kind: 'mixture',
    parts: [
      { weight: 1, dist: { kind: 'beta', a: 37.15352290971726, b: 0.9772372209558107, lo: 0, hi: 0.2344228815319922 } },
      { weight: 0.7943282347242815, dist: { kind: 'piecewise-uniform', pieces: [{ lo: 2.0902954325135905, hi: 5.478736993905616, weight: 0 }, { lo: 5.478736993905616, hi: 6.186682778289754, weight: 1 }, { lo: 7.186682778289754, hi: 8.186682778289754, weight: 0 }] } },
    ],
  });
  const q = d.quantile(0.3);
  expect(d.cdf(q - 1e-9)).toBeLessThanOrEqual(0.3);
});
