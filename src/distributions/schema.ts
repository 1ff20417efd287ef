/**
 * The distribution spec at the edge (INTERFACES.md, "Distribution spec"): a zod 4 schema that
 * rejects every spec the families cannot build, with one-line messages naming the field
 * (`distribution.parts[1].weight: must be ≥ 0`), and `parseDist`, which validates and builds.
 */
import { z } from 'zod';
import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { InputError } from '../errors.ts';
import { clipQuoted, fieldPath, fmt } from './common.ts';
import { checkDensity } from './density.ts';
import { makeDist } from './make.ts';

export { InputError };

/** Mixtures may contain mixtures, down to this many levels (a top-level mixture is level 1). */
export const MAX_MIXTURE_DEPTH = 4;

export const DIST_KINDS = ['uniform', 'beta', 'truncated-normal', 'density', 'piecewise-uniform', 'atoms', 'mixture'] as const;

// z.number() rejects NaN and ±Infinity in zod 4: "finite" comes with the type.
const num = () => z.number();
const positive = () => z.number().gt(0, { error: 'must be > 0' });
const weight = () => z.number().gte(0, { error: 'must be ≥ 0' });

type Ctx = z.core.$RefinementCtx<unknown>;

/** lo < hi, with a width that is finite and whose reciprocal (a uniform density) is finite. */
function checkInterval(lo: number, hi: number, ctx: Ctx, at: PropertyKey[] = []): boolean {
  if (!(lo < hi)) {
    ctx.addIssue({ code: 'custom', path: [...at, 'hi'], message: `must be greater than lo (got lo = ${fmt(lo)}, hi = ${fmt(hi)})` });
    return false;
  }
  const w = hi - lo;
  if (!Number.isFinite(w) || !Number.isFinite(1 / w)) {
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'hi'],
      message: `hi − lo must be a finite, non-negligible width (got lo = ${fmt(lo)}, hi = ${fmt(hi)})`,
    });
    return false;
  }
  return true;
}

function checkWeights(ws: number[], ctx: Ctx, at: PropertyKey[], what: string): void {
  const total = ws.reduce((s, w) => s + w, 0);
  if (!(total > 0)) ctx.addIssue({ code: 'custom', path: at, message: `${what} must have a positive sum (got ${fmt(total)})` });
  else if (!Number.isFinite(total)) ctx.addIssue({ code: 'custom', path: at, message: `${what} must have a finite sum` });
}

const Uniform = z
  .strictObject({ kind: z.literal('uniform'), lo: num(), hi: num() })
  .superRefine((s, ctx) => void checkInterval(s.lo, s.hi, ctx));

const Beta = z
  .strictObject({ kind: z.literal('beta'), a: positive(), b: positive(), lo: num(), hi: num() })
  .superRefine((s, ctx) => {
    checkInterval(s.lo, s.hi, ctx);
    // The incomplete beta function's continued fraction needs O(√max(a, b)) terms, and outside
    // this range the distribution is numerically an atom anyway.
    for (const k of ['a', 'b'] as const) {
      if (s[k] < 1e-3 || s[k] > 1e6) ctx.addIssue({ code: 'custom', path: [k], message: `must be between 0.001 and 1e6 (got ${fmt(s[k])})` });
    }
  });

const TruncatedNormal = z
  .strictObject({ kind: z.literal('truncated-normal'), mean: num(), sd: positive(), lo: num(), hi: num() })
  .superRefine((s, ctx) => {
    if (!checkInterval(s.lo, s.hi, ctx)) return;
    // Standardised ends must be representable: (hi − lo)/sd, (lo − mean)/sd finite.
    if (!Number.isFinite((s.hi - s.lo) / s.sd) || !Number.isFinite((s.lo - s.mean) / s.sd) || !Number.isFinite((s.hi - s.mean) / s.sd)) {
      ctx.addIssue({ code: 'custom', path: ['sd'], message: `too small for the interval and mean (got sd = ${fmt(s.sd)})` });
    }
  });

