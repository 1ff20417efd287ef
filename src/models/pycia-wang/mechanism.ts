/**
 * Pycia & Wang (2015), Lemma 1 ("If" part, Appendix A.1): the ex-post budget-balanced
 * transfers built for an allocation rule whose interim shares S_i are weakly increasing,
 * and their interim expectations.
 *
 * Reading of the construction (the OCR mangles the profile vectors; /work/shared/notes/pw-lemma1.md):
 *   φ_i(v)  = (1 + β/n) ∫_{v̲}^{v} p dS_i(p)
 *   Y_i(v)  = Σ_{j≠i} v_j s_i(v),   Ȳ_i(v_{−i}) = ∫ Y_i(p, v_{−i}) dF(p)
 *   t_i⁰(v) = −φ_i(v_i) + (1/(n−1)) Σ_{j≠i} φ_j(v_j) + (β/n)[Ȳ_i − Y_i] + g_i(v)      (c_i = 0)
 *   g_i(v)  = (β/(n(n−1))) Σ_{j≠i} [Y_j(v) − Ȳ_j(v_{−j})]
 *   A_i     = r_i β(n−1) v̄_0/n − (β/n) E_{−i}[Y_i(v_i*, ·)],   d_i = E_{−i}[t_i⁰(v_i*, ·)] − A_i
 *   t̂_i     = t_i⁰ − d_i + (1/n) Σ_k d_k
 *
 * Interim quantities are expectations of these *ex-post* formulas over v_{−i}, taken term by
 * term (the expectation is linear) over the coordinates each term depends on: nested adaptive
 * quadrature for n ≤ 3 (n = 3 only when F is cheap to integrate against, see choosePath),
 * seeded Monte Carlo beyond. No closed form of an interim transfer is used: what the claims
 * compare them with (T_1, T_2, (L1-1), (L4)) is computed by other routes. The one-coordinate
 * terms φ_j(v_j) are integrated on their own (E[φ], 1-D), not inside the nest.
 *
 * The three rules are anonymous (s_i(v) depends on i only through the position of v_i), so
 * S_i, φ_i and w ↦ E_{−i}[piece(w, ·)] are the same functions for every agent; only r_i, v_i*
 * and d_i differ. The quadrature path integrates the pieces once, for agent 1, and shares them
 * (see `interim`); the unit tests integrate the other agents separately and compare, and the
 * ex-post checks (budget balance) use every agent's own formula.
 *
 * The allocation rules are in rules.ts; the numerics — nested quadrature, Monte Carlo draws and
 * their error allowances, estimates that carry their errors — in src/numeric.
 */
import type { Dist } from '../../distributions/types.ts';
import { makeDist } from '../../distributions/index.ts';
import { brent, quad, quadOptions, quadVec } from '../../numeric/index.ts';
import type { Precision, QuadOptions } from '../../numeric/types.ts';
import { Est, sumEst } from '../../numeric/estimate.ts';
import { bernoulliMeanSd, mcBound, quantileDraws, rareEventMass } from '../../numeric/montecarlo.ts';
import { nestedExpectation, smoothstepInverse, smoothstepPoints, type VecEstimate } from '../../numeric/nested-quadrature.ts';
import { G, vStar as vStarD1, type MarketSpec } from './market.ts';
import { EFFICIENT, makeRule, type AllocationRule, type RuleSpec } from './rules.ts';

// Re-exported for the tests and claims that import them from here (they moved to src/numeric and rules.ts).
export { Cheb } from '../../numeric/chebyshev.ts';
export { Est, sumEst, smoothstepInverse };
export { EFFICIENT, efficientRule, lotteryRule, makeRule, powerRule, type AllocationRule, type RuleSpec } from './rules.ts';

// ------------------------------------------------------------------------------------------
// The mechanism
// ------------------------------------------------------------------------------------------

export interface MechanismOptions {
  precision?: Precision;
  /** 'auto' (choosePath): nested quadrature for n ≤ 3 (n = 3 only when F is cheap to integrate against), Monte Carlo beyond. */
  path?: 'auto' | 'quadrature' | 'monte-carlo';
  /** Monte Carlo draws of the others' types (default 4000 standard, 16000 high). */
  draws?: number;
  /** Seed of the Monte Carlo draws. */
  seed?: number;
}

