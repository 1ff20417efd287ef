import type { Arbitrary } from 'fast-check';
import type { Quantity } from '../models/quantity.ts';
import type { Precision } from '../numeric/types.ts';
import type { Json } from '../types.ts';

// Json lives below every layer (src/types.ts: models and the report use it too); re-exported here for the claims.
export type { Json };

/** Expected verdicts (CLAIMS.md, top). */
export type Verdict = 'holds' | 'refuted' | 'witness' | 'contradicted';

/** What a run observed (INTERFACES.md, `check --json`). */
export type Outcome =
  | 'passed' | 'violated'
  | 'refuted' | 'not-refuted'
  | 'witnessed' | 'not-witnessed'
  | 'contradicted' | 'not-contradicted'
  | 'inconclusive';

/**
 * A paper's code (`PW`, `JP`, …: capital letters, the catalogue's). The list is open: a paper is
 * known once its folder's PaperSpec is registered (properties/index.ts), and nowhere else.
 */
export type Paper = string;

/**
 * What a paper's folder declares before any claim is loaded: its code and name, the form of its
 * claim ids, and the `mechcheck eval` quantities of its model. `eval` and the CLI's `--paper`
 * choices need only this (properties/papers.ts), so they never load the claims and fast-check.
 */
export interface PaperMeta {
  id: Paper;
  /** Authors (year), title — as ../shared/papers/README.md names the paper; the report's heading. */
  name: string;
  /** Every claim id of the paper matches it (checked when the paper is declared). */
  idPattern: RegExp;
  /** `mechcheck eval` quantities of the paper's model (none is fine). */
  quantities?: readonly Quantity[];
}

/**
 * What a paper's folder registers (issue #10, "open lists"): its meta and its claims. The CLI's
 * `--paper` choices, `list`, `check`, `eval --list` and the report's paper names all come from these.
 */
export interface PaperSpec extends PaperMeta {
  claims: readonly AnyClaim<any>[];
  /**
   * Catalogue ids of the paper not encoded yet, while its claims are being added: `list` names
   * them, and test/catalogue.test.ts requires claims and pending together to be the catalogue's
   * rows exactly. Empty (or absent) once the paper is complete.
   */
  pending?: readonly string[];
}

/** The numbers that decide one case, shown in outcomes and saved with counterexamples. */
export type Numbers = Record<string, Json>;

/** What a property says about one case. */
export interface CheckResult {
  /**
   * The claim's statement is true on this case. For a *witness* claim: this case is
   * an instance of what the claim says exists.
   */
  holds: boolean;
  /**
   * Signed slack of the statement on this case, ≥ 0 where it holds (in units of the
   * claim's tolerance or of the quantity, the claim says which). The targeted phase
   * climbs towards a failure (non-witness claims: minimises it; witness: maximises).
   */
  margin?: number;
  numbers: Numbers;
  /** Set when the computation could not decide this case (e.g. quadrature did not converge); the case counts as neither. */
  undecided?: string;
  /** Figures produced by this case (trend plots), drawn by the report. */
  figures?: FigureSpec[];
}

/**
 * A claim whose property (or certify) may be asynchronous (a WASM LP solver): run by
 * runClaimAsync through the same pipeline. Every Claim is one.
 */
export interface AsyncClaim<I = unknown> extends Omit<Claim<I>, 'property' | 'certify'> {
  property(input: I, ctx: PropertyContext): CheckResult | Promise<CheckResult>;
  certify?(input: I, ctx: PropertyContext): CertifyResult | Promise<CertifyResult>;
}

/** Either kind of claim, as the runner's phases take it. */
export type AnyClaim<I = unknown> = Claim<I> | AsyncClaim<I>;

/** A claim's declared tolerance: what the runner hands to the property, shown with its reason. */
export interface Tolerance {
  abs?: number;
  rel?: number;
  why: string;
}

export interface PropertyContext {
  precision: Precision;
  /** The claim's declared tolerance: the one the property applies (never a literal of its own). */
  tolerance: Tolerance;
  /**
   * Uniform on [0, 1), seeded for this case (src/claims/runner.ts, caseSeed): a searched case's
   * stream follows the run seed, the claim id and the case's index; any re-check of a given case
   * (shrink, certify, replay of a saved file) follows its value. Simulations and Monte Carlo draw
   * from it instead of carrying a seed in their input. Set by the runner; absent on direct calls.
   */
  rng?: () => number;
  /** When this case should be done (ms since the epoch, Claim.caseTimeLimitMs): a long property may check it and stop early. ∞ without a limit. */
  deadline?: number;
}

