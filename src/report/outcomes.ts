/**
 * Reading a run back: `check --json` writes one ClaimOutcome per line; `report --from` reads
 * them through this schema (the edge: a file from anywhere), so a bad line is one clear error
 * naming the line and the field, and nothing is written.
 */
import { z } from 'zod';
import type { ClaimOutcome } from '../claims/types.ts';
import { firstIssue } from '../distributions/schema.ts';
import { UsageError } from '../errors.ts';
import { EXPECTED, PAPER_CODE } from '../claims/registry.ts';
import type { AnyClaim, Claim } from '../claims/types.ts';

const JsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValue), z.record(z.string(), JsonValue)]));
const NumbersSchema = z.record(z.string(), JsonValue);

// JSON has no Infinity/NaN: check --json writes them as null, which a figure skips.
const Point = z.tuple([z.number().nullable(), z.number().nullable()]);

const XYFigureSchema = z.object({
  kind: z.literal('xy').optional(),
  id: z.string(),
  title: z.string(),
  caption: z.string().optional(),
  x: z.object({ label: z.string(), scale: z.enum(['linear', 'log']).optional() }),
  y: z.object({ label: z.string(), scale: z.enum(['linear', 'log']).optional() }),
  series: z.array(
    z.object({
      name: z.string(),
      color: z.string().optional(),
      points: z.array(Point),
      style: z.enum(['line', 'dots', 'line+dots']).optional(),
    }),
  ),
  marks: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('x-span'), from: z.number(), to: z.number(), label: z.string() }),
        z.object({ kind: z.literal('power-fit'), series: z.string(), slope: z.number(), intercept: z.number(), label: z.string(), from: z.number().optional(), to: z.number().optional() }),
      ]),
    )
    .optional(),
});

const Rect = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const RegionFigureSchema = z.object({
  kind: z.literal('region'),
  id: z.string(),
  title: z.string(),
  caption: z.string().optional(),
  x: z.object({ label: z.string(), domain: z.tuple([z.number(), z.number()]).optional() }),
  y: z.object({ label: z.string(), domain: z.tuple([z.number(), z.number()]).optional() }),
  regions: z.array(
    z.object({
      name: z.string(),
      color: z.string().optional(),
      rects: z.array(Rect).optional(),
      polygons: z.array(z.array(z.tuple([z.number(), z.number()]))).optional(),
      grid: z.object({ x: z.tuple([z.number(), z.number()]), y: z.tuple([z.number(), z.number()]), cells: z.array(z.array(z.boolean())) }).optional(),
    }),
  ),
  curves: z.array(z.object({ name: z.string(), color: z.string().optional(), points: z.array(Point) })).optional(),
});

const ScatterFigureSchema = z.object({
  kind: z.literal('scatter'),
  id: z.string(),
  title: z.string(),
  caption: z.string().optional(),
  x: z.object({ label: z.string(), scale: z.enum(['linear', 'log']).optional() }),
  y: z.object({ label: z.string(), scale: z.enum(['linear', 'log']).optional() }),
  points: z.array(z.object({ x: z.number().nullable(), y: z.number().nullable(), label: z.string(), group: z.string().optional(), color: z.string().optional() })),
});

// An xy figure may omit its kind (figures written before issue #10 have none): read as 'xy', so that
// the union dispatches on the kind and a bad field is named in its own kind's terms.
const FigureSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && (v as { kind?: unknown }).kind === undefined ? { ...v, kind: 'xy' } : v),
  z.discriminatedUnion('kind', [XYFigureSchema.extend({ kind: z.literal('xy') }), RegionFigureSchema, ScatterFigureSchema]),
);

const CounterexampleSchema = z.object({
  input: JsonValue,
  describe: z.string(),
  numbers: NumbersSchema,
  foundBy: z.enum(['random', 'targeted', 'replay']),
  certified: z.boolean(),
  certifiedBy: z.string().optional(),
  certification: z.object({ standard: NumbersSchema, high: NumbersSchema }),
  certificate: z.object({ kind: z.string(), data: JsonValue }).optional(),
  seed: z.number().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  replay: z.string().optional(),
});

