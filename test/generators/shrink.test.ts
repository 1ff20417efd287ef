/**
 * Shrinking ends at the simplest case each claim allows (issue #9, item 6), and every canonical
 * move stays inside Section 2's assumptions.
 *
 * The findings' sweep runs seeds 1..10 here; MECHCHECK_SHRINK_SEEDS=1-60 sweeps further
 * (scripts/shrink-sweep.ts prints what each seed shrinks to).
 */
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { runClaim } from '../../src/claims/runner.ts';
import { makeDist, validateDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import {
  canonicalShapes, densityInsideAssumptions, describeDist, mutateDist, simplifyDist, simplifyDistTiers, supportOfSpec,
} from '../../src/generators/distributions.ts';
import { simplerMarkets, simplifyAgentCase, simplifyDistN } from '../../src/generators/pycia-wang.ts';
import { cutoffValues } from '../../src/models/pycia-wang/cutoff.ts';
import { equalShares } from '../../src/models/pycia-wang/market.ts';
import { t25Printed } from '../../properties/pycia-wang/cutoff.ts';
import { monotone } from '../../properties/pycia-wang/example1.ts';
import { build } from '../../properties/pycia-wang/common.ts';

const range = (s: string) => {
  const [a, b] = s.split('-').map(Number);
  return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
};
const SEEDS = range(process.env.MECHCHECK_SHRINK_SEEDS ?? '1-10');

/** (T2-5) as printed fails for every market but an agent owning everything: the simplest market. */
const T25_SIMPLEST = { market: { n: 2, shares: [0.5, 0.5], dist: { kind: 'uniform', lo: 0, hi: 1 } }, agent: 0 };
/**
 * Example 1's conjecture: uniform F never refutes it, nor a two-piece shape with equal weights
 * and the break at 1/3, 2/3 or 1/4 (pinned below); the next shape, the break at 3/4, falls at n = 2.
 */
const EX1_SIMPLEST = { dist: { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.75, weight: 1 }, { lo: 0.75, hi: 1, weight: 1 }] }, n: 2 };

describe('each finding shrinks to the simplest case its claim allows (search afresh, nothing replayed)', () => {
  for (const [claim, simplest] of [[t25Printed, T25_SIMPLEST], [monotone, EX1_SIMPLEST]] as const) {
    test(`${claim.id}, seeds ${SEEDS[0]}..${SEEDS[SEEDS.length - 1]}`, () => {
      const got = SEEDS.map((seed) => {
        const o = runClaim(claim as any, { seed, replaySaved: false, persist: false });
        return { seed, outcome: o.outcome, input: o.counterexample?.input, describe: o.counterexample?.describe };
      });
      for (const g of got) expect(g, `seed ${g.seed}: ${g.describe}`).toEqual({ seed: g.seed, outcome: claim.verdict, input: simplest, describe: expect.any(String) });
    });
  }

  test('nothing simpler refutes Example 1’s conjecture: uniform and the earlier shapes hold for n = 2..30', () => {
    const ctx = { precision: 'standard' as const, tolerance: monotone.tolerance };
    const simpler: DistSpec[] = [{ kind: 'uniform', lo: 0, hi: 1 }, ...canonicalShapes({ lo: 0, hi: 1 }).slice(0, 3)];
    for (const dist of simpler) for (let n = 2; n <= 30; n++) expect(monotone.property({ dist, n }, ctx).holds, `${describeDist(dist)}, n = ${n}`).toBe(true);
    expect(monotone.property(EX1_SIMPLEST as any, ctx).holds).toBe(false);
  });

  test('the simplest cases read as one line', () => {
    expect(t25Printed.describe!(T25_SIMPLEST as any)).toBe('n = 2, equal shares, F = uniform[0, 1], agent 1');
    expect(monotone.describe!(EX1_SIMPLEST as any)).toBe('F = piecewise-uniform on [0, 1] with breaks at 0.75, weights (1, 1): β* falls from n = 2 to n = 3 (equal shares)');
  });
});

/** A spec inside Section 2's assumptions: valid, continuous, buildable, its density positive on the open support. */
function expectInside(d: DistSpec, what = describeDist(d)) {
  expect(() => validateDist(d), what).not.toThrow();
  expect(() => makeDist(d), what).not.toThrow();
  switch (d.kind) {
    case 'piecewise-uniform': {
      const ps = [...d.pieces].sort((a, b) => a.lo - b.lo);
      for (let i = 0; i < ps.length; i++) {
        expect(ps[i].weight, what).toBeGreaterThan(0);
        expect(ps[i].hi, what).toBeGreaterThan(ps[i].lo);
        if (i > 0) expect(ps[i].lo, `${what}: contiguous`).toBe(ps[i - 1].hi);
      }
      break;
    }
    case 'density': expect(densityInsideAssumptions(d.expr, d.lo, d.hi), what).toBe(true); break;
    case 'beta': expect(Math.min(d.a, d.b), what).toBeGreaterThanOrEqual(1); break;
    case 'mixture': for (const p of d.parts) expectInside(p.dist, what); break;
    default: break;
  }
}

