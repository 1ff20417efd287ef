/**
 * The four verdict kinds as strategies (issue #10, "a runner a reader can follow"): what the
 * search counts as interesting, which way it climbs, how the outcome is named, and what the
 * verdict expects. The runner asks the claim's strategy instead of branching on the verdict.
 */
import type { CheckResult, Outcome, Verdict } from './types.ts';

export interface VerdictStrategy {
  verdict: Verdict;
  /** A case the search is looking for (never an undecided one). */
  interesting(r: CheckResult): boolean;
  /** Lower is closer to an interesting case: the targeted phase minimises it. */
  score(r: CheckResult): number;
  /** The outcome when the search finds an interesting case, and when it finds none. */
  found: Outcome;
  notFound: Outcome;
  /** The verdict expects a case to exist (refuted, witness, contradicted) rather than none (holds). */
  expectsCase: boolean;
  /** The outcome the verdict expects. */
  expected: Outcome;
  /** What an interesting case is called in messages. */
  caseName: string;
  /** Why certification does not confirm a case it decided (the statement's side it came out on). */
  notConfirmed: string;
}

/** The margin read as a distance to failure; a property without margins counts ±1. */
const margin = (r: CheckResult) => r.margin ?? (r.holds ? 1 : -1);

/** A universal statement: the search looks for a case where it fails. */
function universal(verdict: Verdict, found: Outcome, notFound: Outcome, expectsCase: boolean): VerdictStrategy {
  return {
    verdict,
    interesting: (r) => !r.undecided && !r.holds,
    score: margin,
    found,
    notFound,
    expectsCase,
    expected: expectsCase ? found : notFound,
    caseName: 'a counterexample',
    notConfirmed: 'the statement holds there',
  };
}

export const STRATEGIES: Record<Verdict, VerdictStrategy> = {
  holds: universal('holds', 'violated', 'passed', false),
  refuted: universal('refuted', 'refuted', 'not-refuted', true),
  contradicted: universal('contradicted', 'contradicted', 'not-contradicted', true),
  // An existence statement: the search looks for an instance, climbing the margin upwards.
  witness: {
    verdict: 'witness',
    interesting: (r) => !r.undecided && r.holds,
    score: (r) => -margin(r),
    found: 'witnessed',
    notFound: 'not-witnessed',
    expectsCase: true,
    expected: 'witnessed',
    caseName: 'a witness',
    notConfirmed: 'the statement fails there',
  },
};

/** The strategy of a verdict. */
export function strategyOf(verdict: Verdict): VerdictStrategy {
  return STRATEGIES[verdict];
}
