/**
 * The helpers behind the Jackson–Palfrey bargaining claims: Example 2's reservation prices derived
 * in Q(√2) (against c² + 2c − 1 = 0 and the paper's "the average value is 1/2"), the independent
 * payoff-based backward induction (hand-solved trees), condition * by its definitions (each part
 * made to fail once, so that a certification route that finds nothing is not a blind one), and the
 * decoders' one-line errors.
 */
import { describe, expect, test } from 'vitest';
import { QuadraticNumber } from '../../src/numeric/quadratic-field.ts';
import { move, noTrade, trade } from '../../src/models/jackson-palfrey/games/tree.ts';
import { bruteStar, leafPrices, payoffOutcome, scanIR, starTotal } from './games-routes.ts';
import { C, convergents, decodeEx2Grid, describeEx2Grid, example2Reservation, meanValue, M } from './example2.ts';
import { allWaitViolatesIii, announcementMechanismClaim, biPriceMonotone, condStarExample2, lemmaTradeIffIR, showTree } from './claims-games.ts';
import { buildGameForm } from './generators-games.ts';

const q = (s: string | number) => QuadraticNumber.of(s);

describe('Example 2 reservation prices, derived', () => {
  test('c = √2 − 1 is the root of c² + 2c − 1 in (0, 1), and the 0-seller’s p̄_1^s is exactly c under the efficient rule', () => {
    expect(C.mul(C).add(C.mul(2)).sub(1).sign()).toBe(0);
    const rp = example2Reservation('efficient');
    expect(rp.seller0.equals(C)).toBe(true);
    expect(rp.seller1.equals(q(1))).toBe(true);
    expect(rp.buyer(q('3/7')).equals(q('3/7'))).toBe(true);
    // B_2(1) = c + (1 − m)(1 − c) = (1 + c)/2: the 0-sellers left, m·c, plus the 1-sellers, 1 − m (masses stay equal)
    const mass = rp.B2.reduce((a, p) => a.add(p.density.mul(p.hi.sub(p.lo))), q(0));
    expect(mass.equals(M.mul(C).add(q(1).sub(M)))).toBe(true);
  });
  test('under all-wait B_2 = B_1 and p̄_1^s(0) = 1/2 (the paper: "the average value of the buyers is then 1/2"), above c', () => {
    const rp = example2Reservation('all-wait');
    expect(rp.seller0.equals(q('1/2'))).toBe(true);
    expect(rp.seller0.gt(C)).toBe(true);
  });
  test('the mean of a piecewise-uniform measure against a hand value, and a cutoff off c is not its own fixed point', () => {
    // density 2 on [0, 1/2], 1 on [1/2, 1]: mass 3/2, moment 1/4 + 3/8 = 5/8, mean 5/12
    expect(meanValue([{ lo: q(0), hi: q('1/2'), density: q(2) }, { lo: q('1/2'), hi: q(1), density: q(1) }]).equals(q('5/12'))).toBe(true);
    const cut = q('2/5');
    const mean = meanValue([{ lo: q(0), hi: cut, density: q(1) }, { lo: cut, hi: q(1), density: q('1/2') }]);
    expect(mean.equals(cut)).toBe(false);
    expect(mean.gt(cut)).toBe(true); // (1 + c²)/(2(1 + c)) > c below √2 − 1
  });
  test('the convergents of c alternate around it and close in', () => {
    const xs = convergents(6);
    expect(xs.map((x) => x.toString())).toEqual(['1/2', '2/5', '5/12', '12/29', '29/70', '70/169']);
    xs.forEach((x, k) => expect(x.compare(C)).toBe(k % 2 === 0 ? 1 : -1));
  });
});

describe('the payoff-based backward induction (certification route)', () => {
  test('hand cases: ties trade (rule (ii)), the buyer anticipates the seller', () => {
    expect(payoffOutcome(trade(0.4), 0.4, 0.9)).toEqual({ trade: true, price: 0.4 });
    expect(payoffOutcome(trade(0.4), 0.41, 0.9)).toEqual({ trade: false });
    expect(payoffOutcome(trade(0.4), 0.1, 0.4)).toEqual({ trade: true, price: 0.4 });
    const g = move<number>('buyer', [trade(0.5), move<number>('seller', [trade(0.95), trade(0.2)])]);
    expect(payoffOutcome(g, 0.1, 0.9)).toEqual({ trade: true, price: 0.2 });
    expect(payoffOutcome(g, 0.1, 0.95)).toEqual({ trade: true, price: 0.5 });
    expect(payoffOutcome(g, 0.6, 0.9)).toEqual({ trade: false });
    // no trade only when strictly better
    expect(payoffOutcome(move<number>('seller', [noTrade, trade(0.3)]), 0.3, 0.5)).toEqual({ trade: true, price: 0.3 });
  });
  test('IR(P) by scanning: ends included, gaps excluded', () => {
    const cmp = (a: number, b: number) => a - b;
    const P = [{ lo: 0.25, hi: 0.25 }, { lo: 0.5, hi: 0.75 }];
    expect(scanIR(P, 0.25, 0.25, cmp)).toBe(true);
    expect(scanIR(P, 0.3, 0.45, cmp)).toBe(false);
    expect(scanIR(P, 0.7, 0.9, cmp)).toBe(true);
    expect(scanIR(P, 0.8, 0.9, cmp)).toBe(false);
  });
});

