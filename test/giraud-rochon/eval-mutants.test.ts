/**
 * Mutation-testing gaps of src/models/giraud-rochon/eval*.ts (mutation/results/mut-gr.md): every
 * refusal's whole one-line message (the field and what is wrong, with the numbers it names), the
 * edges next to each test (a zero entry in a non-zero endowment, the largest sizes accepted), the
 * defaults (no transfers, the solvency tolerance), and the certificate's (agent, type, report)
 * labels against compatibility.ts's own order.
 */
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { grOutcome, GOODS_MAX } from '../../src/models/giraud-rochon/eval.ts';
import { grContract, CONTRACT_GOODS_MAX } from '../../src/models/giraud-rochon/eval-contract.ts';
import { grAgv, grCompatibility, GOODS_MAX as G, PROFILES_MAX as PM } from '../../src/models/giraud-rochon/eval-incentives.ts';
import { economy } from '../../src/models/giraud-rochon/economy.ts';
import { compatibility, typeSpace } from '../../src/models/giraud-rochon/compatibility.ts';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return 'accepted';
};

describe('gr.outcome', () => {
  const ok = { quotes: [[2, 1], [3, 1]], demands: [[[0, 0], [1, -2]], [[0, 0], [0, 0]]], endowments: [[1, 1], [1, 1]] };
  const refuse = (patch: Record<string, unknown>) => message(() => grOutcome.evaluate({ ...ok, ...patch }));
  test('each refusal in one line, naming the field and the numbers', () => {
    expect(refuse({ quotes: [[], []] })).toBe('quotes[0]: must list at least 1 good');
    expect(refuse({ quotes: [[2, 1], [3, 4, 1]] })).toBe('quotes[1]: must have 2 entries, as quotes[0] (got 3)');
    expect(refuse({ quotes: [[2, 1], [3, 2]] })).toBe('quotes[1][1]: must be 1 (good L is the numéraire; got 2)');
    expect(refuse({ demands: [ok.demands[0]] })).toBe('demands: must have 2 rows, one per player (got 1)');
    expect(refuse({ demands: [[[0, 0]], ok.demands[1]] })).toBe('demands[0]: must have 2 entries, one per player (got 1)');
    expect(refuse({ demands: [[[0, 0], [1]], ok.demands[1]] })).toBe('demands[0][1]: must have 2 entries, one per good (got 1)');
    expect(refuse({ endowments: [[1, 1]] })).toBe('endowments: must have 2 rows, one per player (got 1)');
    expect(refuse({ endowments: [[1, 1], [1]] })).toBe('endowments[1]: must have 2 entries, one per good (got 1)');
    expect(refuse({ endowments: [[1, 1], [0, 0]] })).toBe('endowments[1]: must not be zero (ω_i ≠ 0, footnote 3)');
    expect(refuse({ transfers: [0] })).toBe('transfers: must have 2 entries, one per player (got 1)');
  });

  test('edges: GOODS_MAX goods accepted and one more refused; an endowment with one zero entry accepted', () => {
    const q = (L: number) => [Array.from({ length: L }, (_, h) => (h === L - 1 ? 1 : 2)), Array.from({ length: L }, (_, h) => (h === L - 1 ? 1 : 2))];
    const req = (L: number) => ({ quotes: q(L), demands: [[q(L)[0].map(() => 0), q(L)[0].map(() => 0)], [q(L)[0].map(() => 0), q(L)[0].map(() => 0)]], endowments: q(L) });
    expect(message(() => grOutcome.evaluate(req(GOODS_MAX)))).toBe('accepted');
    expect(message(() => grOutcome.evaluate(req(GOODS_MAX + 1)))).toBe(`quotes[0]: must list at most ${GOODS_MAX} goods`);
    expect(refuse({ endowments: [[1, 1], [0, 1]] })).toBe('accepted');
    expect(refuse({ quotes: [[1], [1]], demands: [[[0], [1]], [[0], [0]]], endowments: [[1], [1]] })).toBe('accepted'); // L = 1: the numéraire alone
  });

  test('no transfers: all 0; the diagonal ignored; the tolerance given is the one used', () => {
    const base = grOutcome.evaluate(ok) as { solvent: boolean[]; phi: number[][] };
    expect(grOutcome.evaluate({ ...ok, transfers: [0, 0] })).toEqual(base);
    expect(grOutcome.evaluate({ ...ok, demands: [[[5, 5], [1, -2]], [[0, 0], [-3, 7]]] })).toEqual(base);
    // player 1 buys 1 of good 1 from player 2 at p_2 = 3 but pays 2.7: short by 0.3 of a gross value 3 + 2.7 = 5.7 (5.3 %)
    const short = { ...ok, demands: [[[0, 0], [1, -2.7]], [[0, 0], [0, 0]]] };
    expect((grOutcome.evaluate({ ...short, tolerance: 0.06 }) as { solvent: boolean[] }).solvent[0]).toBe(true);
    expect((grOutcome.evaluate({ ...short, tolerance: 0.04 }) as { solvent: boolean[] }).solvent[0]).toBe(false);
    // Definition 2's transfer y_1 = 0.3 covers it exactly, even at tolerance 0
    expect((grOutcome.evaluate({ ...short, tolerance: 0, transfers: [0.3, 0] }) as { solvent: boolean[] }).solvent[0]).toBe(true);
    expect((grOutcome.evaluate({ ...short, tolerance: 0, transfers: [0.25, 0] }) as { solvent: boolean[] }).solvent[0]).toBe(false);
  });
});

