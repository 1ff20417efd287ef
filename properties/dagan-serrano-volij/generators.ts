/**
 * Exchange economies inside Dagan, Serrano & Volij's assumptions (Section 2; the DSV preamble of
 * CLAIMS.md) for the claims: 2–5 types with masses, 2–4 goods (good 0 the divisible numéraire),
 * endowments e ≫ 0, utilities CES with σ ≥ 1 or the bounded Cobb–Douglas cardinalisation.
 *
 * Numbers are value-uniform draws on grids with edge bias (never fc.double over bit patterns):
 * masses and endowments are dyadic (k/8, k/4), CES weights small integers, σ on a grid of quarters
 * with 1 and 20 as edges, Cobb–Douglas shares w_k/Σw with integer w (rational, so exact
 * certificates can use them). Economies with indivisible goods are built backwards from their
 * equilibrium (prices and integer bundles first, shares that make each bundle the demand, then
 * value-preserving swaps for the endowments), because a random economy's convexified equilibrium is
 * almost never integer in an indivisible good.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { Economy, Utility } from '../../src/economy/utilities.ts';
import { checkEconomy } from '../../src/economy/walrasian.ts';
import { InputError } from '../../src/errors.ts';

/** k/den for k uniform in [lo·den, hi·den], with the ends as edge cases. */
export const dyadic = (lo: number, hi: number, den: number): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(lo, hi), weight: 1 },
    { arbitrary: fc.integer({ min: Math.ceil(lo * den), max: Math.floor(hi * den) }).map((k) => k / den), weight: 5 },
  );

/** Cobb–Douglas shares w_k / Σw, w_k ∈ 1..8 (rational; the edge: equal shares). */
export const cobbDouglasArb = (n: number): fc.Arbitrary<Utility> =>
  fc
    .oneof({ arbitrary: fc.constant(new Array<number>(n).fill(1)), weight: 1 }, { arbitrary: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }), weight: 5 })
    .map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return { kind: 'cobb-douglas' as const, alpha: w.map((v) => v / s) };
    });

/** CES with integer weights 1..8 and σ ∈ {1, quarters in (1, 8], 20} (gross substitutes). */
export const cesArb = (n: number): fc.Arbitrary<Utility> =>
  fc.record({
    kind: fc.constant('ces' as const),
    alpha: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
    sigma: fc.oneof({ arbitrary: fc.constantFrom(1, 20), weight: 1 }, { arbitrary: fc.integer({ min: 5, max: 32 }).map((k) => k / 4), weight: 4 }),
  });

export interface EconomyShape {
  types?: [number, number];
  goods?: [number, number];
  /** Utility families: 'cd' Cobb–Douglas only, 'ces' CES only, 'mixed' either per type (default). */
  family?: 'cd' | 'ces' | 'mixed';
  /** Equal masses (replicas, finite populations of one agent per type). */
  equalMasses?: boolean;
}

/** A divisible economy: T types, n goods, masses in [1/8, 4], endowments in [1/4, 10] (e ≫ 0). */
export function divisibleEconomyArb(shape: EconomyShape = {}): fc.Arbitrary<Economy> {
  const [t0, t1] = shape.types ?? [2, 5];
  const [n0, n1] = shape.goods ?? [2, 4];
  const fam = shape.family ?? 'mixed';
  return fc.integer({ min: t0, max: t1 }).chain((T) =>
    fc.integer({ min: n0, max: n1 }).chain((n) => {
      const util = fam === 'cd' ? cobbDouglasArb(n) : fam === 'ces' ? cesArb(n) : fc.oneof(cobbDouglasArb(n), cesArb(n));
      const mass = shape.equalMasses ? fc.constant(1) : dyadic(1 / 8, 4, 8);
      return fc
        .array(fc.record({ mass, endowment: fc.array(dyadic(1 / 4, 10, 4), { minLength: n, maxLength: n }), utility: util }), { minLength: T, maxLength: T })
        .map((types) => ({ types }));
    }),
  );
}

/**
 * An economy with indivisible goods whose Walrasian equilibrium is known to be integer: prices
 * p (good 0 = 1, others k/4 in [1/4, 4]), bundles x_t (integers 1..6 in indivisible goods, k/4 in
 * [1/4, 8] otherwise), Cobb–Douglas shares α_tk = p_k x_tk / p·x_t (so x_t is t's demand at p),
 * equal masses, and endowments e_t = x_t moved by value-preserving swaps (one unit of an
 * indivisible good against its price in good 0) — so Σ e = Σ x, p·e_t = p·x_t, integer holdings.
 */
