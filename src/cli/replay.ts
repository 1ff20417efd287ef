import { interesting } from '../claims/runner.ts';
import { readSavedCase } from '../claims/persist.ts';
import type { Claim, Json } from '../claims/types.ts';
import { oneLine, UsageError } from './errors.ts';

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
  // The same reading as the runner's, so a bad file is named in the same one line.
  const r = readSavedCase(file);
  if ('reason' in r) throw new UsageError('FILE', `${file}: ${r.reason}`);
  const saved = r.saved;
  const claim = claims.find((c) => c.id === saved.claim);
  if (!claim) throw new UsageError('FILE', `${file}: its claim ${saved.claim} is not a registered claim id`);
  let input: unknown;
  try {
    input = claim.decode ? claim.decode(saved.input) : saved.input;
  } catch (e) {
    throw new UsageError('FILE', `${file}: its input does not decode: ${oneLine((e as Error).message ?? String(e))}`);
  }
  const std = claim.property(input, { precision: 'standard', tolerance: claim.tolerance });
  const high = claim.property(input, { precision: 'high', tolerance: claim.tolerance });
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
