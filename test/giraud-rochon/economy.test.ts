/**
 * Quasi-linear economies and AGV transfers (src/models/giraud-rochon/economy.ts, agv.ts) against
 * hand-worked cases and independent routes: the efficient allocation by brute force over a grid of
 * splits, λ as the marginal utility of every holder, AGV by the definition on a two-agent case.
 */
import { describe, expect, test } from 'vitest';
import { Fraction } from '../../src/numeric/rational.ts';
import { economy, efficientAllocation, isIndependent, marginal, profiles, valueOf, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { agvTransfers, bicSlacks, expectedExternality } from '../../src/models/giraud-rochon/agv.ts';

const spec = (over: Partial<EconomySpec> = {}): EconomySpec => ({
  types: [2, 2, 2],
  a: [[[10], [12]], [[11], [9]], [[14], [13]]],
  b: [[[1], [2]], [[1], [1]], [[2], [1]]],
  omega: [[1, 5], [2, 5], [1, 5]],
  prior: [1, 1, 1, 1, 1, 1, 1, 1],
  ...over,
});

describe('efficient allocation (one real good)', () => {
  test('λ is every holder’s marginal utility and at least a non-holder’s; the good is used up', () => {
    const e = economy(spec());
    for (const t of profiles(e.types)) {
      const { x, lambda } = efficientAllocation(e, t);
      expect(x.reduce((s, r) => s.add(r[0]), new Fraction(0)).equals(e.total[0])).toBe(true);
      x.forEach((r, i) => {
        const mu = marginal(e, i, t[i], 0, r[0]);
        if (r[0].compare(0) > 0) expect(mu.equals(lambda[0])).toBe(true);
        else expect(mu.compare(lambda[0])).toBeLessThanOrEqual(0);
      });
    }
  });

  test('no split on a grid of 1/40 does better (brute force)', () => {
    const e = economy(spec());
    const t = [1, 0, 1];
    const best = efficientAllocation(e, t).x;
    const W = (xs: Fraction[]) => xs.reduce((s, xi, i) => s.add(valueOf(e, i, t[i], [xi])), new Fraction(0));
    const opt = W(best.map((r) => r[0]));
    for (let p = 0; p <= 160; p++) for (let q = 0; p + q <= 160; q++) {
      const xs = [new Fraction(p, 40), new Fraction(q, 40), new Fraction(160 - p - q, 40)];
      expect(W(xs).compare(opt)).toBeLessThanOrEqual(0);
    }
  });

  test('hand-worked: a = (10, 11, 14), b = (1, 1, 2), ω̄ = 4 → λ = (10 + 11 + 7 − 4)/(1 + 1 + 1/2) = 48/5', () => {
    const e = economy(spec());
    const { x, lambda } = efficientAllocation(e, [0, 0, 0]);
    expect(lambda[0].toFraction()).toBe('48/5');
    expect(x.map((r) => r[0].toFraction())).toEqual(['2/5', '7/5', '11/5']);
  });
});

describe('AGV transfers and BIC', () => {
  test('independence detected; transfers balanced; BIC with independent types', () => {
    const e = economy(spec({ prior: [1, 2, 3, 6, 1, 2, 3, 6] })); // (1:1) × (1:3) × (1:2)
    expect(isIndependent(e)).toBe(true);
    for (const row of agvTransfers(e)) expect(row.reduce((s, v) => s.add(v), new Fraction(0)).n).toBe(0n);
    for (const s of bicSlacks(e, agvTransfers(e))) expect(s.slack.compare(0)).toBeGreaterThanOrEqual(0);
    expect(isIndependent(economy(spec({ prior: [2, 1, 1, 1, 1, 1, 1, 1] })))).toBe(false);
  });

  test('f_i by its definition on a two-agent, one-type-each economy: the other agent’s value', () => {
    const e = economy({ types: [1, 1], a: [[[6]], [[8]]], b: [[[1]], [[1]]], omega: [[1, 1], [1, 1]], prior: [1] });
    // a = (6, 8), b = 1, ω̄ = 2: λ = (6 + 8 − 2)/2 = 6 → x = (0, 2); v_2 = 8·2 − 2 = 14
    expect(expectedExternality(e, 0, 0).toFraction()).toBe('14');
    expect(expectedExternality(e, 1, 0).toFraction()).toBe('0');
    expect(agvTransfers(e)[0].map((v) => v.toFraction())).toEqual(['14', '-14']);
  });
});

describe('edges the mutation run found unguarded (economy.ts, agv.ts)', () => {
  // types [2, 3], prior ∝ (1, 1, 1, 1, 2, 3): the product of the marginals at (0, 1) and (1, 1)
  // (1/9 and 2/9 against (1/3)(1/3), (2/3)(1/3)) but not elsewhere — correlated, though some
  // profiles look independent (computed with Python's fractions when this test was written)
  const twoByThree: EconomySpec = {
    types: [2, 3],
    a: [[[10], [12]], [[11], [9], [13]]],
    b: [[[1], [2]], [[1], [1], [2]]],
    omega: [[1, 5], [2, 5]],
    prior: [1, 1, 1, 1, 2, 3],
  };

  test('independence needs every profile to be the product of the marginals, not some', () => {
    expect(isIndependent(economy(twoByThree))).toBe(false);
  });

  test('a prior whose weights sum to 0 is refused, with the reason', () => {
    expect(() => economy(spec({ prior: [0, 0, 0, 0, 0, 0, 0, 0] }))).toThrow(/prior's weights sum to 0/);
  });

  test('a type of probability 0 has no BIC slack rows (nothing to condition on), and bicSlacks does not divide by its 0 marginal', () => {
    // agent 1's type 1 never occurs: its profiles (1, ·) all weigh 0
    const e = economy({ ...twoByThree, prior: [1, 2, 3, 0, 0, 0] });
    const theta = profiles(e.types).map(() => [new Fraction(0), new Fraction(0)]);
    const rows = bicSlacks(e, theta);
    expect(rows.some((r) => r.agent === 0 && r.type === 1)).toBe(false);
    // every other (agent, type, report) is there: agent 1 type 0 lies as 1; agent 2's three types, two lies each
    expect(rows.length).toBe(1 + 3 * 2);
  });
});