/** Interim expectations over v_{−i} of the ex-post pieces, at one report w of agent i. */
export interface InterimAt {
  /** E_{−i} s_i(w, ·) — S_i(w) from the ex-post rule. */
  Es: Est;
  /** E_{−i} Y_i(w, ·). */
  EY: Est;
  /** E_{−i} Σ_{j≠i} Y_j(w, ·). */
  EYo: Est;
  /** E_{−i} Σ_{j≠i} Ȳ_j(w, ·). */
  EYbo: Est;
}

/** Largest n whose interim expectations are taken by nested quadrature. */
export const QUADRATURE_N_MAX = 3;

/**
 * Nodes per dimension above which an n = 3 market goes to Monte Carlo: the costliest integral,
 * E[Y_i] over all three types, takes about (nodes)³ evaluations, so F that need more than ~160
 * Gauss–Kronrod nodes for their own moments (densities oscillating over many periods, narrow
 * bumps) would cost tens of seconds a case. n = 2 (at most two dimensions) always integrates.
 */
export const NODES_PER_DIMENSION_MAX = 160;

/**
 * Nodes adaptive G10K21 spends on ∫dF and ∫x dF (in the t variable of `expect`) at the innermost
 * tolerance: how hard F is to integrate against, one dimension at a time.
 */
export function nodesPerDimension(dist: Dist, precision: Precision = 'standard'): number {
  const W = dist.hi - dist.lo;
  const tol = (precision === 'high' ? 1e-11 : 1e-9) / 100;
  const r = quadVec(
    (t, out) => {
      const x = dist.lo + W * t * t * (3 - 2 * t);
      const f = dist.pdf(x) * 6 * W * t * (1 - t);
      out[0] = f;
      out[1] = x * f;
    },
    2,
    0,
    1,
    { epsabs: tol * Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi)), epsrel: tol, points: smoothstepPoints(dist.breakpoints, dist.lo, dist.hi) },
  );
  return r.neval;
}

/** The integration path of a market: quadrature for n ≤ 3 unless F is too costly at n = 3 (see NODES_PER_DIMENSION_MAX). */
export function choosePath(n: number, dist: Dist): 'quadrature' | 'monte-carlo' {
  if (n > QUADRATURE_N_MAX) return 'monte-carlo';
  if (n < QUADRATURE_N_MAX) return 'quadrature';
  return nodesPerDimension(dist) <= NODES_PER_DIMENSION_MAX ? 'quadrature' : 'monte-carlo';
}

export class Lemma1Mechanism {
  readonly n: number;
  readonly beta: number;
  readonly shares: readonly number[];
  readonly dist: Dist;
  readonly rule: AllocationRule;
  readonly lo: number;
  readonly hi: number;
  /** v̄_0 = E[v_i]. */
  readonly mean: number;
  /** v_i* with S_i(v_i*) = r_i; the end of the support when r_i is outside the range of S_i. */
  readonly vStar: number[];
  /** Whether r_i is in the range of S_i (Lemma 1's standing assumption, Section 3). */
  readonly inRange: boolean[];
  readonly path: 'quadrature' | 'monte-carlo';
  readonly precision: Precision;
  /** max(1, |v̲|, |v̄|): the size of a type. */
  readonly scaleV: number;
  /** (1 + β)·n·scaleV: the size of a transfer. */
  readonly scaleT: number;
  /** Monte Carlo draws (0 on the quadrature path). */
  readonly draws: number;
  /** False when some quadrature did not reach its tolerance; `failures` says which. */
  converged = true;
  readonly failures = new Set<string>();

  private note(ok: boolean, what: string): void {
    if (!ok) {
      this.converged = false;
      this.failures.add(what);
    }
  }

  private readonly qo: QuadOptions;
  /**
   * Relative tolerance of the outermost level of a nested expectation: 1e-9 (standard) and 1e-11
   * (high). Each inner level is a decade tighter and Ȳ's own quadrature two decades, so the
   * innermost integrals run at 1e-11 (standard) and 1e-13 (high), just above G10K21's roundoff
   * floor; a tighter top level would drive three-deep nests into that floor.
   */
  private readonly relNested: number;
  /** Absolute tolerance of the nested expectations: relNested × the type scale. */
  private readonly epsNested: number;
  private readonly cg: number;
  private readonly phiCache = new Map<number, Est>();
  private readonly interimCache = new Map<string, InterimAt>();
  private readonly ybarCache = new Map<number, Est>();
  private readonly dCache = new Map<number, Est>();
  private ephi: Est | undefined;
  private dSum: Est | undefined;
  private X: Float64Array | undefined;
  private readonly seed: number;
  private readonly s: Float64Array;

