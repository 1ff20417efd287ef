/**
 * Coverage that binds (issue #9, item 5): a claim's `cover` ({label, min}) judged as QuickCheck's
 * `checkCoverage` judges it, by a Wilson-score interval on the share of cases carrying the label.
 * The test can decide at any number of cases: a label is *covered* when the interval's lower end
 * reaches TOLERANCE × min, *insufficient* when its upper end is below min, and undecided otherwise
 * — then more cases are labelled, in doubling batches, up to a cap.
 *
 * Coverage is a statement about the claim's generator (the share of its cases that carry a label),
 * and labels are a function of the input alone. So the cases beyond the run's own are drawn from
 * the same seeded stream (fast-check's `sample` with the run's seed yields the run's cases first,
 * then the ones it would have tested next) and labelled without running the property: a claim
 * that tests 10 expensive cases is judged on the hundreds of cases the test needs, for the price
 * of generating and labelling them.
 */
import fc, { type Arbitrary } from 'fast-check';
import { normIsf } from '../numeric/special.ts';
import type { CoverageLabel, CoverageReport } from './types.ts';

/** The chance a label's judgement is wrong, per label and per look (QuickCheck's default certainty, 10⁹). */
export const COVERAGE_ERROR = 1e-9;
/** QuickCheck's default tolerance: a label passes at 90 % of its required share. */
export const COVERAGE_TOLERANCE = 0.9;
/** The most cases a judgement labels before calling a label undecided. */
export const COVERAGE_MAX_CASES = 10_000;
/** The first extension: QuickCheck looks every 100 tests; the batches then double. */
const FIRST_BATCH = 100;

/** Two-sided normal quantile of the stated error: 6.109 for 1e-9. */
const Z = normIsf(COVERAGE_ERROR / 2);

/** Wilson-score interval of a share k/n at normal quantile z (n = 0: the whole of [0, 1]). */
export function wilson(k: number, n: number, z = Z): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { low: Math.max(0, (centre - spread) / denom), high: Math.min(1, (centre + spread) / denom) };
}

/** One label's verdict on k of n cases against a required share. */
export function judgeLabel(label: string, min: number, k: number, n: number): CoverageLabel {
  const { low, high } = wilson(k, n);
  const verdict = low >= COVERAGE_TOLERANCE * min ? 'covered' : high < min ? 'insufficient' : 'undecided';
  return { label, min, count: k, share: n > 0 ? k / n : 0, low, high, verdict };
}

/**
 * Judge `cover` on the run's `tested` cases (their label counts in `counts`), extending the
 * sample from the claim's seeded stream until every label is decided, one is insufficient, the
 * cap is reached, or the deadline passes.
 */
export function judgeCoverage<I>(args: {
  cover: readonly { label: string; min: number }[];
  counts: Readonly<Record<string, number>>;
  tested: number;
  input: Arbitrary<I>;
  labels: (input: I) => string[];
  seed: number;
  deadline: number;
  maxCases?: number;
}): CoverageReport {
  const maxCases = Math.max(args.maxCases ?? COVERAGE_MAX_CASES, args.tested);
  const counts: Record<string, number> = { ...args.counts };
  let n = args.tested;
  let stoppedBy: CoverageReport['stoppedBy'];
  for (;;) {
    const labels = args.cover.map(({ label, min }) => judgeLabel(label, min, counts[label] ?? 0, n));
    const insufficient = labels.some((l) => l.verdict === 'insufficient');
    const undecided = labels.some((l) => l.verdict === 'undecided');
    if (insufficient || !undecided || n >= maxCases || Date.now() >= args.deadline) {
      if (!insufficient && undecided) stoppedBy = n >= maxCases ? 'cap' : 'time budget';
      return {
        certainty: 1 - COVERAGE_ERROR,
        tolerance: COVERAGE_TOLERANCE,
        cases: n,
        tested: args.tested,
        maxCases,
        verdict: insufficient ? 'insufficient' : undecided ? 'undecided' : 'covered',
        ...(stoppedBy ? { stoppedBy } : {}),
        labels,
      };
    }
    const next = Math.min(maxCases, Math.max(FIRST_BATCH, 2 * n));
    // The first `next` cases of the run's own stream; the first `n` are counted already.
    for (const x of fc.sample(args.input, { seed: args.seed, numRuns: next }).slice(n)) {
      for (const l of args.labels(x)) counts[l] = (counts[l] ?? 0) + 1;
    }
    n = next;
  }
}

/** A label's judgement in one line: "n=2: 22.0% of 400 cases (Wilson [15.8%, 29.7%]), required 10.0%". */
export function describeLabel(l: CoverageLabel, cases: number): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `${l.label}: ${pct(l.share)} of ${cases} cases (Wilson interval [${pct(l.low)}, ${pct(l.high)}]), required ${pct(l.min)}`;
}
