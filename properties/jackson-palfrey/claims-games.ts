/**
 * Jackson & Palfrey (1996), the bargaining side of the catalogue (Sections 5 and 7, the proof of
 * Theorem 6): the lemma "trade iff (p̄^s, p̄^b) ∈ IR(P)", the backward-induction price map
 * non-decreasing and separating, the Section 7 announcement mechanism, and Example 2's condition *
 * and all-wait rule in exact arithmetic.
 *
 * Each property takes the model's route (tree.ts `solve` with rule (ii), price-set.ts `inIR`,
 * conditions.ts's sorted sweeps) and checks it against a characterisation that does not share it
 * (IR(P) by scanning P, the augmented tree against the inline signatures, a permuted tree); each
 * `certify` re-decides a case by games-routes.ts (backward induction on exact rational payoffs with
 * rule (ii) as a lexicographic preference, condition * by its definitions over all pairs).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { claim } from '../../src/claims/registry.ts';
import type { CertifyResult, CheckResult, Claim, Numbers } from '../../src/claims/types.ts';
import { InputError } from '../../src/errors.ts';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { announcementGrid, announcementMechanism } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { infAtLeast, pointSet, priceSet, supAtMost, type PriceSet } from '../../src/models/jackson-palfrey/games/price-set.ts';
import { augment, leafCount, priceMap, solve, terminalPrices, type GameNode, type Outcome } from '../../src/models/jackson-palfrey/games/tree.ts';
import { conditionStar, starHolds, type StarViolations, type TradingGrid } from '../../src/models/jackson-palfrey/games/conditions.ts';
import { buildGameForm, gameFormInput, mixedGameFormInput, type GameFormInput } from './generators-games.ts';
import { bruteStar, leafPrices, payoffOutcome, scanIR, starTotal, type Span, type StarCounts } from './games-routes.ts';
import {
  C, decodeEx2Grid, describeEx2Grid, ex2Buyers, example2Reservation, qOrder, simplifyEx2Grid, type Ex2Grid, type QN,
} from './example2.ts';
import { QuadraticNumber } from '../../src/numeric/quadratic-field.ts';

/** Exact comparisons of doubles: grid prices k/N and reservation prices are compared as the doubles they are. */
const exact = numberOrder(0);
const cmpNum = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);

const EXACT_TOLERANCE = {
  abs: 0,
  why: 'none: prices k/N and reservation prices are doubles compared exactly (numberOrder(0)), so a reservation price on a terminal price is an exact tie and rule (ii) decides it; no arithmetic is done on them',
};

// ---------------------------------------------------------------- describing and decoding game forms

/** A price or reservation price, short when it is short (0.1, 0.25), else to six digits. */
function fmt(x: number): string {
  const s = String(x);
  return s.length <= 8 ? s : x.toPrecision(6);
}

/** A game form in one line: S(…)/B(…) moves, prices, ∅ for no trade (truncated at 200 characters). */
export function showTree(n: GameNode<number>, budget = 200): string {
  let out = '';
  const walk = (x: GameNode<number>) => {
    if (out.length > budget) return;
    if (x.kind === 'trade') out += fmt(x.price);
    else if (x.kind === 'noTrade') out += '∅';
    else {
      out += x.player === 'seller' ? 'S(' : 'B(';
      const kids = typeof x.children === 'function' ? x.children() : x.children;
      kids.forEach((c, k) => {
        if (k > 0) out += ' ';
        walk(c);
      });
      out += ')';
    }
  };
  walk(n);
  return out.length > budget ? `${out.slice(0, budget)}…` : out;
}

const GameShape = z.strictObject({
  gridN: z.number().int().min(1).max(64),
  maxDepth: z.number().int().min(0).max(8),
  maxChildren: z.number().int().min(1).max(8),
  noTradeShare: z.number().min(0).max(1),
  draws: z.array(z.number().gt(0).lt(1)).max(2000),
});

const Unit = z.number().min(0).max(1);

function zodFail(e: z.ZodError, prefix: string): never {
  const i = e.issues[0];
  throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
}

/**
 * Simpler game forms: a single terminal node trading at one of the tree's prices (depth 0: the
 * builder reads one draw for "no trade?", answered no, and one for the price k/N), a shorter
 * stream of draws (a smaller tree), a shallower tree.
 */
function simplifyGame(g: GameFormInput): GameFormInput[] {
  const out: GameFormInput[] = [];
  const tree = buildGameForm(g);
  if (tree.kind === 'move') {
    for (const p of [...new Set(leafPrices(tree))]) {
      const k = Math.round(p * g.gridN);
      out.push({ gridN: g.gridN, maxDepth: 0, maxChildren: 1, noTradeShare: 0, draws: [0.5, (k + 0.5) / (g.gridN + 1)] });
    }
  }
  if (g.draws.length > 0) {
    out.push({ ...g, draws: [] }, { ...g, draws: g.draws.slice(0, Math.floor(g.draws.length / 2)) }, { ...g, draws: g.draws.slice(0, -1) });
  }
  if (g.maxDepth > 0) out.push({ ...g, maxDepth: g.maxDepth - 1 });
  if (g.noTradeShare > 0) out.push({ ...g, noTradeShare: 0 });
  return out;
}

