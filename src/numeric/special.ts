/**
 * Special functions to about 1e-15 relative where the function is well conditioned, and
 * relative accuracy in the tails (erfc, normal tails, incomplete beta near 0 and 1), which is
 * where the models' quantiles and cutoffs live.
 *
 * Methods: Maclaurin series (erf near 0); exp(x²)·erfc(x) from Chebyshev pieces fitted offline
 * with mpmath (scripts/reference/numeric.py tables) and Laplace's continued fraction beyond
 * x = 8; exp(−x²) with x² split exactly into two doubles; Taylor series of lnΓ about 2 and
 * Stirling's series; DLMF 8.17.22's continued fraction for the incomplete beta function with
 * a Stirling-scaled prefactor; Halley iterations for the inverses.
 */

import { clenshaw } from './chebyshev.ts';

// Clenshaw's recurrence lives with the Chebyshev fitter; re-exported for older importers.
export { clenshaw, clenshawMany } from './chebyshev.ts';

const EPS = Number.EPSILON;
const INV_SQRT_PI = 0.56418958354775628695;
const SQRT_2PI = 2.5066282746310005024;
const LN_SQRT_2PI = 0.91893853320467274178;
const SQRT1_2 = Math.SQRT1_2;
/** √(π/2): the normal Mills ratio is √(π/2)·erfcx(x/√2). */
const SQRT_HALF_PI = 1.2533141373155002512;
/** Veltkamp's splitting constant 2^27 + 1: hi keeps 26 bits, so hi² is exact. */
const SPLIT = 134217729;

/** exp(−s·x²) for s = 1 or 1/2, with x² carried as hi² + lo-part so large x loses no digits (x²·eps would be 1e-13 at x = 27). */
function expNegScaledSq(x: number, s: number): number {
  const t = SPLIT * x;
  const hi = t - (t - x);
  const lo = x - hi;
  if (!Number.isFinite(hi)) return 0; // |x| > 1e300: the result underflows anyway
  return Math.exp(-s * hi * hi) * Math.exp(-s * (lo * (2 * hi + lo)));
}

// Maclaurin coefficients of erf(x)·√π/(2x) in x²: (−1)^n / (n!(2n+1)); 13 terms reach 1e-18 at |x| = 0.5.
const ERF_SERIES = new Float64Array(14);
{
  let fact = 1;
  for (let n = 0; n < ERF_SERIES.length; n++) {
    if (n > 0) fact *= n;
    ERF_SERIES[n] = (n % 2 === 0 ? 1 : -1) / (fact * (2 * n + 1));
  }
}

function erfSmall(x: number): number {
  const z = x * x;
  let s = ERF_SERIES[ERF_SERIES.length - 1];
  for (let n = ERF_SERIES.length - 2; n >= 0; n--) s = s * z + ERF_SERIES[n];
  return ((2 * INV_SQRT_PI) * x) * s;
}

