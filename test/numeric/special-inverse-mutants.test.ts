/**
 * betaIncInv and betaIncCInv against the closed forms of three families, from the tails (the
 * log–log Newton route, targets below 0.05) to the centre (Halley), on both sides of the
 * symmetry switch (target ≤ ½ solved directly, above through the other tail):
 *   I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_x(½, ½) = (2/π)·asin √x.
 * The bound on x is 8ε plus I's own error (16 roundings plus a·|ln x| + b·|ln(1 − x)| in the
 * exponent, as in special-mutants.test.ts) divided by the elasticity x·G'(x)/G of the tail G solved for.
 */
import { describe, expect, it } from 'vitest';
import { betaInc, betaIncC, betaIncCInv, betaIncInv } from '../../src/numeric/special.ts';

const EPS = Number.EPSILON;

interface Family {
  name: string;
  a: number;
  b: number;
  /** x with I_x = p, and x with 1 − I_x = q, in closed form. */
  inv: (p: number) => number;
  cinv: (q: number) => number;
  /** x·pdf(x) */
  xpdf: (x: number) => number;
}

const families: Family[] = [];
for (const a of [0.2, 0.7, 1.5, 4, 25, 300]) {
  families.push({
    name: `(${a}, 1)`,
    a,
    b: 1,
    inv: (p) => Math.pow(p, 1 / a),
    cinv: (q) => Math.exp(Math.log1p(-q) / a),
    xpdf: (x) => a * Math.pow(x, a),
  });
  families.push({
    name: `(1, ${a})`,
    a: 1,
    b: a,
    inv: (p) => -Math.expm1(Math.log1p(-p) / a),
    cinv: (q) => -Math.expm1(Math.log(q) / a),
    xpdf: (x) => x * a * Math.exp((a - 1) * Math.log1p(-x)),
  });
}
families.push({
  name: '(½, ½)',
  a: 0.5,
  b: 0.5,
  inv: (p) => Math.sin((Math.PI * p) / 2) ** 2,
  // 1 − I_x = q ⇔ x = cos²(πq/2) = 1 − sin²(πq/2)
  cinv: (q) => Math.cos((Math.PI * q) / 2) ** 2,
  xpdf: (x) => Math.sqrt(x / (1 - x)) / Math.PI,
});

const targets = [1e-300, 1e-40, 1e-6, 0.0499, 0.0501, 0.2, 0.5, 0.7, 0.9499, 0.9501, 1 - 1e-9];

function bound(f: Family, x: number, g: number): number {
  const own = 16 + f.a * Math.abs(Math.log(x)) + f.b * Math.abs(Math.log1p(-x));
  const elasticity = f.xpdf(x) / g;
  return 8 + own / elasticity;
}

describe('incomplete beta inverses against closed forms', () => {
  it('betaIncInv: x with I_x(a, b) = p', () => {
    for (const f of families) {
      for (const p of targets) {
        const want = f.inv(p);
        if (!(want > 1e-300) || want === 1) continue; // below the doubles, or 1 in double
        const got = betaIncInv(f.a, f.b, p);
        const err = Math.abs(got - want) / (want * EPS);
        expect(err, `I⁻¹${f.name} at ${p}: ${got} vs ${want}`).toBeLessThanOrEqual(bound(f, want, p));
      }
    }
  });

  it('betaIncCInv: x with 1 − I_x(a, b) = q', () => {
    for (const f of families) {
      for (const q of targets) {
        const want = f.cinv(q);
        // near 1 the closed forms themselves round (cos² of nearly π/2 ± …); the mirrored family checks that side
        if (!(want > 1e-300) || want > 0.999) continue;
        const got = betaIncCInv(f.a, f.b, q);
        const err = Math.abs(got - want) / (want * EPS);
        expect(err, `Ic⁻¹${f.name} at ${q}: ${got} vs ${want}`).toBeLessThanOrEqual(bound(f, want, q));
      }
    }
  });

  it('forward: I_x(a, 1) = x^a and 1 − I_x(1, b) = (1 − x)^b on both sides of the switch x = (a+1)/(a+b+2)', () => {
    for (const a of [0.2, 1.5, 25, 300]) {
      const sw = (a + 1) / (a + 3);
      for (const x of [0.3 * sw, 0.999 * sw, 1.001 * sw, sw + 0.5 * (1 - sw)]) {
        // x^a and (1 − x)^b through exp of an accurate logarithm: a·|ln x| roundings
        const own = 16 + a * Math.abs(Math.log(x)) + a * Math.abs(Math.log1p(-x));
        const p = Math.exp(a * Math.log(x));
        expect(Math.abs(betaInc(a, 1, x) - p) / (p * EPS), `I_${x}(${a}, 1)`).toBeLessThanOrEqual(own);
        const y = 1 - sw + (sw - x); // the mirrored point for (1, a), whose switch is 2/(a+3) = 1 − sw
        const q = Math.exp(a * Math.log1p(-y));
        expect(Math.abs(betaIncC(1, a, y) - q) / (q * EPS), `1 − I_${y}(1, ${a})`).toBeLessThanOrEqual(own);
      }
    }
  });

  it('invalid arguments are NaN', () => {
    for (const [a, b, p] of [
      [NaN, 1, 0.5],
      [1, NaN, 0.5],
      [1, 1, NaN],
      [0, 1, 0.5],
      [1, -1, 0.5],
      [1, 1, -0.1],
      [1, 1, 1.1],
    ]) {
      expect(betaIncInv(a, b, p)).toBeNaN();
      expect(betaIncCInv(a, b, p)).toBeNaN();
    }
    expect(betaIncCInv(2, 3, 1)).toBe(0);
  });
});
