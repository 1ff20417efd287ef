/** What the Pycia–Wang claims share: building markets, decoding saved inputs, scales for tolerances. */
import { z } from 'zod';
import { firstIssue, InputError, parseDist } from '../../src/distributions/schema.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import type { Precision } from '../../src/numeric/types.ts';
import type { Market, MarketSpec } from '../../src/models/pycia-wang/market.ts';

export function build(spec: MarketSpec, precision: Precision = 'standard'): Market {
  return { n: spec.n, shares: spec.shares, dist: makeDist(spec.dist, precision) };
}

/** The size of the numbers in a market's integrals: tolerances scale with it. */
export function scaleOf(dist: { lo: number; hi: number }): number {
  return Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
}

const MarketShape = z.strictObject({
  n: z.number().int().min(2).max(1_000_000),
  shares: z.array(z.number().min(0).max(1)),
  dist: z.unknown(),
});

function fail(e: z.ZodError, prefix: string, input: unknown): never {
  const i = firstIssue(e, prefix, input);
  throw new InputError(i.field, i.detail);
}

/** Validate a market read from a file: the shape, shares on the simplex, a valid continuous F. */
export function decodeMarket(json: unknown, prefix = 'input'): MarketSpec {
  const r = MarketShape.safeParse(json);
  if (!r.success) fail(r.error, prefix, json);
  const { n, shares } = r.data;
  if (shares.length !== n) throw new InputError(`${prefix}.shares`, `must have n = ${n} entries`);
  const s = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(s - 1) > 1e-9) throw new InputError(`${prefix}.shares`, `must sum to 1 (got ${s})`);
  const dist = parseDist(r.data.dist, `${prefix}.dist`);
  return { n, shares, dist: dist.spec as DistSpec };
}

/** Decode { market, …extra } records whose extra fields are checked by `extra`. */
export function decodeWith(extra: z.ZodRawShape) {
  const Shape = z.strictObject({ market: z.unknown(), ...extra });
  return (json: unknown): Record<string, any> & { market: MarketSpec } => {
    const r = Shape.safeParse(json);
    if (!r.success) fail(r.error, 'input', json);
    const data = r.data as Record<string, unknown>;
    return { ...data, market: decodeMarket(data.market, 'input.market') };
  };
}

/** Validate a continuous distribution read from a file. */
export function decodeDist(json: unknown, field = 'input'): DistSpec {
  const d = parseDist(json, field);
  if (d.discrete) throw new InputError(field, 'atoms are outside the model: F must be continuous');
  return d.spec as DistSpec;
}
