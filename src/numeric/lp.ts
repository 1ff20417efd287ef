/**
 * Linear programs solved by HiGHS (the `highs` package: HiGHS compiled to WebAssembly), with
 * certificates re-verified in exact rationals, so a claim never rests on the solver's word.
 *
 *   minimise (or maximise)  cᵀx   subject to   rowLower ≤ A x ≤ rowUpper,   colLower ≤ x ≤ colUpper
 *
 * Numbers are doubles (their exact binary value is the problem) or strings naming a rational
 * exactly ("1/3", "0.1" = 1/10); bounds may be ±Infinity. The model is passed to HiGHS as arrays
 * (its structured `createModel` API), so no digit is lost in an LP text and no name needs escaping.
 *
 * Certificates (all checked in exact arithmetic, fraction.js BigInt, from the problem's rationals):
 * - infeasible: a Farkas certificate y (one multiplier per row). With z = −Aᵀy (exact), every x of
 *   the box satisfies yᵀAx + zᵀx = 0, while yᵀAx + zᵀx ≤ h(y) := Σᵢ σ_[rowLowerᵢ,rowUpperᵢ](yᵢ) +
 *   Σⱼ σ_[colLowerⱼ,colUpperⱼ](zⱼ), σ_[l,u](t) = t·u for t > 0, t·l for t < 0 (infinite where that
 *   bound is). So h(y) < 0 proves that no x is feasible. The `highs` package says "Infeasible"
 *   without a usable ray, so y comes from the alternative system solved as its own LP
 *   (min h(y) with Σ|y| + Σ|z| ≤ 1 as a row: no variable is bounded to help the solver).
 * - optimal: x and y with exact primal feasibility of x and the weak-duality bound D(y) ≤ cᵀx', so
 *   the optimum lies in [D(y), cᵀx] exactly.
 * - unbounded: an exactly feasible x and a ray d (x + λd feasible for all λ ≥ 0, cᵀd improving),
 *   from the recession cone solved as its own LP with cᵀd ≤ −1 as a row.
 * A float y or x that misses its exact check by round-off is cleaned (tiny entries dropped,
 * rational reconstruction by continued fractions, or an exact re-solve on its support); a
 * certificate that still does not verify exactly is reported as uncertified, never claimed.
 *
 * A problem object is read once and its exact form cached (per object): do not mutate it after
 * solving. The HiGHS module is compiled once per process; `highs` stays outside the CLI bundle
 * (bin/mechcheck.js bundles with `packages: 'external'`), so it finds highs.wasm beside itself.
 */
import Fraction from 'fraction.js';
import { toNumber } from './rational.ts';

/** A coefficient: a double (its exact binary value) or a rational named by a string ("1/3", "0.25"). */
export type Coef = number | string;

/** A sparse matrix by rows (compressed sparse row). */
export interface SparseRows {
  format: 'csr';
  numRows: number;
  numCols: number;
  /** Row i occupies positions starts[i] .. starts[i+1] − 1 of indices/values. */
  starts: ArrayLike<number>;
  indices: ArrayLike<number>;
  values: ArrayLike<Coef>;
}

/** A linear program with two-sided row and column bounds. */
export interface LinearProgram {
  sense?: 'minimize' | 'maximize';
  /** Objective coefficients c, one per column. */
  cost: ArrayLike<Coef>;
  /** Constraint matrix: dense rows, or sparse rows. */
  A: readonly ArrayLike<Coef>[] | SparseRows;
  /** Default: −Infinity for every row. */
  rowLower?: ArrayLike<Coef>;
  /** Default: +Infinity for every row. */
  rowUpper?: ArrayLike<Coef>;
  /** Default: 0 for every column. */
  colLower?: ArrayLike<Coef>;
  /** Default: +Infinity for every column. */
  colUpper?: ArrayLike<Coef>;
  /** For messages only. */
  rowNames?: readonly string[];
  colNames?: readonly string[];
}

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'error';

/** A Farkas certificate: exact row multipliers y (as "p/q" strings) with h(y) < 0 (see the module comment). */
export interface FarkasCertificate {
  kind: 'farkas';
  y: string[];
  /** h(y), exactly, as "p/q": negative. */
  bound: string;
  /** How y was obtained: 'solver', 'dropped tiny entries', 'rational reconstruction', 'support re-solve'. */
  route: string;
}

/** An optimality certificate in the problem's sense: the optimum lies in [lower, upper] exactly. */
export interface OptimalityCertificate {
  kind: 'optimality';
  /** An exactly feasible x ("p/q" strings). */
  x: string[];
  /** Row duals y ("p/q" strings), c = Aᵀy + z in the problem's sense. */
  y: string[];
  /** The exact interval of the optimum, as "p/q" strings (for a maximum: [cᵀx, D(y)]). */
  lower: string;
  upper: string;
  route: string;
}

/** An unboundedness certificate: an exactly feasible x and a ray d of the feasible set along which the objective improves without end. */
export interface RayCertificate {
  kind: 'ray';
  /** A feasible point ("p/q" strings). */
  x: string[];
  /** A direction: x + λd stays feasible for every λ ≥ 0, and cᵀd improves (negative for a minimum, positive for a maximum). */
  d: string[];
  route: string;
}

export interface LpResult {
  status: LpStatus;
  /** HiGHS's own model status, for messages. */
  solverStatus: string;
  /** Primal values and row activities (optimal only). */
  x?: Float64Array;
  rowActivity?: Float64Array;
  /** Duals with c = Aᵀ·rowDual + colDual in the problem's sense (optimal only). */
  rowDual?: Float64Array;
  colDual?: Float64Array;
  objective?: number;
  /** Whether the status is backed by a certificate that verified exactly. */
  certified: boolean;
  certificate?: FarkasCertificate | OptimalityCertificate | RayCertificate;
  /** Why the status is not certified (or what went wrong). */
  why?: string;
}

export interface LpOptions {
  /** Seconds HiGHS may spend per solve (default: none). */
  timeLimit?: number;
  /** Skip the exact certificates (status from the solver alone; certified: false). */
  certify?: boolean;
  /** The most unknowns an exact re-solve attempts (fraction-free elimination, ~n³ BigInt operations: a dense 150×150 snap took ~1 s on this loaded machine; default 300). */
  maxExactSupport?: number;
}

// ------------------------------------------------------------ the HiGHS module, loaded once

// The package ships CommonJS types for an ESM entry; what `import('highs')` gives at run time is
// { default: loader } (build/highs.mjs), so the loader is typed here by hand.
type Highs = import('highs').Highs;
type HighsLoader = (options?: object) => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;

/** The HiGHS module (WebAssembly compiled once per process and cached). */
export function loadHighs(): Promise<Highs> {
  highsPromise ??= import('highs').then((m) => ((m as unknown as { default: HighsLoader }).default)());
  return highsPromise;
}

/** A synchronous solver once HiGHS is loaded: `(await lpSolver()).solve(p)`, for loops of many LPs. */
export async function lpSolver(): Promise<{ solve: (p: LinearProgram, o?: LpOptions) => LpResult }> {
  const h = await loadHighs();
  return { solve: (p, o) => solveWith(h, p, o ?? {}) };
}

/** Solve a linear program with HiGHS and certify its status exactly (see the module comment). */
export async function solveLp(p: LinearProgram, o: LpOptions = {}): Promise<LpResult> {
  return solveWith(await loadHighs(), p, o);
}

