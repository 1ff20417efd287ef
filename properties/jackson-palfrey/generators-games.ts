/**
 * Jackson & Palfrey (1996): fast-check arbitraries of bargaining game forms (Section 3,
 * "Negotiation and Game Forms") for the claims JP.Thm6.lemma-trade-iff-IR and
 * JP.Thm5.bi-price-monotone. The model's `randomGameForm` builds a tree from a random source; here
 * that source is a fast-check array of draws, so shrinking the array shrinks the tree (an exhausted
 * stream yields 1 − 2⁻⁵³: a terminal node trading at the grid's top price), and a case is a value
 * that can be printed and replayed.
 */
import fc from 'fast-check';
import { randomGameForm, type RandomTreeOptions } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import type { GameNode } from '../../src/models/jackson-palfrey/games/tree.ts';

/** What a generated game form is built from: its price grid k/gridN and the random draws. */
export interface GameFormInput {
  /** Prices are k/gridN, k = 0..gridN: repeated prices make exact ties. */
  readonly gridN: number;
  readonly maxDepth: number;
  readonly maxChildren: number;
  readonly noTradeShare: number;
  readonly draws: readonly number[];
}

/** The last value an exhausted stream repeats: the largest double below 1. */
const TOP = 1 - 2 ** -53;

/** A random source reading `draws` in order, then TOP forever. */
export function drawSource(draws: readonly number[]): () => number {
  let k = 0;
  return () => (k < draws.length ? draws[k++] : TOP);
}

/** The game form an input describes (deterministic in the input). */
export function buildGameForm(x: GameFormInput): GameNode<number> {
  const opts: RandomTreeOptions<number> = {
    prices: Array.from({ length: x.gridN + 1 }, (_, k) => k / x.gridN),
    maxDepth: x.maxDepth,
    maxChildren: x.maxChildren,
    noTradeShare: x.noTradeShare,
  };
  return randomGameForm(drawSource(x.draws), opts);
}

/** Inputs of small game forms: grids of 2–16 steps, depth ≤ 5, ≤ 4 children, no-trade share ≤ 1/2. */
export function gameFormInput(): fc.Arbitrary<GameFormInput> {
  return fc.record({
    gridN: fc.integer({ min: 2, max: 16 }),
    maxDepth: fc.integer({ min: 0, max: 5 }),
    maxChildren: fc.integer({ min: 1, max: 4 }),
    noTradeShare: fc.constantFrom(0, 0.1, 0.25, 0.5),
    // uniform on a 2⁻³⁰ grid of (0, 1), shrinking towards 1 − 2⁻³⁰ (a terminal node), as TOP does
    draws: fc.array(fc.integer({ min: 0, max: 2 ** 30 - 1 }).map((k) => 1 - (k + 1) / 2 ** 30), { maxLength: 400, size: 'medium' }),
  });
}

/**
 * Inputs of bushier game forms: depth 3–5, 3–4 children, at least 60 draws, uniform without
 * fast-check's bias towards the ends of the range (which would put most draws next to 1: a leaf),
 * so that trees of 10+ leaves are common rather than one case in twenty. Shrinks like
 * `gameFormInput`: each draw towards the end of its range, the stream towards 60 draws (the claims'
 * own `simplify` cuts it further).
 */
export function bushyGameFormInput(): fc.Arbitrary<GameFormInput> {
  const uniform = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 })).map((k) => 1 - (k + 1) / 2 ** 30);
  return fc.record({
    gridN: fc.integer({ min: 2, max: 16 }),
    maxDepth: fc.integer({ min: 3, max: 5 }),
    maxChildren: fc.integer({ min: 3, max: 4 }),
    noTradeShare: fc.constantFrom(0, 0.1, 0.25, 0.5),
    draws: fc.array(uniform, { minLength: 60, maxLength: 400 }),
  });
}

/** Small and bushy game forms, half and half (the claims' input). */
export function mixedGameFormInput(): fc.Arbitrary<GameFormInput> {
  return fc.oneof(gameFormInput(), bushyGameFormInput());
}
