/**
 * `mechcheck eval jp.efficient-cutoffs` (INTERFACES.md): the dynamically efficient cutoffs of
 * Jackson & Palfrey (1996), Section 4 — Theorem 2's eq. (4) for T = 2 (any sellers, any δ) and
 * Theorem 1's recursion (3) for homogeneous sellers with δ = 1 and T ≤ 5 — with the total surplus
 * and the static competitive price, each with an error estimate and `converged`.
 */
import { z } from 'zod';
import { makeDist } from '../../distributions/index.ts';
import { firstIssue, validateDist } from '../../distributions/schema.ts';
import type { Dist, DistSpec } from '../../distributions/types.ts';
import { InputError } from '../../errors.ts';
import type { Json } from '../../types.ts';
import type { Quantity } from '../quantity.ts';
import { buyerExcess, buyerTotal, isHomogeneous, makeBuyers, makeEconomy, makeSellers, sellersFromAtoms } from './economy.ts';
import { competitivePrice, theorem1Cutoffs, theorem2CutoffAt, theorem2Cutoffs, theorem2Surplus } from './efficient.ts';
import { cutoffRule, evolve } from './evolution.ts';
import type { Buyers, Economy, Sellers } from './types.ts';
import { totalSurplus } from './utility.ts';

/** Theorem 1 covers any T with δ = 1; the nested scan costs (scan points + Brent steps)^(T − 1), so T is capped here. */
export const PERIODS_MAX = 5;
/** Cells of the piecewise-uniform (buyers) or atom (sellers) approximation of a continuous Dist. */
export const CELLS_DEFAULT = 2000;
export const CELLS_MIN = 10;
/** Beyond this the T = 2 solve stops being interactive (each fixed-point step is O(cells log cells)). */
export const CELLS_MAX = 20_000;
/** `at` points and exact seller atoms accepted. */
export const AT_MAX = 1000;
export const ATOMS_MAX = 20_000;
/** buyers.mass and sellers.mass must agree to this relative tolerance (B_1(1) = S_1(1), Section 3). */
export const MASS_TOL = 1e-12;

const mass = () =>
  z.number({ message: 'must be a number' }).gt(0, 'must be > 0 (a total mass)').refine(Number.isFinite, 'must be finite');
const side = () => z.strictObject({ mass: mass(), dist: z.unknown().refine((v) => v !== undefined, 'is required') });

const Request = z.strictObject({
  periods: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(PERIODS_MAX, `must be at most ${PERIODS_MAX}`),
  delta: z.number({ message: 'must be a number' }).min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]'),
  buyers: side(),
  sellers: side(),
  at: z
    .array(z.number({ message: 'must be numbers' }).min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]'))
    .min(1, 'must have at least one value')
    .max(AT_MAX, `must have at most ${AT_MAX} values`)
    .optional(),
  cells: z.number({ message: 'must be a number' }).int('must be a whole number').min(CELLS_MIN, `must be at least ${CELLS_MIN}`).max(CELLS_MAX, `must be at most ${CELLS_MAX}`).optional(),
});

export interface CutoffsRequest {
  periods: number;
  delta: number;
  buyers: { mass: number; spec: DistSpec; dist: Dist };
  sellers: { mass: number; spec: DistSpec; dist: Dist };
  at: number[];
  cells: number;
}