describe('gr.contract', () => {
  const ok = { a: [[10], [11], [14]], b: [[1], [1], [2]], omega: [[1, 20], [2, 20], [1, 20]] };
  const refuse = (patch: Record<string, unknown>) => message(() => grContract.evaluate({ ...ok, ...patch }));
  test('each refusal in one line, naming the field and the numbers', () => {
    expect(refuse({ omega: [[1], [2], [1]] })).toBe('omega[0]: must list at least 2 goods (the numéraire last)');
    expect(refuse({ omega: [] })).toBe('omega[0]: must list at least 2 goods (the numéraire last)');
    expect(refuse({ omega: [[], [2, 20], [1, 20]] })).toBe('omega[0]: must list at least 2 goods (the numéraire last)');
    expect(refuse({ b: [[1], [1]] })).toBe('b: must have 3 rows, one per agent (got 2)');
    expect(refuse({ omega: [[1, 20], [2, 20]] })).toBe('omega: must have 3 rows, one per agent (got 2)');
    expect(refuse({ omega: [[1, 20], [2, 20, 1], [1, 20]] })).toBe('omega[1]: must have 2 entries, as omega[0] (got 3)');
    expect(refuse({ omega: [[1, 20], [0, 0], [1, 20]] })).toBe('omega[1]: must not be zero (footnote 3)');
    expect(refuse({ a: [[10], [11, 1], [14]] })).toBe('a[1]: must have 1 entries, one per real good (got 2)');
    expect(refuse({ b: [[1], [1], [2, 1]] })).toBe('b[2]: must have 1 entries, one per real good (got 2)');
    // ω̄ = 4: a must exceed b·4; at a = b·ω̄ exactly it is refused
    expect(refuse({ a: [[10], [4], [14]] })).toBe('a[1][0]: must exceed b·ω̄ = 4 (v increasing on every feasible bundle)');
    expect(refuse({ a: [[10], [11], [8]] })).toBe('a[2][0]: must exceed b·ω̄ = 8 (v increasing on every feasible bundle)');
    expect(refuse({ a: [[10], [11]] })).toBe('a: must list at least 3 agents (Assumption 1)');
    expect(grContract.name).toBe('gr.contract');
    expect(grContract.description).toMatch(/^Giraud–Rochon, proof of Theorem 1/);
    expect(refuse({ b: [[1], [0], [2]] })).toBe('b[1][0]: must be > 0 (v strictly concave)');
    expect(refuse({ omega: [[1, 20], [-1, 20], [1, 20]] })).toBe('omega[1][0]: must be ≥ 0');
  });

  test('edges and output: CONTRACT_GOODS_MAX goods accepted, one more refused; a zero in a non-zero endowment; the demands and φ = x* reported', () => {
    const L = CONTRACT_GOODS_MAX;
    const big = (n: number) => ({ a: ok.a.map(() => Array.from({ length: n - 1 }, () => 100)), b: ok.b.map(() => Array.from({ length: n - 1 }, () => 1)), omega: ok.omega.map(() => Array.from({ length: n }, () => 1)) });
    expect(message(() => grContract.evaluate(big(L)))).toBe('accepted');
    expect(message(() => grContract.evaluate(big(L + 1)))).toBe(`omega[0]: must list at most ${L} goods`);
    expect(refuse({ omega: [[1, 20], [2, 0], [1, 20]] })).toBe('accepted');
    const r = grContract.evaluate(ok) as { demands: number[][][]; phiIsXStar: boolean; xStar: number[][] };
    // z_j^i = (x_i* − ω_i)/3 to each j ≠ i, 0 to itself
    expect(r.demands[0][1][0]).toBeCloseTo((0.4 - 1) / 3, 12);
    expect(r.demands[0][0]).toEqual([0, 0]);
    expect(r.phiIsXStar).toBe(true);
  });
});