// ------------------------------------------------------------ the problem, exactly

/** The problem's numbers as exact rationals (null: an infinite bound), rows sparse, cost in minimisation form. */
interface ExactLp {
  m: number;
  n: number;
  /** −1 for a maximisation (cost negated to minimise). */
  sign: 1 | -1;
  cost: Fraction[];
  rowIdx: Int32Array[];
  rowVal: Fraction[][];
  rowNum: Float64Array[];
  rowLo: (Fraction | null)[];
  rowHi: (Fraction | null)[];
  colLo: (Fraction | null)[];
  colHi: (Fraction | null)[];
}

const ZERO = new Fraction(0);

function fieldName(p: LinearProgram, kind: 'row' | 'col', i: number): string {
  const names = kind === 'row' ? p.rowNames : p.colNames;
  return names?.[i] !== undefined ? `${kind} ${JSON.stringify(names[i])}` : `${kind} ${i}`;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The exact value of a finite double from its bits (mantissa·2^exponent): rational.ts's exactRational without its doubling loop. */
function dyadic(x: number): Fraction {
  if (Number.isSafeInteger(x)) return new Fraction(BigInt(x));
  F64[0] = x;
  const hi = U32[HI];
  const lo = U32[1 - HI];
  const ex = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = ex === 0 ? -1074 : ex - 1075;
  if (ex !== 0) m |= 1n << 52n;
  while ((m & 1n) === 0n && e < 0) {
    m >>= 1n;
    e++;
  }
  const signed = hi >>> 31 ? -m : m;
  return e >= 0 ? new Fraction(signed << BigInt(e)) : new Fraction(signed, 1n << BigInt(-e));
}

/** A coefficient exactly; throws naming the field for NaN, an infinity where none is allowed, or a bad string. */
function coef(v: Coef, what: string, infinite?: 'lo' | 'hi'): Fraction | null {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new Error(`${what}: NaN`);
    if (v === Infinity && infinite === 'hi') return null;
    if (v === -Infinity && infinite === 'lo') return null;
    if (!Number.isFinite(v)) throw new Error(`${what}: ${v} is not allowed here`);
    return dyadic(v);
  }
  if (typeof v !== 'string') throw new Error(`${what}: must be a number or a rational string`);
  try {
    return new Fraction(v);
  } catch {
    throw new Error(`${what}: ${JSON.stringify(v.slice(0, 40))} is not a rational`);
  }
}

const exactCache = new WeakMap<LinearProgram, ExactLp>();

/** The exact form of a problem (cached per problem object: re-verification does not re-parse). */
function exactLp(p: LinearProgram): ExactLp {
  const hit = exactCache.get(p);
  if (hit) return hit;
  const n = p.cost.length;
  const sign: 1 | -1 = p.sense === 'maximize' ? -1 : 1;
  if (p.sense !== undefined && p.sense !== 'minimize' && p.sense !== 'maximize') throw new Error(`sense: must be 'minimize' or 'maximize'`);
  const cost = Array.from({ length: n }, (_, j) => coef(p.cost[j], `cost[${j}]`)!.mul(sign));
  const rowIdx: Int32Array[] = [];
  const rowVal: Fraction[][] = [];
  const rowNum: Float64Array[] = [];
  if (Array.isArray(p.A)) {
    const rows = p.A as readonly ArrayLike<Coef>[];
    rows.forEach((r, i) => {
      if (r.length !== n) throw new Error(`A[${i}]: has ${r.length} entries, the cost has ${n}`);
      const idx: number[] = [];
      const val: Fraction[] = [];
      const nums: number[] = [];
      for (let j = 0; j < n; j++) {
        const v = r[j];
        if (v === 0) continue;
        const q = coef(v, `A[${i}][${j}]`)!;
        if (q.n !== 0n) {
          idx.push(j);
          val.push(q);
          nums.push(typeof v === 'number' ? v : toNumber(q));
        }
      }
      rowIdx.push(Int32Array.from(idx));
      rowVal.push(val);
      rowNum.push(Float64Array.from(nums));
    });
  } else {
    const s = p.A as SparseRows;
    if (s.format !== 'csr') throw new Error(`A.format: must be 'csr'`);
    if (s.numCols !== n) throw new Error(`A.numCols: ${s.numCols}, the cost has ${n}`);
    if (s.starts.length !== s.numRows + 1) throw new Error(`A.starts: must have numRows + 1 entries`);
    for (let i = 0; i < s.numRows; i++) {
      const idx: number[] = [];
      const val: Fraction[] = [];
      const nums: number[] = [];
      const seen = new Set<number>();
      for (let k = s.starts[i]; k < s.starts[i + 1]; k++) {
        const j = s.indices[k];
        if (!Number.isInteger(j) || j < 0 || j >= n) throw new Error(`A.indices[${k}]: column ${j} is out of range`);
        if (seen.has(j)) throw new Error(`A.indices[${k}]: column ${j} twice in row ${i}`);
        seen.add(j);
        const v = s.values[k];
        const q = coef(v, `A.values[${k}]`)!;
        if (q.n !== 0n) {
          idx.push(j);
          val.push(q);
          nums.push(typeof v === 'number' ? v : toNumber(q));
        }
      }
      rowIdx.push(Int32Array.from(idx));
      rowVal.push(val);
      rowNum.push(Float64Array.from(nums));
    }
  }
  const m = rowIdx.length;
  const bounds = (arr: ArrayLike<Coef> | undefined, len: number, dflt: number, name: string, side: 'lo' | 'hi') => {
    if (arr !== undefined && arr.length !== len) throw new Error(`${name}: has ${arr.length} entries, expected ${len}`);
    return Array.from({ length: len }, (_, i) => coef(arr === undefined ? dflt : arr[i], `${name}[${i}]`, side));
  };
  const rowLo = bounds(p.rowLower, m, -Infinity, 'rowLower', 'lo');
  const rowHi = bounds(p.rowUpper, m, Infinity, 'rowUpper', 'hi');
  const colLo = bounds(p.colLower, n, 0, 'colLower', 'lo');
  const colHi = bounds(p.colUpper, n, Infinity, 'colUpper', 'hi');
  for (let i = 0; i < m; i++) if (rowLo[i] && rowHi[i] && rowLo[i]!.gt(rowHi[i]!)) throw new Error(`rowLower[${i}]: above rowUpper (${fieldName(p, 'row', i)})`);
  for (let j = 0; j < n; j++) if (colLo[j] && colHi[j] && colLo[j]!.gt(colHi[j]!)) throw new Error(`colLower[${j}]: above colUpper (${fieldName(p, 'col', j)})`);
  const e: ExactLp = { m, n, sign, cost, rowIdx, rowVal, rowNum, rowLo, rowHi, colLo, colHi };
  exactCache.set(p, e);
  return e;
}

const num = (q: Fraction | null, inf: number) => (q === null ? inf : toNumber(q));

// ------------------------------------------------------------ solving

const STATUS_NAMES = ['notSet', 'loadError', 'modelError', 'presolveError', 'solveError', 'postsolveError', 'empty', 'optimal', 'infeasible', 'unboundedOrInfeasible', 'unbounded', 'objectiveBound', 'objectiveTarget', 'timeLimit', 'iterationLimit', 'unknown', 'solutionLimit', 'interrupted'];