// ---------------------------------------------------------------- JP.Thm6.lemma-trade-iff-IR

/** A game form and reservation-price pairs (p̄^s, p̄^b) to play it at. */
export interface LemmaCase {
  readonly game: GameFormInput;
  readonly res: readonly (readonly [number, number])[];
}

/** A reservation price: on the half grid k/(2N) (even k: a terminal price, an exact tie) or any double in [0, 1]. */
const resArb = (N: number) => fc.oneof(fc.integer({ min: 0, max: 2 * N }).map((k) => k / (2 * N)), fc.double({ min: 0, max: 1, noNaN: true }));

const lemmaArb: fc.Arbitrary<LemmaCase> = mixedGameFormInput().chain((game) =>
  fc.array(fc.tuple(resArb(game.gridN), resArb(game.gridN)), { minLength: 1, maxLength: 6 }).map((res) => ({ game, res })),
);

/** γ with every move's children in reverse order: backward induction with rule (ii) must give the same outcome (the lemma's uniqueness). */
function reversed(n: GameNode<number>): GameNode<number> {
  if (n.kind !== 'move') return n;
  const kids = typeof n.children === 'function' ? n.children() : n.children;
  return { ...n, children: kids.map(reversed).reverse() };
}

const sameOutcome = (a: Outcome<number>, b: Outcome<number>) => a.trade === b.trade && (!a.trade || (b.trade && a.price === b.price));
const showOutcome = (o: Outcome<number>) => (o.trade ? `trade at ${fmt(o.price)}` : 'no trade');

/** One pair against the lemma: trade iff (q, r) ∈ IR(P) by a scan of P, at a price of P in [q, r]. */
function lemmaVerdict(P: readonly number[], q: number, r: number, out: Outcome<number>): string | undefined {
  const inIR = P.some((p) => q <= p && p <= r);
  if (out.trade !== inIR) return `${showOutcome(out)} but (p̄^s, p̄^b) ${inIR ? '∈' : '∉'} IR(P)`;
  if (out.trade && !(q <= out.price && out.price <= r && P.includes(out.price))) return `trade at ${fmt(out.price)}, outside [p̄^s, p̄^b] ∩ P`;
  return undefined;
}

function lemmaCheck(c: LemmaCase): CheckResult {
  const g = buildGameForm(c.game);
  const P = leafPrices(g);
  const aug = augment(g);
  const rev = reversed(g);
  const fails: string[] = [];
  let trades = 0;
  for (const [q, r] of c.res) {
    const out = solve(aug, q, r, exact); // Γ(γ) played with its signature moves
    const inline = solve(g, q, r, exact, { signatures: true });
    const perm = solve(rev, q, r, exact, { signatures: true });
    if (out.trade) trades++;
    const why =
      lemmaVerdict(P, q, r, out) ??
      (sameOutcome(out, inline) ? undefined : `Γ(γ) gives ${showOutcome(out)}, the inline signatures ${showOutcome(inline)}`) ??
      (sameOutcome(out, perm) ? undefined : `${showOutcome(out)}, but ${showOutcome(perm)} with the children reversed: not a function of (p̄^s, p̄^b)`);
    if (why) fails.push(`(${fmt(q)}, ${fmt(r)}): ${why}`);
  }
  return { holds: fails.length === 0, numbers: { pairs: c.res.length, trades, leaves: leafCount(g), prices: [...new Set(P)].length, failures: fails.slice(0, 3) } };
}

function lemmaCertify(c: LemmaCase): CertifyResult {
  const g = buildGameForm(c.game);
  const P = leafPrices(g);
  const fails: string[] = [];
  for (const [q, r] of c.res) {
    const why = lemmaVerdict(P, q, r, payoffOutcome(g, q, r));
    if (why) fails.push(`(${fmt(q)}, ${fmt(r)}): ${why}`);
  }
  return {
    holds: fails.length === 0,
    numbers: { pairs: c.res.length, failures: fails.slice(0, 3) },
    route: 'backward induction on exact rational payoffs (fraction.js), rule (ii) as a lexicographic preference for trade, signatures as moves; IR(P) by scanning the terminal prices',
  };
}

function lemmaLabels(c: LemmaCase): string[] {
  const g = buildGameForm(c.game);
  const P = leafPrices(g);
  const labels: string[] = [];
  if (P.length === 0) labels.push('P empty');
  if (leafCount(g) >= 10) labels.push('leaves≥10');
  if (c.res.some(([q, r]) => P.includes(q) || P.includes(r))) labels.push('tie');
  const outs = c.res.map(([q, r]) => solve(g, q, r, exact, { signatures: true }).trade);
  if (outs.some((t) => t)) labels.push('trade');
  if (outs.some((t) => !t)) labels.push('no trade');
  return labels;
}

