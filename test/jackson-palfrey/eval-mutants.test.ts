/**
 * eval.ts (`mechcheck eval jp.efficient-cutoffs`), its survivors (issue #11): the Dists as the
 * model's buyers and sellers checked against the Dist's own CDF (distributions/, no shared code) —
 * exact representations everywhere, cells at their knots — and the T = 1 surplus in closed form.
 */
import { describe, expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { buyerCdf, sellerCdf } from '../../src/models/jackson-palfrey/economy.ts';
import { buyersFromDist, jpEfficientCutoffs, sellersFromDist } from '../../src/models/jackson-palfrey/eval.ts';

const U = (lo = 0, hi = 1) => ({ kind: 'uniform', lo, hi });
const atoms = (points: [number, number][]) => ({ kind: 'atoms', points });
const mix = (parts: [number, unknown][]) => ({ kind: 'mixture', parts: parts.map(([weight, dist]) => ({ weight, dist })) });
const pw = (pieces: [number, number, number][]) => ({ kind: 'piecewise-uniform', pieces: pieces.map(([lo, hi, weight]) => ({ lo, hi, weight })) });
const BETA = { kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 };
const grid = Array.from({ length: 41 }, (_, k) => k / 40);

describe('buyers and sellers from a Dist', () => {
  test.each([
    ['uniform on (0.2, 0.7)', U(0.2, 0.7)],
    ['piecewise uniform, a zero-weight piece', pw([[0, 0.3, 1], [0.3, 1, 3], [0.45, 0.55, 0]])],
    ['an atom at 0 only', atoms([[0, 1]])],
    ['a mixture: atom at 0, overlapping uniform pieces, a zero-weight part', mix([[1, atoms([[0, 1]])], [2, U()], [1, pw([[0.5, 1, 1]])], [0, BETA]])],
    ['a mixture inside a mixture', mix([[1, mix([[1, U(0, 0.5)], [1, atoms([[0, 2]])]])], [3, U(0.25, 1)]])],
  ])('buyers exactly: B(v) = mass·F(v) everywhere (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { buyers, exact } = buyersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(true);
    for (const v of grid) expect(buyerCdf(buyers, v), `${v}`).toBeCloseTo(2 * d.cdf(v), 13);
  });

  test.each([
    ['beta', BETA],
    ['a beta beside an atom at 0', mix([[1, atoms([[0, 1]])], [3, BETA]])],
  ])('buyers as cells: B = mass·F at every knot k/cells (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { buyers, exact } = buyersFromDist(spec as DistSpec, d, 2, 20);
    expect(exact).toBe(false);
    for (let k = 0; k <= 20; k++) expect(buyerCdf(buyers, k / 20), `${k}`).toBeCloseTo(2 * d.cdf(k / 20), 13);
  });

  test.each([
    ['atoms', atoms([[0.1, 1], [0.5, 3]])],
    ['a mixture of atoms with a zero-weight part', mix([[1, atoms([[0, 1]])], [3, atoms([[0.4, 1], [1, 1]])], [0, atoms([[0.7, 1]])]])],
  ])('sellers exactly: S(v) = mass·F(v) (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { sellers, exact } = sellersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(true);
    for (const v of grid) expect(sellerCdf(sellers, v), `${v}`).toBeCloseTo(2 * d.cdf(v), 13);
  });

  test.each([
    ['beta', BETA],
    ['an atom at 0.35 beside a uniform part', mix([[1, atoms([[0.35, 1]])], [3, U()]])],
    ['an atom on a knot, 0.5', mix([[1, atoms([[0.5, 1]])], [1, BETA]])],
  ])('sellers as cells: the Dist\'s atoms where they are, S = mass·F at every knot (%s)', (_, spec) => {
    const d = makeDist(spec as DistSpec);
    const { sellers, exact } = sellersFromDist(spec as DistSpec, d, 2, 10);
    expect(exact).toBe(false);
    for (let k = 0; k <= 10; k++) expect(sellerCdf(sellers, k / 10), `${k}`).toBeCloseTo(2 * d.cdf(k / 10), 13);
    for (const [x, w] of d.atoms) expect(sellerCdf(sellers, x) - sellerCdf(sellers, x - 1e-12), `${x}`).toBeGreaterThanOrEqual(2 * w - 1e-13);
    // the continuous part sits at the cells' midpoints
    for (const v of sellers.values) expect(d.atoms.some(([x]) => x === v) || Math.abs(((v * 10) % 1) - 0.5) < 1e-9, `${v}`).toBe(true);
  });
});

describe('answers in closed form', () => {
  test('T = 1: every pair with b ≥ s trades once, surplus Σ σ_j ∫(b − s_j)⁺ dB / B(1)', () => {
    // uniform buyers of mass 2; sellers 1.8 at 0 and 0.2 at 1: 1.8 · (2 · 1/2) / 2 = 0.9
    const out = jpEfficientCutoffs.evaluate({ periods: 1, delta: 1, buyers: { mass: 2, dist: U() }, sellers: { mass: 2, dist: atoms([[0, 0.9], [1, 0.1]]) }, at: [0, 0.25] }) as Record<string, any>;
    expect(out.surplus).toBeCloseTo(0.9, 14);
    expect(out.cutoffs).toEqual([[0, 0.25]]);
    expect(out.converged).toBe(true);
    expect(out.exact).toBe(true);
    expect(out.approximation).toBeUndefined();
    expect(out.roots).toBeUndefined();
    // sellers 0.5 at 0.5 too: ∫_{1/2}^1 (b − 1/2) db = 1/8
    const two = jpEfficientCutoffs.evaluate({ periods: 1, delta: 1, buyers: { mass: 1, dist: U() }, sellers: { mass: 1, dist: atoms([[0, 0.5], [0.5, 0.5]]) } }) as Record<string, any>;
    expect(two.surplus).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.125, 14);
    expect(two.cutoffs).toEqual([[0]]);
  });
});

test('a zero-weight part of the sellers is the same Dist, so the same answer to the byte (no seller of mass 0 enters the fixed point)', () => {
  const base = { periods: 2, delta: 0.9, buyers: { mass: 1, dist: U() }, at: [0, 0.3, 0.7] };
  const two = atoms([[0, 0.5], [0.6, 0.5]]);
  const a = jpEfficientCutoffs.evaluate({ ...base, sellers: { mass: 1, dist: two } });
  const b = jpEfficientCutoffs.evaluate({ ...base, sellers: { mass: 1, dist: mix([[1, two], [0, atoms([[0.3, 1]])]]) } });
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
});

test('sellers as cells: no atom where the Dist has no mass (a gap in the support)', () => {
  const spec = pw([[0, 0.3, 1], [0.6, 1, 1]]) as DistSpec;
  const d = makeDist(spec);
  const { sellers } = sellersFromDist(spec, d, 1, 10);
  expect(Array.from(sellers.mass).every((m) => m > 0)).toBe(true);
  expect(Array.from(sellers.values).some((v) => v > 0.3 && v < 0.6)).toBe(false);
});
