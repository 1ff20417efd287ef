/** What the Giraud–Rochon unit tests share: exact rationals and the type of the LP solver the models take. */
import { Fraction } from '../../src/numeric/rational.ts';
import type { lpSolver } from '../../src/numeric/lp.ts';

/** The HiGHS solver (each test file loads it once, by top-level await). */
export type Solver = Awaited<ReturnType<typeof lpSolver>>;

/** The rational n/d. */
export const F = (n: number, d = 1) => new Fraction(n, d);