const PW3 = { kind: 'piecewise-uniform' as const, pieces: [{ lo: 2, hi: 2.6, weight: 8 }, { lo: 2.6, hi: 2.85, weight: 7 }, { lo: 2.85, hi: 3, weight: 1 }] };
const SAMPLES: DistSpec[] = [
  { kind: 'truncated-normal', mean: -0.3, sd: 0.05, lo: 0, hi: 1 },
  { kind: 'density', expr: '1.05 + sin(20 * x)', lo: 0, hi: 1 },
  { kind: 'density', expr: '0.01 + exp(-((x - -1) / 0.003)^2)', lo: -1, hi: 0 },
  { kind: 'density', expr: '(x - 1.105)^2 + 0.00190636', lo: 1, hi: 1.3 },
  { kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 1, weight: 1 }] },
  PW3,
  { kind: 'beta', a: 2.37, b: 4, lo: -1, hi: 3 },
  { kind: 'mixture', parts: [{ weight: 2, dist: { kind: 'density', expr: 'x^2 + 0.01', lo: 0, hi: 1 } }, { weight: 1, dist: { kind: 'uniform', lo: 0, hi: 1 } }] },
];

describe('canonical moves', () => {
  test('every kind is offered the uniform on its support first, and a one-piece piecewise-uniform is renamed uniform', () => {
    for (const d of SAMPLES) expect(simplifyDist(d)[0], describeDist(d)).toEqual({ kind: 'uniform', ...supportOfSpec(d) });
  });

  test('every candidate is a valid spec inside the assumptions', () => {
    for (const d of SAMPLES) for (const c of simplifyDist(d)) expectInside(c, `${describeDist(d)} → ${describeDist(c)}`);
  });

  test('rounding that would make a density touch 0 is not offered (1.05 + sin → 1 + sin leaves the model)', () => {
    const exprs = simplifyDist(SAMPLES[1]).flatMap((c) => (c.kind === 'density' ? [c.expr] : []));
    expect(exprs).not.toContain('1 + sin(20 * x)');
  });

  test('non-uniform kinds are offered the canonical two-piece shapes; a two-piece case only simpler ones', () => {
    const shapes = canonicalShapes({ lo: 0, hi: 1 });
    expect(simplifyDist(SAMPLES[1])).toEqual(expect.arrayContaining(shapes));
    const simplest = simplifyDistTiers(EX1_SIMPLEST.dist as DistSpec).structure;
    // Only the shapes before it in the order: no cycles.
    expect(simplest).toEqual([{ kind: 'uniform', lo: 0, hi: 1 }, ...shapes.slice(0, 3)]);
  });

  test('fewer pieces, equal weights, rounder breaks, equal widths', () => {
    const d = PW3;
    const c = simplifyDist(d);
    expect(c).toContainEqual({ kind: 'piecewise-uniform', pieces: [{ lo: 2, hi: 2.85, weight: 15 }, { lo: 2.85, hi: 3, weight: 1 }] });
    expect(c).toContainEqual({ ...d, pieces: d.pieces.map((p) => ({ ...p, weight: 1 })) });
    // The break at 0.6 of the support (3/5) moves to 1/2 (2.5), between its neighbours.
    expect(c).toContainEqual({ ...d, pieces: [{ lo: 2, hi: 2.5, weight: 8 }, { lo: 2.5, hi: 2.85, weight: 7 }, { lo: 2.85, hi: 3, weight: 1 }] });
    expect(c).toContainEqual({ kind: 'piecewise-uniform', pieces: [{ lo: 2, hi: 2.33333333333, weight: 8 }, { lo: 2.33333333333, hi: 2.66666666667, weight: 7 }, { lo: 2.66666666667, hi: 3, weight: 1 }] });
  });

  test('unequal widths are described by their breaks, not as equal-width pieces', () => {
    expect(describeDist(SAMPLES[5])).toBe('piecewise-uniform on [2, 3] with breaks at 2.6, 2.85, weights (8, 7, 1)');
    expect(describeDist({ kind: 'piecewise-uniform', pieces: [{ lo: 0, hi: 0.5, weight: 2 }, { lo: 0.5, hi: 1, weight: 1 }] })).toBe(
      'piecewise-uniform on [0, 1] with 2 equal-width piece(s), weights (2, 1)',
    );
  });

  test('an agent case is relabelled agent 1 first, an exact symmetry (same v* and bracket)', () => {
    const market = { n: 4, shares: [0.1, 0.2, 0.3, 0.4], dist: { kind: 'beta' as const, a: 2, b: 3, lo: 0, hi: 1 } };
    const [first] = simplifyAgentCase({ market, agent: 2 });
    expect(first).toEqual({ market: { ...market, shares: [0.3, 0.2, 0.1, 0.4] }, agent: 0 });
    const a = cutoffValues(build(market));
    const b = cutoffValues(build(first.market));
    expect(b.vStar[0]).toBe(a.vStar[2]);
    expect(b.brackets[0]).toBeCloseTo(a.brackets[2], 14);
  });

  test('simpler markets never drop the followed agent, and say where it went', () => {
    const m = { n: 5, shares: [0.05, 0.3, 0.02, 0.33, 0.3], dist: { kind: 'uniform' as const, lo: 0, hi: 1 } };
    for (const keep of [0, 2, 4]) {
      for (const c of simplerMarkets(m, {}, keep)) {
        expect(c.index).toBeGreaterThanOrEqual(0);
        expect(c.index).toBeLessThan(c.market.n);
        expect(c.market.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 14);
        // Dropping one agent rescales the rest: the followed share is kept up to that factor.
        if (c.market.n === m.n - 1) expect(c.market.shares[c.index] / m.shares[keep]).toBeGreaterThanOrEqual(1);
      }
    }
    const small = simplerMarkets(m, {}, 2).find((c) => c.market.n === 2 && c.market.shares[0] !== 0.5)!;
    expect(small).toEqual({ market: { ...m, n: 2, shares: [0.02, 0.98] }, index: 0 });
    expect(simplifyAgentCase({ market: m, agent: 3 }).every((c) => c.agent < c.market.n)).toBe(true);
  });

  test('(dist, n) cases: each simpler F is tried at n = 2 before its own n; then smaller n', () => {
    const c = simplifyDistN({ dist: SAMPLES[1], n: 11 });
    expect(c.slice(0, 2)).toEqual([{ dist: { kind: 'uniform', lo: 0, hi: 1 }, n: 2 }, { dist: { kind: 'uniform', lo: 0, hi: 1 }, n: 11 }]);
    expect(c).toContainEqual({ dist: SAMPLES[1], n: 2 });
    expect(c).toContainEqual({ dist: SAMPLES[1], n: 10 });
    expect(c.every((x) => x.n >= 2 && x.n <= 11)).toBe(true);
  });
});