function decodeLemma(json: unknown): LemmaCase {
  const r = z.strictObject({ game: GameShape, res: z.array(z.tuple([Unit, Unit])).min(1).max(100) }).safeParse(json);
  if (!r.success) zodFail(r.error, 'input');
  return r.data;
}

/** JP.Thm6.lemma-trade-iff-IR (Section 5; the lemma in the appendix's proof of Theorem 6). */
export const lemmaTradeIffIR = claim<LemmaCase>({
  id: 'JP.Thm6.lemma-trade-iff-IR',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 5 and Appendix, the lemma in the proof of Theorem 6 (with rule (ii) of the equilibrium definition, Section 3)',
  statement:
    'On random finite perfect-information game trees over price grids with the buyer-then-seller signature moves and tie rule (ii), the backward-induction outcome is unique and is trade iff (p̄^s, p̄^b) ∈ IR(P), P the terminal prices, at a price in [p̄^s, p̄^b]',
  verdict: 'holds',
  tolerance: EXACT_TOLERANCE,
  input: lemmaArb,
  runs: 150,
  property: (c) => lemmaCheck(c),
  certify: (c) => lemmaCertify(c),
  labels: lemmaLabels,
  cover: [
    { label: 'tie', min: 0.3 },
    { label: 'trade', min: 0.4 },
    { label: 'no trade', min: 0.3 },
    { label: 'leaves≥10', min: 0.1 },
  ],
  describe: (c) => `γ = ${showTree(buildGameForm(c.game))} (grid k/${c.game.gridN}) at (p̄^s, p̄^b) ∈ {${c.res.map(([q, r]) => `(${fmt(q)}, ${fmt(r)})`).join(', ')}}`,
  simplify: (c) => [
    ...(c.res.length > 1 ? c.res.map((p) => ({ ...c, res: [p] })) : []),
    ...simplifyGame(c.game).map((game) => ({ ...c, game })),
    ...c.res.map((_, k) => ({ ...c, res: c.res.map((p, j) => (j === k ? ([Math.round(p[0] * c.game.gridN) / c.game.gridN, Math.round(p[1] * c.game.gridN) / c.game.gridN] as const) : p)) })),
  ],
  decode: decodeLemma,
});

// ---------------------------------------------------------------- JP.Thm5.bi-price-monotone

/** The domain of p̂ the map is read on: the half grid k/(2N), so that reservation prices strictly between two prices are seen ((*v)). */
function halfGrid(N: number): number[] {
  return Array.from({ length: 2 * N + 1 }, (_, k) => k / (2 * N));
}

const NOTHING_TRADED: TradingGrid<number> = { sellerRes: [], buyerRes: [], traded: () => false, price: () => NaN };

function partCounts(v: StarViolations): StarCounts {
  return { i: v.i.length, ii: v.ii.pairs.length + v.ii.domain.length, iii: v.iii.length, iv: v.iv.length, v: v.v.length };
}

function monotoneCheck(game: GameFormInput): CheckResult {
  const g = buildGameForm(game);
  const P = pointSet(terminalPrices(g, exact), exact);
  const map = priceMap(g, exact);
  const D = halfGrid(game.gridN);
  // p̂ on IR(P) only (conditionStar asks nowhere else); a no-trade there is the lemma's failure, and NaN fails (*ii)
  const v = conditionStar(NOTHING_TRADED, P, (q, r) => map(q, r) ?? NaN, exact, { sellerRes: D, buyerRes: D });
  const n = partCounts(v);
  const at = (x: { q: number; r: number }) => `p̂(${fmt(D[x.q])}, ${fmt(D[x.r])}) = ${fmt(map(D[x.q], D[x.r]) ?? NaN)}`;
  const witness: Numbers = v.iv[0] ? { ivWitness: `${at(v.iv[0].high)} below ${at(v.iv[0].low)}` } : v.v[0] ? { vWitness: `${at(v.v[0].at)} against ${at(v.v[0].other)}, no price between` } : {};
  return { holds: starTotal(n) === 0, numbers: { ...n, leaves: leafCount(g), prices: P.pieces.length, domain: D.length ** 2, ...witness } };
}

function monotoneCertify(game: GameFormInput): CertifyResult {
  const g = buildGameForm(game);
  const P: Span<number>[] = leafPrices(g).map((p) => ({ lo: p, hi: p }));
  const D = halfGrid(game.gridN);
  const hat = (q: number, r: number) => {
    const o = payoffOutcome(g, q, r);
    return o.trade ? o.price : NaN;
  };
  // NaN compares as "not ≤" both ways; make it fail (*ii) explicitly instead
  const cmp = (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? 2 : cmpNum(a, b));
  const n = bruteStar({ sellerRes: [], buyerRes: [], traded: () => false, price: () => NaN }, P, hat, cmp, { sellerRes: D, buyerRes: D });
  return {
    holds: starTotal(n) === 0,
    numbers: { ...n },
    route: 'p̂ by backward induction on exact rational payoffs (rule (ii) lexicographic); (*ii), (*iv), (*v) by their definitions over every pair of half-grid points, IR(P) by scanning the terminal prices',
  };
}

