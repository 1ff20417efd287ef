import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { claimSeed } from './canonical.ts';
import { caseFile, loadSaved, saveCase, ROOT } from './persist.ts';
import { EXPECTED, outcomeOf } from './registry.ts';
import type { CheckResult, Claim, ClaimOutcome, Counterexample, FigureSpec, Json, Numbers, SkippedFile } from './types.ts';

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
  let firstUndecided: string | undefined;
  const errors: { input: I; error: string }[] = [];
  let minScore = Number.POSITIVE_INFINITY;
  let closest: { describe: string; numbers: Numbers } | undefined;
  let figures: FigureSpec[] | undefined;
  const top: { input: I; score: number }[] = [];
  const keepTop = (input: I, s: number) => {
    top.push({ input, score: s });
    top.sort((a, b) => a.score - b.score);
    if (top.length > 4) top.pop();
  };

  // 1. Saved cases first: nothing found is ever lost. A file that cannot be used is skipped and
  // named (skippedFiles), never the end of the run.
  const replayed: { file: string; still: boolean }[] = [];
  const skippedFiles: SkippedFile[] = [];
  let replayHit: Counterexample | undefined;
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
      const hi = 'result' in std && interesting(claim, std.result) ? evaluate(claim, input, 'high') : undefined;
      const still = !!hi && 'result' in hi && interesting(claim, hi.result);
      replayed.push({ file, still });
      if (still && !replayHit && 'result' in std && hi && 'result' in hi) {
        replayHit = {
          input: saved.input,
          describe: describe(claim, input),
          numbers: std.result.numbers,
          foundBy: 'replay',
          certified: true,
          certification: { standard: std.result.numbers, high: hi.result.numbers },
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
        firstUndecided ??= r.undecided;
      }
      return true;
    }
    if (!shrinking) {
      if (r.figures && !figures) figures = r.figures;
      const s = score(claim, r);
      if (s < minScore || !closest) {
        minScore = Math.min(minScore, s);
        closest = { describe: describe(claim, input), numbers: r.numbers };
      }
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
        if (ev.result.undecided) continue;
        if (interesting(claim, ev.result)) {
          found = { input: cand, foundBy: 'targeted' };
          break outer;
        }
        const s = score(claim, ev.result);
        if (s < minScore) minScore = s;
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

  // 4. Shrink to a readable case, then certify at higher precision before reporting.
  let counterexample: Counterexample | undefined;
  let certifiedFound = false;
  let notSaved: string | undefined;
  if (found) {
    const shrunk = finalShrink(claim, found.input, Math.min(deadline, Date.now() + 60_000));
    const hi = evaluate(claim, shrunk.input, 'high');
    certifiedFound = 'result' in hi && interesting(claim, hi.result);
    counterexample = {
      input: shrunk.input as Json,
      describe: describe(claim, shrunk.input),
      numbers: shrunk.result.numbers,
      foundBy: found.foundBy,
      certified: certifiedFound,
      certification: {
        standard: shrunk.result.numbers,
        high: 'result' in hi ? hi.result.numbers : { error: hi.error },
      },
      ...(found.foundBy === 'random' ? { seed, path: found.path } : {}),
    };
    if (certifiedFound && opts.persist === false) {
      // Not saving (--no-save), but the same case may be saved already: it can still be replayed.
      const saved = caseFile(claim.id, counterexample.input, root);
      if (saved.exists) {
        counterexample.file = saved.file;
        counterexample.replay = `npx mechcheck replay ${saved.file}`;
      }
    } else if (certifiedFound) {
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
  let outcome: ClaimOutcome['outcome'];
  let message: string;
  if (errors.length > 0) {
    outcome = 'inconclusive';
    message = `the property threw on ${errors.length} case(s): ${errors[0].error} (input ${describe(claim, errors[0].input)})`;
  } else if (counterexample && !certifiedFound) {
    outcome = 'inconclusive';
    message = `a case was found at standard precision but the high-precision re-check disagrees (${counterexample.describe})`;
  } else if (counterexample) {
    outcome = outcomeOf(claim.verdict, true);
    message = `${counterexample.foundBy === 'random' ? 'random search' : 'targeted search'} found and certified: ${counterexample.describe}`;
    if (notSaved) message += ` (not saved: could not write ${notSaved}; printed whole in the log)`;
  } else if (replayHit) {
    counterexample = replayHit;
    outcome = outcomeOf(claim.verdict, true);
    message = `the search found none this run; a saved case still holds: ${replayHit.describe}`;
  } else if (stoppedByBudget && generated < minimumRuns) {
    // Too few cases to stand for a pass (or a failed search): the budget decided, not the claim.
    outcome = 'inconclusive';
    message = `stopped by the time budget after ${generated} of ${runs} cases, fewer than the ${minimumRuns} a verdict needs (the claim's default depth)`;
  } else if (generated > 0 && undecided > 0.1 * generated) {
    outcome = 'inconclusive';
    message = `${undecided} of ${generated} cases could not be decided (${firstUndecided})`;
  } else {
    outcome = outcomeOf(claim.verdict, false);
    message = `${generated} generated case(s)${climbed ? ` and ${climbed} targeted` : ''}, none ${claim.verdict === 'witness' ? 'a witness' : 'a counterexample'}`;
    if (generated < runs) message += ` (stopped by the time budget after ${generated} of ${runs} cases)`;
    const cov = coverageProblem(claim, labels, generated);
    if (cov && outcome === EXPECTED[claim.verdict]) {
      outcome = 'inconclusive';
      message = `coverage: ${cov}`;
    }
  }

  const allFigures = [...(claim.figures?.() ?? []), ...(figures ?? [])];
  return {
    id: claim.id,
    paper: claim.paper,
    statement: claim.statement,
    source: claim.source,
    verdict: claim.verdict,
    outcome,
    expected: outcome === EXPECTED[claim.verdict],
    runs: generated,
    seed: runSeed,
    millis: Date.now() - t0,
    ...(counterexample ? { counterexample, certified: counterexample.certified } : {}),
    labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))),
    message,
    numbers,
    ...(closest && !counterexample ? { closest } : {}),
    ...(allFigures.length ? { figures: allFigures } : {}),
    ...(replayed.length ? { replayed } : {}),
    ...(skippedFiles.length ? { skippedFiles } : {}),
  };
}

/** Coverage is judged only on runs large enough for a share to mean something. */
function coverageProblem(claim: Claim<any>, labels: Record<string, number>, generated: number): string | undefined {
  if (!claim.cover || generated < 50) return undefined;
  for (const { label, min } of claim.cover) {
    const share = (labels[label] ?? 0) / generated;
    if (share < min) return `label ${label} reached ${(100 * share).toFixed(1)}% of cases, below the required ${(100 * min).toFixed(1)}%`;
  }
  return undefined;
}
