/**
 * The game forms of mechanisms.ts against what Section 3 / Section 7 of Jackson & Palfrey (1996)
 * say they are, written here from the text (not from the module's code): who moves at each stage,
 * the announcement grid (sorted, deduplicated, midpoints), every leaf of the three-stage mechanism
 * against the three outcome rules read directly off Section 7 with P a finite point set (inf/sup
 * by scanning the points, IR by "some p ∈ P with q ≤ p ≤ r"), p̂ called once per pair, and the
 * random game forms' documented shape (depth, children, players, the no-trade share).
 * Written against the survivors of a Stryker run on mechanisms.ts (71.2 % before).
 */
import { describe, expect, test } from 'vitest';
import { numberOrder } from '../../src/models/jackson-palfrey/games/order.ts';
import { pointSet } from '../../src/models/jackson-palfrey/games/price-set.ts';
import type { GameNode } from '../../src/models/jackson-palfrey/games/tree.ts';
import { announcementGrid, announcementMechanism, buyerTakeItOrLeaveIt, randomGameForm, sellerTakeItOrLeaveIt } from '../../src/models/jackson-palfrey/games/mechanisms.ts';
import { makeRng } from '../../src/numeric/rng.ts';

const o = numberOrder(0);
const kids = <T,>(n: GameNode<T>): readonly GameNode<T>[] => {
  if (n.kind !== 'move') throw new Error('not a move');
  return typeof n.children === 'function' ? n.children() : n.children;
};
const playerOf = <T,>(n: GameNode<T>) => (n.kind === 'move' ? n.player : n.kind);

describe('take-it-or-leave-it: who names the price and who answers', () => {
  test('seller names, buyer answers (Section 6); buyer names, seller answers (Example 2)', () => {
    const s = sellerTakeItOrLeaveIt([0.25, 0.5]);
    expect(playerOf(s)).toBe('seller');
    expect(kids(s).map(playerOf)).toEqual(['buyer', 'buyer']);
    expect(kids(kids(s)[1])).toEqual([{ kind: 'trade', price: 0.5 }, { kind: 'noTrade' }]);
    const b = buyerTakeItOrLeaveIt([0.25, 0.5]);
    expect(playerOf(b)).toBe('buyer');
    expect(kids(b).map(playerOf)).toEqual(['seller', 'seller']);
    expect(kids(kids(b)[0])).toEqual([{ kind: 'trade', price: 0.25 }, { kind: 'noTrade' }]);
  });
});

