#!/usr/bin/env node
// The CLI runs the TypeScript sources as checked in — no build step for the user. On first use
// (and whenever a source changes) esbuild bundles src/ and properties/ into
// node_modules/.cache/mechcheck-bundle/<hash of the sources and this checkout's path>/, in about
// 0.1 s; later runs import that bundle directly. Loading the sources through module hooks instead
// (ts-hooks.mjs, still the fallback) sends every module across to the hooks' thread and cost
// 0.6 s of start-up before any work.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Whether a process with this id is running (EPERM: it is, under another user). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Remove the temporaries of builds that will never finish: a process killed while building
 * (SIGKILL, power loss) leaves <hash>.<pid>.tmp behind. One is stale when its builder is no
 * longer running or it is older than ten minutes (a build takes well under a second; the age
 * catches a pid reused by another process). A running build's folder is never touched.
 */
function cleanStaleTemporaries(parent) {
  let names;
  try {
    names = readdirSync(parent);
  } catch {
    return; // no cache yet
  }
  for (const name of names) {
    const m = /\.(\d+)\.tmp$/.exec(name);
    if (!m) continue;
    const p = join(parent, name);
    try {
      const pid = Number(m[1]);
      if (pid === process.pid || !alive(pid) || Date.now() - statSync(p).mtimeMs > 600_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * esbuild: packages are bundled with our code, except those that find files beside themselves at run
 * time (highs loads its .wasm, piscina its worker), those only `report` uses (loaded when it runs), and the builder itself.
 * Bundled, a package is one stretch of a chunk instead of tens of modules for Node's ES module loader
 * to resolve, read and compile one by one (zod alone is ~80 files): that loader was most of the
 * start-up of every command (issue #10, `eval` over JSON Lines). mathjs is tree-shaken to the parser
 * and the functions density.ts imports (its package declares no side effects).
 */
const EXTERNAL = new Set(['highs', 'piscina', '@observablehq/plot', 'linkedom', 'cli-progress', 'esbuild', 'playwright-core', 'vitest', '@fast-check/vitest']);
const bundleSomePackages = {
  name: 'bundle-some-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return undefined;
      const pkg = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return EXTERNAL.has(pkg) ? { path: args.path, external: true } : undefined;
    });
  },
};

async function bundle() {
  const files = [...sources(join(root, 'src')), ...sources(join(root, 'properties'))];
  // The launcher itself is hashed too: a change to how it bundles (an entry added) is a new bundle.
  const h = createHash('sha256').update(root).update(readFileSync(join(root, 'package-lock.json'))).update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of files) h.update(f).update('\0').update(readFileSync(f));
  const dir = join(root, 'node_modules', '.cache', 'mechcheck-bundle', h.digest('hex').slice(0, 24));
  // On every start, not only when building: the run after a killed build may find a bundle that
  // another process finished, and a listing of a few entries costs nothing.
  cleanStaleTemporaries(dirname(dir));
  const entry = join(dir, 'main.js');
  if (existsSync(entry)) return entry;
  const { build } = await import('esbuild');
  const tmp = `${dir}.${process.pid}.tmp`;
  // Two entries: the CLI, and the entry of `check --workers` threads, so the workers run the same
  // bundled code as the main thread (shared modules go to chunks both import). A checkout without
  // a worker entry bundles the CLI alone.
  const worker = join(root, 'src', 'cli', 'worker.ts');
  await build({
    entryPoints: { main: join(root, 'src', 'cli', 'main.ts'), ...(existsSync(worker) ? { worker } : {}) },
    bundle: true,
    splitting: true, // `report` loads its figures' libraries only when it runs
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    // Packages are bundled too (bundleSomePackages above); mathjs's ES modules are tree-shaken to
    // the parser and the functions density.ts imports, where loading it whole cost about a second
    // per `eval` of an expression density.
    plugins: [bundleSomePackages],
    // A bundled CommonJS package (commander, decimal.js) requires Node's built-ins: ES modules have
    // no `require`, so each chunk gets one.
    banner: { js: "import { createRequire as __mechcheckRequire } from 'node:module'; const require = __mechcheckRequire(import.meta.url);" },
    outdir: tmp,
    sourcemap: 'linked',
    logLevel: 'silent',
    define: { __MECHCHECK_ROOT__: JSON.stringify(root) },
  });
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process got there first
  }
  // Bundles of older sources pile up as the code changes: drop those untouched for a day (a
  // process still running one has long loaded it).
  const parent = dirname(dir);
  for (const name of readdirSync(parent)) {
    const p = join(parent, name);
    try {
      if (p !== dir && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { recursive: true, force: true });
    } catch {
      // another process removed it
    }
  }
  return entry;
}

// `mechcheck list | head`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
// Stack traces name the TypeScript sources, except under `eval`: reading the maps is a tenth of its
// start-up (~40 ms of ~300), and its errors are one-line input errors; an internal error there still
// names the bundle's functions, under a comment with each module's source path
// (MECHCHECK_SOURCE_MAPS=1 turns them on).
if (process.argv[2] !== 'eval' || process.env.MECHCHECK_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);

let main;
try {
  ({ main } = await import(pathToFileURL(await bundle()).href));
} catch (e) {
  if (process.env.MECHCHECK_DEBUG) console.error(e); // why the bundle could not be built or loaded
  // A read-only checkout, or esbuild unavailable: load the sources through the hooks.
  await import('./register-ts.mjs');
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
