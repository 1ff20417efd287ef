/**
 * `mechcheck report --from` set against the registry (issue #8, item 20): a line's `expected` is
 * recomputed from the registered claim's verdict and the line's outcome, lines of ids not
 * registered are listed apart and never counted, and --from given several times merges the shards
 * of one run (a claim in two files is exit 2 naming it and both files).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { allClaims } from '../properties/index.ts';
import { main, type IO } from '../src/cli/main.ts';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => '', isTTY: false };
  return { code: await main(argv, io), out, err };
}

type Line = Record<string, unknown> & { id: string; verdict: string; outcome: string; expected: boolean };

let work: string;
let lines: Line[];
const IDS = ['PW.uniform.closed-form', 'PW.T2-5.as-printed', 'PW.Ex1.beta-star-monotone'];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mechcheck-report-from-'));
  const c = await run(['check', ...IDS, '--runs', '3', '--json', '--no-save']);
  expect(c.code).toBe(0);
  lines = c.out.map((l) => JSON.parse(l));
  expect(lines.map((l) => l.id)).toEqual(IDS);
});

function file(name: string, ls: object[]): string {
  const p = join(work, name);
  writeFileSync(p, ls.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return p;
}

const page = (dir: string) => parseHTML(readFileSync(join(dir, 'index.html'), 'utf8')).document;
const text = (el: { textContent: string | null } | null) => (el?.textContent ?? '').replace(/\s+/g, ' ');

describe('a line is judged by the registered claim, not by what it says of itself', () => {
  test('expected: true with an outcome its verdict does not expect: counted as a deviation, exit 1', async () => {
    const bad = { ...lines[0]!, outcome: 'violated', expected: true };
    const out = join(work, 'lying');
    const r = await run(['report', '--from', file('lying.jsonl', [bad, lines[1]!, lines[2]!]), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/\(\d+ claims: 2 at their expected verdict, 1 deviate, 0 inconclusive, \d+ not in this run\)$/);
    expect(text(page(out).querySelector('#totals'))).toContain('1 deviate');
    expect(page(out).querySelector('tr.row')!.getAttribute('data-claim')).toBe('PW.uniform.closed-form');
  });

  test('expected: false with the outcome its verdict expects: as expected, exit 0', async () => {
    const r = await run(['report', '--from', file('modest.jsonl', lines.map((l) => ({ ...l, expected: false }))), '--out', join(work, 'modest')]);
    expect(r.code).toBe(0);
    expect(r.err[0]).toMatch(/: 3 at their expected verdict, 0 deviate/);
  });

  test('a verdict that is not the registered one: judged by the registered verdict, and said so', async () => {
    // The run says the contradicted claim "holds" and passed; the registry expects a contradiction.
    const odd = { ...lines[1]!, verdict: 'holds', outcome: 'passed', expected: true, counterexample: undefined };
    const out = join(work, 'verdict');
    const r = await run(['report', '--from', file('verdict.jsonl', [lines[0]!, odd, lines[2]!]), '--out', out]);
    expect(r.code).toBe(1);
    const row = page(out).querySelector('tr.row[data-claim="PW.T2-5.as-printed"]')!;
    expect(row.querySelectorAll('td')[4]!.textContent).toBe('contradicted');
    expect(text(page(out).querySelector('#claim-PW_T2-5_as-printed'))).toContain('the run recorded verdict holds; the registered verdict is contradicted');
  });
});

describe('ids not registered', () => {
  test('listed apart on the page and on stderr, not rows, not counted', async () => {
    const ghost = { ...lines[0]!, id: 'PW.no-such.claim', outcome: 'violated', expected: false };
    const out = join(work, 'ghost');
    const r = await run(['report', '--from', file('ghost.jsonl', [...lines, ghost]), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/: 3 at their expected verdict, 0 deviate, 0 inconclusive, \d+ not in this run\); not counted: 1 outcome of ids not registered \(PW\.no-such\.claim\)$/);
    const d = page(out);
    expect(d.querySelector('tr.row[data-claim="PW.no-such.claim"]')).toBeNull();
    expect(d.querySelectorAll('tr.row').length).toBe(allClaims.length);
    expect(text(d.querySelector('#totals'))).toContain(`${allClaims.length} registered claims`);
    expect(text(d.querySelector('#totals'))).toContain('0 deviate');
    expect(text(d.querySelector('#totals'))).toContain('Not counted: 1 outcome of ids not registered');
    expect(d.querySelector('#unknown tr.unknown[data-claim="PW.no-such.claim"]')).toBeTruthy();
  });

  test('a run of nothing registered: exit 2 naming --from, nothing written', async () => {
    const out = join(work, 'none');
    const r = await run(['report', '--from', file('none.jsonl', [{ ...lines[0]!, id: 'PW.gone' }]), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^mechcheck: --from: holds no outcome of a registered claim/);
    expect(readdirSync(work)).not.toContain('none');
  });
});

describe('--from given several times: the shards of one run', () => {
  test('merged into one report', async () => {
    const a = file('shard-1.jsonl', [lines[0]!, lines[2]!]);
    const b = file('shard-2.jsonl', [lines[1]!]);
    const out = join(work, 'merged');
    const r = await run(['report', '--from', a, '--from', b, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err[0]).toMatch(/: 3 at their expected verdict/);
    const d = page(out);
    for (const id of IDS) expect(d.querySelector(`tr.row[data-claim="${id}"] .st`)!.textContent, id).toBe('as expected');
    expect(text(d.querySelector('header'))).toContain(`outcomes read from ${a}, ${b}`);
  });

  test('a claim in two files: exit 2 naming the claim and both files, nothing written', async () => {
    const a = file('dup-1.jsonl', [lines[0]!, lines[1]!]);
    const b = file('dup-2.jsonl', [lines[1]!, lines[2]!]);
    const r = await run(['report', '--from', a, '--from', b, '--out', join(work, 'dup')]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`mechcheck: --from: PW.T2-5.as-printed is in both ${a} and ${b} (the shards of one run hold each claim once)`]);
    expect(readdirSync(work)).not.toContain('dup');
  });

  test('a bad line in the second file: the message names that file', async () => {
    const a = file('ok.jsonl', [lines[0]!]);
    const b = join(work, 'broken.jsonl');
    writeFileSync(b, JSON.stringify(lines[1]) + '\n{oops\n');
    const r = await run(['report', '--from', a, '--from', b, '--out', join(work, 'broken')]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(new RegExp(`^mechcheck: --from: ${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: not JSON`));
  });
});
