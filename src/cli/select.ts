import type { Claim, Paper } from '../claims/types.ts';
import { UsageError } from './errors.ts';

/** The claims a command names: by id, by paper, then the I-th of N deterministic slices (sorted by id). */
export function selectClaims(
  all: readonly Claim<any>[],
  sel: { ids?: string[]; paper?: Paper; shard?: [number, number] },
): Claim<any>[] {
  let out = [...all];
  if (sel.ids && sel.ids.length) {
    const byId = new Map(all.map((c) => [c.id, c]));
    const unknown = sel.ids.filter((id) => !byId.has(id));
    if (unknown.length) throw new UsageError('ids', `unknown claim ${unknown[0]} (see mechcheck list)`);
    out = [...new Set(sel.ids)].map((id) => byId.get(id)!);
  }
  if (sel.paper) out = out.filter((c) => c.paper === sel.paper);
  if (sel.shard) {
    const [i, n] = sel.shard;
    out = [...out].sort((a, b) => a.id.localeCompare(b.id)).filter((_, k) => k % n === i - 1);
  }
  return out;
}
