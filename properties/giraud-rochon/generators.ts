/**
 * Action profiles of Giraud & Rochon's game form (Section 2.2) for the outcome claims. Every number
 * is a dyadic rational with a small denominator (quotes k/8, quantities m/4), so profiles are exact
 * as doubles and a budget built to bind binds exactly (outcome.ts reads each double as the rational
 * it is). N = 3–5 players, L = 2–3 goods, as the catalogue asks; endowments announced e_i ≤ ω_i.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { Profile } from '../../src/models/giraud-rochon/outcome.ts';
import { InputError } from '../../src/errors.ts';

/** A profile with the true endowments ω_i beside the announced ones (e_i ≤ ω_i). */
export interface GameCase {
  profile: Profile<number>;
  omega: number[][];
}

const quote = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.constant(1), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 32 }).map((k) => k / 8), weight: 4 });
const qty = (max: number) => fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: -4 * max, max: 4 * max }).map((m) => m / 4), weight: 5 });
const endowment = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 40 }).map((m) => m / 4), weight: 5 });

/** N, L, quotes (last entry 1), endowments not zero with announced parts e ≤ ω; `rich`: every ω_i^h in [6, 16]. */
const frameOf = (rich: boolean) => fc.integer({ min: 3, max: 5 }).chain((N) =>
  fc.integer({ min: 2, max: 3 }).chain((L) =>
    fc.record({
      N: fc.constant(N),
      L: fc.constant(L),
      quotes: fc.array(fc.array(quote, { minLength: L - 1, maxLength: L - 1 }).map((p) => [...p, 1]), { minLength: N, maxLength: N }),
      omega: fc.array(fc.array(rich ? fc.integer({ min: 24, max: 64 }).map((m) => m / 4) : endowment, { minLength: L, maxLength: L }).map((w) => (w.every((v) => v === 0) ? [...w.slice(0, -1), 1] : w)), { minLength: N, maxLength: N }),
      // announced share of each good: all of it (the proof's e_i = ω_i) or a dyadic part
      share: fc.array(fc.array(rich ? fc.constant(1) : fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 4 }).map((k) => k / 4)), { minLength: L, maxLength: L }), { minLength: N, maxLength: N }),
    }),
  ),
);
const frame = frameOf(false);

function announced(omega: number[][], share: number[][]): number[][] {
  return omega.map((w, i) => {
    const e = w.map((v, h) => v * share[i][h]);
    return e.every((v) => v === 0) ? w : e; // e_i ≠ 0 (footnote 3)
  });
}

const zeros = (L: number) => Array.from({ length: L }, () => 0);

/** Any profile: demands drawn freely (most players bankrupt under some quote), quantities up to `max`. */
export function profileArb(max = 6): fc.Arbitrary<GameCase> {
  return frame.chain((f) =>
    fc.array(fc.array(fc.array(qty(max), { minLength: f.L, maxLength: f.L }), { minLength: f.N, maxLength: f.N }), { minLength: f.N, maxLength: f.N }).map((d) => ({
      profile: { quotes: f.quotes, demands: d.map((row, i) => row.map((z, j) => (i === j ? zeros(f.L) : z))), endowments: announced(f.omega, f.share) },
      omega: f.omega,
    })),
  );
}

/**
 * A profile in which every budget (1) holds — random ones rarely do. The goods parts of the demands
 * are drawn; then the numéraire x_i of i's demand on i + 1 (mod N) is solved for so that
 * lhs_i = −s_i with slacks s_i ≥ 0 (often 0: binding). lhs_i = c_i + x_i − x_{i−1} (each numéraire
 * unit is worth 1 at every quote), so Σ_i lhs_i = Σ_i c_i and the slacks must sum to −Σ c: when
 * Σ c > 0 the goods parts are negated (Σ c is linear in them). Binding budgets are exact: every
 * number is dyadic with a small denominator.
 */