interface RawSolve {
  status: number;
  colValue: Float64Array;
  rowValue: Float64Array;
  colDual: Float64Array;
  rowDual: Float64Array;
  objective: number;
}

/** One HiGHS solve of min cᵀx, rows by CSR (the caller's arrays, copied by HiGHS). */
function runHighs(
  h: Highs,
  d: { n: number; m: number; cost: ArrayLike<number>; colLo: ArrayLike<number>; colHi: ArrayLike<number>; rowLo: ArrayLike<number>; rowHi: ArrayLike<number>; starts: Int32Array; indices: Int32Array; values: Float64Array },
  o: LpOptions,
): RawSolve {
  const model = {
    numCols: d.n,
    numRows: d.m,
    colCost: Float64Array.from(d.cost),
    colLower: Float64Array.from(d.colLo),
    colUpper: Float64Array.from(d.colHi),
    rowLower: Float64Array.from(d.rowLo),
    rowUpper: Float64Array.from(d.rowHi),
    matrix: { format: 'csr' as const, numRows: d.m, numCols: d.n, starts: d.starts, indices: d.indices, values: d.values },
  };
  const objective = (x: Float64Array) => {
    let v = 0;
    for (let j = 0; j < d.n; j++) v += model.colCost[j] * x[j];
    return v;
  };
  if (o.timeLimit === undefined) {
    // The C API's one-shot Highs_lpCall: silent, and ~1 ms cheaper per solve than a persistent model.
    const r = h.raw.lpCall(model);
    if (r.status === h.constants.status.error || !r.value) throw new Error('HiGHS could not run the model (Highs_lpCall returned an error)');
    const sol = r.value.solution;
    const status = r.value.modelStatus as number;
    return { status, colValue: sol.colValue, rowValue: sol.rowValue, colDual: sol.colDual, rowDual: sol.rowDual, objective: objective(sol.colValue) };
  }
  return h.withModel(model, (mdl) => {
    mdl.options.set({ output_flag: false, time_limit: o.timeLimit! });
    mdl.run();
    const status = mdl.getModelStatus() as number;
    const sol = mdl.getSolution();
    return { status, colValue: sol.colValue, rowValue: sol.rowValue, colDual: sol.colDual, rowDual: sol.rowDual, objective: objective(sol.colValue) };
  });
}

const dataCache = new WeakMap<ExactLp, ReturnType<typeof buildHighsData>>();

/** The problem in HiGHS's arrays (minimisation form; cached per problem). */
function highsData(e: ExactLp, zeroCost = false) {
  let d = dataCache.get(e);
  if (!d) dataCache.set(e, (d = buildHighsData(e)));
  return zeroCost ? { ...d, cost: new Float64Array(e.n) } : d;
}

function buildHighsData(e: ExactLp) {
  const starts = new Int32Array(e.m + 1);
  for (let i = 0; i < e.m; i++) starts[i + 1] = starts[i] + e.rowIdx[i].length;
  const indices = new Int32Array(starts[e.m]);
  const values = new Float64Array(starts[e.m]);
  for (let i = 0; i < e.m; i++) {
    indices.set(e.rowIdx[i], starts[i]);
    values.set(e.rowNum[i], starts[i]);
  }
  return {
    n: e.n,
    m: e.m,
    cost: Float64Array.from(e.cost, toNumber) as ArrayLike<number>,
    colLo: e.colLo.map((q) => num(q, -Infinity)),
    colHi: e.colHi.map((q) => num(q, Infinity)),
    rowLo: e.rowLo.map((q) => num(q, -Infinity)),
    rowHi: e.rowHi.map((q) => num(q, Infinity)),
    starts,
    indices,
    values,
  };
}

function solveWith(h: Highs, p: LinearProgram, o: LpOptions): LpResult {
  const e = exactLp(p);
  const data = highsData(e);
  let r = runHighs(h, data, o);
  let status = STATUS_NAMES[r.status] ?? String(r.status);
  if (status === 'unboundedOrInfeasible') {
    // Tell the two apart: is the feasible set empty? (the same constraints, no objective)
    const f = runHighs(h, highsData(e, true), o);
    const fs = STATUS_NAMES[f.status];
    if (fs === 'infeasible') status = 'infeasible';
    else if (fs === 'optimal') status = 'unbounded';
    else return { status: 'error', solverStatus: `unboundedOrInfeasible, then ${fs}`, certified: false, why: `HiGHS could not decide feasibility (${fs})` };
  }
  if (status === 'empty' && e.n === 0) {
    // HiGHS calls every model without columns "empty", rows or not: each row's activity is then 0,
    // so x = [] is optimal (value 0) when every row's bounds contain 0, and the problem is infeasible otherwise.
    const zeroFits = e.rowLo.every((lo, i) => (lo === null || lo.lte(ZERO)) && (e.rowHi[i] === null || e.rowHi[i]!.gte(ZERO)));
    if (zeroFits) {
      r = { ...r, colValue: new Float64Array(0), rowValue: new Float64Array(e.m), colDual: new Float64Array(0), rowDual: new Float64Array(e.m), objective: 0 };
      status = 'optimal';
    } else status = 'infeasible';
  }
  const certify = o.certify !== false;
  const maxSupport = o.maxExactSupport ?? 300;
  if (status === 'optimal') {
    const rowDual = r.rowDual.map((v) => v * e.sign);
    const colDual = r.colDual.map((v) => v * e.sign);
    const base: LpResult = { status: 'optimal', solverStatus: status, x: r.colValue, rowActivity: r.rowValue, rowDual, colDual, objective: r.objective * e.sign, certified: false };
    if (!certify) return base;
    const c = certifyOptimal(e, r.colValue, r.rowDual, maxSupport);
    return typeof c === 'string' ? { ...base, why: c } : { ...base, certified: true, certificate: c };
  }
  if (status === 'infeasible') {
    const base: LpResult = { status: 'infeasible', solverStatus: STATUS_NAMES[r.status], certified: false };
    if (!certify) return base;
    const c = findFarkas(h, e, o, maxSupport);
    return typeof c === 'string' ? { ...base, why: c } : { ...base, certified: true, certificate: c };
  }
  if (status === 'unbounded') {
    const base: LpResult = { status: 'unbounded', solverStatus: STATUS_NAMES[r.status], certified: false };
    if (!certify) return base;
    const c = findRay(h, e, o, maxSupport);
    return typeof c === 'string' ? { ...base, why: c } : { ...base, certified: true, certificate: c };
  }
  return { status: 'error', solverStatus: status, certified: false, why: `HiGHS stopped with status ${status}` };
}

// ------------------------------------------------------------ Farkas certificates

/** σ_[lo,hi](t): the largest t·v over v ∈ [lo, hi] (null: +∞). */
function support(t: Fraction, lo: Fraction | null, hi: Fraction | null): Fraction | null {
  if (t.n === 0n) return ZERO;
  if (t.s > 0n) return hi === null ? null : t.mul(hi);
  return lo === null ? null : t.mul(lo);
}

/** max |v| (a loop: spreading a long array into Math.max overflows the stack). */
function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** gcd of two non-negative bigints (Euclid). */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * An exact sum of products kept as N/D over the least common denominator, reduced once at the end:
 * fraction.js reduces every partial sum by a gcd, which made a 60×60 certificate take seconds.
 */