/** A re-check of one case by another route than the property's (issue #9: certification). */
export interface CertifyResult extends CheckResult {
  /** The independent route, in words a referee can check ("exact rationals (fraction.js)", "quantile-space quadrature"). */
  route: string;
  /** What re-checks the case from data alone (src/claims/certificates.ts): saved with it, re-verified by `replay`. */
  certificate?: Certificate;
}

/**
 * A certificate as data (issue #10): its kind names the registered `verify` that re-checks it
 * (src/claims/certificates.ts) from `data` alone, without the model's code.
 */
export interface Certificate {
  kind: 'exact-rational' | 'interval' | 'lp-farkas' | 'refined-grid' | 'second-method' | (string & {});
  data: Json;
}

/** What re-verifying a certificate from its data said. */
export interface CertificateCheck {
  kind: string;
  verified: boolean;
  /** Why it does not verify (one line). */
  why?: string;
}

/** A figure declared as data; the report draws it: xy series (the default), a 2-D region plot, or a labelled scatter. */
export type FigureSpec = XYFigure | RegionFigure | ScatterFigure;

/** Series of (x, y) points, with optional marks (the figure kind every claim had before issue #10). */
export interface XYFigure {
  kind?: 'xy';
  id: string;
  title: string;
  caption?: string;
  x: { label: string; scale?: 'linear' | 'log' };
  y: { label: string; scale?: 'linear' | 'log' };
  series: {
    name: string;
    /** CSS colour; the report picks one when absent. */
    color?: string;
    points: [number, number][];
    style?: 'line' | 'dots' | 'line+dots';
  }[];
  marks?: FigureMark[];
}

export type FigureMark =
  /** A shaded stretch of the x axis, e.g. where a curve falls. */
  | { kind: 'x-span'; from: number; to: number; label: string }
  /** A fitted line y = exp(intercept) · x^slope on log–log axes (a rate). */
  | { kind: 'power-fit'; series: string; slope: number; intercept: number; label: string; /** The x range the fit used (default: the series'). */ from?: number; to?: number };

/**
 * A 2-D region plot: sets in the plane (e.g. a trading rule A_t ⊂ [0,1]²), each given as
 * rectangles, polygons or a boolean grid, with curves drawn over them (e.g. cutoffs β_t(s) against s).
 */
export interface RegionFigure {
  kind: 'region';
  id: string;
  title: string;
  caption?: string;
  x: { label: string; domain?: [number, number] };
  y: { label: string; domain?: [number, number] };
  regions: {
    name: string;
    /** CSS colour; the report picks one when absent. */
    color?: string;
    /** Axis-aligned rectangles [x1, y1, x2, y2]. */
    rects?: [number, number, number, number][];
    /** Polygons as vertex lists (closed implicitly). */
    polygons?: [number, number][][];
    /** A boolean grid over [x0, x1] × [y0, y1]: cells[j][i] is the cell i along x, j along y (row 0 at y0). */
    grid?: { x: [number, number]; y: [number, number]; cells: boolean[][] };
  }[];
  /** Curves over the regions (y as a function of x, or any path). */
  curves?: { name: string; color?: string; points: [number, number][] }[];
}

/** Points with text labels (e.g. mechanisms placed by two measures). */
export interface ScatterFigure {
  kind: 'scatter';
  id: string;
  title: string;
  caption?: string;
  x: { label: string; scale?: 'linear' | 'log' };
  y: { label: string; scale?: 'linear' | 'log' };
  points: { x: number; y: number; label: string; /** Points of a group share a colour and a legend entry. */ group?: string; color?: string }[];
}

/** Search settings a claim may tune. */
export interface SearchSpec<I> {
  /** A neighbour of `input` inside the paper's assumptions; `scale` ∈ (0, 1] shrinks the step as the climb proceeds. */
  mutate(input: I, rand: () => number, scale: number): I;
  /** Evaluations the targeted phase may spend (default 200). */
  budget?: number;
}

