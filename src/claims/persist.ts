import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { canonicalJson, digest } from './canonical.ts';
import type { Counterexample, Json, Numbers, SkippedFile, Verdict } from './types.ts';

/** Set by bin/mechcheck.js when it runs the bundled CLI (import.meta.url is then the bundle's). */
declare const __MECHCHECK_ROOT__: string | undefined;
/** The repository root (this file is src/claims/persist.ts, unless bundled). */
export const ROOT = typeof __MECHCHECK_ROOT__ === 'string' ? __MECHCHECK_ROOT__ : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/**
 * A saved counterexample: the values themselves, not only seed and path (those break when a
 * generator changes). Only what follows from the case's value is written, so two runs that find
 * the same case write the same bytes; `foundBy`, `seed` and `path` (how one run found it) are
 * still accepted because files written before that carry them.
 */
export const SavedCaseSchema = z.strictObject({
  claim: z.string().min(1),
  verdict: z.enum(['holds', 'refuted', 'witness', 'contradicted']),
  statement: z.string(),
  input: JsonValue,
  describe: z.string(),
  numbers: z.record(z.string(), JsonValue),
  certification: z.strictObject({ standard: z.record(z.string(), JsonValue), high: z.record(z.string(), JsonValue) }),
  certified: z.boolean(),
  /** The route that certified it (a function of the case and the claim's code, so still the same bytes for any run); absent in files written before routes were recorded. */
  certifiedBy: z.string().optional(),
  /** The certificate that re-checks the case from data alone (issue #10); absent in older files and for routes without one. */
  certificate: z.strictObject({ kind: z.string().min(1), data: JsonValue }).optional(),
  foundBy: z.enum(['random', 'targeted', 'replay']).optional(),
  seed: z.number().int().optional(),
  path: z.string().optional(),
  version: z.string(),
  replay: z.string(),
});
export type SavedCase = z.infer<typeof SavedCaseSchema>;

export function caseDir(claimId: string, root = ROOT): string {
  return join(root, 'fixtures', 'counterexamples', claimId);
}

/** The folder of every claim's saved cases. */
export function casesRoot(root = ROOT): string {
  return join(root, 'fixtures', 'counterexamples');
}

const line = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? line((e as Error).message ?? String(e));

/** A saved file's case, or why it cannot be used (one line, without the file's name). */
export function readSavedCase(path: string): { saved: SavedCase } | { reason: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { reason: `cannot be read (${errCode(e)})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { reason: `not JSON (${line((e as Error).message)})` };
  }
  const parsed = SavedCaseSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { reason: `not a saved case: ${i.path.join('.') || '(top)'}: ${line(i.message)}` };
  }
  return { saved: parsed.data };
}

/** A file's kind, or undefined when nothing is there (or a file stands where a folder of the path should be). */
function kind(path: string): 'dir' | 'other' | undefined {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * Every saved case of a claim, in file-name order, and every file of its folder that cannot be
 * used (unreadable, not JSON, not a saved case, another claim's) as one line: skipped, never fatal.
 */
export function loadSaved(claimId: string, root = ROOT): { cases: { file: string; saved: SavedCase }[]; problems: SkippedFile[] } {
  const dir = caseDir(claimId, root);
  const cases: { file: string; saved: SavedCase }[] = [];
  const problems: SkippedFile[] = [];
  const k = kind(dir);
  if (k === undefined) return { cases, problems };
  if (k === 'other') return { cases, problems: [{ file: relative(root, dir), reason: `is a file where the folder of ${claimId}'s saved cases should be` }] };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    return { cases, problems: [{ file: relative(root, dir), reason: `cannot be listed (${errCode(e)})` }] };
  }
  for (const f of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = relative(root, join(dir, f));
    const r = readSavedCase(join(dir, f));
    if ('reason' in r) problems.push({ file, reason: r.reason });
    else if (r.saved.claim !== claimId) problems.push({ file, reason: `its claim is ${r.saved.claim} but it is in the folder of ${claimId}` });
    else cases.push({ file, saved: r.saved });
  }
  return { cases, problems };
}

