/** The mechcheck command as a user and a script see it: outputs, exit codes, and bad input. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { allClaims, papers } from '../properties/index.ts';
import { ROOT } from '../src/claims/persist.ts';
import { main, type IO } from '../src/cli/main.ts';
import { selectClaims } from '../src/cli/select.ts';

async function run(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => stdin, isTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const UNIFORM = { kind: 'uniform', lo: 0, hi: 1 };
const valid = { n: 3, shares: [0.5, 0.3, 0.2], distribution: UNIFORM, beta: 0.3 };

describe('eval pw.cutoff', () => {
  test('uniform(0,1) matches the closed forms', async () => {
    const r = await run(['eval', 'pw.cutoff'], JSON.stringify(valid));
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    const n = 3;
    const t1 = (n - 1) / (n + 1) - ((n - 1) / n) * [0.5, 0.3, 0.2].reduce((s, x) => s + x ** (n / (n - 1)), 0);
    // Quadrature at epsrel 1e-11 on polynomial integrands.
    expect(Math.abs(o.T1 - t1)).toBeLessThan(1e-10);
    expect(Math.abs(o.T2 + (n - 1) / (2 * (n + 1)))).toBeLessThan(1e-10);
    expect(o.efficient).toBe(0.3 <= o.betaStar);
  });

  test('JSON Lines: one result a line, in order', async () => {
    const lines = [2, 3, 4].map((n) => JSON.stringify({ n, distribution: UNIFORM })).join('\n');
    const r = await run(['eval', 'pw.cutoff'], lines);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').map((l) => JSON.parse(l).T2)).toEqual([2, 3, 4].map((n) => expect.closeTo(-(n - 1) / (2 * (n + 1)), 10)));
  });

  test('a bad line fails the whole input, naming the line and field, printing nothing', async () => {
    const lines = [JSON.stringify({ n: 2, distribution: UNIFORM }), JSON.stringify({ n: 1, distribution: UNIFORM })].join('\n');
    const r = await run(['eval', 'pw.cutoff'], lines);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^mechcheck: line 2: n: /);
  });

  const bad: [string, unknown, RegExp][] = [
    ['malformed JSON', '{"n": 3,', /input|line 1/],
    ['unknown field', { ...valid, colour: 'red' }, /colour: unknown field/],
    ['n < 2', { ...valid, n: 1, shares: [1] }, /^mechcheck: n: /],
    ['n not an integer', { ...valid, n: 2.5 }, /^mechcheck: n: /],
    ['n absurdly large', { n: 1e9, distribution: UNIFORM }, /^mechcheck: n: must be at most 10000/],
    ['shares of the wrong length', { ...valid, shares: [0.5, 0.5] }, /^mechcheck: shares: must have n = 3/],
    ['negative share', { ...valid, shares: [1.2, -0.2, 0] }, /^mechcheck: shares/],
    ['shares not summing to 1', { ...valid, shares: [0.5, 0.3, 0.3] }, /^mechcheck: shares: must sum to 1/],
    ['β < 0', { ...valid, beta: -1 }, /^mechcheck: beta: /],
    ['missing distribution', { n: 3 }, /^mechcheck: distribution/],
    ['lo ≥ hi', { ...valid, distribution: { kind: 'uniform', lo: 1, hi: 1 } }, /^mechcheck: distribution\.hi/],
    ['atoms', { ...valid, distribution: { kind: 'atoms', points: [[0, 0.5], [1, 0.5]] } }, /^mechcheck: distribution: atoms are outside the model/],
    ['mixture with atoms', { ...valid, distribution: { kind: 'mixture', parts: [{ weight: 1, dist: UNIFORM }, { weight: 1, dist: { kind: 'atoms', points: [[0, 1]] } }] } }, /^mechcheck: distribution: atoms/],
    ['negative density', { ...valid, distribution: { kind: 'density', expr: 'x - 0.5', lo: 0, hi: 1 } }, /^mechcheck: distribution\.expr/],
    ['unknown kind', { ...valid, distribution: { kind: 'cauchy' } }, /^mechcheck: distribution\.kind/],
  ];
  for (const [name, req, pattern] of bad) {
    test(`bad input: ${name} → exit 2, one line naming the field`, async () => {
      const r = await run(['eval', 'pw.cutoff'], typeof req === 'string' ? req : JSON.stringify(req));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(pattern);
    });
  }

  const mutate = fc.oneof(
    fc.jsonValue(),
    fc.record({ key: fc.constantFrom('n', 'shares', 'distribution', 'beta', 'extra'), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.record({ key: fc.constantFrom('kind', 'lo', 'hi', 'a', 'expr'), value: fc.jsonValue() }).map(({ key, value }) => ({ ...valid, distribution: { ...UNIFORM, [key]: value } })),
  );
  ptest.prop([mutate], { numRuns: 150, seed: 7 })('fuzz: random and mutated requests give a result or exit 2 with one line', async (req) => {
    const r = await run(['eval', 'pw.cutoff'], JSON.stringify(req));
    if (r.code === 0) {
      expect(Number.isFinite(JSON.parse(r.out).T1)).toBe(true);
    } else {
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
    }
  });
});

describe('list, check, usage', () => {
  test('list shows every claim with its verdict', async () => {
    const r = await run(['list', '--paper', 'PW', '--json']);
    expect(r.code).toBe(0);
    const ids = r.out.split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toContain('PW.Ex1.beta-star-monotone');
    expect(ids.length).toBeGreaterThanOrEqual(19);
  });

  test('check --json is deterministic for a seed', async () => {
    const argv = ['check', 'PW.uniform.closed-form', '--runs', '5', '--seed', '3', '--json', '--no-save'];
    const a = JSON.parse((await run(argv)).out);
    const b = JSON.parse((await run(argv)).out);
    delete a.millis;
    delete b.millis;
    expect(a).toEqual(b);
    expect(a.outcome).toBe('passed');
  });

  const usage: [string[], RegExp][] = [
    [['check', 'PW.nope'], /ids: unknown claim PW.nope/],
    [['check', '--runs', 'many'], /--runs/],
    [['check', '--runs', '0'], /--runs/],
    [['check', '--shard', '3/2'], /--shard/],
    [['check', '--paper', 'XX'], /--paper/],
    [['check', '--time-budget', '-1'], /--time-budget/],
    [['eval', 'nope.quantity'], /QUANTITY: unknown quantity/],
    [['frobnicate'], /unknown command/],
    [['replay', 'no/such/file.json'], /FILE/],
  ];
  for (const [argv, pattern] of usage) {
    test(`usage error: ${argv.join(' ')} → exit 2, one line`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(pattern);
    });
  }

  test('the installed bin: exit 2 and one line, no stack trace', () => {
    const p = spawnSync(process.execPath, [join(ROOT, 'bin', 'mechcheck.js'), 'eval', 'pw.cutoff'], { input: '{"n": 0}', encoding: 'utf8', cwd: ROOT });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('numeric flags: one message naming the flag, the allowed values and what was given', () => {
  const SEED = /^mechcheck: --seed: must be a whole number from -2147483648 to 2147483647 \(got ".*"\)$/;
  const RUNS = /^mechcheck: --runs: must be a whole number from 1 to 10000000 \(got ".*"\)$/;
  const BUDGET = /^mechcheck: --time-budget: must be a number of seconds above 0 and at most 86400 \(got ".*"\)$/;
  const SHARD = /^mechcheck: --shard: must be I\/N with whole numbers 1 ≤ I ≤ N, e\.g\. 2\/8 \(got ".*"\)$/;
  const cases: [string, string, RegExp][] = [
    ['--seed', '', SEED],
    ['--seed', '0x2a', SEED],
    ['--seed', '1e20', SEED],
    ['--seed', 'abc', SEED],
    ['--seed', '1.5', SEED],
    ['--seed', ' 7', SEED],
    ['--seed', '2147483648', SEED],
    ['--runs', 'abc', RUNS],
    ['--runs', '', RUNS],
    ['--runs', '0', RUNS],
    ['--runs', '1e3', RUNS],
    ['--runs', '0x10', RUNS],
    ['--runs', '10000001', RUNS],
    ['--time-budget', '', BUDGET],
    ['--time-budget', 'abc', BUDGET],
    ['--time-budget', '0', BUDGET],
    ['--time-budget', '-1', BUDGET],
    ['--time-budget', 'Infinity', BUDGET],
    ['--time-budget', '0x10', BUDGET],
    ['--time-budget', '86401', BUDGET],
    ['--shard', '3/2', SHARD],
    ['--shard', '0/2', SHARD],
    ['--shard', '1/0', SHARD],
    ['--shard', '', SHARD],
    ['--shard', '1/2/3', SHARD],
    ['--shard', '0x1/2', SHARD],
  ];
  for (const [flag, value, pattern] of cases) {
    test(`check ${flag} "${value}" → exit 2, one line`, async () => {
      const r = await run(['check', 'PW.uniform.closed-form', flag, value, '--no-save']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(pattern);
      expect(r.err).toContain(`(got ${JSON.stringify(value)})`);
    });
  }

  test('accepted: a negative seed, decimal seconds, a shard; the seed given is the seed used', async () => {
    const r = await run(['check', 'PW.uniform.closed-form', '--runs', '2', '--seed', '-7', '--time-budget', '0.5', '--shard', '1/1', '--json', '--no-save']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).seed).toBe(-7);
  });

  test('report takes the same flags with the same messages', async () => {
    const r = await run(['report', '--seed', '0x2a', '--no-save', '--out', join(mkdtempSync(join(tmpdir(), 'mechcheck-cli-')), 'report')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(SEED);
  });
});

describe('selecting no claim', () => {
  // A registered paper without claims yet (none while every registered paper has some: then these are skipped).
  const empty = papers.find((p) => !allClaims.some((c) => c.paper === p.id))?.id;

  test('--paper takes the registered papers only, and names them (the list is the papers\' folders\')', async () => {
    for (const cmd of ['list', 'check']) {
      // XX: a paper no folder registers.
      const r = await run([cmd, '--paper', 'XX']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`mechcheck: --paper: must be one of ${papers.map((p) => p.id).join(', ')}, the registered papers (got "XX")`);
    }
  });

  test('selecting a paper none of whose claims is given: a UsageError naming --paper', () => {
    // the claims of every paper but HW: HW is then a paper with no claim given
    expect(() => selectClaims(allClaims.filter((c) => c.paper !== 'HW'), { paper: 'HW' })).toThrow('--paper: no claim of paper HW is registered (see mechcheck list)');
    expect(() => selectClaims(allClaims, { ids: ['PW.uniform.closed-form'], paper: 'JP' })).toThrow('--paper: none of the claims named (PW.uniform.closed-form) is of paper JP');
  });
  const slices = allClaims.length + 1;

  test.skipIf(!empty)('check --paper with no claims: exit 2, one line naming --paper', async () => {
    const r = await run(['check', '--paper', empty!]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`mechcheck: --paper: no claim of paper ${empty} is registered (see mechcheck list)`);
  });

  test.skipIf(!empty)('ids that are not of --paper: exit 2 naming --paper and the ids', async () => {
    const r = await run(['check', 'PW.uniform.closed-form', '--paper', empty!]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mechcheck: --paper: none of the claims named (PW.uniform.closed-form) is of paper ${empty}`);
  });

  test('check --shard I/N beyond the claims: exit 2, one line naming --shard', async () => {
    const r = await run(['check', '--shard', `${slices}/${slices}`]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`mechcheck: --shard: slice ${slices} of ${slices} holds no claim (${allClaims.length} claims selected; use N ≤ ${allClaims.length})`);
  });

  test.skipIf(!empty)('report --paper with no claims: exit 2 before anything is written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mechcheck-cli-')), 'report');
    const r = await run(['report', '--paper', empty!, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mechcheck: --paper: no claim of paper/);
    expect(existsSync(out)).toBe(false);
  });

  test.skipIf(!empty)('list --paper with no claims: a true answer, exit 0, nothing on stdout, why on stderr', async () => {
    for (const json of [[], ['--json']]) {
      const r = await run(['list', '--paper', empty!, ...json]);
      expect(r.code).toBe(0);
      expect(r.out).toBe('');
      const pending = papers.find((p) => p.id === empty)!.pending ?? [];
      expect(r.err).toBe([`mechcheck: no claim of paper ${empty} is registered yet`, ...(pending.length ? [`mechcheck: ${empty}: ${pending.length} catalogue claim(s) not encoded yet: ${pending.join(', ')}`] : [])].join('\n'));
    }
  });
});

describe('no command', () => {
  test('mechcheck alone prints the help on stdout, as --help does, exit 0', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Usage: mechcheck /);
    for (const c of ['list', 'check', 'eval', 'replay', 'report']) expect(r.out).toMatch(new RegExp(`\\n  ${c}\\b`));
    expect(r.out).toBe((await run(['--help'])).out);
  });

  test('an unknown command is still exit 2, one line', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("mechcheck: unknown command 'frobnicate'");
  });
});
