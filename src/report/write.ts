/**
 * Writing the report folder without ever deleting what the report did not write.
 *
 * --out must be a new folder, an empty one, or one holding a previous report: the report's own
 * files and the marker `.mechcheck-report` it writes, nothing else. Anything else (a user's
 * folder, the folder one stands in, the repository root, a previous report with a file added)
 * is refused with exit 2 naming --out, before any claim runs and again just before writing.
 *
 * Everything is first written into a temporary folder beside the target. A new folder is that
 * temporary folder renamed into place (one rename: the report appears whole). Into an existing
 * folder, each file is renamed over its previous version, the marker first: each file is old or
 * new, never half-written, and the folder itself stays where it is (a shell standing in it is
 * not left in a deleted folder). A failure or Ctrl-C removes the temporary folder; a SIGKILL
 * cannot, so each report first removes the stale temporaries of earlier ones (by name, marker
 * and owner: see removeStaleTemporaries).
 */
import { chmodSync, constants, accessSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';

/** The file that marks a folder as a report's: its first line names the format. */
export const MARKER = '.mechcheck-report';
const MARKER_TEXT = 'mechcheck-report 1\nThis folder is written by `mechcheck report`, which replaces index.html and this file here and refuses to write into it if anything else is added.\n';
const MARKER_LINE = /^mechcheck-report \d+\r?\n/;

/** The files a report writes (besides the marker): the only names it ever replaces. */
export const REPORT_FILES: readonly string[] = ['index.html'];

/** A temporary folder left by a SIGKILLed report whose owner may still be alive is kept this long. */
const STALE_AFTER_MS = 15 * 60_000;

/** Whether `dir` holds the marker with a format line (a regular file, not a link or folder). */
function hasMarker(dir: string): boolean {
  try {
    const p = join(dir, MARKER);
    return lstatSync(p).isFile() && MARKER_LINE.test(readFileSync(p, 'utf8').slice(0, 64));
  } catch {
    return false;
  }
}

/** The entries of an existing folder that stop a report from writing there (empty: it may). */
function foreignEntries(dir: string): string[] {
  const names = readdirSync(dir).sort();
  if (names.length === 0) return [];
  const ours = new Set([MARKER, ...REPORT_FILES]);
  // Without the marker even an index.html alone is someone's page, not a report to replace.
  if (!hasMarker(dir)) return names;
  return names.filter((n) => !ours.has(n) || !lstatSync(join(dir, n)).isFile());
}

/** Refuses a folder holding anything the report did not write, naming a few of its entries. */
function assertOurs(dir: string, out: string): void {
  let foreign: string[];
  try {
    foreign = foreignEntries(dir);
  } catch (e) {
    throw new UsageError('--out', `cannot read ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!foreign.length) return;
  const shown = foreign.slice(0, 3).map((n) => (existsSync(join(dir, n)) && statSync(join(dir, n)).isDirectory() ? `${n}/` : n));
  throw new UsageError(
    '--out',
    `${out === dir ? dir : `${out} (${dir})`} holds files the report did not write (${shown.join(', ')}${foreign.length > 3 ? `, … ${foreign.length - 3} more` : ''}); give a new or empty folder, or one holding a previous report`,
  );
}

/** Checks --out before any work is done: a new folder, an empty one or a previous report, whose parent we can write. */
export function checkOutDir(out: string): string {
  if (out.trim() === '') throw new UsageError('--out', 'is empty; give the folder to write the report to');
  const dir = resolve(out);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError('--out', `${out} is a file, not a folder`);
    assertOurs(dir, out);
  }
  // The nearest existing ancestor must be a writable folder (the temporary folder goes beside dir).
  let parent = dirname(dir);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (!statSync(parent).isDirectory()) throw new UsageError('--out', `${out}: ${parent} is a file, not a folder`);
  try {
    accessSync(parent, constants.W_OK);
    if (existsSync(dir)) accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError('--out', `${out} is not writable`);
  }
  return dir;
}

/** Whether process `pid` is alive on this machine (EPERM: alive, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes temporary folders that earlier reports into `dir` left when killed: only those named
 * `.<name>.tmp-<pid>-<6 chars>`, holding the marker (or nothing) and no file a report does not
 * write, and stale — their process is gone, or they are older than STALE_AFTER_MS (a pid reused
 * by another process) — so a report writing the same folder at this moment is left alone.
 */
export function removeStaleTemporaries(dir: string, now = Date.now()): void {
  const parent = dirname(dir);
  const re = new RegExp(`^\\.${escapeRe(basename(dir))}\\.tmp-(\\d+)-[A-Za-z0-9]{6}$`);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const ours = new Set([MARKER, ...REPORT_FILES]);
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    const p = join(parent, name);
    try {
      const st = lstatSync(p);
      if (!st.isDirectory()) continue;
      const pid = Number(m[1]);
      if (pid === process.pid) continue; // being written by this process, now
      if (alive(pid) && now - st.mtimeMs < STALE_AFTER_MS) continue;
      const entries = readdirSync(p);
      if (entries.length && !hasMarker(p)) continue;
      if (entries.some((n) => !ours.has(n) || !lstatSync(join(p, n)).isFile())) continue;
      for (const n of entries) rmSync(join(p, n));
      rmdirSync(p);
    } catch {
      // another report removed it first, or it is not ours to remove
    }
  }
}

/**
 * Writes files (name → contents; names from REPORT_FILES) as the report folder `dir`, which
 * checkOutDir accepted: a new folder appears whole; an existing one has each file replaced.
 */
export function writeFolderAtomically(dir: string, files: Record<string, string | Buffer>): void {
  // A name outside REPORT_FILES would make the next report refuse this folder: a bug, not bad input.
  for (const name of Object.keys(files)) if (!REPORT_FILES.includes(name)) throw new Error(`report file ${name} is not in REPORT_FILES`);
  const parent = dirname(dir);
  let tmp: string | undefined;
  const cleanup = () => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    mkdirSync(parent, { recursive: true });
    removeStaleTemporaries(dir);
    // The pid in the name tells a later report whether this one is still running.
    tmp = mkdtempSync(join(parent, `.${basename(dir)}.tmp-${process.pid}-`));
    chmodSync(tmp, 0o777 & ~process.umask()); // mkdtemp makes it private; a report folder is not
    writeFileSync(join(tmp, MARKER), MARKER_TEXT); // first: a killed write leaves a recognisable folder
    const names = Object.keys(files);
    for (const name of names) writeFileSync(join(tmp, name), files[name]!);
    if (!existsSync(dir)) {
      renameSync(tmp, dir);
      tmp = undefined;
      return;
    }
    // The folder may have changed while the claims ran: look again, just before writing.
    if (!statSync(dir).isDirectory()) throw new UsageError('--out', `${dir} is a file, not a folder`);
    assertOurs(dir, dir);
    // The marker first, so a folder with the new index.html in it is always recognised as ours.
    for (const name of [MARKER, ...names]) renameSync(join(tmp, name), join(dir, name));
    // Files an earlier report wrote that this one does not (none yet: the set is fixed).
    for (const name of REPORT_FILES) if (!(name in files) && existsSync(join(dir, name))) rmSync(join(dir, name));
    rmdirSync(tmp);
    tmp = undefined;
  } catch (e) {
    cleanup();
    if (e instanceof UsageError) throw e;
    throw new UsageError('--out', `cannot write ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
