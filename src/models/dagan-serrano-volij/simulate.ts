/**
 * Dagan, Serrano & Volij (1999), Sections 3 and 5: the strategies that support a Walrasian allocation
 * f at prices p (proof of Theorem 2), played by a finite population under seeded random matching.
 *
 * - Matching (Section 3): each round the active agents are shuffled and cut into coalitions whose
 *   sizes n are drawn with weights p(n)/n, so an agent is in an n-coalition with probability p(n)
 *   (in expectation; p(1) = α leaves him unmatched). The last coalition of a round may be cut short:
 *   its members stay matched (an agent alone in such a meeting trades nothing but may leave), so
 *   the last agent of a finite market can leave as in the continuum.
 * - Strategies (Section 5): (2) in a multilateral meeting (n ≥ 3) the proposer offers the zero trade;
 *   (3) in a bilateral one the proposer, chosen with probability 1/2, offers g(z_0, z_1)
 *   (trading-rule.ts); (4) a responder who has not reached h(a, e) accepts iff his income p·e does not
 *   fall, one who has accepts iff it rises; (5) an agent leaves as soon as he holds h(a, e), at the
 *   end of a meeting he was matched in (an unmatched agent cannot leave). Along these strategies
 *   income is constant, so h(a, e) is the target f(a) throughout.
 * - Round-off: a holding within SNAP_REL of its target in a good k ≥ 1 is set to the target (the
 *   snapped amount is reported as income drift), holdings never go below 0, indivisible ones stay
 *   integers. An agent whose goods k ≥ 1 are all at target holds good 1's target up to the drift; his
 *   residual |φ^1| at leaving is reported.
 *
 * The targets are the Walrasian allocation of the realised finite population (CLAIMS.md, DSV
 * preamble): the caller gives one per type; with counts as masses they clear the market.
 */
import { galeTrade } from './trading-rule.ts';

/** Holdings within this relative distance of the target (in a good k ≥ 1) are set to it. */
export const SNAP_REL = 1e-9;
/** A responder's income "does not fall" when it falls by at most this, relative to the trade's gross value (round-off of p·x = 0). */
export const ACCEPT_REL = 1e-12;

/** A type of agent: how many, what each holds, and the bundle f(a) each heads for. */
export interface SimType {
  count: number;
  endowment: readonly number[];
  target: readonly number[];
}

export interface SimSpec {
  prices: readonly number[];
  /** Per good: indivisible (integer holdings); good 0 never. */
  indivisible: readonly boolean[];
  types: readonly SimType[];
  /** p(n) for n = 1, 2, …: sizes[0] = α. Sums to 1. */
  sizes: readonly number[];
  /** The threshold τ of Section 5's statistic β(a, t) ≥ τ. */
  tau: number;
  maxRounds: number;
  /** Record every meeting (for replay by the claims); off on the hot path. */
  trace?: boolean;
}

/** One meeting as played: its agents (proposer first), the proposal (the proposer's net trade; zero in multilateral meetings) and the verdict. */
export interface Meeting {
  round: number;
  agents: number[];
  trade: number[];
  accepted: boolean;
}

export interface SimResult {
  /** Rounds played: to an empty market when `empty`. */
  rounds: number;
  empty: boolean;
  /** share[t]: active agents with β(a, t) ≥ τ over N, after round t (share[0]: at the start). */
  share: number[];
  /** Active agents after each round (active[0] = N). */
  active: number[];
  /** Largest |p·e(a, t) − p·e(a, 0)| over agents and rounds (round-off and snapping). */
  incomeDrift: number;
  /** Largest |f^0(a) − e^0(a)| when an agent leaves (good 1, which the snapping does not touch). */
  leaveResidual: number;
  /** Meetings with a non-zero accepted trade. */
  trades: number;
  /** The round an agent left (−1: still active), per agent. */
  leftAt: Int32Array;
  /** The agents' type, per agent (types in order, count by count). */
  typeOf: Int32Array;
  /** Holdings at the end, agent-major (N × L). */
  holdings: Float64Array;
  /** The market stalled for good (see stalled()): checked after 3, 6, 12, … consecutive rounds that traded nothing and saw no one leave; the simulation stops there. */
  stalled: boolean;
  meetings?: Meeting[];
}

