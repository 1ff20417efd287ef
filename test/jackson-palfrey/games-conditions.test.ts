/**
 * Jackson & Palfrey (1996), Sections 5 and 7: the checkers of conditions.ts against brute-force
 * references that quantify literally over all pairs of pairs (O(n⁴)) on small random grids, with
 * exact ties (values on k/8) and with a tie tolerance (values jittered by fractions and multiples
 * of τ); price sets of points and of intervals; and Example 2's rules by hand (condition * holds for
 * the efficient rule only when the tie p̄^s_1(0) = c is a tie; the all-wait rule violates (*iii)
 * with respect to P_1 = [c, 1]).
 */
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../src/numeric/rng.ts';
import { lt, numberOrder, type Order } from '../../src/models/jackson-palfrey/games/order.ts';
import { inIR, pointSet, priceSet, type PriceSet } from '../../src/models/jackson-palfrey/games/price-set.ts';
import {
  conditionStar, cutoffTraded, individualIrrationality, individualRationality, nonDecreasingPrices, sortedUnique,
  starHolds, type Pair, type TradingGrid,
} from '../../src/models/jackson-palfrey/games/conditions.ts';

const key = (p: Pair) => `${p.s},${p.b}`;
const keys = (ps: readonly Pair[]) => ps.map(key).sort();

interface Case { g: TradingGrid<number>; n: number; m: number; tradedM: boolean[][]; priceM: number[][] }

/** A random grid: reservation prices and prices on k/8, jittered by `jitter(rand)` (ties exact when 0). */
function randomCase(rand: () => number, jitter: (r: () => number) => number): Case {
  const v = () => Math.floor(rand() * 9) / 8 + jitter(rand);
  const n = 2 + Math.floor(rand() * 5);
  const m = 2 + Math.floor(rand() * 5);
  const sellerRes = Array.from({ length: n }, v);
  const buyerRes = Array.from({ length: m }, v);
  const share = rand();
  const tradedM = sellerRes.map(() => buyerRes.map(() => rand() < share));
  const priceM = sellerRes.map((q, i) => buyerRes.map((r) => (rand() < 0.6 && q <= r ? q + (r - q) * Math.floor(rand() * 3) / 2 : v())));
  const g: TradingGrid<number> = { sellerRes, buyerRes, traded: (i, j) => tradedM[i][j], price: (i, j) => priceM[i][j] };
  return { g, n, m, tradedM, priceM };
}

function pairs(c: Case, traded: boolean): Pair[] {
  const out: Pair[] = [];
  for (let s = 0; s < c.n; s++) for (let b = 0; b < c.m; b++) if (c.tradedM[s][b] === traded) out.push({ s, b });
  return out;
}

/** Individual irrationality, literally: a traded price IR for some untraded pair. */
function bruteII(c: Case, o: Order<number>): string[] {
  return pairs(c, true)
    .filter((t) => pairs(c, false).some((u) => o.leq(c.g.sellerRes[u.s], c.priceM[t.s][t.b]) && o.leq(c.priceM[t.s][t.b], c.g.buyerRes[u.b])))
    .map(key).sort();
}

/** Non-decreasing prices, literally over all pairs of traded pairs. */
function bruteND(c: Case, o: Order<number>): string[] {
  const T = pairs(c, true);
  const rs = c.g.sellerRes;
  const rb = c.g.buyerRes;
  return T.filter((h) => T.some((l) => o.leq(rs[l.s], rs[h.s]) && o.leq(rb[l.b], rb[h.b]) && lt(o, c.priceM[h.s][h.b], c.priceM[l.s][l.b])))
    .map(key).sort();
}

const JITTER = {
  exact: () => 0,
  tolerant: (r: () => number) => [0, 0, 4e-4, -4e-4, 1.5e-3, -1.5e-3][Math.floor(r() * 6)],
};

