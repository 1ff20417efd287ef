/**
 * Distributions: one family per file behind the `Dist` interface (types.ts).
 * `parseDist` validates outside input (schema.ts) and builds; `makeDist` builds from a spec
 * already known to be valid (a generator's output, a parsed request). This file only gathers:
 * no family or the schema imports it (scripts/layers.mjs finds no cycle).
 */
import { uniform } from './uniform.ts';
import { beta } from './beta.ts';
import { truncatedNormal } from './truncated-normal.ts';
import { densityDist } from './density.ts';
import { piecewiseUniform } from './piecewise-uniform.ts';
import { atoms } from './atoms.ts';
import { mixture } from './mixture.ts';

export type { Dist, DistSpec } from './types.ts';
export { uniform, beta, truncatedNormal, densityDist, piecewiseUniform, atoms, mixture };
export {
  DistSchema,
  parseDist,
  validateDist,
  formatZodError,
  firstIssue,
  isContinuousSpec,
  InputError,
  MAX_MIXTURE_DEPTH,
  DIST_KINDS,
} from './schema.ts';
export { compileExpr, densityDiagnostics } from './density.ts';
export { makeDist } from './make.ts';
