/** The numeric core: quadrature, roots, special functions, Chebyshev interpolants, tolerances, RNG, Decimal re-checks. */
export type { QuadOptions, QuadResult, RootOptions, RootResult, Precision } from './types.ts';
export { quad, quadVec, quadVecBatch, tanhSinh, type BatchIntegrand, type VecQuadOptions, type VecQuadResult } from './quadrature.ts';
export { brent, brentMin } from './roots.ts';
export {
  erf,
  erfc,
  erfcx,
  normCdf,
  normSf,
  normPdf,
  normQuantile,
  normIsf,
  lgamma,
  gammaFn,
  lbeta,
  betaInc,
  betaIncC,
  betaIncInv,
  betaIncCInv,
  powInt,
} from './special.ts';
export { EPS, approxEqual, relErr, quadOptions } from './tolerance.ts';
export { makeRng, normalSampler, monteCarlo } from './rng.ts';
export {
  D,
  withPrecision,
  fromDouble,
  gaussLegendreDecimal,
  compositeGLDecimal,
  polyIntegrateDecimal,
} from './decimal.ts';
export type { DecimalCtor } from './decimal.ts';
export { fitPowerLaw, fitLine, decreasingFrom, trend, ratioTest, successiveRatios, tQuantile, type Trend, type TrendOptions, type LineFit } from './trend.ts';
export { Cheb, chebCoefficients, chebDerivative, chebAntiderivatives, clenshaw, clenshawMany, cosTable } from './chebyshev.ts';
export { Est, sumEst } from './estimate.ts';
export {
  solveLp,
  lpSolver,
  loadHighs,
  verifyFarkas,
  verifyOptimality,
  verifyRay,
  farkasData,
  verifyFarkasData,
  lpToData,
  lpFromData,
  bestRational,
  type LinearProgram,
  type SparseRows,
  type Coef,
  type LpResult,
  type LpStatus,
  type LpOptions,
  type LpData,
  type FarkasCertificate,
  type OptimalityCertificate,
  type RayCertificate,
} from './lp.ts';
export { QuadraticNumber, SQRT2_MINUS_1, GOLDEN_CONJUGATE } from './quadratic-field.ts';
export { solveAffine, type Equation } from './lp.ts';
