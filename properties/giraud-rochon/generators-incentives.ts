/**
 * Economies for the incentive and efficiency claims of Giraud & Rochon (2001): quasi-linear,
 * quadratic separable v (economy.ts) with a = b·ω̄ + margin (> b·ω̄: v increasing on every feasible
 * bundle, Assumption 1), type-independent endowments, every number dyadic so everything is exact,
 * and a full-support prior (Q(t) > 0, Section 2.1): independent (a product of integer marginal
 * weights) or correlated (an integer weight per profile).
 */
import fc from 'fast-check';
import { economy, isIndependent, profiles, type EconomySpec } from '../../src/models/giraud-rochon/economy.ts';
import { InputError } from '../../src/errors.ts';
import { decodeEconomy } from './claims-agv.ts';

export interface EconomyOptions {
  prior: 'independent' | 'correlated' | 'either';
  minN: number;
  maxN: number;
  /** Agents with 3 types (the rest 2) are allowed when N ≤ this. */
  threeTypesUpToN?: number;
  maxL?: number;
  /** Relative weight of each N (default: uniform): large N costs LPs with N·|T| columns, so claims keep it rarer. */
  weightN?: (N: number) => number;
}

/** An economy of the options' shape (see the module comment). */
export function incentiveEconomyArb(o: EconomyOptions): fc.Arbitrary<EconomySpec> {
  const Ns = Array.from({ length: o.maxN - o.minN + 1 }, (_, k) => o.minN + k);
  const nArb = o.weightN ? fc.oneof(...Ns.map((N) => ({ arbitrary: fc.constant(N), weight: o.weightN!(N) }))) : fc.integer({ min: o.minN, max: o.maxN });
  return nArb.chain((N) =>
    fc
      .record({
        L: fc.integer({ min: 2, max: o.maxL ?? 3 }),
        types: fc.array(N <= (o.threeTypesUpToN ?? 0) ? fc.oneof({ arbitrary: fc.constant(2), weight: 3 }, { arbitrary: fc.constant(3), weight: 1 }) : fc.constant(2), { minLength: N, maxLength: N }),
      })
      .chain(({ L, types }) => {
        const P = types.reduce((p, k) => p * k, 1);
        const perType = <T>(a: fc.Arbitrary<T>) => fc.tuple(...types.map((k) => fc.array(fc.array(a, { minLength: L - 1, maxLength: L - 1 }), { minLength: k, maxLength: k })));
        const omega = fc.array(fc.array(fc.integer({ min: 0, max: 8 }).map((m) => m / 2), { minLength: L, maxLength: L }).map((w) => (w.every((v) => v === 0) ? [...w.slice(0, -1), 1] : w)), { minLength: N, maxLength: N });
        const marginals = fc.tuple(...types.map((k) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: k, maxLength: k })));
        const independent = marginals.map((m) => profiles(types).map((t) => t.reduce((q, ti, i) => q * m[i][ti], 1)));
        const correlated = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: P, maxLength: P });
        const prior = o.prior === 'independent' ? independent : o.prior === 'correlated' ? correlated : fc.oneof(independent, correlated);
        return fc
          .record({ omega, curv: perType(fc.integer({ min: 1, max: 8 }).map((k) => k / 4)), margin: perType(fc.integer({ min: 1, max: 16 }).map((k) => k / 4)), prior })
          .map(({ omega: w, curv: b, margin: m, prior: q }) => {
            const total = Array.from({ length: L }, (_, h) => w.reduce((s, r) => s + r[h], 0));
            return { types, a: b.map((bi, i) => bi.map((bt, t) => bt.map((bh, h) => bh * total[h] + m[i][t][h]))), b: b as number[][][], omega: w, prior: q };
          });
      }),
  );
}

/** A saved economy (claims-agv.ts's validation) with a full-support prior (Q(t) > 0, Section 2.1). */
export function decodeFullSupport(json: unknown, field = ''): EconomySpec {
  let s: EconomySpec;
  try {
    s = decodeEconomy(json);
  } catch (e) {
    if (e instanceof InputError && field) throw new InputError(`${field}.${e.field}`, e.detail);
    throw e;
  }
  const k = s.prior.findIndex((v) => !(v > 0));
  if (k >= 0) throw new InputError(`${field ? `${field}.` : ''}prior.${k}`, 'must be > 0 (Q(t) > 0 for every profile, Section 2.1)');
  return s;
}

/** One line: N, L, types, a, b, ω, the prior's weights and whether it is a product. */
export function describeIncentiveEconomy(s: EconomySpec): string {
  const e = economy(s);
  return `N = ${e.N}, L = ${e.L}, types ${JSON.stringify(s.types)}; a ${JSON.stringify(s.a)}, b ${JSON.stringify(s.b)}; ω ${JSON.stringify(s.omega)}; prior ∝ ${JSON.stringify(s.prior)} (${isIndependent(e) ? 'independent' : 'correlated'})`;
}

/**
 * Simpler economies: a real good dropped (L ≥ 2 kept), an agent's third type dropped (its prior
 * weights removed), the prior's weights divided by their gcd, ω rounded to integers where a > b·ω̄ stays.
 */
export function simplifyIncentiveEconomy(s: EconomySpec, minN: number): EconomySpec[] {
  const out: EconomySpec[] = [];
  const L = s.omega[0].length;
  const N = s.types.length;
  const ps = profiles(s.types);
  if (L > 2) out.push({ ...s, a: s.a.map((ai) => ai.map((at) => at.slice(1))), b: s.b.map((bi) => bi.map((bt) => bt.slice(1))), omega: s.omega.map((w) => w.slice(1)) });
  for (let i = 0; i < N; i++) {
    if (s.types[i] < 3) continue;
    const types = s.types.map((k, j) => (j === i ? k - 1 : k));
    out.push({ ...s, types, a: s.a.map((ai, j) => (j === i ? ai.slice(0, -1) : ai)), b: s.b.map((bi, j) => (j === i ? bi.slice(0, -1) : bi)), prior: s.prior.filter((_, k) => ps[k][i] < types[i]) });
  }
  for (let k = 0; k < N && N > minN; k++) {
    const keep = <T>(_: T, i: number) => i !== k;
    const types = s.types.filter(keep);
    const prior = profiles(types).map((t) => ps.reduce((q, p, idx) => (p.filter(keep).every((v, i) => v === t[i]) ? q + s.prior[idx] : q), 0));
    const omega = s.omega.filter(keep);
    const total = Array.from({ length: L }, (_, h) => omega.reduce((t, w) => t + w[h], 0));
    // a > b·ω̄ must survive the smaller total (it does: ω̄ only falls)
    if (omega.some((w) => w.every((v) => v === 0)) || total.every((v) => v === 0)) continue;
    out.push({ types, a: s.a.filter(keep), b: s.b.filter(keep), omega, prior });
  }
  const g = s.prior.reduce((a, b) => gcd(a, b));
  if (g > 1 && s.prior.every(Number.isInteger)) out.push({ ...s, prior: s.prior.map((v) => v / g) });
  return out;
}

function gcd(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return 1;
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}
