/**
 * What an outcome rests on (issue #9): a case is certified by another route than the one that
 * found it, and a bug in the standard route makes certification disagree (inconclusive), not
 * agree; a verdict resting on a replayed case only says so (and `--no-replay` sets saved cases
 * aside), with one definition of "found by the search" for the CLI and the vitest harness; the
 * declared tolerance travels with the outcome; a pass says how hard the search tried.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { foundBySearch, SAME_ROUTE } from '../src/claims/evidence.ts';
import { caseDir, saveCase } from '../src/claims/persist.ts';
import { claim } from '../src/claims/registry.ts';
import { runClaim } from '../src/claims/runner.ts';
import type { Claim, ClaimOutcome, Counterexample } from '../src/claims/types.ts';
import { checkRun } from '../src/cli/check.ts';
import { main, type IO } from '../src/cli/main.ts';
import { replayFile } from '../src/cli/replay.ts';
import { parseOutcomes, reportHtml } from '../src/report/index.ts';

const roots: string[] = [];
/** A fresh repository root with an empty folder of saved cases. */
function tempRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'mechcheck-evidence-'));
  roots.push(r);
  mkdirSync(join(r, 'fixtures', 'counterexamples'), { recursive: true });
  return r;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const EXACT = 'exact integers (BigInt)';

/**
 * "The model's sum of a and b is a + b", a holds claim. The standard route is the model, with
 * `bug` added where `buggy(a)` (an injected error, off by a constant); `certify` recomputes the
 * sum in BigInt, a route the bug does not touch.
 */
function sumClaim(opts: { bug: number; buggy?: (a: number) => boolean; certify?: boolean; max?: number }): Claim<[number, number]> {
  const model = (a: number, b: number) => a + b + ((opts.buggy ?? (() => true))(a) ? opts.bug : 0);
  return claim<[number, number]>({
    id: 'PW.Test.sum',
    paper: 'PW',
    source: 'a test',
    statement: "the model's sum of a and b is a + b",
    verdict: 'holds',
    tolerance: { abs: 1e-9, why: 'integers below 2^31: the sum is exact; 1e-9 leaves room for nothing else' },
    input: fc.tuple(fc.integer({ min: 0, max: opts.max ?? 100 }), fc.integer({ min: 0, max: 100 })),
    runs: 20,
    property: ([a, b], ctx) => {
      const diff = Math.abs(model(a, b) - (a + b));
      return { holds: diff <= ctx.tolerance.abs!, margin: 1 - diff / ctx.tolerance.abs!, numbers: { model: model(a, b), reference: a + b } };
    },
    ...(opts.certify === false
      ? {}
      : {
          certify: ([a, b]: [number, number]) => {
            const exact = BigInt(a) + BigInt(b);
            return { holds: exact === BigInt(a + b), numbers: { exact: exact.toString(), reference: a + b }, route: EXACT };
          },
        }),
    describe: ([a, b]) => `a = ${a}, b = ${b}`,
    decode: (j) => {
      if (!Array.isArray(j) || j.length !== 2 || !j.every(Number.isInteger)) throw new Error('input: must be two integers');
      return j as [number, number];
    },
  });
}

/** "Every integer in the input range is below `limit`" — refuted; certify agrees (BigInt comparison). */
function belowClaim(opts: { limit: number; max: number; certify?: boolean; runs?: number }): Claim<number> {
  return claim<number>({
    id: 'PW.Test.below',
    paper: 'PW',
    source: 'a test',
    statement: `every integer is below ${opts.limit} — false`,
    verdict: 'refuted',
    tolerance: { why: 'integers, exact' },
    input: fc.integer({ min: 0, max: opts.max }),
    runs: opts.runs ?? 30,
    property: (x) => ({ holds: x < opts.limit, margin: opts.limit - x, numbers: { x } }),
    ...(opts.certify === false ? {} : { certify: (x: number) => ({ holds: BigInt(x) < BigInt(opts.limit), numbers: { x: String(x) }, route: EXACT }) }),
    describe: (x) => `x = ${x}`,
    decode: (j) => {
      if (!Number.isInteger(j)) throw new Error('input: must be an integer');
      return j as number;
    },
  });
}