export function solventProfileArb(max = 2): fc.Arbitrary<GameCase> {
  // Half the profiles with endowments large against the trades, so holdings e + ψ are often all
  // non-negative (the claim's second part); the other half as any profile's.
  return fc.oneof(frameOf(false), frameOf(true)).chain((f) =>
    fc.record({
      goods: fc.array(fc.array(fc.array(qty(max), { minLength: f.L - 1, maxLength: f.L - 1 }), { minLength: f.N, maxLength: f.N }), { minLength: f.N, maxLength: f.N }),
      slackShare: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }).map((k) => k / 4)), { minLength: f.N, maxLength: f.N }),
    }).map(({ goods, slackShare }) => {
      const { N, L, quotes } = f;
      let g = goods.map((row, i) => row.map((z, j) => (i === j ? zeros(L - 1) : z)));
      // c_i: the value of i's goods trades at the partners' quotes
      const cOf = (gg: number[][][]) => Array.from({ length: N }, (_, i) => {
        let s = 0;
        for (let j = 0; j < N; j++) if (j !== i) for (let h = 0; h < L - 1; h++) s += quotes[j][h] * (gg[i][j][h] - gg[j][i][h]);
        return s;
      });
      let c = cOf(g);
      if (c.reduce((a, b) => a + b, 0) > 0) {
        g = g.map((row) => row.map((z) => z.map((v) => -v)));
        c = cOf(g);
      }
      const total = -c.reduce((a, b) => a + b, 0); // ≥ 0: the slacks' sum
      // slacks for players 1..N−1 take dyadic shares of what is left; player 0 gets the rest
      const s = Array.from({ length: N }, () => 0);
      let left = total;
      for (let i = 1; i < N; i++) {
        s[i] = left * slackShare[i];
        left -= s[i];
      }
      s[0] = left;
      // x_0 = 0; x_i = x_{i−1} − c_i − s_i for i = 1..N−1 (player 0's equation then holds by the sums)
      const x = Array.from({ length: N }, () => 0);
      for (let i = 1; i < N; i++) x[i] = x[i - 1] - c[i] - s[i];
      const demands = g.map((row, i) => row.map((z, j) => (i === j ? zeros(L) : [...z, j === (i + 1) % N ? x[i] : 0])));
      return { profile: { quotes, demands, endowments: announced(f.omega, f.share) }, omega: f.omega };
    }),
  );
}

const num = z.number().refine(Number.isFinite, 'must be finite');
const GameShape = z.strictObject({
  profile: z.strictObject({
    quotes: z.array(z.array(num.refine((v) => v >= 0, 'must be ≥ 0'))).min(2),
    demands: z.array(z.array(z.array(num))),
    endowments: z.array(z.array(num.refine((v) => v >= 0, 'must be ≥ 0'))),
    transfers: z.array(num).optional(),
  }),
  omega: z.array(z.array(num)),
});

/** A saved game case, validated (shapes agree, quotes end in 1, e ≤ ω). */
export function decodeGameCase(json: unknown): GameCase {
  const r = GameShape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError(i.path.map(String).join('.'), i.message);
  }
  const c = r.data as GameCase;
  const N = c.profile.quotes.length;
  const L = c.profile.quotes[0].length;
  const shaped = (a: readonly unknown[], n: number) => a.length === n;
  if (!shaped(c.profile.demands, N) || c.profile.demands.some((row) => !shaped(row, N) || row.some((z) => !shaped(z, L)))) throw new InputError('profile.demands', `must be ${N} × ${N} × ${L}`);
  if (!shaped(c.profile.endowments, N) || !shaped(c.omega, N)) throw new InputError('profile.endowments', `must have ${N} rows`);
  c.profile.quotes.forEach((p, i) => {
    if (p.length !== L || p[L - 1] !== 1) throw new InputError(`profile.quotes.${i}`, `must have ${L} entries, the last 1`);
  });
  c.profile.endowments.forEach((e, i) => {
    if (e.length !== L || e.some((v, h) => v > c.omega[i][h])) throw new InputError(`profile.endowments.${i}`, 'must have L entries, each at most ω');
  });
  return c;
}

/** Simpler profiles: a player dropped (N ≥ 3 kept, Assumption 1) or a good dropped (L ≥ 1 kept). */
export function simplifyGameCase(c: GameCase): GameCase[] {
  const { quotes, demands, endowments } = c.profile;
  const N = quotes.length;
  const L = quotes[0].length;
  const out: GameCase[] = [];
  for (let k = 0; k < N && N > 3; k++) { // N ≥ 3 (Assumption 1)
    const keep = (_: unknown, i: number) => i !== k;
    out.push({ profile: { quotes: quotes.filter(keep), demands: demands.filter(keep).map((row) => row.filter(keep)), endowments: endowments.filter(keep) }, omega: c.omega.filter(keep) });
  }
  for (let h = 0; h < L - 1 && L > 1; h++) {
    const keep = (_: unknown, g: number) => g !== h;
    const e = endowments.map((r) => r.filter(keep));
    if (e.some((r) => r.every((v) => v === 0))) continue;
    out.push({ profile: { quotes: quotes.map((r) => r.filter(keep)), demands: demands.map((row) => row.map((z) => z.filter(keep))), endowments: e }, omega: c.omega.map((r) => r.filter(keep)) });
  }
  return out;
}

/** A profile in one readable line. */
export function describeGameCase(c: GameCase): string {
  const v = (xs: readonly number[]) => `(${xs.join(', ')})`;
  const { quotes, demands, endowments } = c.profile;
  const trades: string[] = [];
  demands.forEach((row, i) => row.forEach((z, j) => {
    if (i !== j && z.some((x) => x !== 0)) trades.push(`${i + 1}→${j + 1} ${v(z)}`);
  }));
  return `N = ${quotes.length}, L = ${quotes[0].length}; quotes ${quotes.map(v).join(' ')}; e ${endowments.map(v).join(' ')}; demands ${trades.join(', ') || 'none'}`;
}