describe('gr.agv and gr.compatibility', () => {
  beforeAll(async () => {
    await grCompatibility.prepare!();
  });
  const ok = { types: [2, 2], a: [[[3], [3]], [[3], [5]]], b: [[[0.5], [0.5]], [[0.5], [0.5]]], omega: [[1, 1], [1, 1]], prior: [0.2, 0.2, 0.2, 0.4] };
  const refuse = (patch: Record<string, unknown>) => message(() => grAgv.evaluate({ ...ok, ...patch }));
  test('each refusal in one line, naming the field and the numbers', () => {
    expect(refuse({ omega: [[1, 1]] })).toBe('omega: must have 2 rows, one per agent (got 1)');
    expect(refuse({ omega: [[1], [1]] })).toBe('omega[0]: must list at least 2 goods (the numéraire last)');
    expect(refuse({ omega: [[1, 1], [1, 1, 1]] })).toBe('omega[1]: must have 2 entries, as omega[0] (got 3)');
    expect(refuse({ b: [[[0.5], [0.5]]] })).toBe('b: must have 2 rows, one per agent (got 1)');
    expect(refuse({ a: [[[3], [3]], [[3], [5, 1]]] })).toBe('a[1][1]: must have 1 entries, one per real good (got 2)');
    expect(refuse({ a: [[[3], [1]], [[3], [5]]] })).toBe('a[0][1][0]: must exceed b·ω̄ = 1 (v increasing on every feasible bundle, Assumption 1)');
    expect(refuse({ prior: [0.25, 0.25, 0.25, 0.3] })).toBe('prior: must sum to 1 (a probability over the type profiles; got 1.05)');
    expect(refuse({ omega: [[1, 1], [-1, 1]] })).toBe('omega[1][0]: must be ≥ 0');
    expect(refuse({ omega: [[0, 1], [1, 1]] })).toBe('accepted');
    expect(refuse({ types: [2, 1.5] })).satisfy((m: string) => m.startsWith('types[1]: must be an integer'));
    expect(refuse({ types: [2, 0] })).satisfy((m: string) => m.startsWith('types[1]: must be ≥ 1'));
    expect(refuse({ types: [2, 5] })).satisfy((m: string) => m.startsWith('types[1]: must be ≤ 4'));
    expect(refuse({ types: [2] })).satisfy((m: string) => m.startsWith('types: must list at least 2 agents'));
    expect(refuse({ b: [[[0.5], [0]], [[0.5], [0.5]]] })).satisfy((m: string) => m.startsWith('b[0][1][0]: must be > 0 (v strictly concave)'));
    expect(refuse({ prior: [0.5, 0.5, 0, 0] })).satisfy((m: string) => m.startsWith('prior[2]: must be > 0 (Q(t) > 0 for every profile, Section 2.1)'));
    expect([grAgv.name, grCompatibility.name]).toEqual(['gr.agv', 'gr.compatibility']);
    expect(grAgv.description).toMatch(/^Giraud–Rochon: d'Aspremont–Gérard-Varet transfers/);
    expect(grCompatibility.description).toMatch(/^Giraud–Rochon: the compatibility condition of Section 4/);
  });

  test('edges: a = b·ω̄ exactly refused; GOODS_MAX and PROFILES_MAX', () => {
    expect(refuse({ a: [[[3], [1.0000001]], [[3], [5]]] })).toBe('accepted');
    expect(refuse({ a: [[[3], [1]], [[3], [5]]] })).toMatch(/^a\[0\]\[1\]\[0\]: must exceed/);
    const wide = (L: number) => ({ ...ok, a: ok.a.map((ai) => ai.map(() => Array.from({ length: L - 1 }, () => 3))), b: ok.b.map((bi) => bi.map(() => Array.from({ length: L - 1 }, () => 0.5))), omega: ok.omega.map(() => Array.from({ length: L }, () => 1)) });
    expect(message(() => grAgv.evaluate(wide(G)))).toBe('accepted');
    expect(message(() => grAgv.evaluate(wide(G + 1)))).toBe(`omega[0]: must list at most ${G} goods`);
    // 4·4·4·2 = 128 > PROFILES_MAX profiles: refused before the prior's length is read
    const types = [4, 4, 4, 2];
    const many = { types, a: types.map((k) => Array.from({ length: k }, () => [3])), b: types.map((k) => Array.from({ length: k }, () => [0.5])), omega: types.map(() => [1, 1]), prior: [1] };
    expect(message(() => grAgv.evaluate(many))).toBe(`types: must give at most ${PM} type profiles (got 128)`);
    // exactly PROFILES_MAX (4·4·4 = 64): accepted
    const t3 = [4, 4, 4];
    const most = { types: t3, a: t3.map((k) => Array.from({ length: k }, () => [3])), b: t3.map((k) => Array.from({ length: k }, () => [0.5])), omega: t3.map(() => [1, 1]), prior: Array.from({ length: 64 }, () => 1 / 64) };
    expect(message(() => grAgv.evaluate(most))).toBe('accepted');
  });

  test('bic: the AGV slacks are ≥ 0 under independence (true), and false when one is negative (correlated)', () => {
    const indep = grAgv.evaluate({ ...ok, prior: [0.125, 0.375, 0.125, 0.375] }) as { bic: boolean; bicSlacks: { slack: number }[] };
    expect(indep.bic).toBe(indep.bicSlacks.every((s) => s.slack >= 0));
    expect(indep.bic).toBe(true);
    const corr = grAgv.evaluate({ ...ok, a: [[[3], [4]], [[3], [5]]], prior: [0.4, 0.1, 0.1, 0.4] }) as { bic: boolean; bicSlacks: { slack: number }[]; transfers: number[][] };
    expect(corr.bic).toBe(corr.bicSlacks.every((s) => s.slack >= 0));
    expect(corr.transfers.every((row) => row.every((v) => typeof v === 'number'))).toBe(true);
  });

  test('a violating pair\'s λ labelled by compatibility.ts\'s own (agent, type, report) order, agents from 1', async () => {
    const spec = { types: [3, 2], a: [[[3], [4], [5]], [[3], [5]]], b: [[[0.5], [0.5], [0.5]], [[0.5], [0.5]]], omega: [[1, 1], [1, 1]], prior: [1, 1, 4, 2, 1, 2].map((w) => w / 11) };
    const r = grCompatibility.evaluate(spec) as { holds: boolean | null; verdict: string; certificate: { lambda: { agent: number; type: number; report: number; exact: string }[]; kappa: { exact: string }[] } };
    const e = economy(spec);
    const direct = await compatibility(e);
    expect(r.verdict).toBe('fails');
    expect(r.holds).toBe(false);
    expect(r.certificate.lambda.map(({ agent, type, report }) => ({ agent, type, report }))).toEqual(typeSpace(e).ics.map((c) => ({ agent: c.agent + 1, type: c.type, report: c.report })));
    expect(r.certificate.lambda.map((l) => l.exact)).toEqual(direct.pair!.lambda.map((v) => v.toFraction()));
    expect(r.certificate.kappa.map((k) => k.exact)).toEqual(direct.pair!.kappa.map((v) => v.toFraction()));
    const h = grCompatibility.evaluate({ ...spec, prior: [2, 6, 1, 3, 4, 12].map((w) => w / 28) }) as { holds: boolean | null; verdict: string };
    expect([h.holds, h.verdict]).toEqual([true, 'holds']);
  });

  test('gr.compatibility before prepare(): a plain error saying so (a fresh module, HiGHS not loaded)', async () => {
    vi.resetModules();
    const fresh = await import('../../src/models/giraud-rochon/eval-incentives.ts');
    expect(() => fresh.grCompatibility.evaluate(ok)).toThrow('gr.compatibility: the LP solver is not loaded (call prepare() first)');
  });
});