export class ExactSum {
  N = 0n;
  D = 1n;
  /** Add p/q (q > 0). */
  add(p: bigint, q: bigint): void {
    if (p === 0n) return;
    const D = this.D;
    if (q === D) this.N += p;
    else if (D % q === 0n) this.N += p * (D / q);
    else if (q % D === 0n) {
      this.N = this.N * (q / D) + p;
      this.D = q;
    } else {
      const g = gcd(D, q);
      this.N = this.N * (q / g) + p * (D / g);
      this.D = (D / g) * q;
    }
  }
  /** Add a·b. */
  addMul(a: Fraction, b: Fraction): void {
    if (a.n === 0n || b.n === 0n) return;
    this.add(a.s * b.s * a.n * b.n, a.d * b.d);
  }
  addFraction(a: Fraction): void {
    this.add(a.s * a.n, a.d);
  }
  value(): Fraction {
    return this.N === 0n ? ZERO : new Fraction(this.N, this.D);
  }
}

/** (Aᵀy)_j for every column, exactly. */
function aTy(e: ExactLp, y: Fraction[]): Fraction[] {
  const acc = Array.from({ length: e.n }, () => new ExactSum());
  for (let i = 0; i < e.m; i++) {
    if (y[i].n === 0n) continue;
    const idx = e.rowIdx[i];
    const val = e.rowVal[i];
    for (let k = 0; k < idx.length; k++) acc[idx[k]].addMul(val[k], y[i]);
  }
  return acc.map((a) => a.value());
}

/** Row i's activity (A x)_i, exactly. */
function rowActivity(e: ExactLp, i: number, x: Fraction[]): Fraction {
  const acc = new ExactSum();
  for (let k = 0; k < e.rowIdx[i].length; k++) acc.addMul(e.rowVal[i][k], x[e.rowIdx[i][k]]);
  return acc.value();
}

/** cᵀx, exactly. */
function costOf(e: ExactLp, x: Fraction[]): Fraction {
  const acc = new ExactSum();
  for (let j = 0; j < e.n; j++) acc.addMul(e.cost[j], x[j]);
  return acc.value();
}

/** h(y) exactly, or why it is not a finite negative number. */
function farkasBound(e: ExactLp, y: Fraction[], names?: LinearProgram): { bound: Fraction } | { why: string } {
  if (y.length !== e.m) return { why: `y has ${y.length} entries, the problem ${e.m} rows` };
  const h = new ExactSum();
  for (let i = 0; i < e.m; i++) {
    const s = support(y[i], e.rowLo[i], e.rowHi[i]);
    if (s === null) return { why: `y[${i}] = ${y[i].toFraction()} has the sign of an infinite bound of ${names ? fieldName(names, 'row', i) : `row ${i}`}` };
    h.addFraction(s);
  }
  const z = aTy(e, y);
  for (let j = 0; j < e.n; j++) {
    const s = support(z[j].neg(), e.colLo[j], e.colHi[j]);
    if (s === null) return { why: `(Aᵀy)[${j}] = ${toNumber(z[j])} is not 0 or of the sign the bounds of ${names ? fieldName(names, 'col', j) : `col ${j}`} allow` };
    h.addFraction(s);
  }
  return { bound: h.value() };
}

/** Re-check a Farkas certificate from the problem and the certificate's y alone (exact rationals). */
export function verifyFarkas(p: LinearProgram, cert: Pick<FarkasCertificate, 'y'>): { verified: boolean; bound?: string; why?: string } {
  let y: Fraction[];
  try {
    y = cert.y.map((s, i) => {
      if (typeof s !== 'string') throw new Error(`y[${i}]: must be a rational string`);
      try {
        return new Fraction(s);
      } catch {
        throw new Error(`y[${i}]: ${JSON.stringify(s.slice(0, 40))} is not a rational`);
      }
    });
  } catch (err) {
    return { verified: false, why: err instanceof Error ? err.message : String(err) };
  }
  const e = exactLp(p);
  const r = farkasBound(e, y, p);
  if ('why' in r) return { verified: false, why: r.why };
  if (r.bound.s < 0n && r.bound.n !== 0n) return { verified: true, bound: r.bound.toFraction() };
  return { verified: false, bound: r.bound.toFraction(), why: `h(y) = ${r.bound.toFraction()} is not negative` };
}

/** The Farkas alternative as an LP: min h(y) over y = y⁺ − y⁻, z = z⁺ − z⁻ with Aᵀy + z = 0, Σ y± + z± ≤ 1. */
function farkasFloat(h: Highs, e: ExactLp, o: LpOptions): Float64Array | string {
  // Alternative variables, each a column of the alternative LP: [row or column index, sign, cost]
  const kind: number[] = []; // 0: row multiplier, 1: column multiplier
  const index: number[] = [];
  const sgn: number[] = [];
  const cost: number[] = [];
  for (let i = 0; i < e.m; i++) {
    if (e.rowHi[i] !== null) kind.push(0), index.push(i), sgn.push(1), cost.push(toNumber(e.rowHi[i]!));
    if (e.rowLo[i] !== null) kind.push(0), index.push(i), sgn.push(-1), cost.push(-toNumber(e.rowLo[i]!));
  }
  for (let j = 0; j < e.n; j++) {
    if (e.colHi[j] !== null) kind.push(1), index.push(j), sgn.push(1), cost.push(toNumber(e.colHi[j]!));
    if (e.colLo[j] !== null) kind.push(1), index.push(j), sgn.push(-1), cost.push(-toNumber(e.colLo[j]!));
  }
  const K = kind.length;
  // Rows of the alternative: n equalities (Aᵀy + z)_j = 0, then the normalisation. Build CSR through a column list.
  const rowsIdx: number[][] = Array.from({ length: e.n + 1 }, () => []);
  const rowsVal: number[][] = Array.from({ length: e.n + 1 }, () => []);
  for (let k = 0; k < K; k++) {
    if (kind[k] === 0) {
      const i = index[k];
      const idx = e.rowIdx[i];
      for (let t = 0; t < idx.length; t++) rowsIdx[idx[t]].push(k), rowsVal[idx[t]].push(sgn[k] * e.rowNum[i][t]);
    } else rowsIdx[index[k]].push(k), rowsVal[index[k]].push(sgn[k]);
    rowsIdx[e.n].push(k), rowsVal[e.n].push(1);
  }
  const starts = new Int32Array(e.n + 2);
  for (let r = 0; r <= e.n; r++) starts[r + 1] = starts[r] + rowsIdx[r].length;
  const rowLo = new Float64Array(e.n + 1);
  const rowHi = new Float64Array(e.n + 1);
  rowLo[e.n] = -Infinity;
  rowHi[e.n] = 1;
  const r = runHighs(
    h,
    {
      n: K,
      m: e.n + 1,
      cost,
      colLo: new Float64Array(K),
      colHi: new Float64Array(K).fill(Infinity),
      rowLo,
      rowHi,
      starts,
      indices: Int32Array.from(rowsIdx.flat()),
      values: Float64Array.from(rowsVal.flat()),
    },
    o,
  );
  if (STATUS_NAMES[r.status] !== 'optimal') return `the Farkas alternative LP ended ${STATUS_NAMES[r.status]}`;
  if (!(r.objective < 0)) return `the Farkas alternative LP's optimum is ${r.objective}, not negative: HiGHS's "infeasible" is not confirmed`;
  const y = new Float64Array(e.m);
  for (let k = 0; k < K; k++) if (kind[k] === 0) y[index[k]] += sgn[k] * r.colValue[k];
  return y;
}

