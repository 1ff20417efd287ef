/**
 * The runner: one claim through a pipeline of named phases (issue #10),
 *
 *   fixtures → replay → random → targeted → shrink → certify → persist → decide (coverage inside it),
 *
 * each a small exported function tested on its own (test/pipeline.test.ts). The verdict kinds are
 * strategies (src/claims/verdicts.ts), not branches: a phase asks the claim's strategy what is
 * interesting and how close a case came. The phases share a `Tally` of what the search saw.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { makeRng } from '../numeric/rng.ts';
import { canonicalJson, claimSeed, digest } from './canonical.ts';
import { describeLabel, judgeCoverage } from './coverage.ts';
import { foundBySearch, SAME_ROUTE } from './evidence.ts';
import { caseFile, loadSaved, saveCase, ROOT } from './persist.ts';
import { verifyCertificate } from './certificates.ts';
import type {
  AnyClaim, Certificate, CertifyResult, CheckResult, Claim, ClaimOutcome, CoverageReport, Counterexample, FigureSpec, FixtureOutcome, Json, Numbers, Outcome, PropertyContext, ReplayedCase, SearchStrength, SkippedFile, UndecidedSummary,
} from './types.ts';
import { strategyOf, type VerdictStrategy } from './verdicts.ts';

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

/** The run seed when none is given: same seed, same output. */
export const DEFAULT_SEED = 42;

export interface RunOptions {
  /** Generated cases of the random phase (default: the claim's own default depth). */
  runs?: number;
  seed?: number;
  /** Wall-clock budget for this claim; the search stops early and says so. */
  timeBudgetMs?: number;
  /** Save counterexamples under fixtures/counterexamples (default true). */
  persist?: boolean;
  /** Replay saved counterexamples before searching (default true). */
  replaySaved?: boolean;
  root?: string;
  /** Run the targeted phase (climbing the margin from the closest cases); default true. */
  targeted?: boolean;
  /** Called after every evaluated case of the search with (done, planned). */
  onProgress?: (done: number, total: number) => void;
  /** Where a new counterexample is printed whole when the tree is thrown away (CI) or cannot be saved; default standard error. */
  log?: (line: string) => void;
  /**
   * Draw the claim's own figures (Claim.figures) into the outcome (default true). `check`'s table
   * and the test runner show none, so they skip them: a figure may cost seconds (HW's small-N
   * witness against M solves ~2000 equilibria); `--json` and `report` draw them.
   */
  figures?: boolean;
}

/** Runs at the default depth when a claim does not say. */
export const DEFAULT_RUNS = 100;

/**
 * The share of undecided cases a claim tolerates when it does not say (Claim.maxUndecided): none.
 * An undecided case is a case not checked; at the default depth every claim decides every case,
 * so one that does not is news, and a claim whose cases are undecided by design declares its bound.
 */
export const DEFAULT_MAX_UNDECIDED = 0;

/** Distinct undecided reasons kept by name; the rest are counted together. */
const MAX_REASONS = 10;
const OTHER_REASONS = '(other reasons)';

/** What one evaluation of the property gave: its result, or the message it threw. */
export type Eval = { result: CheckResult } | { error: string };

/** Where a case's RNG stream comes from: its place in the search, or (any re-check) its value. */
export type CaseAt = { runSeed: number; phase: 'random' | 'targeted'; index: number } | { input: unknown };

/** The seed of a case's ctx.rng: (run seed, claim id, phase, index) for a searched case; (claim id, digest of the case) for a re-check, so a saved case re-checks the same. */
export function caseSeed(claimId: string, at: CaseAt): string {
  return 'input' in at ? `${claimId}:case:${digest(at.input)}` : `${at.runSeed}:${claimId}:${at.phase}:${at.index}`;
}

/** The context a property is handed: precision, the claim's tolerance, the case's RNG (made on first draw) and deadline. */
export function propertyContext(claim: AnyClaim<any>, precision: 'standard' | 'high', at: CaseAt, now = Date.now()): PropertyContext {
  let rand: (() => number) | undefined;
  const limit = precision === 'standard' ? claim.caseTimeLimitMs : undefined;
  return {
    precision,
    tolerance: claim.tolerance,
    // Made on first draw: a property that draws nothing pays for no digest.
    rng: () => (rand ??= makeRng(caseSeed(claim.id, at)))(),
    deadline: limit !== undefined ? now + limit : Number.POSITIVE_INFINITY,
  };
}

/** The undecided reason of a case over Claim.caseTimeLimitMs. */
export const overTimeLimit = (ms: number) => `over the per-case time limit of ${ms} ms`;

/** A promise-like value (an asynchronous property's result). */
const isThenable = (v: unknown): v is PromiseLike<unknown> => !!v && typeof (v as PromiseLike<unknown>).then === 'function';

/**
 * A phase as a generator: it yields what must be waited for (an asynchronous property's promise,
 * or fast-check's whole check) and is driven by runSync or runAsync. One pipeline serves both:
 * a synchronous claim never meets a promise, so its run stays synchronous (runClaim).
 */
export type Phase<T> = Generator<Promise<unknown> | FcCheck, T, any>;