function monotoneLabels(game: GameFormInput): string[] {
  const g = buildGameForm(game);
  const prices = terminalPrices(g, exact);
  const map = priceMap(g, exact);
  const D = halfGrid(game.gridN);
  const seen = new Set<number>();
  for (const q of D) for (const r of D) {
    const h = map(q, r);
    if (h !== undefined) seen.add(h);
  }
  const labels: string[] = [];
  if (seen.size >= 2) labels.push('p̂ varies');
  if (seen.size >= 3) labels.push('p̂ takes ≥3 prices');
  if (prices.length >= 3) labels.push('|P|≥3');
  if (leafCount(g) >= 10) labels.push('leaves≥10');
  return labels;
}

/** JP.Thm5.bi-price-monotone (Section 5; (*iv) and (*v) of Section 7, as Theorem 6's proof derives them for p̂). */
export const biPriceMonotone = claim<GameFormInput>({
  id: 'JP.Thm5.bi-price-monotone',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 5 and Section 7 (conditions (*iv), (*v)); Appendix, proof of Theorem 6',
  statement:
    'The backward-induction price map p̂ of random game trees over price grids (rule (ii)) is individually rational on IR(P), non-decreasing in both reservation prices and satisfies (*v), read on the half grid k/(2N)',
  verdict: 'holds',
  tolerance: EXACT_TOLERANCE,
  input: mixedGameFormInput(),
  runs: 80,
  property: (g) => monotoneCheck(g),
  certify: (g) => monotoneCertify(g),
  labels: monotoneLabels,
  cover: [
    { label: 'p̂ varies', min: 0.3 },
    { label: 'p̂ takes ≥3 prices', min: 0.1 },
    { label: 'leaves≥10', min: 0.1 },
  ],
  describe: (g) => `γ = ${showTree(buildGameForm(g))} (grid k/${g.gridN}, p̂ read on k/${2 * g.gridN})`,
  simplify: simplifyGame,
  decode: (j) => {
    const r = GameShape.safeParse(j);
    if (!r.success) zodFail(r.error, 'input');
    if (r.data.gridN < 2) throw new InputError('input.gridN', 'must be at least 2');
    return r.data;
  },
});

// ---------------------------------------------------------------- JP.Sec7.announcement-mechanism

/**
 * A closed P_t and a p̂_t satisfying (*ii), (*iv), (*v): either P a union of pieces on the
 * quarter grid with p̂(q, r) = inf{p ∈ P : p ≥ (1 − λ)q̃ + λr̃}, q̃ = inf{p ∈ P : p ≥ q},
 * r̃ = sup{p ∈ P : p ≤ r} (λ ∈ {0, ¼, ½, ¾, 1}: from the buyer's best price to the seller's), or
 * P the terminal prices of a random game form over k/4 or k/2 and p̂ its backward-induction map.
 * Reservation pairs on the eighth grid (even numerators on the quarter grid: ties with P's ends).
 */
export type Sec7Case =
  | { readonly kind: 'sets'; readonly pieces: readonly (readonly [number, number])[]; readonly lambda: number; readonly res: readonly (readonly [number, number])[] }
  | { readonly kind: 'game'; readonly game: GameFormInput; readonly res: readonly (readonly [number, number])[] };

const eighths = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }));
const resPairs = fc.array(eighths, { minLength: 1, maxLength: 4 });
const quarter = fc.integer({ min: 0, max: 4 });

const sec7Arb: fc.Arbitrary<Sec7Case> = fc.oneof(
  fc.record({
    kind: fc.constant('sets' as const),
    // finite sets, one interval, or a union of an interval and a point or interval
    pieces: fc.oneof(
      fc.array(quarter.map((a) => [a, a] as const), { minLength: 1, maxLength: 3 }),
      fc.tuple(quarter, quarter).map((p) => [p]),
      // an interval [a, a + ¼] in [0, ½] and a piece in [¾, 1]: apart, so they stay two pieces
      fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 3, max: 4 }), fc.integer({ min: 3, max: 4 })).map(([a, c, d]) => [[a, a + 1], [c, d]] as const),
    ),
    lambda: fc.integer({ min: 0, max: 4 }),
    res: resPairs,
  }),
  fc.record({
    kind: fc.constant('game' as const),
    game: gameFormInput().chain((g) => fc.constantFrom(2, 4).map((gridN) => ({ ...g, gridN, maxDepth: Math.min(g.maxDepth, 4) }))),
    res: resPairs,
  }),
);

/** P_t and p̂_t of a case; `raw` is P as the generator drew it (unmerged), for the independent IR scan. */
function sec7Setup(c: Sec7Case): { P: PriceSet<number>; raw: Span<number>[]; hat: (q: number, r: number) => number } {
  if (c.kind === 'sets') {
    const raw = c.pieces.map(([a, b]) => ({ lo: Math.min(a, b) / 4, hi: Math.max(a, b) / 4 }));
    const P = priceSet(raw, exact);
    const lam = c.lambda / 4;
    const hat = (q: number, r: number) => infAtLeast(P, (1 - lam) * infAtLeast(P, q, exact)! + lam * supAtMost(P, r, exact)!, exact)!;
    return { P, raw, hat };
  }
  const g = buildGameForm(c.game);
  const raw = leafPrices(g).map((p) => ({ lo: p, hi: p }));
  const map = priceMap(g, exact);
  return { P: pointSet(terminalPrices(g, exact), exact), raw, hat: (q, r) => map(q, r) ?? NaN };
}

