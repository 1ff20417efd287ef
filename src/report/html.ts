/**
 * The report page: findings about the papers first, totals, one row per registered claim
 * (grouped by paper, deviations first), then a section per claim with the numbers that decided
 * it, its counterexample (one readable line, both precisions' numbers, the replay command), the
 * coverage labels of its generated cases, and its figures. One self-contained HTML file: inline
 * CSS and SVG, no script, nothing fetched, so it opens from file:// and can be mailed.
 */
import { describeLabel } from '../claims/coverage.ts';
import { searchLine } from '../claims/evidence.ts';
import type { ClaimOutcome, Json, Numbers, Paper, SkippedFile, Tolerance } from '../claims/types.ts';
import { renderFigure } from './figure.ts';
import { esc, num } from './text.ts';

/** A registered claim as the report lists it (outcome absent when the run did not include it). */
export interface ReportRow {
  id: string;
  paper: Paper;
  statement: string;
  source: string;
  verdict: string;
  /** The registered claim's declared tolerance (the outcome's own, when it carries one, is shown first). */
  tolerance?: Tolerance;
  outcome?: ClaimOutcome;
}

export interface ReportMeta {
  /** Where the outcomes came from: "run at default depth", or the --from file. */
  origin: string;
  version: string;
  /** Papers' full names by code. */
  papers: Record<string, string>;
  generatedAt: string;
  /** Saved files no registered claim reads (run-level; a claim's own are on its outcome). */
  skippedFiles?: SkippedFile[];
  /** Outcomes in the run whose id no registered claim has: listed apart, never counted. */
  unknown?: readonly ClaimOutcome[];
}

