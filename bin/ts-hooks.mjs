// Module hooks that let Node run the TypeScript sources directly: each `.ts` file is stripped of
// its types by esbuild as it is loaded (no type checking — `npm run typecheck` does that).
//
// Why not tsx's loader: it compiles with esbuild's `keepNames`, which wraps every function
// expression in a call to Object.defineProperty(f, 'name', …) each time it is created. For the
// closures in numeric inner loops that cost ~0.5 µs per creation (measured: 3.6 ns → 520 ns for a
// two-line closure) and made up a fifth of a β* evaluation. Nothing here reads function names.
//
// The stripped output is cached by content hash under node_modules/.cache/mechcheck-ts (written
// atomically; a stale entry can only be unused, never wrong, since the key is the source itself):
// start-up no longer waits on esbuild for every file of the graph.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform, version } from 'esbuild';

const CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'mechcheck-ts');
const OPTIONS = { loader: 'ts', format: 'esm', target: `node${process.versions.node}`, sourcemap: 'inline' };

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.[cm]?ts$/.test(new URL(url).pathname)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(`${version}\0${JSON.stringify(OPTIONS)}\0${path}\0${source}`).digest('hex').slice(0, 32);
  const file = join(CACHE, `${key}.js`);
  try {
    return { format: 'module', source: readFileSync(file, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  const out = await transform(source, { ...OPTIONS, sourcefile: path });
  try {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, out.code);
    renameSync(tmp, file);
  } catch {
    // a read-only tree still runs, uncached
  }
  return { format: 'module', source: out.code, shortCircuit: true };
}