/** Save a case by value, as a run that found it would. */
function saveToy(c: Claim<any>, input: unknown, root: string, certifiedBy = EXACT): string {
  const ce: Counterexample = { input: input as never, describe: String(input), numbers: {}, foundBy: 'random', certified: true, certifiedBy, certification: { standard: {}, high: {} } };
  const { file, error } = saveCase(c, ce, root);
  expect(error).toBeUndefined();
  return file;
}

/** check's table and its JSON line for one claim in a temporary root. */
async function checkBoth(c: Claim<any>, root: string, replay = true): Promise<{ table: string; json: ClaimOutcome }> {
  const out: string[] = [];
  await checkRun({ claims: [c], json: false, save: false, replay, out: (s) => out.push(s), err: () => {}, bar: false, root });
  const json: string[] = [];
  await checkRun({ claims: [c], json: true, save: false, replay, out: (s) => json.push(s), err: () => {}, bar: false, root });
  return { table: out.join('\n'), json: JSON.parse(json[0]) };
}

describe('certification by another route (item 1)', () => {
  test('a bug injected into the standard route: certification disagrees, the outcome is inconclusive with both numbers, nothing is saved', () => {
    const root = tempRoot();
    const o = runClaim(sumClaim({ bug: 0.5 }), { root, log: () => {} });
    expect(o.outcome).toBe('inconclusive');
    expect(o.expected).toBe(false);
    expect(o.counterexample?.certified).toBe(false);
    expect(o.counterexample?.certifiedBy).toBe(EXACT);
    expect(o.searchFound).toBe(false);
    // both numbers: the standard route's model sum and the exact one
    expect(o.message).toMatch(/certification \(exact integers \(BigInt\)\) does not confirm it: the statement holds there/);
    expect(o.message).toMatch(/standard: \{"model":[\d.]+,"reference":\d+\}; certification: \{"exact":"\d+","reference":\d+\}/);
    expect(readdirSync(join(root, 'fixtures', 'counterexamples'))).toEqual([]);
  });

  test('without certify, the same bug is re-run at high precision, agrees with itself, and is said not to be independent', () => {
    const o = runClaim(sumClaim({ bug: 0.5, certify: false }), { root: tempRoot(), persist: false, log: () => {} });
    expect(o.outcome).toBe('violated');
    expect(o.counterexample?.certifiedBy).toBe(SAME_ROUTE);
    expect(o.message).toContain(`certified by ${SAME_ROUTE}`);
  });

  test('both routes agree: certified, the route recorded in the outcome, the JSON, the table, the saved file and the report', async () => {
    const root = tempRoot();
    const c = belowClaim({ limit: 5, max: 100 });
    const o = runClaim(c, { root, log: () => {} });
    expect(o.outcome).toBe('refuted');
    expect(o.counterexample).toMatchObject({ certified: true, certifiedBy: EXACT, foundBy: 'random', input: 5 });
    expect(o.counterexample!.certification.high).toEqual({ x: '5' });
    expect(o.message).toBe(`random search found it, certified by ${EXACT}: x = 5`);
    // the saved file keeps the route: it follows from the case and the claim, not from the run
    const saved = JSON.parse(readFileSync(join(root, o.counterexample!.file!), 'utf8'));
    expect(saved.certifiedBy).toBe(EXACT);
    const again = tempRoot();
    const o2 = runClaim(c, { root: again, seed: 9, log: () => {} });
    expect(readFileSync(join(again, o2.counterexample!.file!), 'utf8')).toBe(readFileSync(join(root, o.counterexample!.file!), 'utf8'));

    const { table, json } = await checkBoth(c, tempRoot());
    expect(json.counterexample?.certifiedBy).toBe(EXACT);
    expect(table).toMatch(/PW\.Test\.below .* random search; certified by exact integers \(BigInt\)/);
    expect(table).toContain(`certified by ${EXACT}: {"x":"5"}`);
    expect(parseOutcomes(JSON.stringify(json))[0].counterexample?.certifiedBy).toBe(EXACT);
    const html = reportHtml([c], [json], 'a test', '0', '2026-01-01');
    expect(html).toContain(`certified by</span> ${EXACT}`);
    expect(html).toContain(`certification: ${EXACT}`);
  });

  test('a replayed case is certified the same way: a disagreement is inconclusive, and replay says which route', async () => {
    const root = tempRoot();
    // The bug touches a = 1000 only, which the generator (0..100) never draws: only the saved case meets it.
    const c = sumClaim({ bug: 0.5, buggy: (a) => a === 1000 });
    const file = saveToy(c, [1000, 1], root);
    const o = runClaim(c, { root, log: () => {} });
    expect(o.outcome).toBe('inconclusive');
    expect(o.replayed).toEqual([{ file, still: false, certifiedBy: EXACT, disagrees: true }]);
    expect(o.message).toMatch(/^the saved case .* is a case by the standard route, but certification \(exact integers \(BigInt\)\) does not confirm it/);
    const r = await replayFile(join(root, file), [c]);
    expect(r.still).toEqual({ standard: true, high: false });
    expect(r.certifiedBy).toBe(EXACT);
    expect(r.expected).toBe(false);
  });

  test('a certification that is undecided does not certify', () => {
    const base = belowClaim({ limit: 5, max: 100 });
    const c = claim<number>({ ...base, certify: (x) => ({ holds: false, numbers: { x }, undecided: 'the exact route ran out of digits', route: EXACT }) });
    const o = runClaim(c, { root: tempRoot(), persist: false, log: () => {} });
    expect(o.outcome).toBe('inconclusive');
    expect(o.message).toContain('it is undecided there (the exact route ran out of digits)');
  });
});