const Density = z
  .strictObject({ kind: z.literal('density'), expr: z.string().min(1, { error: 'must not be empty' }), lo: num(), hi: num() })
  .superRefine((s, ctx) => {
    if (!checkInterval(s.lo, s.hi, ctx)) return;
    const message = checkDensity(s.expr, s.lo, s.hi);
    if (message) ctx.addIssue({ code: 'custom', path: ['expr'], message });
  });

const Piece = z
  .strictObject({ lo: num(), hi: num(), weight: weight() })
  .superRefine((p, ctx) => void checkInterval(p.lo, p.hi, ctx));

const PiecewiseUniform = z
  .strictObject({ kind: z.literal('piecewise-uniform'), pieces: z.array(Piece).min(1, { error: 'must have at least one piece' }) })
  .superRefine((s, ctx) => {
    checkWeights(s.pieces.map((p) => p.weight), ctx, ['pieces'], 'piece weights');
    // Non-overlapping: sorted by lo, each piece starts at or after the previous one ends.
    const order = s.pieces.map((p, i) => ({ ...p, i })).sort((p, q) => p.lo - q.lo || p.hi - q.hi);
    for (let k = 1; k < order.length; k++) {
      const prev = order[k - 1];
      const cur = order[k];
      if (cur.lo < prev.hi) {
        const [first, second] = prev.i < cur.i ? [prev, cur] : [cur, prev];
        ctx.addIssue({
          code: 'custom',
          path: ['pieces', second.i],
          message: `overlaps pieces[${first.i}] ([${fmt(second.lo)}, ${fmt(second.hi)}] and [${fmt(first.lo)}, ${fmt(first.hi)}]); pieces may touch but not overlap`,
        });
        return;
      }
    }
    const live = s.pieces.filter((p) => p.weight > 0);
    if (live.length > 0) {
      const lo = Math.min(...live.map((p) => p.lo));
      const hi = Math.max(...live.map((p) => p.hi));
      if (!Number.isFinite(hi - lo)) ctx.addIssue({ code: 'custom', path: ['pieces'], message: 'the support must have a finite width' });
    }
  });

const Atoms = z
  .strictObject({
    kind: z.literal('atoms'),
    points: z.array(z.tuple([num(), weight()])).min(1, { error: 'must have at least one [value, weight] point' }),
  })
  .superRefine((s, ctx) => checkWeights(s.points.map(([, w]) => w), ctx, ['points'], 'point weights'));

const LEAVES = [Uniform, Beta, TruncatedNormal, Density, PiecewiseUniform, Atoms] as const;

/** A mixture found deeper than MAX_MIXTURE_DEPTH. */
const TooDeep = z
  .looseObject({ kind: z.literal('mixture') })
  .superRefine((_, ctx) =>
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `mixtures may nest at most ${MAX_MIXTURE_DEPTH} levels deep` }),
  );

function level(depth: number): z.ZodType<DistSpec> {
  if (depth > MAX_MIXTURE_DEPTH) return z.discriminatedUnion('kind', [...LEAVES, TooDeep]) as unknown as z.ZodType<DistSpec>;
  const Mixture = z
    .strictObject({
      kind: z.literal('mixture'),
      parts: z
        .array(z.strictObject({ weight: weight(), dist: z.lazy(() => level(depth + 1)) }))
        .min(1, { error: 'must have at least one part' }),
    })
    .superRefine((s, ctx) => checkWeights(s.parts.map((p) => p.weight), ctx, ['parts'], 'part weights'));
  return z.discriminatedUnion('kind', [...LEAVES, Mixture]) as unknown as z.ZodType<DistSpec>;
}

/** Schema of a distribution spec (all kinds, strict objects, mixtures nested at most MAX_MIXTURE_DEPTH deep). */
export const DistSchema: z.ZodType<DistSpec> = level(1);

// ------------------------------------------------------------------------------------------
// Errors

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return { found: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return { found: true, value: v };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return clipQuoted(v);
  return `${typeof v} ${String(v)}`;
}

const ARTICLE: Record<string, string> = {
  number: 'a finite number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
  int: 'an integer',
};

