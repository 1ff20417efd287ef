/**
 * The runner's phases one by one (issue #10, "a runner a reader can follow"): each named phase of
 * src/claims/runner.ts on a toy claim, and the verdict strategies of src/claims/verdicts.ts.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { EXPECTED, outcomeOf } from '../src/claims/registry.ts';
import {
  certifyPhase, coveragePhase, decide, fixturesPhase, newTally, persistPhase, planRun, randomPhase, replayPhase, runSync, shrinkPhase, targetedPhase, type Evidence,
} from '../src/claims/runner.ts';
import type { CheckResult, Claim, Verdict } from '../src/claims/types.ts';
import { STRATEGIES } from '../src/claims/verdicts.ts';

const roots: string[] = [];
function tempRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'mechcheck-pipeline-'));
  roots.push(r);
  mkdirSync(join(r, 'fixtures', 'counterexamples'), { recursive: true });
  return r;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** "Every integer in [0, max] is below `limit`", with margin limit − 1 − x. */
function below(opts: { limit: number; max?: number; verdict?: Verdict; search?: boolean }): Claim<number> {
  return {
    id: 'PW.Test.below',
    paper: 'PW',
    source: 'a test',
    statement: `every integer is below ${opts.limit}`,
    verdict: opts.verdict ?? 'refuted',
    tolerance: { abs: 0, why: 'integers' },
    input: fc.integer({ min: 0, max: opts.max ?? 1000 }),
    runs: 50,
    property: (x) => ({ holds: x < opts.limit, margin: opts.limit - 1 - x, numbers: { x } }),
    simplify: (x) => (x > opts.limit ? [opts.limit, x - 1] : []),
    ...(opts.search ? { search: { mutate: (x: number, rand: () => number, scale: number) => Math.min(opts.max ?? 1000, Math.max(0, Math.round(x + (rand() - 0.3) * 50 * scale))), budget: 400 } } : {}),
  };
}

describe('verdict strategies', () => {
  test('each names the outcomes registry.ts names, and expects what EXPECTED says', () => {
    for (const v of ['holds', 'refuted', 'witness', 'contradicted'] as Verdict[]) {
      const s = STRATEGIES[v];
      expect([s.found, s.notFound]).toEqual([outcomeOf(v, true), outcomeOf(v, false)]);
      expect(s.expected).toBe(EXPECTED[v]);
      expect(s.expectsCase).toBe(v !== 'holds');
    }
  });
  test('witness looks for a case that holds and climbs the margin up; the others for one that fails', () => {
    const yes = { holds: true, margin: 2, numbers: {} };
    const no = { holds: false, margin: -1, numbers: {} };
    expect(STRATEGIES.witness.interesting(yes)).toBe(true);
    expect(STRATEGIES.holds.interesting(no)).toBe(true);
    expect(STRATEGIES.holds.interesting(yes)).toBe(false);
    expect(STRATEGIES.witness.score(yes)).toBe(-2);
    expect(STRATEGIES.refuted.score(yes)).toBe(2);
    // An undecided case is never interesting.
    expect(STRATEGIES.holds.interesting({ ...no, undecided: 'why' })).toBe(false);
  });
});

