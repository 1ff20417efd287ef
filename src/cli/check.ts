import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { ROOT, strayFiles } from '../claims/persist.ts';
import { tally } from '../claims/registry.ts';
import { runClaimAsync } from '../claims/runner.ts';
import { evidenceLine } from '../claims/evidence.ts';
import type { AnyClaim, Claim, ClaimOutcome, SkippedFile } from '../claims/types.ts';
import { runOnPool, type ClaimTask } from './workers.ts';

export interface CheckRun {
  claims: AnyClaim<any>[];
  runs?: number;
  seed?: number;
  timeBudgetMs?: number;
  json: boolean;
  save: boolean;
  /** Replay saved cases before the search (default true; false with --no-replay). */
  replay?: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
  /** A bar on a terminal; plain lines otherwise (pipes, CI=true, --json). */
  bar: boolean;
  /** Every registered claim: saved files in a folder none of them owns are reported once for the run. */
  registered?: readonly AnyClaim<any>[];
  /** The repository root (tests use a temporary one). */
  root?: string;
  /** Worker threads for `checkRunParallel` (`--workers`; 1, or absent, runs on this thread). */
  workers?: number;
  /** Draw the claims' own figures (default: with --json, where they are printed; a table shows none). */
  figures?: boolean;
}

/** Run claims in order, with progress, and print a table (or one JSON object per claim). */
export async function check(run: CheckRun): Promise<ClaimOutcome[]> {
  return (await checkRun(run)).outcomes;
}

/**
 * `check`, also returning the saved files no registered claim reads (run-level: they belong to
 * no claim's outcome, so `--json` names them on standard error only). A skipped file never stops
 * the run nor changes an outcome; it is a warning here, in the table and in the report, and
 * `npm test` fails on it. One claim after another on this thread (`checkRunParallel` for a pool).
 */
export async function checkRun(run: CheckRun): Promise<{ outcomes: ClaimOutcome[]; skippedFiles: SkippedFile[] }> {
  const print = printer(run);
  for (const [k, claim] of run.claims.entries()) {
    let bar: SingleBar | undefined;
    if (run.bar) {
      bar = new SingleBar({
        format: `[${k + 1}/${print.total}] {bar} {value}/{total} cases  ${claim.id}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        barsize: 24,
      });
      bar.start(1, 0);
    }
    // Asynchronously: a claim whose property awaits (an LP solver in WebAssembly) runs like any other.
    const o = await runClaimAsync(claim, {
      runs: run.runs,
      seed: run.seed,
      timeBudgetMs: run.timeBudgetMs,
      persist: run.save,
      replaySaved: run.replay !== false,
      onProgress: bar ? (done, planned) => { bar!.setTotal(planned); bar!.update(done); } : undefined,
      log: run.err,
      root: run.root,
      figures: run.figures ?? run.json,
    });
    bar?.stop();
    print.finished(k, o);
  }
  return print.end();
}

/**
 * `checkRun` on `run.workers` worker threads (piscina; registered claims only: a worker finds
 * each claim by id in the registry it loads). Standard output is the serial run's, byte for
 * byte apart from timings: JSON lines are printed in the claims' order as soon as every earlier
 * claim has finished, the table at the end. Standard error has one line per claim as it finishes
 * (its log lines and warnings first), numbered in completion order; on a terminal, one bar of
 * finished claims. One worker, or one claim, runs on this thread and starts no pool.
 */
export async function checkRunParallel(run: CheckRun): Promise<{ outcomes: ClaimOutcome[]; skippedFiles: SkippedFile[] }> {
  const threads = Math.min(run.workers ?? 1, run.claims.length);
  if (threads <= 1) return checkRun(run);
  const print = printer(run);
  const running = new Set<string>();
  const bar = run.bar
    ? new SingleBar({ format: `{bar} {value}/{total} claims  running: {running}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, barsize: 24 })
    : undefined;
  const tasks: ClaimTask[] = run.claims.map((c) => ({
    id: c.id,
    runs: run.runs,
    seed: run.seed,
    timeBudgetMs: run.timeBudgetMs,
    persist: run.save,
    replaySaved: run.replay !== false,
    root: run.root,
    figures: run.figures ?? run.json,
  }));
  // Longest first (by the last run's times, unknown claims first): a long claim started last would
  // leave the other threads idle at the end. Only the start order changes; output keeps the claims' order.
  const past = readTimings(run.root);
  const order = longestFirst(tasks, past);
  // Tasks start in that order on free threads, so the ones running are the first `threads` not yet finished.
  const runningText = () => [...running].slice(0, threads).join(', ');
  order.forEach((k) => running.add(tasks[k].id));
  bar?.start(tasks.length, 0, { running: runningText() });
  const took: Record<string, number> = {};
  try {
    await runOnPool(order.map((k) => tasks[k]), threads, (j, r) => {
      const k = order[j];
      took[timingKey(tasks[k])] = r.outcome.millis;
      running.delete(r.outcome.id);
      // A bar owns its line: the claim's log lines go above it, then it is drawn again.
      bar?.stop();
      r.log.forEach((line) => run.err(line));
      print.finished(k, r.outcome);
      if (bar && print.done < tasks.length) bar.start(tasks.length, print.done, { running: runningText() });
    });
  } finally {
    bar?.stop();
    writeTimings(past, took, run.root);
  }
  return print.end();
}

/** Where the last parallel runs' claim times are kept, per checkout (a cache: losing it only costs balance). */
const timingsFile = (root = ROOT) => join(root, 'node_modules', '.cache', 'mechcheck-timings.json');
/** A claim's time depends on its depth: one entry per id, runs and time budget. */
const timingKey = (t: ClaimTask) => `${t.id}|${t.runs ?? ''}|${t.timeBudgetMs ?? ''}`;

/** The recorded times (milliseconds by timingKey), or none. */
function readTimings(root?: string): Record<string, number> {
  try {
    const j = JSON.parse(readFileSync(timingsFile(root), 'utf8')) as unknown;
    if (!j || typeof j !== 'object' || Array.isArray(j)) return {};
    return Object.fromEntries(Object.entries(j).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
  } catch {
    return {};
  }
}

/** Record this run's times beside the others (written whole, then renamed; a failure is ignored). */
function writeTimings(past: Record<string, number>, took: Record<string, number>, root?: string): void {
  if (Object.keys(took).length === 0) return;
  const file = timingsFile(root);
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...past, ...took }));
    renameSync(tmp, file);
  } catch {
    // a read-only checkout: the next run starts in catalogue order
  }
}

