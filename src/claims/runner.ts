import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { claimSeed } from './canonical.ts';
import { describeLabel, judgeCoverage } from './coverage.ts';
import { foundBySearch, SAME_ROUTE } from './evidence.ts';
import { caseFile, loadSaved, saveCase, ROOT } from './persist.ts';
import { EXPECTED, outcomeOf } from './registry.ts';
import type {
  CheckResult, Claim, ClaimOutcome, CoverageReport, Counterexample, FigureSpec, Json, Numbers, ReplayedCase, SearchStrength, SkippedFile, UndecidedSummary,
} from './types.ts';

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

type Eval = { result: CheckResult } | { error: string };

function evaluate<I>(claim: Claim<I>, input: I, precision: 'standard' | 'high'): Eval {
  try {
    return { result: claim.property(input, { precision, tolerance: claim.tolerance }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A case the search is looking for: a statement that fails, or (witness claims) an instance that exists. */
export function interesting(claim: Claim<any>, r: CheckResult): boolean {
  if (r.undecided) return false;
  return claim.verdict === 'witness' ? r.holds : !r.holds;
}

/** A case re-checked by certification: the claim's independent route, or the property again at high precision. */
export interface Certification {
  /** Certification says the case is still interesting (fails; for witness claims, holds) and is not undecided. */
  certified: boolean;
  certifiedBy: string;
  numbers: Numbers;
  /** Why it is not certified, in a few words (undecided, threw, the statement holds there). */
  why?: string;
}

/** Certify a case the standard route found interesting: by `claim.certify` when it has one (issue #9, item 1). */
export function certifyCase<I>(claim: Claim<I>, input: I): Certification {
  const ctx = { precision: 'high' as const, tolerance: claim.tolerance };
  let r: CheckResult;
  let certifiedBy: string;
  try {
    if (claim.certify) {
      const c = claim.certify(input, ctx);
      r = c;
      certifiedBy = c.route;
    } else {
      r = claim.property(input, ctx);
      certifiedBy = SAME_ROUTE;
    }
  } catch (e) {
    const error = oneLine(e instanceof Error ? e.message : String(e));
    return { certified: false, certifiedBy: claim.certify ? 'the claim’s certify (it threw)' : SAME_ROUTE, numbers: { error }, why: `it threw: ${error}` };
  }
  const certified = interesting(claim, r);
  const why = certified
    ? undefined
    : r.undecided
      ? `it is undecided there (${r.undecided})`
      : claim.verdict === 'witness'
        ? 'the statement fails there'
        : 'the statement holds there';
  return { certified, certifiedBy, numbers: r.numbers, ...(why ? { why } : {}) };
}

/** Numbers in one line, for messages. */
const numbersLine = (n: Numbers) => JSON.stringify(n);

/** A disagreement between the standard route and certification, with both numbers (the outcome is inconclusive). */
function disagreement(what: string, describe: string, standard: Numbers, cert: Certification): string {
  return `${what} is a case by the standard route, but certification (${cert.certifiedBy}) does not confirm it: ${cert.why} (case: ${describe}; standard: ${numbersLine(standard)}; certification: ${numbersLine(cert.numbers)})`;
}

/** Lower is closer to an interesting case: the targeted phase minimises it. */
function score(claim: Claim<any>, r: CheckResult): number {
  const m = r.margin ?? (r.holds ? 1 : -1);
  return claim.verdict === 'witness' ? -m : m;
}

function describe<I>(claim: Claim<I>, input: I): string {
  return claim.describe ? claim.describe(input) : JSON.stringify(input);
}

/** Greedy shrink over the claim's own simplifications: keep the first simpler variant that is still interesting. */
function finalShrink<I>(claim: Claim<I>, input: I, deadline: number, maxEvals = 200): { input: I; result: CheckResult } {
  let current = input;
  let ev = evaluate(claim, current, 'standard');
  let result = 'result' in ev ? ev.result : (undefined as never);
  if (!claim.simplify) return { input: current, result };
  let evals = 0;
  let improved = true;
  while (improved && evals < maxEvals && Date.now() < deadline) {
    improved = false;
    for (const cand of claim.simplify(current)) {
      if (evals++ >= maxEvals || Date.now() >= deadline) break;
      const e = evaluate(claim, cand, 'standard');
      if ('result' in e && interesting(claim, e.result)) {
        current = cand;
        result = e.result;
        improved = true;
        break;
      }
    }
  }
  return { input: current, result };
}

/** Run one claim: replay saved cases, random phase, targeted phase, shrink, certify, save. */
export function runClaim<I>(claim: Claim<I>, opts: RunOptions = {}): ClaimOutcome {
  const t0 = Date.now();
  const runSeed = opts.seed ?? DEFAULT_SEED;
  const seed = claimSeed(runSeed, claim.id);
  const defaultRuns = claim.runs ?? DEFAULT_RUNS;
  const runs = opts.runs ?? defaultRuns;
  const deadline = opts.timeBudgetMs !== undefined ? t0 + opts.timeBudgetMs : Number.POSITIVE_INFINITY;
  const root = opts.root ?? ROOT;
  const log = opts.log ?? ((line: string) => void process.stderr.write(line + '\n'));
  const searchBudget = claim.search && opts.targeted !== false ? Math.round((claim.search.budget ?? 200) * Math.max(1, runs / defaultRuns)) : 0;
  const planned = runs + searchBudget;

  const labels: Record<string, number> = {};
  let generated = 0;
  let undecided = 0;
  let undecidedTargeted = 0;
  const reasons: Record<string, number> = {};
  const noteUndecided = (reason: string) => {
    const key = reason in reasons || Object.keys(reasons).length < MAX_REASONS ? reason : OTHER_REASONS;
    reasons[key] = (reasons[key] ?? 0) + 1;
  };
  const errors: { input: I; error: string }[] = [];
  let minScore = Number.POSITIVE_INFINITY;
  let closest: { describe: string; numbers: Numbers; margin: number | null; phase: 'random' | 'targeted' } | undefined;
  /** Keep the case closest to an interesting one, whichever phase reached it (the search's strength). */
  const noteClosest = (input: I, r: CheckResult, s: number, phase: 'random' | 'targeted') => {
    if (s < minScore || !closest) {
      minScore = Math.min(minScore, s);
      closest = { describe: describe(claim, input), numbers: r.numbers, margin: r.margin !== undefined && Number.isFinite(r.margin) ? r.margin : null, phase };
    }
  };
  let figures: FigureSpec[] | undefined;
  const top: { input: I; score: number }[] = [];
  const keepTop = (input: I, s: number) => {
    top.push({ input, score: s });
    top.sort((a, b) => a.score - b.score);
    if (top.length > 4) top.pop();
  };

  // 1. Saved cases first: nothing found is ever lost. A file that cannot be used is skipped and
  // named (skippedFiles), never the end of the run. Each case is certified as a found one is.
  const replayed: ReplayedCase[] = [];
  const skippedFiles: SkippedFile[] = [];
  let replayHit: Counterexample | undefined;
  let replayDisagrees: string | undefined;
  if (opts.replaySaved !== false) {
    const { cases, problems } = loadSaved(claim.id, root);
    skippedFiles.push(...problems);
    for (const { file, saved } of cases) {
      let input: I;
      try {
        input = (claim.decode ? claim.decode(saved.input) : saved.input) as I;
      } catch (e) {
        skippedFiles.push({ file, reason: `its input does not decode: ${oneLine(e instanceof Error ? e.message : String(e))}` });
        continue;
      }
      const std = evaluate(claim, input, 'standard');
      if (!('result' in std) || !interesting(claim, std.result)) {
        replayed.push({ file, still: false });
        continue;
      }
      const cert = certifyCase(claim, input);
      replayed.push({ file, still: cert.certified, certifiedBy: cert.certifiedBy, ...(cert.certified ? {} : { disagrees: true }) });
      if (!cert.certified) {
        replayDisagrees ??= disagreement(`the saved case ${file}`, describe(claim, input), std.result.numbers, cert);
      } else if (!replayHit) {
        replayHit = {
          input: saved.input,
          describe: describe(claim, input),
          numbers: std.result.numbers,
          foundBy: 'replay',
          certified: true,
          certifiedBy: cert.certifiedBy,
          certification: { standard: std.result.numbers, high: cert.numbers },
          file,
          replay: `npx mechcheck replay ${file}`,
        };
      }
    }
  }

  // 2. Random phase: fast-check generates, and shrinks the first interesting case.
  let shrinking = false;
  const prop = fc.property(claim.input, (input) => {
    const ev = evaluate(claim, input, 'standard');
    if (!shrinking) {
      generated++;
      if (claim.labels) for (const l of claim.labels(input)) labels[l] = (labels[l] ?? 0) + 1;
      opts.onProgress?.(generated, planned);
    }
    if ('error' in ev) {
      if (!shrinking) errors.push({ input, error: ev.error });
      return true;
    }
    const r = ev.result;
    if (r.undecided) {
      if (!shrinking) {
        undecided++;
        noteUndecided(r.undecided);
      }
      return true;
    }
    if (!shrinking) {
      if (r.figures && !figures) figures = r.figures;
      const s = score(claim, r);
      noteClosest(input, r, s, 'random');
      keepTop(input, s);
    }
    if (interesting(claim, r)) {
      shrinking = true;
      return false;
    }
    return true;
  });
  const remaining = deadline - Date.now();
  // A budget already spent (by the replay) runs no case rather than one more millisecond's worth.
  const details =
    remaining > 0
      ? fc.check(prop, {
          seed,
          numRuns: runs,
          ...(Number.isFinite(remaining) ? { interruptAfterTimeLimit: Math.max(1, remaining), markInterruptAsFailure: false } : {}),
        })
      : undefined;

  let found: { input: I; foundBy: 'random' | 'targeted'; path?: string } | undefined;
  if (details?.failed && details.counterexample) {
    found = { input: details.counterexample[0] as I, foundBy: 'random', path: details.counterexamplePath ?? undefined };
  }

  // 3. Targeted phase: climb the margin from the closest cases seen.
  let climbed = 0;
  if (!found && claim.search && searchBudget > 0 && top.length > 0) {
    const rand = seedrandom(`${seed}:targeted`);
    const perStart = Math.max(1, Math.floor(searchBudget / top.length));
    outer: for (const start of [...top]) {
      let cur = start.input;
      let curScore = start.score;
      let scale = 1;
      for (let k = 0; k < perStart; k++) {
        if (Date.now() >= deadline) break outer;
        const cand = claim.search.mutate(cur, rand, scale);
        const ev = evaluate(claim, cand, 'standard');
        climbed++;
        opts.onProgress?.(generated + climbed, planned);
        if ('error' in ev) {
          errors.push({ input: cand, error: ev.error });
          continue;
        }
        if (ev.result.undecided) {
          undecidedTargeted++;
          noteUndecided(ev.result.undecided);
          continue;
        }
        if (interesting(claim, ev.result)) {
          found = { input: cand, foundBy: 'targeted' };
          break outer;
        }
        const s = score(claim, ev.result);
        noteClosest(cand, ev.result, s, 'targeted');
        if (s < curScore) {
          cur = cand;
          curScore = s;
          scale = Math.min(1, scale * 1.3);
        } else {
          scale = Math.max(0.01, scale * 0.85);
        }
      }
    }
  }

  // 4. Shrink to a readable case, then certify it by the claim's independent route (or, without
  // one, the property again at high precision, said so) before reporting.
  let counterexample: Counterexample | undefined;
  let cert: Certification | undefined;
  let notSaved: string | undefined;
  if (found) {
    const shrunk = finalShrink(claim, found.input, Math.min(deadline, Date.now() + 60_000));
    cert = certifyCase(claim, shrunk.input);
    counterexample = {
      input: shrunk.input as Json,
      describe: describe(claim, shrunk.input),
      numbers: shrunk.result.numbers,
      foundBy: found.foundBy,
      certified: cert.certified,
      certifiedBy: cert.certifiedBy,
      certification: { standard: shrunk.result.numbers, high: cert.numbers },
      ...(found.foundBy === 'random' ? { seed, path: found.path } : {}),
    };
    if (cert.certified && opts.persist === false) {
      // Not saving (--no-save), but the same case may be saved already: it can still be replayed.
      const saved = caseFile(claim.id, counterexample.input, root);
      if (saved.exists) {
        counterexample.file = saved.file;
        counterexample.replay = `npx mechcheck replay ${saved.file}`;
      }
    } else if (cert.certified) {
      const { file, written, text, error } = saveCase(claim, counterexample, root);
      const how = found.foundBy === 'random' ? `random search, seed ${seed}, path ${found.path}` : 'targeted search';
      if (error) {
        // The folder cannot be written (read-only, a file in its place): the run goes on, and the
        // case goes to the log by value so it is never lost.
        notSaved = `${file} (${error})`;
        log(`mechcheck: warning: could not save the counterexample of ${claim.id} to ${file}: ${error}; the case (found by ${how}) follows whole:\n${text}`);
      } else {
        counterexample.file = file;
        counterexample.replay = `npx mechcheck replay ${file}`;
        // The file holds the case's value only; how this run found it goes to the log.
        if (written && process.env.CI) log(`mechcheck: new counterexample for ${claim.id} (found by ${how}) saved to ${file} (printed whole, the CI tree is thrown away):\n${text}`);
      }
    }
  }

  // 5. The outcome. A search the time budget stopped before the claim's default depth (or the
  // runs asked for, when fewer) decides nothing: that depth is what `npm test` accepts as evidence.
  const minimumRuns = Math.min(runs, defaultRuns);
  const stoppedByBudget = !details || details.interrupted || (Number.isFinite(deadline) && generated < runs && Date.now() >= deadline);
  const numbers: Numbers = {
    generated,
    climbed,
    undecided,
    minScore: Number.isFinite(minScore) ? minScore : null,
  };
  const maxUndecided = claim.maxUndecided ?? DEFAULT_MAX_UNDECIDED;
  const undecidedSummary: UndecidedSummary = { count: undecided, of: generated, max: maxUndecided, targeted: undecidedTargeted, reasons };
  const undecidedText = () =>
    Object.entries(reasons)
      .map(([r, k]) => `${r} (×${k})`)
      .join('; ');
  const search: SearchStrength = {
    cases: generated,
    targeted: climbed,
    targetedBudget: searchBudget,
    closestMargin: closest?.margin ?? null,
    ...(closest ? { closestCase: closest.describe, closestPhase: closest.phase } : {}),
  };
  let coverage: CoverageReport | undefined;
  let outcome: ClaimOutcome['outcome'];
  let message: string;
  const inconclusive = (m: string) => {
    outcome = 'inconclusive';
    message = m;
  };
  if (errors.length > 0) {
    inconclusive(`the property threw on ${errors.length} case(s): ${errors[0].error} (input ${describe(claim, errors[0].input)})`);
  } else if (counterexample && cert && !cert.certified) {
    inconclusive(disagreement(`the case the ${counterexample.foundBy} search found`, counterexample.describe, counterexample.numbers, cert));
  } else if (counterexample) {
    outcome = outcomeOf(claim.verdict, true);
    message = `${counterexample.foundBy} search found it, certified by ${counterexample.certifiedBy}: ${counterexample.describe}`;
    if (notSaved) message += ` (not saved: could not write ${notSaved}; printed whole in the log)`;
  } else if (replayHit) {
    counterexample = replayHit;
    outcome = outcomeOf(claim.verdict, true);
    message = `${outcome} by a saved case only (this run's search found none; --no-replay shows the search alone): ${replayHit.describe} (${replayHit.file}, certified by ${replayHit.certifiedBy})`;
  } else if (replayDisagrees) {
    inconclusive(replayDisagrees);
  } else if (stoppedByBudget && generated < minimumRuns) {
    // Too few cases to stand for a pass (or a failed search): the budget decided, not the claim.
    inconclusive(`stopped by the time budget after ${generated} of ${runs} cases, fewer than the ${minimumRuns} a verdict needs (the claim's default depth)`);
  } else if (undecided > maxUndecided * generated) {
    inconclusive(
      `${undecided} of ${generated} cases undecided (${((100 * undecided) / generated).toFixed(1)}%), above the claim's bound of ${(100 * maxUndecided).toFixed(1)}%: ${undecidedText()}`,
    );
  } else {
    outcome = outcomeOf(claim.verdict, false);
    message = `${generated} generated case(s)${climbed ? ` and ${climbed} targeted` : ''}, none ${claim.verdict === 'witness' ? 'a witness' : 'a counterexample'}`;
    if (generated < runs) message += ` (stopped by the time budget after ${generated} of ${runs} cases)`;
    if (undecided + undecidedTargeted > 0) message += `; undecided: ${undecidedText()}`;
    if (claim.cover && outcome === EXPECTED[claim.verdict]) {
      // What "none found" rests on: the generator must reach the cases the claim is about.
      coverage = judgeCoverage({ cover: claim.cover, counts: labels, tested: generated, input: claim.input, labels: claim.labels ?? (() => []), seed, deadline });
      const bad = coverage.labels.filter((l) => l.verdict !== 'covered');
      if (coverage.verdict === 'insufficient') {
        inconclusive(`coverage: ${bad.filter((l) => l.verdict === 'insufficient').map((l) => describeLabel(l, coverage!.cases)).join('; ')} — below the required share at certainty 1 − 1e-9`);
      } else if (coverage.verdict === 'undecided') {
        inconclusive(`coverage undecided after ${coverage.cases} cases (stopped by the ${coverage.stoppedBy === 'cap' ? `cap of ${coverage.maxCases}` : 'time budget'}): ${bad.map((l) => describeLabel(l, coverage!.cases)).join('; ')}`);
      }
    }
  }

  const allFigures = [...(claim.figures?.() ?? []), ...(figures ?? [])];
  return {
    id: claim.id,
    paper: claim.paper,
    statement: claim.statement,
    source: claim.source,
    verdict: claim.verdict,
    outcome: outcome!,
    expected: outcome! === EXPECTED[claim.verdict],
    runs: generated,
    seed: runSeed,
    millis: Date.now() - t0,
    ...(counterexample ? { counterexample, certified: counterexample.certified } : {}),
    searchFound: foundBySearch({ counterexample }),
    labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))),
    message: message!,
    numbers,
    tolerance: claim.tolerance,
    undecided: undecidedSummary,
    search,
    ...(coverage ? { coverage } : {}),
    ...(closest && !counterexample ? { closest: { describe: closest.describe, numbers: closest.numbers } } : {}),
    ...(allFigures.length ? { figures: allFigures } : {}),
    ...(replayed.length ? { replayed } : {}),
    ...(skippedFiles.length ? { skippedFiles } : {}),
  };
}
