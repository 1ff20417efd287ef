/**
 * `mechcheck report`: the outcomes of a run (made here, or read with --from) as a static HTML
 * page with every registered claim, the findings first, and the papers' figures.
 */
import type { Claim, ClaimOutcome, SkippedFile } from '../claims/types.ts';
import { renderReport, type ReportRow } from './html.ts';

export { renderFigure } from './figure.ts';
export { mergeRuns, parseOutcomes, reconcile } from './outcomes.ts';
export { checkOutDir, writeFolderAtomically } from './write.ts';

/** The papers, as ../shared/papers/README.md names them. */
export const PAPER_NAMES: Record<string, string> = {
  DSV: 'Dagan, Serrano & Volij (1999), Bargaining, coalitions and competition',
  GR: 'Giraud & Rochon (2001), Generic efficiency and collusion-proofness in exchange economies',
  HW: 'Hu & Wallace (2012), Optimality in a large two-stage market game',
  JP: 'Jackson & Palfrey (1996), Dynamic efficiency and voluntary implementation in markets with repeated pairwise bargaining',
  PW: 'Pycia & Wang (2015), Efficient trade with interdependent values',
};

/**
 * One row per registered claim, in registry order, with its outcome when the run has it.
 * Outcomes of ids not registered are not rows (they would be counted): reportHtml lists them apart.
 */
export function reportRows(claims: readonly Claim<any>[], outcomes: readonly ClaimOutcome[]): ReportRow[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return claims.map((c) => ({ id: c.id, paper: c.paper, statement: c.statement, source: c.source, verdict: c.verdict, tolerance: c.tolerance, outcome: byId.get(c.id) }));
}

/** The page: `outcomes` of the registered `claims` (see reconcile), `unknown` outcomes listed apart; `skippedFiles`: saved files no registered claim reads (a run's, not a claim's). */
export function reportHtml(
  claims: readonly Claim<any>[],
  outcomes: readonly ClaimOutcome[],
  origin: string,
  version: string,
  generatedAt = new Date().toISOString(),
  unknown: readonly ClaimOutcome[] = [],
  skippedFiles: SkippedFile[] = [],
): string {
  return renderReport(reportRows(claims, outcomes), { origin, version, papers: PAPER_NAMES, generatedAt, unknown, skippedFiles });
}