const anchor = (id: string) => `claim-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A JSON value in one line, numbers shortened (or in full), long arrays elided in the middle. */
function jsonLine(v: Json, full = false): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return full ? String(v) : num(v);
  if (typeof v === 'string') return /^-?[\d.]+(\/\d+)?(e-?\d+)?$/.test(v) ? v : JSON.stringify(v); // numbers and exact fractions bare
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.length > 12 ? [...v.slice(0, 5).map((x) => jsonLine(x, full)), `… ${v.length - 10} more …`, ...v.slice(-5).map((x) => jsonLine(x, full))] : v.map((x) => jsonLine(x, full));
    return `[${parts.join(', ')}]`;
  }
  return `{${Object.entries(v).map(([k, x]) => `${k}: ${jsonLine(x, full)}`).join(', ')}}`;
}

/** Numbers as a two-column table; `full` keeps every digit (certification: the two precisions must be comparable). */
function numbersTable(nums: Numbers | undefined, full = false): string {
  if (!nums || Object.keys(nums).length === 0) return '<p class="muted">none</p>';
  const cls = 'nums';
  const rows = Object.entries(nums).map(([k, v]) => `<tr><th>${esc(k)}</th><td><code>${esc(jsonLine(v, full))}</code></td></tr>`);
  return `<table class="${cls}">${rows.join('')}</table>`;
}

type Status = 'deviates' | 'inconclusive' | 'expected' | 'not-run';
function status(r: ReportRow): Status {
  if (!r.outcome) return 'not-run';
  if (r.outcome.outcome === 'inconclusive') return 'inconclusive';
  return r.outcome.expected ? 'expected' : 'deviates';
}
const ORDER: Record<Status, number> = { deviates: 0, inconclusive: 1, 'not-run': 2, expected: 3 };
const STATUS_TEXT: Record<Status, string> = { deviates: 'deviates', inconclusive: 'inconclusive', 'not-run': 'not in this run', expected: 'as expected' };

/** A case's bundles before and after (numbers.bundles: goods, what before/after mean, one row per agent), or undefined. */
interface Bundles {
  goods: string[];
  before: string;
  after: string;
  rows: { who: string; before: Json[]; after: Json[]; gain?: Json }[];
}
function asBundles(v: Json | undefined): Bundles | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const b = v as unknown as Bundles;
  return Array.isArray(b.goods) && Array.isArray(b.rows) && b.rows.every((r) => Array.isArray(r.before) && Array.isArray(r.after)) ? b : undefined;
}

/** Bundles as one table: each agent's bundle before → after, good by good, and its gain. */
function bundlesTable(b: Bundles): string {
  const head = `<tr><th></th>${b.goods.map((g) => `<th>${esc(g)}</th>`).join('')}${b.rows.some((r) => r.gain !== undefined) ? '<th>gain</th>' : ''}</tr>`;
  const rows = b.rows.map((r) => {
    const cells = b.goods.map((_, h) => {
      const [x, y] = [jsonLine(r.before[h] ?? null, true), jsonLine(r.after[h] ?? null, true)];
      return `<td><code>${esc(x)}</code>${x === y ? '' : ` → <code class="changed">${esc(y)}</code>`}</td>`;
    });
    return `<tr><th>${esc(r.who)}</th>${cells.join('')}${r.gain !== undefined ? `<td><code>${esc(jsonLine(r.gain, true))}</code></td>` : ''}</tr>`;
  });
  return `<div class="bundles"><span class="label">bundles</span> ${esc(b.before)} → ${esc(b.after)}<table class="nums bundles">${head}${rows.join('')}</table></div>`;
}

/** The certification's numbers in one line (bundles apart: they get their table). */
function certificateLine(kind: string | undefined, high: Numbers): string {
  const parts = Object.entries(high).filter(([k]) => k !== 'bundles').map(([k, v]) => `${k} = ${jsonLine(v, true)}`);
  if (!parts.length && !kind) return '';
  return `<div class="certline"><span class="label">certificate</span>${kind ? ` <code>${esc(kind)}</code>` : ''}${parts.length ? ` ${esc(parts.join(' · '))}` : ''}</div>`;
}

/** Findings: claims the papers get wrong (contradicted, refuted) with their case, and any deviation. */
function findings(rows: ReportRow[]): string {
  const found = rows.filter((r) => r.outcome?.counterexample && (r.verdict === 'contradicted' || r.verdict === 'refuted'));
  const dev = rows.filter((r) => status(r) === 'deviates');
  const items = found.map((r) => {
    const o = r.outcome!;
    const cx = o.counterexample!;
    return `<li class="finding"><a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a> <span class="pill ${esc(o.outcome)}">${esc(o.outcome)}</span>
      <div class="stmt">${esc(r.statement)}</div>
      <div class="case"><span class="label">counterexample</span> ${esc(cx.describe)}</div>
      ${certificateLine(cx.certificate?.kind, cx.certification.high)}
      ${(() => {
        const b = asBundles(cx.certification.high.bundles ?? cx.numbers.bundles);
        return b ? bundlesTable(b) : '';
      })()}
      <div class="cert">${cx.foundBy === 'replay' ? '<b>a saved case only</b> (this run’s search found none) · ' : `found by the ${esc(cx.foundBy)} search · `}${cx.certified ? 'certified by' : 'NOT confirmed by'} <span class="route">${esc(cx.certifiedBy ?? 'high precision')}</span>${cx.replay ? ` · <code class="cmd">${esc(cx.replay)}</code>` : ''}</div></li>`;
  });
  const devs = dev
    .filter((r) => !found.includes(r))
    .map((r) => `<li class="finding deviation"><a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a> <span class="pill deviates">${esc(r.outcome!.outcome)}</span> ${esc(r.outcome!.message)}${r.outcome!.counterexample ? `<div class="case"><span class="label">case</span> ${esc(r.outcome!.counterexample.describe)}</div>` : ''}</li>`);
  if (!items.length && !devs.length) return '<section id="findings"><h2>Findings about the papers</h2><p class="muted">No claim in this run is contradicted or refuted.</p></section>';
  return `<section id="findings"><h2>Findings about the papers</h2>
    <p class="muted">Statements the suite shows false by its own search, each with its shrunk counterexample.${devs.length ? ' Deviations from an expected verdict follow them.' : ''}</p>
    <ol class="findings">${items.join('')}${devs.join('')}</ol></section>`;
}

/** Lines of the run whose id is not registered (renamed or removed since, or a typo): shown, not counted. */
function unknownSection(unknown: readonly ClaimOutcome[]): string {
  if (!unknown.length) return '';
  const body = unknown
    .map((o) => `<tr class="unknown" data-claim="${esc(o.id)}"><td><code>${esc(o.id)}</code></td><td>${esc(o.paper)}</td><td>${esc(o.verdict)}</td><td><span class="pill ${esc(o.outcome)}">${esc(o.outcome)}</span></td><td>${esc(o.message)}</td></tr>`)
    .join('');
  return `<section id="unknown"><h2>Outcomes of ids not registered</h2>
    <p class="muted">The run holds ${unknown.length} outcome${unknown.length === 1 ? '' : 's'} of an id no registered claim has (renamed or removed since the run, or from another version). ${unknown.length === 1 ? 'It is' : 'They are'} listed as read and not counted in the totals.</p>
    <table class="claims"><thead><tr><th>id</th><th>paper</th><th>verdict in the run</th><th>outcome</th><th>message</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function totals(rows: ReportRow[], unknown = 0): string {
  const c = { expected: 0, deviates: 0, inconclusive: 0, 'not-run': 0 } as Record<Status, number>;
  for (const r of rows) c[status(r)]++;
  return `<section id="totals"><div class="totals">
    <div class="tot"><b>${rows.length}</b> registered claims</div>
    <div class="tot ok"><b>${c.expected}</b> at their expected verdict</div>
    <div class="tot ${c.deviates ? 'bad' : ''}"><b>${c.deviates}</b> deviate</div>
    <div class="tot ${c.inconclusive ? 'warn' : ''}"><b>${c.inconclusive}</b> inconclusive</div>
    ${c['not-run'] ? `<div class="tot warn"><b>${c['not-run']}</b> not in this run</div>` : ''}
  </div>${unknown ? `<p class="muted small">Not counted: ${unknown} outcome${unknown === 1 ? '' : 's'} of ids not registered (<a href="#unknown">listed below the claims</a>).</p>` : ''}</section>`;
}

