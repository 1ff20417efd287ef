/**
 * Tests written against the mutation run of src/models/hu-wallace/theorem1.ts (mutation/results/mut8-hw.md):
 * F_x (23) at M = 3 against a hand enumeration of the three configurations with their binomial weights,
 * the cache's reuse, the inverse-CDF draws at their cut points, the Monte Carlo standard error against a
 * two-pass sample variance, and candidateAtM's route choice and worst pair.
 */
import { expect, test } from 'vitest';
import { utilityValue } from '../../src/economy/two-goods.ts';
import type { HwEconomy } from '../../src/models/hu-wallace/economy.ts';
import { inactiveLoss, solveStage1 } from '../../src/models/hu-wallace/stage1.ts';
import {
  activeFor, candidateAtM, drawOthers, populationFor, EquilibriumCache, expectedStage2Exact, expectedStage2MonteCarlo, stage2Consumption,
} from '../../src/models/hu-wallace/theorem1.ts';

function econ(): HwEconomy {
  return {
    endowment: { q: 1, r: 1 },
    epsilon: { q: 0.01, r: 0.01 },
    states: [{ name: 'z1', prior: 0.4 }, { name: 'z2', prior: 0.6 }],
    types: [
      { name: 'x1', likelihood: [0.3, 0.7], utility: [{ kind: 'log', a: 3, b: 1 }, { kind: 'log', a: 2, b: 1 }] },
      { name: 'x2', likelihood: [0.7, 0.3], utility: [{ kind: 'log', a: 1, b: 1.5 }, { kind: 'log', a: 0.5, b: 1 }] },
    ],
  };
}

test('F_x (23) at M = 3: the three configurations of the two others, weighted by τ_x(z)·Binomial(2, μ_z)', () => {
  const e = econ();
  const s = solveStage1(e);
  const cache = new EquilibriumCache(e);
  const x = 0;
  // τ_x(z) ∝ κ(z) μ_z(x)
  const t = [0.4 * 0.3, 0.6 * 0.7].map((v, _, a) => v / (a[0] + a[1]));
  const xis = [[2, 0], [1, 1], [0, 2]];
  const binom = (p: number) => [p * p, 2 * p * (1 - p), (1 - p) * (1 - p)];
  const w = [binom(0.3), binom(0.7)];
  for (const xb of [0, 1]) {
    let F = 0;
    xis.forEach((xi, j) => {
      const c = stage2Consumption(cache, x, xb, xi);
      for (const z of [0, 1]) F += t[z] * w[z][j] * utilityValue(e.types[x].utility[z], c.q, c.r);
    });
    const got = expectedStage2Exact(cache, s, x, [xb], 3);
    expect(got.F[0]).toBeCloseTo(F, 13);
    expect(got.terms).toBe(3);
    expect(got.skippedMass).toBe(0);
    expect(got.se).toEqual([0]);
    expect(got.method).toBe('exact');
  }
});

test('terms below 1e-16 are skipped and their mass reported', () => {
  const e = econ();
  e.types[0].likelihood = [1e-9, 1e-9];
  e.types[1].likelihood = [1 - 1e-9, 1 - 1e-9];
  const s = solveStage1(e);
  const got = expectedStage2Exact(new EquilibriumCache(e), s, 1, [1], 3);
  // ξ = (2, 0) has weight 1e-18 (skipped); (1, 1) 2e-9 and (0, 2) ≈ 1 are kept
  expect(got.terms).toBe(2);
  expect(got.skippedMass).toBeCloseTo(1e-18, 30);
});

test('the cache solves each configuration once; the defector and nondefector read the same β^{σ\'}', () => {
  const cache = new EquilibriumCache(econ());
  const a = cache.get([2, 3]);
  expect(cache.get([2, 3])).toBe(a);
  expect(cache.solves).toBe(1);
  cache.get([3, 2]);
  expect(cache.solves).toBe(2);
  // a type-0 agent read as type 1 among ξ = (1, 2): the others play β^{(1, 3)}
  stage2Consumption(cache, 0, 1, [1, 2]);
  expect(cache.solves).toBe(3);
  stage2Consumption(cache, 1, 1, [1, 2]);
  expect(cache.solves).toBe(3);
});

test('draws by inverse CDF: the cut points belong to the next type; rand in [0, 1) never reaches past the last', () => {
  const e = econ(); // z1: μ = (0.3, 0.7); z2: (0.7, 0.3)
  const seq = [0, 0.3, 0.29, 0.999999];
  let i = 0;
  const d = drawOthers(e, 5, 1, () => seq[i++ % seq.length]);
  // M − 1 = 4 agents per draw; z1 uses the 4 values: 0 → x1, 0.3 → x2 (cut), 0.29 → x1, 0.999999 → x2
  expect(d[0]).toEqual([[2, 2]]);
  // z2: 0, 0.3, 0.29 → x1 (below 0.7), 0.999999 → x2
  expect(d[1]).toEqual([[3, 1]]);
});