/** Task indices, longest recorded time first; unrecorded tasks lead, in their given order (stable). */
export function longestFirst(tasks: readonly ClaimTask[], past: Record<string, number>): number[] {
  const cost = (k: number) => past[timingKey(tasks[k])] ?? Infinity;
  return tasks.map((_, k) => k).sort((a, b) => cost(b) - cost(a) || a - b);
}

/**
 * What serial and parallel runs print alike: the stray-file warnings first; per finished claim,
 * its skipped files and (without a bar) a progress line on stderr, numbered by claims finished;
 * its JSON line on stdout in the claims' order; the table at the end.
 */
function printer(run: CheckRun) {
  const warn = (s: SkippedFile) => run.err(`mechcheck: warning: skipped ${s.file}: ${s.reason}`);
  const stray = run.registered ? strayFiles(run.registered.map((c) => c.id), run.root) : [];
  stray.forEach(warn);
  const total = run.claims.length;
  const slots: (ClaimOutcome | undefined)[] = new Array(total);
  let printed = 0;
  let done = 0;
  return {
    total,
    get done() {
      return done;
    },
    finished(k: number, o: ClaimOutcome) {
      slots[k] = o;
      done++;
      o.skippedFiles?.forEach(warn);
      if (!run.json && !run.bar) run.err(`[${done}/${total}] ${o.id}: ${o.outcome}${o.expected ? '' : ' (deviates)'} in ${seconds(o.millis)}`);
      for (; printed < total && slots[printed]; printed++) if (run.json) run.out(JSON.stringify(slots[printed]));
    },
    end() {
      const outcomes = slots as ClaimOutcome[];
      if (!run.json) run.out(table(outcomes, stray));
      return { outcomes, skippedFiles: stray };
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function pad(s: string, n: number) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/**
 * The table of outcomes, deviations first, each line ending with what its outcome rests on (the
 * case and its certification route, "saved case only", or the search's strength); then the
 * findings (refuted and contradicted claims) in one line each, then any saved file skipped.
 */
export function table(outcomes: ClaimOutcome[], stray: SkippedFile[] = []): string {
  const rows = [...outcomes].sort((a, b) => Number(a.expected) - Number(b.expected));
  const w = Math.max(2, ...rows.map((o) => o.id.length));
  const lines = [
    `${pad('id', w)}  ${pad('verdict', 12)}  ${pad('outcome', 16)}  ${pad('runs', 6)}  ${pad('time', 6)}  evidence`,
    ...rows.map(
      (o) =>
        `${pad(o.id, w)}  ${pad(o.verdict, 12)}  ${pad(o.outcome + (o.expected ? '' : ' ✗'), 16)}  ${pad(String(o.runs), 6)}  ${pad(seconds(o.millis), 6)}  ${evidenceLine(o)}`,
    ),
  ];
  const dev = outcomes.filter((o) => !o.expected);
  const t = tally(outcomes);
  lines.push('', `${outcomes.length} claim(s): ${t.expected} at their expected verdict, ${t.deviate} deviate, ${t.inconclusive} inconclusive.`);
  const findings = outcomes.filter((o) => o.counterexample && (o.verdict === 'contradicted' || o.verdict === 'refuted' || !o.expected));
  if (findings.length) {
    lines.push('', 'Findings:');
    for (const o of findings) {
      const cx = o.counterexample!;
      lines.push(`  ${o.id} (${o.outcome}): ${cx.describe}`);
      if (cx.foundBy === 'replay') lines.push('    found by: a saved case only (this run’s search found none)');
      if (!cx.certified) lines.push(`    standard: ${JSON.stringify(cx.certification.standard)}`);
      // One line: a bundles table (before/after, for the report's figure) is left to --json and the report.
      const { bundles, ...high } = cx.certification.high;
      lines.push(`    ${cx.certified ? 'certified' : 'NOT confirmed'} by ${cx.certifiedBy ?? 'high precision'}: ${JSON.stringify(high)}${bundles !== undefined ? ' (bundles before/after: in --json and the report)' : ''}`);
      if (cx.replay) lines.push(`    replay: ${cx.replay}`);
    }
  }
  for (const o of dev) lines.push(`  ${o.id}: ${o.message}`);
  const skipped = [...outcomes.flatMap((o) => o.skippedFiles ?? []), ...stray];
  if (skipped.length) {
    lines.push('', 'Skipped saved files (not replayed; fix or remove them — npm test fails until then):');
    for (const s of skipped) lines.push(`  ${s.file}: ${s.reason}`);
  }
  return lines.join('\n');
}
