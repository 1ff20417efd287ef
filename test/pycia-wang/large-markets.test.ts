import { expect, test } from 'vitest';
import { makeDist } from '../../src/distributions/index.ts';
import { cutoffGroups } from '../../src/models/pycia-wang/cutoff.ts';
import { replicatedT1, tailOf } from '../../src/models/pycia-wang/large-markets.ts';
import { betaStarEqual, cutoffBy } from '../../src/models/pycia-wang/routes.ts';

test('tailOf: 1 − F ≈ c(v̄ − v)^α — uniform (1, 1), Beta(2, 3) (3, 1/(3·B(2,3)) = 4), atoms none', () => {
  expect(tailOf({ kind: 'uniform', lo: 0, hi: 2 })).toEqual({ alpha: 1, c: 0.5 });
  const b = tailOf({ kind: 'beta', a: 2, b: 3, lo: 0, hi: 1 })!;
  expect(b.alpha).toBe(3);
  expect(b.c).toBeCloseTo(4, 12);
  expect(tailOf({ kind: 'beta', a: 2, b: 2.5, lo: 0, hi: 1 })).toBeNull();
});

test('replication: m = 2 of shares (0.7, 0.3) is the market of four with groups {0.35 ×2, 0.15 ×2}; both routes agree on β*', () => {
  const dist = makeDist({ kind: 'uniform', lo: 0, hi: 1 });
  const spec = { n: 2, shares: [0.7, 0.3], dist: { kind: 'uniform' as const, lo: 0, hi: 1 } };
  const r = replicatedT1(spec, 2, 'standard', dist);
  const direct = cutoffGroups(dist, 4, [{ share: 0.35, count: 2 }, { share: 0.15, count: 2 }], 'standard');
  expect(r.T1.value).toBe(direct.T1.value);
  const q = cutoffBy('quantile', dist, 4, [{ share: 0.25, count: 4 }], 'standard');
  expect(Math.abs(q.betaStar - betaStarEqual(dist, 4, 'standard').value)).toBeLessThan(1e-10);
});
