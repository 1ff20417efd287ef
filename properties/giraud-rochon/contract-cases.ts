/**
 * Inputs of the Theorem 1 claims (Giraud & Rochon 2001, proof of Theorem 1): economies with ample
 * numéraire, a state, and coalitional deviations from the contract — generators, decoding,
 * simplification and one-line descriptions. Every number is dyadic, so everything is exact.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { economy, efficientAllocation, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import type { MemberDeviation } from '../../src/models/giraud-rochon/contract.ts';
import { Fraction } from '../../src/numeric/rational.ts';
import { decodeEconomy } from './claims-agv.ts';

/** An economy and a state m (an index into profiles(types), t_1 slowest): complete information at m. */
export interface StateCase {
  economy: EconomySpec;
  state: number;
}

/** A state case and a coalition's deviation from the contract (one member: unilateral). */
export interface DeviationCase extends StateCase {
  deviation: MemberDeviation[];
}

/**
 * The numéraire each agent needs to pay for its Walrasian bundle in every state: max_t λ(t)·(x_i(t) − ω_i)
 * over the real goods, at least 0 (the paper's remark after Theorem 1: "each player is endowed with
 * an initial quantity of the numéraire good greater than the maximal value of these transfers").
 */
export function numeraireNeeded(s: EconomySpec): number[] {
  const e = economy(s);
  const need = Array.from({ length: e.N }, () => new Fraction(0));
  for (const t of profiles(e.types)) {
    const { x, lambda } = efficientAllocation(e, t);
    x.forEach((xi, i) => {
      let v = new Fraction(0);
      for (let h = 0; h < e.L - 1; h++) v = v.add(lambda[h].mul(xi[h].sub(e.omega[i][h])));
      if (v.compare(need[i]) > 0) need[i] = v;
    });
  }
  return need.map((v) => Number(v.ceil().n) * (v.s < 0n ? -1 : 1));
}

/**
 * Economies of the GR claims (N agents, L = 2–3 goods, 2 types each, quadratic v with a = b·ω̄ +
 * margin, independent or correlated prior), with every agent's numéraire endowment set above what
 * it needs in any state (an integer plus a dyadic extra), so that the Walrasian bundles are in
 * the consumption set.
 */
export function ampleEconomyArb(minN = 3, maxN = 5): fc.Arbitrary<EconomySpec> {
  return fc.integer({ min: minN, max: maxN }).chain((N) =>
    fc.integer({ min: 2, max: 3 }).chain((L) => {
      const types = Array.from({ length: N }, () => 2);
      const arr = <T>(a: fc.Arbitrary<T>, n: number) => fc.array(a, { minLength: n, maxLength: n });
      const perType = (a: fc.Arbitrary<number>) => arr(arr(arr(a, L - 1), 2), N);
      const marginals = arr(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), N);
      const independent = marginals.map((m) => profiles(types).map((t) => t.reduce((q, ti, i) => q * m[i][ti], 1)));
      const correlated = arr(fc.integer({ min: 1, max: 9 }), 2 ** N);
      return fc
        .record({
          real: arr(arr(fc.integer({ min: 0, max: 8 }).map((m) => m / 2), L - 1), N),
          extra: arr(fc.integer({ min: 0, max: 8 }).map((m) => m / 2), N),
          // curvatures and margins a − b·ω̄ spread wide (corners: some agents hold none of a good) or close (mostly interior)
          shape: fc.oneof(
            fc.record({ b: perType(fc.integer({ min: 1, max: 8 }).map((k) => k / 4)), margin: perType(fc.integer({ min: 1, max: 16 }).map((k) => k / 4)) }),
            fc.record({ b: perType(fc.integer({ min: 3, max: 5 }).map((k) => k / 4)), margin: perType(fc.integer({ min: 24, max: 32 }).map((k) => k / 8)) }),
          ),
          prior: fc.oneof(independent, correlated),
        })
        .map(({ real: r0, extra, shape: { b, margin }, prior }) => {
          // every real good exists: ω̄^h > 0 (a good nobody holds has no price)
          const real = r0.map((r, i) => (i === 0 ? r.map((v, h) => (r0.every((rr) => rr[h] === 0) ? 1 : v)) : r));
          const total = Array.from({ length: L - 1 }, (_, h) => real.reduce((s, r) => s + r[h], 0));
          const a = b.map((bi, i) => bi.map((bt, t) => bt.map((bh, h) => bh * total[h] + margin[i][t][h])));
          const spec: EconomySpec = { types, a, b, omega: real.map((r) => [...r, 1]), prior };
          const need = numeraireNeeded(spec);
          return { ...spec, omega: real.map((r, i) => [...r, need[i] + 1 + extra[i]]) };
        });
    }),
  );
}