  constructor(market: MarketSpec, beta: number, ruleSpec: RuleSpec = EFFICIENT, opts: MechanismOptions = {}) {
    const precision = opts.precision ?? 'standard';
    this.precision = precision;
    this.n = market.n;
    this.beta = beta;
    this.shares = market.shares;
    this.dist = makeDist(market.dist, precision);
    this.lo = this.dist.lo;
    this.hi = this.dist.hi;
    this.mean = this.dist.mean();
    this.scaleV = Math.max(1, Math.abs(this.lo), Math.abs(this.hi));
    this.scaleT = (1 + beta) * this.n * this.scaleV;
    const base = quadOptions(precision);
    this.qo = { ...base, epsabs: (base.epsabs ?? 1e-13) * this.scaleV };
    this.relNested = precision === 'high' ? 1e-11 : 1e-9;
    this.epsNested = this.relNested * this.scaleV;
    this.rule = makeRule(ruleSpec, this.dist, this.n, { ...this.qo, epsabs: (base.epsabs ?? 1e-12) / 100 }, precision);
    this.note(this.rule.converged, 'S (power rule table)');
    this.cg = this.n > 1 ? beta / (this.n * (this.n - 1)) : 0;
    this.s = new Float64Array(this.n);
    const path = opts.path ?? 'auto';
    this.path = path === 'auto' ? choosePath(this.n, this.dist.at('standard')) : path;
    this.draws = this.path === 'monte-carlo' ? (opts.draws ?? (precision === 'high' ? 16_000 : 4_000)) : 0;
    this.seed = (opts.seed ?? 1) + (precision === 'high' ? 7919 : 0);
    const S = this.rule.S;
    const sLo = S(this.lo);
    const sHi = S(this.hi);
    this.vStar = [];
    this.inRange = [];
    for (const r of market.shares) {
      if (ruleSpec.kind === 'efficient') {
        this.vStar.push(vStarD1(this.dist, r, this.n));
        this.inRange.push(true);
      } else if (r <= sLo) {
        this.vStar.push(this.lo);
        this.inRange.push(r >= sLo - 1e-14);
      } else if (r >= sHi) {
        this.vStar.push(this.hi);
        this.inRange.push(r <= sHi + 1e-14);
      } else {
        const root = brent((w) => S(w) - r, this.lo, this.hi, { xtol: 1e-15 * this.scaleV });
        this.note(root.converged, 'v* root');
        this.vStar.push(root.root);
        this.inRange.push(true);
      }
    }
  }

  // ---------------------------------------------------------------- ex post

  /** (1 + β/n) ∫_{v̲}^{w} p dS_i(p), by parts: (1+β/n)[wS(w) − v̲S(v̲) − ∫_{v̲}^{w} S] (Appendix A.1, first line of t_i). */
  phi(w: number): Est {
    let e = this.phiCache.get(w);
    if (!e) {
      const { S } = this.rule;
      // Outside [v̲, v̄] no share moves (dS = 0): φ(w) is φ at the nearer end. Both S and ∫S are
      // taken at the clamped point, so that wS(w) and ∫S stop at the same place.
      const ws = Math.min(Math.max(w, this.lo), this.hi);
      const I = this.rule.intS(ws);
      const k = 1 + this.beta / this.n;
      e = Est.of(k * (ws * S(ws) - this.lo * S(this.lo) - I.value), k * (I.abserr + (Math.abs(ws) + Math.abs(this.lo)) * this.rule.sErr));
      this.phiCache.set(w, e);
    }
    return e;
  }

  /** E[φ_j(v_j)]: the expectation of t_i⁰'s second term, one coordinate each (same for every j). */
  Ephi(): Est {
    if (!this.ephi) {
      let inner = 0;
      const r = quad(
        (v) => {
          const p = this.phi(v);
          inner = Math.max(inner, p.abserr);
          return p.value * this.dist.pdf(v);
        },
        this.lo,
        this.hi,
        { ...this.qo, points: this.dist.breakpoints },
      );
      this.note(r.converged, 'E[φ]');
      this.phiCache.clear();
      this.ephi = Est.of(r.value, r.abserr + inner);
    }
    return this.ephi;
  }