// erfcx(z) = exp(z²)·erfc(z): first-kind Chebyshev coefficients on [lo, hi], fitted with mpmath
// (scripts/reference/numeric.py tables), trimmed below 1e-18·min erfcx on the piece.
const ERFCX_LO = new Float64Array([0.5, 1.5, 3, 5]);
const ERFCX_HI = new Float64Array([1.5, 3, 5, 8]);
const ERFCX_C: readonly Float64Array[] = [
  new Float64Array([
    0.447795810680899, -0.14437117094579746, 0.02052348013327858, -0.0026459068473904633, 0.0003148828357127584,
    -3.501741816305982e-5, 3.6716735606971222e-6, -3.654722598254305e-7, 3.4721186358948525e-8,
    -3.162115483017617e-9, 2.7705635476511733e-10, -2.3425031428441204e-11, 1.916171382436389e-12,
    -1.5198378406714607e-13, 1.1711473727725093e-14, -8.78250623357929e-16, 6.41911560261423e-17,
    -4.578977398787957e-18,
  ]),
  new Float64Array([
    0.24053480758125906, -0.07002344166079719, 0.009600878679433074, -0.0012498980008193367,
    0.00015543814890469813, -1.855313555400582e-5, 2.133592307604103e-6, -2.371402766692384e-7,
    2.55413451244302e-8, -2.6717820267380714e-9, 2.7196732086441914e-10, -2.69849922254067e-11,
    2.6137310637536914e-12, -2.4745867372775445e-13, 2.292750085463851e-14, -2.0810401517313836e-15,
    1.8521975554736953e-16, -1.617904086716717e-17, 1.3880960917453333e-18,
  ]),
  new Float64Array([
    0.14087654245042305, -0.033696328679830585, 0.003926142691823656, -0.0004464678390147446,
    4.962740702478379e-5, -5.399367351135477e-6, 5.756623165135021e-7, -6.020783722752708e-8,
    6.183115358158475e-9, -6.240207073489751e-10, 6.193862154169618e-11, -6.050602311291766e-12,
    5.820870230852088e-13, -5.5180351668604694e-14, 5.157310665875084e-15, -4.754685533738134e-16,
    4.325951885935155e-17, -3.885891264430261e-18, 3.447655007698245e-19,
  ]),
  new Float64Array([
    0.0880472887353238, -0.020103259740440367, 0.0022692844627104614, -0.00025337891861041464,
    2.7993525524977655e-5, -3.0611685384011692e-6, 3.314268864243281e-7, -3.553690561394118e-8,
    3.77464655859376e-9, -3.972690780597567e-10, 4.143869668900524e-11, -4.284852955255839e-12,
    4.393037858172547e-13, -4.466622518151052e-14, 4.5046463103412685e-15, -4.506996540235175e-16,
    4.4743828120421225e-17, -4.408281949607883e-18, 4.3108576583897063e-19,
  ]),
];

/** Scaled complementary error function exp(x²)·erfc(x): no underflow, ~1/(x√π) for large x. */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    // exp(x²)(1 − erf x) here has no cancellation (erf(0.5) ≈ 0.52); for x < 0 it is 2exp(x²) − erfcx(−x).
    if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
    return Math.exp(x * x) * (1 - erfSmall(x));
  }
  if (x < 8) {
    const k = x < 1.5 ? 0 : x < 3 ? 1 : x < 5 ? 2 : 3;
    const lo = ERFCX_LO[k];
    const hi = ERFCX_HI[k];
    const t = (2 * x - (lo + hi)) / (hi - lo);
    return clenshaw(ERFCX_C[k], t);
  }
  // Laplace's continued fraction erfcx(x) = (1/√π)/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated
  // backward; 12 levels give 1e-17 from x = 8 on.
  let t = 0;
  for (let k = 12; k >= 1; k--) t = (0.5 * k) / (x + t);
  return INV_SQRT_PI / (x + t);
}

/** Error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.5) return erfSmall(x);
  if (ax > 6) return x > 0 ? 1 : -1; // erfc(6) = 2e-17 < eps/2
  const r = 1 - expNegScaledSq(ax, 1) * erfcx(ax);
  return x > 0 ? r : -r;
}

/** Complementary error function 1 − erf(x), relative accuracy in the right tail (erfc(26) ≈ 5.7e-296). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0.5) {
    if (x > -0.5) return 1 - erfSmall(x);
    if (x < -6) return 2;
    return 2 - expNegScaledSq(-x, 1) * erfcx(-x);
  }
  if (x > 27.3) return 0; // below the smallest subnormal
  return expNegScaledSq(x, 1) * erfcx(x);
}

/** Upper tail of the standard normal, Q(x) = 1 − Φ(x), relative accuracy for large x (Q(37.5) ≈ 4.6e-308). */
export function normSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = x * SQRT1_2;
  if (z >= 0.5) {
    if (x > 38.6) return 0;
    // ½·exp(−x²/2)·erfcx(x/√2): the exponential from x itself (exact square), the ratio from the rounded z.
    return 0.5 * expNegScaledSq(x, 0.5) * erfcx(z);
  }
  if (z > -0.5) return 0.5 - 0.5 * erfSmall(z);
  return 1 - normSf(-x);
}

/** Standard normal CDF Φ(x), relative accuracy in the left tail. */
export function normCdf(x: number): number {
  return normSf(-x);
}