/** An ample economy and a state drawn uniformly: the complete-information economy E_t of the proof of Theorem 1. */
export const stateCaseArb = (minN = 3, maxN = 5): fc.Arbitrary<StateCase> =>
  ampleEconomyArb(minN, maxN).chain((economy) => fc.record({ economy: fc.constant(economy), state: fc.integer({ min: 0, max: 2 ** economy.types.length - 1 }) }));

const quarter = (k: number) => fc.integer({ min: -k, max: k }).map((m) => m / 4);

/** A member's deviation: quote offsets (often 0), real demand changes to each partner (often 0), a settling outsider. */
function memberArb(N: number, L: number, player: number, members: readonly number[], quoteWeight: number, realRange: number, zeroWeight: number): fc.Arbitrary<MemberDeviation> {
  const outsiders = Array.from({ length: N }, (_, k) => k).filter((k) => !members.includes(k));
  return fc.record({
    player: fc.constant(player),
    quoteOffset: fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: quarter(8), weight: quoteWeight }), { minLength: L - 1, maxLength: L - 1 }),
    real: fc.array(fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: zeroWeight }, { arbitrary: quarter(realRange), weight: 3 }), { minLength: L - 1, maxLength: L - 1 }), { minLength: N, maxLength: N }).map((r) => r.map((row, j) => (j === player ? row.map(() => 0) : row))),
    settle: fc.constantFrom(...outsiders),
  });
}

/** Unilateral deviations (GR.WE.nash): one player, its quote mostly kept. */
export function unilateralArb(): fc.Arbitrary<DeviationCase> {
  return stateCaseArb().chain((c) => {
    const N = c.economy.types.length;
    const L = c.economy.omega[0].length;
    return fc.integer({ min: 0, max: N - 1 }).chain((i) => memberArb(N, L, i, [i], 1, 12, 2).map((m) => ({ ...c, deviation: [m] })));
  });
}

/** Pair deviations (GR.Thm1.strong-collusion-proof): two players, quotes often moved. */
export function pairArb(): fc.Arbitrary<DeviationCase> {
  return stateCaseArb().chain((c) => {
    const N = c.economy.types.length;
    const L = c.economy.omega[0].length;
    return fc
      .tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 1, max: N - 1 }))
      .chain(([i, d]) => {
        const j = (i + d) % N;
        return fc.tuple(memberArb(N, L, i, [i, j], 3, 3, 8), memberArb(N, L, j, [i, j], 3, 3, 8));
      })
      .map((members) => ({ ...c, deviation: members }));
  });
}

// ---------------------------------------------------------------- decoding

/** A saved state case, validated (the economy as claims-agv's decodeEconomy checks it; the state in range); throws InputError naming the field. */
export function decodeStateCase(json: unknown): StateCase {
  const r = z.object({ economy: z.unknown(), state: z.number().int().min(0) }).passthrough().safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'case', r.error.issues[0].message);
  const s = decodeEconomy(r.data.economy);
  const P = s.types.reduce((p, k) => p * k, 1);
  if (r.data.state >= P) throw new InputError('state', `must be below ${P}, the number of type profiles`);
  return { economy: s, state: r.data.state };
}