/** Field path and message of the first issue of a zod error. */
export function firstIssue(err: z.ZodError | { issues: readonly z.core.$ZodIssue[] }, prefix: string, input?: unknown): { field: string; detail: string } {
  const issue = err.issues[0];
  if (!issue) return { field: prefix, detail: 'is invalid' };
  const path = issue.path as PropertyKey[];
  const field = fieldPath(prefix, path);
  const at = () => {
    const fromIssue = 'input' in issue ? { found: issue.input !== undefined, value: issue.input } : valueAt(input, path);
    return fromIssue;
  };
  switch (issue.code) {
    case 'invalid_type': {
      const { found, value } = at();
      const want = ARTICLE[issue.expected] ?? issue.expected;
      if (!found || value === undefined) return { field, detail: `is required (${want})` };
      return { field, detail: `must be ${want} (got ${describe(value)})` };
    }
    case 'unrecognized_keys':
      return { field: fieldPath(field, [issue.keys[0]]), detail: 'unknown field' };
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & { discriminator?: string; options?: unknown[] };
      if (u.discriminator !== undefined) {
        const { found, value } = at();
        const options = (u.options ?? []).map(String).join(', ');
        if (!found || value === undefined) return { field, detail: `is required (one of ${options})` };
        return { field, detail: `must be one of ${options} (got ${describe(value)})` };
      }
      const inner = u.errors?.[0];
      if (inner && inner.length > 0) {
        const sub = firstIssue({ issues: inner }, field, valueAt(input, path).value);
        return sub;
      }
      return { field, detail: 'does not match any allowed form' };
    }
    case 'too_small': {
      if (issue.origin === 'array') return { field, detail: issue.message.startsWith('Too small') ? `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}` : issue.message };
      if (issue.origin === 'string') return { field, detail: issue.message.startsWith('Too small') ? 'must not be empty' : issue.message };
      return { field, detail: issue.message.startsWith('Too small') ? `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}` : issue.message };
    }
    case 'too_big': {
      if (issue.origin === 'array') return { field, detail: issue.message.startsWith('Too big') ? `must have at most ${issue.maximum} item${issue.maximum === 1 ? '' : 's'}` : issue.message };
      return { field, detail: issue.message.startsWith('Too big') ? `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}` : issue.message };
    }
    case 'invalid_value': {
      const { found, value } = at();
      const options = issue.values.map((v) => JSON.stringify(v)).join(' or ');
      if (!found || value === undefined) return { field, detail: `is required (${options})` };
      return { field, detail: `must be ${options} (got ${describe(value)})` };
    }
    default:
      return { field, detail: issue.message };
  }
}

/**
 * One line for the first issue of a zod error: `prefix.path.to[3].field: what is wrong`.
 * Pass the parsed value as `input` for messages that quote the offending value (or parse with
 * `{ reportInput: true }`). Reusable for any request schema.
 */
export function formatZodError(err: z.ZodError | { issues: readonly z.core.$ZodIssue[] }, prefix: string, input?: unknown): string {
  const { field, detail } = firstIssue(err, prefix, input);
  const line = `${field ? `${field}: ` : ''}${detail}`;
  return line.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Validates a spec (throwing InputError with a one-line message naming the field) and builds it. */
export function parseDist(value: unknown, field = 'distribution', precision: Precision = 'standard'): Dist {
  const spec = validateDist(value, field);
  return makeDist(spec, precision, field);
}

/** Validates a spec without building it; throws InputError. */
export function validateDist(value: unknown, field = 'distribution'): DistSpec {
  const r = DistSchema.safeParse(value);
  if (!r.success) {
    const { field: f, detail } = firstIssue(r.error, field, value);
    throw new InputError(f, detail);
  }
  return r.data;
}

/** False if atoms appear anywhere in the spec, including inside mixtures (even with weight 0). */
export function isContinuousSpec(spec: DistSpec): boolean {
  if (spec.kind === 'atoms') return false;
  if (spec.kind === 'mixture') return spec.parts.every((p) => isContinuousSpec(p.dist));
  return true;
}