/** Find a Farkas certificate that verifies exactly, or say why none did. */
function findFarkas(h: Highs, e: ExactLp, o: LpOptions, maxSupport: number): FarkasCertificate | string {
  const yf = farkasFloat(h, e, o);
  if (typeof yf === 'string') return yf;
  const tries: string[] = [];
  const attempt = (y: Fraction[], route: string): FarkasCertificate | undefined => {
    const r = farkasBound(e, y);
    if ('bound' in r && r.bound.s < 0n && r.bound.n !== 0n) return { kind: 'farkas', y: y.map((q) => q.toFraction()), bound: r.bound.toFraction(), route };
    tries.push(`${route}: ${'why' in r ? r.why : `h(y) = ${toNumber(r.bound)}`}`);
    return undefined;
  };
  const raw = Array.from(yf, dyadic);
  const scale = maxAbs(yf);
  if (scale === 0) return 'the Farkas alternative LP returned y = 0';
  const dropped = Array.from(yf, (v) => (Math.abs(v) <= 1e-9 * scale ? ZERO : dyadic(v)));
  const found =
    attempt(raw, 'solver') ??
    attempt(dropped, 'dropped tiny entries') ??
    attempt(reconstruct(yf, scale), 'rational reconstruction') ??
    farkasResolve(e, dropped, maxSupport, attempt, tries);
  return found ?? `no Farkas certificate verified exactly (${tries.join('; ')})`;
}

/**
 * The exact re-solve on the support: keep y's zero pattern, require (Aᵀy)_j = 0 exactly for every
 * column whose float value is zero up to round-off, and solve that homogeneous system in rationals
 * with y's own values on the free unknowns (so the solution stays near the solver's).
 */
function farkasResolve(e: ExactLp, y: Fraction[], maxSupport: number, attempt: (y: Fraction[], route: string) => FarkasCertificate | undefined, tries: string[]): FarkasCertificate | undefined {
  const S = y.flatMap((q, i) => (q.n !== 0n ? [i] : []));
  if (S.length > maxSupport) {
    tries.push(`support re-solve: support ${S.length} above ${maxSupport}`);
    return undefined;
  }
  const yNum = y.map(toNumber);
  const z = new Float64Array(e.n);
  const mag = new Float64Array(e.n);
  for (const i of S)
    for (let k = 0; k < e.rowIdx[i].length; k++) {
      z[e.rowIdx[i][k]] += yNum[i] * e.rowNum[i][k];
      mag[e.rowIdx[i][k]] += Math.abs(yNum[i] * e.rowNum[i][k]);
    }
  const pos = new Map(S.map((i, t) => [i, t]));
  // One equation (Aᵀy)_j = 0 per column that is zero up to round-off; coefficients filled by rows of A.
  const eqs: Equation[] = [];
  const eqOf = new Int32Array(e.n).fill(-1);
  for (let j = 0; j < e.n; j++) {
    if (mag[j] === 0 || Math.abs(z[j]) > 1e-9 * mag[j]) continue;
    eqOf[j] = eqs.length;
    eqs.push({ idx: [], val: [], rhs: ZERO });
  }
  for (const i of S)
    for (let k = 0; k < e.rowIdx[i].length; k++) {
      const r = eqOf[e.rowIdx[i][k]];
      if (r >= 0) eqs[r].idx.push(pos.get(i)!), eqs[r].val.push(e.rowVal[i][k]);
    }
  const sol = solveAffine(eqs, S.map((i) => y[i]));
  if (!sol) {
    tries.push('support re-solve: the support system has no exact solution');
    return undefined;
  }
  const y2 = y.map(() => ZERO);
  S.forEach((i, t) => (y2[i] = sol[t]));
  return attempt(y2, 'support re-solve');
}

/** y/scale rounded to nearby fractions of small denominators (continued fractions), for each denominator cap in turn. */
function reconstruct(y: Float64Array, scale: number): Fraction[] {
  // One cap: the certificate is homogeneous, so y/scale with entries in [−1, 1] loses nothing.
  return Array.from(y, (v) => bestRational(v / scale, 1_000_000));
}

/** The continued-fraction convergent of x with the largest denominator ≤ maxDen. */
export function bestRational(x: number, maxDen: number): Fraction {
  if (!Number.isFinite(x)) throw new Error(`bestRational: ${x} is not finite`);
  let h0 = 0n, h1 = 1n, k0 = 1n, k1 = 0n; // convergents h/k
  let r = Math.abs(x);
  const cap = BigInt(maxDen);
  for (let it = 0; it < 64; it++) {
    const a = Math.floor(r);
    const A = BigInt(a);
    const h2 = A * h1 + h0;
    const k2 = A * k1 + k0;
    if (k2 > cap) break;
    h0 = h1; h1 = h2; k0 = k1; k1 = k2;
    const f = r - a;
    if (f < 1e-15) break;
    r = 1 / f;
  }
  if (k1 === 0n) return ZERO;
  return new Fraction(x < 0 ? -h1 : h1, k1);
}

// ------------------------------------------------------------ exact linear systems

/** A linear equation Σ val[k]·x[idx[k]] = rhs over rationals. */
export interface Equation {
  /** Unknowns' positions and their coefficients. */
  idx: number[];
  val: Fraction[];
  rhs: Fraction;
}

/**
 * A solution of the equations in rationals near `guess`: the free unknowns keep their guessed
 * values and the pivots are solved exactly; undefined when the system is inconsistent.
 */
export function solveAffine(eqs: Equation[], guess: Fraction[]): Fraction[] | undefined {
  const r = solveAffineInteger(eqs, guess);
  return r === 'not exact' ? undefined : r;
}

/** lcm of two positive bigints. */
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;

/**
 * solveAffine by fraction-free Gauss–Jordan elimination (Bareiss's update on every other row,
 * a_ij ← (p·a_ij − a_ic·a_pj)/p_prev, exact because every entry is a minor) in BigInt integers:
 * no gcd per operation, and entries grow only linearly in bits. 'not exact' if a division left a
 * remainder (it cannot: 3000 random rank-deficient systems never did; were it to, no solution is claimed).
 */