const Member = z.strictObject({
  player: z.number().int().min(0),
  quoteOffset: z.array(z.number().refine(Number.isFinite, 'must be finite')),
  real: z.array(z.array(z.number().refine(Number.isFinite, 'must be finite'))),
  settle: z.number().int().min(0),
});

/** A saved deviation case, validated: distinct members, settling partners outside the coalition, shapes N × (L − 1); throws InputError naming the field. */
export function decodeDeviationCase(json: unknown): DeviationCase {
  const r = z.strictObject({ economy: z.unknown(), state: z.unknown(), deviation: z.array(Member).min(1) }).safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'case', r.error.issues[0].message);
  const c = decodeStateCase({ economy: r.data.economy, state: r.data.state });
  const N = c.economy.types.length;
  const L = c.economy.omega[0].length;
  const players = r.data.deviation.map((m) => m.player);
  r.data.deviation.forEach((m, k) => {
    const at = `deviation.${k}`;
    if (m.player >= N || players.indexOf(m.player) !== k) throw new InputError(`${at}.player`, `must be a distinct player below ${N}`);
    if (m.settle >= N || players.includes(m.settle)) throw new InputError(`${at}.settle`, `must be a player below ${N} outside the coalition`);
    if (m.quoteOffset.length !== L - 1) throw new InputError(`${at}.quoteOffset`, `must have ${L - 1} entries (the real goods)`);
    if (m.real.length !== N || m.real.some((row) => row.length !== L - 1)) throw new InputError(`${at}.real`, `must be ${N} × ${L - 1}`);
  });
  if (players.length >= N) throw new InputError('deviation', 'the coalition must leave someone outside');
  return { ...c, deviation: r.data.deviation };
}

// ---------------------------------------------------------------- simplification

/** The economy without agent k (prior marginalised), the state mapped; null when it would break an assumption. */
function dropAgent(c: StateCase, k: number): StateCase | null {
  const s = c.economy;
  const N = s.types.length;
  if (N <= 3) return null; // N ≥ 3 (Assumption 1)
  const keep = <T>(_: T, i: number) => i !== k;
  const ps = profiles(s.types);
  const types = s.types.filter(keep);
  const qs = profiles(types);
  const prior = qs.map((t) => ps.reduce((q, p, idx) => (p.filter(keep).every((v, i) => v === t[i]) ? q + s.prior[idx] : q), 0));
  const t = ps[c.state].filter(keep);
  const state = qs.findIndex((q) => q.every((v, i) => v === t[i]));
  const omega = s.omega.filter(keep);
  const L = omega[0].length;
  const total = Array.from({ length: L - 1 }, (_, h) => omega.reduce((a, w) => a + w[h], 0));
  if (total.some((v) => v === 0)) return null;
  return { economy: { types, a: s.a.filter(keep), b: s.b.filter(keep), omega, prior }, state };
}

const reindex = (i: number, k: number) => (i > k ? i - 1 : i);

/** The case with agents relabelled: new agent k is old agent perm[k] (economy, prior, state and deviation follow). */
export function permuteDeviationCase(c: DeviationCase, perm: readonly number[]): DeviationCase {
  const s = c.economy;
  const inv = perm.map((_, k) => perm.indexOf(k));
  const types = perm.map((k) => s.types[k]);
  const oldIndex = new Map(profiles(s.types).map((t, idx) => [t.join(','), idx]));
  const oldOf = (t: readonly number[]) => oldIndex.get(perm.map((_, k) => t[inv[k]]).join(','))!;
  const prior = profiles(types).map((t) => s.prior[oldOf(t)]);
  const oldState = profiles(s.types)[c.state];
  const state = profiles(types).findIndex((t) => t.every((v, k) => v === oldState[perm[k]]));
  return {
    economy: { types, a: perm.map((k) => s.a[k]), b: perm.map((k) => s.b[k]), omega: perm.map((k) => s.omega[k]), prior },
    state,
    deviation: c.deviation.map((m) => ({ player: inv[m.player], settle: inv[m.settle], quoteOffset: m.quoteOffset, real: perm.map((k) => m.real[k]) })),
  };
}