describe.each([
  ['exact ties', numberOrder(0), JITTER.exact],
  ['tie tolerance 1e-3', numberOrder(1e-3), JITTER.tolerant],
] as const)('necessary conditions of Section 5 against O(n⁴) brute force (%s)', (_name, o, jitter) => {
  test('individual rationality, individual irrationality, non-decreasing prices', () => {
    const rand = makeRng(`nc-${_name}`);
    let flaggedII = 0;
    let flaggedND = 0;
    let clean = 0;
    for (let k = 0; k < 200; k++) {
      const c = randomCase(rand, jitter);
      const ir = individualRationality(c.g, o);
      const irRef = pairs(c, true).filter((t) => !(o.leq(c.g.sellerRes[t.s], c.priceM[t.s][t.b]) && o.leq(c.priceM[t.s][t.b], c.g.buyerRes[t.b])));
      expect(keys(ir)).toEqual(keys(irRef));
      const ii = individualIrrationality(c.g, o);
      expect(keys(ii.map((v) => v.traded))).toEqual(bruteII(c, o));
      for (const { traded: t, untraded: u } of ii) {
        expect(c.tradedM[u.s][u.b]).toBe(false);
        expect(o.leq(c.g.sellerRes[u.s], c.priceM[t.s][t.b]) && o.leq(c.priceM[t.s][t.b], c.g.buyerRes[u.b])).toBe(true);
      }
      const nd = nonDecreasingPrices(c.g, o);
      expect(keys(nd.map((v) => v.high))).toEqual(bruteND(c, o));
      for (const { high: h, low: l } of nd) {
        expect(c.tradedM[l.s][l.b]).toBe(true);
        expect(lt(o, c.priceM[h.s][h.b], c.priceM[l.s][l.b])).toBe(true);
      }
      flaggedII += ii.length;
      flaggedND += nd.length;
      if (ii.length + nd.length + ir.length === 0) clean++;
    }
    expect(flaggedII).toBeGreaterThan(50);
    expect(flaggedND).toBeGreaterThan(50);
    expect(clean).toBeGreaterThan(10);
  });
});

/** Condition *, literally: (i)–(iii) on the grid, (ii)'s second half, (iv), (v) over pairs of domain points. */
function bruteStar(c: Case, P: PriceSet<number>, hat: (q: number, r: number) => number, o: Order<number>, inP: (q: number, r: number, strictLow: boolean) => boolean) {
  const Q = sortedUnique(c.g.sellerRes, o);
  const R = sortedUnique(c.g.buyerRes, o);
  const IR = (q: number, r: number) => inIR(P, q, r, o);
  const i: string[] = [];
  const ii: string[] = [];
  for (const t of pairs(c, true)) {
    const q = c.g.sellerRes[t.s];
    const r = c.g.buyerRes[t.b];
    if (!IR(q, r)) ii.push(key(t));
    else if (!(o.leq(c.priceM[t.s][t.b], hat(q, r)) && o.leq(hat(q, r), c.priceM[t.s][t.b]))) i.push(key(t));
  }
  const iii = pairs(c, false).filter((u) => IR(c.g.sellerRes[u.s], c.g.buyerRes[u.b])).map(key);
  const dom: string[] = [];
  const iv: string[] = [];
  const vs: string[] = [];
  const vb: string[] = [];
  Q.forEach((q, a) => R.forEach((r, d) => {
    if (!IR(q, r)) return;
    const h = hat(q, r);
    if (!(o.leq(q, h) && o.leq(h, r))) dom.push(`${a},${d}`);
    if (Q.some((q2, a2) => R.some((r2) => IR(q2, r2) && o.leq(q2, q) && o.leq(r2, r) && lt(o, h, hat(q2, r2)) && a2 >= 0))) iv.push(`${a},${d}`);
    // (*v): q′ with p̂(q′, r) < p̂(q, r) and no p ∈ P with q′ ≤ p < q
    if (Q.some((q2) => IR(q2, r) && lt(o, hat(q2, r), h) && !inP(q2, q, true))) vs.push(`${a},${d}`);
    // r′ with p̂(q, r′) > p̂(q, r) and no p ∈ P with r < p ≤ r′
    if (R.some((r2) => IR(q, r2) && lt(o, h, hat(q, r2)) && !inP(r, r2, false))) vb.push(`${a},${d}`);
  }));
  return { i: i.sort(), ii: ii.sort(), iii: iii.sort(), dom: dom.sort(), iv: iv.sort(), vs: vs.sort(), vb: vb.sort() };
}

