/**
 * A certified Walrasian solver for exchange economies of finitely many types with masses
 * (Dagan, Serrano & Volij 1999, Section 6 asserts existence; the CLAIMS.md row DSV.WE.certified).
 *
 * Route: Newton on the value excess demand p_k Z_k(p) / Σ_t m_t p·e_t in log prices (good 0 the
 * numéraire, p_0 = 1; Walras' law makes its market redundant), from the Cobb–Douglas equilibrium
 * (a linear system) as the first guess, with a backtracking line search and a damped
 * tâtonnement step when Newton stalls. Gross substitutes (CES σ ≥ 1) make the equilibrium unique,
 * so whatever the route finds is the equilibrium.
 *
 * Nothing uncertified is returned: markets must clear, every budget bind, every bundle satisfy
 * the first-order conditions, equal the analytic demand, and beat random budget-feasible probes;
 * otherwise WalrasianRefusal says which test failed and by how much. Indivisible goods: the
 * solver finds the equilibrium of the convexified economy and accepts it only when every type's
 * bundle is integer in the indivisible goods (then it is optimal on the smaller, integer budget
 * set too); otherwise it refuses — types with masses cannot split into lotteries here.
 */
import { InputError } from '../errors.ts';
import { makeRng } from '../numeric/rng.ts';
import { checkUtility, demand, gradient, hasSmoothDemand, utilityValue, type Economy } from './utilities.ts';

export type { Economy } from './utilities.ts';

/** Why the solver would not return an answer (no certified equilibrium found). */
export class WalrasianRefusal extends Error {
  constructor(readonly reason: string) {
    super(`no certified Walrasian equilibrium: ${reason}`);
    this.name = 'WalrasianRefusal';
  }
}

/** The tolerances of the certificate (all relative; see `certifyEquilibrium`). */
export interface WalrasianTolerances {
  /** |Σ_t m_t (x_tk − e_tk)| / Σ_t m_t e_tk for every good k. */
  clearing: number;
  /** |p·x_t − p·e_t| / p·e_t for every type. */
  budget: number;
  /** 1 − (∂_k u / p_k) / max_j (∂_j u / p_j) on goods consumed (the first-order conditions). */
  kkt: number;
  /** ‖x_t − demand_t(p, p·e_t)‖_∞ / max(1, ‖x_t‖_∞). */
  demand: number;
  /** (u(y) − u(x_t)) / max(|u(x_t)|, 1e-300) over the random budget-feasible probes y. */
  probe: number;
}

/** Defaults: the solver reaches ~1e-14 on generated economies; 1e-9 leaves five orders of safety for round-off in the checks. */
export const DEFAULT_TOLERANCES: WalrasianTolerances = { clearing: 1e-9, budget: 1e-9, kkt: 1e-8, demand: 1e-9, probe: 1e-10 };

export interface WalrasianCertificate {
  method: 'newton' | 'newton+tatonnement' | 'unit-demand';
  iterations: number;
  /** Measured values of the tolerances' quantities (the worst over goods / types / probes). */
  clearing: number;
  budget: number;
  kkt: number;
  demand: number;
  probes: { count: number; worstGain: number };
  tolerances: WalrasianTolerances;
}

export interface WalrasianResult {
  prices: number[];
  allocation: number[][];
  certificate: WalrasianCertificate;
}

export interface WalrasianOptions {
  tolerances?: Partial<WalrasianTolerances>;
  /** Random budget-feasible probes per type (default 48), from a fixed seed: same economy, same certificate. */
  probes?: number;
  /** Seed of the probes (default 'dsv-walrasian-probes'). */
  seed?: string;
}

/**
 * Validate an economy (Section 2: e_t ≥ 0 and not zero, positive masses, every good in positive
 * aggregate supply, good 0 divisible, integer holdings of indivisible goods), throwing an
 * InputError naming the field (`types[2].endowment[1]`).
 */