function solveAffineInteger(eqs: Equation[], guess: Fraction[]): Fraction[] | undefined | 'not exact' {
  const nU = guess.length;
  // Each equation scaled to integers by the lcm of its denominators; the rhs in the last column.
  const M: bigint[][] = eqs.map((q) => {
    let L = q.rhs.d;
    for (const v of q.val) L = lcm(L, v.d);
    const row = new Array<bigint>(nU + 1).fill(0n);
    q.idx.forEach((u, k) => (row[u] += q.val[k].s * q.val[k].n * (L / q.val[k].d)));
    row[nU] = q.rhs.s * q.rhs.n * (L / q.rhs.d);
    return row;
  });
  const rows = M.length;
  const pivotCol: number[] = [];
  let prev = 1n;
  let pr = 0;
  for (let c = 0; c < nU && pr < rows; c++) {
    let best = -1;
    for (let i = pr; i < rows; i++) if (M[i][c] !== 0n && (best < 0 || bigAbs(M[i][c]) < bigAbs(M[best][c]))) best = i;
    if (best < 0) continue; // a free unknown
    [M[pr], M[best]] = [M[best], M[pr]];
    const P = M[pr];
    const p = P[c];
    for (let i = 0; i < rows; i++) {
      if (i === pr) continue;
      const R = M[i];
      const a = R[c];
      for (let k = 0; k <= nU; k++) {
        if (k === c) continue;
        const num = p * R[k] - a * P[k];
        if (num % prev !== 0n) return 'not exact';
        R[k] = num / prev;
      }
      R[c] = 0n;
    }
    pivotCol.push(c);
    prev = p;
    pr++;
  }
  for (let i = pr; i < rows; i++) if (M[i][nU] !== 0n) return undefined; // 0 = nonzero: inconsistent
  const x = guess.slice();
  const isPivot = new Set(pivotCol);
  pivotCol.forEach((c, i) => {
    const R = M[i];
    const acc = new ExactSum();
    acc.add(R[nU], 1n);
    for (let k = 0; k < nU; k++) if (k !== c && R[k] !== 0n && !isPivot.has(k)) acc.addMul(new Fraction(-R[k]), guess[k]);
    x[c] = acc.value().div(new Fraction(R[c]));
  });
  return x;
}

const bigAbs = (v: bigint) => (v < 0n ? -v : v);

// ------------------------------------------------------------ optimality certificates

/** τ_[lo,hi](t): the smallest t·v over v ∈ [lo, hi] (null: −∞). */
function infimum(t: Fraction, lo: Fraction | null, hi: Fraction | null): Fraction | null {
  if (t.n === 0n) return ZERO;
  if (t.s > 0n) return lo === null ? null : t.mul(lo);
  return hi === null ? null : t.mul(hi);
}

/** D(y): the weak-duality lower bound on min cᵀx from row multipliers y (z = c − Aᵀy), or null when it is −∞. */
function dualBound(e: ExactLp, y: Fraction[]): Fraction | null {
  const d = new ExactSum();
  for (let i = 0; i < e.m; i++) {
    const s = infimum(y[i], e.rowLo[i], e.rowHi[i]);
    if (s === null) return null;
    d.addFraction(s);
  }
  const aty = aTy(e, y);
  for (let j = 0; j < e.n; j++) {
    const s = infimum(e.cost[j].sub(aty[j]), e.colLo[j], e.colHi[j]);
    if (s === null) return null;
    d.addFraction(s);
  }
  return d.value();
}

/** Whether x is exactly feasible; the name of the first violated row or column otherwise. */
function primalViolation(e: ExactLp, x: Fraction[]): string | undefined {
  for (let j = 0; j < e.n; j++) {
    if (e.colLo[j] && x[j].lt(e.colLo[j]!)) return `column ${j} below its lower bound`;
    if (e.colHi[j] && x[j].gt(e.colHi[j]!)) return `column ${j} above its upper bound`;
  }
  for (let i = 0; i < e.m; i++) {
    const a = rowActivity(e, i, x);
    if (e.rowLo[i] && a.lt(e.rowLo[i]!)) return `row ${i} below its lower bound`;
    if (e.rowHi[i] && a.gt(e.rowHi[i]!)) return `row ${i} above its upper bound`;
  }
  return undefined;
}

const near = (a: number, b: Fraction | null) => b !== null && Math.abs(a - toNumber(b)) <= 1e-9 * (1 + Math.abs(a));

/** x snapped exactly: columns at a bound set to it, rows tight to a bound made exactly tight by the free columns. */
function snapPrimal(e: ExactLp, xf: Float64Array, maxSupport: number): Fraction[] | undefined {
  const x = Array.from(xf, dyadic);
  const free: number[] = [];
  for (let j = 0; j < e.n; j++) {
    if (near(xf[j], e.colLo[j])) x[j] = e.colLo[j]!;
    else if (near(xf[j], e.colHi[j])) x[j] = e.colHi[j]!;
    else free.push(j);
  }
  if (free.length > maxSupport) return undefined;
  const pos = new Map(free.map((j, t) => [j, t]));
  const eqs: Equation[] = [];
  for (let i = 0; i < e.m; i++) {
    let act = 0;
    for (let k = 0; k < e.rowIdx[i].length; k++) act += e.rowNum[i][k] * xf[e.rowIdx[i][k]];
    const b = near(act, e.rowLo[i]) ? e.rowLo[i]! : near(act, e.rowHi[i]) ? e.rowHi[i]! : null;
    if (b === null) continue;
    const q: Equation = { idx: [], val: [], rhs: b };
    for (let k = 0; k < e.rowIdx[i].length; k++) {
      const j = e.rowIdx[i][k];
      const t = pos.get(j);
      if (t === undefined) q.rhs = q.rhs.sub(e.rowVal[i][k].mul(x[j]));
      else q.idx.push(t), q.val.push(e.rowVal[i][k]);
    }
    eqs.push(q);
  }
  const sol = solveAffine(eqs, free.map((j) => x[j]));
  if (!sol) return undefined;
  free.forEach((j, t) => (x[j] = sol[t]));
  return x;
}

/** y snapped exactly: rows with y ≈ 0 set to 0, and the reduced cost made exactly 0 where it is 0 up to round-off. */
function snapDual(e: ExactLp, yf: Float64Array, maxSupport: number): Fraction[] | undefined {
  const scale = Math.max(1, maxAbs(yf));
  const y = Array.from(yf, (v) => (Math.abs(v) <= 1e-12 * scale ? ZERO : dyadic(v)));
  const S = y.flatMap((q, i) => (q.n !== 0n ? [i] : []));
  if (S.length > maxSupport) return undefined;
  const pos = new Map(S.map((i, t) => [i, t]));
  const aty = new Float64Array(e.n);
  const mag = new Float64Array(e.n);
  for (const i of S)
    for (let k = 0; k < e.rowIdx[i].length; k++) {
      aty[e.rowIdx[i][k]] += yf[i] * e.rowNum[i][k];
      mag[e.rowIdx[i][k]] += Math.abs(yf[i] * e.rowNum[i][k]);
    }
  const eqOf = new Int32Array(e.n).fill(-1);
  const eqs: Equation[] = [];
  for (let j = 0; j < e.n; j++) {
    const c = toNumber(e.cost[j]);
    if (Math.abs(c - aty[j]) <= 1e-9 * (Math.abs(c) + mag[j]) && mag[j] > 0) {
      eqOf[j] = eqs.length;
      eqs.push({ idx: [], val: [], rhs: e.cost[j] });
    }
  }
  for (const i of S)
    for (let k = 0; k < e.rowIdx[i].length; k++) {
      const r = eqOf[e.rowIdx[i][k]];
      if (r >= 0) eqs[r].idx.push(pos.get(i)!), eqs[r].val.push(e.rowVal[i][k]);
    }
  const sol = solveAffine(eqs, S.map((i) => y[i]));
  if (!sol) return undefined;
  S.forEach((i, t) => (y[i] = sol[t]));
  return y;
}