/** Validate a request: zod for shapes, then the model's own conditions, each naming its field. */
export function parseCutoffsRequest(req: unknown): CutoffsRequest {
  const r = Request.safeParse(req);
  if (!r.success) {
    const e = firstIssue(r.error, '', req);
    throw new InputError(e.field, e.detail);
  }
  const { periods, delta } = r.data;
  const bm = r.data.buyers.mass;
  const sm = r.data.sellers.mass;
  if (Math.abs(bm - sm) > MASS_TOL * Math.max(bm, sm)) throw new InputError('sellers.mass', `must equal buyers.mass (B_1(1) = S_1(1); got ${sm} against ${bm})`);
  const bspec = validateDist(r.data.buyers.dist, 'buyers.dist');
  const sspec = validateDist(r.data.sellers.dist, 'sellers.dist');
  const bdist = makeDist(bspec, 'standard', 'buyers.dist');
  const sdist = makeDist(sspec, 'standard', 'sellers.dist');
  for (const [f, d] of [['buyers.dist', bdist], ['sellers.dist', sdist]] as const) {
    if (d.lo < 0 || d.hi > 1) throw new InputError(f, `must lie in [0, 1] (values are reservation values; got support [${d.lo}, ${d.hi}])`);
  }
  for (const [x, w] of bdist.atoms) {
    if (x !== 0 && w > 0) throw new InputError('buyers.dist', `atoms are allowed only at 0 (the paper assumes B_1 continuous and increasing on (0, 1]); got an atom at ${x}`);
  }
  if (sspec.kind === 'atoms' && sspec.points.length > ATOMS_MAX) throw new InputError('sellers.dist.points', `must have at most ${ATOMS_MAX} atoms`);
  const at = r.data.at ?? [0];
  const homogeneous = exactSellerAtoms(sspec) !== null && sdist.atoms.every(([x, w]) => w === 0 || x === 0 || x === 1);
  if (periods > 2 && !homogeneous) {
    throw new InputError('periods', `must be 1 or 2 for sellers other than atoms at 0 and 1: the paper characterises efficiency for T > 2 only with homogeneous sellers (Theorem 1); T = 2 with any sellers is Theorem 2`);
  }
  if (periods > 2 && delta !== 1) {
    throw new InputError('delta', `must be 1 when periods > 2: Theorem 1 assumes no discounting, and Theorem 2 covers δ < 1 for periods = 2 only (got ${delta})`);
  }
  if (periods > 2) {
    at.forEach((s, k) => {
      if (s !== 0 && s !== 1) throw new InputError(`at[${k}]`, `must be 0 or 1 when periods > 2: Theorem 1 gives β_t(0) and β_t(1) only (got ${s})`);
    });
  }
  return { periods, delta, buyers: { mass: bm, spec: bspec, dist: bdist }, sellers: { mass: sm, spec: sspec, dist: sdist }, at, cells: r.data.cells ?? CELLS_DEFAULT };
}

// ---------------------------------------------------------------------------------------------
// Dists as the model's buyers and sellers.

type Pieces = { atom0: number; pieces: { lo: number; hi: number; share: number }[] };

/** The spec as an atom at 0 and uniform pieces (shares sum to 1) when it is one exactly: uniform, piecewise-uniform, atoms at 0, mixtures of them. */
function exactBuyerPieces(spec: DistSpec): Pieces | null {
  switch (spec.kind) {
    case 'uniform':
      return { atom0: 0, pieces: [{ lo: spec.lo, hi: spec.hi, share: 1 }] };
    case 'piecewise-uniform': {
      const W = spec.pieces.reduce((a, p) => a + p.weight, 0);
      return { atom0: 0, pieces: spec.pieces.filter((p) => p.weight > 0).map((p) => ({ lo: p.lo, hi: p.hi, share: p.weight / W })) };
    }
    case 'atoms': {
      // validated: every atom of positive weight is at 0
      return { atom0: 1, pieces: [] };
    }
    case 'mixture': {
      const W = spec.parts.reduce((a, p) => a + p.weight, 0);
      const out: Pieces = { atom0: 0, pieces: [] };
      for (const part of spec.parts) {
        if (part.weight === 0) continue;
        const sub = exactBuyerPieces(part.dist);
        if (!sub) return null;
        const w = part.weight / W;
        out.atom0 += w * sub.atom0;
        for (const p of sub.pieces) out.pieces.push({ ...p, share: w * p.share });
      }
      return out;
    }
    default:
      return null;
  }
}

/** Buyers of total mass `mass` from a Dist: exact when the spec is piecewise uniform (plus an atom at 0), else `cells` equal cells holding the Dist's mass. */
export function buyersFromDist(spec: DistSpec, dist: Dist, mass: number, cells: number): { buyers: Buyers; exact: boolean } {
  const ex = exactBuyerPieces(spec);
  if (ex) {
    const knots = [...new Set([0, 1, ...ex.pieces.flatMap((p) => [p.lo, p.hi])])].sort((a, b) => a - b);
    const density = new Float64Array(knots.length - 1);
    for (const p of ex.pieces) {
      const d = (mass * p.share) / (p.hi - p.lo);
      for (let i = 0; i < density.length; i++) if (knots[i] >= p.lo && knots[i + 1] <= p.hi) density[i] += d;
    }
    return { buyers: makeBuyers({ atom0: mass * ex.atom0, knots, density }, 'buyers.dist'), exact: true };
  }
  const knots = Float64Array.from({ length: cells + 1 }, (_, i) => i / cells);
  const atom0 = dist.atoms.length > 0 && dist.atoms[0][0] === 0 ? dist.atoms[0][1] : 0;
  const density = new Float64Array(cells);
  let prev = atom0;
  for (let i = 0; i < cells; i++) {
    const F = i + 1 === cells ? 1 : dist.cdf(knots[i + 1]);
    density[i] = (mass * Math.max(0, F - prev)) * cells;
    prev = Math.max(prev, F);
  }
  return { buyers: makeBuyers({ atom0: mass * atom0, knots, density }, 'buyers.dist'), exact: false };
}