function sec7Grid(P: PriceSet<number>, q: number, r: number): number[] {
  return announcementGrid([0, 1, ...P.pieces.flatMap((x) => [x.lo, x.hi]), q, r]);
}

function sec7Expected(raw: readonly Span<number>[], hat: (q: number, r: number) => number, q: number, r: number): Outcome<number> {
  return scanIR(raw, q, r, cmpNum) ? { trade: true, price: hat(q, r) } : { trade: false };
}

function sec7Check(c: Sec7Case): CheckResult {
  const { P, raw, hat } = sec7Setup(c);
  const fails: string[] = [];
  let trades = 0;
  let hypothesis = true;
  for (const [a, b] of c.res) {
    const q = a / 8;
    const r = b / 8;
    const grid = sec7Grid(P, q, r);
    // the hypothesis of the claim, on the announcement grid: p̂ satisfies (*ii), (*iv), (*v)
    if (!starHolds(conditionStar(NOTHING_TRADED, P, hat, exact, { sellerRes: grid, buyerRes: grid }))) hypothesis = false;
    const out = solve(announcementMechanism(P, hat, grid, exact), q, r, exact, { signatures: true });
    const want = sec7Expected(raw, hat, q, r);
    if (out.trade) trades++;
    if (!sameOutcome(out, want)) fails.push(`(${fmt(q)}, ${fmt(r)}): ${showOutcome(out)}, expected ${showOutcome(want)}`);
  }
  const numbers: Numbers = { pairs: c.res.length, trades, pieces: P.pieces.length, failures: fails.slice(0, 3) };
  if (!hypothesis) return { holds: true, numbers, undecided: 'the generated p̂ does not satisfy (*ii), (*iv), (*v) on the announcement grid: outside the claim' };
  return { holds: fails.length === 0, numbers };
}

function sec7Certify(c: Sec7Case): CertifyResult {
  const { P, raw, hat } = sec7Setup(c);
  const fails: string[] = [];
  for (const [a, b] of c.res) {
    const q = a / 8;
    const r = b / 8;
    const out = payoffOutcome(announcementMechanism(P, hat, sec7Grid(P, q, r), exact), q, r);
    const want = sec7Expected(raw, hat, q, r);
    if (!sameOutcome(out, want)) fails.push(`(${fmt(q)}, ${fmt(r)}): ${showOutcome(out)}, expected ${showOutcome(want)}`);
  }
  return {
    holds: fails.length === 0,
    numbers: { pairs: c.res.length, failures: fails.slice(0, 3) },
    route: 'the mechanism played by backward induction on exact rational payoffs with rule (ii) as a lexicographic preference and the signatures as moves; IR(P_t) by scanning the pieces as drawn',
  };
}

function sec7Labels(c: Sec7Case): string[] {
  const { P, hat } = sec7Setup(c);
  const labels: string[] = [c.kind === 'game' ? 'p̂ of a game' : 'p̂ interpolated'];
  const ps = P.pieces;
  if (ps.length > 0 && ps.every((x) => x.lo === x.hi)) labels.push('P finite');
  if (ps.length === 1 && ps[0].lo < ps[0].hi) labels.push('P interval');
  if (ps.length >= 2 && ps.some((x) => x.lo < x.hi)) labels.push('P union');
  const ends = ps.flatMap((x) => [x.lo, x.hi]);
  if (c.res.some(([a, b]) => ends.includes(a / 8) || ends.includes(b / 8))) labels.push('tie');
  const outs = c.res.map(([a, b]) => sec7Expected(P.pieces, hat, a / 8, b / 8).trade);
  if (outs.some((t) => t)) labels.push('trade');
  if (outs.some((t) => !t)) labels.push('no trade');
  return labels;
}

/** k/d in lowest terms: 0, 1/4, 1/2, 1. */
function frac(k: number, d: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(k, d) || 1;
  return d / g === 1 ? String(k / g) : `${k / g}/${d / g}`;
}

function describeSec7(c: Sec7Case): string {
  const pairs = c.res.map(([a, b]) => `(${frac(a, 8)}, ${frac(b, 8)})`).join(', ');
  if (c.kind === 'sets') {
    const P = c.pieces.map(([a, b]) => (a === b ? `{${frac(a, 4)}}` : `[${frac(Math.min(a, b), 4)}, ${frac(Math.max(a, b), 4)}]`)).join(' ∪ ');
    const lam = frac(c.lambda, 4);
    return `P = ${P}, p̂ = inf{p ∈ P : p ≥ (1 − ${lam})q̃ + ${lam}·r̃}, at (p̄^s, p̄^b) ∈ {${pairs}}`;
  }
  return `P and p̂ of γ = ${showTree(buildGameForm(c.game))}, at (p̄^s, p̄^b) ∈ {${pairs}}`;
}