describe('phases', () => {
  test('planRun: seeds, depth and the targeted budget scaled by --runs', () => {
    const p = planRun(below({ limit: 5, search: true }), { runs: 100, seed: 7 }, 1000);
    expect(p.runs).toBe(100);
    expect(p.defaultRuns).toBe(50);
    expect(p.searchBudget).toBe(800);
    expect(p.planned).toBe(900);
    expect(p.deadline).toBe(Infinity);
    expect(planRun(below({ limit: 5 }), { timeBudgetMs: 10 }, 1000).deadline).toBe(1010);
  });

  test('randomPhase: tallies every case and returns fast-check’s shrunk case', () => {
    const t = newTally<number>();
    const r = runSync(randomPhase(planRun(below({ limit: 500 }), { root: tempRoot() }), t));
    expect(r.found?.foundBy).toBe('random');
    expect(r.found?.input).toBe(500); // fast-check shrinks to the boundary
    expect(t.generated).toBeGreaterThan(0);
    expect(t.closest).toBeDefined();
  });

  test('randomPhase: a spent budget runs nothing and says it stopped', () => {
    const t = newTally<number>();
    const r = runSync(randomPhase(planRun(below({ limit: 500 }), { timeBudgetMs: -1 }), t));
    expect(r).toEqual({ stopped: true });
    expect(t.generated).toBe(0);
  });

  test('targetedPhase: climbs from the best random cases to a case the random phase missed', () => {
    const c = below({ limit: 990, max: 1000, search: true });
    const plan = planRun(c, { root: tempRoot(), runs: 5 });
    const t = newTally<number>();
    t.top.push({ input: 900, score: 89 });
    const f = runSync(targetedPhase(plan, t));
    expect(f?.foundBy).toBe('targeted');
    expect(f!.input).toBeGreaterThanOrEqual(990);
    expect(t.climbed).toBeGreaterThan(0);
    // Without starting points there is nothing to climb.
    expect(runSync(targetedPhase(plan, newTally<number>()))).toBeUndefined();
  });

  test('shrinkPhase: follows the claim’s simplifications while the case stays interesting', () => {
    expect(runSync(shrinkPhase(below({ limit: 10 }), 700, Infinity)).input).toBe(10);
  });

  test('shrinkPhase: a simplification back to the case itself, or to a case seen before, is not evaluated again', () => {
    let evaluated = 0;
    const c = below({ limit: 10 });
    const claim: Claim<number> = {
      ...c,
      property: (x, ctx) => (evaluated++, c.property(x, ctx) as CheckResult),
      // 20 simplifies to itself and to 30, 30 back to 20: a cycle with no simpler case
      simplify: (x) => (x === 20 ? [20, 30] : x === 30 ? [20] : []),
    };
    expect(runSync(shrinkPhase(claim, 20, Infinity)).input).toBe(30);
    expect(evaluated).toBe(2); // 20 once (the start), 30 once
  });

  test('certifyPhase + persistPhase: a certified case is saved once, then found saved', () => {
    const root = tempRoot();
    const plan = planRun(below({ limit: 10 }), { root, log: () => {} });
    const found = { input: 12, foundBy: 'random' as const, path: '0' };
    const { counterexample, cert } = runSync(certifyPhase(plan, found, runSync(shrinkPhase(plan.claim, 12, Infinity))));
    expect(cert.certified).toBe(true);
    expect(counterexample).toMatchObject({ input: 10, foundBy: 'random', certified: true });
    expect(persistPhase(plan, counterexample, found)).toEqual({});
    expect(counterexample.file).toMatch(/^fixtures\/counterexamples\/PW\.Test\.below\//);
    // The next run replays it.
    const replay = runSync(replayPhase(planRun(plan.claim, { root })));
    expect(replay.hit?.file).toBe(counterexample.file);
    expect(replay.replayed).toEqual([{ file: counterexample.file, still: true, certifiedBy: expect.any(String) }]);
  });

  test('fixturesPhase: each fixture checked, its numbers matched to the paper’s', () => {
    const c = { ...below({ limit: 10 }), fixtures: [{ name: 'a', input: 3, expect: { x: 3 } }, { name: 'b', input: 12, expect: { x: 11 } }] };
    expect(runSync(fixturesPhase(planRun(c, { root: tempRoot() })))).toEqual([
      { name: 'a', holds: true, numbers: { x: 3 }, matches: true },
      { name: 'b', holds: false, numbers: { x: 12 }, matches: false, mismatches: ["x = 12, the paper's 11"] },
    ]);
  });

  test('replayPhase: --no-replay reads nothing', () => {
    expect(runSync(replayPhase(planRun(below({ limit: 10 }), { root: tempRoot(), replaySaved: false })))).toEqual({ replayed: [], skippedFiles: [] });
  });

  test('coveragePhase: nothing without cover; a label never seen is insufficient', () => {
    const c = below({ limit: 5000, verdict: 'holds' });
    const plan = planRun(c, { root: tempRoot() });
    expect(coveragePhase(plan, newTally())).toBeUndefined();
    const t = newTally<number>();
    t.generated = 100;
    const cov = coveragePhase(planRun({ ...c, labels: () => [], cover: [{ label: 'big', min: 0.5 }] }, { root: tempRoot() }), t);
    expect(cov?.coverage.verdict).toBe('insufficient');
    expect(cov?.inconclusive).toMatch(/^coverage: /);
  });

  test('decide: throws first, then a found case, then a saved one, then the time budget, then none found', () => {
    const c = below({ limit: 10, verdict: 'holds' });
    const plan = planRun(c, { root: tempRoot() });
    const none: Evidence<number> = { replay: { replayed: [], skippedFiles: [] }, random: { stopped: false } };
    const t = newTally<number>();
    t.generated = 50;
    expect(decide(plan, t, none)).toEqual({ outcome: 'passed', message: '50 generated case(s), none a counterexample' });
    expect(decide(plan, t, { ...none, random: { stopped: true } }).outcome).toBe('passed'); // the whole default depth ran
    const few = { ...newTally<number>(), generated: 3 };
    expect(decide(plan, few, { ...none, random: { stopped: true } }).message).toMatch(/^stopped by the time budget after 3 of 50 cases/);
    const hit = { input: 1, describe: '1', numbers: {}, foundBy: 'replay' as const, certified: true, certifiedBy: 'x', certification: { standard: {}, high: {} }, file: 'f' };
    expect(decide(plan, t, { ...none, replay: { ...none.replay, hit } })).toMatchObject({ outcome: 'violated', counterexample: hit });
    const threw = { ...t, errors: [{ input: 3, error: 'boom' }] };
    expect(decide(plan, threw, { ...none, replay: { ...none.replay, hit } })).toEqual({ outcome: 'inconclusive', message: 'the property threw on 1 case(s): boom (input 3)' });
    const w = planRun(below({ limit: 10, verdict: 'witness' }), { root: tempRoot() });
    expect(decide(w, t, none)).toEqual({ outcome: 'not-witnessed', message: '50 generated case(s), none a witness' });
  });
});
