/**
 * Saved counterexamples when the folder is not as expected: corrupt or misplaced files are
 * skipped and named (never the end of a run), a folder that cannot be written gets the case in
 * the log instead, two runs that find the same case write the same bytes, and a time budget
 * spent before the claim's default depth decides nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { SAME_ROUTE } from '../src/claims/evidence.ts';
import { caseDir, loadSaved, saveCase, strayFiles, writeNewFile } from '../src/claims/persist.ts';
import { claim } from '../src/claims/registry.ts';
import { runClaim } from '../src/claims/runner.ts';
import type { ClaimOutcome, Counterexample } from '../src/claims/types.ts';
import { checkRun } from '../src/cli/check.ts';
import { replayFile } from '../src/cli/replay.ts';
import { parseOutcomes, reportHtml } from '../src/report/index.ts';

/** A refuted claim whose counterexample is found at once and shrinks to 5. */
const toy = claim<number>({
  id: 'PW.Test.toy',
  paper: 'PW',
  source: 'a test',
  statement: 'every integer is below 5 — false',
  verdict: 'refuted',
  tolerance: { why: 'integers, exact' },
  input: fc.integer({ min: 0, max: 100 }),
  property: (x) => ({ holds: x < 5, numbers: { x } }),
  runs: 50,
  decode: (j) => {
    if (typeof j !== 'number') throw new Error('input: must be a number');
    return j;
  },
});

/** A claim that always holds. */
const always = claim<number>({
  id: 'PW.Test.always',
  paper: 'PW',
  source: 'a test',
  statement: 'every integer is an integer',
  verdict: 'holds',
  tolerance: { why: 'integers, exact' },
  input: fc.integer(),
  property: (x) => ({ holds: Number.isInteger(x), numbers: { x } }),
  runs: 30,
});

const casesRoot = (root: string) => join(root, 'fixtures', 'counterexamples');
const roots: string[] = [];
/** A fresh repository root with an empty folder of saved cases. */
function tempRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'mechcheck-persist-'));
  roots.push(r);
  mkdirSync(casesRoot(r), { recursive: true });
  return r;
}
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** The toy claim's shrunk case, saved by a first run, as text. */
function goodCaseText(): string {
  const r = tempRoot();
  const o = runClaim(toy, { root: r, log: () => {} });
  return readFileSync(join(r, o.counterexample!.file!), 'utf8');
}

/** A root holding the toy claim's good case and one file of each kind of damage. */
function damagedRoot(): string {
  const good = goodCaseText();
  const r = tempRoot();
  const dir = caseDir(toy.id, r);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a-good.json'), good);
  writeFileSync(join(dir, 'b-truncated.json'), good.slice(0, 40));
  writeFileSync(join(dir, 'c-schema.json'), JSON.stringify({ ...JSON.parse(good), certified: 'yes' }));
  writeFileSync(join(dir, 'd-other-claim.json'), JSON.stringify({ ...JSON.parse(good), claim: 'PW.Test.always' }));
  writeFileSync(join(dir, 'e-undecodable.json'), JSON.stringify({ ...JSON.parse(good), input: 'five' }));
  mkdirSync(join(casesRoot(r), 'PW.Gone'));
  writeFileSync(join(casesRoot(r), 'PW.Gone', 'x.json'), good);
  return r;
}

