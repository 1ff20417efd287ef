#!/usr/bin/env node
/**
 * The import graph runs one way: every relative import of the TypeScript sources under src/ and
 * properties/ goes to a layer at or below the importer's, and no file reaches itself again.
 *
 *   node scripts/layers.mjs            # "layers: ok — …" and exit 0, or every offending import and exit 1
 *   node scripts/layers.mjs --graph    # also the folder-level graph (who imports whom, how often)
 *   node scripts/layers.mjs --root DIR # check another checkout (the test uses a small made-up tree)
 *
 * Imports are read by TypeScript's own pre-processor (ts.preProcessFile: import, export … from,
 * import(), type-only imports too — a type is a dependency of the layering even when erased), so
 * comments and strings never count. A file in a folder the table below does not rank is an error:
 * a new folder is placed deliberately, not by accident.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Layers, lowest first: data flows numeric → distributions → economy (utilities, demand and
 * Walrasian solvers several papers share) → models → generators → claims →
 * properties → report → cli. Files directly in src/ (errors.ts, types.ts) are the base every
 * layer may use. report sits below cli so that the CLI may load the report, never the reverse.
 */
export const LAYERS = [
  ['base', 'src'],
  ['numeric', 'src/numeric'],
  ['distributions', 'src/distributions'],
  ['economy', 'src/economy'],
  ['models', 'src/models'],
  ['generators', 'src/generators'],
  ['claims', 'src/claims'],
  ['properties', 'properties'],
  ['report', 'src/report'],
  ['cli', 'src/cli'],
];

const SOURCE = /\.(ts|mts|tsx)$/;
const SCANNED = ['src', 'properties'];

/** Every TypeScript file below `dir`, as paths relative to `root` with forward slashes, sorted. */
function sources(root, dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(root, rel));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The layer of a file: the longest folder of LAYERS that holds it (src/x.ts is base, src/numeric/y.ts numeric). */
export function layerOf(file) {
  let best;
  for (const [name, folder] of LAYERS) {
    const inside = folder === 'src' ? /^src\/[^/]+$/.test(file) : file.startsWith(`${folder}/`);
    if (inside && (!best || folder.length > best.folder.length)) best = { name, folder, rank: LAYERS.findIndex((l) => l[0] === name) };
  }
  return best;
}

/** The relative imports of one file, resolved to repository paths (an unresolvable one is reported, not dropped). */
function importsOf(root, file) {
  const text = readFileSync(join(root, file), 'utf8');
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const out = [];
  for (const spec of found) {
    if (!spec.startsWith('.')) continue; // packages and node: built-ins are outside the graph
    const target = relative(root, resolve(root, dirname(file), spec)).split(sep).join('/');
    const candidates = [target, `${target}.ts`, `${target}/index.ts`];
    out.push({ spec, to: candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile()) ?? null });
  }
  return out;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(nodes, edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? new Set()).has(v)) out.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

/** Checks a checkout: { files, imports, problems: string[], graph: Map<"a → b", count> }. */
export function checkLayers(root) {
  const files = SCANNED.flatMap((d) => sources(root, d));
  const problems = [];
  const edges = new Map();
  const graph = new Map();
  let imports = 0;
  for (const file of files) {
    const from = layerOf(file);
    if (!from) {
      problems.push(`unranked: ${file} is in no layer of scripts/layers.mjs (place its folder in LAYERS)`);
      continue;
    }
    edges.set(file, new Set());
    for (const { spec, to } of importsOf(root, file)) {
      imports++;
      if (to === null) {
        problems.push(`unresolved: ${file} imports ${spec}, which is not a file`);
        continue;
      }
      const target = layerOf(to);
      if (!target) {
        problems.push(`outside: ${file} imports ${to}, which is in no layer`);
        continue;
      }
      edges.get(file).add(to);
      const key = `${from.name} → ${target.name}`;
      graph.set(key, (graph.get(key) ?? 0) + 1);
      if (target.rank > from.rank) problems.push(`upward: ${file} (${from.name}) imports ${to} (${target.name})`);
    }
  }
  for (const scc of cycles(files.filter((f) => edges.has(f)), edges)) {
    const inside = new Set(scc);
    const arrows = scc.flatMap((a) => [...edges.get(a)].filter((b) => inside.has(b)).map((b) => `${a} → ${b}`));
    problems.push(`cycle: ${scc.join(', ')} (${arrows.join('; ')})`);
  }
  return { files: files.length, imports, problems, graph };
}

// Run as a command (not when imported).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? resolve(args[at + 1] ?? '.') : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, imports, problems, graph } = checkLayers(root);
  if (args.includes('--graph')) {
    const rank = (name) => LAYERS.findIndex((l) => l[0] === name);
    const rows = [...graph].sort(([a], [b]) => {
      const [fa, ta] = a.split(' → ');
      const [fb, tb] = b.split(' → ');
      return rank(fa) - rank(fb) || rank(ta) - rank(tb);
    });
    console.log(`layers, lowest first: ${LAYERS.map(([n]) => n).join(' < ')}`);
    for (const [edge, count] of rows) console.log(`  ${edge}  (${count})`);
  }
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.error(`layers: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} files (${imports} relative imports)`);
    process.exit(1);
  }
  console.log(`layers: ok — ${files} files, ${imports} relative imports, none upward, no cycle`);
}