function claimTable(rows: ReportRow[], papers: Record<string, string>): string {
  const byPaper = new Map<string, ReportRow[]>();
  for (const r of rows) byPaper.set(r.paper, [...(byPaper.get(r.paper) ?? []), r]);
  const groups = [...byPaper].map(([paper, rs]) => {
    const sorted = [...rs].sort((a, b) => ORDER[status(a)] - ORDER[status(b)]);
    const body = sorted
      .map((r) => {
        const o = r.outcome;
        const st = status(r);
        return `<tr class="row ${st}" data-claim="${esc(r.id)}">
          <td><a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a></td>
          <td>${esc(r.paper)}</td>
          <td class="stmt">${esc(r.statement)}</td>
          <td class="src">${esc(r.source)}</td>
          <td>${esc(r.verdict)}</td>
          <td><span class="pill ${esc(o?.outcome ?? 'not-run')}">${esc(o?.outcome ?? 'not run')}</span><div class="st">${STATUS_TEXT[st]}${o?.counterexample?.foundBy === 'replay' ? ' · saved case only' : ''}</div></td>
          <td class="n">${o ? o.runs : ''}</td>
          <td class="n">${o ? o.seed : ''}</td>
          <td class="n">${o ? seconds(o.millis) : ''}</td></tr>`;
      })
      .join('');
    return `<tbody><tr class="paper-head"><th colspan="9">${esc(paper)} — ${esc(papers[paper] ?? paper)}</th></tr>${body}</tbody>`;
  });
  return `<section id="claims"><h2>Every claim</h2>
    <table class="claims"><thead><tr><th>id</th><th>paper</th><th>statement</th><th>source</th><th>expected verdict</th><th>outcome</th><th>runs</th><th>seed</th><th>time</th></tr></thead>${groups.join('')}</table></section>`;
}

function labelsTable(o: ClaimOutcome): string {
  const entries = Object.entries(o.labels ?? {});
  if (!entries.length) return '<p class="muted">no labels (the claim does not label its cases)</p>';
  const total = Number(o.numbers?.generated ?? 0) || Math.max(...entries.map(([, v]) => v));
  const items = entries
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, v]) => {
      const share = total > 0 ? v / total : 0;
      return `<div class="lbl" data-label="${esc(k)}"><span class="k">${esc(k)}</span><span class="n">${v}</span><span class="n">${(100 * share).toFixed(1)}%</span><span class="bar"><span style="width:${Math.min(100, 100 * share).toFixed(1)}%"></span></span></div>`;
    });
  return `<p class="muted small">share of the ${total} generated cases carrying each label (a case carries several)</p><div class="labels">${items.join('')}</div>`;
}