/** fast-check's check of the random phase, run by the driver: fc.property synchronously, fc.asyncProperty when asynchronous. */
export class FcCheck {
  constructor(
    readonly arbitrary: fc.Arbitrary<any>,
    readonly onCase: (input: any) => Phase<boolean>,
    readonly params: fc.Parameters<[any]>,
  ) {}
}

/** The message of a promise met by the synchronous driver. */
export const ASYNC_IN_SYNC = 'the property returned a Promise: an asynchronous claim runs through runClaimAsync';

/** Drive a phase synchronously; a promise it meets is thrown back into it (its evaluation becomes an error). */
export function runSync<T>(g: Phase<T>): T {
  let step = g.next();
  while (!step.done) {
    const v = step.value;
    if (v instanceof FcCheck) step = g.next(fc.check(fc.property(v.arbitrary, (i) => runSync(v.onCase(i))), v.params));
    else {
      // The promise is dropped: keep an unhandled rejection from ending the process.
      void (v as Promise<unknown>).then(undefined, () => {});
      step = g.throw(new Error(ASYNC_IN_SYNC));
    }
  }
  return step.value;
}

/** Drive a phase asynchronously: await what it yields, throwing a rejection back into it. */
export async function runAsync<T>(g: Phase<T>): Promise<T> {
  let step = g.next();
  while (!step.done) {
    const v = step.value;
    if (v instanceof FcCheck) {
      step = g.next(await fc.check(fc.asyncProperty(v.arbitrary, (i) => runAsync(v.onCase(i))), v.params));
      continue;
    }
    let value: unknown;
    try {
      value = await v;
    } catch (e) {
      step = g.throw(e);
      continue;
    }
    step = g.next(value);
  }
  return step.value;
}

/** The value of a call that may return a promise: yielded to the driver when it does. */
function* settle<T>(v: T | Promise<T>): Phase<T> {
  return isThenable(v) ? ((yield Promise.resolve(v)) as T) : v;
}

/**
 * Evaluate the property on one case; a throw becomes `{ error }` (the run goes on, inconclusive).
 * At standard precision a case over the claim's per-case time limit is undecided.
 */
