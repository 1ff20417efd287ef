/**
 * Seeded randomness (seedrandom's Alea generator): the same seed gives the same stream on
 * every machine, so a Monte Carlo figure in a report can be reproduced exactly.
 */
import seedrandom from 'seedrandom';
import { normQuantile } from './special.ts';

/** Uniform on [0, 1) with 53 random bits, deterministic in the seed. */
export function makeRng(seed: string | number): () => number {
  const prng = seedrandom.alea(String(seed));
  return () => prng.double();
}

/** Standard normal draws by Marsaglia's polar method (two normals per accepted pair; the spare is kept). */
export function normalSampler(rand: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * rand() - 1;
      v = 2 * rand() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * k;
    hasSpare = true;
    return u * k;
  };
}

/** z with two-sided 99% coverage, Φ⁻¹(0.995). */
const Z99 = normQuantile(0.995);

/**
 * Mean of n draws of sample(rand) with its standard error (Welford's update, stable for
 * large n) and the half-width of the normal 99% confidence interval.
 */
export function monteCarlo(
  sample: (rand: () => number) => number,
  n: number,
  seed: string | number,
): { mean: number; stderr: number; n: number; halfWidth99: number } {
  const rand = makeRng(seed);
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const x = sample(rand);
    const d = x - mean;
    mean += d / i;
    m2 += d * (x - mean);
  }
  const variance = n > 1 ? m2 / (n - 1) : NaN;
  const stderr = Math.sqrt(variance / n);
  return { mean: n > 0 ? mean : NaN, stderr, n, halfWidth99: Z99 * stderr };
}