function simplifySec7(c: Sec7Case): Sec7Case[] {
  const out: Sec7Case[] = c.res.length > 1 ? c.res.map((p) => ({ ...c, res: [p] })) : [];
  if (c.kind === 'sets') {
    if (c.pieces.length > 1) out.push(...c.pieces.map((p) => ({ ...c, pieces: [p] })));
    if (c.lambda !== 0) out.push({ ...c, lambda: 0 });
  } else out.push(...simplifyGame(c.game).map((game) => ({ ...c, game })));
  return out;
}

const Eighth = z.number().int().min(0).max(8);
const Quarter = z.number().int().min(0).max(4);
const Sec7Shape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sets'), pieces: z.array(z.tuple([Quarter, Quarter])).min(1).max(20), lambda: Quarter, res: z.array(z.tuple([Eighth, Eighth])).min(1).max(20) }),
  z.strictObject({ kind: z.literal('game'), game: GameShape, res: z.array(z.tuple([Eighth, Eighth])).min(1).max(20) }),
]);

/** JP.Sec7.announcement-mechanism (Section 7; Appendix, Claims 1–2 of Theorem 6's converse). */
export const announcementMechanismClaim = claim<Sec7Case>({
  id: 'JP.Sec7.announcement-mechanism',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 7 (the three-stage mechanism) and Appendix, proof of Theorem 6, Claims 1–2',
  statement:
    'The three-stage announcement mechanism, solved by backward induction (rule (ii), signatures) over announcement grids with midpoints, trades at p̂_t(p̄^s, p̄^b) exactly when (p̄^s, p̄^b) ∈ IR(P_t) and not otherwise, for closed P_t (finite sets, intervals, unions) and p̂_t satisfying (*ii), (*iv), (*v)',
  verdict: 'holds',
  tolerance: EXACT_TOLERANCE,
  input: sec7Arb,
  runs: 60,
  property: (c) => sec7Check(c),
  certify: (c) => sec7Certify(c),
  labels: sec7Labels,
  cover: [
    { label: 'p̂ of a game', min: 0.3 },
    { label: 'P finite', min: 0.15 },
    { label: 'P interval', min: 0.1 },
    { label: 'P union', min: 0.1 },
    { label: 'tie', min: 0.3 },
    { label: 'trade', min: 0.3 },
    { label: 'no trade', min: 0.3 },
  ],
  describe: describeSec7,
  simplify: simplifySec7,
  decode: (j) => {
    const r = Sec7Shape.safeParse(j);
    if (!r.success) zodFail(r.error, 'input');
    return r.data as Sec7Case;
  },
});

// ---------------------------------------------------------------- Example 2 (exact, in Q(√2))

const EX2_TOLERANCE = {
  abs: 0,
  why: 'none: exact arithmetic in Q(√2) — c = √2 − 1, the reservation prices derived from B_2 and the buyer grid are exact quadratic-field numbers compared by exact sign, so the ties at c (p̄_1^s(0) = c = p̂_1, a buyer b = c) and at 1/2 are decided exactly, as rule (ii) needs',
};

/** Buyer grids: k/N with N ≤ 48 (1/2 on the grid when N is even), near-ties from c's convergents, c itself, b = 1. */
const ex2GridArb: fc.Arbitrary<Ex2Grid> = fc.integer({ min: 2, max: 48 }).chain((N) =>
  fc.record({
    N: fc.constant(N),
    ks: fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { minLength: 1, maxLength: 12 }),
    nearC: fc.integer({ min: 0, max: 6 }),
    withC: fc.boolean(),
    withOne: fc.boolean(),
  }),
);

function ex2Labels(g: Ex2Grid): string[] {
  const b = ex2Buyers(g);
  const labels: string[] = [];
  if (b.some((x) => x.equals(C))) labels.push('b = c (tie)');
  if (g.nearC >= 3) labels.push('near-ties at c');
  if (b.some((x) => x.equals(QuadraticNumber.of('1/2')))) labels.push('b = 1/2 (tie)');
  if (g.withOne) labels.push('b = 1');
  return labels;
}

const ex2Cover = [
  { label: 'b = c (tie)', min: 0.3 },
  { label: 'near-ties at c', min: 0.2 },
  { label: 'b = 1/2 (tie)', min: 0.2 },
  { label: 'b = 1', min: 0.3 },
];

const show = (x: QN) => x.toString();

