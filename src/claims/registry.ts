import type { Quantity } from '../models/quantity.ts';
import type { AnyClaim, AsyncClaim, Claim, Outcome, PaperMeta, PaperSpec, Verdict } from './types.ts';

/** A paper's code: capital letters and digits, a letter first (PW, JP, DSV). */
export const PAPER_CODE = /^[A-Z][A-Z0-9]*$/;

// The catalogue's form of an id: the paper's code, a dot, then letters, digits, `*`, `.` and `-`.
// Which codes exist is not listed here: each paper registers its own (paper(), registerPapers()).
const ID = /^[A-Z][A-Z0-9]*\.[A-Za-z0-9*.-]+$/;

/** Declare a claim (ARCHITECTURE.md, "Claims are data"): checks the shape once, at import. */
export function claim<I>(c: Claim<I>): Claim<I> {
  return checked(c);
}

/** Declare a claim whose property or certify may return a Promise (a WASM LP solver): run by runClaimAsync wherever claims run. */
export function asyncClaim<I>(c: AsyncClaim<I>): AsyncClaim<I> {
  return checked(c);
}

/** The shape checks both declarations make. */
function checked<C extends AnyClaim<any>>(c: C): C {
  if (!ID.test(c.id)) throw new Error(`claim id ${JSON.stringify(c.id)} is not of the catalogue's form`);
  if (!c.id.startsWith(`${c.paper}.`)) throw new Error(`claim ${c.id}: paper ${c.paper} does not match its id`);
  if (!c.tolerance.why) throw new Error(`claim ${c.id}: a tolerance must say why it is that size`);
  return c;
}

/** Fail on duplicate ids: an id names one claim for good. */
export function registry(claims: readonly AnyClaim<any>[]): readonly AnyClaim<any>[] {
  const seen = new Set<string>();
  for (const c of claims) {
    if (seen.has(c.id)) throw new Error(`claim ${c.id} is registered twice`);
    seen.add(c.id);
  }
  return claims;
}

/** Declare a paper (its folder's PaperSpec): checks its code, and that each claim is its own and matches its id pattern. */
export function paper(p: PaperSpec): PaperSpec {
  if (!PAPER_CODE.test(p.id)) throw new Error(`paper code ${JSON.stringify(p.id)} is not capital letters and digits`);
  if (!p.name.trim()) throw new Error(`paper ${p.id}: a paper needs its name (authors (year), title)`);
  for (const c of p.claims) {
    if (c.paper !== p.id) throw new Error(`claim ${c.id} says paper ${c.paper} but is registered by paper ${p.id}`);
    if (!p.idPattern.test(c.id)) throw new Error(`claim ${c.id} does not match paper ${p.id}'s id pattern ${p.idPattern}`);
  }
  for (const id of p.pending ?? []) {
    if (!p.idPattern.test(id)) throw new Error(`pending id ${id} does not match paper ${p.id}'s id pattern ${p.idPattern}`);
    if (p.claims.some((c) => c.id === id)) throw new Error(`claim ${id} is both registered and pending`);
  }
  return p;
}

/** Every registered paper, and what they register together: claims (in order) and eval quantities. */
export interface Registered {
  papers: readonly PaperSpec[];
  claims: readonly AnyClaim<any>[];
  quantities: readonly Quantity[];
}

/** Gather papers: fails on a paper, claim id or quantity name registered twice. */
export function registerPapers(papers: readonly PaperSpec[]): Registered {
  const codes = new Set<string>();
  for (const p of papers) {
    if (codes.has(p.id)) throw new Error(`paper ${p.id} is registered twice`);
    codes.add(p.id);
  }
  return { papers, claims: registry(papers.flatMap((p) => p.claims)), quantities: registerQuantities(papers) };
}

/** The papers' `eval` quantities, in order: fails on a name registered twice. */
export function registerQuantities(papers: readonly PaperMeta[]): readonly Quantity[] {
  const quantities = papers.flatMap((p) => p.quantities ?? []);
  const names = new Set<string>();
  for (const q of quantities) {
    if (names.has(q.name)) throw new Error(`eval quantity ${q.name} is registered twice`);
    names.add(q.name);
  }
  return quantities;
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