export function indivisibleEconomyArb(shape: EconomyShape = {}): fc.Arbitrary<Economy> {
  const [t0, t1] = shape.types ?? [2, 5];
  const [n0, n1] = shape.goods ?? [2, 4];
  return fc.integer({ min: t0, max: t1 }).chain((T) =>
    fc.integer({ min: Math.max(2, n0), max: n1 }).chain((n) =>
      fc
        .record({
          indivisible: fc.subarray(Array.from({ length: n - 1 }, (_, k) => k + 1), { minLength: 1 }),
          prices: fc.array(dyadic(1 / 4, 4, 4), { minLength: n - 1, maxLength: n - 1 }),
          x0: fc.array(dyadic(4, 16, 4), { minLength: T, maxLength: T }),
          rest: fc.array(fc.array(fc.integer({ min: 1, max: 32 }), { minLength: n - 1, maxLength: n - 1 }), { minLength: T, maxLength: T }),
          swaps: fc.array(fc.record({ from: fc.nat(T - 1), to: fc.nat(T - 1), good: fc.nat(n - 2), units: fc.integer({ min: 1, max: 3 }) }), { maxLength: 6 }),
        })
        .map(({ indivisible, prices, x0, rest, swaps }) => {
          const p = [1, ...prices];
          const ind = [...indivisible].sort((a, b) => a - b);
          // Integer bundles 1..6 in indivisible goods (rest mod 6 + 1), k/4 otherwise.
          const x = x0.map((v, t) => [v, ...rest[t].map((r, j) => (ind.includes(j + 1) ? (r % 6) + 1 : r / 4))]);
          const e = x.map((b) => b.slice());
          for (const s of swaps) {
            const k = ind[s.good % ind.length];
            const d = s.units;
            // `to` hands d units of good k to `from`, which pays p_k·d in good 0; skipped if it would empty a holding.
            if (s.from === s.to || e[s.to][k] - d < 0 || e[s.from][0] - p[k] * d < 1 / 4) continue;
            e[s.to][k] -= d;
            e[s.from][k] += d;
            e[s.from][0] -= p[k] * d;
            e[s.to][0] += p[k] * d;
          }
          const types = x.map((b, t) => {
            const value = b.reduce((a, v, k) => a + p[k] * v, 0);
            return { mass: 1, endowment: e[t], utility: { kind: 'cobb-douglas' as const, alpha: b.map((v, k) => (p[k] * v) / value) } };
          });
          return { types, indivisible: ind };
        }),
    ),
  );
}

/** Either kind, about a third with indivisible goods. */
export function economyArb(shape: EconomyShape = {}): fc.Arbitrary<Economy> {
  return fc.oneof({ arbitrary: divisibleEconomyArb(shape), weight: 2 }, { arbitrary: indivisibleEconomyArb(shape), weight: 1 });
}

/** Coverage labels of an economy. */
export function economyLabels(e: Economy): string[] {
  const kinds = new Set(e.types.map((t) => (t.utility.kind === 'ces' ? (t.utility.sigma === 1 ? 'ces σ=1' : 'ces σ>1') : t.utility.kind)));
  return [`T=${e.types.length}`, `n=${e.types[0].endowment.length}`, e.indivisible?.length ? 'indivisible' : 'divisible', ...[...kinds].map((k) => `has ${k}`)];
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(+v.toPrecision(6)));
const fmtU = (u: Utility) =>
  u.kind === 'ces' ? `ces(α=${u.alpha.map(fmt).join('/')},σ=${fmt(u.sigma)})` : u.kind === 'cobb-douglas' ? `cd(${u.alpha.map(fmt).join('/')})` : u.kind;

/** One readable line: each type's mass, endowment and utility; indivisible goods. */
export function describeEconomy(e: Economy): string {
  const types = e.types.map((t, i) => `t${i}: m=${fmt(t.mass)} e=(${t.endowment.map(fmt).join(',')}) ${fmtU(t.utility)}`).join('; ');
  return `${types}${e.indivisible?.length ? `; indivisible ${e.indivisible.join(',')}` : ''}`;
}

/** Simpler economies: a type dropped (the last one, when ≥ 3 remain... ≥ 2), masses set to 1, endowments rounded to quarters. */
export function simplifyEconomy(e: Economy): Economy[] {
  const out: Economy[] = [];
  if (e.types.length > 2) for (let i = e.types.length - 1; i >= 0; i--) out.push({ ...e, types: e.types.filter((_, j) => j !== i) });
  if (e.types.some((t) => t.mass !== 1)) out.push({ ...e, types: e.types.map((t) => ({ ...t, mass: 1 })) });
  const round = e.types.map((t) => ({ ...t, endowment: t.endowment.map((v) => Math.max(1 / 4, Math.round(v * 4) / 4)) }));
  if (round.some((t, i) => t.endowment.some((v, k) => v !== e.types[i].endowment[k]))) out.push({ ...e, types: round });
  return out.filter((x) => {
    try {
      checkEconomy(x);
      return true;
    } catch {
      return false;
    }
  });
}

const UtilitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ces'), alpha: z.array(z.number()), sigma: z.number() }),
  z.strictObject({ kind: z.literal('cobb-douglas'), alpha: z.array(z.number()) }),
]);
export const EconomySchema = z.strictObject({
  types: z.array(z.strictObject({ mass: z.number(), endowment: z.array(z.number()), utility: UtilitySchema })),
  indivisible: z.array(z.number()).optional(),
});

/** Validate an economy read from a saved case (InputError naming the field). */
export function decodeEconomy(json: unknown, field = 'economy'): Economy {
  const r = EconomySchema.safeParse(json);
  if (!r.success) throw new InputError(`${field}.${r.error.issues[0].path.join('.')}`, r.error.issues[0].message);
  checkEconomy(r.data, field);
  return r.data;
}
