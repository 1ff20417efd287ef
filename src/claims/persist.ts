import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { canonicalJson, digest } from './canonical.ts';
import type { Counterexample, Json, Numbers, Verdict } from './types.ts';

/** The repository root (this file is src/claims/persist.ts). */
/** Set by bin/mechcheck.js when it runs the bundled CLI (import.meta.url is then the bundle's). */
declare const __MECHCHECK_ROOT__: string | undefined;
/** The repository root. */
export const ROOT = typeof __MECHCHECK_ROOT__ === 'string' ? __MECHCHECK_ROOT__ : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/** A saved counterexample: the values themselves, not only seed and path (those break when a generator changes). */
export const SavedCaseSchema = z.strictObject({
  claim: z.string().min(1),
  verdict: z.enum(['holds', 'refuted', 'witness', 'contradicted']),
  statement: z.string(),
  input: JsonValue,
  describe: z.string(),
  numbers: z.record(z.string(), JsonValue),
  certification: z.strictObject({ standard: z.record(z.string(), JsonValue), high: z.record(z.string(), JsonValue) }),
  certified: z.boolean(),
  foundBy: z.enum(['random', 'targeted', 'replay']),
  seed: z.number().int().optional(),
  path: z.string().optional(),
  version: z.string(),
  replay: z.string(),
});
export type SavedCase = z.infer<typeof SavedCaseSchema>;

export function caseDir(claimId: string, root = ROOT): string {
  return join(root, 'fixtures', 'counterexamples', claimId);
}

/** Every saved case of a claim, in file-name order. */
export function loadSaved(claimId: string, root = ROOT): { file: string; saved: SavedCase }[] {
  const dir = caseDir(claimId, root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      return { file: relative(root, file), saved: SavedCaseSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) };
    });
}

/**
 * Save a counterexample under fixtures/counterexamples/<claim>/<digest of input>.json.
 * Written atomically (temp file, then rename) and only when new: a re-run that finds
 * the same case changes no file. Returns the path relative to the root and whether it was written.
 */
/** Where a case is (or would be) saved, relative to root, and whether it already is. */
export function caseFile(id: string, input: Json, root = ROOT): { file: string; exists: boolean } {
  const file = join(caseDir(id, root), `${digest(input)}.json`);
  return { file: relative(root, file), exists: existsSync(file) };
}

export function saveCase(
  c: { id: string; verdict: Verdict; statement: string },
  ce: Counterexample,
  root = ROOT,
): { file: string; written: boolean; text: string } {
  const { file: rel, exists } = caseFile(c.id, ce.input, root);
  const file = join(root, rel);
  const dir = dirname(file);
  const saved: SavedCase = {
    claim: c.id,
    verdict: c.verdict,
    statement: c.statement,
    input: ce.input,
    describe: ce.describe,
    numbers: ce.numbers as Numbers,
    certification: ce.certification,
    certified: ce.certified,
    foundBy: ce.foundBy,
    ...(ce.seed !== undefined ? { seed: ce.seed } : {}),
    ...(ce.path !== undefined ? { path: ce.path } : {}),
    version: VERSION,
    replay: `npx mechcheck replay ${rel}`,
  };
  const text = canonicalJson(saved, 2) + '\n';
  if (exists) return { file: rel, written: false, text };
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
  }
  return { file: rel, written: true, text };
}
