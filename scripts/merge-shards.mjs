#!/usr/bin/env node
// The two ends of a sharded deep run (.github/workflows/deep.yml), as one script so the workflow
// and test/shards.test.ts run the same code:
//
//   node scripts/merge-shards.mjs collect --out DIR
//       After `check --shard i/n`: copy the counterexample files this run saved (those git does not
//       track, under fixtures/counterexamples/) into DIR/counterexamples/<claim>/<file>.
//
//   node scripts/merge-shards.mjs merge --shards DIR --out REPORT [--expect N] [--into CASES]
//       DIR holds the shards' artifacts, at any depth: shard-<i>.jsonl and
//       counterexamples/<claim>/<digest>.json. The counterexample folders merge by union into CASES
//       (default fixtures/counterexamples): a file's name is the digest of its case and its text
//       depends on the case alone, so the same name must be the same bytes, in every shard and in
//       CASES — anything else is exit 2 naming the file, before anything is written. Then
//       `mechcheck report --from shard-1.jsonl --from shard-2.jsonl … --out REPORT`, whose exit code
//       is the script's. With --expect N, a missing shard (a matrix job that died) is named and the
//       exit code is at least 1, after the report of the shards that did finish is written.
//
// Plain JavaScript, no dependencies: it runs before anything is bundled and needs only git and node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CASES = 'fixtures/counterexamples';
// What a saved case's path looks like (src/claims/persist.ts): a claim id folder, a hex digest name.
const CLAIM_DIR = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CASE_NAME = /^[0-9a-f]+\.json$/;

class Bad extends Error {}

/** `--flag value` pairs; every flag given once, and only those `allowed`. */
function flags(argv, allowed) {
  const out = {};
  for (let k = 0; k < argv.length; k += 2) {
    const name = argv[k];
    if (!allowed.includes(name)) throw new Bad(`${name}: unknown flag (accepted: ${allowed.join(', ')})`);
    if (k + 1 >= argv.length || argv[k + 1] === '') throw new Bad(`${name}: needs a value`);
    if (name in out) throw new Bad(`${name}: given twice`);
    out[name] = argv[k + 1];
  }
  return out;
}

/** Every file under dir, as paths relative to it (sorted: same artifacts, same order). */
function walk(dir, base = dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out;
}