/** Is this agent at his target (Section 5 (5)): every good k ≥ 1 exactly (snapped), good 1 within SNAP_REL of the bundle's value? */
function atTarget(h: Float64Array, o: number, f: readonly number[], prices: readonly number[], L: number): boolean {
  for (let k = 1; k < L; k++) if (h[o + k] !== f[k]) return false;
  let scale = 0;
  for (let k = 0; k < L; k++) scale += prices[k] * f[k];
  return Math.abs(h[o] - f[0]) * prices[0] <= SNAP_REL * Math.max(1, scale);
}

/** β(a, t) = Σ_{k≥1} |φ^k(a, t)| (Section 5), φ = f(a) − e(a, t). */
export function betaStat(h: ArrayLike<number>, o: number, f: readonly number[], L: number): number {
  let b = 0;
  for (let k = 1; k < L; k++) b += Math.abs(f[k] - h[o + k]);
  return b;
}

/** Section 5 (4): does a responder holding `holdings` (target `target`) accept receiving `z`? Income must not fall, or must rise if he is at his target. */
export function responderAccepts(prices: readonly number[], holdings: readonly number[], target: readonly number[], z: readonly number[]): boolean {
  let dv = 0;
  let gross = 0;
  for (let k = 0; k < prices.length; k++) {
    dv += prices[k] * z[k];
    gross += prices[k] * Math.abs(z[k]);
  }
  const done = holdings.every((v, k) => v === target[k]);
  return done ? dv > ACCEPT_REL * gross : dv >= -ACCEPT_REL * gross;
}

/** Draw the size of the next coalition: weights p(n)/n, so an agent's coalition has size n with probability p(n) (Section 3). */
function sizeSampler(sizes: readonly number[]): (u: number) => number {
  const w = sizes.map((p, i) => p / (i + 1));
  const tot = w.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let c = 0;
  for (const x of w) cum.push((c += x / tot));
  return (u) => {
    for (let i = 0; i < cum.length; i++) if (u < cum[i]) return i + 1;
    return cum.length;
  };
}