/** A line of `check --json` (unknown fields pass: later versions may add some). */
export const OutcomeSchema = z.object({
  id: z.string().min(1),
  // Any paper's code, registered or not: a run of a newer checkout may hold papers this one lacks (reconcile lists them apart).
  paper: z.string().regex(PAPER_CODE, 'must be a paper code (capital letters, e.g. PW)'),
  statement: z.string(),
  source: z.string(),
  verdict: z.enum(['holds', 'refuted', 'witness', 'contradicted']),
  outcome: z.enum(['passed', 'violated', 'refuted', 'not-refuted', 'witnessed', 'not-witnessed', 'contradicted', 'not-contradicted', 'inconclusive']),
  expected: z.boolean(),
  runs: z.number().int().nonnegative(),
  seed: z.number(),
  millis: z.number().nonnegative(),
  counterexample: CounterexampleSchema.optional(),
  certified: z.boolean().optional(),
  labels: z.record(z.string(), z.number()),
  message: z.string(),
  numbers: NumbersSchema.optional(),
  closest: z.object({ describe: z.string(), numbers: NumbersSchema }).optional(),
  figures: z.array(FigureSchema).optional(),
  replayed: z.array(z.object({ file: z.string(), still: z.boolean(), certifiedBy: z.string().optional(), disagrees: z.boolean().optional() })).optional(),
  searchFound: z.boolean().optional(),
  tolerance: z.object({ abs: z.number().optional(), rel: z.number().optional(), why: z.string() }).optional(),
  undecided: z
    .object({ count: z.number().int().nonnegative(), of: z.number().int().nonnegative(), max: z.number(), targeted: z.number().int().nonnegative(), reasons: z.record(z.string(), z.number()) })
    .optional(),
  search: z
    .object({
      cases: z.number().int().nonnegative(),
      targeted: z.number().int().nonnegative(),
      targetedBudget: z.number().int().nonnegative(),
      closestMargin: z.number().nullable(),
      closestCase: z.string().optional(),
      closestPhase: z.enum(['random', 'targeted']).optional(),
    })
    .optional(),
  coverage: z
    .object({
      certainty: z.number(),
      tolerance: z.number(),
      cases: z.number().int().nonnegative(),
      tested: z.number().int().nonnegative(),
      maxCases: z.number().int().nonnegative(),
      verdict: z.enum(['covered', 'insufficient', 'undecided']),
      stoppedBy: z.enum(['cap', 'time budget']).optional(),
      labels: z.array(
        z.object({
          label: z.string(),
          min: z.number(),
          count: z.number(),
          share: z.number(),
          low: z.number(),
          high: z.number(),
          verdict: z.enum(['covered', 'insufficient', 'undecided']),
        }),
      ),
    })
    .optional(),
  skippedFiles: z.array(z.object({ file: z.string(), reason: z.string() })).optional(),
});

/**
 * Parses JSON Lines of outcomes. Any bad line fails the whole file (UsageError naming
 * `--from`, the file when `file` is given, the line and the field); blank lines are skipped; a
 * claim twice in one file keeps the last (a run appended to its own file, re-run claims last).
 */
export function parseOutcomes(text: string, source = '--from', file?: string): ClaimOutcome[] {
  const at = file === undefined ? '' : `${file} `;
  const byId = new Map<string, ClaimOutcome>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new UsageError(source, `${at}line ${i + 1}: not JSON (${(e as Error).message})`);
    }
    const r = OutcomeSchema.safeParse(value);
    if (!r.success) {
      const { field, detail } = firstIssue(r.error, '', value);
      throw new UsageError(source, `${at}line ${i + 1}: ${field ? `${field}: ` : ''}${detail}`);
    }
    const o = r.data as unknown as ClaimOutcome;
    // null points (Infinity or NaN written as JSON) are left out of figures
    for (const f of o.figures ?? []) {
      if (f.kind === 'region') for (const c of f.curves ?? []) c.points = c.points.filter((p) => p[0] !== null && p[1] !== null);
      else if (f.kind === 'scatter') f.points = f.points.filter((p) => p.x !== null && p.y !== null);
      else for (const s of f.series) s.points = s.points.filter((p) => p[0] !== null && p[1] !== null);
    }
    byId.set(o.id, o);
  });
  if (byId.size === 0) throw new UsageError(source, `${at}holds no outcomes (expected the JSON Lines of \`mechcheck check --json\`)`);
  return [...byId.values()];
}

/**
 * One run from several files (the shards of one deep run): each claim must come from one file
 * only, else which line counts would be a guess, so a claim in two files is a UsageError naming both.
 */
export function mergeRuns(runs: readonly { file: string; outcomes: readonly ClaimOutcome[] }[]): ClaimOutcome[] {
  const from = new Map<string, string>();
  const merged: ClaimOutcome[] = [];
  for (const { file, outcomes } of runs) {
    for (const o of outcomes) {
      const first = from.get(o.id);
      if (first !== undefined) throw new UsageError('--from', `${o.id} is in both ${first} and ${file} (the shards of one run hold each claim once)`);
      from.set(o.id, file);
      merged.push(o);
    }
  }
  return merged;
}

/**
 * Outcomes read from a file, set against the registry: a line's `expected` is recomputed from the
 * registered claim's verdict and the line's outcome (a file's own `expected` and verdict are not
 * trusted: the totals must add up); lines whose id no claim has are returned apart, not counted.
 */
export function reconcile(registry: readonly AnyClaim<any>[], outcomes: readonly ClaimOutcome[]): { known: ClaimOutcome[]; unknown: ClaimOutcome[] } {
  const byId = new Map(registry.map((c) => [c.id, c]));
  const known: ClaimOutcome[] = [];
  const unknown: ClaimOutcome[] = [];
  for (const o of outcomes) {
    const c = byId.get(o.id);
    if (!c) {
      unknown.push(o);
      continue;
    }
    const note = o.verdict === c.verdict ? '' : `(the run recorded verdict ${o.verdict}; the registered verdict is ${c.verdict}) `;
    known.push({ ...o, verdict: c.verdict, expected: o.outcome === EXPECTED[c.verdict], message: note + o.message });
  }
  return { known, unknown };
}
