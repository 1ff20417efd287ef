import { verifyCertificate } from '../claims/certificates.ts';
import { certifyCaseG, evaluateCase, interesting, runAsync } from '../claims/runner.ts';
import { readSavedCase } from '../claims/persist.ts';
import type { Certificate, CertificateCheck, AnyClaim, Claim, Json } from '../claims/types.ts';
import { UsageError } from '../errors.ts';
import { oneLine } from './errors.ts';

export interface ReplayResult {
  claim: string;
  verdict: string;
  describe: string;
  file: string;
  /** Still a counterexample (witness) by the standard route, and confirmed by certification (`high`: the name from when certification was the high-precision re-run). */
  still: { standard: boolean; high: boolean };
  /** The standard route's numbers, and the certification's (`high`). */
  numbers: { standard: Json; high: Json };
  /** The route that certified it: the claim's `certify`, or "not independent: the property again at high precision". */
  certifiedBy: string;
  /** The file's certificate re-verified from its data alone (files with one): a case stands only when it verifies. */
  certificate?: CertificateCheck;
  /** The file's case says what the claim's verdict expects: a refuted/contradicted/witness case still stands; a holds violation is gone. */
  expected: boolean;
}

/** Re-run a saved counterexample by the standard route and certify it as the runner does. */
export async function replayFile(file: string, claims: readonly AnyClaim<any>[]): Promise<ReplayResult> {
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
  // The runner's evaluation: the same context (the case's seeded rng) the search and certify give it.
  const ev = await runAsync(evaluateCase(claim, input, 'standard'));
  if ('error' in ev) throw new Error(ev.error);
  const std = ev.result;
  // Certified whatever the standard route says: a holds violation is fixed only when both agree it is gone.
  const cert = await runAsync(certifyCaseG(claim, input));
  const certificate = saved.certificate ? verifyCertificate(saved.certificate as Certificate) : undefined;
  const still = { standard: interesting(claim, std), high: cert.certified && certificate?.verified !== false };
  return {
    claim: claim.id,
    verdict: claim.verdict,
    describe: claim.describe ? claim.describe(input) : JSON.stringify(input),
    file,
    still,
    numbers: { standard: std.numbers, high: cert.numbers },
    certifiedBy: cert.certifiedBy,
    ...(certificate ? { certificate } : {}),
    // As the runner counts a replayed case: still a case when the standard route finds it and certification confirms it.
    expected: claim.verdict === 'holds' ? !still.standard && !still.high : still.standard && still.high,
  };
}