describe('replay vs search (item 2)', () => {
  // The generator draws 0..100, all below 1000: this run's search cannot refute; a saved 1000 does.
  const c = belowClaim({ limit: 1000, max: 100, runs: 20 });

  test('a verdict resting on a saved case only says so: foundBy replay, searchFound false, the message and the table', async () => {
    const root = tempRoot();
    const file = saveToy(c, 1000, root);
    const o = runClaim(c, { root, log: () => {} });
    expect(o.outcome).toBe('refuted');
    expect(o.expected).toBe(true);
    expect(o.counterexample).toMatchObject({ foundBy: 'replay', certified: true, certifiedBy: EXACT, file });
    expect(o.searchFound).toBe(false);
    expect(foundBySearch(o)).toBe(false);
    expect(o.message).toMatch(/^refuted by a saved case only \(this run's search found none; --no-replay shows the search alone\): x = 1000/);
    const { table, json } = await checkBoth(c, root);
    expect(json.searchFound).toBe(false);
    expect(json.counterexample?.foundBy).toBe('replay');
    expect(table).toMatch(/PW\.Test\.below .* saved case only \(this run’s search found none\); certified by exact/);
    expect(table).toContain('found by: a saved case only');
    const html = reportHtml([c], [json], 'a test', '0', '2026-01-01');
    expect(html).toContain('<b>a saved case only</b> (this run’s search found none)');
    expect(html).toMatch(/<tr class="row expected" data-claim="PW\.Test\.below">[\s\S]*?as expected · saved case only/);
  });

  test('--no-replay (replaySaved: false) sets the saved case aside: the search alone decides', async () => {
    const root = tempRoot();
    saveToy(c, 1000, root);
    const { table, json } = await checkBoth(c, root, false);
    expect(json.outcome).toBe('not-refuted');
    expect(json.replayed).toBeUndefined();
    expect(json.searchFound).toBe(false);
    expect(table).toMatch(/not-refuted ✗/);
  });

  test('searchFound is foundBySearch of the outcome, for every kind of outcome', () => {
    const root = tempRoot();
    const outcomes = [
      runClaim(belowClaim({ limit: 5, max: 100 }), { root, log: () => {} }),
      runClaim(sumClaim({ bug: 0.5 }), { root, persist: false, log: () => {} }),
      runClaim(sumClaim({ bug: 0 }), { root, persist: false, log: () => {} }),
    ];
    saveToy(c, 1000, root);
    outcomes.push(runClaim(c, { root, log: () => {} }));
    expect(outcomes.map((o) => o.searchFound)).toEqual([true, false, false, false]);
    for (const o of outcomes) expect(o.searchFound).toBe(foundBySearch(o));
  });

  test('the CLI: check --no-replay leaves saved cases unread; report --from refuses --no-replay', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => '', isTTY: false };
    // PW.T2-5.as-printed has a saved case (fixtures/counterexamples): replayed by default, not with --no-replay.
    expect(await main(['check', 'PW.T2-5.as-printed', '--json', '--no-save'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).replayed?.length).toBeGreaterThan(0);
    await main(['check', 'PW.T2-5.as-printed', '--json', '--no-save', '--no-replay'], io);
    expect(JSON.parse(out.pop()!).replayed).toBeUndefined();
    err.length = 0;
    expect(await main(['report', '--from', 'run.jsonl', '--no-replay', '--out', join(tempRoot(), 'r')], io)).toBe(2);
    expect(err).toEqual(['mechcheck: --from: reads a finished run; --no-replay applies only when the report runs the claims']);
  });
});

describe('the declared tolerance travels with the outcome (item 4)', () => {
  test('check --json carries it; the report shows it with its why', async () => {
    const c = sumClaim({ bug: 0 });
    const { json } = await checkBoth(c, tempRoot());
    expect(json.tolerance).toEqual({ abs: 1e-9, why: c.tolerance.why });
    expect(parseOutcomes(JSON.stringify(json))[0].tolerance).toEqual(json.tolerance);
    const html = reportHtml([c], [json], 'a test', '0', '2026-01-01');
    expect(html).toContain('<span class="label">tolerance</span> abs 1.0000e-9 — integers below 2^31');
  });
});

describe('search strength of a pass (item 7)', () => {
  /** "x > 0" on x in 50..100; the targeted phase steps down, so it gets closer than any generated case. */
  const positive = claim<number>({
    id: 'PW.Test.positive',
    paper: 'PW',
    source: 'a test',
    statement: 'x > 0',
    verdict: 'holds',
    tolerance: { why: 'integers, exact' },
    input: fc.integer({ min: 50, max: 100 }),
    runs: 25,
    property: (x) => ({ holds: x > 0, margin: x, numbers: { x } }),
    search: { mutate: (x) => Math.max(1, x - 1), budget: 200 },
    describe: (x) => `x = ${x}`,
  });

  test('cases, targeted steps and the closest margin reached, with its case and phase: JSON, table and report', async () => {
    const { table, json } = await checkBoth(positive, tempRoot());
    expect(json.outcome).toBe('passed');
    expect(json.search).toEqual({ cases: 25, targeted: 200, targetedBudget: 200, closestMargin: 1, closestCase: 'x = 1', closestPhase: 'targeted' });
    expect(json.closest?.describe).toBe('x = 1');
    expect(table).toMatch(/PW\.Test\.positive .* passed .* 25 cases \+ 200 targeted; closest margin 1 \(targeted\) at x = 1$/m);
    const html = reportHtml([positive], [json], 'a test', '0', '2026-01-01');
    expect(html).toContain('search strength</span> 25 cases + 200 targeted; closest margin 1 (targeted) at x = 1 (targeted budget 200)');
  });

  test('without a targeted phase the closest generated case is named', () => {
    const o = runClaim({ ...positive, search: undefined }, { root: tempRoot(), log: () => {} });
    expect(o.search).toMatchObject({ cases: 25, targeted: 0, targetedBudget: 0, closestPhase: 'random' });
    expect(o.search!.closestCase).toBe(`x = ${o.search!.closestMargin}`);
    expect(o.search!.closestMargin).toBe(o.numbers!.minScore);
  });
});
