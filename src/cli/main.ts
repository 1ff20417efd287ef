import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
// Only the papers' metas and eval quantities load up front: the claims (with fast-check, the
// runner and the LP solver) load when a command needs them, so `eval` starts fast (issue #10).
import { paperMetas, quantities } from '../../properties/papers.ts';
import { VERSION } from '../claims/persist.ts';
import { tally } from '../claims/registry.ts';
import { UsageError } from '../errors.ts';
import { oneLine, readText } from './errors.ts';
import { evalText } from './eval.ts';
import { loadExpressionEngine } from '../distributions/density.ts';
import { parseCheckFlags, parsePaper, type CheckFlags } from './options.ts';
import { selectClaims } from './select.ts';
import type { ClaimOutcome, SkippedFile } from '../claims/types.ts';

/** Where the CLI reads and writes: the process by default, buffers in tests. */
export interface IO {
  out(line: string): void;
  err(line: string): void;
  readStdin(): string;
  /** A terminal on stderr (progress bar) — never in CI or with --json. */
  isTTY: boolean;
}

export const processIO: IO = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  readStdin: () => readFileSync(0, 'utf8'),
  isTTY: !!process.stderr.isTTY,
};

/** Exit codes (INTERFACES.md): 0 every outcome as expected; 1 some claim deviates; 2 bad usage or input; 3 an internal error (a bug). */
export async function main(argv: string[], io: IO = processIO): Promise<number> {
  const { out, err } = io;
  let code = 0;
  const program = new Command('mechcheck')
    .description('Check the theorems of economic theory papers numerically.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: (s) => out(s.replace(/\n$/, '')) })
    .showHelpAfterError(false);

  program
    .command('list')
    .description('every claim: id, paper, expected verdict, statement, source')
    .option('--paper <P>', `only this paper (${paperMetas.map((p) => p.id).join(', ')})`)
    .option('--json', 'one JSON object per claim')
    .action(async (f: { paper?: string; json?: boolean }) => {
      const paper = parsePaper(f.paper);
      const { allClaims, papers } = await import('../../properties/index.ts');
      // Unlike check and report, an empty list is a true answer (a paper has no claims yet), not a
      // run that checked nothing: exit 0 and nothing on stdout (valid JSON Lines); why, on stderr.
      const claims = allClaims.filter((c) => paper === undefined || c.paper === paper);
      if (!claims.length) err(`mechcheck: no claim of paper ${paper} is registered yet`);
      for (const c of claims) {
        if (f.json) out(JSON.stringify({ id: c.id, paper: c.paper, verdict: c.verdict, statement: c.statement, source: c.source, runs: c.runs ?? 100 }));
        else out(`${c.id}  [${c.verdict}]  ${c.statement}  (${c.source})`);
      }
      // A paper whose claims are still being encoded says which catalogue rows are not yet checked
      // (on stderr: stdout stays the list of claims, one a line, valid JSON Lines with --json).
      for (const p of papers) {
        if ((paper === undefined || p.id === paper) && p.pending?.length) {
          err(`mechcheck: ${p.id}: ${p.pending.length} catalogue claim(s) not encoded yet: ${p.pending.join(', ')}`);
        }
      }
    });

  program
    .command('check')
    .description('run claims (all, or the ids given) and print a table of outcomes')
    .argument('[ids...]', 'claim ids')
    .option('--paper <P>', 'only this paper')
    .option('--runs <N>', 'generated cases per claim (default: each claim\'s own default depth)')
    .option('--seed <S>', 'run seed (default 42); same seed and runs, same output')
    .option('--time-budget <SECONDS>', 'wall-clock budget per claim')
    .option('--shard <I/N>', 'the I-th of N deterministic slices of the selected claims')
    .option('--workers <N>', 'worker threads claims run on, same output (default: the cores; 1 runs them on the main thread)')
    .option('--json', 'one JSON object per claim (JSON Lines)')
    .option('--no-save', 'do not write counterexamples to fixtures/counterexamples')
    .option('--no-replay', 'set saved counterexamples aside: the verdict rests on this run\'s search alone')
    .action(async (ids: string[], f: CheckFlags) => {
      const o = parseCheckFlags(f);
      const [{ allClaims }, { checkRunParallel }] = await Promise.all([import('../../properties/index.ts'), import('./check.ts')]);
      const claims = selectClaims(allClaims, { ids, paper: o.paper, shard: o.shard });
      const bar = !o.json && io.isTTY && !process.env.CI;
      const { outcomes } = await checkRunParallel({ claims, runs: o.runs, seed: o.seed, timeBudgetMs: o.timeBudgetMs, json: o.json, save: o.save, replay: o.replay, out, err, bar, registered: allClaims, workers: o.workers });
      code = outcomes.every((x) => x.expected) ? 0 : 1;
    });

  program
    .command('eval')
    .description('evaluate a model quantity from a JSON request (or JSON Lines) on stdin or --input')
    .argument('[QUANTITY]', 'e.g. pw.cutoff (see --list)')
    .option('--input <FILE>', 'read the request from FILE instead of standard input')
    .option('--list', 'list every quantity with a one-line description')
    .action(async (name: string | undefined, f: { input?: string; list?: boolean }) => {
      if (f.list) {
        for (const q of quantities) out(`${q.name}  ${q.description}`);
        return;
      }
      if (!name) throw new UsageError('QUANTITY', `missing; one of ${quantities.map((q) => q.name).join(', ')}`);
      const q = quantities.find((x) => x.name === name);
      if (!q) throw new UsageError('QUANTITY', `unknown quantity ${name}; one of ${quantities.map((x) => x.name).join(', ')}`);
      let text: string;
      if (f.input !== undefined) text = readText(f.input, '--input');
      else {
        try {
          text = io.readStdin();
        } catch (e) {
          throw new UsageError('--input', `cannot read standard input (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      // The expression engine loads only when a request may hold an expression density: the word
      // "density", or a \u escape that could spell it.
      if (text.includes('density') || text.includes('\\u')) await loadExpressionEngine();
      await q.prepare?.(); // e.g. the LP solver (WASM, loaded asynchronously)
      const results = evalText(q, text);
      out(results.map((r) => JSON.stringify(r)).join('\n'));
    });

  program
    .command('replay')
    .description('re-run a saved counterexample and print it')
    .argument('<FILE>', 'a file under fixtures/counterexamples/')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, f: { json?: boolean }) => {
      const [{ allClaims }, { replayFile }] = await Promise.all([import('../../properties/index.ts'), import('./replay.ts')]);
      const r = await replayFile(file, allClaims);
      if (f.json) out(JSON.stringify(r));
      else {
        out(`${r.claim} [${r.verdict}]  ${r.file}`);
        out(`  case: ${r.describe}`);
        out(`  still ${r.verdict === 'witness' ? 'a witness' : 'a counterexample'}: standard route ${r.still.standard}, certification ${r.still.high}`);
        out(`  certified by: ${r.certifiedBy}`);
        if (r.certificate) out(`  certificate:   ${r.certificate.kind}, ${r.certificate.verified ? 'verified from the file alone' : `does NOT verify: ${r.certificate.why}`}`);
        out(`  standard:      ${JSON.stringify(r.numbers.standard)}`);
        out(`  certification: ${JSON.stringify(r.numbers.high)}`);
        out(`  ${r.expected ? 'as the verdict expects' : 'NOT as the verdict expects'}`);
      }
      code = r.expected ? 0 : 1;
    });

  program
    .command('report')
    .description('run the claims (or read a run with --from) and write an HTML report: findings, every claim, the papers\' figures')
    .argument('[ids...]', 'claim ids (default: every claim)')
    .option('--out <DIR>', 'output folder: new, empty, or holding a previous report (written atomically; default report/)', 'report')
    .option('--from <FILE>', 'the JSON Lines of `mechcheck check --json` instead of running the claims; give it several times to merge the shards of one run', (v: string, prev?: string[]) => [...(prev ?? []), v])
    .option('--paper <P>', 'only this paper')
    .option('--runs <N>', 'generated cases per claim (default: each claim\'s own default depth)')
    .option('--seed <S>', 'run seed (default 42)')
    .option('--time-budget <SECONDS>', 'wall-clock budget per claim')
    .option('--workers <N>', 'worker threads claims run on (default: the cores)')
    .option('--no-save', 'do not write counterexamples to fixtures/counterexamples')
    .option('--no-replay', 'set saved counterexamples aside: each verdict rests on this run\'s search alone')
    .action(async (ids: string[], f: CheckFlags & { out: string; from?: string[] }) => {
      const o = parseCheckFlags(f); // before loading the report's libraries: a bad flag fails at once
      // Loaded here: Plot and linkedom cost the other commands 0.4 s at start-up.
      const { checkOutDir, mergeRuns, paperNames, parseOutcomes, reconcile, reportHtml, writeFolderAtomically } = await import('../report/index.ts');
      const [{ allClaims, papers }, { checkRunParallel }] = await Promise.all([import('../../properties/index.ts'), import('./check.ts')]);
      const dir = checkOutDir(f.out);
      const registered = selectClaims(allClaims, { ids, paper: o.paper });
      let outcomes: ClaimOutcome[];
      let unknown: ClaimOutcome[] = [];
      let origin: string;
      let skippedFiles: SkippedFile[] = [];
      if (f.from !== undefined) {
        const given = [...['runs', 'seed', 'timeBudget', 'workers'].filter((k) => f[k as keyof CheckFlags] !== undefined), ...(f.replay === false ? ['no-replay'] : [])];
        if (given.length) throw new UsageError('--from', `reads a finished run; --${given[0] === 'timeBudget' ? 'time-budget' : given[0]} applies only when the report runs the claims`);
        const files = f.from;
        // Name the file in a bad line's message only when there are several to tell apart.
        const read = mergeRuns(files.map((file) => ({ file, outcomes: parseOutcomes(readText(file, '--from'), '--from', files.length > 1 ? file : undefined) })));
        const r = reconcile(allClaims, read);
        const wanted = new Set(registered.map((c) => c.id));
        outcomes = r.known.filter((x) => wanted.has(x.id));
        // Ids given: only those were asked for. --paper: the unregistered lines of that paper.
        unknown = ids.length ? [] : r.unknown.filter((x) => !o.paper || x.paper === o.paper);
        if (!outcomes.length) throw new UsageError('--from', `holds no outcome of ${ids.length || o.paper ? 'the selected claims' : 'a registered claim'} (${files.join(', ')})`);
        origin = `outcomes read from ${files.join(', ')}`;
      } else {
        const bar = io.isTTY && !process.env.CI;
        ({ outcomes, skippedFiles } = await checkRunParallel({ claims: registered, runs: o.runs, seed: o.seed, timeBudgetMs: o.timeBudgetMs, json: false, figures: true, save: o.save, replay: o.replay, out: () => {}, err, bar, registered: allClaims, workers: o.workers }));
        origin = o.runs === undefined ? `run at each claim's default depth, seed ${o.seed ?? 42}` : `run with --runs ${o.runs}, seed ${o.seed ?? 42}`;
        if (!o.replay) origin += ', saved cases set aside (--no-replay)';
      }
      const html = reportHtml(registered, outcomes, origin, VERSION, undefined, unknown, skippedFiles, paperNames(papers));
      writeFolderAtomically(dir, { 'index.html': html });
      const t = tally(outcomes);
      const ran = new Set(outcomes.map((x) => x.id));
      const missing = registered.filter((c) => !ran.has(c.id)).length;
      const apart = unknown.length
        ? `; not counted: ${unknown.length} outcome${unknown.length === 1 ? '' : 's'} of ids not registered (${unknown.slice(0, 3).map((x) => x.id).join(', ')}${unknown.length > 3 ? ', …' : ''})`
        : '';
      err(`mechcheck: report written to ${join(f.out, 'index.html')} (${registered.length} claims: ${t.expected} at their expected verdict, ${t.deviate} deviate, ${t.inconclusive} inconclusive${missing ? `, ${missing} not in this run` : ''})${apart}`);
      code = outcomes.every((x) => x.expected) ? 0 : 1;
    });

  try {
    // No command: the help, as --help prints it (stdout, exit 0). Commander's own choice (the help on
    // stderr, exit 1) would break the rule that an error is one line on stderr with exit 2.
    if (argv.length === 0) {
      out(program.helpInformation().replace(/\n$/, ''));
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      err(`mechcheck: ${oneLine(e.message.replace(/^error: /, ''))}`);
      return 2;
    }
    if (e instanceof UsageError || (e instanceof Error && 'field' in e)) {
      err(`mechcheck: ${oneLine(e.message)}`);
      return 2;
    }
    err(`mechcheck: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}${process.env.MECHCHECK_DEBUG ? '\n' + (e as Error).stack : ''}`);
    return 3;
  }
}