/** Simpler deviation cases: the coalition relabelled first (then its settling partner), an uninvolved agent dropped, a real good dropped, a deviation entry zeroed or rounded. */
export function simplifyDeviationCase(c: DeviationCase): DeviationCase[] {
  const out: DeviationCase[] = [];
  const first = [...c.deviation.map((m) => m.player), c.deviation[0].settle];
  const perm = [...first, ...c.economy.types.map((_, k) => k).filter((k) => !first.includes(k))];
  if (perm.some((k, i) => k !== i)) out.push(permuteDeviationCase(c, perm));
  const N = c.economy.types.length;
  const L = c.economy.omega[0].length;
  const involved = new Set(c.deviation.flatMap((m) => [m.player, m.settle]));
  for (let k = 0; k < N; k++) {
    if (involved.has(k)) continue;
    const d = dropAgent(c, k);
    if (d) out.push({ ...d, deviation: c.deviation.map((m) => ({ player: reindex(m.player, k), settle: reindex(m.settle, k), quoteOffset: m.quoteOffset, real: m.real.filter((_, j) => j !== k) })) });
  }
  if (L > 2) {
    for (let h = 0; h < L - 1; h++) {
      const keep = <T>(_: T, g: number) => g !== h;
      const s = c.economy;
      out.push({
        economy: { ...s, a: s.a.map((ai) => ai.map((at) => at.filter(keep))), b: s.b.map((bi) => bi.map((bt) => bt.filter(keep))), omega: s.omega.map((w) => w.filter(keep)) },
        state: c.state,
        deviation: c.deviation.map((m) => ({ ...m, quoteOffset: m.quoteOffset.filter(keep), real: m.real.map((r) => r.filter(keep)) })),
      });
    }
  }
  if (c.state !== 0) out.push({ ...c, state: 0 });
  // one deviation entry at a time: zeroed, then rounded towards 0 to a half, then to an integer
  const towards = (v: number, unit: number) => (v > 0 ? Math.floor(v / unit) * unit : Math.ceil(v / unit) * unit);
  c.deviation.forEach((m, k) => {
    const withMember = (mm: MemberDeviation) => ({ ...c, deviation: c.deviation.map((x, kk) => (kk === k ? mm : x)) });
    m.quoteOffset.forEach((v, h) => {
      if (v !== 0) out.push(withMember({ ...m, quoteOffset: m.quoteOffset.map((w, g) => (g === h ? 0 : w)) }));
    });
    m.real.forEach((row, j) =>
      row.forEach((v, h) => {
        if (v === 0) return;
        for (const nv of [0, towards(v, 1), towards(v, 0.5)]) if (nv !== v) out.push(withMember({ ...m, real: m.real.map((r, jj) => (jj === j ? r.map((w, g) => (g === h ? nv : w)) : r)) }));
      }),
    );
  });
  return out;
}

/** Climb: nudge one member's quotes and real demands by dyadic steps shrinking with `scale`. */
export function mutateDeviationCase(c: DeviationCase, rand: () => number, scale: number): DeviationCase {
  const step = (v: number, size: number) => Math.round((v + (rand() - 0.5) * size * scale) * 4) / 4;
  return {
    ...c,
    deviation: c.deviation.map((m) => ({
      ...m,
      quoteOffset: m.quoteOffset.map((v) => (rand() < 0.5 ? step(v, 2) : v)),
      real: m.real.map((row, j) => (j === m.player ? row : row.map((v) => (rand() < 0.5 ? step(v, 6) : v)))),
    })),
  };
}

const vec = (xs: readonly number[]) => `(${xs.join(', ')})`;

/** A state case in one line: N, L, the state, endowments, a and b at the state. */
export function describeStateCase(c: StateCase): string {
  const t = profiles(c.economy.types)[c.state];
  const s = c.economy;
  return `N = ${s.types.length}, L = ${s.omega[0].length}, state ${vec(t.map((v) => v + 1))}; ω ${s.omega.map(vec).join(' ')}; a ${t.map((ti, i) => vec(s.a[i][ti])).join(' ')}; b ${t.map((ti, i) => vec(s.b[i][ti])).join(' ')}`;
}

