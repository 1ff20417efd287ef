/**
 * `mechcheck report`: the outcomes of a run (made here, or read with --from) as a static HTML
 * page with every registered claim, the findings first, and the papers' figures.
 */
import type { Claim, ClaimOutcome, SkippedFile } from '../claims/types.ts';
import { renderReport, type ReportRow } from './html.ts';

export { renderFigure } from './figure.ts';
export { parseOutcomes } from './outcomes.ts';
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
 * One row per registered claim, in registry order, with its outcome when the run has it;
 * outcomes of claims no longer registered are kept (a report of an older run shows them).
 */
export function reportRows(claims: readonly Claim<any>[], outcomes: readonly ClaimOutcome[]): ReportRow[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const rows: ReportRow[] = claims.map((c) => ({ id: c.id, paper: c.paper, statement: c.statement, source: c.source, verdict: c.verdict, outcome: byId.get(c.id) }));
  const known = new Set(claims.map((c) => c.id));
  for (const o of outcomes) if (!known.has(o.id)) rows.push({ id: o.id, paper: o.paper, statement: o.statement, source: o.source, verdict: o.verdict, outcome: o });
  return rows;
}

/** `skippedFiles`: saved files no registered claim reads (a run's, not a claim's). */
export function reportHtml(claims: readonly Claim<any>[], outcomes: readonly ClaimOutcome[], origin: string, version: string, generatedAt = new Date().toISOString(), skippedFiles: SkippedFile[] = []): string {
  return renderReport(reportRows(claims, outcomes), { origin, version, papers: PAPER_NAMES, generatedAt, skippedFiles });
}
