/**
 * The expression engine of density.ts: mathjs's parser, compiler and the functions an expression
 * may name, and nothing else. Importing this module installs it (setExpressionEngine); density.ts
 * does not import it, so whoever never builds an expression density never loads it.
 */
import type { MathJsInstance } from 'mathjs';
import {
  create,
  parseDependencies, compileDependencies, addDependencies, subtractDependencies, multiplyDependencies,
  divideDependencies, unaryMinusDependencies, unaryPlusDependencies, factorialDependencies,
  smallerDependencies, largerDependencies, smallerEqDependencies, largerEqDependencies, equalDependencies,
  unequalDependencies, andDependencies, orDependencies, notDependencies, xorDependencies, absDependencies,
  sqrtDependencies, cbrtDependencies, expDependencies, expm1Dependencies, logDependencies, log10Dependencies,
  log2Dependencies, log1pDependencies, powDependencies, squareDependencies, cubeDependencies,
  nthRootDependencies, hypotDependencies, sinDependencies, cosDependencies, tanDependencies, secDependencies,
  cscDependencies, cotDependencies, asinDependencies, acosDependencies, atanDependencies, atan2Dependencies,
  sinhDependencies, coshDependencies, tanhDependencies, asinhDependencies, acoshDependencies,
  atanhDependencies, minDependencies, maxDependencies, floorDependencies, ceilDependencies,
  roundDependencies, fixDependencies, signDependencies, modDependencies, erfDependencies, gammaDependencies,
  piDependencies, eDependencies, tauDependencies, phiDependencies, LN2Dependencies, LN10Dependencies,
  LOG2EDependencies, LOG10EDependencies, SQRT2Dependencies, SQRT1_2Dependencies,
} from 'mathjs/number';
import { setExpressionEngine } from './engine-slot.ts';

// Plain numbers only (mathjs's number build); `predictable` makes sqrt(−1), log(−1) NaN instead
// of complex numbers. Comparisons (x < 0.5 ? …) as exact as mathjs allows: its default relative
// tolerance of 1e-12 would move a jump by 5e-13; 1e-15 is the smallest its floor/round accept.
// Only the parser, the compiler and the functions an expression may name (FUNCTIONS, OPERATORS,
// CONSTANTS in density.ts) are imported: the CLI's bundle then holds those factories alone, and building
// the instance costs tens of milliseconds where `create(all)` cost about a second, which every
// `eval` of an expression density paid (issue #10, eval over JSON Lines). Built on first use.
const MATH_DEPENDENCIES = {
  parseDependencies, compileDependencies, addDependencies, subtractDependencies, multiplyDependencies,
  divideDependencies, unaryMinusDependencies, unaryPlusDependencies, factorialDependencies,
  smallerDependencies, largerDependencies, smallerEqDependencies, largerEqDependencies, equalDependencies,
  unequalDependencies, andDependencies, orDependencies, notDependencies, xorDependencies, absDependencies,
  sqrtDependencies, cbrtDependencies, expDependencies, expm1Dependencies, logDependencies, log10Dependencies,
  log2Dependencies, log1pDependencies, powDependencies, squareDependencies, cubeDependencies,
  nthRootDependencies, hypotDependencies, sinDependencies, cosDependencies, tanDependencies, secDependencies,
  cscDependencies, cotDependencies, asinDependencies, acosDependencies, atanDependencies, atan2Dependencies,
  sinhDependencies, coshDependencies, tanhDependencies, asinhDependencies, acoshDependencies,
  atanhDependencies, minDependencies, maxDependencies, floorDependencies, ceilDependencies,
  roundDependencies, fixDependencies, signDependencies, modDependencies, erfDependencies, gammaDependencies,
  piDependencies, eDependencies, tauDependencies, phiDependencies, LN2Dependencies, LN10Dependencies,
  LOG2EDependencies, LOG10EDependencies, SQRT2Dependencies, SQRT1_2Dependencies,
};
setExpressionEngine(() => create(MATH_DEPENDENCIES, { predictable: true, relTol: 1e-15, absTol: 0 }) as MathJsInstance);