function claimSection(r: ReportRow): string {
  const o = r.outcome;
  const st = status(r);
  const head = `<h3><code>${esc(r.id)}</code> <span class="pill ${esc(o?.outcome ?? 'not-run')}">${esc(o?.outcome ?? 'not run')}</span> <span class="st ${st}">${STATUS_TEXT[st]}</span></h3>
    <p class="stmt">${esc(r.statement)}</p>
    <p class="src">${esc(r.source)} · expected verdict <b>${esc(r.verdict)}</b></p>`;
  if (!o) return `<section class="claim ${st}" id="${anchor(r.id)}">${head}<p class="muted">This claim was not in the run the report was made from.</p></section>`;
  const parts = [head, `<p class="msg">${esc(o.message)}</p>`, `<p class="meta">runs ${o.runs} · seed ${o.seed} · ${seconds(o.millis)}</p>`];
  const tol = o.tolerance ?? r.tolerance;
  if (tol) parts.push(toleranceLine(tol));
  const cx = o.counterexample;
  if (cx) {
    const found = cx.foundBy === 'replay' ? 'a saved case only — this run’s search found none' : `found by the ${esc(cx.foundBy)} search`;
    parts.push(`<div class="cx"><h4>${o.verdict === 'witness' ? 'Witness' : 'Counterexample'} (${found}; ${cx.certified ? 'certified' : 'NOT confirmed'})</h4>
      <p class="case">${esc(cx.describe)}</p>
      <p class="certified-by"><span class="label">certified by</span> ${esc(cx.certifiedBy ?? 'high precision (a run from before routes were recorded)')}</p>
      <div class="cert2"><div><h5>standard route</h5>${numbersTable(cx.certification.standard, true)}</div><div><h5>certification: ${esc(cx.certifiedBy ?? 'high precision')}</h5>${numbersTable(cx.certification.high, true)}</div></div>
      ${cx.replay ? `<p>Replay: <code class="cmd">${esc(cx.replay)}</code></p>` : ''}
      <details><summary>shrunk input (JSON)</summary><pre>${esc(JSON.stringify(cx.input))}</pre></details></div>`);
  }
  if (o.search) parts.push(`<p class="search"><span class="label">search strength</span> ${esc(searchLine(o))}${o.search.targetedBudget ? ` (targeted budget ${o.search.targetedBudget})` : ''}</p>`);
  if (o.undecided) parts.push(undecidedLine(o.undecided));
  const closest = o.closest ? `<div class="closest"><h4>Closest case to failing</h4><p class="case">${esc(o.closest.describe)}</p>${numbersTable(o.closest.numbers)}</div>` : '';
  const run = o.numbers ? `<div><h4>Run</h4>${numbersTable(o.numbers)}</div>` : '';
  if (closest || run) parts.push(`<div class="pair">${closest}${run}</div>`);
  if (o.replayed?.length) {
    parts.push(`<div><h4>Saved cases replayed</h4><ul>${o.replayed.map((x) => `<li><code>${esc(x.file)}</code>: ${x.still ? 'still a case' : 'no longer a case'} · <code class="cmd">npx mechcheck replay ${esc(x.file)}</code></li>`).join('')}</ul></div>`);
  }
  if (o.skippedFiles?.length) parts.push(skippedList(o.skippedFiles));
  if (o.coverage) parts.push(coverageTable(o.coverage));
  parts.push(`<div><h4>Coverage of generated cases</h4>${labelsTable(o)}</div>`);
  for (const f of o.figures ?? []) parts.push(renderFigure(f).html);
  return `<section class="claim ${st}" id="${anchor(r.id)}">${parts.join('\n')}</section>`;
}

/** The declared tolerance with its why: the one the property applied. */
function toleranceLine(t: Tolerance): string {
  const parts = [t.abs !== undefined ? `abs ${num(t.abs)}` : '', t.rel !== undefined ? `rel ${num(t.rel)}` : ''].filter(Boolean);
  return `<p class="tolerance"><span class="label">tolerance</span> ${esc(parts.length ? parts.join(', ') : 'none (exact)')} — ${esc(t.why)}</p>`;
}