/** Example 2's efficient allocation rule, period 1 and period 2, on the grid's buyers (see example2.ts for the reservation prices). */
function ex2Periods(g: Ex2Grid) {
  const buyers = ex2Buyers(g);
  const rp = example2Reservation('efficient');
  const one = QuadraticNumber.of(1);
  const period1: TradingGrid<QN> = {
    sellerRes: [rp.seller0, rp.seller1],
    buyerRes: buyers.map(rp.buyer),
    // A_1: 0-sellers trade with b ≥ c (Example 1's cutoff c* = c), 1-sellers never; p_1 ≡ c
    traded: (i, j) => i === 0 && buyers[j].compare(C) >= 0,
    price: () => C,
  };
  const period2: TradingGrid<QN> = {
    sellerRes: [QuadraticNumber.of(0), one], // p̄_T = value
    buyerRes: buyers,
    // A_2: 0-sellers trade with every buyer (seller take-it-or-leave-it), the pair (1, 1) at 1; p_2 = b
    traded: (i, j) => i === 0 || buyers[j].equals(one),
    price: (_i, j) => buyers[j],
  };
  // p̂ and membership are read on the product of every reservation price of the grid (and 0, c, 1)
  const vals = [...buyers, rp.seller0, rp.seller1, QuadraticNumber.of(0), C, one].sort((a, b) => a.compare(b));
  const axis = vals.filter((x, k) => k === 0 || !vals[k - 1].equals(x));
  return {
    rp,
    period1,
    period2,
    P1: [{ lo: C, hi: C }],
    P2: [{ lo: QuadraticNumber.of(0), hi: one }],
    hat1: (): QN => C,
    hat2: (_q: QN, r: QN): QN => r,
    domain: { sellerRes: axis, buyerRes: axis },
  };
}

function condStarCheck(g: Ex2Grid): CheckResult {
  const e = ex2Periods(g);
  const v1 = partCounts(conditionStar(e.period1, priceSet(e.P1, qOrder), e.hat1, qOrder, e.domain));
  const v2 = partCounts(conditionStar(e.period2, priceSet(e.P2, qOrder), e.hat2, qOrder, e.domain));
  const onTie = e.rp.seller0.equals(C);
  return {
    holds: onTie && starTotal(v1) === 0 && starTotal(v2) === 0,
    numbers: { sellerRes1AtZero: show(e.rp.seller0), c: show(C), sellerResIsC: onTie, period1: { ...v1 }, period2: { ...v2 }, buyers: e.period1.buyerRes.length },
  };
}

function condStarCertify(g: Ex2Grid): CertifyResult {
  const e = ex2Periods(g);
  const cmp = (a: QN, b: QN) => a.compare(b);
  const v1 = bruteStar(e.period1, e.P1, e.hat1, cmp, e.domain);
  const v2 = bruteStar(e.period2, e.P2, e.hat2, cmp, e.domain);
  return {
    holds: e.rp.seller0.equals(C) && starTotal(v1) === 0 && starTotal(v2) === 0,
    numbers: { sellerRes1AtZero: show(e.rp.seller0), period1: { ...v1 }, period2: { ...v2 } },
    route: 'condition * (i)–(v) by its definitions over every pair of grid and domain points (O(D²)), IR(P) by scanning the pieces; exact in Q(√2)',
  };
}

/** The buyers of Example 2's text: 0, c, 1/2, 1 (the tie b = c, the all-wait mean 1/2, the pair (1, 1)). */
const EX2_PRINTED: Ex2Grid = { N: 2, ks: [0, 1], nearC: 0, withC: true, withOne: true };

/** JP.Cond*.example2 (Section 7, Example 2). */
export const condStarExample2 = claim<Ex2Grid>({
  id: 'JP.Cond*.example2',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 7, Example 2 (condition * (i)–(v)); the reservation prices from Section 3 and Example 1',
  statement:
    "Example 2's efficient rule (m = 1/2, c = √2 − 1; p̄_1^s(0) derived = c exactly) satisfies condition * (i)–(v) with P_1 = {c}, p̂_1 ≡ c, P_2 = [0, 1], p̂_2 = p̄^b, the pair (1, 1) traded at 1 or off the grid, ties exact",
  verdict: 'holds',
  tolerance: EX2_TOLERANCE,
  input: ex2GridArb,
  runs: 60,
  property: (g) => condStarCheck(g),
  certify: (g) => condStarCertify(g),
  labels: ex2Labels,
  cover: ex2Cover,
  describe: describeEx2Grid,
  simplify: simplifyEx2Grid,
  decode: (j) => decodeEx2Grid(j),
  fixtures: [{ name: 'Example 2: buyers 0, c, 1/2, 1; the 0-seller’s period-1 reservation price is c', input: EX2_PRINTED, expect: { sellerRes1AtZero: show(C), sellerResIsC: true } }],
});

/** Mass of 0-seller–buyer pairs left untraded by all-wait yet in IR([c, 1]): S_1(0)·(B_1(1) − B_1(t)), t = max(p̄_1^s(0), c), B_1 uniform. */
function allWaitMass(seller0: QN): QN {
  const t = seller0.compare(C) >= 0 ? seller0 : C;
  return QuadraticNumber.of('1/2').mul(QuadraticNumber.of(1).sub(t));
}