const PAPER_SINE: DistSpec = { kind: 'density', expr: '0.1+0.1*sin(x)', lo: 0, hi: 8.4438 };

describe('mutateDist moves every kind, inside the assumptions', () => {
  const kinds: DistSpec[] = [{ kind: 'uniform', lo: 0, hi: 1 }, { kind: 'uniform', lo: -1, hi: 3 }, ...SAMPLES, PAPER_SINE];
  for (const d of kinds) {
    test(describeDist(d), () => {
      const rand = seedrandom(`mutate:${JSON.stringify(d)}`);
      let moved = 0;
      for (let i = 0; i < 25; i++) {
        const m = mutateDist(d, rand, [1, 0.3, 0.05][i % 3]);
        expect(supportOfSpec(m)).toEqual(supportOfSpec(d));
        if (JSON.stringify(m) === JSON.stringify(d)) continue;
        // The paper's sine market touches 0 at 3π/2; what it moves to must not.
        expectInside(m, `${describeDist(d)} → ${describeDist(m)}`);
        moved++;
      }
      expect(moved, 'moves away from d in most draws').toBeGreaterThanOrEqual(d === PAPER_SINE ? 10 : 20);
    });
  }

  test('a uniform leaves through the piecewise-uniform family; a density through its own literals', () => {
    const rand = seedrandom('kinds');
    expect(mutateDist({ kind: 'uniform', lo: 0, hi: 1 }, rand, 0.5).kind).toBe('piecewise-uniform');
    const m = mutateDist({ kind: 'density', expr: '1.2 + sin(13 * x + 2)', lo: 0, hi: 1 }, rand, 0.5);
    expect(m.kind).toBe('density');
    expect((m as { expr: string }).expr).toMatch(/^[\d.]+ \+ sin\([\d.]+ \* x \+ [\d.]+\)$/);
    expect((m as { expr: string }).expr).not.toBe('1.2 + sin(13 * x + 2)');
    // Exponents and digits inside names are not literals to move.
    const e = mutateDist({ kind: 'density', expr: '(x - 0.5)^2 + log10(10 + x)', lo: 0, hi: 1 }, rand, 1) as { expr: string };
    expect(e.expr).toMatch(/^\(x - [\d.]+\)\^2 \+ log10\([\d.]+ \+ x\)$/);
  });

  test('same seed, same mutation', () => {
    const d = SAMPLES[2];
    expect(mutateDist(d, seedrandom('s'), 0.7)).toEqual(mutateDist(d, seedrandom('s'), 0.7));
  });
});

test('equal shares stay equal under simplerMarkets({ equal: true })', () => {
  const m = { n: 6, shares: equalShares(6), dist: { kind: 'uniform' as const, lo: 0, hi: 1 } };
  for (const c of simplerMarkets(m, { equal: true })) expect(c.market.shares).toEqual(equalShares(c.market.n));
});
