/**
 * The registry against the catalogue (../shared/CLAIMS.md): for every registered paper, each id
 * of its table is registered with the catalogue's verdict, and nothing is registered that the
 * catalogue does not hold (but for the allow-list: the suite's own additions). Papers of the
 * catalogue not registered yet are listed as pending (todo), not failed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allClaims, papers } from '../properties/index.ts';
import { ROOT } from '../src/claims/persist.ts';

/** Registered ids that are not catalogue rows, each with why. */
const ALLOW: Record<string, string> = {
  'PW.T2-5.as-printed': 'the printed (T2-5), a finding of the suite: the catalogue describes it under PW.T2-5.identity',
  'JP.Thm4.b-prime-as-printed': 'the printed b′ of the proof of Theorem 4, a finding of the suite: the catalogue\'s JP.Thm4.sufficiency is checked with it repaired',
};

/**
 * ../shared/CLAIMS.md beside the clone (CI's layout): the repository root's parent first, then its
 * ancestors (a worktree sits deeper); MECHCHECK_SHARED names the folder explicitly.
 */
function catalogueFile(): string {
  if (process.env.MECHCHECK_SHARED) return join(process.env.MECHCHECK_SHARED, 'CLAIMS.md');
  const tried: string[] = [];
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    const file = join(dir, 'shared', 'CLAIMS.md');
    tried.push(file);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) throw new Error(`the catalogue is not at ${tried.join(', ')} (set MECHCHECK_SHARED to the shared folder)`);
  }
}

interface Row {
  id: string;
  verdict: string;
}

/** Paper code → name (the section heading) and table rows, in the catalogue's order. */
function readCatalogue(text: string): Map<string, { name: string; rows: Row[] }> {
  const out = new Map<string, { name: string; rows: Row[] }>();
  let current: { name: string; rows: Row[] } | undefined;
  for (const line of text.split('\n')) {
    const head = /^## ([A-Z][A-Z0-9]*) — (.+?), file /.exec(line);
    if (head) {
      current = { name: head[2], rows: [] };
      out.set(head[1], current);
      continue;
    }
    const row = /^\| ([A-Z][A-Z0-9]*\.[^ |]+) \| ([a-z]+) \|/.exec(line);
    if (row) {
      const code = row[1].split('.')[0];
      if (!current || out.get(code) !== current) throw new Error(`CLAIMS.md: ${row[1]} stands outside its paper's section`);
      current.rows.push({ id: row[1], verdict: row[2] });
    }
  }
  return out;
}

const catalogue = readCatalogue(readFileSync(catalogueFile(), 'utf8'));
const registeredIds = new Map(allClaims.map((c) => [c.id, c]));

test('the catalogue reads: five papers, each with its table', () => {
  expect([...catalogue.keys()].sort()).toEqual(['DSV', 'GR', 'HW', 'JP', 'PW']);
  for (const [code, p] of catalogue) expect(p.rows.length, code).toBeGreaterThan(0);
});

describe.each(papers.map((p) => [p.id, p] as const))('registered paper %s', (code, spec) => {
  test('is a paper of the catalogue, under its name', () => {
    const entry = catalogue.get(code);
    expect(entry, `${code} is registered but has no section in CLAIMS.md`).toBeDefined();
    expect(spec.name.startsWith(entry!.name), `${spec.name} vs the catalogue's ${entry!.name}`).toBe(true);
  });

  test('every catalogue id of the paper is registered (or declared pending), with the catalogue\'s verdict', () => {
    const pending = new Set(spec.pending ?? []);
    const rows = (catalogue.get(code)?.rows ?? []).filter((r) => !pending.has(r.id));
    expect(rows.filter((r) => !registeredIds.has(r.id)).map((r) => r.id), 'catalogue ids not registered').toEqual([]);
    expect(rows.filter((r) => registeredIds.get(r.id)!.verdict !== r.verdict).map((r) => `${r.id}: ${registeredIds.get(r.id)!.verdict}, catalogue ${r.verdict}`)).toEqual([]);
  });

  test('pending ids are catalogue rows of the paper, not registered', () => {
    const ids = new Set(catalogue.get(code)?.rows.map((r) => r.id));
    expect((spec.pending ?? []).filter((id) => !ids.has(id) || registeredIds.has(id))).toEqual([]);
  });

  if (spec.pending?.length) test.todo(`${code}: ${spec.pending.length} catalogue claims not encoded yet (${spec.pending.join(', ')})`);

  test('nothing is registered that the catalogue does not hold (but the allow-list)', () => {
    const ids = new Set(catalogue.get(code)?.rows.map((r) => r.id));
    expect(spec.claims.map((c) => c.id).filter((id) => !ids.has(id) && !(id in ALLOW))).toEqual([]);
  });
});

test('the allow-list holds registered ids only (an entry outliving its claim goes)', () => {
  expect(Object.keys(ALLOW).filter((id) => !registeredIds.has(id))).toEqual([]);
});

test('every registered claim belongs to a registered paper', () => {
  const codes = new Set(papers.map((p) => p.id));
  expect(allClaims.filter((c) => !codes.has(c.paper)).map((c) => c.id)).toEqual([]);
});

// Catalogue papers no folder registers yet: pending, listed by name, not failed.
for (const [code, p] of catalogue) {
  if (!papers.some((x) => x.id === code)) test.todo(`${code} (${p.name}): ${p.rows.length} catalogue claims, paper not registered yet`);
}

describe('the lists come from the registered papers', () => {
  test('eval --list prints the registered quantities, in order, then those of models whose paper is not registered yet', async () => {
    const { main } = await import('../src/cli/main.ts');
    const out: string[] = [];
    const code = await main(['eval', '--list'], { out: (s) => out.push(s), err: () => {}, readStdin: () => '', isTTY: false });
    expect(code).toBe(0);
    const names = out.map((l) => l.split('  ')[0]);
    const registeredNames = papers.flatMap((p) => (p.quantities ?? []).map((q) => q.name));
    expect(names.slice(0, registeredNames.length)).toEqual(registeredNames);
    // jp.efficient-cutoffs until Jackson–Palfrey's claims are all in and the paper registers it.
    expect(names.slice(registeredNames.length)).toEqual(papers.some((p) => p.id === 'JP') ? [] : ['jp.efficient-cutoffs']);
  });

  test('the report heads each paper with its registered name', async () => {
    const { paperNames, reportHtml } = await import('../src/report/index.ts');
    const html = reportHtml(allClaims.slice(0, 1), [], 'a test', '0', '2026-01-01', [], [], paperNames(papers));
    const p = papers.find((x) => x.id === allClaims[0].paper)!;
    expect(html).toContain(`${p.id} — ${p.name.replace(/&/g, '&amp;')}`);
  });
});

describe('report --from reads any paper\'s lines, registered or not', () => {
  const line = (paper: string) =>
    JSON.stringify({ id: `${paper}.Thm1.x`, paper, statement: 's', source: 'src', verdict: 'holds', outcome: 'passed', expected: true, runs: 1, seed: 42, millis: 1, labels: {}, message: 'm' });

  test('a paper this checkout does not register parses (reconcile lists it apart)', async () => {
    const { parseOutcomes } = await import('../src/report/index.ts');
    expect(parseOutcomes(line('ZZ'), '--from').map((o) => o.paper)).toEqual(['ZZ']);
  });

  test('a paper field that is no paper code is refused, naming the field', async () => {
    const { parseOutcomes } = await import('../src/report/index.ts');
    expect(() => parseOutcomes(line('pw'), '--from')).toThrow(/^--from: line 1: paper: must be a paper code/);
  });
});