/** Undecided cases, their share against the claim's bound, and their reasons. */
function undecidedLine(u: NonNullable<ClaimOutcome['undecided']>): string {
  const reasons = Object.entries(u.reasons);
  const head = `${u.count} of ${u.of} cases undecided (bound ${(100 * u.max).toFixed(1)}%)${u.targeted ? `, and ${u.targeted} of the targeted phase` : ''}`;
  return `<div class="undecided"><p><span class="label">undecided</span> ${esc(head)}</p>${reasons.length ? `<ul>${reasons.map(([k, v]) => `<li>${esc(k)} <span class="muted">×${v}</span></li>`).join('')}</ul>` : ''}</div>`;
}

/** The Wilson-score coverage judgement, one row per required label. */
function coverageTable(c: NonNullable<ClaimOutcome['coverage']>): string {
  const rows = c.labels
    .map((l) => `<tr class="cov ${esc(l.verdict)}" data-label="${esc(l.label)}"><td><code>${esc(l.label)}</code></td><td>${esc(l.verdict)}</td><td>${esc(describeLabel(l, c.cases))}</td></tr>`)
    .join('');
  const note = `Judged on ${c.cases} cases (${c.tested} tested, the rest drawn from the same seeded generator and labelled only; at most ${c.maxCases}); a label is covered when the lower end of its Wilson interval at certainty 1 − ${num(1 - c.certainty)} reaches ${num(c.tolerance)} × its required share, insufficient when the upper end is below it.${c.stoppedBy ? ` Stopped undecided by the ${c.stoppedBy}.` : ''}`;
  return `<div class="coverage"><h4>Required coverage: ${esc(c.verdict)}</h4><p class="muted small">${esc(note)}</p><table class="nums">${rows}</table></div>`;
}

/** Saved files that were skipped (corrupt, another claim's, no claim's), each named with its reason. */
function skippedList(files: SkippedFile[]): string {
  return `<div class="skipped"><h4>Saved files skipped (not replayed)</h4><ul>${files.map((s) => `<li><code>${esc(s.file)}</code>: ${esc(s.reason)}</li>`).join('')}</ul></div>`;
}

