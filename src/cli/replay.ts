import { readFileSync } from 'node:fs';
import { interesting } from '../claims/runner.ts';
import { SavedCaseSchema } from '../claims/persist.ts';
import type { Claim, Json } from '../claims/types.ts';
import { UsageError } from './errors.ts';

export interface ReplayResult {
  claim: string;
  verdict: string;
  describe: string;
  file: string;
  /** Still a counterexample (witness) at standard and at high precision. */
  still: { standard: boolean; high: boolean };
  numbers: { standard: Json; high: Json };
  /** The file's case says what the claim's verdict expects: a refuted/contradicted/witness case still stands; a holds violation is gone. */
  expected: boolean;
}

/** Re-run a saved counterexample at both precisions. */
export function replayFile(file: string, claims: readonly Claim<any>[]): ReplayResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError('FILE', `cannot read ${file} as JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = SavedCaseSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UsageError(`FILE ${file}: ${i.path.join('.') || '(top)'}`, i.message);
  }
  const saved = parsed.data;
  const claim = claims.find((c) => c.id === saved.claim);
  if (!claim) throw new UsageError(`FILE ${file}: claim`, `unknown claim ${saved.claim}`);
  const input = claim.decode ? claim.decode(saved.input) : saved.input;
  const std = claim.property(input, { precision: 'standard' });
  const high = claim.property(input, { precision: 'high' });
  const still = { standard: interesting(claim, std), high: interesting(claim, high) };
  return {
    claim: claim.id,
    verdict: claim.verdict,
    describe: claim.describe ? claim.describe(input) : JSON.stringify(input),
    file,
    still,
    numbers: { standard: std.numbers, high: high.numbers },
    expected: claim.verdict === 'holds' ? !still.high : still.high,
  };
}
