import type { AnyClaim, Claim, Paper } from '../claims/types.ts';
import { UsageError } from '../errors.ts';

/**
 * The claims a command names: by id, by paper, then the I-th of N deterministic slices (sorted by
 * id). Selecting nothing is a UsageError naming what selected nothing (--paper or --shard; ids
 * alone cannot: an unknown id is refused first): a run of no claim would pass with nothing checked.
 */
export function selectClaims(
  all: readonly AnyClaim<any>[],
  sel: { ids?: string[]; paper?: Paper; shard?: [number, number] },
): AnyClaim<any>[] {
  let out = [...all];
  const named = !!(sel.ids && sel.ids.length);
  if (sel.ids && sel.ids.length) {
    const byId = new Map(all.map((c) => [c.id, c]));
    const unknown = sel.ids.filter((id) => !byId.has(id));
    if (unknown.length) throw new UsageError('ids', `unknown claim ${unknown[0]} (see mechcheck list)`);
    out = [...new Set(sel.ids)].map((id) => byId.get(id)!);
  }
  if (sel.paper) {
    const before = out;
    out = out.filter((c) => c.paper === sel.paper);
    if (!out.length) {
      throw new UsageError(
        '--paper',
        named ? `none of the claims named (${before.map((c) => c.id).join(', ')}) is of paper ${sel.paper}` : `no claim of paper ${sel.paper} is registered (see mechcheck list)`,
      );
    }
  }
  if (sel.shard) {
    const [i, n] = sel.shard;
    const count = out.length;
    out = [...out].sort((a, b) => a.id.localeCompare(b.id)).filter((_, k) => k % n === i - 1);
    if (!out.length) throw new UsageError('--shard', `slice ${i} of ${n} holds no claim (${count} claim${count === 1 ? '' : 's'} selected; use N ≤ ${count})`);
  }
  return out;
}