/** Standard normal density. */
export function normPdf(x: number): number {
  return expNegScaledSq(x, 0.5) / SQRT_2PI;
}

/** ln Q(x) for x > 0 without underflow: −x²/2 + ln(erfcx(x/√2)/2). */
function logNormSfPos(x: number): number {
  return -0.5 * x * x + Math.log(0.5 * erfcx(x * SQRT1_2));
}

/**
 * Standard normal quantile Φ⁻¹(p). Central region: a series start and Halley steps on Φ(x) − p;
 * tails: Halley steps on ln Q(z) = ln p from the asymptotic start, so p down to the subnormals
 * keeps full relative accuracy. p near 1 uses q = 1 − p, exact for p ≥ ½.
 */
export function normQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -lowerNormQuantile(1 - p);
  return lowerNormQuantile(p);
}

/** Upper-tail quantile: x with Q(x) = q, accurate for q near 0 (where 1 − q would round). */
export function normIsf(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q > 0.5) return lowerNormQuantile(1 - q);
  return -lowerNormQuantile(q);
}

/** Φ⁻¹(p) for 0 < p ≤ ½ (the answer is ≤ 0). */
function lowerNormQuantile(p: number): number {
  if (p >= 0.05) {
    // Φ⁻¹(½ + u) = c + c³/6 + 7c⁵/120 + 127c⁷/5040 + …, c = √(2π)u; then Halley on Φ(x) − p
    // (Φ'' = −xφ), cubically convergent from there.
    const c = SQRT_2PI * (p - 0.5);
    const c2 = c * c;
    let x = c * (1 + c2 * (1 / 6 + c2 * (7 / 120 + (c2 * 127) / 5040)));
    for (let i = 0; i < 8; i++) {
      const r = normCdf(x) - p;
      const u = r / normPdf(x);
      const dx = u / (1 + 0.5 * x * u);
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.abs(x)) break;
    }
    return x;
  }
  // Tail: z > 0 with ln Q(z) = ln p; g' = −1/M and g'' = (z − 1/M)/M, M = Q/φ the Mills ratio.
  const lp = Math.log(p);
  const t = -2 * lp;
  let z = Math.sqrt(Math.max(t - Math.log(t) - Math.log(2 * Math.PI), 1));
  for (let i = 0; i < 12; i++) {
    const g = logNormSfPos(z) - lp;
    const m = SQRT_HALF_PI * erfcx(z * SQRT1_2);
    const newton = g * m;
    const denom = 1 - 0.5 * g * (z * m - 1);
    const dz = denom > 0.5 ? newton / denom : newton;
    z += dz;
    if (Math.abs(dz) <= 1e-16 * z) break;
  }
  return -z;
}

// ------------------------------------------------------------------------------------------
// Gamma
// ------------------------------------------------------------------------------------------
const ONE_MINUS_EULER = 0.42278433509846713;
/** (−1)^k (ζ(k) − 1)/k for k = 2…31 (mpmath): lnΓ(2 + e) = (1 − γ)e + Σ LG2[k−2]·e^k, |e| ≤ ½. */
const LG2 = new Float64Array([
  0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986, 0.0028905103307415234,
  -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939, 9.945751278180853e-5,
  -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6, 4.374866789907488e-6,
  -2.039215753801366e-6, 9.55141213040742e-7, -4.492469198764566e-7, 2.1207184805554665e-7,
  -1.0043224823968099e-7, 4.7698101693639804e-8, -2.2711094608943164e-8, 1.0838659214896955e-8,
  -5.183475041970047e-9, 2.4836745438024785e-9, -1.1921401405860912e-9, 5.731367241678862e-10,
  -2.7595228851242334e-10, 1.330476437424449e-10, -6.4229645638381e-11, 3.1044247747322276e-11,
  -1.5021384080754142e-11,
]);

/** lnΓ(2 + e) for |e| ≤ ½ (Taylor series about 2: relative accuracy at the zero x = 2). */
function lgammaAt2(e: number): number {
  let s = LG2[LG2.length - 1];
  for (let k = LG2.length - 2; k >= 0; k--) s = s * e + LG2[k];
  return e * (ONE_MINUS_EULER + e * s);
}

