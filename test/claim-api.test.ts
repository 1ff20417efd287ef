/**
 * The claim API (issue #10): the property context's seeded RNG and per-case time limit,
 * asynchronous properties, certificates as data, paper fixtures.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { exactRational, secondMethod, verifyCertificate } from '../src/claims/certificates.ts';
import { ASYNC_IN_SYNC, FIXTURES_ONLY, caseSeed, evaluate, overTimeLimit, propertyContext, runClaim, runClaimAsync } from '../src/claims/runner.ts';
import type { AsyncClaim, Certificate, Claim, ClaimOutcome } from '../src/claims/types.ts';
import { replayFile } from '../src/cli/replay.ts';

const roots: string[] = [];
function tempRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'mechcheck-api-'));
  roots.push(r);
  mkdirSync(join(r, 'fixtures', 'counterexamples'), { recursive: true });
  return r;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A Monte Carlo "claim": the mean of n uniform draws is within 0.5 of 1/2 (always true), recording the first draw. */
function monteCarlo(extra: Partial<Claim<number>> = {}): Claim<number> {
  return {
    id: 'PW.Test.mc',
    paper: 'PW',
    source: 'a test',
    statement: 'the mean of uniform draws is within 1/2 of 1/2',
    verdict: 'holds',
    tolerance: { abs: 0.5, why: 'a test' },
    input: fc.integer({ min: 1, max: 20 }),
    runs: 30,
    property: (n, ctx) => {
      const draws = Array.from({ length: n }, () => ctx.rng!());
      const mean = draws.reduce((a, b) => a + b, 0) / n;
      return { holds: Math.abs(mean - 0.5) <= ctx.tolerance.abs!, margin: 0.5 - Math.abs(mean - 0.5), numbers: { first: draws[0], mean } };
    },
    ...extra,
  };
}

describe('ctx.rng', () => {
  test('a searched case’s stream follows run seed, claim id and index; a re-check’s follows the value', () => {
    expect(caseSeed('PW.A', { runSeed: 1, phase: 'random', index: 3 })).toBe('1:PW.A:random:3');
    expect(caseSeed('PW.A', { input: [1, 2] })).toBe(caseSeed('PW.A', { input: [1, 2] }));
    expect(caseSeed('PW.A', { input: [1, 2] })).not.toBe(caseSeed('PW.B', { input: [1, 2] }));
    const c = monteCarlo();
    const a = propertyContext(c, 'standard', { runSeed: 1, phase: 'random', index: 0 });
    const b = propertyContext(c, 'standard', { runSeed: 1, phase: 'random', index: 0 });
    const other = propertyContext(c, 'standard', { runSeed: 1, phase: 'random', index: 1 });
    const xs = [a.rng!(), a.rng!()];
    expect([b.rng!(), b.rng!()]).toEqual(xs);
    expect(other.rng!()).not.toBe(xs[0]);
  });

  test('a run is deterministic in its seed, and another seed draws otherwise', () => {
    const numbers = (seed: number) => runClaim(monteCarlo(), { seed, root: tempRoot(), persist: false }).closest?.numbers;
    expect(numbers(5)).toEqual(numbers(5));
    expect(numbers(5)).not.toEqual(numbers(6));
  });

  test('certification re-checks a case with the same stream every time', () => {
    const c = monteCarlo();
    const one = evaluate(c, 7, 'high');
    expect(evaluate(c, 7, 'high')).toEqual(one);
  });
});

describe('per-case time limit', () => {
  /** Busy-waits `ms` on case 13 only: a case that is slow whatever the machine's load. */
  const slowOn13 = (ms: number): Claim<number> =>
    monteCarlo({
      caseTimeLimitMs: 1,
      maxUndecided: 0.5,
      input: fc.integer({ min: 10, max: 15 }),
      property: (n, ctx) => {
        if (n === 13) {
          const until = Date.now() + ms;
          while (Date.now() < until);
        }
        // The limit is the property's to see as well (standard precision only).
        if ((ctx.precision === 'standard') !== ctx.deadline! < Infinity) throw new Error(`deadline ${ctx.deadline} at ${ctx.precision}`);
        return { holds: true, numbers: { n } };
      },
    });

  test('a case over the limit is undecided, with the limit as its reason', () => {
    const r = evaluate(slowOn13(30), 13, 'standard');
    expect(r).toEqual({ result: { holds: true, numbers: { n: 13 }, undecided: overTimeLimit(1) } });
    expect(overTimeLimit(1)).toBe('over the per-case time limit of 1 ms');
  });

  test('the run counts it under that reason; certification (high precision) is not limited', () => {
    const o = runClaim(slowOn13(30), { root: tempRoot(), persist: false });
    expect(o.undecided?.reasons[overTimeLimit(1)]).toBeGreaterThan(0);
    expect(Object.keys(o.undecided!.reasons)).toEqual([overTimeLimit(1)]);
    expect(evaluate(slowOn13(30), 13, 'high')).toEqual({ result: { holds: true, numbers: { n: 13 } } });
  });
});

