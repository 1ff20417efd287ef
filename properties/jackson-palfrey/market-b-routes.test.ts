/**
 * The independent routes of the part-B market claims (market-b-routes.ts), the certificate kind
 * jp-reduction-printed, and the claims' decoders: pinned against hand-derived values, not the model.
 */
import { describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../src/claims/certificates.ts';
import { InputError } from '../../src/errors.ts';
import { homogeneousSellers, makeEconomy, makeSellers, uniformBuyers } from '../../src/models/jackson-palfrey/economy.ts';
import { evolve } from '../../src/models/jackson-palfrey/evolution.ts';
import type { TradingRule } from '../../src/models/jackson-palfrey/types.ts';
import { totalSurplus } from '../../src/models/jackson-palfrey/utility.ts';
import { Fraction } from '../../src/numeric/rational.ts';
import { REDUCTION_PRINTED_KIND, thm1EfficientCutoffs, thm2ReductionAsPrinted } from './claims-market-b.ts';
import { buildBuyers } from './generators-jp-claims-eff-b.ts';
import { exactSurplus, printedReductionRoot } from './market-b-routes.ts';

const cut = (...b: number[]) => ({ kind: 'cutoff' as const, beta: Float64Array.from(b) });

describe('exactSurplus', () => {
  it('gives Example 1’s W(1/2) = 7/24 at m = 1/2 exactly (by hand: 3/16 in period 1, then 1/4 sellers at 0 meet a buyer of mean 5/12)', () => {
    const e = makeEconomy(uniformBuyers(1), homogeneousSellers(0.5, 0.5));
    const W = exactSurplus(e, [cut(0.5, 1), cut(0, 1)], 1);
    expect(W.equals(new Fraction(7, 24))).toBe(true);
  });

  it('agrees with the model’s evolution and price-free surplus on cutoff and grid rules with heterogeneous sellers and δ < 1', () => {
    const buyers = buildBuyers({ cuts: [0.25, 0.625], weights: [0.3, 1, 0.55], atom0: 0.15 });
    const e = makeEconomy(buyers, makeSellers([0, 0.1875, 0.5, 1], [0.2, 0.3, 0.4, 0.1]));
    const grid: TradingRule = [
      { kind: 'grid', knots: Float64Array.from([0, 0.3, 0.7, 1]), trade: [0, 1, 2, 3].map((j) => Float64Array.from([j % 2, 1, (j + 1) % 2])), atom0: Float64Array.from([1, 0, 0, 0]) },
      cut(0.1, 0.4, 0.6, 1),
      cut(0, 0.1875, 0.5, 1),
    ];
    for (const rule of [[cut(0.4, 0.45, 0.7, 1), cut(0, 0.1875, 0.5, 1)], grid] as TradingRule[]) {
      for (const delta of [1, 0.7]) expect(exactSurplus(e, rule, delta).valueOf()).toBeCloseTo(totalSurplus(evolve(e, rule), delta), 14);
    }
  });
});

describe('printedReductionRoot', () => {
  it('solves the printed formula at m = 1/2, s = 0, δ = 0.8 at 1/3 (by hand: E_2 = 5/12 at β = 1/3, and 0.8·5/12 = 1/3)', () => {
    expect(printedReductionRoot(uniformBuyers(1), 0.5, 0, 0.8)).toBeCloseTo(1 / 3, 14);
  });
});

describe('certificate jp-reduction-printed', () => {
  const input = { buyers: { cuts: [], weights: [1], atom0: 0 }, ms: 0.5, s: 0, delta: 0.8 };
  it('verifies when the saved cutoff beats the printed formula’s in exact surplus', () => {
    expect(verifyCertificate({ kind: REDUCTION_PRINTED_KIND, data: { input, betterCutoff: 0.3146 } }).verified).toBe(true);
  });
  it('does not verify when the saved cutoff is the printed one, or the data are bad (naming the field)', () => {
    expect(verifyCertificate({ kind: REDUCTION_PRINTED_KIND, data: { input, betterCutoff: 1 / 3 } }).verified).toBe(false);
    const bad = verifyCertificate({ kind: REDUCTION_PRINTED_KIND, data: { input: { ...input, ms: 2 }, betterCutoff: 0.3 } });
    expect(bad.verified).toBe(false);
    expect(bad.why).toMatch(/data\.input\.ms/);
  });
});

describe('decoders', () => {
  it('name the field of a bad saved case', () => {
    expect(() => thm2ReductionAsPrinted.decode!({ buyers: { cuts: [], weights: [1], atom0: 0 }, ms: 0.5, s: 0, delta: 1 })).toThrow(/input\.delta/);
    expect(() => thm1EfficientCutoffs.decode!({ eco: { buyers: { cuts: [0.5, 0.25], weights: [1, 1, 1], atom0: 0 }, m0: 0.5 }, T: 2 })).toThrow(InputError);
    expect(() => thm1EfficientCutoffs.decode!({ eco: { buyers: { cuts: [0.5, 0.25], weights: [1, 1, 1], atom0: 0 }, m0: 0.5 }, T: 2 })).toThrow(/input\.eco\.buyers\.cuts\[1\]/);
    expect(() => thm1EfficientCutoffs.decode!({ eco: { buyers: { cuts: [], weights: [1], atom0: 0 }, m0: 0.5 }, T: 9 })).toThrow(/input\.T/);
  });
});
