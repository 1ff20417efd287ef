/**
 * Jackson & Palfrey (1996), Section 3: the values the model works with, as plain data.
 *
 * Masses, not probabilities: B_t(v) is the mass of buyers with value ≤ v, S_t(v) the mass of
 * sellers with value ≤ v (the paper's B_t, S_t are not CDFs: B_t(1) = S_t(1) shrinks as agents trade).
 *
 * Representation (CLAIMS.md, JP preamble): buyers are a piecewise-uniform density plus an optional
 * atom at b = 0 — B_t is then continuous and piecewise linear on (0, 1], and stays so under cutoff
 * rules (new knots at the cutoffs); sellers are atoms (homogeneous sellers: atoms at 0 and 1 only).
 */

/**
 * Buyers (Section 3, "Distributions of Values"): `atom0` is the mass at b = 0; on the cell
 * [knots[i], knots[i+1]) the buyers have the uniform density `density[i]` (mass per unit of value),
 * so B(v) = atom0 + ∫_0^v density. knots[0] = 0 < knots[1] < … < knots[K] = 1; density ≥ 0.
 */
export interface Buyers {
  readonly atom0: number;
  readonly knots: Float64Array;
  readonly density: Float64Array;
}

/** Sellers as atoms: mass[j] ≥ 0 at value values[j]; values strictly increasing in [0, 1]. */
export interface Sellers {
  readonly values: Float64Array;
  readonly mass: Float64Array;
}

/** An economy at t = 1 (Section 3): buyers and sellers of equal total mass, B_1(1) = S_1(1). */
export interface Economy {
  readonly buyers: Buyers;
  readonly sellers: Sellers;
}

/**
 * A period of a cutoff rule (Section 3, "Cutoff Rules"): seller atom j trades with every buyer of
 * value b ≥ beta[j] (the weak form of (i): ties trade, as tie rule (ii) of the equilibrium makes
 * them). beta[j] = 1 is no trade with a positive mass of buyers; beta[j] = 0 includes the atom at 0.
 */
export interface CutoffPeriod {
  readonly kind: 'cutoff';
  readonly beta: Float64Array;
}

/**
 * A period of a general trading rule A_t on a grid (Section 3, "Allocation Rules"): seller atom j
 * trades with the buyers of cell [knots[i], knots[i+1]) with probability trade[j][i] ∈ [0, 1]
 * (0 or 1 is a set A_t; a value between is a randomised rule), and with the buyers at b = 0 with
 * probability atom0[j]. The buyers' own knots and the rule's are merged by the evolution.
 */
export interface GridPeriod {
  readonly kind: 'grid';
  readonly knots: Float64Array;
  readonly trade: readonly Float64Array[];
  readonly atom0: Float64Array;
}

export type PeriodRule = CutoffPeriod | GridPeriod;

/** A trading rule A = (A_1, …, A_T): one period rule per period. */
export type TradingRule = readonly PeriodRule[];

/**
 * A price rule for one period (Section 3): on the cell [knots[i], knots[i+1]) a trade between seller
 * atom j and a buyer of value b is at price a[j][i] + g[j][i]·b (affine in b per cell: the paper's
 * mechanisms — seller or buyer take-it-or-leave-it, a fixed price, reservation prices under a
 * cutoff rule — are all of this form). The buyers at b = 0 pay a[j][0].
 */
export interface PricePeriod {
  readonly knots: Float64Array;
  readonly a: readonly Float64Array[];
  readonly g: readonly Float64Array[];
}

/** A price rule p = (p_1, …, p_T). */
export type PriceRule = readonly PricePeriod[];

/**
 * The market at the start of period t on a common grid of cells (after eqs. 1–2): the buyers'
 * atom at 0 and density per cell, the sellers' masses per atom, and what the rule trades.
 */
export interface PeriodState {
  /** Buyers' atom at b = 0. */
  readonly atom0: number;
  /** Buyers' density per cell of the path's grid. */
  readonly density: Float64Array;
  /** Sellers' mass per atom (same atoms as the economy's). */
  readonly sellerMass: Float64Array;
  /** B_t(1) and S_t(1). */
  readonly buyerTotal: number;
  readonly sellerTotal: number;
  /** True when the market has emptied (B_t(1) or S_t(1) is 0 to round-off): nobody is matched. */
  readonly empty: boolean;
  /** The period's trade probability per seller atom and cell (on the path's grid), and with b = 0. */
  readonly trade: readonly Float64Array[];
  readonly tradeAtom0: Float64Array;
}

/** The evolution of an economy under a trading rule: periods[t − 1] is the market at period t. */
export interface MarketPath {
  readonly grid: Float64Array;
  readonly sellers: Float64Array;
  readonly periods: readonly PeriodState[];
  /** The market after the last period (what never traded). */
  readonly after: PeriodState;
}