describe('asynchronous properties', () => {
  /** "Every integer is below 300" (refuted), its property and certify answering after a tick when `async`. */
  function below(async: boolean): AsyncClaim<number> {
    const check = (x: number) => ({ holds: x < 300, margin: 299 - x, numbers: { x } });
    const later = <T>(v: T) => new Promise<T>((res) => setImmediate(() => res(v)));
    return {
      id: 'PW.Test.async',
      paper: 'PW',
      source: 'a test',
      statement: 'every integer is below 300',
      verdict: 'refuted',
      tolerance: { abs: 0, why: 'integers' },
      input: fc.integer({ min: 0, max: 1000 }),
      runs: 40,
      property: (x) => (async ? later(check(x)) : check(x)),
      certify: (x) => (async ? later({ ...check(x), route: 'again' }) : { ...check(x), route: 'again' }),
      simplify: (x) => (x > 300 ? [300] : []),
    };
  }
  const same = (o: ClaimOutcome) => ({ ...o, millis: 0 });

  test('runClaimAsync awaits them: the same outcome as the synchronous twin', async () => {
    const sync = runClaim(below(false) as Claim<number>, { root: tempRoot(), persist: false });
    expect(sync.outcome).toBe('refuted');
    expect(same(await runClaimAsync(below(true), { root: tempRoot(), persist: false }))).toEqual(same(sync));
    // A synchronous claim through the asynchronous driver: the same again.
    expect(same(await runClaimAsync(below(false), { root: tempRoot(), persist: false }))).toEqual(same(sync));
  });

  test('the synchronous runClaim says so instead of reading a Promise as a result', () => {
    const o = runClaim(below(true) as Claim<number>, { root: tempRoot(), persist: false });
    expect(o.outcome).toBe('inconclusive');
    expect(o.message).toContain(ASYNC_IN_SYNC);
  });

  test('a rejected promise is a case the property threw on', async () => {
    const c = { ...below(true), property: () => Promise.reject(new Error('solver failed')) };
    const o = await runClaimAsync(c, { root: tempRoot(), persist: false });
    expect(o.outcome).toBe('inconclusive');
    expect(o.message).toMatch(/^the property threw on 40 case\(s\): solver failed/);
  });
});