function allWaitSetup(g: Ex2Grid) {
  const buyers = ex2Buyers(g);
  const rp = example2Reservation('all-wait');
  const grid: TradingGrid<QN> = {
    sellerRes: [rp.seller0, rp.seller1],
    buyerRes: buyers.map(rp.buyer),
    traded: () => false, // all sellers wait in period 1
    price: () => C,
  };
  const one = QuadraticNumber.of(1);
  // the buyer take-it-or-leave-it over [c, 1] of Example 2: the buyer offers the lowest price the seller signs
  const hatWide = (q: QN): QN => (q.compare(C) >= 0 ? q : C);
  const domainVals = [...buyers, rp.seller0, rp.seller1, C, one].sort((a, b) => a.compare(b));
  const axis = domainVals.filter((x, k) => k === 0 || !domainVals[k - 1].equals(x));
  return { buyers, rp, grid, hatWide, domain: { sellerRes: axis, buyerRes: axis }, one };
}

/**
 * The untraded pairs in IR([c, 1]) by the closed form of an interval's IR set: (q, r) with
 * max(q, c) ≤ min(r, 1); for the 0-seller (q = 1/2) the buyers b ≥ 1/2, for the 1-seller b = 1.
 */
function allWaitExpected(s: ReturnType<typeof allWaitSetup>): string[] {
  const out: string[] = [];
  s.grid.sellerRes.forEach((q, i) => {
    const lo = q.compare(C) >= 0 ? q : C;
    s.grid.buyerRes.forEach((r, j) => {
      const hi = r.compare(s.one) <= 0 ? r : s.one;
      if (lo.compare(hi) <= 0) out.push(`${i},${j}`);
    });
  });
  return out;
}

function allWaitCheck(g: Ex2Grid): CheckResult {
  const s = allWaitSetup(g);
  const wide = conditionStar(s.grid, priceSet([{ lo: C, hi: s.one }], qOrder), s.hatWide, qOrder, s.domain);
  const narrow = conditionStar(s.grid, pointSet([C], qOrder), () => C, qOrder, s.domain);
  const got = wide.iii.map((p) => `${p.s},${p.b}`).sort();
  const want = allWaitExpected(s).sort();
  const mass = allWaitMass(s.rp.seller0);
  const agree = got.length === want.length && got.every((x, k) => x === want[k]);
  return {
    holds: mass.sign() > 0 && agree && starHolds(narrow),
    numbers: {
      sellerRes1AtZero: show(s.rp.seller0),
      violationMass: mass.toNumber(),
      iiiOnGrid: got.length,
      iiiExpected: want.length,
      narrowHolds: starHolds(narrow),
      narrowIii: narrow.iii.length,
    },
  };
}

function allWaitCertify(g: Ex2Grid): CertifyResult {
  const s = allWaitSetup(g);
  const cmp = (a: QN, b: QN) => a.compare(b);
  const wide = bruteStar(s.grid, [{ lo: C, hi: s.one }], s.hatWide, cmp, s.domain);
  const narrow = bruteStar(s.grid, [{ lo: C, hi: C }], () => C, cmp, s.domain);
  const want = allWaitExpected(s).length;
  const mass = allWaitMass(s.rp.seller0);
  return {
    holds: mass.sign() > 0 && wide.iii === want && starTotal(narrow) === 0,
    numbers: { violationMass: mass.toNumber(), iiiOnGrid: wide.iii, iiiExpected: want, narrow: { ...narrow } },
    route: '(*iii) by scanning IR([c, 1]) and IR({c}) pair by pair, condition * by its definitions over all pairs (O(D²)); exact in Q(√2)',
  };
}

/** JP.Ex2.all-wait-violates-iii (Section 7, the remark after Example 2's mechanisms). */
export const allWaitViolatesIii = claim<Ex2Grid>({
  id: 'JP.Ex2.all-wait-violates-iii',
  paper: 'JP',
  source: 'Jackson & Palfrey (1996), Section 7, Example 2 (the remark on P_1 = [c, 1]); reservation prices from Section 3',
  statement:
    "Example 2's all-wait rule (p̄_1^s(0) derived = 1/2) violates (*iii) with respect to P_1 = [c, 1] on a set of pairs of positive mass (the 0-sellers with b ≥ 1/2), exactly where IR([c, 1]) says, while it satisfies condition * with respect to P_1 = {c}",
  verdict: 'holds',
  tolerance: EX2_TOLERANCE,
  input: ex2GridArb,
  runs: 60,
  property: (g) => allWaitCheck(g),
  certify: (g) => allWaitCertify(g),
  labels: ex2Labels,
  cover: ex2Cover,
  describe: describeEx2Grid,
  simplify: simplifyEx2Grid,
  decode: (j) => decodeEx2Grid(j),
  fixtures: [{ name: 'Example 2: buyers 0, c, 1/2, 1 under all-wait', input: EX2_PRINTED, expect: { sellerRes1AtZero: '1/2', violationMass: 0.25, iiiOnGrid: 3 } }],
});

/** The bargaining-side Jackson–Palfrey claims, in catalogue order. */
export const jpGamesClaims: readonly Claim<any>[] = [lemmaTradeIffIR, biPriceMonotone, allWaitViolatesIii, condStarExample2, announcementMechanismClaim];