function compareStar(c: Case, P: PriceSet<number>, hat: (q: number, r: number) => number, o: Order<number>, inP: (x: number, y: number, strictLow: boolean) => boolean) {
  const got = conditionStar(c.g, P, hat, o);
  const ref = bruteStar(c, P, hat, o, inP);
  const dk = (d: { q: number; r: number }) => `${d.q},${d.r}`;
  expect({
    i: keys(got.i), ii: keys(got.ii.pairs), iii: keys(got.iii), dom: got.ii.domain.map(dk).sort(),
    iv: [...new Set(got.iv.map((v) => dk(v.high)))].sort(),
    vs: got.v.filter((v) => v.side === 'seller').map((v) => dk(v.at)).sort(),
    vb: got.v.filter((v) => v.side === 'buyer').map((v) => dk(v.at)).sort(),
  }).toEqual(ref);
  return got;
}

/** A p̂ that is monotone with random local breaks: a share of the points gets a random value. */
function randomHat(rand: () => number, jitter: (r: () => number) => number): (q: number, r: number) => number {
  const table = new Map<string, number>();
  const lam = rand();
  const breakShare = rand() * 0.3;
  return (q, r) => {
    const k = `${q},${r}`;
    let h = table.get(k);
    if (h === undefined) {
      h = rand() < breakShare ? Math.floor(rand() * 9) / 8 + jitter(rand) : Math.round((q + lam * (r - q)) * 8) / 8;
      table.set(k, h);
    }
    return h;
  };
}

describe.each([
  ['exact ties', numberOrder(0), JITTER.exact],
  ['tie tolerance 1e-3', numberOrder(1e-3), JITTER.tolerant],
] as const)('condition * against brute force, finite P (%s)', (_name, o, jitter) => {
  test('(i)–(v)', () => {
    const rand = makeRng(`star-${_name}`);
    const counts = { i: 0, ii: 0, iii: 0, iv: 0, v: 0, clean: 0 };
    for (let k = 0; k < 250; k++) {
      const c = randomCase(rand, jitter);
      const pts = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * 9) / 8 + jitter(rand));
      const P = pointSet(pts, o);
      // a p ∈ P with x ≤ p < y (strictLow) or x < p ≤ y, scanning the points
      const inP = (x: number, y: number, strictLow: boolean) =>
        pts.some((p) => (strictLow ? o.leq(x, p) && lt(o, p, y) : lt(o, x, p) && o.leq(p, y)));
      const got = compareStar(c, P, randomHat(rand, jitter), o, inP);
      counts.i += got.i.length;
      counts.ii += got.ii.pairs.length + got.ii.domain.length;
      counts.iii += got.iii.length;
      counts.iv += got.iv.length;
      counts.v += got.v.length;
      if (starHolds(got)) counts.clean++;
    }
    for (const part of ['i', 'ii', 'iii', 'iv', 'v'] as const) expect(counts[part], part).toBeGreaterThan(20);
  });
});

describe('condition * against brute force, P a union of intervals (exact)', () => {
  test('(i)–(v), membership read on a 1/64 discretisation of each piece', () => {
    const o = numberOrder(0);
    const rand = makeRng('star-intervals');
    let found = 0;
    for (let k = 0; k < 100; k++) {
      const c = randomCase(rand, JITTER.exact);
      const pieces = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const a = Math.floor(rand() * 9) / 8;
        const b = Math.floor(rand() * 9) / 8;
        return { lo: Math.min(a, b), hi: Math.max(a, b) };
      });
      const P = priceSet(pieces, o);
      // every value in play is on k/8, so [x, y) meets a piece iff it meets the piece's k/64 points
      const fine = pieces.flatMap(({ lo, hi }) => Array.from({ length: Math.round((hi - lo) * 64) + 1 }, (_, j) => lo + j / 64));
      const inP = (x: number, y: number, strictLow: boolean) => fine.some((p) => (strictLow ? x <= p && p < y : x < p && p <= y));
      const got = compareStar(c, P, randomHat(rand, JITTER.exact), o, inP);
      found += got.v.length + got.iii.length;
    }
    expect(found).toBeGreaterThan(30);
  });
});