/** A member's deviation in words: quote offsets and non-zero real demand changes. */
export function describeMember(m: MemberDeviation): string {
  const trades = m.real.flatMap((row, j) => (row.some((v) => v !== 0) ? [`${vec(row)} from ${j + 1}`] : []));
  const q = m.quoteOffset.some((v) => v !== 0) ? `quotes p* + ${vec(m.quoteOffset)}` : 'quotes p*';
  return `player ${m.player + 1} ${q}, demands ${trades.join(', ') || 'nothing more'}, settles with ${m.settle + 1}`;
}

// ---------------------------------------------------------------- the arbitrage step

/**
 * The proof's arbitrage scene at a state: roles [i_o, j, i] (i_o under-quotes good h by `under` > 0,
 * j arbitrages quoting `pj` ≫ 0 on the real goods, i quotes p* and keeps the contract), arbitrary
 * actions of the other players and of i_o (quote offsets and demand changes, all goods, budgets
 * not respected: the coalition's side contract is anything), and z*^h = max(W, Ỹ, 0) + `extra`.
 */
export interface ArbitrageCase extends StateCase {
  roles: [number, number, number];
  h: number;
  under: number;
  pj: number[];
  others: { player: number; quoteOffset: number[]; demand: number[][] }[];
  extra: number;
}

/** The proof of Theorem 1's arbitrage scenes: roles, the under-quoted good, j's quote, others' arbitrary actions, z* above both thresholds. */
export function arbitrageArb(): fc.Arbitrary<ArbitrageCase> {
  return stateCaseArb().chain((c) => {
    const N = c.economy.types.length;
    const L = c.economy.omega[0].length;
    const roles = fc.shuffledSubarray(Array.from({ length: N }, (_, k) => k), { minLength: 3, maxLength: 3 }) as fc.Arbitrary<number[]>;
    return roles.chain((r) => {
      const free = Array.from({ length: N }, (_, k) => k).filter((k) => k !== r[1] && k !== r[2]);
      const act = (player: number) =>
        fc.record({
          player: fc.constant(player),
          quoteOffset: fc.array(fc.oneof(fc.constant(0), quarter(8)), { minLength: L - 1, maxLength: L - 1 }),
          demand: fc.array(fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: quarter(8), weight: 1 }), { minLength: L, maxLength: L }), { minLength: N, maxLength: N }).map((d) => d.map((row, j) => (j === player ? row.map(() => 0) : row))),
        });
      return fc.record({
        economy: fc.constant(c.economy),
        state: fc.constant(c.state),
        roles: fc.constant(r as [number, number, number]),
        h: fc.integer({ min: 0, max: L - 2 }),
        under: fc.integer({ min: 1, max: 16 }).map((k) => k / 4),
        // j's quote: ordinary, or small enough that i's bankruptcy (W) sets z*
        pj: fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }).map((k) => k / 4), fc.integer({ min: 1, max: 4 }).map((k) => k / 256)), { minLength: L - 1, maxLength: L - 1 }),
        // i_o always acts; each other player keeps the contract or acts
        others: fc.tuple(...free.map((k) => (k === r[0] ? act(k).map((a) => [a]) : fc.oneof(fc.constant([]), act(k).map((a) => [a]))))).map((xs) => xs.flat()),
        extra: fc.oneof(fc.constant(1 / 64), fc.integer({ min: 1, max: 64 }).map((k) => k / 4)),
      });
    });
  });
}