/** The atoms of a spec made only of atoms (atoms, or mixtures of atoms), weights normalised; null otherwise. */
function exactSellerAtoms(spec: DistSpec): [number, number][] | null {
  if (spec.kind === 'atoms') {
    const W = spec.points.reduce((a, p) => a + p[1], 0);
    return spec.points.map(([x, w]) => [x, w / W]);
  }
  if (spec.kind === 'mixture') {
    const W = spec.parts.reduce((a, p) => a + p.weight, 0);
    const out: [number, number][] = [];
    for (const part of spec.parts) {
      if (part.weight === 0) continue;
      const sub = exactSellerAtoms(part.dist);
      if (!sub) return null;
      for (const [x, w] of sub) out.push([x, (w * part.weight) / W]);
    }
    return out;
  }
  return null;
}

/** Sellers of total mass `mass` from a Dist: exact atoms, or the atoms plus the continuous part as `cells` atoms at the cells' midpoints. */
export function sellersFromDist(spec: DistSpec, dist: Dist, mass: number, cells: number): { sellers: Sellers; exact: boolean } {
  const ex = exactSellerAtoms(spec);
  if (ex) return { sellers: sellersFromAtoms(ex.map(([x, w]) => [x, mass * w]), 'sellers.dist'), exact: true };
  const pts: [number, number][] = dist.atoms.map(([x, w]) => [x, mass * w]);
  let a = 0; // atoms passed so far
  let prev = 0;
  for (let i = 0; i < cells; i++) {
    const hi = (i + 1) / cells;
    const F = i + 1 === cells ? 1 : dist.cdf(hi);
    let inCell = 0;
    while (a < dist.atoms.length && dist.atoms[a][0] <= hi) inCell += dist.atoms[a++][1];
    const cont = F - prev - inCell;
    if (cont > 0) pts.push([(i + 0.5) / cells, mass * cont]);
    prev = F;
  }
  return { sellers: sellersFromAtoms(pts, 'sellers.dist'), exact: false };
}

// ---------------------------------------------------------------------------------------------
// The computation on one representation.

interface Answer {
  cutoffs: number[][];
  surplus: number;
  price: { lo: number; hi: number };
  fixedPointError: number;
  route: string;
  reasons: string[];
  roots?: number[][];
}

function answer(e: Economy, periods: number, delta: number, at: number[]): Answer {
  const price = competitivePrice(e);
  const reasons: string[] = [];
  if (periods === 1) {
    // the last period trades every pair with b ≥ s (β_T(s) = s)
    const B1 = buyerTotal(e.buyers);
    let w = 0;
    for (let j = 0; j < e.sellers.values.length; j++) w += e.sellers.mass[j] * buyerExcess(e.buyers, e.sellers.values[j]);
    return { cutoffs: [at.slice()], surplus: w / B1, price, fixedPointError: 0, route: 'T = 1: the last period trades whenever b ≥ s', reasons };
  }
  if (periods === 2) {
    const t2 = theorem2Cutoffs(e, delta);
    const row1 = at.map((s) => theorem2CutoffAt(e, t2, s, delta));
    let err = Math.max(t2.residual, t2.spread);
    let route = `Theorem 2, eq. (4): fixed point from ${t2.starts} starts (β = s, β = 1 and seeded random profiles), Anderson-accelerated`;
    if (!t2.converged) reasons.push(`eq. (4): the starts ended ${t2.spread} apart with residual ${t2.residual}`);
    if (isHomogeneous(e.sellers) && delta === 1) {
      const t1 = theorem1Cutoffs(e, 2);
      const j0 = e.sellers.values[0] === 0 ? 0 : -1;
      if (j0 === 0) {
        const gap = Math.abs(t1.beta0[0] - t2.beta[0]);
        err = Math.max(err, gap);
        route += '; checked against Theorem 1’s recursion (3)';
        if (gap > 1e-9) reasons.push(`Theorem 1 gives β_1(0) = ${t1.beta0[0]} and Theorem 2 ${t2.beta[0]}`);
      }
    }
    return { cutoffs: [row1, at.slice()], surplus: theorem2Surplus(e, t2.beta, delta, t2.p2), price, fixedPointError: err, route, reasons };
  }
  const t1 = theorem1Cutoffs(e, periods);
  if (!t1.converged) reasons.push('recursion (3): a level’s scan or root search did not converge');
  if (!t1.unique) reasons.push(`recursion (3) has several roots at some level: ${JSON.stringify(t1.roots)}`);
  const cutoffs = t1.beta0.map((b) => at.map((s) => (s === 1 ? 1 : b)));
  const rule = cutoffRule(t1.beta0.map((b) => Array.from(e.sellers.values, (v) => (v === 0 ? b : 1))));
  const surplus = totalSurplus(evolve(e, rule), 1);
  return {
    cutoffs,
    surplus,
    price,
    fixedPointError: Math.max(...t1.residuals) + 1e-14 * periods,
    route: `Theorem 1, recursion (3): nested fixed point, every sign change scanned at each level`,
    reasons,
    roots: t1.roots,
  };
}

