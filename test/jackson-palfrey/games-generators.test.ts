/**
 * The fast-check arbitrary of game forms (properties/jackson-palfrey/generators-games.ts): a
 * value rebuilds the same tree, its trees vary in size and shrink towards a single terminal node.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildGameForm, drawSource, gameFormInput } from '../../properties/jackson-palfrey/generators-games.ts';
import { leafCount } from '../../src/models/jackson-palfrey/games/tree.ts';

describe('game-form arbitrary', () => {
  test('an input rebuilds the same tree; sizes vary', () => {
    const xs = fc.sample(gameFormInput(), { numRuns: 200, seed: 7 });
    for (const x of xs.slice(0, 20)) expect(JSON.stringify(buildGameForm(x))).toBe(JSON.stringify(buildGameForm(x)));
    const sizes = xs.map((x) => leafCount(buildGameForm(x)));
    expect(Math.max(...sizes)).toBeGreaterThan(10);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThan(5);
  });
  test('an exhausted stream ends the tree at a trade at the top price', () => {
    const src = drawSource([0.25]);
    expect([src(), src(), src()]).toEqual([0.25, 1 - 2 ** -53, 1 - 2 ** -53]);
    expect(buildGameForm({ gridN: 4, maxDepth: 3, maxChildren: 2, noTradeShare: 0.5, draws: [] })).toEqual({ kind: 'trade', price: 1 });
  });
  test('a failing property shrinks to a one-node tree', () => {
    const r = fc.check(fc.property(gameFormInput(), (x) => leafCount(buildGameForm(x)) < 1), { seed: 3 });
    expect(r.failed).toBe(true);
    expect(leafCount(buildGameForm(r.counterexample![0]))).toBe(1);
  });
});