/** A saved arbitrage scene, validated (distinct roles, p_j > 0, z* strictly above the thresholds); throws InputError naming the field. */
export function decodeArbitrageCase(json: unknown): ArbitrageCase {
  const fin = z.number().refine(Number.isFinite, 'must be finite');
  const r = z
    .strictObject({
      economy: z.unknown(),
      state: z.unknown(),
      roles: z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]),
      h: z.number().int().min(0),
      under: fin.refine((v) => v > 0, 'must be > 0'),
      pj: z.array(fin.refine((v) => v > 0, 'must be > 0 (the proof\'s p_j > 0)')),
      others: z.array(z.strictObject({ player: z.number().int().min(0), quoteOffset: z.array(fin), demand: z.array(z.array(fin)) })),
      extra: fin.refine((v) => v > 0, 'must be > 0 (z* strictly above the thresholds)'),
    })
    .safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'case', r.error.issues[0].message);
  const c = decodeStateCase({ economy: r.data.economy, state: r.data.state });
  const N = c.economy.types.length;
  const L = c.economy.omega[0].length;
  const [io, j, i] = r.data.roles;
  if (Math.max(io, j, i) >= N || new Set(r.data.roles).size !== 3) throw new InputError('roles', `must be three distinct players below ${N}`);
  if (r.data.h >= L - 1) throw new InputError('h', `must be a real good below ${L - 1}`);
  if (r.data.pj.length !== L - 1) throw new InputError('pj', `must have ${L - 1} entries`);
  r.data.others.forEach((o, k) => {
    if (o.player >= N || o.player === j || o.player === i) throw new InputError(`others.${k}.player`, 'must be a player other than j and i');
    if (o.quoteOffset.length !== L - 1) throw new InputError(`others.${k}.quoteOffset`, `must have ${L - 1} entries`);
    if (o.demand.length !== N || o.demand.some((row) => row.length !== L)) throw new InputError(`others.${k}.demand`, `must be ${N} × ${L}`);
  });
  return { ...r.data, economy: c.economy, state: c.state, roles: [io, j, i] };
}

/** Simpler scenes: a player's action dropped (back to the contract; not i_o's), offsets and demands zeroed, extra rounded. */
export function simplifyArbitrageCase(c: ArbitrageCase): ArbitrageCase[] {
  const out: ArbitrageCase[] = [];
  c.others.forEach((o, k) => {
    if (o.player !== c.roles[0]) out.push({ ...c, others: c.others.filter((_, kk) => kk !== k) });
    if (o.demand.some((row) => row.some((v) => v !== 0))) out.push({ ...c, others: c.others.map((x, kk) => (kk === k ? { ...x, demand: x.demand.map((row) => row.map(() => 0)) } : x)) });
    if (o.quoteOffset.some((v) => v !== 0)) out.push({ ...c, others: c.others.map((x, kk) => (kk === k ? { ...x, quoteOffset: x.quoteOffset.map(() => 0) } : x)) });
  });
  if (c.extra !== 1) out.push({ ...c, extra: 1 });
  if (c.state !== 0) out.push({ ...c, state: 0 });
  return out;
}

// ---------------------------------------------------------------- Lemma 1

const fine = (lo: number, hi: number) => fc.integer({ min: 0, max: 2 ** 20 }).map((k) => lo + ((hi - lo) * k) / 2 ** 20);

/**
 * Generic economies for Lemma 1: curvatures in [7/8, 9/8] and margins a − b·ω̄ in [2, 3] drawn with
 * 2^−20 resolution (an exact coincidence of two states' prices is then an event of probability
 * about 2^−20 per pair), kept only when every efficient allocation is interior (Lemma 1 works with
 * interior Pareto optima); a quarter of them with one agent's two types made identical — the
 * non-generic exception.
 */