export function* evaluateCase<I>(claim: AnyClaim<I>, input: I, precision: 'standard' | 'high', at: CaseAt = { input }): Phase<Eval> {
  try {
    const start = Date.now();
    const result = yield* settle(claim.property(input, propertyContext(claim, precision, at, start)));
    return { result: overLimit(claim, precision, result, Date.now() - start) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** evaluateCase, synchronously. */
export function evaluate<I>(claim: AnyClaim<I>, input: I, precision: 'standard' | 'high', at: CaseAt = { input }): Eval {
  return runSync(evaluateCase(claim, input, precision, at));
}

/** The result, or the same undecided when the case took longer than the claim's per-case limit. */
function overLimit(claim: AnyClaim<any>, precision: 'standard' | 'high', r: CheckResult, elapsed: number): CheckResult {
  const limit = claim.caseTimeLimitMs;
  return precision === 'standard' && limit !== undefined && elapsed > limit ? { ...r, undecided: overTimeLimit(limit) } : r;
}

/** A case the search is looking for: a statement that fails, or (witness claims) an instance that exists. */
export function interesting(claim: AnyClaim<any>, r: CheckResult): boolean {
  return strategyOf(claim.verdict).interesting(r);
}

/** A case re-checked by certification: the claim's independent route, or the property again at high precision. */
export interface Certification {
  /** Certification says the case is still interesting (fails; for witness claims, holds) and is not undecided. */
  certified: boolean;
  certifiedBy: string;
  numbers: Numbers;
  /** Why it is not certified, in a few words (undecided, threw, the statement holds there). */
  why?: string;
  /** The certify route's certificate (verified, when the case is certified). */
  certificate?: Certificate;
}

/** Certify a case the standard route found interesting: by `claim.certify` when it has one (issue #9, item 1). */
export function* certifyCaseG<I>(claim: AnyClaim<I>, input: I): Phase<Certification> {
  const ctx = propertyContext(claim, 'high', { input });
  let r: CheckResult;
  let certifiedBy: string;
  try {
    if (claim.certify) {
      const c = yield* settle(claim.certify(input, ctx));
      r = c;
      certifiedBy = c.route;
    } else {
      r = yield* settle(claim.property(input, ctx));
      certifiedBy = SAME_ROUTE;
    }
  } catch (e) {
    const error = oneLine(e instanceof Error ? e.message : String(e));
    return { certified: false, certifiedBy: claim.certify ? 'the claim’s certify (it threw)' : SAME_ROUTE, numbers: { error }, why: `it threw: ${error}` };
  }
  const strategy = strategyOf(claim.verdict);
  const certificate = (r as CertifyResult).certificate;
  // A certificate is part of the certification: one that does not verify from its own data certifies nothing.
  const check = certificate ? verifyCertificate(certificate) : undefined;
  const certified = strategy.interesting(r) && check?.verified !== false;
  const why = certified
    ? undefined
    : r.undecided
      ? `it is undecided there (${r.undecided})`
      : !strategy.interesting(r)
        ? strategy.notConfirmed
        : `its certificate (${check!.kind}) does not verify: ${check!.why}`;
  return { certified, certifiedBy, numbers: r.numbers, ...(why ? { why } : {}), ...(certificate ? { certificate } : {}) };
}

/** certifyCaseG, synchronously. */
export function certifyCase<I>(claim: AnyClaim<I>, input: I): Certification {
  return runSync(certifyCaseG(claim, input));
}

/** Numbers in one line, for messages. */
const numbersLine = (n: Numbers) => JSON.stringify(n);

/** A disagreement between the standard route and certification, with both numbers (the outcome is inconclusive). */
export function disagreement(what: string, describe: string, standard: Numbers, cert: Certification): string {
  return `${what} is a case by the standard route, but certification (${cert.certifiedBy}) does not confirm it: ${cert.why} (case: ${describe}; standard: ${numbersLine(standard)}; certification: ${numbersLine(cert.numbers)})`;
}

function describe<I>(claim: AnyClaim<I>, input: I): string {
  return claim.describe ? claim.describe(input) : JSON.stringify(input);
}

// ---------------------------------------------------------------------------------------------
// The run's plan and its tally

/** What every phase of one run needs to know: the claim, its strategy, seeds, depth and budget. */
export interface RunPlan<I> {
  claim: AnyClaim<I>;
  strategy: VerdictStrategy;
  t0: number;
  /** The run's seed (reported), and the claim's own, derived from it and the claim id. */
  runSeed: number;
  seed: number;
  runs: number;
  /** The claim's default depth: the fewest cases a verdict may rest on. */
  defaultRuns: number;
  /** When the time budget runs out (∞ without one). */
  deadline: number;
  root: string;
  log: (line: string) => void;
  persist: boolean;
  replaySaved: boolean;
  /** Evaluations the targeted phase may spend (0: no targeted phase). */
  searchBudget: number;
  /** Cases planned in all (progress). */
  planned: number;
  onProgress?: (done: number, total: number) => void;
  /** Draw Claim.figures into the outcome (RunOptions.figures). */
  figures: boolean;
}

/** Read the options against the claim: seeds, depth, deadline, budgets. */
export function planRun<I>(claim: AnyClaim<I>, opts: RunOptions = {}, now = Date.now()): RunPlan<I> {
  const runSeed = opts.seed ?? DEFAULT_SEED;
  // A claim checked on its fixtures alone generates nothing, whatever --runs says.
  const defaultRuns = claim.input === FIXTURES_ONLY ? 0 : (claim.runs ?? DEFAULT_RUNS);
  const runs = claim.input === FIXTURES_ONLY ? 0 : (opts.runs ?? defaultRuns);
  // A deeper run (--runs above the default) climbs proportionally longer.
  const searchBudget = claim.search && opts.targeted !== false ? Math.round((claim.search.budget ?? 200) * Math.max(1, runs / defaultRuns)) : 0;
  return {
    claim,
    strategy: strategyOf(claim.verdict),
    t0: now,
    runSeed,
    seed: claimSeed(runSeed, claim.id),
    runs,
    defaultRuns,
    deadline: opts.timeBudgetMs !== undefined ? now + opts.timeBudgetMs : Number.POSITIVE_INFINITY,
    root: opts.root ?? ROOT,
    log: opts.log ?? ((line: string) => void process.stderr.write(line + '\n')),
    persist: opts.persist !== false,
    replaySaved: opts.replaySaved !== false,
    searchBudget,
    planned: runs + searchBudget,
    onProgress: opts.onProgress,
    figures: opts.figures !== false,
  };
}

/** What the search saw, shared by the random and targeted phases and read by the outcome. */
export interface Tally<I> {
  /** Label → count over the random phase's cases. */
  labels: Record<string, number>;
  /** Cases of the random phase, and how many of them were undecided. */
  generated: number;
  undecided: number;
  /** Evaluations of the targeted phase, and how many of them were undecided. */
  climbed: number;
  undecidedTargeted: number;
  /** Undecided reason → cases, both phases. */
  reasons: Record<string, number>;
  /** Cases the property threw on. */
  errors: { input: I; error: string }[];
  /** The smallest score seen, and the case closest to an interesting one. */
  minScore: number;
  closest?: { describe: string; numbers: Numbers; margin: number | null; phase: 'random' | 'targeted' };
  /** The first figures a case drew. */
  figures?: FigureSpec[];
  /** The best (lowest-score) random cases: where the targeted phase starts climbing. */
  top: { input: I; score: number }[];
}

/** An empty tally. */
export function newTally<I>(): Tally<I> {
  return { labels: {}, generated: 0, undecided: 0, climbed: 0, undecidedTargeted: 0, reasons: {}, errors: [], minScore: Number.POSITIVE_INFINITY, top: [] };
}

/** Count an undecided case under its reason (at most MAX_REASONS by name). */
export function noteUndecided(t: Tally<unknown>, reason: string): void {
  const key = reason in t.reasons || Object.keys(t.reasons).length < MAX_REASONS ? reason : OTHER_REASONS;
  t.reasons[key] = (t.reasons[key] ?? 0) + 1;
}

/** Keep the case closest to an interesting one, whichever phase reached it (the search's strength). */
export function noteClosest<I>(t: Tally<I>, claim: AnyClaim<I>, input: I, r: CheckResult, s: number, phase: 'random' | 'targeted'): void {
  if (s < t.minScore || !t.closest) {
    t.minScore = Math.min(t.minScore, s);
    t.closest = { describe: describe(claim, input), numbers: r.numbers, margin: r.margin !== undefined && Number.isFinite(r.margin) ? r.margin : null, phase };
  }
}

/** Keep the four lowest-score cases (the targeted phase's starts). */
export function keepTop<I>(t: Tally<I>, input: I, s: number): void {
  t.top.push({ input, score: s });
  t.top.sort((a, b) => a.score - b.score);
  if (t.top.length > 4) t.top.pop();
}

/** A case the search found, before shrinking. */
export interface Found<I> {
  input: I;
  foundBy: 'random' | 'targeted';
  /** fast-check's path of the failing run (random phase). */
  path?: string;
}

// ---------------------------------------------------------------------------------------------
// Phase 0: fixtures

/** The `input` of a claim checked on its fixtures alone: no case is generated (the random phase is skipped). */
export const FIXTURES_ONLY: fc.Arbitrary<any> = fc.constant(null);

/** Whether a value matches the paper's: numbers within the tolerance, anything else equal. */
function matchesPaper(actual: Json | undefined, expected: Json, tol: { abs?: number; rel?: number }): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return Math.abs(actual - expected) <= (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(expected);
  return canonicalJson(actual) === canonicalJson(expected);
}

/** Check the claim's fixtures (the paper's cases) at standard precision, each against its printed values. */
export function* fixturesPhase<I>(plan: RunPlan<I>): Phase<FixtureOutcome[]> {
  const out: FixtureOutcome[] = [];
  for (const f of plan.claim.fixtures ?? []) {
    const ev = yield* evaluateCase(plan.claim, f.input, 'standard');
    if ('error' in ev) {
      out.push({ name: f.name, holds: false, numbers: {}, error: oneLine(ev.error) });
      continue;
    }
    const r = ev.result;
    const mismatches = Object.entries(f.expect ?? {})
      .filter(([k, v]) => !matchesPaper(r.numbers[k], v, plan.claim.tolerance))
      .map(([k, v]) => `${k} = ${JSON.stringify(r.numbers[k])}, the paper's ${JSON.stringify(v)}`);
    // A fixture that would violate a holds claim is certified first, as a found case is.
    const cert = !plan.strategy.expectsCase && plan.strategy.interesting(r) ? yield* certifyCaseG(plan.claim, f.input) : undefined;
    out.push({
      name: f.name,
      holds: !r.undecided && r.holds,
      numbers: r.numbers,
      ...(f.expect ? { matches: mismatches.length === 0 } : {}),
      ...(mismatches.length ? { mismatches } : {}),
      ...(r.undecided ? { undecided: r.undecided } : {}),
      ...(cert ? { certified: cert.certified, certifiedBy: cert.certifiedBy } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phase 1: replay

export interface ReplayPhase {
  replayed: ReplayedCase[];
  skippedFiles: SkippedFile[];
  /** The first saved case that is still a case, certified. */
  hit?: Counterexample;
  /** The first saved case the standard route finds but certification does not confirm. */
  disagrees?: string;
}

/**
 * Saved cases first: nothing found is ever lost. A file that cannot be used is skipped and named
 * (skippedFiles), never the end of the run. Each case is certified as a found one is.
 */
export function* replayPhase<I>(plan: RunPlan<I>): Phase<ReplayPhase> {
  const { claim } = plan;
  const out: ReplayPhase = { replayed: [], skippedFiles: [] };
  if (!plan.replaySaved) return out;
  const { cases, problems } = loadSaved(claim.id, plan.root);
  out.skippedFiles.push(...problems);
  for (const { file, saved } of cases) {
    let input: I;
    try {
      input = (claim.decode ? claim.decode(saved.input) : saved.input) as I;
    } catch (e) {
      out.skippedFiles.push({ file, reason: `its input does not decode: ${oneLine(e instanceof Error ? e.message : String(e))}` });
      continue;
    }
    const std = yield* evaluateCase(claim, input, 'standard');
    if (!('result' in std) || !plan.strategy.interesting(std.result)) {
      out.replayed.push({ file, still: false });
      continue;
    }
    const cert = yield* certifyCaseG(claim, input);
    // The file's own certificate, re-verified from its data alone (not from this run's certify).
    const savedCheck = saved.certificate ? verifyCertificate(saved.certificate as Certificate) : undefined;
    const still = cert.certified && savedCheck?.verified !== false;
    out.replayed.push({ file, still, certifiedBy: cert.certifiedBy, ...(still ? {} : { disagrees: true }), ...(savedCheck ? { certificate: savedCheck } : {}) });
    if (!cert.certified) {
      out.disagrees ??= disagreement(`the saved case ${file}`, describe(claim, input), std.result.numbers, cert);
    } else if (!still) {
      out.disagrees ??= `the saved case ${file} is a case by the standard route and certification, but its saved certificate (${savedCheck!.kind}) does not verify from its data: ${savedCheck!.why}`;
    } else if (!out.hit) {
      out.hit = {
        input: saved.input,
        describe: describe(claim, input),
        numbers: std.result.numbers,
        foundBy: 'replay',
        certified: true,
        certifiedBy: cert.certifiedBy,
        certification: { standard: std.result.numbers, high: cert.numbers },
        file,
        replay: `npx mechcheck replay ${file}`,
        ...(saved.certificate ? { certificate: saved.certificate as Certificate } : {}),
      };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phase 2: random

export interface RandomPhase<I> {
  found?: Found<I>;
  /** fast-check did not run (the budget was spent) or was interrupted by the time budget. */
  stopped: boolean;
}

/**
 * Random phase: fast-check generates the claim's inputs from the claim's seed, tallies each case,
 * and shrinks the first interesting one.
 */
export function* randomPhase<I>(plan: RunPlan<I>, t: Tally<I>): Phase<RandomPhase<I>> {
  const { claim, strategy } = plan;
  let shrinking = false;
  function* onCase(input: I): Phase<boolean> {
    // fast-check's shrinking re-checks candidate values: their streams follow their values.
    const ev = yield* evaluateCase(claim, input, 'standard', shrinking ? { input } : { runSeed: plan.runSeed, phase: 'random', index: t.generated });
    // While fast-check shrinks, its cases are not new cases of the search: they are not tallied.
    if (!shrinking) {
      t.generated++;
      if (claim.labels) for (const l of claim.labels(input)) t.labels[l] = (t.labels[l] ?? 0) + 1;
      plan.onProgress?.(t.generated, plan.planned);
    }
    if ('error' in ev) {
      if (!shrinking) t.errors.push({ input, error: ev.error });
      return true;
    }
    const r = ev.result;
    if (r.undecided) {
      if (!shrinking) {
        t.undecided++;
        noteUndecided(t, r.undecided);
      }
      return true;
    }
    if (!shrinking) {
      if (r.figures && !t.figures) t.figures = r.figures;
      const s = strategy.score(r);
      noteClosest(t, claim, input, r, s, 'random');
      keepTop(t, input, s);
    }
    if (strategy.interesting(r)) {
      shrinking = true;
      return false;
    }
    return true;
  }
  if (claim.input === FIXTURES_ONLY) return { stopped: false };
  const remaining = plan.deadline - Date.now();
  // A budget already spent (by the replay) runs no case rather than one more millisecond's worth.
  if (remaining <= 0) return { stopped: true };
  const details: fc.RunDetails<[I]> = yield new FcCheck(claim.input, onCase, {
    seed: plan.seed,
    numRuns: plan.runs,
    ...(Number.isFinite(remaining) ? { interruptAfterTimeLimit: Math.max(1, remaining), markInterruptAsFailure: false } : {}),
  });
  const found = details.failed && details.counterexample ? { input: details.counterexample[0] as I, foundBy: 'random' as const, path: details.counterexamplePath ?? undefined } : undefined;
  return { ...(found ? { found } : {}), stopped: details.interrupted };
}

// ---------------------------------------------------------------------------------------------
// Phase 3: targeted

/**
 * Targeted phase: climb the score down from the best random cases by the claim's `mutate`,
 * the step growing on success and shrinking on failure. Returns the first interesting case.
 */
export function* targetedPhase<I>(plan: RunPlan<I>, t: Tally<I>): Phase<Found<I> | undefined> {
  const { claim, strategy } = plan;
  if (!claim.search || plan.searchBudget <= 0 || t.top.length === 0) return undefined;
  const rand = seedrandom(`${plan.seed}:targeted`);
  const perStart = Math.max(1, Math.floor(plan.searchBudget / t.top.length));
  for (const start of [...t.top]) {
    let cur = start.input;
    let curScore = start.score;
    let scale = 1;
    for (let k = 0; k < perStart; k++) {
      if (Date.now() >= plan.deadline) return undefined;
      const cand = claim.search.mutate(cur, rand, scale);
      const ev = yield* evaluateCase(claim, cand, 'standard', { runSeed: plan.runSeed, phase: 'targeted', index: t.climbed });
      t.climbed++;
      plan.onProgress?.(t.generated + t.climbed, plan.planned);
      if ('error' in ev) {
        t.errors.push({ input: cand, error: ev.error });
        continue;
      }
      if (ev.result.undecided) {
        t.undecidedTargeted++;
        noteUndecided(t, ev.result.undecided);
        continue;
      }
      if (strategy.interesting(ev.result)) return { input: cand, foundBy: 'targeted' };
      const s = strategy.score(ev.result);
      noteClosest(t, claim, cand, ev.result, s, 'targeted');
      if (s < curScore) {
        cur = cand;
        curScore = s;
        scale = Math.min(1, scale * 1.3);
      } else {
        scale = Math.max(0.01, scale * 0.85);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Phase 4: shrink

/** Greedy shrink over the claim's own simplifications: keep the first simpler variant that is still interesting. */
export function* shrinkPhase<I>(claim: AnyClaim<I>, input: I, deadline: number, maxEvals = 200): Phase<{ input: I; result: CheckResult }> {
  const strategy = strategyOf(claim.verdict);
  let current = input;
  const ev = yield* evaluateCase(claim, current, 'standard');
  let result = 'result' in ev ? ev.result : (undefined as never);
  if (!claim.simplify) return { input: current, result };
  let evals = 0;
  let improved = true;
  // A simplification that returns the case itself (a case already in its simplest form) or one seen
  // before is no step: accepting it looped until maxEvals, 200 evaluations of one case (200 LPs,
  // 22 s, for JP.Prop1.naive-conjecture).
  const seen = new Set([canonicalJson(current)]);
  while (improved && evals < maxEvals && Date.now() < deadline) {
    improved = false;
    for (const cand of claim.simplify(current)) {
      const key = canonicalJson(cand);
      if (seen.has(key)) continue;
      seen.add(key);
      if (evals++ >= maxEvals || Date.now() >= deadline) break;
      const e = yield* evaluateCase(claim, cand, 'standard');
      if ('result' in e && strategy.interesting(e.result)) {
        current = cand;
        result = e.result;
        improved = true;
        break;
      }
    }
  }
  return { input: current, result };
}

// ---------------------------------------------------------------------------------------------
// Phase 5: certify

/**
 * Certify the shrunk case by the claim's independent route (or, without one, the property again
 * at high precision, said so) and build the counterexample as reported.
 */
export function* certifyPhase<I>(plan: RunPlan<I>, found: Found<I>, shrunk: { input: I; result: CheckResult }): Phase<{ counterexample: Counterexample; cert: Certification }> {
  const cert = yield* certifyCaseG(plan.claim, shrunk.input);
  const counterexample: Counterexample = {
    input: shrunk.input as Json,
    describe: describe(plan.claim, shrunk.input),
    numbers: shrunk.result.numbers,
    foundBy: found.foundBy,
    certified: cert.certified,
    certifiedBy: cert.certifiedBy,
    certification: { standard: shrunk.result.numbers, high: cert.numbers },
    ...(found.foundBy === 'random' ? { seed: plan.seed, path: found.path } : {}),
    ...(cert.certificate ? { certificate: cert.certificate } : {}),
  };
  return { counterexample, cert };
}

// ---------------------------------------------------------------------------------------------
// Phase 6: persist

/**
 * Save a certified case (only when new), or with --no-save point at the same case saved already.
 * Sets `file`/`replay` on the counterexample; returns what could not be written, if anything.
 */
export function persistPhase<I>(plan: RunPlan<I>, cx: Counterexample, found: Found<I>): { notSaved?: string } {
  if (!cx.certified) return {};
  const { claim, root } = plan;
  if (!plan.persist) {
    // Not saving (--no-save), but the same case may be saved already: it can still be replayed.
    const saved = caseFile(claim.id, cx.input, root);
    if (saved.exists) {
      cx.file = saved.file;
      cx.replay = `npx mechcheck replay ${saved.file}`;
    }
    return {};
  }
  const { file, written, text, error } = saveCase(claim, cx, root);
  const how = found.foundBy === 'random' ? `random search, seed ${plan.seed}, path ${found.path}` : 'targeted search';
  if (error) {
    // The folder cannot be written (read-only, a file in its place): the run goes on, and the
    // case goes to the log by value so it is never lost.
    plan.log(`mechcheck: warning: could not save the counterexample of ${claim.id} to ${file}: ${error}; the case (found by ${how}) follows whole:\n${text}`);
    return { notSaved: `${file} (${error})` };
  }
  cx.file = file;
  cx.replay = `npx mechcheck replay ${file}`;
  // The file holds the case's value only; how this run found it goes to the log.
  if (written && process.env.CI) plan.log(`mechcheck: new counterexample for ${claim.id} (found by ${how}) saved to ${file} (printed whole, the CI tree is thrown away):\n${text}`);
  return {};
}

// ---------------------------------------------------------------------------------------------
// Phase 7: coverage (inside the decision: only a "none found" verdict rests on it)

/** Judge the claim's `cover` on the random phase's labels (and more cases of the same stream when needed); undefined without `cover`. */
export function coveragePhase<I>(plan: RunPlan<I>, t: Tally<I>): { coverage: CoverageReport; inconclusive?: string } | undefined {
  const { claim } = plan;
  if (!claim.cover) return undefined;
  const coverage = judgeCoverage({ cover: claim.cover, counts: t.labels, tested: t.generated, input: claim.input, labels: claim.labels ?? (() => []), seed: plan.seed, deadline: plan.deadline });
  const bad = coverage.labels.filter((l) => l.verdict !== 'covered');
  if (coverage.verdict === 'insufficient') {
    return { coverage, inconclusive: `coverage: ${bad.filter((l) => l.verdict === 'insufficient').map((l) => describeLabel(l, coverage.cases)).join('; ')} — below the required share at certainty 1 − 1e-9` };
  }
  if (coverage.verdict === 'undecided') {
    return { coverage, inconclusive: `coverage undecided after ${coverage.cases} cases (stopped by the ${coverage.stoppedBy === 'cap' ? `cap of ${coverage.maxCases}` : 'time budget'}): ${bad.map((l) => describeLabel(l, coverage.cases)).join('; ')}` };
  }
  return { coverage };
}

// ---------------------------------------------------------------------------------------------
// The decision

/** What the phases produced, as the decision reads it. */
export interface Evidence<I> {
  /** The claim's fixtures as checked (none: an empty list). */
  fixtures?: FixtureOutcome[];
  replay: ReplayPhase;
  random: RandomPhase<I>;
  /** The case the search found, certified (absent: none found). */
  found?: { counterexample: Counterexample; cert: Certification; notSaved?: string };
}

/** The undecided reasons in one line. */
const undecidedText = (t: Tally<unknown>) =>
  Object.entries(t.reasons)
    .map(([r, k]) => `${r} (×${k})`)
    .join('; ');

/**
 * The outcome and its one-line reason, in order of precedence: the property threw; certification
 * disagrees; the search found a case; a saved case only; a saved case disagrees; too few cases
 * (time budget); too many undecided; none found (and then coverage).
 */
export function decide<I>(plan: RunPlan<I>, t: Tally<I>, ev: Evidence<I>): { outcome: Outcome; message: string; counterexample?: Counterexample; coverage?: CoverageReport } {
  const { claim, strategy } = plan;
  const inconclusive = (message: string) => ({ outcome: 'inconclusive' as const, message });
  if (t.errors.length > 0) {
    const message = `the property threw on ${t.errors.length} case(s): ${t.errors[0].error} (input ${describe(claim, t.errors[0].input)})`;
    // A case the search found is still shown beside the throw.
    return { ...inconclusive(message), ...(ev.found ? { counterexample: ev.found.counterexample } : {}) };
  }
  if (ev.found) {
    const { counterexample: cx, cert, notSaved } = ev.found;
    if (!cert.certified) return { ...inconclusive(disagreement(`the case the ${cx.foundBy} search found`, cx.describe, cx.numbers, cert)), counterexample: cx };
    let message = `${cx.foundBy} search found it, certified by ${cx.certifiedBy}: ${cx.describe}`;
    if (notSaved) message += ` (not saved: could not write ${notSaved}; printed whole in the log)`;
    return { outcome: strategy.found, message, counterexample: cx };
  }
  const fixtures = ev.fixtures ?? [];
  const fxError = fixtures.find((f) => f.error !== undefined);
  if (fxError) return inconclusive(`the property threw on the fixture "${fxError.name}": ${fxError.error}`);
  const hit = ev.replay.hit;
  if (hit) {
    return {
      outcome: strategy.found,
      message: `${strategy.found} by a saved case only (this run's search found none; --no-replay shows the search alone): ${hit.describe} (${hit.file}, certified by ${hit.certifiedBy})`,
      counterexample: hit,
    };
  }
  if (ev.replay.disagrees) return inconclusive(ev.replay.disagrees);
  // The paper's own cases: undecided decides nothing; a value off the paper's, or (holds) a
  // statement false there, is a finding of its own — never a stand-in for the search below.
  const fxUndecided = fixtures.find((f) => f.undecided !== undefined);
  if (fxUndecided) return inconclusive(`the fixture "${fxUndecided.name}" is undecided: ${fxUndecided.undecided}`);
  const offPaper = fixtures.find((f) => f.matches === false);
  if (offPaper) {
    const m = `the fixture "${offPaper.name}" does not match the paper: ${offPaper.mismatches!.join('; ')}`;
    return strategy.expectsCase ? inconclusive(m) : { outcome: strategy.found, message: m };
  }
  const failing = !strategy.expectsCase ? fixtures.find((f) => !f.holds) : undefined;
  if (failing?.certified === false) return inconclusive(`the fixture "${failing.name}" is ${strategy.caseName} by the standard route, but certification (${failing.certifiedBy}) does not confirm it: ${numbersLine(failing.numbers)}`);
  if (failing) return { outcome: strategy.found, message: `the fixture "${failing.name}" is ${strategy.caseName}, certified by ${failing.certifiedBy}: ${numbersLine(failing.numbers)}` };
  // A search the time budget stopped before the claim's default depth (or the runs asked for,
  // when fewer) decides nothing: that depth is what `npm test` accepts as evidence.
  const minimumRuns = Math.min(plan.runs, plan.defaultRuns);
  const stoppedByBudget = ev.random.stopped || (Number.isFinite(plan.deadline) && t.generated < plan.runs && Date.now() >= plan.deadline);
  if (stoppedByBudget && t.generated < minimumRuns) {
    return inconclusive(`stopped by the time budget after ${t.generated} of ${plan.runs} cases, fewer than the ${minimumRuns} a verdict needs (the claim's default depth)`);
  }
  const maxUndecided = claim.maxUndecided ?? DEFAULT_MAX_UNDECIDED;
  if (t.undecided > maxUndecided * t.generated) {
    return inconclusive(
      `${t.undecided} of ${t.generated} cases undecided (${((100 * t.undecided) / t.generated).toFixed(1)}%), above the claim's bound of ${(100 * maxUndecided).toFixed(1)}%: ${undecidedText(t)}`,
    );
  }
  let message =
    claim.input === FIXTURES_ONLY
      ? `${fixtures.length} fixture(s), none ${strategy.caseName}: ${fixtures.map((f) => f.name).join('; ')}`
      : `${t.generated} generated case(s)${t.climbed ? ` and ${t.climbed} targeted` : ''}, none ${strategy.caseName}`;
  if (t.generated < plan.runs) message += ` (stopped by the time budget after ${t.generated} of ${plan.runs} cases)`;
  if (t.undecided + t.undecidedTargeted > 0) message += `; undecided: ${undecidedText(t)}`;
  if (fixtures.length && claim.input !== FIXTURES_ONLY) {
    const shown = fixtures.filter((f) => strategy.interesting({ holds: f.holds, numbers: f.numbers }));
    message += strategy.expectsCase && shown.length
      ? `; the fixture(s) ${shown.map((f) => `"${f.name}"`).join(', ')} show(s) ${strategy.caseName}, but a fixture never stands in for the search`
      : `; ${fixtures.length} fixture(s) checked`;
  }
  // What "none found" rests on: the generator must reach the cases the claim is about.
  const cov = strategy.notFound === strategy.expected ? coveragePhase(plan, t) : undefined;
  if (cov?.inconclusive) return { ...inconclusive(cov.inconclusive), coverage: cov.coverage };
  return { outcome: strategy.notFound, message, ...(cov ? { coverage: cov.coverage } : {}) };
}

/** The outcome as reported (a line of `check --json`). */
export function outcomeRecord<I>(plan: RunPlan<I>, t: Tally<I>, ev: Evidence<I>, d: ReturnType<typeof decide<I>>): ClaimOutcome {
  const { claim } = plan;
  const counterexample = d.counterexample;
  const numbers: Numbers = { generated: t.generated, climbed: t.climbed, undecided: t.undecided, minScore: Number.isFinite(t.minScore) ? t.minScore : null };
  const undecided: UndecidedSummary = { count: t.undecided, of: t.generated, max: claim.maxUndecided ?? DEFAULT_MAX_UNDECIDED, targeted: t.undecidedTargeted, reasons: t.reasons };
  const search: SearchStrength = {
    cases: t.generated,
    targeted: t.climbed,
    targetedBudget: plan.searchBudget,
    closestMargin: t.closest?.margin ?? null,
    ...(t.closest ? { closestCase: t.closest.describe, closestPhase: t.closest.phase } : {}),
  };
  const allFigures = [...((plan.figures && claim.figures?.()) || []), ...(t.figures ?? [])];
  return {
    id: claim.id,
    paper: claim.paper,
    statement: claim.statement,
    source: claim.source,
    verdict: claim.verdict,
    outcome: d.outcome,
    expected: d.outcome === plan.strategy.expected,
    runs: t.generated,
    seed: plan.runSeed,
    millis: Date.now() - plan.t0,
    ...(counterexample ? { counterexample, certified: counterexample.certified } : {}),
    searchFound: foundBySearch({ counterexample }),
    labels: Object.fromEntries(Object.entries(t.labels).sort(([a], [b]) => a.localeCompare(b))),
    message: d.message,
    numbers,
    tolerance: claim.tolerance,
    undecided,
    search,
    ...(d.coverage ? { coverage: d.coverage } : {}),
    ...(t.closest && !counterexample ? { closest: { describe: t.closest.describe, numbers: t.closest.numbers } } : {}),
    ...(allFigures.length ? { figures: allFigures } : {}),
    ...(ev.fixtures?.length ? { fixtures: ev.fixtures } : {}),
    ...(ev.replay.replayed.length ? { replayed: ev.replay.replayed } : {}),
    ...(ev.replay.skippedFiles.length ? { skippedFiles: ev.replay.skippedFiles } : {}),
  };
}

/** The whole pipeline of one claim, as a phase the drivers run. */
export function* pipeline<I>(claim: AnyClaim<I>, opts: RunOptions = {}): Phase<ClaimOutcome> {
  const plan = planRun(claim, opts);
  const tally = newTally<I>();
  const fixtures = yield* fixturesPhase(plan);
  const replay = yield* replayPhase(plan);
  const random = yield* randomPhase(plan, tally);
  const found = random.found ?? (yield* targetedPhase(plan, tally));
  let evidence: Evidence<I> = { fixtures, replay, random };
  if (found) {
    const shrunk = yield* shrinkPhase(claim, found.input, Math.min(plan.deadline, Date.now() + 60_000));
    const { counterexample, cert } = yield* certifyPhase(plan, found, shrunk);
    const { notSaved } = persistPhase(plan, counterexample, found);
    evidence = { ...evidence, found: { counterexample, cert, ...(notSaved ? { notSaved } : {}) } };
  }
  return outcomeRecord(plan, tally, evidence, decide(plan, tally, evidence));
}

/**
 * Run one claim: replay saved cases, random phase, targeted phase, shrink, certify, save, decide.
 * Synchronously: a property that returns a Promise makes its cases errors (inconclusive) — such a
 * claim runs through runClaimAsync.
 */
export function runClaim<I>(claim: Claim<I>, opts: RunOptions = {}): ClaimOutcome {
  return runSync(pipeline(claim, opts));
}

/** Run one claim whose property (or certify) may return a Promise: the same pipeline, awaited. */
export function runClaimAsync<I>(claim: AnyClaim<I>, opts: RunOptions = {}): Promise<ClaimOutcome> {
  return runAsync(pipeline(claim, opts));
}
