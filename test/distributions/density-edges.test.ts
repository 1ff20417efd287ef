/**
 * Expression densities at their edges: size caps (a long or deep expression is refused before it
 * can exhaust the stack), clipped echoes, and narrow positive mass the sampling grid cannot see.
 */
import { describe, expect, test } from 'vitest';
import { densityDiagnostics } from '../../src/distributions/density.ts';
import { InputError, parseDist } from '../../src/distributions/schema.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

function rejection(value: unknown): InputError {
  try {
    parseDist(value);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(value).slice(0, 100)}`);
}

const D = (expr: string, lo = 0, hi = 1) => ({ kind: 'density', expr, lo, hi }) as Extract<DistSpec, { kind: 'density' }>;

describe('size caps', () => {
  test('at most 1000 characters', () => {
    const expr = Array(2000).fill('x').join('+');
    expect(rejection(D(expr)).message).toBe(`distribution.expr: is too long (3999 characters; at most 1000)`);
  });

  test('at most 100 levels of nesting, counted before parsing (brackets) and after (the tree)', () => {
    expect(rejection(D('('.repeat(101) + 'x' + ')'.repeat(101))).message).toMatch(/^distribution\.expr: is nested too deeply \(more than 100 levels/);
    expect(rejection(D('-'.repeat(150) + 'x')).message).toMatch(/^distribution\.expr: is nested too deeply \(more than 100 levels/);
    expect(rejection(D(Array(150).fill('x').join('+'))).message).toMatch(/^distribution\.expr: is nested too deeply \(more than 100 levels/);
    expect(() => parseDist(D('('.repeat(95) + 'x' + ')'.repeat(95)))).not.toThrow();
  });

  test('echoed expression text is clipped to 60 characters', () => {
    const v = 'y'.repeat(100_000);
    for (const expr of [v.slice(0, 999), `"${v.slice(0, 900)}"`, `${v.slice(0, 900)}(x)`, `[${'x,'.repeat(400)}x]`, `x + ${'@'.repeat(900)}`]) {
      const e = rejection(D(expr));
      expect(e.field).toBe('distribution.expr');
      expect(e.message.length).toBeLessThan(200);
    }
  });
});

describe('narrow positive mass between grid points', () => {
  // f = max(0, h − |x − c|): a triangle of half-width h, mass h², F known in closed form. Near 0,
  // where doubles resolve it finely (its width is 2% of c); 0.3 gets its own test below.
  const h = 1e-6;
  const c = 1e-4;
  const expr = 'max(0, 1e-6 - abs(x - 1e-4))';
  const F = (x: number) => (x <= c - h ? 0 : x <= c ? (x - (c - h)) ** 2 / (2 * h * h) : x < c + h ? 1 - (c + h - x) ** 2 / (2 * h * h) : 1);

  test('max(0, 1e-6 − |x − 1e-4|) on [0, 1]: normaliser and cdf to the stated accuracy', () => {
    const spec = D(expr);
    const d = parseDist(spec);
    const Z = densityDiagnostics(spec)!.Z;
    expect(Math.abs(Z - h * h)).toBeLessThanOrEqual(1e-13 * h * h);
    // The stated accuracy: ~1e-15 relative, except that next to an end of the mass far from 0
    // (here 1e-4, where doubles are 1.4e-20 apart) F is known to ~ulp(x)/(distance to the end).
    for (const t of [-1.5, -0.999, -0.9, -0.5, -0.1, 0, 0.1, 0.5, 0.9, 0.999, 1.5]) {
      const x = c + t * h;
      const want = F(x);
      const toEnd = Math.min(x - (c - h), c + h - x);
      const rel = toEnd > 0 ? 1e-14 + (4 * Number.EPSILON * x) / toEnd : 0;
      // (F and 1 − F each sum the pieces' masses from its own side: 1 − F near 1 is exact, F there to an ulp.)
      expect(Math.abs(d.cdf(x) - want)).toBeLessThanOrEqual(rel * want + (want > 0.5 ? Number.EPSILON : 0));
      expect(Math.abs(d.sf(x) - (1 - want))).toBeLessThanOrEqual(rel * (1 - want) + (want < 0.5 ? Number.EPSILON : 0));
    }
    expect(d.cdf(c / 2)).toBe(0);
    expect(d.sf(0.5)).toBe(0);
    expect(Math.abs(d.mean() - c)).toBeLessThan(1e-15);
    expect(Math.abs(d.quantile(0.5) - c)).toBeLessThan(1e-15);
    expect(Math.abs(d.pdf(c) - 1 / h)).toBeLessThanOrEqual(1e-9 / h);
    // Where the mass starts and ends are breakpoints, for quadrature over F.
    expect(d.breakpoints.some((b) => Math.abs(b - (c - h)) < 1e-18)).toBe(true);
    expect(d.breakpoints.some((b) => Math.abs(b - (c + h)) < 1e-18)).toBe(true);
  });

  test('at high precision too (the narrow stretch’s mass verified by quadrature)', () => {
    const d = parseDist(D(expr)).at('high');
    for (const t of [-0.5, 0, 0.5]) expect(Math.abs(d.cdf(c + t * h) - F(c + t * h))).toBeLessThanOrEqual(1e-13);
  });

  test('two narrow bumps, a narrow Gaussian, a narrow indicator', () => {
    const two = parseDist(D('max(0, 1e-6 - abs(x - 1e-4)) + 3 * max(0, 1e-6 - abs(x - 5e-4))'));
    expect(Math.abs(two.cdf(3e-4) - 0.25)).toBeLessThanOrEqual(1e-14);
    const gauss = parseDist(D('exp(-((x - 1e-4) / 1e-7)^2)'));
    expect(Math.abs(gauss.cdf(1e-4) - 0.5)).toBeLessThanOrEqual(1e-13);
    const box = parseDist(D('x > 1e-4 and x < 1.01e-4 ? 1 : 0'));
    expect(Math.abs(box.cdf(1.005e-4) - 0.5)).toBeLessThanOrEqual(1e-9);
  });

  test('the headline case, max(0, 1e-6 − |x − 0.3|), is found, and refused as too narrow for doubles there', () => {
    // At 0.3 doubles are 5.6e-17 apart: sampling 2e-6 of support puts ~3e-11 relative error in its
    // mass (measured 4.5e-11), which `high` could not verify to 1e-12.
    expect(rejection(D('max(0, 1e-6 - abs(x - 0.3))')).message).toBe(
      'distribution.expr: is positive only on a sliver of width 2e-6 near x = 0.3 (too narrow to approximate: positive values between the sampling grid’s points must span more than 0.001 × |x|)'.replace('’', "'"),
    );
    expect(rejection(D('max(0, 1e-14 - abs(x - 1e-4))')).message).toMatch(/^distribution\.expr: is positive only on a sliver of width 2e-14 near x = 0\.0001 \(too narrow/);
    // Only a turning point shows this one: sin(1000x) peaks between grid points at (π/2 + 2kπ)/1000.
    expect(rejection(D('max(0, sin(1000 * x) - 0.9999999999)')).message).toMatch(/^distribution\.expr: is positive only on a sliver of width 2\.8e-8 near x = 0\.00157\d* \(too narrow/);
  });

  test('what is 0 everywhere is still identically 0', () => {
    expect(rejection(D('0*x')).message).toBe('distribution.expr: is identically 0 on [0, 1]');
    expect(rejection(D('max(0, -abs(x - 0.3))')).message).toBe('distribution.expr: is identically 0 on [0, 1]');
    expect(rejection(D('0 * (x > 0.5 ? 1 : 2)')).message).toBe('distribution.expr: is identically 0 on [0, 1]');
  });
});
