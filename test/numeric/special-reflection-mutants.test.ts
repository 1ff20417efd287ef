/**
 * Γ next to the negative integers (fixtures/numeric/special-mutants.json, "gammaNearPoles", mpmath):
 * the reflection Γ(x) = π/(sin(πx)·Γ(1 − x)) is relatively accurate there only because sinPi
 * reduces x to r in [−½, ½] exactly before multiplying by π; sin(π·r) with r near ±1 would carry
 * π·ε absolute against a value of π·(1 − |r|), 1e-13 relative at x = −1.001.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { gammaFn } from '../../src/numeric/special.ts';

const fx = JSON.parse(readFileSync(new URL('../../fixtures/numeric/special-mutants.json', import.meta.url), 'utf8')) as {
  gammaNearPoles: { x: number; v: { s: string; d: number } }[];
};

it('gammaFn next to the poles at −1, −3, −5, −7 and beside −1 from above', () => {
  for (const c of fx.gammaNearPoles) {
    // the reduction is exact; sin, the division and Γ(1 − x) add a few roundings
    const ulps = Math.abs(gammaFn(c.x) - c.v.d) / (Math.abs(c.v.d) * Number.EPSILON);
    expect(ulps, `Γ(${c.x}) = ${gammaFn(c.x)} vs ${c.v.s}`).toBeLessThanOrEqual(4);
  }
});