/** Play the Section 5 strategies from the types' endowments under random matching, with `rng` uniform on [0, 1). */
export function simulate(spec: SimSpec, rng: () => number): SimResult {
  const { prices, indivisible, types, tau, maxRounds } = spec;
  const L = prices.length;
  const N = types.reduce((s, t) => s + t.count, 0);
  const typeOf = new Int32Array(N);
  const h = new Float64Array(N * L);
  const income0 = new Float64Array(N);
  let a = 0;
  types.forEach((t, ti) => {
    for (let c = 0; c < t.count; c++, a++) {
      typeOf[a] = ti;
      for (let k = 0; k < L; k++) h[a * L + k] = t.endowment[k];
      let v = 0;
      for (let k = 0; k < L; k++) v += prices[k] * t.endowment[k];
      income0[a] = v;
    }
  });
  const leftAt = new Int32Array(N).fill(-1);
  let active = Int32Array.from({ length: N }, (_, i) => i);
  let m = N;
  const drawSize = sizeSampler(spec.sizes);
  const share: number[] = [];
  const activeCounts: number[] = [N];
  const meetings: Meeting[] | undefined = spec.trace ? [] : undefined;
  let incomeDrift = 0;
  let leaveResidual = 0;
  let trades = 0;
  let isStalled = false;
  let quietStreak = 0;
  let nextStallCheck = 3;
  const countShare = () => {
    let c = 0;
    for (let i = 0; i < m; i++) {
      const ag = active[i];
      if (betaStat(h, ag * L, types[typeOf[ag]].target, L) >= tau) c++;
    }
    return c / N;
  };
  share.push(countShare());
  // views of one agent's holdings and target, reused (no allocation per meeting)
  // the two sides' holdings copied into fixed arrays (typed-array views per meeting cost more in allocation and GC)
  const view0 = { holdings: new Array<number>(L).fill(0), target: types[0]?.target ?? [] };
  const view1 = { holdings: new Array<number>(L).fill(0), target: types[0]?.target ?? [] };
  const leaving = new Uint8Array(N);
  const zeroTrade: number[] = new Array(L).fill(0);
  let round = 0;
  while (m > 0 && round < maxRounds) {
    round++;
    // Fisher–Yates over the active agents
    for (let i = m - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = active[i];
      active[i] = active[j];
      active[j] = t;
    }
    let tradedThisRound = false;
    let i = 0;
    while (i < m) {
      const drawn = drawSize(rng());
      if (drawn === 1) {
        i++;
        continue;
      }
      // a coalition cut short by the end of the round keeps its members matched: an agent is drawn
      // into a meeting with probability 1 − α whatever N is, so the last agent of a market can leave
      const n = Math.min(drawn, m - i);
      const members = active.subarray(i, i + n);
      i += n;
      if (n === 1) {
        // a meeting of one: nothing to trade
      } else if (n === 2) {
        const first = rng() < 0.5 ? 0 : 1;
        const p0 = members[first];
        const p1 = members[1 - first];
        for (let k = 0; k < L; k++) {
          view0.holdings[k] = h[p0 * L + k];
          view1.holdings[k] = h[p1 * L + k];
        }
        view0.target = types[typeOf[p0]].target;
        view1.target = types[typeOf[p1]].target;
        // no good with opposite excess demands: B is {0} (conditions (i)–(ii)), no need to solve g
        let coincidence = false;
        for (let k = 1; k < L && !coincidence; k++) {
          const z0 = view0.target[k] - h[p0 * L + k];
          const z1 = view1.target[k] - h[p1 * L + k];
          coincidence = (z0 > 0 && z1 < 0) || (z0 < 0 && z1 > 0);
        }
        const g = coincidence ? galeTrade(prices, indivisible, view0, view1) : { trade: zeroTrade };
        // (4): the responder's income change is −p·x
        let dv = 0;
        let gross = 0;
        let nonzero = false;
        for (let k = 0; k < L; k++) {
          dv -= prices[k] * g.trade[k];
          gross += prices[k] * Math.abs(g.trade[k]);
          if (g.trade[k] !== 0) nonzero = true;
        }
        const respDone = atTarget(h, p1 * L, view1.target, prices, L);
        const accepted = respDone ? dv > ACCEPT_REL * gross : dv >= -ACCEPT_REL * gross;
        if (meetings) meetings.push({ round, agents: [p0, p1, ...Array.from(members).filter((a) => a !== p0 && a !== p1)], trade: g.trade.slice(), accepted });
        if (accepted && nonzero) {
          trades++;
          tradedThisRound = true;
          execute(h, p0 * L, g.trade, 1, view0.target, prices, indivisible, L);
          execute(h, p1 * L, g.trade, -1, view1.target, prices, indivisible, L);
        }
      } else if (meetings) {
        // (2): multilateral meetings execute the zero trade (accepted: no income falls)
        const first = Math.floor(rng() * n);
        const order = [members[first], ...Array.from(members).filter((_, j) => j !== first)];
        meetings.push({ round, agents: order, trade: new Array(L).fill(0), accepted: true });
      }
      // (5): the matched who hold their target leave
      for (let j = 0; j < n; j++) {
        const ag = members[j];
        if (atTarget(h, ag * L, types[typeOf[ag]].target, prices, L)) {
          leaving[ag] = 1;
          leaveResidual = Math.max(leaveResidual, Math.abs(types[typeOf[ag]].target[0] - h[ag * L]));
        }
      }
    }
    // income drift of those who traded is measured when they leave or at the end
    let w = 0;
    let left = 0;
    for (let j = 0; j < m; j++) {
      const ag = active[j];
      if (leaving[ag]) {
        leftAt[ag] = round;
        left++;
        incomeDrift = Math.max(incomeDrift, driftOf(h, ag, L, prices, income0));
      } else active[w++] = ag;
    }
    m = w;
    activeCounts.push(m);
    share.push(countShare());
    // a stall is absorbing, so it is looked for only after quiet rounds (no trade, nobody left), at
    // quiet streaks of 3, 6, 12, …: the pairwise check costs O(states²) and small markets have many
    // quiet rounds that are no stall
    quietStreak = !tradedThisRound && left === 0 ? quietStreak + 1 : 0;
    if (m > 0 && quietStreak >= nextStallCheck) {
      nextStallCheck *= 2;
      if (stalledState(spec, h, typeOf, leftAt)) {
        isStalled = true;
        break;
      }
    } else if (quietStreak === 0) nextStallCheck = 3;
  }
  for (let j = 0; j < m; j++) incomeDrift = Math.max(incomeDrift, driftOf(h, active[j], L, prices, income0));
  return { rounds: round, empty: m === 0, share, active: activeCounts, incomeDrift, leaveResidual, trades, leftAt, typeOf, holdings: h, stalled: isStalled, ...(meetings ? { meetings } : {}) };
}