describe('certificates as data', () => {
  test('second-method and exact-rational verify from their data alone; bad data and unknown kinds do not', () => {
    const sm = (value: number) => secondMethod({ route: 'r', quantity: 'q', value, relation: '>', threshold: 1 });
    expect(verifyCertificate(sm(2))).toEqual({ kind: 'second-method', verified: true });
    expect(verifyCertificate(sm(0.5))).toEqual({ kind: 'second-method', verified: false, why: "the second method's value 0.5 is not > 1" });
    expect(verifyCertificate({ kind: 'second-method', data: { route: 'r', value: 'x', relation: '>', threshold: 1 } }).why).toBe('its data does not verify: data.value: must be a finite number');
    expect(verifyCertificate({ kind: 'nope', data: null })).toEqual({ kind: 'nope', verified: false, why: 'no verifier is registered for certificates of kind "nope"' });
    // 1/3 > 0.3333333333 exactly, though no double tells them apart at 1e-20.
    expect(verifyCertificate(exactRational({ lhs: '1/3', relation: '>', rhs: '0.33333333333333333333' })).verified).toBe(true);
    expect(verifyCertificate(exactRational({ lhs: '1/3', relation: '<=', rhs: '0.33333333333333333333' })).verified).toBe(false);
  });

  /** "Every integer is below 300", refuted, certified with a second-method certificate (`cert` overrides it). */
  function certified(cert?: (x: number) => Certificate): Claim<number> {
    return {
      id: 'PW.Test.cert',
      paper: 'PW',
      source: 'a test',
      statement: 'every integer is below 300',
      verdict: 'refuted',
      tolerance: { abs: 0, why: 'integers' },
      input: fc.integer({ min: 0, max: 1000 }),
      runs: 40,
      property: (x) => ({ holds: x < 300, margin: 299 - x, numbers: { x } }),
      certify: (x) => ({
        holds: BigInt(x) < 300n,
        numbers: { x },
        route: 'BigInt',
        certificate: cert ? cert(x) : secondMethod({ route: 'BigInt', quantity: 'x', value: x, relation: '>=', threshold: 300 }),
      }),
      simplify: (x) => (x > 300 ? [300] : []),
      decode: (j) => j as number,
    };
  }

  test('a found case carries its certificate, is saved with it, and replay re-verifies it from the file', async () => {
    const root = tempRoot();
    const o = runClaim(certified(), { root, log: () => {} });
    expect(o.outcome).toBe('refuted');
    expect(o.counterexample?.certificate).toEqual(secondMethod({ route: 'BigInt', quantity: 'x', value: 300, relation: '>=', threshold: 300 }));
    const file = join(root, o.counterexample!.file!);
    expect(JSON.parse(readFileSync(file, 'utf8')).certificate).toEqual(o.counterexample!.certificate);
    const again = runClaim(certified(), { root, log: () => {} });
    expect(again.replayed).toEqual([{ file: o.counterexample!.file, still: true, certifiedBy: 'BigInt', certificate: { kind: 'second-method', verified: true } }]);
    expect(await replayFile(file, [certified()])).toMatchObject({ certificate: { verified: true }, expected: true });
    // A file whose certificate no longer says what it claims: replay says so, and the case does not stand.
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.certificate.data.value = 299;
    writeFileSync(file, JSON.stringify(saved));
    expect(await replayFile(file, [certified()])).toMatchObject({ certificate: { verified: false, why: "the second method's value 299 is not >= 300" }, still: { standard: true, high: false }, expected: false });
    const third = runClaim(certified(), { root, log: () => {}, targeted: false });
    expect(third.replayed?.[0]).toMatchObject({ still: false, disagrees: true });
  });

  test('a certificate that does not verify certifies nothing: the outcome is inconclusive', () => {
    const o = runClaim(certified((x) => secondMethod({ route: 'BigInt', quantity: 'x', value: x, relation: '<', threshold: 300 })), { root: tempRoot(), persist: false });
    expect(o.outcome).toBe('inconclusive');
    expect(o.message).toContain('its certificate (second-method) does not verify: the second method');
  });
});

describe('paper fixtures', () => {
  /** "Every integer is below `limit`" with fixtures; numbers { x, half: x / 2 }. */
  function withFixtures(opts: { limit: number; verdict: 'holds' | 'refuted'; fixtures: Claim<number>['fixtures']; only?: boolean; max?: number }): Claim<number> {
    return {
      id: 'PW.Test.fixtures',
      paper: 'PW',
      source: 'a test',
      statement: `every integer is below ${opts.limit}`,
      verdict: opts.verdict,
      tolerance: { abs: 0.01, why: 'a test' },
      input: opts.only ? FIXTURES_ONLY : fc.integer({ min: 0, max: opts.max ?? 100 }),
      runs: 30,
      property: (x) => ({ holds: x < opts.limit, margin: opts.limit - 1 - x, numbers: { x, half: x / 2 } }),
      fixtures: opts.fixtures,
    };
  }
  const run = (c: Claim<number>) => runClaim(c, { root: tempRoot(), persist: false });

  test('checked and reported apart, matched to the paper’s values within the tolerance', () => {
    const o = run(withFixtures({ limit: 1000, verdict: 'holds', fixtures: [{ name: 'printed', input: 7, expect: { half: 3.505 } }] }));
    expect(o.outcome).toBe('passed');
    expect(o.fixtures).toEqual([{ name: 'printed', holds: true, numbers: { x: 7, half: 3.5 }, matches: true }]);
    expect(o.message).toBe('30 generated case(s), none a counterexample; 1 fixture(s) checked');
  });

  test('holds: a fixture off the paper’s values, or where the statement fails, is a violation', () => {
    const off = run(withFixtures({ limit: 1000, verdict: 'holds', fixtures: [{ name: 'printed', input: 7, expect: { half: 3.6 } }] }));
    expect(off.outcome).toBe('violated');
    expect(off.message).toBe('the fixture "printed" does not match the paper: half = 3.5, the paper\'s 3.6');
    const fails = run(withFixtures({ limit: 1000, verdict: 'holds', fixtures: [{ name: 'big', input: 5000 }] }));
    expect(fails.outcome).toBe('violated');
    expect(fails.message).toBe('the fixture "big" is a counterexample, certified by not independent: the property again at high precision: {"x":5000,"half":2500}');
    // Certified as a found case is: a route that disagrees makes it inconclusive, not a violation.
    const c = withFixtures({ limit: 1000, verdict: 'holds', fixtures: [{ name: 'big', input: 5000 }] });
    const disputed = run({ ...c, certify: (x: number) => ({ holds: true, numbers: { x }, route: 'BigInt' }) });
    expect(disputed.outcome).toBe('inconclusive');
    expect(disputed.message).toBe('the fixture "big" is a counterexample by the standard route, but certification (BigInt) does not confirm it: {"x":5000,"half":2500}');
    expect(disputed.fixtures?.[0]).toMatchObject({ holds: false, certified: false, certifiedBy: 'BigInt' });
  });

  test('refuted: a fixture showing the case never stands in for the search', () => {
    // The generator stays below the limit: only the fixture is a counterexample.
    const o = run(withFixtures({ limit: 1000, verdict: 'refuted', max: 100, fixtures: [{ name: 'the paper’s', input: 5000 }] }));
    expect(o.outcome).toBe('not-refuted');
    expect(o.searchFound).toBe(false);
    expect(o.fixtures?.[0]).toMatchObject({ name: 'the paper’s', holds: false });
    expect(o.message).toBe('30 generated case(s), none a counterexample; the fixture(s) "the paper’s" show(s) a counterexample, but a fixture never stands in for the search');
  });

  test('a claim on its fixtures alone generates nothing, whatever --runs asks', () => {
    const o = runClaim(withFixtures({ limit: 1000, verdict: 'holds', only: true, fixtures: [{ name: 'table', input: 3 }] }), { root: tempRoot(), persist: false, runs: 500 });
    expect(o).toMatchObject({ outcome: 'passed', runs: 0, message: '1 fixture(s), none a counterexample: table' });
  });

  test('a fixture the property throws on makes the run inconclusive', () => {
    const c = { ...withFixtures({ limit: 1000, verdict: 'holds', fixtures: [{ name: 'bad', input: -1 }] }) };
    const o = run({ ...c, property: (x: number, ctx) => (x < 0 ? (() => { throw new Error('negative'); })() : c.property(x, ctx)) });
    expect(o).toMatchObject({ outcome: 'inconclusive', message: 'the property threw on the fixture "bad": negative' });
  });
});