const CSS = `
:root { --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --ok: #1a7f37; --bad: #c62828; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; background: #fafbfc; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; background: white; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 17px; margin: 0 0 6px; } h4 { font-size: 14px; margin: 14px 0 6px; color: #344054; } h5 { font-size: 13px; margin: 4px 0; color: var(--muted); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted, .meta, .src { color: var(--muted); } .meta, .src { font-size: 13px; }
.totals { display: flex; gap: 12px; flex-wrap: wrap; } .tot { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; background: #fcfcfd; }
.tot b { font-size: 20px; margin-right: 4px; } .tot.ok b { color: var(--ok); } .tot.bad b { color: var(--bad); } .tot.warn b { color: var(--warn); }
ol.findings { padding-left: 20px; } li.finding { margin: 10px 0 14px; padding: 10px 14px; border-left: 4px solid #b54708; background: #fff8f0; border-radius: 4px; }
li.finding.deviation { border-left-color: var(--bad); background: #fff1f1; }
.bundles table { margin-top: 4px; } code.changed { color: var(--bad); font-weight: 600; } .certline { font-size: 13px; margin: 4px 0; }
.finding .stmt { margin: 4px 0; } .case { font-weight: 600; } .label { font-weight: 400; color: var(--muted); margin-right: 6px; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.cert { font-size: 13px; color: var(--muted); margin-top: 4px; }
.cmd { background: #f2f4f7; padding: 1px 6px; border-radius: 4px; user-select: all; }
.pill { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #eef2f6; color: #344054; white-space: nowrap; }
.pill.passed, .pill.witnessed { background: #e6f4ea; color: var(--ok); } .pill.refuted, .pill.contradicted { background: #fdebd3; color: #b54708; }
.pill.violated, .pill.not-refuted, .pill.not-contradicted, .pill.not-witnessed { background: #fde7e7; color: var(--bad); } .pill.inconclusive { background: #fff4cc; color: var(--warn); }
table { border-collapse: collapse; } table.claims { width: 100%; font-size: 13.5px; }
table.claims th, table.claims td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
table.claims thead th { position: sticky; top: 0; background: white; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
table.claims td.stmt { max-width: 380px; } table.claims td.src { max-width: 220px; color: var(--muted); font-size: 12.5px; }
tr.paper-head th { background: #f2f4f7; font-size: 14px; padding: 8px; } tr.row.deviates { background: #fff1f1; } tr.row.inconclusive { background: #fffbea; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } .st { font-size: 11.5px; color: var(--muted); }
.st.deviates { color: var(--bad); } .st.inconclusive { color: var(--warn); }
section.claim { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 16px 0; } section.claim.deviates { border-color: var(--bad); }
table.nums th, table.nums td { padding: 2px 10px 2px 0; font-size: 13px; text-align: left; vertical-align: top; }
table.nums th { color: #344054; font-weight: 500; white-space: nowrap; } table.nums td code { word-break: break-word; }
.labels { columns: 3 300px; column-gap: 28px; font-size: 13px; } .small { font-size: 12.5px; margin: 2px 0 6px; }
.lbl { display: grid; grid-template-columns: 1fr 44px 52px 70px; gap: 6px; align-items: center; break-inside: avoid; padding: 1px 0; }
.lbl .k { color: #344054; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; } .lbl .n { text-align: right; font-variant-numeric: tabular-nums; }
.lbl .bar { height: 8px; background: #f2f4f7; border-radius: 2px; } .lbl .bar span { display: block; height: 8px; background: #98a2b3; border-radius: 2px; }
.pair { display: grid; grid-template-columns: 2fr 1fr; gap: 20px; align-items: start; }
.cert2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } .cx { background: #fffaf3; border-radius: 6px; padding: 6px 12px 10px; }
pre { white-space: pre-wrap; word-break: break-all; font-size: 12px; background: #f8f9fb; padding: 8px; border-radius: 4px; }
figure.fig { margin: 18px 0; } .fig-title { font-weight: 600; margin-bottom: 6px; } .fig-caption { color: var(--muted); font-size: 13px; margin: 4px 0; }
figure.fig svg { max-width: 100%; height: auto; }
ul.legend { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; }
.sw { display: inline-block; width: 22px; margin-right: 6px; vertical-align: middle; } .sw.line { border-top: 2.5px solid; } .sw.dash { border-top: 2.5px dashed; } .sw.band { height: 12px; border-radius: 2px; }
nav.toc { font-size: 13px; color: var(--muted); } nav.toc a { margin-right: 12px; }
.skipped { border-left: 4px solid var(--warn); background: #fffbea; padding: 4px 12px; border-radius: 4px; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

/** The whole page. */
export function renderReport(rows: ReportRow[], meta: ReportMeta): string {
  const sections = [...rows].sort((a, b) => ORDER[status(a)] - ORDER[status(b)]);
  const byPaper = [...new Set(rows.map((r) => r.paper))];
  const claimSections = byPaper
    .map((p) => `<h2 id="paper-${esc(p)}">${esc(p)} — ${esc(meta.papers[p] ?? p)}</h2>${sections.filter((r) => r.paper === p).map(claimSection).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mechcheck report</title><style>${CSS}</style></head>
<body><main>
<header><h1>mechcheck report</h1>
<p class="muted">Numerical checks of the claims in economic theory papers (${esc(meta.origin)}; mechcheck ${esc(meta.version)}; ${esc(meta.generatedAt)}).</p>
<nav class="toc"><a href="#findings">Findings</a><a href="#claims">Every claim</a>${byPaper.map((p) => `<a href="#paper-${esc(p)}">${esc(p)} details</a>`).join('')}</nav></header>
${meta.skippedFiles?.length ? `<section id="skipped">${skippedList(meta.skippedFiles)}</section>` : ''}
${findings(rows)}
${totals(rows, meta.unknown?.length ?? 0)}
${claimTable(rows, meta.papers)}
${unknownSection(meta.unknown ?? [])}
${claimSections}
<footer>Verdicts: <b>holds</b> (a theorem: must pass), <b>refuted</b> (a conjecture the paper refutes: the suite must find a counterexample), <b>contradicted</b> (a printed statement that is wrong: the suite must find it), <b>witness</b> (an existence claim: the suite must find an instance). Every counterexample is shrunk, certified (by the claim’s independent route where it has one; otherwise by the property again at high precision, which the report says is not independent), saved under fixtures/counterexamples/ and replayed by <code>npm test</code>. A verdict that rests on a saved case only says so.</footer>
</main></body></html>
`;
}