describe('announcement grid', () => {
  test('sorted numerically (not as strings), deduplicated, with every midpoint', () => {
    expect(announcementGrid([1, 0, 0.5, 0.5])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // 10 before 9 as strings; numerically 9 < 10
    expect(announcementGrid([10, 9])).toEqual([9, 9.5, 10]);
    expect(announcementGrid([0.3])).toEqual([0.3]);
    expect(announcementGrid([])).toEqual([]);
  });
});

describe('Section 7 three-stage mechanism, every leaf', () => {
  // P = {0.2, 0.5, 0.8}: a finite set, so inf/sup/IR are scans over three points
  const pts = [0.2, 0.5, 0.8];
  const P = pointSet(pts, o);
  const inIRbyScan = (q: number, r: number) => pts.some((p) => q <= p && p <= r);
  const infAtLeast = (x: number) => Math.min(...pts.filter((p) => p >= x));
  const supAtMost = (x: number) => Math.max(...pts.filter((p) => p <= x));
  const grid = announcementGrid([0, 0.2, 0.5, 0.8, 1]);
  const n = grid.length;
  // p̂ distinct for every ordered pair, so a memo keyed wrongly returns a wrong price
  const hatOf = (q: number, r: number) => 1000 + grid.indexOf(q) * n + grid.indexOf(r);

  test('stages: seller announces p^s, buyer (p^{s′}, p^b), seller p^{b′}; the outcome by the three rules', () => {
    let calls = 0;
    const seen = new Set<string>();
    const hat = (q: number, r: number) => {
      calls++;
      seen.add(`${q},${r}`);
      return hatOf(q, r);
    };
    const root = announcementMechanism(P, hat, grid, o);
    expect(playerOf(root)).toBe('seller');
    let leaves = 0;
    kids(root).forEach((buyerNode, ps) => {
      expect(playerOf(buyerNode)).toBe('buyer');
      kids(buyerNode).forEach((sellerNode, j) => {
        expect(playerOf(sellerNode)).toBe('seller');
        const pss = Math.floor(j / n);
        const pb = j % n;
        kids(sellerNode).forEach((leaf, pbb) => {
          leaves++;
          const [s, s2, b, b2] = [grid[ps], grid[pss], grid[pb], grid[pbb]];
          // Section 7: trade at p̂(p^{s′}, p^{b′}) if p^{b′} ≤ p^b, p^{s′} ≥ p^s and (p^{s′}, p^{b′}) ∈ IR(P);
          // at inf{p ∈ P : p ≥ p^{s′}} if p^{b′} ≤ p^b, p^{s′} < p^s and (p^{s′}, p^{b′}) ∈ IR(P);
          // at sup{p ∈ P : p ≤ p^{b′}} if p^{b′} > p^b and (p^s, p^{b′}) ∈ IR(P); no trade otherwise.
          let want: GameNode<number> = { kind: 'noTrade' };
          if (b2 <= b && s2 >= s && inIRbyScan(s2, b2)) want = { kind: 'trade', price: hatOf(s2, b2) };
          else if (b2 <= b && s2 < s && inIRbyScan(s2, b2)) want = { kind: 'trade', price: infAtLeast(s2) };
          else if (b2 > b && inIRbyScan(s, b2)) want = { kind: 'trade', price: supAtMost(b2) };
          expect(leaf, `p^s ${s}, p^s′ ${s2}, p^b ${b}, p^b′ ${b2}`).toEqual(want);
        });
      });
    });
    expect(leaves).toBe(n ** 4);
    // p̂ is called once per pair of grid points it is needed at, never twice
    expect(calls).toBe(seen.size);
    expect(calls).toBeLessThanOrEqual(n * n);
  });
});

describe('random game forms (Section 3): the documented shape', () => {
  const prices = [0, 0.25, 0.5, 0.75, 1];
  const depthOf = (g: GameNode<number>): number => (g.kind === 'move' ? 1 + Math.max(...kids(g).map(depthOf)) : 0);
  const terminalDepths = (g: GameNode<number>, d = 0, out: number[] = []): number[] => {
    if (g.kind === 'move') for (const c of kids(g)) terminalDepths(c, d + 1, out);
    else out.push(d);
    return out;
  };
  const nodes = (g: GameNode<number>, out: GameNode<number>[] = []): GameNode<number>[] => {
    out.push(g);
    if (g.kind === 'move') for (const c of kids(g)) nodes(c, out);
    return out;
  };
  // Built inside each test, not when the file is collected: a mutation tool switches a mutant on per test.
  const makeForms = () => Array.from({ length: 300 }, (_, k) => randomGameForm(makeRng(`mech-mutants-${k}`), { prices, maxDepth: 3, maxChildren: 3, noTradeShare: 0.3 }));

  test('no path longer than maxDepth; maxDepth 0 is one terminal node; some terminal nodes stop early', () => {
    const forms = makeForms();
    for (const g of forms) expect(depthOf(g)).toBeLessThanOrEqual(3);
    expect(forms.some((g) => depthOf(g) === 3)).toBe(true);
    // below the root a node stops with probability 1 − (maxDepth + 1 − d)/(maxDepth + 2) > 0
    expect(forms.some((g) => g.kind === 'move' && terminalDepths(g).some((d) => d >= 1 && d < 3))).toBe(true);
    for (let k = 0; k < 20; k++) expect(randomGameForm(makeRng(`d0-${k}`), { prices, maxDepth: 0, maxChildren: 3, noTradeShare: 0.3 }).kind).not.toBe('move');
  });

  test('moves by both players and only by them, with 1..maxChildren children', () => {
    const forms = makeForms();
    const moves = forms.flatMap((g) => nodes(g)).filter((x) => x.kind === 'move');
    const players = new Set(moves.map(playerOf));
    expect([...players].sort()).toEqual(['buyer', 'seller']);
    for (const m of moves) expect(kids(m).length).toBeGreaterThanOrEqual(1), expect(kids(m).length).toBeLessThanOrEqual(3);
    const share = moves.filter((m) => playerOf(m) === 'seller').length / moves.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.65);
  });

  test('the no-trade share: 0 gives none, 1 gives only no trade; trade prices from the grid', () => {
    const leaves = (share: number) =>
      Array.from({ length: 40 }, (_, k) => randomGameForm(makeRng(`share-${share}-${k}`), { prices, maxDepth: 2, maxChildren: 3, noTradeShare: share })).flatMap((g) => nodes(g)).filter((x) => x.kind !== 'move');
    expect(leaves(0).every((x) => x.kind === 'trade' && prices.includes(x.price))).toBe(true);
    expect(leaves(1).every((x) => x.kind === 'noTrade')).toBe(true);
  });

  test('an empty price grid is refused; a source returning 1 still picks a grid price', () => {
    expect(() => randomGameForm(() => 0.5, { prices: [], maxDepth: 1, maxChildren: 2, noTradeShare: 0 })).toThrow(/^randomGameForm: prices is empty$/);
    // rand() = 1 (outside [0, 1), a careless source): no move (1 < p fails), a trade at the last grid price
    expect(randomGameForm(() => 1, { prices, maxDepth: 2, maxChildren: 3, noTradeShare: 0 })).toEqual({ kind: 'trade', price: 1 });
  });
});
