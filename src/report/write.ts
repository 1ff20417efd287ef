/**
 * Writing the report folder all at once: everything goes into a fresh temporary folder beside
 * the target, which is then renamed into place (the old report, if any, is moved aside first
 * and removed after). A failure or Ctrl-C before the rename leaves the previous report as it
 * was and removes the temporary folder; nothing half-written is ever at --out.
 */
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli/errors.ts';

/** Checks --out before any work is done: a folder (existing or to be made) whose parent we can write. */
export function checkOutDir(out: string): string {
  const dir = resolve(out);
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError('--out', `${out} is a file, not a folder`);
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

/**
 * Writes files (name → contents) as the folder `dir`, atomically as far as the file system
 * allows: one rename puts the new folder in place.
 */
export function writeFolderAtomically(dir: string, files: Record<string, string | Buffer>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
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
    tmp = mkdtempSync(join(parent, `.${basename(dir)}.tmp-`));
    chmodSync(tmp, 0o777 & ~process.umask()); // mkdtemp makes it private; a report folder is not
    for (const [name, content] of Object.entries(files)) writeFileSync(join(tmp, name), content);
    let old: string | undefined;
    if (existsSync(dir)) {
      old = `${join(parent, `.${basename(dir)}.old-`)}${process.pid}-${Date.now()}`;
      renameSync(dir, old);
    }
    try {
      renameSync(tmp, dir);
      tmp = undefined;
    } catch (e) {
      if (old) renameSync(old, dir); // put the previous report back
      throw e;
    }
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (e) {
    cleanup();
    if (e instanceof UsageError) throw e;
    throw new UsageError('--out', `cannot write ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