export function checkEconomy(e: Economy, field = ''): number {
  const at = (s: string) => (field ? `${field}.${s}` : s);
  if (!Array.isArray(e.types) || e.types.length < 1) throw new InputError(at('types'), 'must list at least one type');
  const n = e.types[0].endowment.length;
  if (n < 2) throw new InputError(at('types[0].endowment'), `needs at least 2 goods, got ${n}`);
  const ind = e.indivisible ?? [];
  ind.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 0 || k >= n) throw new InputError(at(`indivisible[${i}]`), `must be a good index in 1..${n - 1}, got ${k}`);
    if (k === 0) throw new InputError(at(`indivisible[${i}]`), 'good 0 is the divisible numéraire (the paper’s good 1) and cannot be indivisible');
    if (ind.indexOf(k) !== i) throw new InputError(at(`indivisible[${i}]`), `repeats good ${k}`);
  });
  const supply = new Array<number>(n).fill(0);
  e.types.forEach((t, i) => {
    const f = at(`types[${i}]`);
    if (!(Number.isFinite(t.mass) && t.mass > 0)) throw new InputError(`${f}.mass`, `must be a finite number > 0, got ${t.mass}`);
    if (t.endowment.length !== n) throw new InputError(`${f}.endowment`, `has ${t.endowment.length} entries, expected ${n} (one per good, as types[0])`);
    let any = false;
    t.endowment.forEach((x: number, k: number) => {
      if (!(Number.isFinite(x) && x >= 0)) throw new InputError(`${f}.endowment[${k}]`, `must be a finite number ≥ 0, got ${x}`);
      if (ind.includes(k) && !Number.isInteger(x)) throw new InputError(`${f}.endowment[${k}]`, `good ${k} is indivisible: holdings must be integers, got ${x}`);
      if (x > 0) any = true;
      supply[k] += t.mass * x;
    });
    if (!any) throw new InputError(`${f}.endowment`, 'must not be zero (a type with no wealth has no demand)');
    checkUtility(t.utility, n, `${f}.utility`);
  });
  supply.forEach((s, k) => {
    if (!(s > 0)) throw new InputError(at('types'), `good ${k} has zero aggregate endowment (its price is undetermined)`);
  });
  return n;
}

/** Aggregate excess demand Σ_t m_t (x_t(p, p·e_t) − e_t) (Section 2's market clearing). */
export function excessDemand(e: Economy, prices: readonly number[]): number[] {
  const n = prices.length;
  const z = new Array<number>(n).fill(0);
  for (const t of e.types) {
    let w = 0;
    for (let k = 0; k < n; k++) w += prices[k] * t.endowment[k];
    const x = demand(t.utility, prices, w);
    for (let k = 0; k < n; k++) z[k] += t.mass * (x[k] - t.endowment[k]);
  }
  return z;
}

/** Residual in log prices: value excess demand of goods 1..n−1 as shares of aggregate wealth. */
function residual(e: Economy, q: readonly number[]): number[] {
  const p = [1, ...q.map(Math.exp)];
  const z = excessDemand(e, p);
  let wealth = 0;
  for (const t of e.types) for (let k = 0; k < p.length; k++) wealth += t.mass * p[k] * t.endowment[k];
  return q.map((_, i) => (p[i + 1] * z[i + 1]) / wealth);
}

