import { paperMetas as papers } from '../../properties/papers.ts';
import { defaultWorkers } from './workers.ts';
import { UsageError } from '../errors.ts';

/*
 * Command-line values are outside input too. Each flag is read from its text by one pattern (plain
 * decimal: no hex, no exponent, no blanks — `Number()` would take "" as 0 and "0x2a" as 42) and
 * one range, and a wrong value gets one message naming the flag, what it accepts and what was given.
 */

const MAX_RUNS = 10_000_000;
const MAX_BUDGET_S = 86_400;
// The run seed is mixed into each claim's seed as a 32-bit signed integer (claimSeed: `runSeed | 0`);
// outside this range two seeds would be the same run.
const MIN_SEED = -(2 ** 31);
const MAX_SEED = 2 ** 31 - 1;

/** A flag's value: `read` returns the value, or undefined when the text is not one the flag accepts. */
interface Flag<T> {
  name: string;
  accepts: string;
  read(text: string): T | undefined;
}

const wholeIn = (lo: number, hi: number) => (text: string) => {
  if (!/^-?\d+$/.test(text)) return undefined;
  const v = Number(text);
  return v >= lo && v <= hi ? v : undefined;
};

const RUNS: Flag<number> = { name: '--runs', accepts: `a whole number from 1 to ${MAX_RUNS}`, read: wholeIn(1, MAX_RUNS) };
const SEED: Flag<number> = { name: '--seed', accepts: `a whole number from ${MIN_SEED} to ${MAX_SEED}`, read: wholeIn(MIN_SEED, MAX_SEED) };
const BUDGET: Flag<number> = {
  name: '--time-budget',
  accepts: `a number of seconds above 0 and at most ${MAX_BUDGET_S}`,
  read: (text) => {
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
    const v = Number(text);
    return v > 0 && v <= MAX_BUDGET_S ? v : undefined;
  },
};
// Beyond a few hundred threads each worker's copy of the registry costs more than it could gain.
const MAX_WORKERS = 256;
const WORKERS: Flag<number> = { name: '--workers', accepts: `a whole number from 1 to ${MAX_WORKERS}`, read: wholeIn(1, MAX_WORKERS) };
const SHARD: Flag<[number, number]> = {
  name: '--shard',
  accepts: 'I/N with whole numbers 1 ≤ I ≤ N, e.g. 2/8',
  read: (text) => {
    const m = /^(\d+)\/(\d+)$/.exec(text);
    if (!m) return undefined;
    const [i, n] = [Number(m[1]), Number(m[2])];
    return i >= 1 && i <= n ? [i, n] : undefined;
  },
};

/** The flag's value from its text, or a UsageError: `--seed: must be a whole number from … (got "abc")`. */
function read<T>(flag: Flag<T>, text: string): T {
  const v = flag.read(text);
  if (v === undefined) throw new UsageError(flag.name, `must be ${flag.accepts} (got ${JSON.stringify(text)})`);
  return v;
}

export interface CheckFlags {
  paper?: string;
  runs?: string;
  seed?: string;
  timeBudget?: string;
  shard?: string;
  /** Worker threads claims run on (default: the cores). */
  workers?: string;
  json?: boolean;
  save?: boolean;
  /** false with --no-replay: saved cases are set aside, so the verdict rests on this run's search. */
  replay?: boolean;
}

/** check's and report's flags, validated: every wrong value is a UsageError naming its flag. */
export function parseCheckFlags(f: CheckFlags) {
  return {
    paper: parsePaper(f.paper),
    runs: f.runs === undefined ? undefined : read(RUNS, f.runs),
    seed: f.seed === undefined ? undefined : read(SEED, f.seed),
    timeBudgetMs: f.timeBudget === undefined ? undefined : 1000 * read(BUDGET, f.timeBudget),
    shard: f.shard === undefined ? undefined : read(SHARD, f.shard),
    workers: f.workers === undefined ? defaultWorkers() : read(WORKERS, f.workers),
    json: !!f.json,
    save: f.save !== false,
    replay: f.replay !== false,
  };
}

/** --paper, the code of a registered paper (properties/papers.ts: the list is the papers' folders'). */
export function parsePaper(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const codes = papers.map((x) => x.id);
  if (!codes.includes(p)) throw new UsageError('--paper', `must be one of ${codes.join(', ')}, the registered papers (got ${JSON.stringify(p)})`);
  return p;
}