describe('condition * by its definitions finds each kind of violation', () => {
  const cmp = (a: number, b: number) => a - b;
  const D = [0, 0.25, 0.5, 0.75, 1];
  const dom = { sellerRes: D, buyerRes: D };
  const none = { sellerRes: [], buyerRes: [], traded: () => false, price: () => NaN };
  test('a map that falls in p̄^s breaks (*iv); one that moves with no price between breaks (*v); one outside [q, r] breaks (*ii)', () => {
    const P = [{ lo: 0, hi: 1 }];
    expect(starTotal(bruteStar(none, P, (_q, r) => r, cmp, dom))).toBe(0);
    // p̂ = p̄^b except p̄^s at p̄^s = 1/2: inside [q, r], but p̂(1/2, 1) = 1/2 < p̂(1/4, 1) = 1
    const dip = bruteStar(none, P, (q0, r) => (q0 === 0.5 ? q0 : r), cmp, dom);
    expect(dip.iv).toBeGreaterThan(0);
    expect(dip.ii).toBe(0);
    expect(bruteStar(none, P, (q0) => q0 - 1, cmp, dom).ii).toBeGreaterThan(0);
    // P = {0, 1}: between p̄^s = 0.25 and 0.5 no price separates, so p̂ may not change there
    const P2 = [{ lo: 0, hi: 0 }, { lo: 1, hi: 1 }];
    expect(starTotal(bruteStar(none, P2, (q0) => (q0 > 0 ? 1 : 0), cmp, dom))).toBe(0);
    expect(bruteStar(none, P2, (q0) => (q0 > 0.3 ? 1 : 0), cmp, dom).v).toBeGreaterThan(0);
  });
  test('(i) a traded price off p̂, (iii) an untraded pair in IR(P)', () => {
    const g = { sellerRes: [0.25], buyerRes: [0.75], traded: () => true, price: () => 0.5 };
    expect(bruteStar(g, [{ lo: 0, hi: 1 }], (_q, r) => r, cmp, dom).i).toBe(1);
    expect(bruteStar({ ...g, traded: () => false }, [{ lo: 0, hi: 1 }], (_q, r) => r, cmp, dom).iii).toBe(1);
  });
});

describe('inputs read from files, and one-line descriptions', () => {
  test('decoders name the field', () => {
    expect(() => decodeEx2Grid({ N: 4, ks: [1, 4], nearC: 0, withC: true, withOne: false })).toThrow(/^input\.ks\.1: must be below N = 4/);
    expect(() => decodeEx2Grid({ N: 4, ks: [1], nearC: 0, withC: 'yes', withOne: false })).toThrow(/^input\.withC:/);
    expect(() => lemmaTradeIffIR.decode!({ game: { gridN: 4, maxDepth: 2, maxChildren: 2, noTradeShare: 0, draws: [1.5] }, res: [[0, 1]] })).toThrow(/^input\.game\.draws\.0:/);
    expect(() => lemmaTradeIffIR.decode!({ game: { gridN: 4, maxDepth: 2, maxChildren: 2, noTradeShare: 0, draws: [] }, res: [[0, 2]] })).toThrow(/^input\.res\.0\.1:/);
    expect(() => announcementMechanismClaim.decode!({ kind: 'sets', pieces: [[0, 5]], lambda: 0, res: [[0, 8]] })).toThrow(/^input\.pieces\.0\.1:/);
    expect(() => condStarExample2.decode!({ N: 2, ks: [0], nearC: 0, withC: true, withOne: true, extra: 1 })).toThrow(/^input/);
  });
  test('a game form simplifies to single trades at each of its prices', () => {
    const g = { gridN: 4, maxDepth: 2, maxChildren: 3, noTradeShare: 0, draws: Array.from({ length: 40 }, (_, k) => ((k * 7) % 10) / 10 + 0.05) };
    const tree = buildGameForm(g);
    const prices = [...new Set(leafPrices(tree))].sort();
    expect(prices.length).toBeGreaterThan(1);
    const singles = biPriceMonotone.simplify!(g).filter((x) => x.maxDepth === 0).map((x) => showTree(buildGameForm(x)));
    expect(singles.sort()).toEqual(prices.map(String));
  });
  test('describe prints c as c, trees in one line', () => {
    expect(describeEx2Grid({ N: 2, ks: [0, 1], nearC: 0, withC: true, withOne: true })).toBe('Example 2 (m = 1/2, c = √2 − 1), buyers {0, c, 1/2, 1}');
    expect(showTree(move<number>('buyer', [trade(0.5), move<number>('seller', [trade(0.1), noTrade])]))).toBe('B(0.5 S(0.1 ∅))');
    expect(announcementMechanismClaim.describe!({ kind: 'sets', pieces: [[0, 1], [4, 4]], lambda: 2, res: [[0, 4]] })).toBe(
      'P = [0, 1/4] ∪ {1}, p̂ = inf{p ∈ P : p ≥ (1 − 1/2)q̃ + 1/2·r̃}, at (p̄^s, p̄^b) ∈ {(0, 1/2)}',
    );
    expect(allWaitViolatesIii.describe!({ N: 3, ks: [2], nearC: 0, withC: false, withOne: false })).toContain('{2/3}');
  });
});