const normInf = (v: readonly number[]) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** Solve A x = b by Gaussian elimination with partial pivoting (small dense systems); undefined if singular. */
function solveLinear(A: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (!(Math.abs(M[piv][c]) > 1e-300)) return undefined;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      if (f !== 0) for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let j = r + 1; j < n; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/**
 * First guess: the equilibrium the economy would have if every type were Cobb–Douglas with its
 * normalised weights: p_k E_k = Σ_t m_t a_tk p·e_t, linear in p with p_0 = 1.
 */
function cobbDouglasGuess(e: Economy, n: number): number[] {
  const A: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const E = new Array<number>(n).fill(0);
  for (const t of e.types) {
    const u = t.utility;
    const raw = u.kind === 'ces' || u.kind === 'cobb-douglas' ? u.alpha : new Array<number>(n).fill(1);
    const s = raw.reduce((a, b) => a + b, 0);
    for (let k = 0; k < n; k++) {
      E[k] += t.mass * t.endowment[k];
      for (let j = 0; j < n; j++) A[k][j] += (t.mass * raw[k] * t.endowment[j]) / s;
    }
  }
  // Rows k = 1..n−1 of (diag(E) − A) p = 0 with p_0 = 1 moved to the right side.
  const M: number[][] = [];
  const b: number[] = [];
  for (let k = 1; k < n; k++) {
    M.push(Array.from({ length: n - 1 }, (_, j) => (k === j + 1 ? E[k] : 0) - A[k][j + 1]));
    b.push(A[k][0]);
  }
  const p = solveLinear(M, b);
  return p && p.every((x) => x > 0) ? p.map(Math.log) : new Array<number>(n - 1).fill(0);
}

/** Newton in log prices with backtracking, then damped tâtonnement if Newton stalls. */
function solvePrices(e: Economy, n: number): { q: number[]; iterations: number; method: WalrasianCertificate['method']; res: number } {
  let q = cobbDouglasGuess(e, n);
  let r = residual(e, q);
  let res = normInf(r);
  let iterations = 0;
  let method: WalrasianCertificate['method'] = 'newton';
  const target = 1e-15;
  for (let round = 0; round < 3 && res > target; round++) {
    // Newton with a forward-difference Jacobian (n − 1 extra residuals; the systems are tiny).
    for (let it = 0; it < 60 && res > target; it++) {
      iterations++;
      const J: number[][] = Array.from({ length: n - 1 }, () => new Array<number>(n - 1).fill(0));
      for (let j = 0; j < n - 1; j++) {
        const h = 1e-7 * Math.max(1, Math.abs(q[j]));
        const qj = q.slice();
        qj[j] += h;
        const rj = residual(e, qj);
        for (let i = 0; i < n - 1; i++) J[i][j] = (rj[i] - r[i]) / h;
      }
      const step = solveLinear(J, r.map((x) => -x));
      if (!step) break;
      // Cap the step in log prices (a factor e^2 at most) and backtrack until the residual falls.
      const cap = Math.max(1, normInf(step) / 2);
      let t = 1 / cap;
      let accepted = false;
      for (let ls = 0; ls < 40; ls++) {
        const qn = q.map((x, i) => x + t * step[i]);
        const rn = residual(e, qn);
        const resn = normInf(rn);
        if (Number.isFinite(resn) && resn < res * (1 - 1e-4 * t)) {
          q = qn;
          r = rn;
          res = resn;
          accepted = true;
          break;
        }
        t /= 2;
      }
      if (!accepted) break;
    }
    if (res <= target) break;
    // Damped tâtonnement in log prices: raise the prices of goods in excess demand (converges under gross substitutes).
    method = 'newton+tatonnement';
    for (let it = 0; it < 2000 && res > 1e-6; it++) {
      iterations++;
      const qn = q.map((x, i) => x + 0.5 * r[i]);
      const rn = residual(e, qn);
      if (!Number.isFinite(normInf(rn))) break;
      q = qn;
      r = rn;
      res = normInf(rn);
    }
  }
  return { q, iterations, method, res };
}

/**
 * The certificate of a candidate equilibrium (prices with p_0 = 1, one bundle per type), measured
 * against the tolerances: market clearing, budgets, the first-order conditions, the analytic
 * demand, and `probes` random bundles per type on or inside the budget set (uniform on the budget
 * simplex, and small moves along the budget plane around x_t) none of which may be better.
 */
export function certifyEquilibrium(
  e: Economy,
  prices: readonly number[],
  allocation: readonly (readonly number[])[],
  options: WalrasianOptions = {},
): WalrasianCertificate & { failures: string[] } {
  const tol = { ...DEFAULT_TOLERANCES, ...options.tolerances };
  const nProbes = options.probes ?? 48;
  const rng = makeRng(options.seed ?? 'dsv-walrasian-probes');
  const n = prices.length;
  const failures: string[] = [];
  let clearing = 0;
  for (let k = 0; k < n; k++) {
    let z = 0;
    let s = 0;
    e.types.forEach((t, i) => {
      z += t.mass * (allocation[i][k] - t.endowment[k]);
      s += t.mass * t.endowment[k];
    });
    const c = Math.abs(z) / s;
    if (!(c <= clearing)) clearing = c;
  }
  let budget = 0;
  let kkt = 0;
  let demandGap = 0;
  let worstGain = -Infinity;
  let worstType = -1;
  const ind = e.indivisible ?? [];
  e.types.forEach((t, i) => {
    const x = allocation[i];
    let w = 0;
    let px = 0;
    for (let k = 0; k < n; k++) {
      w += prices[k] * t.endowment[k];
      px += prices[k] * x[k];
    }
    budget = Math.max(budget, Math.abs(px - w) / w);
    for (const k of ind) if (x[k] !== Math.round(x[k])) failures.push(`type ${i}: non-integer holding ${x[k]} of indivisible good ${k}`);
    if (x.some((v) => !(v >= 0))) failures.push(`type ${i}: negative or invalid bundle`);
    // First-order conditions: ∂_k u / p_k equal (= λ) on goods consumed, ≤ λ on goods not consumed.
    const g = gradient(t.utility, x);
    const ratios = g.map((gk, k) => gk / prices[k]);
    const lambda = Math.max(...ratios);
    for (let k = 0; k < n; k++) if (x[k] > 0) kkt = Math.max(kkt, 1 - ratios[k] / lambda);
    if (!Number.isFinite(lambda) || !(lambda > 0)) kkt = Infinity;
    const d = demand(t.utility, prices, w);
    const scale = Math.max(1, ...x.map(Math.abs));
    for (let k = 0; k < n; k++) demandGap = Math.max(demandGap, Math.abs(d[k] - x[k]) / scale);
    const ux = utilityValue(t.utility, x);
    const uScale = Math.max(Math.abs(ux), 1e-300);
    // Buffers reused across probes (plain loops: Array.from({length}) costs more than the utility).
    const y = new Array<number>(n).fill(0);
    const dir = new Array<number>(n).fill(0);
    let pp = 0;
    for (let k = 0; k < n; k++) pp += prices[k] * prices[k];
    for (let j = 0; j < nProbes; j++) {
      if (j % 2 === 0) {
        // Uniform on the budget simplex {y ≥ 0, p·y = w} (exponential spacings).
        let tot = 0;
        for (let k = 0; k < n; k++) {
          dir[k] = -Math.log(1 - rng());
          tot += dir[k];
        }
        for (let k = 0; k < n; k++) y[k] = (w * dir[k]) / tot / prices[k];
      } else {
        // A move along the budget plane around x: a random direction projected onto p^⊥, of relative size 10^(−1..−6).
        let dp = 0;
        for (let k = 0; k < n; k++) {
          dir[k] = rng() - 0.5;
          dp += dir[k] * prices[k];
        }
        let norm = 0;
        for (let k = 0; k < n; k++) {
          dir[k] -= (dp / pp) * prices[k];
          norm += dir[k] * dir[k];
        }
        norm = Math.sqrt(norm) || 1;
        // Shorten the move to stay in R_+^n (clipping a coordinate at 0 would leave the budget plane upwards).
        let size = Math.pow(10, -1 - 5 * rng()) * scale;
        for (let k = 0; k < n; k++) if (dir[k] < 0) size = Math.min(size, (x[k] * norm) / -dir[k]);
        for (let k = 0; k < n; k++) y[k] = Math.max(0, x[k] + (size * dir[k]) / norm);
      }
      const gain = (utilityValue(t.utility, y) - ux) / uScale;
      if (Number.isNaN(gain)) failures.push(`type ${i}: a probe's utility is not a number`);
      else if (gain > worstGain) {
        worstGain = gain;
        worstType = i;
      }
    }
  });
  if (!(clearing <= tol.clearing)) failures.push(`markets do not clear: relative excess ${clearing} > ${tol.clearing}`);
  if (!(budget <= tol.budget)) failures.push(`a budget does not bind: relative gap ${budget} > ${tol.budget}`);
  if (!(kkt <= tol.kkt)) failures.push(`first-order conditions fail: ${kkt} > ${tol.kkt}`);
  if (!(demandGap <= tol.demand)) failures.push(`a bundle is not the analytic demand: gap ${demandGap} > ${tol.demand}`);
  if (!(worstGain <= tol.probe)) failures.push(`a budget-feasible probe is better for type ${worstType}: relative gain ${worstGain} > ${tol.probe}`);
  return {
    method: 'newton',
    iterations: 0,
    clearing,
    budget,
    kkt,
    demand: demandGap,
    probes: { count: nProbes * e.types.length, worstGain },
    tolerances: tol,
    failures,
  };
}

/**
 * The Walrasian equilibrium of an economy of types with masses (Section 2; existence Section 6):
 * prices with p_0 = 1 and one bundle per type, certified (see `certifyEquilibrium`), or a
 * WalrasianRefusal with the reason; bad input throws InputError naming the field.
 */
export function walrasianEquilibrium(e: Economy, options: WalrasianOptions = {}): WalrasianResult {
  const n = checkEconomy(e);
  if (e.types.every((t) => t.utility.kind === 'example1')) return example1Equilibrium(e, options);
  e.types.forEach((t, i) => {
    if (!hasSmoothDemand(t.utility)) {
      throw new WalrasianRefusal(`type ${i} has utility kind ${t.utility.kind}, whose demand is a correspondence; the solver needs single-valued smooth demand (ces, cobb-douglas)`);
    }
  });
  const { q, iterations, method, res } = solvePrices(e, n);
  const prices = [1, ...q.map(Math.exp)];
  if (!prices.every((p) => Number.isFinite(p) && p > 0)) throw new WalrasianRefusal(`prices left the positive reals (residual ${res})`);
  const ind = e.indivisible ?? [];
  const allocation = e.types.map((t) => {
    const w = t.endowment.reduce((a, x, k) => a + prices[k] * x, 0);
    const x = demand(t.utility, prices, w);
    // Convexified equilibrium: accept integer holdings of an indivisible good up to 1e-9 (relative), snapped exactly.
    for (const k of ind) {
      const r = Math.round(x[k]);
      if (Math.abs(x[k] - r) <= 1e-9 * Math.max(1, Math.abs(r))) x[k] = r;
    }
    return x;
  });
  const cert = certifyEquilibrium(e, prices, allocation, options);
  if (cert.failures.length > 0) throw new WalrasianRefusal(`${cert.failures.join('; ')} (solver residual ${res}, ${iterations} iterations)`);
  const { failures: _f, ...rest } = cert;
  return { prices, allocation, certificate: { ...rest, method, iterations } };
}

/**
 * Example 1's market (Section 2): money (good 0) and an indivisible good 1 that every agent values
 * only for its first unit, u = v(x_1 + r·I(x_2)). At price p a type wants one unit iff r > p and
 * it can pay (e_0 + p·e_1 ≥ p); demand for units is a step function of p, so the equilibrium prices
 * are the open intervals between breakpoints (the r's and the cash limits e_0 of types holding no
 * unit) where the mass wanting a unit equals the units held, Σ m_t e_t1. The midpoint of the lowest
 * such interval is returned (a documented choice: any price in it is an equilibrium). Refused when
 * every equilibrium would split a type between buying and not (supply inside a step), or when there
 * are more units than agents (the price would be 0). Certified like the smooth route: clearing,
 * budgets, every integer holding 0..x_2 + 2 enumerated on the budget line, random probes.
 */
function example1Equilibrium(e: Economy, options: WalrasianOptions): WalrasianResult {
  if (!(e.indivisible ?? []).includes(1)) throw new WalrasianRefusal('example1 utilities need good 1 indivisible (indivisible: [1])');
  const units = e.types.reduce((a, t) => a + t.mass * t.endowment[1], 0);
  const agents = e.types.reduce((a, t) => a + t.mass, 0);
  if (units > agents) throw new WalrasianRefusal(`${units} units for ${agents} agents who each value one: the price of good 1 would be 0`);
  const r = (i: number) => {
    const u = e.types[i].utility;
    return u.kind === 'example1' ? (u.r ?? 1) : Number.NaN;
  };
  const wants = (i: number, p: number) => {
    const t = e.types[i];
    return r(i) > p && t.endowment[0] + p * t.endowment[1] >= p;
  };
  const breaks = [...new Set([0, ...e.types.map((_, i) => r(i)), ...e.types.filter((t) => t.endowment[1] === 0).map((t) => t.endowment[0])])].filter((b) => b >= 0).sort((a, b) => a - b);
  breaks.push(Math.max(...breaks) + 1);
  let price = Number.NaN;
  for (let j = 0; j + 1 < breaks.length; j++) {
    const p = (breaks[j] + breaks[j + 1]) / 2;
    const demandUnits = e.types.reduce((a, t, i) => a + (wants(i, p) ? t.mass : 0), 0);
    if (p > 0 && Math.abs(demandUnits - units) <= 1e-12 * Math.max(1, units)) {
      price = p;
      break;
    }
  }
  // No open interval clears: the price may sit on a breakpoint p = r_i, where type i is indifferent and either
  // buys or not (the lowest such breakpoint whose indifferent types' masses can make up the units exactly).
  let buys = (i: number) => wants(i, price);
  if (Number.isNaN(price)) {
    for (const b of breaks) {
      if (!(b > 0)) continue;
      const affordable = (i: number) => e.types[i].endowment[0] + b * e.types[i].endowment[1] >= b;
      const strict = e.types.reduce((a, t, i) => a + (wants(i, b) ? t.mass : 0), 0);
      const indifferent = e.types.map((_, i) => i).filter((i) => r(i) === b && affordable(i));
      if (indifferent.length > 16) continue;
      const need = units - strict;
      for (let mask = 0; mask < 1 << indifferent.length; mask++) {
        const m = indifferent.reduce((a, i, k) => a + (mask & (1 << k) ? e.types[i].mass : 0), 0);
        if (Math.abs(m - need) <= 1e-12 * Math.max(1, units)) {
          const chosen = new Set(indifferent.filter((_, k) => mask & (1 << k)));
          price = b;
          buys = (i: number) => wants(i, b) || chosen.has(i);
          break;
        }
      }
      if (!Number.isNaN(price)) break;
    }
  }
  if (Number.isNaN(price)) throw new WalrasianRefusal(`no price clears the ${units} units without splitting a type between buying and not`);
  const prices = [1, price];
  const allocation = e.types.map((t, i) => {
    const w = t.endowment[0] + price * t.endowment[1];
    return buys(i) ? [w - price, 1] : [w, 0];
  });
  const { failures, ...cert } = certifyExample1(e, prices, allocation, options);
  if (failures.length > 0) throw new WalrasianRefusal(failures.join('; '));
  return { prices, allocation, certificate: { ...cert, iterations: breaks.length } };
}

/**
 * The certificate of a candidate equilibrium of Example 1's market (Section 2; prices (1, p), one
 * bundle (money, units) per type): clearing, budgets, the analytic demand, every integer holding of
 * good 1 up to 2 more than held on the budget line, and `probes` random bundles of 0–2 units inside
 * the budget, none of which may be better. Exported so that a wrong allocation can be handed to it.
 */
export function certifyExample1(
  e: Economy,
  prices: readonly number[],
  allocation: readonly (readonly number[])[],
  options: WalrasianOptions = {},
): WalrasianCertificate & { failures: string[] } {
  const price = prices[1];
  const rng = makeRng(options.seed ?? 'dsv-walrasian-probes');
  const nProbes = options.probes ?? 48;
  const tol = { ...DEFAULT_TOLERANCES, ...options.tolerances };
  const failures: string[] = [];
  const clearing = Math.max(
    ...[0, 1].map((k) => Math.abs(e.types.reduce((a, t, i) => a + t.mass * (allocation[i][k] - t.endowment[k]), 0)) / e.types.reduce((a, t) => a + t.mass * t.endowment[k], 0)),
  );
  let worstGain = -Infinity;
  let demandGap = 0;
  let budget = 0;
  e.types.forEach((t, i) => {
    const w = t.endowment[0] + price * t.endowment[1];
    budget = Math.max(budget, Math.abs(allocation[i][0] + price * allocation[i][1] - w) / w);
    const ux = utilityValue(t.utility, allocation[i]);
    const d = demand(t.utility, prices, w);
    const gapTo = (b: readonly number[]) => Math.max(Math.abs(b[0] - allocation[i][0]) / Math.max(1, w), Math.abs(b[1] - allocation[i][1]));
    // at p = r the type is indifferent between (w, 0) and (w − p, 1): demand is then both bundles, and the gap is to the nearer
    const other = d[1] >= 1 ? [w, 0] : [w - price, 1];
    const tie = price <= w && Math.abs(utilityValue(t.utility, other) - utilityValue(t.utility, d)) <= 4 * Number.EPSILON * Math.abs(utilityValue(t.utility, d));
    demandGap = Math.max(demandGap, tie ? Math.min(gapTo(d), gapTo(other)) : gapTo(d));
    for (let x2 = 0; x2 <= allocation[i][1] + 2 && price * x2 <= w; x2++) worstGain = Math.max(worstGain, (utilityValue(t.utility, [w - price * x2, x2]) - ux) / Math.max(Math.abs(ux), 1e-300));
    for (let j = 0; j < nProbes; j++) {
      const x2 = Math.floor(rng() * 3);
      if (price * x2 > w) continue;
      const y = [(w - price * x2) * rng(), x2];
      worstGain = Math.max(worstGain, (utilityValue(t.utility, y) - ux) / Math.max(Math.abs(ux), 1e-300));
    }
  });
  if (!(clearing <= tol.clearing)) failures.push(`markets do not clear: relative excess ${clearing} > ${tol.clearing}`);
  if (!(budget <= tol.budget)) failures.push(`a budget does not bind: relative gap ${budget} > ${tol.budget}`);
  if (!(demandGap <= tol.demand)) failures.push(`a bundle is not the analytic demand: gap ${demandGap} > ${tol.demand}`);
  if (!(worstGain <= tol.probe)) failures.push(`a budget-feasible bundle is better: relative gain ${worstGain} > ${tol.probe}`);
  return {
    method: 'unit-demand',
    iterations: 0,
    clearing,
    budget,
    kkt: 0,
    demand: demandGap,
    probes: { count: nProbes * e.types.length, worstGain },
    tolerances: tol,
    failures,
  };
}
