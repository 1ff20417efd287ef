/**
 * Jackson & Palfrey (1996), Example 2 (Section 7) in exact arithmetic: m = 1/2, δ = 1, T = 2,
 * buyers uniform on [0, 1] with mass 1, sellers mass m at 0 and 1 − m at 1, c = √2 − 1.
 *
 * The period-1 reservation prices are derived here from the model's definitions (Section 3,
 * "Reservation Prices": p̄_1^s = s + δu_2^s, p̄_1^b = b − δu_2^b), not typed in:
 * - Period 2 has seller take-it-or-leave-it offers over [0, 1], so a 0-seller offers b and the
 *   buyer signs (rule (ii)); a 1-seller can ask no more than b ≤ 1, so she earns 0. Hence every
 *   buyer's continuation value is u_2^b(b) = 0 and p̄_1^b(b) = b; p̄_1^s(1) = 1 + 0 = 1.
 * - Masses stay equal (trades remove one buyer and one seller), so a seller meets a buyer for sure
 *   and u_2^s(0) = E_{B_2}[b], the mean of the period-2 buyers.
 * - Under the efficient rule (0-sellers trade with b ≥ c in period 1, a buyer meeting a 0-seller
 *   with probability m), B_2 has density 1 on [0, c] and 1 − m on [c, 1] (Example 1), so
 *   E_{B_2}[b] = (c²/2 + (1 − m)(1 − c²)/2) / (c + (1 − m)(1 − c)) = (1 + c²)/(2(1 + c)) at
 *   m = 1/2, which equals c exactly because c² + 2c − 1 = 0: p̄_1^s(0) = c, the tie of Example 2.
 * - Under "all sellers wait", B_2 = B_1 and p̄_1^s(0) = E_{B_1}[b] = 1/2 > c.
 * The mean is computed below by integrating the pieces in Q(√2); the claims check that it lands on
 * c (resp. 1/2) rather than assume it. (The market model will cross-check these later.)
 */
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { QuadraticNumber, SQRT2_MINUS_1 } from '../../src/numeric/quadratic-field.ts';
import { exactOrder, type Order } from '../../src/models/jackson-palfrey/games/order.ts';

export type QN = QuadraticNumber;

/** c = √2 − 1 (Example 2; the paper prints it as 2/√2 − 1). */
export const C: QN = SQRT2_MINUS_1;

/** Sellers' mass at 0 (Example 2: m = 1/2). */
export const M: QN = QuadraticNumber.of('1/2');

const ZERO = QuadraticNumber.of(0);
const ONE = QuadraticNumber.of(1);

/** The exact order of Q(√2): tie tolerance 0 (order.ts). */
export const qOrder: Order<QN> = exactOrder<QN>((a, b) => a.compare(b));

/** A piece of a piecewise-uniform buyer density: `density` on [lo, hi]. */
export interface BuyerPiece {
  readonly lo: QN;
  readonly hi: QN;
  readonly density: QN;
}

/** E[b] under a piecewise-uniform buyer measure, exactly: Σ density·(hi² − lo²)/2 over Σ density·(hi − lo). */
export function meanValue(pieces: readonly BuyerPiece[]): QN {
  let mass = ZERO;
  let moment = ZERO;
  for (const { lo, hi, density } of pieces) {
    mass = mass.add(density.mul(hi.sub(lo)));
    moment = moment.add(density.mul(hi.mul(hi).sub(lo.mul(lo))).div(2));
  }
  return moment.div(mass);
}

/** Which period-1 rule the reservation prices are taken relative to. */
export type Ex2Rule = 'efficient' | 'all-wait';

/** Period-1 reservation prices of Example 2 relative to a rule, with what they were derived from. */
export interface Ex2Reservation {
  /** p̄_1^s(0) = u_2^s(0) = E_{B_2}[b]. */
  readonly seller0: QN;
  /** p̄_1^s(1) = 1. */
  readonly seller1: QN;
  /** p̄_1^b(b) = b (u_2^b = 0 under seller take-it-or-leave-it). */
  buyer(b: QN): QN;
  /** B_2 (Section 3, eq. (1)) under the rule. */
  readonly B2: readonly BuyerPiece[];
}