function economyOf(q: CutoffsRequest, cells: number) {
  const b = buyersFromDist(q.buyers.spec, q.buyers.dist, q.buyers.mass, cells);
  const s = sellersFromDist(q.sellers.spec, q.sellers.dist, q.sellers.mass, cells);
  return { e: makeEconomy(b.buyers, s.sellers), exact: b.exact && s.exact, buyersExact: b.exact, sellersExact: s.exact };
}

export const jpEfficientCutoffs: Quantity = {
  name: 'jp.efficient-cutoffs',
  description: `Jackson–Palfrey: the dynamically efficient cutoffs β_t(s) at the given seller values (T = 2 any sellers and δ; T ≤ ${PERIODS_MAX} homogeneous sellers with δ = 1), total surplus, the static competitive price; continuous Dists as cells (default ${CELLS_DEFAULT}, ${CELLS_MIN}–${CELLS_MAX}); errors, converged`,
  evaluate(req) {
    const q = parseCutoffsRequest(req);
    const main = economyOf(q, q.cells);
    const a = answer(main.e, q.periods, q.delta, q.at);
    // a Dist approximated by cells: the error of the approximation estimated by halving the cells
    let disc = { cutoffs: 0, surplus: 0, price: 0 };
    let approximation: string | undefined;
    if (!main.exact) {
      const half = Math.max(5, Math.floor(q.cells / 2));
      const h = answer(economyOf(q, half).e, q.periods, q.delta, q.at);
      let dc = 0;
      a.cutoffs.forEach((row, t) => row.forEach((x, k) => (dc = Math.max(dc, Math.abs(x - h.cutoffs[t][k])))));
      // The competitive price moves with the cells, not smoothly (it jumps between cell atoms and buyer
      // quantiles), so halving says little: bound it instead. Cell atoms move each seller by at most
      // half a cell, cell densities keep B exact at the knots; the clearing set moves by at most that.
      const shift = (main.sellersExact ? 0 : 0.5 / q.cells) + (main.buyersExact ? 0 : 1 / q.cells);
      const dp = Math.max(Math.abs(a.price.lo - h.price.lo), Math.abs(a.price.hi - h.price.hi));
      disc = { cutoffs: dc, surplus: Math.abs(a.surplus - h.surplus), price: Math.max(dp, shift) };
      const which = [main.buyersExact ? '' : `buyers as ${q.cells} piecewise-uniform cells`, main.sellersExact ? '' : `sellers as ${q.cells} cell atoms plus their own atoms`].filter(Boolean).join(', ');
      approximation = `${which}; the approximation's error is estimated by the change from ${half} cells`;
    }
    const out: Record<string, Json> = {
      cutoffs: a.cutoffs,
      surplus: a.surplus,
      competitivePrice: { lo: a.price.lo, hi: a.price.hi },
      abserr: {
        cutoffs: a.fixedPointError + disc.cutoffs,
        surplus: 1e-14 * q.periods * Math.abs(a.surplus) + disc.surplus,
        competitivePrice: 1e-15 + disc.price,
      },
      route: a.route,
      exact: main.exact,
    };
    if (approximation) out.approximation = approximation;
    if (a.roots) out.roots = a.roots;
    out.converged = a.reasons.length === 0;
    if (a.reasons.length) out.reason = a.reasons.join('; ');
    return out;
  },
};