/** An exactly feasible x from the solver's: the snapped vertex when it is feasible (usually closing the gap), else the solver's own. */
function feasiblePoint(e: ExactLp, xf: Float64Array, maxSupport: number): { x: Fraction[]; route: string } | string {
  const snapped = snapPrimal(e, xf, maxSupport);
  if (snapped !== undefined && primalViolation(e, snapped) === undefined) return { x: snapped, route: 'snapped' };
  const raw = Array.from(xf, dyadic);
  const v = primalViolation(e, raw);
  if (v === undefined) return { x: raw, route: 'solver' };
  return `x is not exactly feasible (${v}) and snapping it failed (${snapped === undefined ? 'the snap has no exact solution' : primalViolation(e, snapped)})`;
}

/** The exact interval of the optimum from the solver's x and y (snapped where round-off breaks them), or why not. */
function certifyOptimal(e: ExactLp, xf: Float64Array, yf: Float64Array, maxSupport: number): OptimalityCertificate | string {
  const fx = feasiblePoint(e, xf, maxSupport);
  if (typeof fx === 'string') return fx;
  const { x, route: xRoute } = fx;
  // y: the better of the solver's duals and the snapped ones (a bound of −∞ is no bound).
  let y = Array.from(yf, dyadic);
  let yRoute = 'solver';
  let lower = dualBound(e, y);
  const ys = snapDual(e, yf, maxSupport);
  const ls = ys === undefined ? null : dualBound(e, ys);
  if (ls !== null && (lower === null || ls.gt(lower))) (y = ys!), (lower = ls), (yRoute = 'snapped');
  if (lower === null) return 'the duals give no finite exact bound (reduced costs of the wrong sign beyond round-off)';
  const upper = costOf(e, x);
  if (lower.gt(upper)) return `the exact dual bound ${toNumber(lower)} exceeds the primal value ${toNumber(upper)}: an arithmetic error`;
  // Back to the problem's sense: a maximum lies in [cᵀx, D(y)] of the original signs.
  const [lo, hi] = e.sign === 1 ? [lower, upper] : [upper.neg(), lower.neg()];
  return {
    kind: 'optimality',
    x: x.map((q) => q.toFraction()),
    y: y.map((q) => q.mul(e.sign).toFraction()),
    lower: lo.toFraction(),
    upper: hi.toFraction(),
    route: `x ${xRoute}, y ${yRoute}`,
  };
}

/** Re-check an optimality certificate from the problem and its x, y alone: x exactly feasible, the interval [D(y), cᵀx] as stated. */
export function verifyOptimality(p: LinearProgram, cert: Pick<OptimalityCertificate, 'x' | 'y' | 'lower' | 'upper'>): { verified: boolean; why?: string } {
  try {
    const e = exactLp(p);
    const x = cert.x.map((s) => new Fraction(s));
    const y = cert.y.map((s) => new Fraction(s).mul(e.sign));
    if (x.length !== e.n || y.length !== e.m) return { verified: false, why: 'x or y has the wrong length' };
    const v = primalViolation(e, x);
    if (v) return { verified: false, why: `x is not feasible: ${v}` };
    const d = dualBound(e, y);
    if (d === null) return { verified: false, why: 'y gives no finite bound' };
    const px = costOf(e, x);
    const [lo, hi] = e.sign === 1 ? [d, px] : [px.neg(), d.neg()];
    if (!lo.equals(new Fraction(cert.lower)) || !hi.equals(new Fraction(cert.upper))) return { verified: false, why: `the interval is [${lo.toFraction()}, ${hi.toFraction()}], not the one stated` };
    return { verified: true };
  } catch (err) {
    return { verified: false, why: err instanceof Error ? err.message : String(err) };
  }
}

// ------------------------------------------------------------ unboundedness certificates

/** Why d is not an improving ray of the (minimisation-form) problem, or undefined. */
function rayViolation(e: ExactLp, d: Fraction[]): string | undefined {
  if (d.length !== e.n) return `d has ${d.length} entries, the problem ${e.n} columns`;
  for (let j = 0; j < e.n; j++) {
    if (e.colLo[j] && d[j].s < 0n && d[j].n !== 0n) return `d[${j}] < 0 against a finite lower bound`;
    if (e.colHi[j] && d[j].s > 0n && d[j].n !== 0n) return `d[${j}] > 0 against a finite upper bound`;
  }
  for (let i = 0; i < e.m; i++) {
    const a = rowActivity(e, i, d);
    if (e.rowLo[i] && a.s < 0n && a.n !== 0n) return `(Ad)[${i}] < 0 against a finite lower bound`;
    if (e.rowHi[i] && a.s > 0n && a.n !== 0n) return `(Ad)[${i}] > 0 against a finite upper bound`;
  }
  const cd = costOf(e, d);
  if (!(cd.s < 0n && cd.n !== 0n)) return 'cᵀd does not improve the objective';
  return undefined;
}

/** A ray from HiGHS (the recession cone with cᵀd ≤ −1, no objective), snapped exactly where round-off breaks it. */
function findRay(h: Highs, e: ExactLp, o: LpOptions, maxSupport: number): RayCertificate | string {
  const base = highsData(e);
  const z = (q: Fraction | null, inf: number) => (q === null ? inf : 0);
  const nnz = base.starts[e.m];
  const starts = new Int32Array(e.m + 2);
  starts.set(base.starts);
  starts[e.m + 1] = nnz + e.n;
  const indices = new Int32Array(nnz + e.n);
  indices.set(base.indices);
  const values = new Float64Array(nnz + e.n);
  values.set(base.values);
  for (let j = 0; j < e.n; j++) (indices[nnz + j] = j), (values[nnz + j] = base.cost[j]);
  const r = runHighs(
    h,
    {
      n: e.n,
      m: e.m + 1,
      cost: new Float64Array(e.n),
      colLo: e.colLo.map((q) => z(q, -Infinity)),
      colHi: e.colHi.map((q) => z(q, Infinity)),
      rowLo: [...e.rowLo.map((q) => z(q, -Infinity)), -Infinity],
      rowHi: [...e.rowHi.map((q) => z(q, Infinity)), -1],
      starts,
      indices,
      values,
    },
    o,
  );
  if (STATUS_NAMES[r.status] !== 'optimal') return `the ray LP ended ${STATUS_NAMES[r.status]}`;
  const df = r.colValue;
  const raw = Array.from(df, dyadic);
  let d: Fraction[] | undefined = rayViolation(e, raw) === undefined ? raw : undefined;
  let route = 'solver';
  if (!d) {
    // Snap: tiny entries to 0, and rows whose activity is 0 up to round-off made exactly 0.
    const scale = maxAbs(df);
    const guess = Array.from(df, (v) => (Math.abs(v) <= 1e-9 * scale ? ZERO : dyadic(v)));
    const S = guess.flatMap((q, j) => (q.n !== 0n ? [j] : []));
    if (S.length > maxSupport) return `the ray's support ${S.length} is above ${maxSupport}`;
    const pos = new Map(S.map((j, t) => [j, t]));
    const eqs: Equation[] = [];
    for (let i = 0; i < e.m; i++) {
      if (e.rowLo[i] === null && e.rowHi[i] === null) continue;
      let act = 0;
      let mag = 0;
      const q: Equation = { idx: [], val: [], rhs: ZERO };
      for (let k = 0; k < e.rowIdx[i].length; k++) {
        const t = pos.get(e.rowIdx[i][k]);
        if (t === undefined) continue;
        act += e.rowNum[i][k] * df[e.rowIdx[i][k]];
        mag += Math.abs(e.rowNum[i][k] * df[e.rowIdx[i][k]]);
        q.idx.push(t), q.val.push(e.rowVal[i][k]);
      }
      if (mag > 0 && Math.abs(act) <= 1e-9 * mag) eqs.push(q);
    }
    const sol = solveAffine(eqs, S.map((j) => guess[j]));
    if (sol) {
      const snapped = guess.slice();
      S.forEach((j, t) => (snapped[j] = sol[t]));
      if (rayViolation(e, snapped) === undefined) (d = snapped), (route = 'snapped');
    }
    if (!d) return `the ray does not verify exactly (${rayViolation(e, raw)})`;
  }
  // A feasible point: the same constraints without the objective.
  const f = runHighs(h, highsData(e, true), o);
  if (STATUS_NAMES[f.status] !== 'optimal') return `the feasibility LP ended ${STATUS_NAMES[f.status]}`;
  const fx = feasiblePoint(e, f.colValue, maxSupport);
  if (typeof fx === 'string') return fx;
  return { kind: 'ray', x: fx.x.map((q) => q.toFraction()), d: d.map((q) => q.toFraction()), route: `d ${route}, x ${fx.route}` };
}