function driftOf(h: Float64Array, ag: number, L: number, prices: readonly number[], income0: Float64Array): number {
  let v = 0;
  for (let k = 0; k < L; k++) v += prices[k] * h[ag * L + k];
  return Math.abs(v - income0[ag]);
}

/** Apply sign·x to one agent's holdings at offset o: snap to target within SNAP_REL in goods k ≥ 1, never below 0, integers kept in indivisible goods. */
function execute(h: Float64Array, o: number, x: readonly number[], sign: number, f: readonly number[], prices: readonly number[], indivisible: readonly boolean[], L: number): void {
  for (let k = 0; k < L; k++) {
    if (x[k] === 0) continue;
    let v = h[o + k] + sign * x[k];
    if (k > 0 && Math.abs(v - f[k]) <= SNAP_REL * Math.max(1, Math.abs(f[k]))) v = f[k];
    if (indivisible[k]) v = Math.round(v);
    h[o + k] = v < 0 ? 0 : v;
  }
}

/**
 * Is the market stalled for good (proof of Theorem 2, the liquidity gap)? True when some active agent
 * has β > 0 and no pair of active agents, in either role, has a non-zero g-trade: multilateral
 * meetings trade nothing and singletons nothing, so no later round can change a holding. Checked on
 * the distinct (type, holdings) states of the active agents.
 */
export function stalled(spec: SimSpec, r: Pick<SimResult, 'holdings' | 'typeOf' | 'leftAt'>): boolean {
  return stalledState(spec, r.holdings, r.typeOf, r.leftAt);
}

function stalledState(spec: SimSpec, h: Float64Array, typeOf: Int32Array, leftAt: Int32Array): boolean {
  const L = spec.prices.length;
  const states = new Map<string, { holdings: number[]; target: readonly number[]; beta: number }>();
  for (let a = 0; a < leftAt.length; a++) {
    if (leftAt[a] >= 0) continue;
    const holdings = Array.from(h.subarray(a * L, a * L + L));
    const key = `${typeOf[a]}:${holdings.join(',')}`;
    if (states.has(key)) continue;
    const target = spec.types[typeOf[a]].target;
    states.set(key, { holdings, target, beta: betaStat(holdings, 0, target as number[], L) });
  }
  const list = [...states.values()];
  if (!list.some((s) => s.beta > 0)) return false;
  // two agents in one state want the same goods: their g-trade is zero, so pairs of distinct states suffice
  for (const s0 of list) for (const s1 of list) if (s0 !== s1 && galeTrade(spec.prices, spec.indivisible, s0, s1).trade.some((v) => v !== 0)) return false;
  return true;
}