export interface Claim<I = unknown> {
  /** Exactly the id of ../shared/CLAIMS.md. */
  id: string;
  paper: Paper;
  /** Paper, section, equation. */
  source: string;
  /** One line. */
  statement: string;
  verdict: Verdict;
  tolerance: Tolerance;
  /** Generated inputs, inside the paper's assumptions. */
  input: Arbitrary<I>;
  property(input: I, ctx: PropertyContext): CheckResult;
  /** Coverage labels of a generated case. */
  labels?(input: I): string[];
  /** Minimum share of generated cases carrying a label (QuickCheck's `cover`). */
  cover?: { label: string; min: number }[];
  /** Runs at the default depth (npm test, `check` without --runs). */
  runs?: number;
  /**
   * The largest share of random-phase cases that may be undecided (CheckResult.undecided) for a
   * verdict resting on "none found" to stand; above it the outcome is inconclusive. Default 0
   * (DEFAULT_MAX_UNDECIDED): a claim whose cases are sometimes undecided by design says so here,
   * with the reason in a comment.
   */
  maxUndecided?: number;
  /**
   * Time one case may take (standard precision): a case over it counts as undecided, with the
   * reason "over the per-case time limit of … ms" (judged against maxUndecided like any other).
   * The property sees it as ctx.deadline. Default: none.
   */
  caseTimeLimitMs?: number;
  /** Targeted phase (climb the margin). */
  search?: SearchSpec<I>;
  /** Simpler variants of an input, tried in order by the final shrink (round numbers, fewer agents). */
  simplify?(input: I): I[];
  /** The input in one readable line. */
  describe?(input: I): string;
  /** Validate and rebuild an input read from a file (saved counterexamples); throws InputError naming the field. */
  decode?(json: unknown): I;
  /** Figures the claim always draws (e.g. a paper's figure), independent of the generated cases. */
  figures?(): FigureSpec[];
  /**
   * The paper's printed or reference cases, checked before and beside the generated ones and
   * reported apart (ClaimOutcome.fixtures). For a holds claim a fixture that fails (or does not
   * match the paper's values) is a violation; for a refuted / witness / contradicted claim a
   * fixture never stands in for the search. A claim checked on its fixtures alone sets
   * `input: FIXTURES_ONLY` (src/claims/runner.ts).
   */
  fixtures?: Fixture<I>[];
  /**
   * Re-check a case by a route independent of `property` (exact rationals, another quadrature
   * family, interval bounds): what certifies a counterexample or witness. Without it a case can
   * only be re-run at high precision by the same method, which is reported as such.
   */
  certify?(input: I, ctx: PropertyContext): CertifyResult;
}

/** A paper's case (Claim.fixtures). */
export interface Fixture<I> {
  /** Where it is printed: "Example 1, the sine market". */
  name: string;
  input: I;
  /** The paper's values of some of the property's numbers: numbers within the claim's tolerance, other values equal. */
  expect?: Numbers;
}

/** A fixture as checked (ClaimOutcome.fixtures). */
export interface FixtureOutcome {
  name: string;
  /** The statement is true on it (decided, and the property did not throw). */
  holds: boolean;
  numbers: Numbers;
  /** Every value of `expect` matches (fixtures with `expect`), and the ones that do not. */
  matches?: boolean;
  mismatches?: string[];
  undecided?: string;
  error?: string;
  /** A fixture that decides a holds claim's outcome (the statement fails there) is certified as a found case is: whether certification confirms it, and by which route. */
  certified?: boolean;
  certifiedBy?: string;
}

/** A counterexample (or witness) as reported and saved. */
export interface Counterexample {
  input: Json;
  describe: string;
  numbers: Numbers;
  /** Found by the random phase, the targeted phase, or replayed from a saved file. */
  foundBy: 'random' | 'targeted' | 'replay';
  certified: boolean;
  certification: { standard: Numbers; high: Numbers };
  /** The route that certified it (CertifyResult.route), or a statement that none independent exists. */
  certifiedBy?: string;
  /** The certify route's certificate, verified when the case was certified; saved with the case. */
  certificate?: Certificate;
  /** fast-check seed and path of the failing run when it came from the random phase. */
  seed?: number;
  path?: string;
  /** Where it is saved, relative to the repository root. */
  file?: string;
  replay?: string;
}

/** A saved case replayed before the search, and what its re-check said. */
export interface ReplayedCase {
  file: string;
  /** Still a case: the standard route says so and the certification confirms it. */
  still: boolean;
  /** The route that re-checked it (absent when the standard route no longer finds a case there). */
  certifiedBy?: string;
  /** The standard route finds a case there but the certification does not confirm it (or its saved certificate does not verify). */
  disagrees?: boolean;
  /** The saved certificate re-verified from the file's data alone (files with one). */
  certificate?: CertificateCheck;
}

