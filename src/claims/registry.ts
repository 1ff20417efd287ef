import type { Claim, Outcome, Verdict } from './types.ts';

const ID = /^(JP|PW|HW|DSV|GR)\.[A-Za-z0-9*.-]+$/;

/** Declare a claim (ARCHITECTURE.md, "Claims are data"): checks the shape once, at import. */
export function claim<I>(c: Claim<I>): Claim<I> {
  if (!ID.test(c.id)) throw new Error(`claim id ${JSON.stringify(c.id)} is not of the catalogue's form`);
  if (!c.id.startsWith(`${c.paper}.`)) throw new Error(`claim ${c.id}: paper ${c.paper} does not match its id`);
  if (!c.tolerance.why) throw new Error(`claim ${c.id}: a tolerance must say why it is that size`);
  return c;
}

/** Fail on duplicate ids: an id names one claim for good. */
export function registry(claims: readonly Claim<any>[]): readonly Claim<any>[] {
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) throw new Error(`claim ${c.id} is registered twice`);
    seen.add(c.id);
  }
  return claims;
}

/** The outcome a verdict expects. */
export const EXPECTED: Record<Verdict, Outcome> = {
  holds: 'passed',
  refuted: 'refuted',
  witness: 'witnessed',
  contradicted: 'contradicted',
};

/** The outcome when the search finds (found = true) or does not find a case of interest. */
export function outcomeOf(verdict: Verdict, found: boolean): Outcome {
  switch (verdict) {
    case 'holds': return found ? 'violated' : 'passed';
    case 'refuted': return found ? 'refuted' : 'not-refuted';
    case 'witness': return found ? 'witnessed' : 'not-witnessed';
    case 'contradicted': return found ? 'contradicted' : 'not-contradicted';
  }
}

/** How a run's outcomes stand against their verdicts: as expected, deviating, inconclusive. */
export function tally(outcomes: readonly { outcome: Outcome; expected: boolean }[]): { expected: number; deviate: number; inconclusive: number } {
  const inconclusive = outcomes.filter((o) => o.outcome === 'inconclusive').length;
  const expected = outcomes.filter((o) => o.expected).length;
  return { expected, deviate: outcomes.length - expected - inconclusive, inconclusive };
}