describe('corrupt or misplaced saved files are skipped and named, one line each', () => {
  test('loadSaved returns the good cases and a one-line problem per bad file', () => {
    const r = damagedRoot();
    const { cases, problems } = loadSaved(toy.id, r);
    expect(cases.map((c) => c.file)).toEqual(['fixtures/counterexamples/PW.Test.toy/a-good.json', 'fixtures/counterexamples/PW.Test.toy/e-undecodable.json']);
    expect(problems).toEqual([
      { file: 'fixtures/counterexamples/PW.Test.toy/b-truncated.json', reason: expect.stringMatching(/^not JSON \(/) },
      { file: 'fixtures/counterexamples/PW.Test.toy/c-schema.json', reason: expect.stringMatching(/^not a saved case: certified: /) },
      { file: 'fixtures/counterexamples/PW.Test.toy/d-other-claim.json', reason: 'its claim is PW.Test.always but it is in the folder of PW.Test.toy' },
    ]);
    for (const p of problems) expect(p.reason).not.toMatch(/\n/);
    expect(strayFiles([toy.id, always.id], r)).toEqual([{ file: 'fixtures/counterexamples/PW.Gone/x.json', reason: 'PW.Gone is not a registered claim id' }]);
  });

  test('the run finishes: the outcome is unaffected and the skipped files are on it', () => {
    const r = damagedRoot();
    const o = runClaim(toy, { root: r, persist: false, log: () => {} });
    expect(o.outcome).toBe('refuted');
    expect(o.replayed).toEqual([{ file: 'fixtures/counterexamples/PW.Test.toy/a-good.json', still: true, certifiedBy: SAME_ROUTE }]);
    expect(o.skippedFiles?.map((s) => s.file)).toEqual([
      'fixtures/counterexamples/PW.Test.toy/b-truncated.json',
      'fixtures/counterexamples/PW.Test.toy/c-schema.json',
      'fixtures/counterexamples/PW.Test.toy/d-other-claim.json',
      'fixtures/counterexamples/PW.Test.toy/e-undecodable.json',
    ]);
    expect(o.skippedFiles![3].reason).toBe('its input does not decode: input: must be a number');
  });

  test('check: a warning line per file on standard error, the table lists them, the JSON carries them', async () => {
    const r = damagedRoot();
    const out: string[] = [];
    const err: string[] = [];
    const run = await checkRun({ claims: [toy], registered: [toy, always], json: false, save: false, out: (s) => out.push(s), err: (s) => err.push(s), bar: false, root: r });
    expect(run.outcomes.map((o) => o.outcome)).toEqual(['refuted']);
    expect(run.skippedFiles).toEqual([{ file: 'fixtures/counterexamples/PW.Gone/x.json', reason: 'PW.Gone is not a registered claim id' }]);
    const warnings = err.filter((l) => l.startsWith('mechcheck: warning: skipped '));
    expect(warnings).toHaveLength(5);
    expect(warnings).toContain('mechcheck: warning: skipped fixtures/counterexamples/PW.Gone/x.json: PW.Gone is not a registered claim id');
    const table = out.join('\n');
    expect(table).toMatch(/Skipped saved files/);
    for (const f of ['b-truncated', 'c-schema', 'd-other-claim', 'e-undecodable']) expect(table).toContain(`fixtures/counterexamples/PW.Test.toy/${f}.json: `);
    expect(table).toContain('fixtures/counterexamples/PW.Gone/x.json: PW.Gone is not a registered claim id');

    const json: string[] = [];
    await checkRun({ claims: [toy], registered: [toy], json: true, save: false, out: (s) => json.push(s), err: () => {}, bar: false, root: r });
    expect(json).toHaveLength(1);
    const o = JSON.parse(json[0]) as ClaimOutcome;
    expect(o.skippedFiles).toHaveLength(4);
    // report --from keeps them
    expect(parseOutcomes(json[0])[0].skippedFiles).toEqual(o.skippedFiles);
  });

  test('the report names each skipped file, the claim’s and the run’s', () => {
    const r = damagedRoot();
    const o = runClaim(toy, { root: r, persist: false, log: () => {} });
    const html = reportHtml([toy], [o], 'a test', '0', '2026-01-01', [], strayFiles([toy.id], r));
    expect(html).toContain('fixtures/counterexamples/PW.Test.toy/b-truncated.json');
    expect(html).toContain('its claim is PW.Test.always but it is in the folder of PW.Test.toy');
    expect(html).toContain('fixtures/counterexamples/PW.Gone/x.json');
  });

  test('replay names the file in one line', async () => {
    const r = damagedRoot();
    const f = join(caseDir(toy.id, r), 'b-truncated.json');
    await expect(replayFile(f, [toy])).rejects.toThrow(new RegExp(`^FILE: ${f.replace(/[.]/g, '\\.')}: not JSON \\([^\\n]*\\)$`));
    await expect(replayFile(join(caseDir(toy.id, r), 'e-undecodable.json'), [toy])).rejects.toThrow(/e-undecodable\.json: its input does not decode: input: must be a number$/);
  });
});

describe('a folder that cannot be written', () => {
  test('a file where fixtures/counterexamples should be: one warning line, the case whole in the log, the run goes on', () => {
    const r = tempRoot();
    rmSync(casesRoot(r), { recursive: true });
    writeFileSync(casesRoot(r), 'not a folder');
    const log: string[] = [];
    const o = runClaim(toy, { root: r, log: (s) => log.push(s) });
    expect(o.outcome).toBe('refuted');
    expect(o.counterexample?.file).toBeUndefined();
    expect(o.message).toMatch(/not saved: could not write fixtures\/counterexamples\/PW\.Test\.toy\/[0-9a-f]{12}\.json/);
    expect(log).toHaveLength(1);
    const [first, ...rest] = log[0].split('\n');
    expect(first).toMatch(/^mechcheck: warning: could not save the counterexample of PW\.Test\.toy to fixtures\/counterexamples\/PW\.Test\.toy\/[0-9a-f]{12}\.json: E[A-Z]+: /);
    expect(JSON.parse(rest.join('\n'))).toMatchObject({ claim: 'PW.Test.toy', input: 5, certified: true });
    // and the file is as it was
    expect(readFileSync(casesRoot(r), 'utf8')).toBe('not a folder');
  });

  test('a file where the claim’s folder should be: named once on loading, the case logged on saving', () => {
    const r = tempRoot();
    writeFileSync(caseDir(toy.id, r), 'mine');
    const log: string[] = [];
    const o = runClaim(toy, { root: r, log: (s) => log.push(s) });
    expect(o.outcome).toBe('refuted');
    expect(o.skippedFiles).toEqual([{ file: 'fixtures/counterexamples/PW.Test.toy', reason: "is a file where the folder of PW.Test.toy's saved cases should be" }]);
    expect(log[0]).toMatch(/^mechcheck: warning: could not save/);
    expect(readFileSync(caseDir(toy.id, r), 'utf8')).toBe('mine');
  });
});

describe('two runs that find the same case write the same bytes', () => {
  const base: Counterexample = {
    input: { n: 2 },
    describe: 'n = 2',
    numbers: { x: 1 },
    certified: true,
    certification: { standard: { x: 1 }, high: { x: 1 } },
    foundBy: 'random',
  };

  test('seed, path and how it was found stay out of the file', () => {
    const [a, b] = [tempRoot(), tempRoot()];
    const sa = saveCase(toy, { ...base, seed: 1, path: '3:0' }, a);
    const sb = saveCase(toy, { ...base, foundBy: 'targeted' }, b);
    expect(sa.written && sb.written).toBe(true);
    expect(sa.file).toBe(sb.file);
    const [ta, tb] = [readFileSync(join(a, sa.file), 'utf8'), readFileSync(join(b, sb.file), 'utf8')];
    expect(ta).toBe(tb);
    expect(Object.keys(JSON.parse(ta))).not.toContain('seed');
    expect(Object.keys(JSON.parse(ta))).not.toContain('foundBy');
  });

  test('runs with different seeds that shrink to the same case leave one file, byte for byte what either would write', async () => {
    const [a, b] = [tempRoot(), tempRoot()];
    const oa = runClaim(toy, { root: a, seed: 1, replaySaved: false, log: () => {} });
    const ob = runClaim(toy, { root: b, seed: 2, replaySaved: false, log: () => {} });
    expect(oa.counterexample?.seed).not.toBe(ob.counterexample?.seed);
    expect(oa.counterexample?.file).toBe(ob.counterexample?.file);
    expect(readFileSync(join(a, oa.counterexample!.file!), 'utf8')).toBe(readFileSync(join(b, ob.counterexample!.file!), 'utf8'));
    // the seed is still in the outcome and in the CI log, where the run is described
    vi.stubEnv('CI', 'true');
    const c = tempRoot();
    const log: string[] = [];
    runClaim(toy, { root: c, seed: 3, log: (s) => log.push(s) });
    expect(log[0]).toMatch(/found by random search, seed \d+, path /);
    // and replay reads the file as before
    const rep = await replayFile(join(c, readdirSync(caseDir(toy.id, c)).map((f) => join('fixtures/counterexamples/PW.Test.toy', f))[0]), [toy]);
    expect(rep.expected).toBe(true);
  });

  test('writeNewFile leaves a file another process wrote in the meantime, and no temporary behind', () => {
    const r = tempRoot();
    const file = join(caseDir(toy.id, r), 'abc.json');
    mkdirSync(caseDir(toy.id, r));
    writeFileSync(file, 'theirs');
    expect(writeNewFile(file, 'ours')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('theirs');
    expect(readdirSync(caseDir(toy.id, r))).toEqual(['abc.json']);
    const other = join(caseDir(toy.id, r), 'def.json');
    expect(writeNewFile(other, 'ours')).toBe(true);
    expect(readFileSync(other, 'utf8')).toBe('ours');
    expect(readdirSync(caseDir(toy.id, r)).sort()).toEqual(['abc.json', 'def.json']);
    expect(existsSync(file)).toBe(true);
  });
});

describe('a time budget spent before the claim’s default depth', () => {
  test('is inconclusive, saying after how many of how many cases it stopped', () => {
    // The clock jumps a second at every reading: the budget is spent before the first case,
    // whatever the machine's speed.
    let t = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (t += 1000));
    const o = runClaim(always, { root: tempRoot(), timeBudgetMs: 1 });
    expect(o.outcome).toBe('inconclusive');
    expect(o.expected).toBe(false);
    expect(o.message).toMatch(/^stopped by the time budget after 0 of 30 cases/);
  });

  test('a search that ran its default depth keeps its verdict', () => {
    const o = runClaim(always, { root: tempRoot(), timeBudgetMs: 60_000 });
    expect(o.outcome).toBe('passed');
    expect(o.runs).toBe(30);
  });
});