describe('Example 2 (Section 7): m = 1/2, c = √2 − 1', () => {
  const c = Math.SQRT2 - 1;
  const buyers = Array.from({ length: 41 }, (_, k) => k / 40).concat([c]).sort((a, b) => a - b);
  const sellers = [0, 1];
  const beta1 = [c, 2]; // 0-sellers trade with b ≥ c in period 1; 1-sellers never
  /** Period 1 of the efficient rule: fixed price c, p̄^s_1(0) = c (given), p̄^s_1(1) = 1, p̄^b_1(b) = b. */
  const period1 = (sellerRes0: number): TradingGrid<number> => ({
    sellerRes: [sellerRes0, 1], buyerRes: buyers, traded: cutoffTraded(buyers, beta1), price: () => c,
  });
  test('the efficient rule satisfies * with P_1 = {c}, p̂_1 ≡ c — exactly on the tie, and only within a tolerance off it', () => {
    const exact = numberOrder(0);
    expect(starHolds(conditionStar(period1(c), pointSet([c], exact), () => c, exact))).toBe(true);
    // p̄^s_1(0) computed by another route lands one ulp above c: exact comparison breaks (*ii)
    const off = c + 2 ** -53;
    const broken = conditionStar(period1(off), pointSet([c], exact), () => c, exact);
    expect(broken.ii.pairs.length).toBe(buyers.filter((b) => b >= c).length);
    expect(starHolds(conditionStar(period1(off), pointSet([c], numberOrder(1e-12)), () => c, numberOrder(1e-12)))).toBe(true);
    expect(individualRationality(period1(off), numberOrder(1e-12))).toEqual([]);
    expect(individualRationality(period1(off), exact).length).toBeGreaterThan(0);
  });
  test('period 2: P_2 = [0, 1], p̂_2 = p̄^b; the pair (1, 1) must be traded at 1 or left out of the grid', () => {
    const o = numberOrder(0);
    const P2 = priceSet([{ lo: 0, hi: 1 }], o);
    const g = (tradeOneOne: boolean): TradingGrid<number> => ({
      sellerRes: sellers, buyerRes: buyers,
      traded: (i, j) => sellers[i] === 0 || (tradeOneOne && buyers[j] === 1), price: (_i, j) => buyers[j],
    });
    expect(starHolds(conditionStar(g(true), P2, (_q, r) => r, o))).toBe(true);
    expect(keys(conditionStar(g(false), P2, (_q, r) => r, o).iii)).toEqual([`1,${buyers.length - 1}`]);
    // p̂ = midpoint of the reservation prices is also fine for P = [0, 1]; p̂ = p̄^s breaks (*i) on the traded pairs
    expect(conditionStar(g(true), P2, (q) => q, o).i.length).toBe(buyers.length - 1);
  });
  test('the all-wait rule violates (*iii) with respect to P_1 = [c, 1] (Section 7 remark)', () => {
    const o = numberOrder(0);
    // all wait: the 0-seller's reservation price is E b = 1/2 (she extracts b in period 2); buyers' stay b
    const g: TradingGrid<number> = { sellerRes: [0.5, 1], buyerRes: buyers, traded: () => false, price: () => NaN };
    const v = conditionStar(g, priceSet([{ lo: c, hi: 1 }], o), (q) => Math.max(q, c), o);
    // every 0-seller with a buyer b ≥ 1/2, and the measure-zero pair (1, 1) (1 ≤ p ≤ 1 at p = 1)
    const expected = buyers.map((_b, j) => ({ s: 0, b: j })).filter((p) => buyers[p.b] >= 0.5).concat([{ s: 1, b: buyers.length - 1 }]);
    expect(keys(v.iii)).toEqual(keys(expected));
    // with P_1 = {c} it does not: c < 1/2 is below every waiting 0-seller's reservation price
    expect(conditionStar(g, pointSet([c], o), () => c, o).iii).toEqual([]);
  });
});
