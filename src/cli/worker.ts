// The entry of a `check --workers N` worker thread (see workers.ts): it loads the registry once
// and runs the claims it is handed by id, exactly as the serial path runs them.
import { allClaims } from '../../properties/index.ts';
import { runClaimAsync } from '../claims/runner.ts';
import type { ClaimTask, ClaimTaskResult } from './workers.ts';

const byId = new Map(allClaims.map((c) => [c.id, c]));

/** Run one registered claim; its log lines come back with the outcome instead of going to stderr from this thread. */
export default async function runClaimTask(task: ClaimTask): Promise<ClaimTaskResult> {
  const claim = byId.get(task.id);
  if (!claim) throw new Error(`worker: no registered claim ${task.id}`);
  const log: string[] = [];
  const outcome = await runClaimAsync(claim, {
    runs: task.runs,
    seed: task.seed,
    timeBudgetMs: task.timeBudgetMs,
    persist: task.persist,
    replaySaved: task.replaySaved,
    root: task.root,
    figures: task.figures,
    log: (line) => log.push(line),
  });
  return { outcome, log };
}