/**
 * Saved files no registered claim will read: those in a folder that is not a registered claim's
 * id, and those outside any claim's folder. A run reports them once, not against a claim.
 */
export function strayFiles(knownIds: Iterable<string>, root = ROOT): SkippedFile[] {
  const base = casesRoot(root);
  const k = kind(base);
  if (k === undefined) return [];
  if (k === 'other') return [{ file: relative(root, base), reason: 'is a file where the folder of saved cases should be' }];
  const known = new Set(knownIds);
  const out: SkippedFile[] = [];
  let entries: string[];
  try {
    entries = readdirSync(base).sort();
  } catch (e) {
    return [{ file: relative(root, base), reason: `cannot be listed (${errCode(e)})` }];
  }
  for (const name of entries) {
    const p = join(base, name);
    if (kind(p) !== 'dir') {
      if (name.endsWith('.json')) out.push({ file: relative(root, p), reason: "is not in a claim's folder" });
      continue;
    }
    if (known.has(name)) continue;
    let inner: string[] = [];
    try {
      inner = readdirSync(p);
    } catch {
      // unreadable: nothing of it would be read either
    }
    for (const f of inner.filter((n) => n.endsWith('.json')).sort()) out.push({ file: relative(root, join(p, f)), reason: `${name} is not a registered claim id` });
  }
  return out;
}

/** Where a case is (or would be) saved, relative to root, and whether it already is. */
export function caseFile(id: string, input: Json, root = ROOT): { file: string; exists: boolean } {
  const file = join(caseDir(id, root), `${digest(input)}.json`);
  return { file: relative(root, file), exists: existsSync(file) };
}

/**
 * The text of a saved case: a function of the case's value alone (no seed, path or how it was
 * found). The certification route is kept: certify is a function of the case, so any run that
 * finds it names the same route.
 */
export function savedCaseText(c: { id: string; verdict: Verdict; statement: string }, ce: Counterexample, rel: string): string {
  const saved: SavedCase = {
    claim: c.id,
    verdict: c.verdict,
    statement: c.statement,
    input: ce.input,
    describe: ce.describe,
    numbers: ce.numbers as Numbers,
    certification: ce.certification,
    certified: ce.certified,
    ...(ce.certifiedBy !== undefined ? { certifiedBy: ce.certifiedBy } : {}),
    ...(ce.certificate !== undefined ? { certificate: ce.certificate } : {}),
    version: VERSION,
    replay: `npx mechcheck replay ${rel}`,
  };
  return canonicalJson(saved, 2) + '\n';
}

/**
 * Create `file` holding `text` unless it exists. The text is written whole under a name no other
 * process uses, then hard-linked into place: linking fails when the file exists, so a concurrent
 * writer's file is never replaced and a reader never sees half a file. Returns whether this call
 * created the file; throws on a file-system error (the caller reports it).
 */
export function writeNewFile(file: string, text: string): boolean {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    try {
      linkSync(tmp, file);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // A file system without hard links: rename instead. The text depends on the case's value
      // only, so replacing a file another process has just written replaces it with the same bytes.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      if (existsSync(file)) return false;
      renameSync(tmp, file);
      return true;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Save a counterexample under fixtures/counterexamples/<claim>/<digest of input>.json, only
 * when new: a re-run that finds the same case (any seed, any process) changes no file. Never
 * throws: a folder that cannot be written comes back as `error` (one line) beside the text, so
 * the caller can print the case whole instead.
 */
export function saveCase(
  c: { id: string; verdict: Verdict; statement: string },
  ce: Counterexample,
  root = ROOT,
): { file: string; written: boolean; text: string; error?: string } {
  const { file: rel, exists } = caseFile(c.id, ce.input, root);
  const text = savedCaseText(c, ce, rel);
  if (exists) return { file: rel, written: false, text };
  try {
    return { file: rel, written: writeNewFile(join(root, rel), text), text };
  } catch (e) {
    return { file: rel, written: false, text, error: line((e as Error).message ?? String(e)) };
  }
}
