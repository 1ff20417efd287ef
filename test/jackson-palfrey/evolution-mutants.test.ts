/**
 * Jackson–Palfrey evolution (eqs. 1–2), the cases mutation testing showed unpinned
 * (mutation/equivalent/jackson-palfrey-evolution.md lists what cannot change a result): every
 * validation error by field and text, the shape of the trades a path reports, the emptied-market
 * threshold on either side, and the state lookup's range.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { homogeneousSellers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { cutoffAt, cutoffRule, EMPTY_SHARE, evolve, stateAt, tradedMass, validateRule } from '../../src/models/jackson-palfrey/evolution.ts';
import type { GridPeriod, TradingRule } from '../../src/models/jackson-palfrey/types.ts';
import { randomEconomy, randomGridPeriod, rng } from './helpers.ts';

const e2 = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
const grid = (knots: number[], trade: number[][], atom0: number[]): GridPeriod => ({
  kind: 'grid',
  knots: Float64Array.from(knots),
  trade: trade.map((r) => Float64Array.from(r)),
  atom0: Float64Array.from(atom0),
});
const ok = grid([0, 0.5, 1], [[0, 1], [1, 1]], [0, 1]);

/** The message a bad rule gets: `field: detail` exactly (one line, the field first). */
function message(rule: TradingRule): string {
  try {
    validateRule(e2, rule);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return 'accepted';
}

describe('validateRule: each bad rule is named by its field, with the value it got', () => {
  it.each<[string, TradingRule, string]>([
    ['no period', [], 'rule: must have at least one period'],
    ['a cutoff per atom', cutoffRule([[0.5]]), 'rule[0].beta: must have one cutoff per seller atom (2, got 1)'],
    ['cutoff above 1', cutoffRule([[0.5, 1.5]]), 'rule[0].beta[1]: must be in [0, 1] (got 1.5)'],
    ['cutoff below 0', cutoffRule([[0.5, 1], [-0.25, 1]]), 'rule[1].beta[0]: must be in [0, 1] (got -0.25)'],
    ['cutoff NaN', cutoffRule([[NaN, 1]]), 'rule[0].beta[0]: must be in [0, 1] (got NaN)'],
    ['knots not from 0', [grid([0.1, 1], [[1], [1]], [0, 0])], 'rule[0].knots: must run from 0 to 1'],
    ['knots not to 1', [grid([0, 0.9], [[1], [1]], [0, 0])], 'rule[0].knots: must run from 0 to 1'],
    ['one knot', [grid([0], [[], []], [0, 0])], 'rule[0].knots: must run from 0 to 1'],
    ['no knot', [grid([], [[], []], [0, 0])], 'rule[0].knots: must run from 0 to 1'],
    ['a repeated inner knot', [grid([0, 0.5, 0.5, 1], [[1, 1, 1], [1, 1, 1]], [0, 0])], 'rule[0].knots[2]: must be increasing'],
    ['the last knot repeated', [grid([0, 1, 1], [[1, 1], [1, 1]], [0, 0])], 'rule[0].knots[2]: must be increasing'],
    ['decreasing knots', [grid([0, 0.6, 0.4, 1], [[1, 1, 1], [1, 1, 1]], [0, 0])], 'rule[0].knots[2]: must be increasing'],
    ['a row per atom', [ok, grid([0, 1], [[1]], [0, 0])], 'rule[1].trade: must have one row per seller atom (2, got 1)'],
    ['an atom0 per atom', [grid([0, 1], [[1], [1]], [0, 0, 0])], 'rule[0].atom0: must have one entry per seller atom (2, got 3)'],
    ['an entry per cell', [grid([0, 0.5, 1], [[1, 1], [1]], [0, 0])], 'rule[0].trade[1]: must have one entry per cell (2, got 1)'],
    ['trade above 1', [grid([0, 0.5, 1], [[1, 1], [0, 1.25]], [0, 0])], 'rule[0].trade[1][1]: must be in [0, 1] (got 1.25)'],
    ['trade below 0', [grid([0, 0.5, 1], [[-0.5, 1], [0, 1]], [0, 0])], 'rule[0].trade[0][0]: must be in [0, 1] (got -0.5)'],
    ['trade NaN', [grid([0, 0.5, 1], [[1, NaN], [0, 1]], [0, 0])], 'rule[0].trade[0][1]: must be in [0, 1] (got NaN)'],
    ['atom0 above 1', [grid([0, 1], [[1], [1]], [0, 2])], 'rule[0].atom0[1]: must be in [0, 1] (got 2)'],
    ['atom0 below 0', [grid([0, 1], [[1], [1]], [-1e-3, 0])], 'rule[0].atom0[0]: must be in [0, 1] (got -0.001)'],
    ['atom0 NaN', [grid([0, 1], [[1], [1]], [0, NaN])], 'rule[0].atom0[1]: must be in [0, 1] (got NaN)'],
    ['a value printed to 12 digits', cutoffRule([[1 + 1 / 3, 0]]), 'rule[0].beta[0]: must be in [0, 1] (got 1.33333333333)'],
  ])('%s', (_, rule, text) => {
    expect(message(rule)).toBe(text);
  });

  it('accepts the edges: cutoffs 0 and 1, probabilities 0 and 1 and between', () => {
    expect(message([cutoffRule([[0, 1]])[0], ok, grid([0, 1], [[0.5], [1]], [1, 0.25])])).toBe('accepted');
  });

  it('names the field given', () => {
    expect(() => validateRule(e2, [], 'body.rule')).toThrow(/^body\.rule: /);
  });
});

describe('cutoffAt: β(s) at the seller atoms', () => {
  it('is the cutoff period of those values, and evolves as cutoffRule does', () => {
    const s = makeSellers([0, 0.25, 0.75], [0.2, 0.3, 0.5]);
    const p = cutoffAt(s, (v) => (1 + v) / 2);
    expect(p.kind).toBe('cutoff');
    expect(Array.from(p.beta)).toEqual([0.5, 0.625, 0.875]);
    const e = makeEconomy(uniformBuyers(1), s);
    expect(evolve(e, [p])).toEqual(evolve(e, cutoffRule([[0.5, 0.625, 0.875]])));
  });
});

describe("a path's trades: one row per seller atom, one entry per cell of the path's grid", () => {
  it('for cutoff and grid periods, and all zero after the last period', () => {
    const r = rng('jp-evolution-mutants-shape');
    for (let k = 0; k < 20; k++) {
      const e = randomEconomy(r, { atom0: true });
      const n = e.sellers.values.length;
      const rule: TradingRule = [cutoffRule([Array.from({ length: n }, () => r())])[0], randomGridPeriod(r, n, true)];
      const path = evolve(e, rule);
      const K = path.grid.length - 1;
      for (const st of [...path.periods, path.after]) {
        expect(st.trade.length).toBe(n);
        for (const row of st.trade) expect(row.length).toBe(K);
        expect(st.tradeAtom0.length).toBe(n);
      }
      for (const row of path.after.trade) expect(Array.from(row)).toEqual(new Array(K).fill(0));
      expect(Array.from(path.after.tradeAtom0)).toEqual(new Array(n).fill(0));
      // nothing trades after the last period, whether or not the market has emptied
      expect(tradedMass(path, 3)).toEqual({ buyers: 0, sellers: 0 });
    }
  });
});

describe('the emptied market: B_t(1) or S_t(1) at most EMPTY_SHARE · B_1(1)', () => {
  /**
   * Buyers uniform of mass M; sellers of mass M(1 − ε) at 0 trade with everyone in period 1, those of
   * mass Mε at 1 with nobody. Period 2 holds S_2(1) = Mε exactly and B_2(1) = M·(1 − (1 − ε)), which
   * rounding puts a few parts in 10⁴ away from Mε: for these ε the threshold falls between the two.
   */
  const period2 = (M: number, eps: number) => {
    const e = makeEconomy(uniformBuyers(M), makeSellers([0, 1], [M * (1 - eps), M * eps]));
    return evolve(e, cutoffRule([[0, 1], [0, 0]]));
  };

  it('sellers at the threshold, buyers above it (M = 4): empty, nothing trades', () => {
    const path = period2(4, 9.99756e-14);
    const st = path.periods[1];
    expect(st.buyerTotal).toBeGreaterThan(EMPTY_SHARE * 4);
    expect(st.sellerTotal).toBeLessThanOrEqual(EMPTY_SHARE * 4);
    expect(st.sellerTotal).toBeGreaterThan(EMPTY_SHARE / 4);
    expect(st.empty).toBe(true);
    expect(tradedMass(path, 2)).toEqual({ buyers: 0, sellers: 0 });
    expect(path.after.sellerMass).toEqual(st.sellerMass);
  });

  it('buyers at the threshold, sellers above it (M = 1.3): empty, nothing trades', () => {
    const path = period2(1.3, 1.000001e-13);
    const st = path.periods[1];
    expect(st.buyerTotal).toBeLessThanOrEqual(EMPTY_SHARE * 1.3);
    expect(st.buyerTotal).toBeGreaterThan(EMPTY_SHARE / 1.3);
    expect(st.sellerTotal).toBeGreaterThan(EMPTY_SHARE * 1.3);
    expect(st.empty).toBe(true);
    expect(tradedMass(path, 2)).toEqual({ buyers: 0, sellers: 0 });
  });

  it('ten times the threshold is a market: period 2 trades', () => {
    const path = period2(4, 1e-12);
    expect(path.periods[1].empty).toBe(false);
    expect(tradedMass(path, 2).buyers).toBeGreaterThan(0);
  });
});

describe('stateAt', () => {
  it('periods 1..T+1, a RangeError naming the range outside', () => {
    const path = evolve(e2, cutoffRule([[0.5, 1], [0, 1]]));
    expect(stateAt(path, 1)).toBe(path.periods[0]);
    expect(stateAt(path, 3)).toBe(path.after);
    expect(() => stateAt(path, 0)).toThrow(new RangeError('period 0 outside 1..3'));
    expect(() => stateAt(path, 4)).toThrow(new RangeError('period 4 outside 1..3'));
  });
});