test('the Monte Carlo standard error is Σ_z τ_z² s_z²/n of the per-draw gain (two-pass sample variance)', () => {
  const e = econ();
  const s = solveStage1(e);
  const cache = new EquilibriumCache(e);
  const samples = [[[2, 0], [1, 1], [0, 2]], [[1, 1], [0, 2]]];
  for (const x of [1, 0]) {
  const mc = expectedStage2MonteCarlo(cache, s, x, [0, 1], samples);
  let v = 0;
  let F0 = 0;
  samples.forEach((draws, z) => {
    const g = draws.map((xi) => {
      const val = (xb: number) => {
        const c = stage2Consumption(cache, x, xb, xi);
        return utilityValue(e.types[x].utility[z], c.q, c.r);
      };
      F0 += (s.tau[x][z] * val(0)) / draws.length;
      return val(1 - x) - val(x);
    });
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    const s2 = g.reduce((a, b) => a + (b - mean) ** 2, 0) / (g.length - 1);
    v += (s.tau[x][z] ** 2 * s2) / g.length;
  });
  expect(mc.F[0]).toBeCloseTo(F0, 13);
  expect(mc.se[1 - x]).toBeCloseTo(Math.sqrt(v), 10);
  expect(mc.se[x]).toBe(0);
  expect(mc.terms).toBe(5);
  expect(mc.method).toBe('monte-carlo');
  }
  const x = 1;
  // one draw in a stratum: no variance estimate
  expect(expectedStage2MonteCarlo(cache, s, x, [0, 1], [[[1, 1]], [[0, 2], [1, 1]]]).se[0]).toBe(Infinity);
});

test('candidateAtM: exact under the limit, Monte Carlo above it only with a generator; the worst pair is the largest net gain', () => {
  const e = econ();
  const a = candidateAtM(e, 0.5, 3);
  expect(a.method).toBe('exact');
  expect(a.N).toBe(5); // ⌈N/2⌉ = 3 first at N = 5
  expect(a.gain[0][0]).toBe(0);
  expect(a.loss[1][1]).toBe(0);
  const nets = [[0, 1], [1, 0]].map(([x, xb]) => (3 / 5) * a.gain[x][xb] - (2 / 5) * a.loss[x][xb]);
  expect(a.worstNet).toBe(Math.max(...nets));
  expect(a.worstPair).toEqual(nets[0] >= nets[1] ? [0, 1] : [1, 0]);
  expect(candidateAtM(e, 0.25, 3, { exactLimit: 1 }).method).toBe('exact');
  let k = 0;
  const m = candidateAtM(e, 0.25, 3, { exactLimit: 1, draws: 3, rand: () => ((k++ * 0.37) % 1) });
  expect(m.method).toBe('monte-carlo');
  expect(m.se[0][1]).toBeGreaterThan(0);
  expect(candidateAtM(e, 0.25, 3, { N: 10 }).N).toBe(10);
});

test('the defaults of candidateAtM: exact up to 2000 compositions even with a generator; 64 draws per state', () => {
  const e = econ();
  let k = 0;
  const rand = () => ((k++ * 0.6180339887) % 1);
  expect(candidateAtM(e, 0.5, 3, { rand }).method).toBe('exact');
  // M − 1 = 2000 others of 2 types: 2001 compositions, past the default limit
  const s = solveStage1(e);
  const m = candidateAtM(e, 0.5, 2001, { rand, s, cache: new EquilibriumCache(e) });
  expect(m.method).toBe('monte-carlo');
  expect(Number.isFinite(m.se[0][1])).toBe(true);
});

test('M from N rounds a rational (1 − η)N that lands on an integer down to it: (1 − 0.7)·10 = 3', () => {
  expect(activeFor(10, 0.7)).toBe(3);
  expect(activeFor(100, 0.45)).toBe(55);
  expect(populationFor(3, 0.7)).toBe(7); // ⌈0.3·7⌉ = 3
});

/** The smallest N with activeFor(N) ≥ M, by scanning N upward from M (the definition, not the shortcut). */
function scanPopulation(M: number, eta: number): number {
  let N = M;
  while (activeFor(N, eta) < M) N++;
  return N;
}