/** Stirling's correction lnΓ(x) − [(x − ½)ln x − x + ln√(2π)] = Σ B_2k/(2k(2k−1)x^(2k−1)); 9 terms give 2e-18 at x = 10. */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 *
                (-1 / 1680 +
                  r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400 + (r2 * 43867) / 244188))))))))
  );
}

/** ln Γ(x) for x > 0 (NaN for x < 0, +∞ at 0); relative accuracy also next to the zeros at 1 and 2. */
export function lgamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x < 0.5) return lgammaAt2(x) - Math.log1p(x) - Math.log(x); // Γ(x) = Γ(2+x)/(x(1+x))
  if (x < 1.5) return lgammaAt2(x - 1) - Math.log1p(x - 1);
  if (x <= 2.5) return lgammaAt2(x - 2);
  if (x < 3.5) return lgammaAt2(x - 3) + Math.log(x - 1);
  if (x < 10) {
    // Γ(x) = Γ(y)·(y)(y+1)…(x−1), y in [2.5, 3.5); the x − k are exact
    let prod = 1;
    let y = x;
    while (y >= 3.5) {
      y -= 1;
      prod *= y;
    }
    return lgamma(y) + Math.log(prod);
  }
  if (x === Infinity) return Infinity;
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
}

/** sin(πx) with the argument reduced exactly, so it is relatively accurate near every integer. */
function sinPi(x: number): number {
  let r = x - 2 * Math.round(0.5 * x); // in [−1, 1], exact
  if (r > 0.5) r = 1 - r;
  else if (r < -0.5) r = -1 - r;
  return Math.sin(Math.PI * r);
}

/** Γ(x); reflection for x < 0 (NaN at the poles 0, −1, −2, …, ±∞ at ±0). */
export function gammaFn(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return 1 / x;
  if (x < 0) {
    if (Number.isInteger(x)) return NaN;
    return Math.PI / (sinPi(x) * gammaFn(1 - x));
  }
  if (x < 0.5) return Math.exp(lgammaAt2(x) - Math.log1p(x)) / x;
  if (x < 1.5) return Math.exp(lgammaAt2(x - 1) - Math.log1p(x - 1));
  if (x <= 2.5) return Math.exp(lgammaAt2(x - 2));
  if (x < 10) {
    let prod = 1;
    let y = x;
    while (y > 2.5) {
      y -= 1;
      prod *= y;
    }
    return Math.exp(lgammaAt2(y - 2)) * prod;
  }
  if (x > 171.7) return Infinity;
  // √(2π)·x^(x−½)·e^(−x)·e^(correction), with x^(x−½) split in two halves so nothing overflows.
  const h = Math.pow(x, 0.5 * (x - 0.5));
  return SQRT_2PI * (h * Math.exp(-x)) * h * Math.exp(stirlingCorrection(x));
}

// ------------------------------------------------------------------------------------------
// Incomplete beta
// ------------------------------------------------------------------------------------------
/** log1p(t) − t without cancellation for small t (series to 1e-17 for |t| ≤ 0.25). */
function log1pmx(t: number): number {
  if (Math.abs(t) > 0.25) return Math.log1p(t) - t;
  // −t²/2 + t³/3 − t⁴/4 + …
  let term = t * t;
  let s = 0;
  for (let k = 2; k < 40; k++) {
    const add = term / k;
    s += k % 2 === 0 ? -add : add;
    if (Math.abs(add) <= 1e-17 * Math.abs(s)) break;
    term *= t;
  }
  return s;
}

/** Parameters at or above this use Stirling's series with the exact log-scaling around the mode. */
const LARGE = 10;

/**
 * x^a·y^b / B(a, b) with y = 1 − x given separately (y is exact where x is near 1).
 * Both parameters large: (x/x0)^a·(y/y0)^b·√(ab/(2π(a+b)))·exp(μ(a+b) − μ(a) − μ(b)), x0 = a/(a+b),
 * so the huge a ln x, b ln y and ln B never meet (μ is Stirling's correction). One large: Stirling
 * for Γ(L+s)/Γ(L) and pow for the powers. Both small: pow and Γ directly. Exponents that would
 * underflow pow go through logarithms.
 */