/** Undecided cases of a run (CheckResult.undecided), with their reasons. */
export interface UndecidedSummary {
  /** Undecided cases of the random phase: the share judged against `max`. */
  count: number;
  /** Cases of the random phase. */
  of: number;
  /** The claim's bound on count / of (Claim.maxUndecided, or the default). */
  max: number;
  /** Undecided cases of the targeted phase (near the boundary by design: reported, not judged). */
  targeted: number;
  /** Reason → cases, both phases, in order of first appearance (at most 10 reasons; the rest under "(other reasons)"). */
  reasons: Record<string, number>;
}

/** How hard a run searched (issue #9, item 7): what "none found" rests on. */
export interface SearchStrength {
  /** Cases of the random phase. */
  cases: number;
  /** Evaluations of the targeted phase, and what it was allowed. */
  targeted: number;
  targetedBudget: number;
  /** The margin of the case closest to an interesting one (smallest for non-witness claims, largest for witness claims); null when the property states no margins. */
  closestMargin: number | null;
  /** That case, in one line, and the phase that reached it. */
  closestCase?: string;
  closestPhase?: 'random' | 'targeted';
}

/** One coverage label judged by the Wilson-score test (src/claims/coverage.ts). */
export interface CoverageLabel {
  label: string;
  /** Required share. */
  min: number;
  /** Cases carrying the label, of `CoverageReport.cases`. */
  count: number;
  share: number;
  /** Wilson-score interval of the share at the stated certainty. */
  low: number;
  high: number;
  /** covered: low ≥ tolerance × min; insufficient: high < min; undecided: neither, at the cap. */
  verdict: 'covered' | 'insufficient' | 'undecided';
}

/** A claim's `cover` judged as QuickCheck's checkCoverage judges it. */
export interface CoverageReport {
  /** The probability each label's judgement is right (1 − its error). */
  certainty: number;
  /** A label passes when its share's lower bound reaches tolerance × the required share. */
  tolerance: number;
  /** Cases labelled: the run's own `tested` cases, then further cases of the same seeded stream, labelled only. */
  cases: number;
  tested: number;
  /** The most cases the judgement may label. */
  maxCases: number;
  verdict: 'covered' | 'insufficient' | 'undecided';
  /** Set when the judgement stopped undecided: the cap or the time budget. */
  stoppedBy?: 'cap' | 'time budget';
  labels: CoverageLabel[];
}

/** One claim's result (a line of `check --json`). */
export interface ClaimOutcome {
  id: string;
  paper: Paper;
  statement: string;
  source: string;
  verdict: Verdict;
  outcome: Outcome;
  /** Whether the outcome is what the verdict expects. */
  expected: boolean;
  runs: number;
  seed: number;
  millis: number;
  counterexample?: Counterexample;
  certified?: boolean;
  /** Label → count over generated cases. */
  labels: Record<string, number>;
  /** Why the outcome is what it is, one line. */
  message: string;
  /** Summary numbers of the run (cases generated, climbed, undecided; the smallest margin seen). */
  numbers?: Numbers;
  /** The generated case closest to failing (smallest margin) and its numbers: what decided a pass. */
  closest?: { describe: string; numbers: Numbers };
  figures?: FigureSpec[];
  /** The claim's fixtures (the paper's cases), checked beside the search and reported apart. */
  fixtures?: FixtureOutcome[];
  /** Saved counterexamples replayed before the search. */
  replayed?: ReplayedCase[];
  /**
   * This run's own search (random or targeted phase) found a case and certification confirmed it
   * (foundBySearch in src/claims/evidence.ts). False when the verdict rests on a replayed case only,
   * or on none found. Absent from runs written before it existed.
   */
  searchFound?: boolean;
  /** The claim's declared tolerance, as the property was handed it. */
  tolerance?: Tolerance;
  /** Undecided cases and their reasons (every outcome). */
  undecided?: UndecidedSummary;
  /** How hard the search tried. */
  search?: SearchStrength;
  /** The coverage judgement, when the verdict rests on "none found" and the claim declares `cover`. */
  coverage?: CoverageReport;
  /** Saved files of this claim that could not be used (corrupt, wrong schema, another claim's): skipped, named here. */
  skippedFiles?: SkippedFile[];
}

/** A saved file that was skipped, and why, in one line. */
export interface SkippedFile {
  /** Relative to the repository root. */
  file: string;
  reason: string;
}