test('populationFor against a scan, where the start ⌊(M − 1)/(1 − η)⌋ + 1 is one short in doubles', () => {
  // 3/(1 − 0.7) = 9.999…8 in doubles: the start N = 10 is one short (⌈0.3·10⌉ = 3), the upward loop must run
  expect(populationFor(4, 0.7)).toBe(scanPopulation(4, 0.7));
  expect(populationFor(4, 0.7)).toBe(11);
  // 0.55·40980 = 22539 exactly; the double product exceeds it by ~2e-12, more than a fixed 1e-12 nudge
  expect(activeFor(40980, 0.45)).toBe(22539);
  expect(populationFor(22540, 0.45)).toBe(scanPopulation(22540, 0.45));
  expect(populationFor(22540, 0.45)).toBe(40981);
});

test('activeFor against exact integer arithmetic: ⌈(100 − a)N/100⌉ for η = a/100, N up to 10^7', () => {
  // the reference is BigInt ceiling division, no floating point; N spread log-uniformly, each a in 1..99
  let bad = 0;
  for (let a = 1; a <= 99; a++) {
    for (let k = 0; k < 60; k++) {
      const N = Math.round(Math.exp((k / 59) * Math.log(1e7))) + a;
      const num = BigInt(100 - a) * BigInt(N);
      const exact = Number((num + 99n) / 100n);
      if (activeFor(N, a / 100) !== exact) bad++;
      if (populationFor(exact, a / 100) > N) bad++; // N itself has ⌈(1 − η)N⌉ = exact agents
    }
  }
  expect(bad).toBe(0);
});

test('the cache keys configurations with a separator: (1, 12) and (11, 2) are different economies', () => {
  const cache = new EquilibriumCache(econ());
  const a = cache.get([1, 12]);
  const b = cache.get([11, 2]);
  expect(cache.solves).toBe(2);
  expect(a.offers).not.toEqual(b.offers);
});

test('Monte Carlo without the own type among x̄: the standard error is that of F itself (no difference taken)', () => {
  const e = econ();
  const s = solveStage1(e);
  const cache = new EquilibriumCache(e);
  const samples = [[[2, 0], [1, 1], [0, 2]], [[1, 1], [0, 2]]];
  const x = 0;
  const mc = expectedStage2MonteCarlo(cache, s, x, [1], samples);
  let v = 0;
  samples.forEach((draws, z) => {
    const g = draws.map((xi) => {
      const c = stage2Consumption(cache, x, 1, xi);
      return utilityValue(e.types[x].utility[z], c.q, c.r);
    });
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    v += (s.tau[x][z] ** 2 * g.reduce((a, b) => a + (b - mean) ** 2, 0)) / (g.length - 1) / g.length;
  });
  expect(mc.se[0]).toBeCloseTo(Math.sqrt(v), 10);
});

test('candidateAtM: the exact limit is inclusive (3 compositions of 2 into 2 parts at a limit of 3)', () => {
  const e = econ();
  let k = 0;
  const rand = () => ((k++ * 0.37) % 1);
  expect(candidateAtM(e, 0.5, 3, { exactLimit: 3, draws: 3, rand }).method).toBe('exact');
  expect(candidateAtM(e, 0.5, 3, { exactLimit: 2, draws: 3, rand }).method).toBe('monte-carlo');
});

test('candidateAtM: the losses are the inactive losses ℓ_x(x̄) off the diagonal; the first pair can be the worst', () => {
  const e = econ();
  const s = solveStage1(e);
  const a = candidateAtM(e, 0.5, 3, { s });
  expect(a.loss[0][1]).toBe(inactiveLoss(e, s, 0, 1));
  expect(a.loss[1][0]).toBe(inactiveLoss(e, s, 1, 0));
  expect(a.loss[0][1] + a.loss[1][0]).toBeGreaterThan(0);
  // the same economy with the types listed the other way round: the worst pair moves with them
  const r = { ...e, types: [e.types[1], e.types[0]] };
  const b = candidateAtM(r, 0.5, 3);
  const nets = [[0, 1], [1, 0]].map(([x, xb]) => (3 / 5) * b.gain[x][xb] - (2 / 5) * b.loss[x][xb]);
  expect(nets[0]).not.toBe(nets[1]);
  expect(b.worstPair).toEqual(nets[0] > nets[1] ? [0, 1] : [1, 0]);
  expect(a.worstPair).toEqual([b.worstPair[1], b.worstPair[0]]);
});

test('candidateAtM with one type: no pair to compare, worstNet −∞ and worstPair (−1, −1)', () => {
  const e = econ();
  const one: HwEconomy = { ...e, types: [{ ...e.types[0], likelihood: [1, 1] }] };
  const a = candidateAtM(one, 0.5, 3);
  expect(a.worstNet).toBe(-Infinity);
  expect(a.worstPair).toEqual([-1, -1]);
});