  /** s(v) for a profile. */
  shareVector(v: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.n);
    this.rule.shares(v, out);
    return out;
  }

  /** Y_k(v) = Σ_{j≠k} v_j s_k(v): the part of k's value that comes from the others' signals. */
  Y(v: ArrayLike<number>, k: number): number {
    let rest = 0;
    for (let j = 0; j < this.n; j++) if (j !== k) rest += v[j];
    return rest * this.rule.share(v, k);
  }

  /** Ȳ_k(v_{−k}) = ∫ Y_k(p, v_{−k}) dF(p), by adaptive quadrature (v_k is ignored; Appendix A.1, t_i's fourth term). */
  Ybar(v: ArrayLike<number>, k: number, qo: QuadOptions = this.qo): { value: number; abserr: number; converged: boolean } {
    const n = this.n;
    const prof = new Float64Array(n);
    let rest = 0;
    for (let j = 0; j < n; j++) {
      prof[j] = v[j];
      if (j !== k) rest += v[j];
    }
    const { lo, hi } = this;
    const W = hi - lo;
    const pts = [...this.dist.breakpoints];
    if (this.rule.jumps) for (let j = 0; j < n; j++) if (j !== k) pts.push(v[j]);
    // In t with p = v̲ + W(3t² − 2t³), as in `expect`: smooth at the ends of the support.
    const r = quad(
      (t) => {
        const p = lo + W * t * t * (3 - 2 * t);
        prof[k] = p;
        return rest * this.rule.share(prof, k) * this.dist.pdf(p) * 6 * W * t * (1 - t);
      },
      0,
      1,
      { ...qo, points: smoothstepPoints(pts, lo, hi) },
    );
    return { value: r.value, abserr: r.abserr, converged: r.converged };
  }

  /** t_i⁰(v) for every i (Appendix A.1, the transfer before the shift, c_i = 0). */
  t0(v: ArrayLike<number>): Float64Array {
    const n = this.n;
    const phis = new Float64Array(n);
    const Ys = new Float64Array(n);
    const Ybars = new Float64Array(n);
    let phiSum = 0;
    for (let j = 0; j < n; j++) {
      phis[j] = this.phi(v[j]).value;
      phiSum += phis[j];
      Ys[j] = this.Y(v, j);
      Ybars[j] = this.Ybar(v, j).value;
    }
    let gAll = 0;
    for (let j = 0; j < n; j++) gAll += Ys[j] - Ybars[j];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = this.cg * (gAll - (Ys[i] - Ybars[i]));
      out[i] = -phis[i] + (phiSum - phis[i]) / (n - 1) + (this.beta / n) * (Ybars[i] - Ys[i]) + g;
    }
    return out;
  }

  /** t̂_i(v) = t_i⁰(v) − d_i + (1/n)Σ_k d_k for every i (Appendix A.1, the shifted transfer). */
  tHat(v: ArrayLike<number>): Float64Array {
    const t = this.t0(v);
    const Dn = this.D().value / this.n;
    for (let i = 0; i < this.n; i++) t[i] += Dn - this.d(i).value;
    return t;
  }

  // ---------------------------------------------------------------- integration over v_{−i}

  /**
   * E over the coordinates `free` (independent, each ~F) of h(profile) by nested quadrature
   * (numeric/nested-quadrature.ts): tolerances relative to the type scale (the integrands are
   * sums of types times shares, and may cross zero), split at the ties of rules that jump there.
   */
  private expect(
    profile: Float64Array,
    free: readonly number[],
    dim: number,
    h: (v: Float64Array, out: Float64Array) => void,
    kinks: readonly number[],
  ): VecEstimate {
    const o = { qo: this.qo, epsabs: this.epsNested, epsrel: this.relNested, jumps: this.rule.jumps };
    return nestedExpectation(this.dist, o, profile, free, dim, h, kinks);
  }

  /** E over `free` of Ȳ_k(v_{−k}), Ȳ's own quadrature two decades tighter than the nest's top level. */
  private expectYbar(profile: Float64Array, free: readonly number[], k: number, kinks: readonly number[]): { value: number; abserr: number; converged: boolean } {
    const qoIn = { ...this.qo, epsabs: this.epsNested / 100, epsrel: this.relNested / 100 };
    let ok = true;
    const r = this.expect(
      profile,
      free,
      1,
      (v, out) => {
        const y = this.Ybar(v, k, qoIn);
        ok &&= y.converged;
        out[0] = y.value;
        out[1] = y.abserr;
      },
      kinks,
    );
    return { value: r.value[0], abserr: r.abserr[0], converged: ok && r.converged };
  }

  private others(i: number): number[] {
    return Array.from({ length: this.n }, (_, j) => j).filter((j) => j !== i);
  }

  /** The Monte Carlo draws: row m holds v_1..v_n and an independent p (for the Ȳ terms). */
  private drawMatrix(): Float64Array {
    if (!this.X) {
      this.X = quantileDraws((u) => this.dist.quantile(u), this.draws * (this.n + 1), `pw-lemma1:${this.seed}`);
    }
    return this.X;
  }

  /** f(row, m) for every Monte Carlo draw m: row[0..n−1] holds v_1..v_n, row[n] the independent p. */
  private forEachDraw(f: (row: Float64Array, m: number) => void): void {
    const X = this.drawMatrix();
    const n1 = this.n + 1;
    for (let m = 0; m < this.draws; m++) f(X.subarray(m * n1, m * n1 + n1), m);
  }

  /** s_i(v), Y_i(v) and Σ_{j≠i} Y_j(v) (the ex-post pieces of i's value and of g_i) into out[0..2]. */
  private valuePieces(v: ArrayLike<number>, i: number, out: Float64Array): void {
    const n = this.n;
    const s = this.s;
    this.rule.shares(v, s);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += v[j];
    let yo = 0;
    for (let j = 0; j < n; j++) if (j !== i) yo += (sum - v[j]) * s[j];
    out[0] = s[i];
    out[1] = (sum - v[i]) * s[i];
    out[2] = yo;
  }

  /**
   * E_{−i} of the ex-post pieces of agent i's transfer and value at report w. Monte Carlo:
   * Ȳ_j enters t_i⁰ linearly, so a single independent draw p in j's place is an unbiased
   * estimate of it (the nested expectation needs no inner quadrature).
   *
   * The four expectations are functions of the report alone: the rule is anonymous and the
   * others' types exchangeable, so relabelling agents leaves them unchanged. On the quadrature
   * path they are therefore integrated once per report, with agent 1 in i's place, and shared
   * by all agents (a third of the cost at n = 3; the unit tests integrate agents 2 and 3 on
   * their own with `own` and compare). The Monte Carlo path keeps each agent's own draws.
   */
  interim(i0: number, w: number, own = false): InterimAt {
    const i = this.path === 'quadrature' && !own ? 0 : i0;
    const key = `${i}:${w}`;
    const hit = own ? undefined : this.interimCache.get(key);
    if (hit) return hit;
    const n = this.n;
    const others = this.others(i);
    let res: InterimAt;
    if (this.path === 'quadrature') {
      const prof = new Float64Array(n);
      prof[i] = w;
      const a = this.expect(
        prof,
        others,
        3,
        (v, out) => {
          this.valuePieces(v, i, out);
          out[3] = out[4] = out[5] = 0;
        },
        [w],
      );
      let ybo = 0;
      let yboErr = 0;
      let ok = a.converged;
      for (const j of others) {
        const p2 = new Float64Array(n);
        p2[i] = w;
        const r = this.expectYbar(p2, others.filter((k) => k !== j), j, [w]);
        ok &&= r.converged;
        ybo += r.value;
        yboErr += r.abserr;
      }
      this.note(ok, 'interim pieces');
      res = {
        Es: Est.of(a.value[0], a.abserr[0]),
        EY: Est.of(a.value[1], a.abserr[1]),
        EYo: Est.of(a.value[2], a.abserr[2]),
        EYbo: Est.of(ybo, yboErr),
      };
    } else {
      const N = this.draws;
      const es = new Float64Array(N);
      const ey = new Float64Array(N);
      const eyo = new Float64Array(N);
      const eybo = new Float64Array(N);
      const prof = new Float64Array(n);
      const piece = new Float64Array(3);
      this.forEachDraw((row, m) => {
        for (let j = 0; j < n; j++) prof[j] = j === i ? w : row[j];
        this.valuePieces(prof, i, piece);
        es[m] = piece[0];
        ey[m] = piece[1];
        eyo[m] = piece[2];
        const p = row[n];
        let yb = 0;
        for (const j of others) {
          const keep = prof[j];
          prof[j] = p;
          yb += this.Y(prof, j);
          prof[j] = keep;
        }
        eybo[m] = yb;
      });
      res = { Es: new Est(0, 0, es), EY: new Est(0, 0, ey), EYo: new Est(0, 0, eyo), EYbo: new Est(0, 0, eybo) };
    }
    if (!own) this.interimCache.set(key, res);
    return res;
  }

  /**
   * E_{−i}[Ȳ_i(v_{−i})] = E[Y_i] over all n types (t_i⁰'s (β/n)Ȳ_i term; it does not depend on
   * i's report). The rules are anonymous and the types exchangeable, so it is the same number for
   * every agent: on the quadrature path (an n-dimensional nest, the costliest integral here) it is
   * computed once, for agent 1 (the unit tests check agent 2 against it); on the Monte Carlo path
   * each agent gets its own draws.
   */
  EYbar(i0: number, own = false): Est {
    const i = this.path === 'quadrature' && !own ? 0 : i0;
    let e = own ? undefined : this.ybarCache.get(i);
    if (!e) {
      const n = this.n;
      if (this.path === 'quadrature') {
        const r = this.expectYbar(new Float64Array(n), this.others(i), i, []);
        this.note(r.converged, 'E[Ȳ_i]');
        e = Est.of(r.value, r.abserr);
      } else {
        const d = new Float64Array(this.draws);
        const prof = new Float64Array(n);
        this.forEachDraw((row, m) => {
          for (let j = 0; j < n; j++) prof[j] = row[j];
          prof[i] = row[n];
          d[m] = this.Y(prof, i);
        });
        e = new Est(0, 0, d);
      }
      if (!own) this.ybarCache.set(i, e);
    }
    return e;
  }

  /** E_{−i}[g_i(w, ·)]: zero for every report w if the construction is right (Appendix A.1). */
  Eg(i: number, w: number): Est {
    const a = this.interim(i, w);
    return a.EYo.minus(a.EYbo).times(this.cg);
  }

  /** T_i⁰(w) = E_{−i}[t_i⁰(w, ·)], term by term. */
  T0(i: number, w: number): Est {
    const a = this.interim(i, w);
    const b = this.beta / this.n;
    return this.phi(w)
      .times(-1)
      .plus(this.Ephi())
      .plus(this.EYbar(i).minus(a.EY).times(b))
      .plus(this.Eg(i, w));
  }

  /** A_i = r_i β(n−1)v̄_0/n − (β/n)E_{−i}[Y_i(v_i*, ·)] (Appendix A.1). */
  A(i: number): Est {
    const n = this.n;
    return this.interim(i, this.vStar[i])
      .EY.times(-this.beta / n)
      .plus((this.shares[i] * this.beta * (n - 1) * this.mean) / n);
  }

  /** d_i = T_i⁰(v_i*) − A_i (Appendix A.1). */
  d(i: number): Est {
    let e = this.dCache.get(i);
    if (!e) {
      e = this.T0(i, this.vStar[i]).minus(this.A(i));
      this.dCache.set(i, e);
    }
    return e;
  }

  /** Σ_k d_k: by the "only if" computation it equals the left side of (L1-1). */
  D(): Est {
    if (!this.dSum) this.dSum = sumEst(Array.from({ length: this.n }, (_, k) => this.d(k)));
    return this.dSum;
  }

  /** T̂_i(w) = E_{−i}[t̂_i(w, ·)]. */
  That(i: number, w: number): Est {
    return this.T0(i, w).minus(this.d(i)).plus(this.D().times(1 / this.n));
  }

  /** U_i(v; w): true type v reporting w = T̂_i(w) + (1+β/n)v E s_i(w,·) + (β/n)E Y_i(w,·) (Section 2). */
  U(i: number, v: number, w: number): Est {
    const a = this.interim(i, w);
    const b = this.beta / this.n;
    return this.That(i, w).plus(a.Es.times((1 + b) * v)).plus(a.EY.times(b));
  }

  /** The outside option r_i[(1+β/n)v + β(n−1)v̄_0/n] (Section 2, IR). */
  outside(i: number, v: number): number {
    const n = this.n;
    return this.shares[i] * ((1 + this.beta / n) * v + (this.beta * (n - 1) * this.mean) / n);
  }

  /** IR slack U_i(v; v) − r_i[(1+β/n)v + β(n−1)v̄_0/n]: Lemma 5's net interim utility. */
  net(i: number, v: number): Est {
    return this.U(i, v, v).minus(this.outside(i, v));
  }

  /** U_i(v; w) − U_i(v; v): the gain from reporting w (≤ 0 is interim IC). */
  icGain(i: number, v: number, w: number): Est {
    return this.U(i, v, w).minus(this.U(i, v, v));
  }

  /**
   * Monte Carlo differences between two types or reports a and b (IC gains, (L4), Lemma 5) change
   * only on events of the form "the largest of n − 1 independent types lies below, between or
   * above a and b" — rank changes under rules that jump at ties. Two corrections to the sample
   * standard error, both zero on the quadrature path and for the power rule (continuous shares):
   *
   * `jumpSd`: the share jump between a and b is a Bernoulli event of known probability
   * ΔG = G(b) − G(a), G = F^{n−1}. When it is drawn only a few times, the sample variance (the
   * Wald estimate) understates it — a deep run found 5 draws where 15.6 were expected, and a
   * 4.2-standard-error "gain". This is the standard deviation of the mean from the exact
   * probability, Σ_e M_e·√(q_e(1 − q_e)/N) over the events (triangle inequality), with M_e the
   * largest change of a draw on event e: in the main profile the share jump times the type plus
   * the jump of Σ_{j≠i} Y_j in g_i, ≤ (β/(n(n−1)))(n−1)v̄-scale; in each of the n − 1 profiles with
   * a fresh p, the jump of its Y_j, of the same size and probability. Callers add it in quadrature
   * to the sample standard error. For a single point (a = b) the event is "i wins" (probability
   * G(a)) in the main profile only.
   */
  jumpSd(v: number, w: number): number {
    if (this.path !== 'monte-carlo' || !this.rule.jumps) return 0;
    const n = this.n;
    const a = Math.min(v, w);
    const b = Math.max(v, w);
    const q = a === b ? G(this.dist, n, a) : G(this.dist, n, b) - G(this.dist, n, a);
    const yJump = this.cg * (n - 1) * this.scaleV;
    const main = (1 + this.beta / n) * Math.max(Math.abs(a), Math.abs(b)) + yJump;
    const fresh = a === b ? 0 : (n - 1) * yJump;
    return (main + fresh) * bernoulliMeanSd(q, this.draws);
  }

  /**
   * `rareEventAllowance`: an event too rare to be drawn leaves no trace in the sample but still
   * moves the mean, by at most (its probability) × (the largest per-draw change). This returns that
   * allowance for every rank event expected fewer than 30 times in the draws (more frequent ones
   * are in the standard error): with n profiles per draw (the main one and the n − 1 with a fresh
   * p), the probabilities are at most n(G(b) − G(a)), n(1 − G(a)) and nG(b).
   */
  rareEventAllowance(v: number, w: number): number {
    if (this.path !== 'monte-carlo' || !this.rule.jumps) return 0;
    const a = Math.min(v, w);
    const b = Math.max(v, w);
    const n = this.n;
    const [Ga, Gb] = [G(this.dist, n, a), G(this.dist, n, b)];
    const p = rareEventMass([n * (Gb - Ga), n * (1 - Ga), n * Gb], this.draws);
    if (p === 0) return 0;
    // The largest change of a draw's value: the share jump times the types, the Y_j jumps in g_i and the externality term.
    const magnitude =
      (1 + this.beta / n) * (Math.abs(a) + Math.abs(b)) + 2 * (this.beta / n) * (n - 1) * this.scaleV + 2 * this.cg * n * (n - 1) * this.scaleV;
    return magnitude * p;
  }

  /**
   * A bound on |estimate − truth| for a quantity built from reports/types v and w: the quadrature
   * error, z times the standard error (sample and exact-jump parts in quadrature), and the
   * rare-event allowance.
   */
  boundFor(e: Est, v: number, w: number, z: number): number {
    return mcBound(e.abserr, e.stderr, this.jumpSd(v, w), this.rareEventAllowance(v, w), z);
  }

  // ---------------------------------------------------------------- independent routes

  /** ∫_w^v p dS_i(p) = ∫ p S_i'(p) dp by its own quadrature (Lemma 4's first term, without the (1+β/n)). */
  pdS(w: number, v: number): Est {
    if (v === w) return Est.of(0);
    const r = quad((p) => p * this.rule.dS(p), Math.min(v, w), Math.max(v, w), { ...this.qo, points: this.dist.breakpoints });
    this.note(r.converged, '∫p dS (L4)');
    const sgn = v > w ? 1 : -1;
    return Est.of(sgn * r.value, r.abserr + this.scaleV * this.rule.sErr * 4);
  }

  /**
   * E_{−i}{Σ_{j≠i} v_j[s_i(v, v_{−i}) − s_i(w, v_{−i})]} as one integral of the difference
   * (Lemma 4's second term, without the β/n).
   */
  externalityDiff(i: number, v: number, w: number): Est {
    const n = this.n;
    const others = this.others(i);
    if (this.path === 'quadrature') {
      const prof = new Float64Array(n);
      const r = this.expect(
        prof,
        others,
        1,
        (x, out) => {
          let rest = 0;
          for (const j of others) rest += x[j];
          x[i] = v;
          const sv = this.rule.share(x, i);
          x[i] = w;
          const sw = this.rule.share(x, i);
          out[0] = rest * (sv - sw);
          out[1] = 0;
        },
        [v, w],
      );
      this.note(r.converged, 'externality difference (L4)');
      return Est.of(r.value[0], r.abserr[0]);
    }
    const d = new Float64Array(this.draws);
    const prof = new Float64Array(n);
    this.forEachDraw((row, m) => {
      let rest = 0;
      for (const j of others) {
        prof[j] = row[j];
        rest += prof[j];
      }
      prof[i] = v;
      const sv = this.rule.share(prof, i);
      prof[i] = w;
      d[m] = rest * (sv - this.rule.share(prof, i));
    });
    return new Est(0, 0, d);
  }

  /**
   * The left side of (L1-1), each term by its own route:
   *   first  = (1+β/n) Σ_i [∫_{v_i*}^{v̄}(1−F)p dS_i − ∫_{v̲}^{v_i*} F p dS_i]   (dS_i = S_i'(p)dp, quadrature);
   *   second = (β/n) Σ_i ∫ Σ_{j≠i} E_{−i}[v_j s_i(v_i, v_{−i})] dF(v_i) − β(n−1)v̄_0/n
   * (the second sum as one n-dimensional integral of Σ_i Y_i — nested quadrature for n ≤ 3,
   * Monte Carlo on fresh draws beyond).
   */
  L11(): { first: Est; second: Est; lhs: Est; brackets: number[] } {
    const n = this.n;
    const b = this.beta / n;
    const brackets: number[] = [];
    let first = Est.of(0);
    for (const v of this.vStar) {
      const opts = { ...this.qo, points: this.dist.breakpoints };
      const up = quad((p) => (1 - this.dist.cdf(p)) * p * this.rule.dS(p), v, this.hi, opts);
      const dn = quad((p) => this.dist.cdf(p) * p * this.rule.dS(p), this.lo, v, opts);
      this.note(up.converged && dn.converged, '(L1-1) brackets');
      brackets.push(up.value - dn.value);
      first = first.plus(Est.of(up.value - dn.value, up.abserr + dn.abserr + 4 * this.scaleV * this.rule.sErr));
    }
    first = first.times(1 + b);
    let EsumY: Est;
    const sumY = (x: ArrayLike<number>, s: Float64Array) => {
      this.rule.shares(x, s);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += x[j];
      let t = 0;
      for (let j = 0; j < n; j++) t += (sum - x[j]) * s[j];
      return t;
    };
    if (this.path === 'quadrature') {
      const s = new Float64Array(n);
      const r = this.expect(
        new Float64Array(n),
        Array.from({ length: n }, (_, j) => j),
        1,
        (x, out) => {
          out[0] = sumY(x, s);
          out[1] = 0;
        },
        [],
      );
      this.note(r.converged, '(L1-1) second term');
      EsumY = Est.of(r.value[0], r.abserr[0]);
    } else {
      const N = this.draws;
      // Fresh draws (not drawMatrix's): this route must not share the transfers' sample.
      const X = quantileDraws((u) => this.dist.quantile(u), N * n, `pw-lemma1-L11:${this.seed}`);
      const d = new Float64Array(N);
      const s = new Float64Array(n);
      for (let m = 0; m < N; m++) d[m] = sumY(X.subarray(m * n, (m + 1) * n), s);
      EsumY = new Est(0, 0, d);
    }
    const second = EsumY.times(b).minus((this.beta * (n - 1) * this.mean) / n);
    return { first, second, lhs: first.plus(second), brackets };
  }
}
