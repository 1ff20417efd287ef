/**
 * Monte Carlo draws by inverse transform and the pieces of an honest error bound for a mean of
 * draws: the exact standard deviation of a Bernoulli event's frequency, and an allowance for
 * events too rare to show in the sample.
 */
import { makeRng } from './rng.ts';

/** `count` draws x = quantile(u), u from the seeded stream `seed` (in order: row-major when read as a matrix). */
export function quantileDraws(quantile: (u: number) => number, count: number, seed: string): Float64Array {
  const X = new Float64Array(count);
  const rand = makeRng(seed);
  for (let k = 0; k < count; k++) X[k] = quantile(rand());
  return X;
}

/** Standard deviation of the frequency of an event of probability q over N draws, √(q(1 − q)/N). */
export function bernoulliMeanSd(q: number, N: number): number {
  return Math.sqrt((q * (1 - q)) / N);
}

/**
 * Total probability (each capped at 1) of the events expected fewer than `minCount` times in N
 * draws: those the sample variance cannot be trusted to see.
 */
export function rareEventMass(probs: readonly number[], N: number, minCount = 30): number {
  let p = 0;
  for (const q of probs) if (q * N < minCount) p += Math.min(1, q);
  return p;
}

/** abserr + z·√(stderr² + exactSd²) + allowance: a bound on |estimate − truth| at the confidence z stands for. */
export function mcBound(abserr: number, stderr: number, exactSd: number, allowance: number, z: number): number {
  return abserr + z * Math.hypot(stderr, exactSd) + allowance;
}
