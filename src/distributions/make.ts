/**
 * `makeDist`: the one dispatch from a spec's kind to its family. Kept apart from index.ts (which
 * re-exports it) so that the schema and the mixture family can use it without importing the file
 * that gathers them: a mixture gets it as its part builder instead of importing it.
 */
import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { uniform } from './uniform.ts';
import { beta } from './beta.ts';
import { truncatedNormal } from './truncated-normal.ts';
import { densityDist } from './density.ts';
import { piecewiseUniform } from './piecewise-uniform.ts';
import { atoms } from './atoms.ts';
import { mixture } from './mixture.ts';

/**
 * Builds the distribution of a spec. `path` names the spec in error messages (an expression
 * density that turns out negative or non-finite throws an InputError naming `${path}.expr`).
 */
export function makeDist(spec: DistSpec, precision: Precision = 'standard', path = 'distribution'): Dist {
  switch (spec.kind) {
    case 'uniform':
      return uniform(spec, precision);
    case 'beta':
      return beta(spec, precision);
    case 'truncated-normal':
      return truncatedNormal(spec, precision);
    case 'density':
      return densityDist(spec, precision, path);
    case 'piecewise-uniform':
      return piecewiseUniform(spec, precision);
    case 'atoms':
      return atoms(spec, precision);
    case 'mixture':
      return mixture(spec, precision, path, makeDist);
  }
}