function betaPrefactor(a: number, b: number, x: number, y: number): number {
  // Of x and y = 1 − x, the one above ½ may be rounded (1 − x for x < ½) and the other is exact:
  // ln of the larger is log1p(−smaller), which a large exponent multiplies without the rounding
  // (pow(fl(1 − 2e-4), 1e4) is off by 1e4·ε/2).
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  if (a >= LARGE && b >= LARGE) {
    // a·ln(x/x0) + b·ln(y/y0) with x0 = a/(a+b) = (a·ln(x/x0) − u) + (b·ln(y/y0) + u), u = (a+b)(x − x0):
    // near the mode both brackets are log1pmx terms (the ±u cancel exactly); far from it, where
    // 1 + u/a = x/x0 would be formed by cancellation, the logarithm of x/x0 is taken directly.
    const u = x * b - y * a;
    const s = a + b;
    const ta = u / a;
    const tb = -u / b;
    const e =
      (Math.abs(ta) <= 0.5 ? a * log1pmx(ta) : a * Math.log((x * s) / a) - u) +
      (Math.abs(tb) <= 0.5 ? b * log1pmx(tb) : b * Math.log((y * s) / b) + u);
    const corr = stirlingCorrection(a + b) - stirlingCorrection(a) - stirlingCorrection(b);
    return Math.sqrt((a * b) / (2 * Math.PI * (a + b))) * Math.exp(e + corr);
  }
  let lnB: number;
  if (a < LARGE && b < LARGE) {
    const direct = (Math.pow(x, a) * Math.pow(y, b) * gammaFn(a + b)) / (gammaFn(a) * gammaFn(b));
    if (direct > 1e-290 && Number.isFinite(direct)) return direct;
    lnB = lgamma(a) + lgamma(b) - lgamma(a + b);
  } else {
    // One large (L), one small (s): Γ(L+s)/Γ(L) = (L+s)^s·exp((L−½)·log1pmx(s/L) − s/(2L) + μ(L+s) − μ(L))
    // from Stirling; every exponent left is small, so pow carries the large powers at ~1 ulp.
    const L = a >= LARGE ? a : b;
    const s = a >= LARGE ? b : a;
    const lnRatioSmall = (L - 0.5) * log1pmx(s / L) - s / (2 * L) + stirlingCorrection(L + s) - stirlingCorrection(L);
    // the large power from its logarithm (above), the small one by pow (1 ulp for an exact base)
    const powers = a >= LARGE ? Math.exp(a * lnX) * Math.pow(y, b) : Math.pow(x, a) * Math.exp(b * lnY);
    const direct = (powers * (Math.pow(L + s, s) * Math.exp(lnRatioSmall))) / gammaFn(s);
    if (direct > 1e-290 && Number.isFinite(direct)) return direct;
    lnB = lgamma(s) - s * Math.log(L + s) - lnRatioSmall;
  }
  return Math.exp(a * lnX + b * lnY - lnB);
}

const TINY = 1e-300;

/**
 * The continued fraction of DLMF 8.17.22 by the modified Lentz method:
 * I_x(a,b) = [x^a y^b/(a B(a,b))]·1/(1 + d1/(1 + d2/(1 + …))),
 * d_{2m+1} = −(a+m)(a+b+m)x/((a+2m)(a+2m+1)), d_{2m} = m(b−m)x/((a+2m−1)(a+2m)).
 * Converges fast for x < (a+1)/(a+b+2). Returns NaN if maxIter is exhausted.
 */
function betaContinuedFraction(a: number, b: number, x: number, y: number, maxIter: number): number {
  let c = 1;
  // 1 − (a+b)x/(a+1) written with y = 1 − x, ((a+1)y − (b−1)x)/(a+1): where x is the rounded
  // complement of the caller's exact argument (the upper side), 1 − (a+b)x/(a+1) would cancel
  // its rounding up by 1/d (50 ulps at I_0.0099(1, 300)); with b = 1 this form is exact.
  let d = ((a + 1) * y - (b - 1) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + num / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + num / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) return h;
  }
  return NaN;
}

/** Iterations for the fraction on its fast side (≈ √max(a,b) needed). */
const CF_MAX = 20000;