/** Re-check an unboundedness certificate from the problem and its x, d alone (exact rationals). */
export function verifyRay(p: LinearProgram, cert: Pick<RayCertificate, 'x' | 'd'>): { verified: boolean; why?: string } {
  try {
    const e = exactLp(p);
    const x = cert.x.map((v) => new Fraction(v));
    const d = cert.d.map((v) => new Fraction(v));
    if (x.length !== e.n) return { verified: false, why: `x has ${x.length} entries, the problem ${e.n} columns` };
    const v = primalViolation(e, x);
    if (v) return { verified: false, why: `x is not feasible: ${v}` };
    const r = rayViolation(e, d);
    return r ? { verified: false, why: r } : { verified: true };
  } catch (err) {
    return { verified: false, why: err instanceof Error ? err.message : String(err) };
  }
}

// ------------------------------------------------------------ certificates as data

/** A problem as JSON: numbers stay numbers (JSON keeps a double exactly), strings rationals, an infinite bound null. */
export interface LpData {
  sense?: 'minimize' | 'maximize';
  cost: Coef[];
  /** Dense rows, or sparse rows. */
  A: Coef[][] | { format: 'csr'; numRows: number; numCols: number; starts: number[]; indices: number[]; values: Coef[] };
  rowLower: (Coef | null)[];
  rowUpper: (Coef | null)[];
  colLower: (Coef | null)[];
  colUpper: (Coef | null)[];
}

const finiteOrNull = (v: Coef) => (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) ? null : v);

/** The problem as JSON data (for a certificate saved with a counterexample). */
export function lpToData(p: LinearProgram): LpData {
  const e = exactLp(p); // validates, and gives the dimensions
  const list = (a: ArrayLike<Coef> | undefined, len: number, dflt: number) => Array.from({ length: len }, (_, i) => finiteOrNull(a === undefined ? dflt : a[i]));
  const A: LpData['A'] = Array.isArray(p.A)
    ? (p.A as readonly ArrayLike<Coef>[]).map((r) => Array.from(r))
    : (() => {
        const s = p.A as SparseRows;
        return { format: 'csr' as const, numRows: s.numRows, numCols: s.numCols, starts: Array.from(s.starts), indices: Array.from(s.indices), values: Array.from(s.values) };
      })();
  return {
    ...(p.sense ? { sense: p.sense } : {}),
    cost: Array.from(p.cost),
    A,
    rowLower: list(p.rowLower, e.m, -Infinity),
    rowUpper: list(p.rowUpper, e.m, Infinity),
    colLower: list(p.colLower, e.n, 0),
    colUpper: list(p.colUpper, e.n, Infinity),
  };
}

/** The problem back from JSON data (null bounds infinite); throws naming the field when the data are not a problem. */
export function lpFromData(d: unknown): LinearProgram {
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Error('problem: must be an object');
  const o = d as Record<string, unknown>;
  const arr = (name: string) => {
    const v = o[name];
    if (!Array.isArray(v)) throw new Error(`problem.${name}: must be an array`);
    return v as unknown[];
  };
  const bound = (name: string, inf: number) => arr(name).map((v, i) => (v === null ? inf : typeof v === 'number' || typeof v === 'string' ? v : (() => { throw new Error(`problem.${name}[${i}]: must be a number, a rational string or null`); })()));
  const coefs = (v: unknown[], name: string) => v.map((c, i) => (typeof c === 'number' || typeof c === 'string' ? c : (() => { throw new Error(`${name}[${i}]: must be a number or a rational string`); })()));
  if (o.sense !== undefined && o.sense !== 'minimize' && o.sense !== 'maximize') throw new Error(`problem.sense: must be 'minimize' or 'maximize'`);
  let A: LinearProgram['A'];
  if (Array.isArray(o.A)) A = (o.A as unknown[]).map((r, i) => (Array.isArray(r) ? coefs(r, `problem.A[${i}]`) : (() => { throw new Error(`problem.A[${i}]: must be an array`); })()));
  else if (o.A && typeof o.A === 'object') {
    const s = o.A as Record<string, unknown>;
    const ints = (name: string) => {
      const v = s[name];
      if (!Array.isArray(v) || !v.every(Number.isInteger)) throw new Error(`problem.A.${name}: must be an array of integers`);
      return v as number[];
    };
    if (s.format !== 'csr' || !Number.isInteger(s.numRows) || !Number.isInteger(s.numCols) || !Array.isArray(s.values)) throw new Error('problem.A: must be dense rows or {format: "csr", numRows, numCols, starts, indices, values}');
    A = { format: 'csr', numRows: s.numRows as number, numCols: s.numCols as number, starts: ints('starts'), indices: ints('indices'), values: coefs(s.values as unknown[], 'problem.A.values') };
  } else throw new Error('problem.A: must be an array or a sparse matrix');
  return {
    ...(o.sense ? { sense: o.sense as 'minimize' | 'maximize' } : {}),
    cost: coefs(arr('cost'), 'problem.cost'),
    A,
    rowLower: bound('rowLower', -Infinity),
    rowUpper: bound('rowUpper', Infinity),
    colLower: bound('colLower', -Infinity),
    colUpper: bound('colUpper', Infinity),
  };
}

/** The data of an `lp-farkas` certificate: the problem and y, re-checkable by `verifyFarkasData` alone. */
export function farkasData(p: LinearProgram, cert: Pick<FarkasCertificate, 'y'>): { problem: LpData; y: string[] } {
  return { problem: lpToData(p), y: cert.y.slice() };
}

/** Re-verify `lp-farkas` data from a file: undefined when it holds, else the reason (a certificate verifier's contract). */
export function verifyFarkasData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data: must be an object';
  const o = data as Record<string, unknown>;
  if (!Array.isArray(o.y) || !o.y.every((v) => typeof v === 'string')) return 'data.y: must be an array of rational strings';
  let p: LinearProgram;
  try {
    p = lpFromData(o.problem);
    const r = verifyFarkas(p, { y: o.y as string[] });
    return r.verified ? undefined : r.why;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
