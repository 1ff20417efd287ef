/**
 * What an outcome rests on, in the words the table, the report, `check --json` and the vitest
 * harness share: one definition of "found by this run's search", of the certification route when
 * none independent exists, and of the search's strength.
 */
import type { ClaimOutcome } from './types.ts';

/** certifiedBy of a claim without `certify`: its case was re-run by the same method at high precision. */
export const SAME_ROUTE = 'not independent: the property again at high precision';

/**
 * This run's own search (random or targeted phase) found a case and certification confirmed it.
 * A case replayed from a saved file does not count: it shows the claim was refuted once, not
 * that the search finds it. The CLI's `searchFound` and the vitest harness both use this.
 */
export function foundBySearch(o: Pick<ClaimOutcome, 'counterexample'>): boolean {
  const cx = o.counterexample;
  return !!cx && cx.foundBy !== 'replay' && cx.certified;
}

/** A number for one line: 4 significant digits. */
const short = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3));

/** Text cut to `max` characters, an ellipsis marking the cut. */
const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

/**
 * How a run's search went, in one line: "100 cases + 200 targeted; closest margin 0.0086 (targeted)
 * at F = …", the case cut to `maxCase` characters (the table's; JSON and the report keep it whole).
 */
export function searchLine(o: Pick<ClaimOutcome, 'search' | 'runs'>, maxCase = Infinity): string {
  const s = o.search;
  if (!s) return `${o.runs} cases`;
  let line = `${s.cases} case${s.cases === 1 ? '' : 's'}${s.targetedBudget ? ` + ${s.targeted} targeted` : ''}`;
  if (s.closestMargin !== null && s.closestCase !== undefined) line += `; closest margin ${short(s.closestMargin)} (${s.closestPhase}) at ${cut(s.closestCase, maxCase)}`;
  return line;
}

/** What the outcome rests on, for the table's last column. */
export function evidenceLine(o: ClaimOutcome): string {
  const cx = o.counterexample;
  if (cx) {
    const how = cx.foundBy === 'replay' ? 'saved case only (this run’s search found none)' : `${cx.foundBy} search`;
    return cx.certified ? `${how}; certified by ${cx.certifiedBy ?? 'high precision'}` : `${how}; NOT confirmed by ${cx.certifiedBy ?? 'high precision'}`;
  }
  return searchLine(o, 100);
}
