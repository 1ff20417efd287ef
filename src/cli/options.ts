import { z } from 'zod';
import { PAPERS } from '../claims/types.ts';
import { UsageError } from './errors.ts';

/** Command-line values are outside input too: each is validated with a schema and named when wrong. */
const Runs = z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000_000, 'must be at most 10000000');
const Seed = z.coerce.number().int('must be a whole number').min(-(2 ** 31), 'must fit in 32 bits').max(2 ** 31 - 1, 'must fit in 32 bits');
const Budget = z.coerce.number().positive('must be a positive number of seconds').max(86_400, 'must be at most 86400 seconds');
const Paper = z.enum(PAPERS, { message: `must be one of ${PAPERS.join(', ')}` });
const Shard = z
  .string()
  .regex(/^\d+\/\d+$/, 'must look like I/N, e.g. 2/8')
  .transform((s) => s.split('/').map(Number) as [number, number])
  .refine(([i, n]) => n >= 1 && i >= 1 && i <= n, 'must have 1 ≤ I ≤ N');

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(field, r.error.issues[0]?.message ?? 'invalid');
  return r.data;
}

export interface CheckFlags {
  paper?: string;
  runs?: string;
  seed?: string;
  timeBudget?: string;
  shard?: string;
  json?: boolean;
  save?: boolean;
}

export function parseCheckFlags(f: CheckFlags) {
  return {
    paper: f.paper === undefined ? undefined : parse(Paper, f.paper, '--paper'),
    runs: f.runs === undefined ? undefined : parse(Runs, f.runs, '--runs'),
    seed: f.seed === undefined ? undefined : parse(Seed, f.seed, '--seed'),
    timeBudgetMs: f.timeBudget === undefined ? undefined : 1000 * parse(Budget, f.timeBudget, '--time-budget'),
    shard: f.shard === undefined ? undefined : parse(Shard, f.shard, '--shard'),
    json: !!f.json,
    save: f.save !== false,
  };
}

export function parsePaper(p: string | undefined) {
  return p === undefined ? undefined : parse(Paper, p, '--paper');
}
