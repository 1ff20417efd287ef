import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ClaimOutcome } from '../claims/types.ts';

/*
 * `check --workers N`: claims run on a piscina pool of worker threads, one claim per task. A claim
 * is a closure over generators and properties, which cannot cross threads, so a task carries the
 * claim's id and the run's options and the worker looks the claim up in the registry it loaded
 * itself (src/cli/worker.ts). Each claim's seed comes from the run seed and its id, never from
 * the order claims run in, so a claim gives the same outcome on any thread.
 */

/** What a worker needs to run one registered claim: its id and the run's options. */
export interface ClaimTask {
  id: string;
  runs?: number;
  seed?: number;
  timeBudgetMs?: number;
  persist: boolean;
  replaySaved: boolean;
  root?: string;
  /** Draw the claim's own figures (RunOptions.figures). */
  figures?: boolean;
}

/** A claim's outcome and the lines its run logged (printed by the main thread, with its progress line). */
export interface ClaimTaskResult {
  outcome: ClaimOutcome;
  log: string[];
}

/** `--workers` when not given: every core this process may use. */
export const defaultWorkers = (): number => availableParallelism();

let started = 0;
/** Pools started by this process so far (a test pins that `--workers 1` starts none). */
export const poolsStarted = (): number => started;

/**
 * The worker's entry. The CLI runs from an esbuild bundle (bin/mechcheck.js) whose second entry,
 * worker.js, sits beside the chunk holding this code; run from the sources (tests, the launcher's
 * fallback), a worker thread loads worker.ts through the same module hooks as the main thread.
 */
export function workerEntry(): { filename: string; execArgv?: string[] } {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return { filename: fileURLToPath(new URL('./worker.ts', here)), execArgv: ['--import', new URL('../../bin/register-ts.mjs', here).href] };
  }
  return { filename: fileURLToPath(new URL('./worker.js', here)) };
}

/**
 * Run the tasks on `threads` worker threads; `done(k, result)` is called for each task as it
 * finishes (completion order). Tasks start in the order given. The first task to fail (an internal
 * error in a claim's run) stops the pool and is thrown, as it would be in a serial run.
 */
export async function runOnPool(tasks: readonly ClaimTask[], threads: number, done: (k: number, r: ClaimTaskResult) => void): Promise<void> {
  started++;
  // Loaded here: the other commands, and a serial check, never pay for it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<ClaimTask, ClaimTaskResult>({ ...workerEntry(), minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 1 });
  try {
    await Promise.all(tasks.map((t, k) => pool.run(t).then((r) => done(k, r))));
  } finally {
    await pool.destroy();
  }
}
