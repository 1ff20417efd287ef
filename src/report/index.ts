/**
 * `mechcheck report`: the outcomes of a run (made here, or read with --from) as a static HTML
 * page with every registered claim, the findings first, and the papers' figures.
 */
import type { AnyClaim, Claim, ClaimOutcome, PaperSpec, SkippedFile } from '../claims/types.ts';
import { renderReport, type ReportRow } from './html.ts';

export { renderFigure } from './figure.ts';
export { mergeRuns, parseOutcomes, reconcile } from './outcomes.ts';
export { checkOutDir, writeFolderAtomically } from './write.ts';

/** Code → name of each registered paper (its PaperSpec): the report's headings, with no list of its own. */
export function paperNames(papers: readonly Pick<PaperSpec, 'id' | 'name'>[]): Record<string, string> {
  return Object.fromEntries(papers.map((p) => [p.id, p.name]));
}

/**
 * One row per registered claim, in registry order, with its outcome when the run has it.
 * Outcomes of ids not registered are not rows (they would be counted): reportHtml lists them apart.
 */
export function reportRows(claims: readonly AnyClaim<any>[], outcomes: readonly ClaimOutcome[]): ReportRow[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return claims.map((c) => ({ id: c.id, paper: c.paper, statement: c.statement, source: c.source, verdict: c.verdict, tolerance: c.tolerance, outcome: byId.get(c.id) }));
}

/**
 * The page: `outcomes` of the registered `claims` (see reconcile), `unknown` outcomes listed apart;
 * `skippedFiles`: saved files no registered claim reads (a run's, not a claim's); `papers`: code →
 * name (paperNames of the registered papers; a paper without a name is headed by its code).
 */
export function reportHtml(
  claims: readonly AnyClaim<any>[],
  outcomes: readonly ClaimOutcome[],
  origin: string,
  version: string,
  generatedAt = new Date().toISOString(),
  unknown: readonly ClaimOutcome[] = [],
  skippedFiles: SkippedFile[] = [],
  papers: Record<string, string> = {},
): string {
  return renderReport(reportRows(claims, outcomes), { origin, version, papers, generatedAt, unknown, skippedFiles });
}
