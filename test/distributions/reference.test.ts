/**
 * Every family against mpmath at 50 digits (fixtures/distributions/reference.json, written by
 * scripts/reference/distributions.py; each value there is the 50-digit answer rounded once to double).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

type Num = number | 'Infinity' | '-Infinity';
interface Case {
  name: string;
  spec: DistSpec;
  mean: number;
  lo: number;
  hi: number;
  points: { x: number; cdf: Num; sf: Num; pdf: Num | null }[];
  quantile: { u: number; x: number }[];
  isf: { q: number; x: number }[];
  normaliser?: number;
}

const ref = JSON.parse(readFileSync(new URL('../../fixtures/distributions/reference.json', import.meta.url), 'utf8')) as { cases: Case[] };
const num = (v: Num): number => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

/** |got − want| ≤ rel·|want| + abs (exact equality for infinities). */
function close(got: number, want: number, rel: number, abs = 0): boolean {
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= rel * Math.abs(want) + abs;
}

/**
 * Tolerances. The families are built to give F and 1 − F with *relative* accuracy near both ends
 * (that is what tail quantiles need), so the CDF/SF check is relative:
 * - closed forms (uniform, piecewise-uniform, atoms): a few roundings → 1e-15;
 * - beta: the incomplete beta function's continued fraction and its Stirling-scaled prefactor are
 *   good to ~1e-15 relative, times a condition number up to ~(a + b) for the large-parameter case
 *   (Beta(50, 40)) → 2e-13; far in a tail, numeric/special.ts's betaInc loses digits in proportion
 *   to |ln F| (measured: 1.2e-11 relative at F = 2.7e-175, Beta(50, 40) at t = 1e-4; 6e-14 at
 *   F = 1.8e-75), so there the tolerance is 5e-14·|ln F| — a property of the special function,
 *   reported to its owner, not of the family;
 * - truncated normal: erfcx/erf to ~2 ulp and the Gauss–Legendre or Mills-ratio masses → 1e-14,
 *   and 5e-14 in the extreme-tail cases where (z − α)(z + α) is large and its rounding is amplified
 *   by the exponential (30 standard deviations out: 30·2 ulp);
 * - expression densities: the interpolant is good to 1e-15 relative to each piece's maximum and the
 *   antiderivative adds a few ulp of the piece's mass → 1e-13 relative (with an absolute floor of
 *   1e-16 in the interior, where F is summed over many pieces);
 * - mixtures: the parts' errors, weighted → 1e-13.
 */
function tol(c: Case): { rel: number; abs: number } {
  const kind = c.spec.kind;
  if (kind === 'uniform' || kind === 'piecewise-uniform' || kind === 'atoms') return { rel: 1e-15, abs: 0 };
  if (kind === 'beta') return { rel: 2e-13, abs: 0 };
  if (kind === 'truncated-normal') return { rel: 5e-14, abs: 0 };
  if (kind === 'density') return { rel: 1e-13, abs: 1e-16 };
  return { rel: 1e-13, abs: 1e-16 };
}

describe.each(ref.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const d = makeDist(c.spec);
  const t = tol(c);

  test('support and mean', () => {
    expect(d.lo).toBe(c.lo);
    expect(d.hi).toBe(c.hi);
    // The mean is a closed form or an exact moment of the interpolant: a few ulp of the support scale.
    expect(Math.abs(d.mean() - c.mean)).toBeLessThanOrEqual(4e-15 * Math.max(Math.abs(c.lo), Math.abs(c.hi)) + 1e-15);
  });

  test('cdf and sf at reference points (relative)', () => {
    for (const p of c.points) {
      const F = d.cdf(p.x);
      const S = d.sf(p.x);
      const lnTail = (v: Num): number => (c.spec.kind === 'beta' && num(v) > 0 ? 5e-14 * Math.abs(Math.log(num(v))) : 0);
      if (!close(F, num(p.cdf), Math.max(t.rel, lnTail(p.cdf)), t.abs)) expect({ x: p.x, cdf: F }).toEqual({ x: p.x, cdf: num(p.cdf) });
      if (!close(S, num(p.sf), Math.max(t.rel, lnTail(p.sf)), t.abs)) expect({ x: p.x, sf: S }).toEqual({ x: p.x, sf: num(p.sf) });
    }
  });

  test.skipIf(c.spec.kind === 'atoms')('pdf at reference points', () => {
    for (const p of c.points) {
      if (p.pdf === null) continue;
      const want = num(p.pdf);
      const got = d.pdf(p.x);
      // pdf: the same sources of error as F, but not summed over pieces → same relative tolerance;
      // an interpolated density is relative to its maximum where it is tiny (1e-15 × max/ floor).
      const maxPdf = Math.max(...c.points.map((q) => (q.pdf === null ? 0 : num(q.pdf))).filter(Number.isFinite));
      if (!close(got, want, t.rel, c.spec.kind === 'density' ? 1e-14 * maxPdf : 0)) expect({ x: p.x, pdf: got }).toEqual({ x: p.x, pdf: want });
    }
  });

  test('quantile and isf, including u = 1e-12 and 1 − 2^-40', () => {
    for (const { u, x } of c.quantile) {
      const got = d.quantile(u);
      // Relative to the distance from the support end the quantile is measured from (lo for
      // u ≤ 1/2, hi above), which is what a relatively accurate F buys (conditioning: the error in
      // x − end is the error in F divided by d log F/d log(x − end), ≤ 1/a for Beta(a, ·));
      // plus a few ulp of x itself, which no method can beat.
      const end = u <= 0.5 ? c.lo : c.hi;
      const allowed = 20 * t.rel * Math.abs(x - end) + 4 * Number.EPSILON * Math.max(Math.abs(x), 1e-300);
      if (!(Math.abs(got - x) <= allowed)) expect({ u, quantile: got }).toEqual({ u, quantile: x });
    }
    for (const { q, x } of c.isf) {
      const got = d.isf(q);
      const end = q <= 0.5 ? c.hi : c.lo;
      const allowed = 20 * t.rel * Math.abs(x - end) + 4 * Number.EPSILON * Math.max(Math.abs(x), 1e-300);
      if (!(Math.abs(got - x) <= allowed)) expect({ q, isf: got }).toEqual({ q, isf: x });
    }
  });
});
