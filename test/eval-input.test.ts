/**
 * `mechcheck eval` at its edge: whatever text arrives (non-objects, byte-order marks, duplicate
 * keys, huge names, long or deeply nested expressions), the outcome is a result or exit 2 with one
 * short stderr line naming the field — never exit 3, never a stack trace, never a 1 MB echo.
 */
import { fc, test as ptest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { main, type IO } from '../src/cli/main.ts';
import { findDuplicateKey } from '../src/cli/json-text.ts';

async function run(stdin: string, argv = ['eval', 'pw.cutoff']) {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (s) => out.push(s), err: (s) => err.push(s), readStdin: () => stdin, isTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const UNIFORM = { kind: 'uniform', lo: 0, hi: 1 };
const ok = (n = 2, distribution: unknown = UNIFORM) => JSON.stringify({ n, distribution });
const density = (expr: string) => JSON.stringify({ n: 2, distribution: { kind: 'density', expr, lo: 0, hi: 1 } });
const BOM = '\uFEFF';
/** `dist` inside `depth` levels of one-part mixtures (the longest field paths a request has). */
const deepMixture = (depth: number, dist: unknown): unknown => (depth === 0 ? dist : { kind: 'mixture', parts: [{ weight: 1, dist: deepMixture(depth - 1, dist) }] });
/** The longest error line any input may produce (echoed user text is clipped to 60 characters). */
const MAX_LINE = 300;

describe('item 16: a request that is not an object names `request`', () => {
  test.each([
    ['[]', 'an array'],
    ['5', '5'],
    ['null', 'null'],
    ['"text"', '"text"'],
  ])('%s', async (text, got) => {
    const r = await run(text);
    expect(r).toEqual({ code: 2, out: '', err: `mechcheck: request: must be an object (got ${got})` });
  });

  test('in JSON Lines, `line N: request`', async () => {
    const r = await run([ok(), '[]'].join('\n'));
    expect(r).toEqual({ code: 2, out: '', err: 'mechcheck: line 2: request: must be an object (got an array)' });
  });
});

describe('item 17: echoes are clipped, a BOM is the same in both modes, duplicate keys are rejected', () => {
  test('a 1 MB unknown field name is echoed as 60 characters and …', async () => {
    const name = 'a'.repeat(1_000_000);
    const r = await run(`{"n":2,"distribution":{"kind":"uniform","lo":0,"hi":1},"${name}":1}`);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mechcheck: ${'a'.repeat(60)}…: unknown field`);
  });

  test('a 1 MB kind, variable name, string constant or syntax echo is clipped', async () => {
    const big = 'y'.repeat(1_000_000);
    for (const text of [
      JSON.stringify({ n: 2, distribution: { kind: big } }),
      density(big),
      density(`"${big}"`),
      density(`[${'x,'.repeat(400)}x]`),
      `{"n":2,"distribution":${'['.repeat(100_000)}`,
      JSON.stringify({ n: 2, distribution: deepMixture(4, { kind: 'uniform', lo: 0, hi: 1, [big]: 1 }) }),
      JSON.stringify({ n: 2, distribution: deepMixture(4, { kind: 'density', lo: 0, hi: 1, expr: `${big.slice(0, 999)}(x)` }) }),
    ]) {
      const r = await run(text);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n/);
      expect(r.err.length).toBeLessThanOrEqual(MAX_LINE);
    }
  });

  test('one leading BOM is dropped for a single request and for JSON Lines alike', async () => {
    const plain = await run(ok(3));
    expect(plain.code).toBe(0);
    expect(await run(BOM + ok(3))).toEqual(plain);
    const lines = [ok(2), ok(3)].join('\n');
    const jsonl = await run(lines);
    expect(jsonl.code).toBe(0);
    expect(await run(BOM + lines)).toEqual(jsonl);
    expect(await run(BOM + lines + '\r\n')).toEqual(jsonl);
  });

  test('a second BOM is not whitespace, in either mode', async () => {
    expect(await run(BOM + BOM + ok(3))).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^mechcheck: line 1: not valid JSON/) });
    expect(await run(BOM + BOM + [ok(2), ok(3)].join('\n'))).toMatchObject({ code: 2, err: expect.stringMatching(/^mechcheck: line 1: not valid JSON/) });
    expect(await run([ok(2), BOM + ok(3)].join('\n'))).toMatchObject({ code: 2, err: expect.stringMatching(/^mechcheck: line 2: not valid JSON/) });
  });

  test.each([
    ['{"n":5,"n":6,"distribution":{"kind":"uniform","lo":0,"hi":1}}', 'n: duplicate key'],
    ['{"n":2,"distribution":{"kind":"uniform","lo":0,"lo":0.5,"hi":1}}', 'distribution.lo: duplicate key'],
    [
      '{"n":2,"distribution":{"kind":"mixture","parts":[{"weight":1,"dist":{"kind":"uniform","lo":0,"hi":1}},{"weight":1,"dist":{"kind":"uniform","lo":0,"hi":2,"lo":1}}]}}',
      'distribution.parts[1].dist.lo: duplicate key',
    ],
    ['{"n":2,"\\u006e":3,"distribution":{"kind":"uniform","lo":0,"hi":1}}', 'n: duplicate key'],
    ['{"n":2,"distribution":{"kind":"uniform","lo":0,"hi":1},"extra":{"a b":[{},{"q":1,"q":1}]}}', 'extra["a b"][1].q: duplicate key'],
    ['[{"k":1,"k":2}]', 'request[0].k: duplicate key'],
  ])('duplicate keys: %s', async (text, message) => {
    expect(await run(text)).toEqual({ code: 2, out: '', err: `mechcheck: ${message}` });
  });

  test('duplicate keys in JSON Lines name the line', async () => {
    const r = await run([ok(2), '{"n":2,"distribution":{"kind":"uniform","hi":1,"lo":0,"hi":2}}'].join('\n'));
    expect(r).toEqual({ code: 2, out: '', err: 'mechcheck: line 2: distribution.hi: duplicate key' });
  });

  test('the detector is iterative: 1e6 nested arrays and objects do not exhaust the stack', () => {
    expect(findDuplicateKey('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toBeNull();
    const deep = '{"a":'.repeat(200_000) + '{"k":1,"k":2}' + '}'.repeat(200_000);
    const path = findDuplicateKey(deep);
    expect(path).toMatch(/^a\.a\.a.*….*\.a\.k$/);
    expect(path!.length).toBeLessThanOrEqual(200);
  });

  test('keys that only look alike are not duplicates', () => {
    expect(findDuplicateKey('{"a":{"b":1},"b":{"a":[{"a":1},{"a":2}]},"A":"a\\"a","a\\"":1}')).toBeNull();
  });
});

describe('item 18: expression size is capped with exit 2 naming expr', () => {
  test('2000 terms x + x + … is too long, not a stack overflow', async () => {
    const expr = Array(2000).fill('x').join('+');
    const r = await run(density(expr));
    expect(r).toEqual({ code: 2, out: '', err: `mechcheck: distribution.expr: is too long (${expr.length} characters; at most 1000)` });
  });

  test.each([
    ['nested parentheses', '('.repeat(3000) + 'x' + ')'.repeat(3000)],
    ['nested negations', '-('.repeat(3000) + 'x' + ')'.repeat(3000)],
  ])('%s, long', async (_what, expr) => {
    expect(await run(density(expr))).toMatchObject({ code: 2, err: expect.stringMatching(/^mechcheck: distribution\.expr: is too long \(\d+ characters; at most 1000\)$/) });
  });

  test.each([
    ['nested parentheses', '('.repeat(300) + 'x' + ')'.repeat(300)],
    ['nested negations', '-('.repeat(200) + 'x' + ')'.repeat(200)],
    ['a unary chain', '-'.repeat(900) + 'x'],
    ['a power tower', 'x^'.repeat(400) + '1'],
    ['a sum of 400 terms', Array(400).fill('x').join('+')],
    ['nested functions', 'abs('.repeat(150) + 'x' + ')'.repeat(150)],
  ])('%s, within the length cap', async (_what, expr) => {
    expect(await run(density(expr))).toMatchObject({ code: 2, err: expect.stringMatching(/^mechcheck: distribution\.expr: is nested too deeply \(more than 100 levels/) });
  });

  test('just inside the caps is evaluated', async () => {
    expect((await run(density('('.repeat(90) + '1+x' + ')'.repeat(90)))).code).toBe(0);
    expect((await run(density(Array(90).fill('x').join('+'))))).toMatchObject({ code: 0 });
  });
});

describe('item 19: a narrow density is found, not called identically 0', () => {
  test('max(0, 1e-6 − |x − 1e-4|) on [0, 1] is evaluated as on its own support', async () => {
    const narrow = await run(density('max(0, 1e-6 - abs(x - 1e-4))'));
    expect(narrow.code).toBe(0);
    // The same triangle on the support the sampling grid sees directly: T1 and T2 integrate
    // against dF, which both put in the same 2e-6.
    const direct = await run(JSON.stringify({ n: 2, distribution: { kind: 'density', expr: 'max(0, 1e-6 - abs(x - 1e-4))', lo: 1e-4 - 1e-6, hi: 1e-4 + 1e-6 } }));
    expect(direct.code).toBe(0);
    const a = JSON.parse(narrow.out);
    const b = JSON.parse(direct.out);
    expect(Math.abs(a.T1 - b.T1)).toBeLessThanOrEqual(1e-9 * Math.abs(b.T1));
    expect(Math.abs(a.T2 - b.T2)).toBeLessThanOrEqual(1e-9 * Math.abs(b.T2));
  });

  test('max(0, 1e-6 − |x − 0.3|) is too narrow for doubles at 0.3: exit 2 naming expr and the width', async () => {
    const r = await run(density('max(0, 1e-6 - abs(x - 0.3))'));
    expect(r).toEqual({
      code: 2,
      out: '',
      err: "mechcheck: distribution.expr: is positive only on a sliver of width 2e-6 near x = 0.3 (too narrow to approximate: positive values between the sampling grid's points must span more than 0.001 × |x|)",
    });
  });
});

// ------------------------------------------------------------------------------------------
// Edge fuzz: random malformed requests, in-process.

/** A JSON value with its object entries kept as pairs, so that a key can be written twice. */
type Tree = null | number | string | boolean | Tree[] | { entries: [string, Tree][] };

function toTree(v: unknown): Tree {
  if (Array.isArray(v)) return v.map(toTree);
  if (v !== null && typeof v === 'object') return { entries: Object.entries(v).map(([k, x]) => [k, toTree(x)]) };
  return v as Tree;
}

function write(t: Tree): string {
  if (Array.isArray(t)) return `[${t.map(write).join(',')}]`;
  if (t !== null && typeof t === 'object') return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
  return JSON.stringify(t);
}

/** Every object node of a tree, outermost first. */
function objects(t: Tree, acc: { entries: [string, Tree][] }[] = []): { entries: [string, Tree][] }[] {
  if (Array.isArray(t)) t.forEach((x) => objects(x, acc));
  else if (t !== null && typeof t === 'object') {
    acc.push(t);
    t.entries.forEach(([, v]) => objects(v, acc));
  }
  return acc;
}

const exprArb = fc.oneof(
  fc.constantFrom('1', 'x', '1 + x', 'exp(-x)', 'max(0, 1e-6 - abs(x - 0.3))', 'max(0, 1e-15 - abs(x - 0.5))', '0*x', 'x < 0.5 ? 1 : 2'),
  fc.integer({ min: 1, max: 1500 }).map((k) => Array(k).fill('x').join('+')),
  fc.integer({ min: 1, max: 1500 }).map((k) => '('.repeat(k) + 'x' + ')'.repeat(k)),
  fc.integer({ min: 1, max: 800 }).map((k) => '-('.repeat(k) + '1+x' + ')'.repeat(k)),
  fc.integer({ min: 1, max: 1200 }).map((k) => '-'.repeat(k) + 'x'),
  fc.integer({ min: 1, max: 600 }).map((k) => 'x^'.repeat(k) + '1'),
  fc.integer({ min: 1, max: 400 }).map((k) => 'x ? '.repeat(k) + '1' + ' : 2'.repeat(k)),
  fc.integer({ min: 1, max: 200_000 }).map((k) => 'q'.repeat(k)),
);

const distArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(UNIFORM),
  exprArb.map((expr) => ({ kind: 'density', expr, lo: 0, hi: 1 })),
  exprArb.map((expr) => ({ kind: 'mixture', parts: [{ weight: 1, dist: UNIFORM }, { weight: 1, dist: { kind: 'density', expr, lo: 0, hi: 1 } }] })),
);

const requestArb = fc.record({ n: fc.integer({ min: 2, max: 4 }), distribution: distArb }, { noNullPrototype: true });

/** One line of input: a request, maybe malformed in one of the ways the edge must survive. */
const lineArb: fc.Arbitrary<string> = fc.oneof(
  requestArb.map((r) => JSON.stringify(r)),
  fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v)),
  fc.tuple(requestArb, fc.nat(), fc.nat()).map(([r, i, j]) => {
    const t = toTree(r);
    const objs = objects(t);
    const o = objs[i % objs.length];
    const e = o.entries[j % o.entries.length];
    o.entries.push([e[0], e[1]]);
    return write(t);
  }),
  fc.tuple(requestArb, fc.integer({ min: 1, max: 300_000 })).map(([r, k]) => write({ entries: [...(toTree(r) as { entries: [string, Tree][] }).entries, ['z'.repeat(k), 1]] })),
  fc.integer({ min: 1, max: 50_000 }).map((k) => `{"n":2,"distribution":${'['.repeat(k)}1${']'.repeat(k)}}`),
  fc.integer({ min: 1, max: 50_000 }).map((k) => `{"n":2,"distribution":${'{"a":'.repeat(k)}1${'}'.repeat(k)}}`),
  fc.string({ maxLength: 40 }),
);

const inputArb = fc.tuple(fc.boolean(), fc.array(lineArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n')).map(([bom, lines, eol]) => ({
  text: (bom ? BOM : '') + lines.join(eol),
  lines: lines.length,
}));

describe('edge fuzz', () => {
  ptest.prop([inputArb], { numRuns: 150 })('a result, or exit 2 with one short line', async ({ text }) => {
    const r = await run(text);
    if (r.code === 0) {
      expect(r.err).toBe('');
      for (const line of r.out.split('\n')) expect(JSON.parse(line)).toHaveProperty('T1');
      return;
    }
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toMatch(/[\r\n]/);
    expect(r.err).toMatch(/^mechcheck: \S/);
    expect(r.err).not.toMatch(/internal error|call stack|\n\s+at /);
    expect(r.err.length).toBeLessThanOrEqual(MAX_LINE);
  });
});
