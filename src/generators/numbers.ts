/**
 * Value-uniform draws with deliberate edge bias (ARCHITECTURE.md, "Generators").
 * fc.double is uniform over bit patterns (most draws in [0,1] are tiny subnormals), so
 * reals are built from integers on a grid: uniform in value, shrinking towards simple numbers.
 */
import fc from 'fast-check';

/** k/steps·(hi − lo) + lo for k uniform in 0..steps: shrinks to lo, then round grid values. */
export function gridReal(lo: number, hi: number, steps = 1000): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: steps }).map((k) => roundTo(lo + ((hi - lo) * k) / steps, 12));
}

/** A real in [lo, hi], with the named edge values drawn often (weight `edgeWeight` each against 4 for the grid). */
export function edgyReal(lo: number, hi: number, edges: readonly number[] = [lo, hi], steps = 1000, edgeWeight = 1): fc.Arbitrary<number> {
  return fc.oneof(
    ...edges.map((e) => ({ arbitrary: fc.constant(e), weight: edgeWeight })),
    { arbitrary: gridReal(lo, hi, steps), weight: 4 },
  );
}

/** A positive scale spread over decades: 10^u for u uniform on [log10 lo, log10 hi], on a grid of round values. */
export function logReal(lo: number, hi: number, steps = 400): fc.Arbitrary<number> {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return fc.integer({ min: 0, max: steps }).map((k) => roundSig(10 ** (a + ((b - a) * k) / steps), 3));
}

/** Round to `digits` decimals (removes grid noise such as 0.30000000000000004). */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Round to `sig` significant digits. */
export function roundSig(x: number, sig: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(sig));
}