/**
 * I_x(a,b) (upper = false) or 1 − I_x(a,b) (upper = true). The fraction runs on the side where it
 * converges fast (DLMF's symmetry switch), which gives the smaller of the two tails directly.
 */
function betaIncBoth(a: number, b: number, x: number, upper: boolean): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(x) || !(a > 0) || !(b > 0)) return NaN;
  if (x <= 0) return upper ? 1 : 0;
  if (x >= 1) return upper ? 0 : 1;
  const y = 1 - x;
  const lowerSide = x < (a + 1) / (a + b + 2);
  // v = I_x(a,b) if lowerSide, else 1 − I_x(a,b) = I_y(b,a)
  const v = lowerSide
    ? (betaPrefactor(a, b, x, y) * betaContinuedFraction(a, b, x, y, CF_MAX)) / a
    : (betaPrefactor(b, a, y, x) * betaContinuedFraction(b, a, y, x, CF_MAX)) / b;
  // The other side's fraction converges slowly and, tried, was worse (2e-13) than 1 − v: the
  // complement is formed by subtraction. v is near 1 on the fast side only for a parameter
  // ≪ 1 (I_x ≈ x^a): there the complement loses log10(1/(1 − v)) digits.
  return lowerSide !== upper ? v : 1 - v;
}

/** Regularized incomplete beta function I_x(a, b), a, b > 0. */
export function betaInc(a: number, b: number, x: number): number {
  return betaIncBoth(a, b, x, false);
}

/** 1 − I_x(a, b) without cancellation (relative accuracy as x → 1). */
export function betaIncC(a: number, b: number, x: number): number {
  return betaIncBoth(a, b, x, true);
}

/** ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a+b). */
export function lbeta(a: number, b: number): number {
  if (a >= LARGE && b >= LARGE) {
    // Stirling in both, so the (a+b)·ln(a+b) terms cancel analytically. ln(a/s) of the larger
    // parameter is log1p(−b/s): Math.log(a/s) would keep only its absolute ε, times a (2e-8 at a = 1e8).
    const s = a + b;
    const lnA = a > b ? Math.log1p(-b / s) : Math.log(a / s);
    const lnB = a > b ? Math.log(b / s) : Math.log1p(-a / s);
    return (
      LN_SQRT_2PI +
      (a - 0.5) * lnA +
      (b - 0.5) * lnB -
      0.5 * Math.log(s) +
      stirlingCorrection(a) +
      stirlingCorrection(b) -
      stirlingCorrection(s)
    );
  }
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** Targets below this are solved by Newton in log–log coordinates. */
const TAIL = 0.05;

/**
 * Solves G(x) = target ≤ ½ on (0,1), G = I_x(a,b) (upper = false) or 1 − I_x(a,b) (upper = true):
 * Halley steps (G''/G' = (a−1)/x − (b−1)/(1−x)), or log–log Newton steps in the tails, inside a
 * bracket that every evaluation tightens; a step leaving the bracket is replaced by a bisection,
 * geometric near 0 or 1.
 */
function betaIncSolve(a: number, b: number, target: number, upper: boolean): number {
  const lnB = lbeta(a, b);
  // Starting points: the two tails (I ≈ x^a/(aB) near 0, 1 − I ≈ y^b/(bB) near 1) and the normal approximation.
  const pLow = upper ? 1 - target : target;
  const pHigh = upper ? target : 1 - target;
  const cands: number[] = [];
  const xl = Math.exp((Math.log(pLow) + Math.log(a) + lnB) / a);
  if (xl > 0 && xl < 1) cands.push(xl);
  const yu = Math.exp((Math.log(pHigh) + Math.log(b) + lnB) / b);
  if (yu > 0 && yu < 1) cands.push(1 - yu);
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
  const xn = mean + sd * normQuantile(pLow);
  if (xn > 0 && xn < 1) cands.push(xn);
  if (cands.length === 0) cands.push(mean);
  let x = cands[0];
  let best = Infinity;
  for (const c of cands) {
    const g = betaIncBoth(a, b, c, upper);
    const miss = Math.abs(Math.log(g / target));
    if (miss < best) {
      best = miss;
      x = c;
    }
  }
  // bracket [lo, hi] with the residuals |G − target| there; G(0) and G(1) are known exactly
  let lo = 0;
  let hi = 1;
  let rLo = upper ? 1 - target : target;
  let rHi = upper ? target : 1 - target;
  const closer = () => (rLo <= rHi ? lo : hi);
  for (let iter = 0; iter < 200; iter++) {
    const y = 1 - x;
    const g = betaIncBoth(a, b, x, upper);
    const r = g - target;
    if (r === 0) return x;
    // G increasing (lower) or decreasing (upper) in x
    if (r < 0 !== upper) {
      lo = x;
      rLo = Math.abs(r);
    } else {
      hi = x;
      rHi = Math.abs(r);
    }
    const dens = betaPrefactor(a, b, x, y) / (x * y); // dI/dx
    const slope = upper ? -dens : dens;
    let next = NaN;
    if (target < TAIL && g > 0 && g < 0.5 && dens > 0 && Number.isFinite(dens)) {
      // Tail: G ≈ C·x^a near 0 (lower) or C·y^b near 1 (upper); Newton on ln G against ln x
      // (ln y) is exact for a pure power, so it reaches roots like 1e-200 in a few steps.
      const v = upper ? y : x;
      const power = (v * dens) / g; // d ln G / d ln v
      const nv = v * Math.exp(Math.log(target / g) / power); // ln of the ratio: ln t − ln g would cancel
      if (nv === 0) {
        if (upper ? hi === 1 : lo === 0) return upper ? 1 : 0; // the root is closer than the smallest double
      } else next = upper ? x - y * Math.expm1(Math.log(target / g) / power) : nv; // x − (nv − y): 1 − nv would lose x's digits when x is small
    } else if (slope !== 0 && Number.isFinite(slope)) {
      const newton = -r / slope;
      const curv = (a - 1) / x - (b - 1) / y;
      const denom = 1 + 0.5 * newton * curv;
      next = x + (denom > 0.5 ? newton / denom : newton);
    }
    // x itself is the unknown: a step within its last unit or two ends the search
    if (Math.abs(next - x) <= EPS * x) return next > lo && next < hi ? next : closer();
    if (!(next > lo && next < hi)) {
      // bisection, in the scale that suits the bracket
      if (lo === 0 && hi === 1) next = 0.5;
      else if (lo === 0) next = hi / 16;
      else if (hi === 1) next = 1 - (1 - lo) / 16;
      else if (hi / lo > 8) next = Math.sqrt(lo * hi);
      else if ((1 - lo) / (1 - hi) > 8) next = 1 - Math.sqrt((1 - lo) * (1 - hi));
      else next = 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      // lo and hi are adjacent doubles: the root lies between, return the closer one
      if (!(next > lo && next < hi)) return closer();
    }
    x = next;
  }
  return closer();
}

/** x with I_x(a,b) = p; accurate relative to x near 0. For x near 1 use betaIncInv(b, a, 1 − p) = 1 − x. */
export function betaIncInv(a: number, b: number, p: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(p) || !(a > 0) || !(b > 0) || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return p <= 0.5 ? betaIncSolve(a, b, p, false) : betaIncSolve(a, b, 1 - p, true);
}

/** x with 1 − I_x(a,b) = q, for q near 0 (the upper tail) where 1 − q would round. */
export function betaIncCInv(a: number, b: number, q: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(q) || !(a > 0) || !(b > 0) || q < 0 || q > 1) return NaN;
  if (q === 0) return 1;
  if (q === 1) return 0;
  return q <= 0.5 ? betaIncSolve(a, b, q, true) : betaIncSolve(a, b, 1 - q, false);
}

/**
 * x^k for a whole k ≥ 0 by binary powering: at most 2·log2(k) roundings (≤ 21ε relative up to
 * k = 2^21, as accurate as Math.pow and 6× cheaper in the quadratures' integrands, where
 * exp(k·ln x) costs 3.5× as much and loses k|ln x|·ε).
 */
export function powInt(x: number, k: number): number {
  let r = 1;
  for (let b = x, e = k; e > 0; e >>= 1) {
    if (e & 1) r *= b;
    b *= b;
  }
  return r;
}
