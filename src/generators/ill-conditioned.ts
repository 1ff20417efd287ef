/**
 * Ill-conditioned markets for the `eval` edge (issue #8): the same economies as the tame
 * generators, moved far from 0, shrunk or blown up in scale, squeezed into spikes or piled against
 * an end. Pycia–Wang's T_1 and T_2 are translation-invariant and scale with the width, so a moved
 * market has a known answer in terms of the tame one — the independent characterisation the
 * tests check against.
 */
import fc from 'fast-check';
import { affineSpec, type Frame } from '../distributions/affine.ts';
import type { DistSpec } from '../distributions/types.ts';

/**
 * An affine map X = c + s·Y with s = 2^e (e up to ±990) and c = ±K·s, K an integer up to ~2^40
 * (10^12 widths from 0): powers of two and integers, so a spec with dyadic parameters moves
 * exactly (`movesExactly` says when it does) and the moved market's answer is s times the tame one's.
 */
export const farFrameArb: fc.Arbitrary<Frame> = fc
  .record({
    e: fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constantFrom(-990, -700, -330, 330, 700, 990)),
    j: fc.integer({ min: 0, max: 36 }),
    k: fc.integer({ min: 1, max: 15 }),
    neg: fc.boolean(),
  })
  .map(({ e, j, k, neg }) => {
    const s = 2 ** e;
    return { s, c: (neg ? -1 : 1) * k * 2 ** j * s };
  });

/** Whether moving `y` by `f` is exact in doubles (moving back gives `y` again). */
export function movesExactly(y: DistSpec, f: Frame): boolean {
  return JSON.stringify(affineSpec(moveSpec(y, f), f, false)) === JSON.stringify(y);
}

/** The spec of c + s·Y for Y with spec `y` (the inverse of affineSpec). */
export function moveSpec(y: DistSpec, f: Frame): DistSpec {
  return affineSpec(y, { c: -f.c / f.s, s: 1 / f.s }, false);
}

/** Truncated normals whose sd is a tiny fraction of the interval (2^-50 … 2^-10), centred anywhere in it or just outside (dyadic parameters). */
export const narrowNormalArb: fc.Arbitrary<DistSpec> = fc
  .record({ sdExp: fc.integer({ min: -50, max: -10 }), mean: fc.integer({ min: -4, max: 68 }) })
  .map(({ sdExp, mean }) => ({ kind: 'truncated-normal', mean: mean / 64, sd: 2 ** sdExp, lo: 0, hi: 1 }));

/** Beta with an exponent in [0.01, 0.2] at one or both ends (mass piled within ulps of an end) or both large (a spike). */
export const spikyBetaArb: fc.Arbitrary<DistSpec> = fc
  .record({ a: fc.constantFrom(0.01, 0.05, 0.2, 0.5, 1, 3, 200, 500), b: fc.constantFrom(0.01, 0.05, 0.2, 0.5, 1, 3, 200, 500) })
  .filter(({ a, b }) => Math.min(a, b) <= 0.2 || Math.min(a, b) >= 200)
  .map(({ a, b }) => ({ kind: 'beta', a, b, lo: 0, hi: 1 }));

/** A piecewise-uniform with a heavy piece of width 2^-k (k = 10..40) inside [0, 1]. */
export const spikePiecewiseArb: fc.Arbitrary<DistSpec> = fc
  .record({ k: fc.integer({ min: 10, max: 40 }), at: fc.integer({ min: 0, max: 15 }), weight: fc.constantFrom(1, 1e3, 1e6) })
  .map(({ k, at, weight }) => {
    const lo = at / 16;
    const hi = lo + 2 ** -k;
    const pieces = [
      ...(lo > 0 ? [{ lo: 0, hi: lo, weight: 1 }] : []),
      { lo, hi, weight },
      { lo: hi, hi: 1, weight: 1 },
    ];
    return { kind: 'piecewise-uniform', pieces };
  });

/** Two narrow normals far apart, as a mixture. */
export const farMixtureArb: fc.Arbitrary<DistSpec> = fc
  .record({ sdExp: fc.integer({ min: -30, max: -6 }), w: fc.constantFrom(1, 9, 999) })
  .map(({ sdExp, w }) => ({
    kind: 'mixture',
    parts: [
      { weight: w, dist: { kind: 'truncated-normal', mean: 0.25, sd: 2 ** sdExp, lo: 0, hi: 1 } },
      { weight: 1, dist: { kind: 'truncated-normal', mean: 0.75, sd: 2 ** sdExp, lo: 0, hi: 1 } },
    ],
  }));

/** Any of the ill-conditioned shapes above on [0, 1] (before a far frame is applied). */
export const illShapeArb: fc.Arbitrary<DistSpec> = fc.oneof(narrowNormalArb, spikyBetaArb, spikePiecewiseArb, farMixtureArb);