export function genericEconomyArb(): fc.Arbitrary<EconomySpec> {
  return fc.integer({ min: 3, max: 5 }).chain((N) =>
    fc.integer({ min: 2, max: 3 }).chain((L) => {
      const types = Array.from({ length: N }, () => 2);
      const arr = <T>(a: fc.Arbitrary<T>, n: number) => fc.array(a, { minLength: n, maxLength: n });
      return fc
        .record({
          real: arr(arr(fc.integer({ min: 1, max: 8 }).map((m) => m / 2), L - 1), N),
          b: arr(arr(arr(fine(7 / 8, 9 / 8), L - 1), 2), N),
          margin: arr(arr(arr(fine(2, 3), L - 1), 2), N),
          prior: arr(fc.integer({ min: 1, max: 9 }), 2 ** N),
          twin: fc.oneof({ arbitrary: fc.constant(-1), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: N - 1 }), weight: 1 }),
        })
        .map(({ real, b, margin, prior, twin }) => {
          const total = Array.from({ length: L - 1 }, (_, h) => real.reduce((s, r) => s + r[h], 0));
          let a = b.map((bi, i) => bi.map((bt, t) => bt.map((bh, h) => bh * total[h] + margin[i][t][h])));
          let bb = b;
          if (twin >= 0) {
            a = a.map((ai, i) => (i === twin ? [ai[0], [...ai[0]]] : ai));
            bb = b.map((bi, i) => (i === twin ? [bi[0], [...bi[0]]] : bi));
          }
          return { types, a, b: bb, omega: real.map((r) => [...r, 1]), prior };
        })
        // interior in every state, judged in doubles by the interior closed form with a margin far
        // above round-off (the property re-checks it exactly): exact rationals here made the
        // coverage judgement's extra samples cost seconds
        .filter((s) =>
          profiles(s.types).every((t) =>
            Array.from({ length: L - 1 }, (_, h) => h).every((h) => {
              const total = s.omega.reduce((a, w) => a + w[h], 0);
              const S = t.reduce((acc, ti, i) => acc + s.a[i][ti][h] / s.b[i][ti][h], 0);
              const R = t.reduce((acc, ti, i) => acc + 1 / s.b[i][ti][h], 0);
              const lam = (S - total) / R;
              return t.every((ti, i) => s.a[i][ti][h] - lam > 1e-6);
            }),
          ),
        );
    }),
  );
}

// ---------------------------------------------------------------- type-independent endowments

/** A product type space and a prior on it (weights ≥ 0 per profile, lexicographic, t_1 slowest). */
export interface EndowmentCase {
  types: number[];
  prior: number[];
}

/** N = 3–5 agents with 1–3 types; priors of full support (weights 1–9), or with some profiles at 0 (outside the premise, labelled). */
export function endowmentCaseArb(): fc.Arbitrary<EndowmentCase> {
  return fc.integer({ min: 3, max: 5 }).chain((N) =>
    // |T_i| = 1, 2, 3 with weights 1 : 4 : 2
    fc.array(fc.integer({ min: 0, max: 6 }).map((k): number => (k < 1 ? 1 : k < 5 ? 2 : 3)), { minLength: N, maxLength: N }).chain((types) => {
      const P = types.reduce((p, k) => p * k, 1);
      const full = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: P, maxLength: P });
      const holes = fc.array(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 9 }), weight: 2 }, { arbitrary: fc.constant(0), weight: 1 }), { minLength: P, maxLength: P }).map((w) => (w.every((v) => v === 0) ? [1, ...w.slice(1)] : w));
      return fc.record({ types: fc.constant(types), prior: fc.oneof({ arbitrary: full, weight: 7 }, { arbitrary: holes, weight: 3 }) });
    }),
  );
}

/** A saved type space and prior, validated (one weight ≥ 0 per profile, not all 0); throws InputError naming the field. */
export function decodeEndowmentCase(json: unknown): EndowmentCase {
  const r = z.strictObject({ types: z.array(z.number().int().min(1).max(4)).min(2).max(6), prior: z.array(z.number().refine(Number.isFinite, 'must be finite').min(0)) }).safeParse(json);
  if (!r.success) throw new InputError(r.error.issues[0].path.map(String).join('.') || 'case', r.error.issues[0].message);
  const P = r.data.types.reduce((p, k) => p * k, 1);
  if (r.data.prior.length !== P || r.data.prior.every((v) => v === 0)) throw new InputError('prior', `must give a weight ≥ 0 to each of the ${P} profiles, not all 0`);
  return r.data;
}