/** Example 2's period-1 reservation prices under the efficient rule or "all sellers wait" (see the module comment). */
export function example2Reservation(rule: Ex2Rule): Ex2Reservation {
  const B2: BuyerPiece[] =
    rule === 'efficient'
      ? [
          { lo: ZERO, hi: C, density: ONE },
          { lo: C, hi: ONE, density: ONE.sub(M) },
        ]
      : [{ lo: ZERO, hi: ONE, density: ONE }];
  const u2Seller0 = meanValue(B2); // δ = 1: p̄_1^s(0) = 0 + u_2^s(0)
  const u2Buyer = ZERO; // a 0-seller asks b, a 1-seller trades at most at b = 1: the buyer keeps 0
  return { seller0: u2Seller0, seller1: ONE.add(ZERO), buyer: (b) => b.sub(u2Buyer), B2 };
}

/** The convergents 1/2, 2/5, 5/12, 12/29, … of √2 − 1 = [0; 2, 2, 2, …]: rationals alternately above and below c. */
export function convergents(k: number): QN[] {
  const out: QN[] = [];
  let [p0, q0, p1, q1] = [0n, 1n, 1n, 2n];
  for (let j = 0; j < k; j++) {
    out.push(QuadraticNumber.of(`${p1}/${q1}`));
    [p0, q0, p1, q1] = [p1, q1, 2n * p1 + p0, 2n * q1 + q0];
  }
  return out;
}

/** A buyer grid for Example 2's claims: k/N for k in ks (k < N), the first `nearC` convergents of c, c itself, and 1. */
export interface Ex2Grid {
  readonly N: number;
  readonly ks: readonly number[];
  /** How many convergents of c (near-ties, alternately above and below). */
  readonly nearC: number;
  /** Whether c itself is a buyer (the exact tie b = c). */
  readonly withC: boolean;
  /** Whether the buyer b = 1 is on the grid (its pair with the 1-seller is then traded at 1 in period 2). */
  readonly withOne: boolean;
}

/** The grid's buyer values, sorted, exact duplicates removed. */
export function ex2Buyers(g: Ex2Grid): QN[] {
  const xs = g.ks.map((k) => QuadraticNumber.of(`${k}/${g.N}`));
  xs.push(...convergents(g.nearC));
  if (g.withC) xs.push(C);
  if (g.withOne) xs.push(ONE);
  xs.sort((a, b) => a.compare(b));
  return xs.filter((x, k) => k === 0 || !xs[k - 1].equals(x));
}

const Ex2GridShape = z.strictObject({
  N: z.number().int().min(1).max(10_000),
  ks: z.array(z.number().int().min(0)).max(400),
  nearC: z.number().int().min(0).max(20),
  withC: z.boolean(),
  withOne: z.boolean(),
});

/** Validate a buyer grid read from a file (one-line InputError naming the field). */
export function decodeEx2Grid(json: unknown, prefix = 'input'): Ex2Grid {
  const r = Ex2GridShape.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new InputError([prefix, ...i.path.map(String)].join('.'), i.message);
  }
  const bad = r.data.ks.findIndex((k) => k >= r.data.N);
  if (bad >= 0) throw new InputError(`${prefix}.ks.${bad}`, `must be below N = ${r.data.N} (b = 1 is the withOne flag)`);
  return r.data;
}

/** The grid in one line: its buyer values. */
export function describeEx2Grid(g: Ex2Grid): string {
  const b = ex2Buyers(g).map((x) => (x.equals(C) ? 'c' : x.toString()));
  return `Example 2 (m = 1/2, c = √2 − 1), buyers {${b.join(', ')}}`;
}

/** Simpler grids: fewer points, no near-ties, a coarser N. */
export function simplifyEx2Grid(g: Ex2Grid): Ex2Grid[] {
  const out: Ex2Grid[] = [];
  if (g.ks.length > 1) {
    out.push({ ...g, ks: g.ks.slice(0, Math.ceil(g.ks.length / 2)) }, { ...g, ks: g.ks.slice(Math.floor(g.ks.length / 2)) });
    for (let k = 0; k < g.ks.length && k < 8; k++) out.push({ ...g, ks: g.ks.filter((_, j) => j !== k) });
  }
  if (g.nearC > 0) out.push({ ...g, nearC: 0 }, { ...g, nearC: g.nearC - 1 });
  if (g.withOne) out.push({ ...g, withOne: false });
  if (g.N > 2 && g.N % 2 === 0 && g.ks.every((k) => k % 2 === 0)) out.push({ ...g, N: g.N / 2, ks: g.ks.map((k) => k / 2) });
  return out;
}