/** Create file holding bytes unless it exists (written whole under a unique name, then linked into place). */
function writeNew(file, bytes) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.merge.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(tmp, bytes, { flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if (e.code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** collect: the counterexample files of this checkout that git does not track, copied to --out. */
function collect(argv) {
  const f = flags(argv, ['--out', '--root']);
  if (!f['--out']) throw new Bad('--out: missing (the folder to copy new counterexample files into)');
  const root = resolve(f['--root'] ?? ROOT);
  const out = resolve(f['--out']);
  const listed = execFileSync('git', ['-C', root, 'ls-files', '--others', '--exclude-standard', '-z', '--', CASES], { encoding: 'utf8' });
  const files = listed.split('\0').filter(Boolean).sort();
  for (const rel of files) {
    const inner = relative(CASES, rel);
    writeNew(join(out, 'counterexamples', inner), readFileSync(join(root, rel)));
  }
  mkdirSync(out, { recursive: true }); // an artifact folder even when no case is new
  process.stderr.write(`merge-shards: ${files.length} new counterexample file(s) collected into ${f['--out']}\n`);
  return 0;
}

/** merge: the union of the shards' counterexample folders into --into, then one report of every shard's outcomes. */
function merge(argv) {
  const f = flags(argv, ['--shards', '--out', '--expect', '--into']);
  if (!f['--shards']) throw new Bad('--shards: missing (the folder the shards\' artifacts were downloaded into)');
  if (!f['--out']) throw new Bad('--out: missing (the report folder)');
  const shardsDir = resolve(f['--shards']);
  if (!existsSync(shardsDir) || !statSync(shardsDir).isDirectory()) throw new Bad(`--shards: ${f['--shards']} is not a folder`);
  let expect;
  if (f['--expect'] !== undefined) {
    if (!/^[1-9]\d*$/.test(f['--expect'])) throw new Bad(`--expect: must be a whole number ≥ 1 (got ${JSON.stringify(f['--expect'])})`);
    expect = Number(f['--expect']);
  }
  const into = resolve(f['--into'] ?? join(ROOT, CASES));

  const runs = []; // { shard, path }
  const cases = new Map(); // "<claim>/<name>" -> { bytes, from }
  for (const rel of walk(shardsDir)) {
    const parts = rel.split(/[\\/]/);
    const name = parts[parts.length - 1];
    const m = /^shard-(\d+)\.jsonl$/.exec(name);
    if (m) {
      if (runs.some((r) => r.shard === Number(m[1]))) throw new Bad(`--shards: shard ${m[1]} appears twice (${rel})`);
      runs.push({ shard: Number(m[1]), path: join(shardsDir, rel) });
      continue;
    }
    const at = parts.lastIndexOf('counterexamples');
    if (at < 0) continue; // anything else an artifact holds (logs) is not ours to merge
    if (at !== parts.length - 3 || !CLAIM_DIR.test(parts[at + 1]) || !CASE_NAME.test(name)) {
      throw new Bad(`--shards: ${rel} is not a saved case (counterexamples/<claim id>/<hex digest>.json)`);
    }
    const key = `${parts[at + 1]}/${name}`;
    const bytes = readFileSync(join(shardsDir, rel));
    const seen = cases.get(key);
    if (seen && !seen.bytes.equals(bytes)) throw new Bad(`counterexamples/${key}: ${seen.from} and ${rel} differ (the same name must be the same bytes)`);
    if (!seen) cases.set(key, { bytes, from: rel });
  }
  runs.sort((a, b) => a.shard - b.shard);
  if (!runs.length) throw new Bad(`--shards: no shard-<i>.jsonl under ${f['--shards']}`);
  const missing = expect === undefined ? [] : Array.from({ length: expect }, (_, k) => k + 1).filter((i) => !runs.some((r) => r.shard === i));
  const extra = expect === undefined ? [] : runs.filter((r) => r.shard > expect).map((r) => r.shard);
  if (extra.length) throw new Bad(`--expect: shard ${extra[0]} is beyond the ${expect} expected`);

  // Verify against what is already there before writing anything: nothing half-merged.
  const fresh = [];
  for (const [key, c] of cases) {
    const target = join(into, key);
    if (existsSync(target)) {
      if (!readFileSync(target).equals(c.bytes)) throw new Bad(`counterexamples/${key}: ${c.from} differs from ${relative(process.cwd(), target) || target} (the same name must be the same bytes)`);
    } else fresh.push([target, c.bytes]);
  }
  for (const [target, bytes] of fresh) writeNew(target, bytes);
  process.stderr.write(`merge-shards: ${runs.length} shard(s); ${cases.size} counterexample file(s), ${fresh.length} new in ${relative(process.cwd(), into) || '.'}\n`);

  const report = spawnSync(process.execPath, [join(ROOT, 'bin', 'mechcheck.js'), 'report', ...runs.flatMap((r) => ['--from', r.path]), '--out', f['--out']], { stdio: 'inherit' });
  const code = report.status ?? 3;
  if (missing.length) {
    process.stderr.write(`merge-shards: shard(s) ${missing.join(', ')} of ${expect} missing: the report holds the others only\n`);
    return Math.max(code, 1);
  }
  return code;
}

try {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'collect') process.exitCode = collect(rest);
  else if (cmd === 'merge') process.exitCode = merge(rest);
  else throw new Bad(`command: must be collect or merge (got ${JSON.stringify(cmd ?? '')})`);
} catch (e) {
  process.stderr.write(`merge-shards: ${String(e instanceof Error ? e.message : e).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = e instanceof Bad ? 2 : 3;
}
