import { describe, expect, it, test } from 'vitest';
import { quad, tanhSinh } from '../../src/numeric/quadrature.ts';

// Mutation testing of quadrature.ts (issue #9, mut14-qa): the roundoff floor of a G10K21 panel
// (QUADPACK's 50·ε·∫|f| and the abscissae's rounding, `nodeRounding`, with f's variation over the
// nodes) and tanh-sinh on an interval of adjacent doubles. References: SciPy's printed abserr
// (QUADPACK's dqk21) near 0, the total variation ∫|f'| of a step function in closed form far from
// 0, and round-half-to-even for the midpoint of two adjacent doubles.

/** The next double above x (x > 0). */
function nextUp(x: number): number {
  const v = new Float64Array([x]);
  new BigInt64Array(v.buffer)[0] += 1n;
  return v[0];
}

describe("near 0 the floor is QUADPACK's: one panel's abserr equals dqk21's (SciPy)", () => {
  // scipy.integrate.quad prints these abserr: 50·ε·∫|f|, as the abscissae's rounding
  // (½·ε·max|x|·variation ≤ ½·ε·11·1) is below it there; f is exact for G10 and K21 alike
  it.each([
    ['1 on [0, 1]', () => 1, 0, 1, 1, 1.1102230246251565e-14],
    ['x on [0, 1]', (x: number) => x, 0, 1, 0.5, 5.551115123125783e-15],
    ['x − 10 on [10, 11]', (x: number) => x - 10, 10, 11, 0.5, 5.551115123125783e-15],
  ])('%s', (_name, f, a, b, exact, scipyAbserr) => {
    const r = quad(f, a, b, { method: 'gk' });
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(21);
    expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.abserr);
    expect(Math.abs(r.abserr - scipyAbserr)).toBeLessThanOrEqual(1e-12 * scipyAbserr);
  });
});

describe('far from 0 the floor is the abscissae rounding: ½·ε·max|x| times ∫|f′|', () => {
  test('x − a on [a, a + 1]: ∫|f′| = 1, so abserr ≈ ½·ε·a, the error within it', () => {
    for (const a of [1e3, 1e6, 1e9]) {
      const r = quad((x) => x - a, a, a + 1, { method: 'gk', epsabs: 1e-6 });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - 0.5)).toBeLessThanOrEqual(r.abserr);
      // the outermost nodes sit at ±0.9957 of the half-width: the variation they see is 0.9957
      const bound = 0.5 * Number.EPSILON * a;
      expect(r.abserr).toBeGreaterThan(0.99 * bound);
      expect(r.abserr).toBeLessThanOrEqual(bound);
    }
  });

  // f odd about the panel's centre c and varying only between one pair of adjacent nodes on
  // each side: G10 and K21 both give exactly 0 (= ∫f), so |K − G| = 0 and abserr is the floor
  // alone, ½·ε·max(|lo|, |hi|)·∫|f′| with ∫|f′| = 2H (two jumps): every term of the variation
  // loop is the only one seeing f change in one of these cases.
  test('an odd step between the k-th and (k+1)-th nodes from the centre, k = 0…9: abserr = ½·ε·max(|lo|, |hi|)·2|H|', () => {
    // rising and falling steps (the variation's terms are absolute values), on [a, a + 2] right
    // and left of 0 (max |x| is |hi| there, |lo| here)
    for (const a of [1e6, -1e6 - 2]) {
      const c = a + 1;
      const scale = Math.max(Math.abs(a), Math.abs(a + 2));
      const nodes: number[] = [];
      quad((x) => (nodes.push(x), 0), a, a + 2, { method: 'gk', limit: 1 });
      const d = nodes.map((x) => x - c).filter((x) => x >= 0);
      d.sort((u, v) => u - v);
      expect(d.length).toBe(11); // the centre and the ten nodes right of it
      for (const H of [3, -3]) {
        for (let k = 0; k < 10; k++) {
          const t = 0.5 * (d[k] + d[k + 1]);
          const f = (x: number) => (x - c > t ? H : c - x > t ? -H : 0);
          const r = quad(f, a, a + 2, { method: 'gk', epsabs: 1e-8, epsrel: 0 });
          expect(r.converged).toBe(true);
          expect(r.neval).toBe(21);
          expect(r.value).toBe(0);
          const bound = 0.5 * Number.EPSILON * scale * 2 * Math.abs(H);
          expect(Math.abs(r.abserr - bound)).toBeLessThanOrEqual(1e-12 * bound);
        }
      }
    }
  });
});

describe('tanhSinh on two adjacent doubles: f at the end the midpoint rounds onto (ties to even)', () => {
  test('the end is a when its last bit is even, b when odd; converged only when |value| meets the tolerance', () => {
    const even = 1; // 1 = 2^0: even significand; its successor is odd
    const odd = nextUp(1);
    for (const [a, end] of [
      [even, 'a'],
      [odd, 'b'],
    ] as const) {
      const b = nextUp(a);
      const f = (x: number) => (x === a ? -3 : x === b ? 5 : NaN);
      const w = b - a;
      const fEnd = end === 'a' ? -3 : 5;
      const r = tanhSinh(f, a, b);
      expect(r.value).toBe(fEnd * w);
      expect(r.abserr).toBe(Math.abs(fEnd) * w);
      expect(r.neval).toBe(1);
      expect(r.converged).toBe(true); // 1e-15 ≤ the default epsabs 1e-12
      expect(tanhSinh(f, a, b, { epsabs: 0, epsrel: 0.5 }).converged).toBe(false);
      expect(tanhSinh(f, a, b, { epsabs: 0, epsrel: 1 }).converged).toBe(true); // |value| ≤ 1·|value|
      expect(tanhSinh(f, a, b, { epsabs: Math.abs(fEnd) * w, epsrel: 0 }).converged).toBe(true);
      expect(tanhSinh(f, a, b, { epsabs: 0.99 * Math.abs(fEnd) * w, epsrel: 0 }).converged).toBe(false);
      // reversed limits: the same panel, negated
      expect(tanhSinh(f, b, a).value).toBe(-fEnd * w);
    }
  });
});