describe('an asynchronous claim through the CLI path (issue #10: a WASM LP solver may be async)', () => {
  test('checkRun and replay await its property and certify; the table and JSON say refuted', async () => {
    const { asyncClaim } = await import('../src/claims/registry.ts');
    const { checkRun } = await import('../src/cli/check.ts');
    const later = <T,>(x: T) => new Promise<T>((r) => setTimeout(() => r(x), 0));
    const c = asyncClaim<number>({
      id: 'PW.Test.async-cli',
      paper: 'PW',
      source: 'test',
      statement: 'x < 90 (async)',
      verdict: 'refuted',
      tolerance: { why: 'integers' },
      input: fc.integer({ min: 0, max: 100 }),
      runs: 200,
      property: (x) => later({ holds: x < 90, margin: 90 - x, numbers: { x } }),
      certify: (x) => later({ holds: x < 90, numbers: { x }, route: 'again, awaited' }),
    });
    const json: string[] = [];
    const r = await checkRun({ claims: [c], json: true, save: false, replay: false, out: (s) => json.push(s), err: () => {}, bar: false });
    expect(r.outcomes[0].outcome).toBe('refuted');
    const o = JSON.parse(json[0]);
    expect(o.counterexample.certifiedBy).toBe('again, awaited');
    expect(o.counterexample.input).toBe(90);
  });
});

describe('lp-farkas certificates (the LP claims of JP and GR)', () => {
  test('an infeasible LP solved by HiGHS carries a Farkas vector that verifies from its JSON data alone; a tampered one does not', async () => {
    const { solveLp, farkasData } = await import('../src/numeric/lp.ts');
    // x + y ≥ 3 with x, y ∈ [0, 1]: infeasible.
    const p = { cost: [0, 0], A: [[1, 1]], rowLower: [3], colUpper: [1, 1] };
    const r = await solveLp(p);
    expect(r.status).toBe('infeasible');
    expect(r.certified).toBe(true);
    const cert: Certificate = { kind: 'lp-farkas', data: JSON.parse(JSON.stringify(farkasData(p, r.certificate as { y: string[] }))) };
    expect(verifyCertificate(cert)).toEqual({ kind: 'lp-farkas', verified: true });
    // The same y against a feasible right-hand side (x + y ≥ 2) is no certificate.
    const d = cert.data as { problem: { rowLower: string[] } };
    const tampered = JSON.parse(JSON.stringify(cert)) as Certificate;
    (tampered.data as typeof d).problem.rowLower = ['2'];
    expect(verifyCertificate(tampered)).toMatchObject({ verified: false, why: expect.stringMatching(/is not negative/) });
  });
});
