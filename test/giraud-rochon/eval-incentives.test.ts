/** `eval gr.agv` and `eval gr.compatibility` (src/models/giraud-rochon/eval-incentives.ts): results by hand, and bad requests naming the field. */
import { describe, expect, test } from 'vitest';
import { grAgv, grCompatibility } from '../../src/models/giraud-rochon/eval-incentives.ts';

const econ = { types: [2, 2], a: [[[3], [3]], [[3], [5]]], b: [[[1], [1]], [[1], [1]]], omega: [[1, 1], [1, 1]] };
// the eval requests take a probability (summing to 1); the saved claim cases take weights
const two = { ...econ, prior: [0.2, 0.2, 0.2, 0.4] };
const twoWeights = { ...econ, prior: [1, 1, 1, 2] };

describe('gr.agv', () => {
  test('transfers balance at every profile; the correlated prior is reported as such', () => {
    const r = grAgv.evaluate(two) as { independent: boolean; transfersExact: string[][]; bicSlacks: { agent: number }[] };
    expect(r.independent).toBe(false);
    // two agents: θ_1 = f_1(t_1) − f_2(t_2) = −θ_2
    r.transfersExact.forEach(([t1, t2]) => expect(t1 === '0' ? t2 === '0' : t2 === (t1.startsWith('-') ? t1.slice(1) : `-${t1}`)).toBe(true));
    expect(r.bicSlacks.map((s) => s.agent)).toEqual([1, 1, 2, 2]);
  });

  test('bad requests name the field', () => {
    expect(() => grAgv.evaluate({ ...two, prior: [0.4, 0, 0.2, 0.4] })).toThrow(/prior\[1\]/);
    expect(() => grAgv.evaluate({ ...two, prior: [0.4, -0.2, 0.4, 0.4] })).toThrow(/prior\[1\]/);
    expect(() => grAgv.evaluate({ ...two, prior: [1, 1, 1, 2] })).toThrow(/^prior: must sum to 1 .*got 5\)/);
    expect(() => grAgv.evaluate({ ...two, prior: [0.2, 0.2, 0.2, 0.4 + 1e-8] })).toThrow(/^prior: must sum to 1/);
    // typed thirds and sixths: within the rounding tolerance, then normalised exactly
    expect((grAgv.evaluate({ ...two, prior: [0.333333333333333, 0.166666666666667, 0.166666666666667, 0.333333333333333] }) as { independent: boolean }).independent).toBe(false);
    expect(() => grAgv.evaluate({ ...two, a: [[[1], [3]], [[3], [5]]] })).toThrow(/a\[0\]\[0\]\[0\].*b·ω̄/);
    expect(() => grAgv.evaluate({ ...two, prior: [0.5, 0.25, 0.25] })).toThrow(/prior: must have 4 entries/);
    expect(() => grAgv.evaluate({ ...two, b: [[[1]], [[1], [1]]] })).toThrow(/b\[0\]: must have 2 entries/);
    expect(() => grAgv.evaluate({ ...two, extra: 1 })).toThrow();
  });
});

describe('gr.compatibility', () => {
  test('the two-agent correlated economy fails with κ ∝ (1, −1, −1, 1)', async () => {
    await grCompatibility.prepare!();
    const r = grCompatibility.evaluate(two) as { holds: boolean; certificate: { kind: string; kappa: { exact: string }[] } };
    expect(r.holds).toBe(false);
    expect(r.certificate.kind).toBe('violating pair');
    const k = r.certificate.kappa.map((x) => x.exact);
    expect([k[0] === k[3], k[1] === k[2], k[0] !== '0']).toEqual([true, true, true]);
  });

  test('an independent prior holds, with |T| + 1 absorbing transfers', async () => {
    await grCompatibility.prepare!();
    const r = grCompatibility.evaluate({ ...two, prior: [2 / 12, 6 / 12, 1 / 12, 3 / 12] }) as { holds: boolean; certificate: { transfers: unknown[] } };
    expect(r.holds).toBe(true);
    expect(r.certificate.transfers).toHaveLength(5);
  });
});

describe('saved cases of the incentive claims: bad ones name the field', async () => {
  const { decodeAllocCase } = await import('../../properties/giraud-rochon/claims-interim.ts');
  const { decodeFullSupport } = await import('../../properties/giraud-rochon/generators-incentives.ts');
  test('a zero prior weight, a short mix, an economy field inside a case', () => {
    expect(() => decodeFullSupport({ ...twoWeights, prior: [1, 1, 0, 2] })).toThrow(/^prior\.2: must be > 0/);
    const c = { economy: twoWeights, weights: [[1, 1], [1, 1], [1, 1], [1, 1]], mix: [0, 1, 2, 3] };
    expect(decodeAllocCase(c).mix).toEqual([0, 1, 2, 3]);
    expect(() => decodeAllocCase({ ...c, mix: [0, 1] })).toThrow(/^mix: must have 4 entries/);
    expect(() => decodeAllocCase({ ...c, economy: { ...twoWeights, b: [[[0], [1]], [[1], [1]]] } })).toThrow(/^economy\.b\.0\.0\.0: /);
  });
});
