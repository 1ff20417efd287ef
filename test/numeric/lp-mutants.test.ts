/**
 * lp.ts's exact layer without HiGHS (fast): ExactSum's four ways of adding p/q against fraction.js
 * sums, the exact value of doubles entering a problem (a subnormal, a negative non-integer, an integer
 * beyond 2^53) read back through a Farkas bound computed by hand in BigInt, and the one-line errors of
 * lpFromData / verifyFarkasData naming the field. Data built inside the tests.
 */
import { describe, expect, test } from 'vitest';
import { bestRational, ExactSum, lpFromData, lpToData, verifyFarkas, verifyFarkasData, verifyOptimality, verifyRay, type LinearProgram } from '../../src/numeric/lp.ts';
import { Fraction } from '../../src/numeric/rational.ts';

describe('ExactSum', () => {
  test('same denominator, a divisor of it, a multiple of it, and a coprime one: each sum as fraction.js gives it', () => {
    const cases: [bigint, bigint][][] = [
      [[1n, 6n], [5n, 6n]], // q = D after the first
      [[1n, 6n], [1n, 3n]], // D % q = 0
      [[1n, 3n], [1n, 6n]], // q % D = 0
      [[1n, 4n], [1n, 6n]], // gcd 2
      [[-3n, 10n], [7n, 15n], [1n, 2n], [0n, 7n], [-2n, 5n]],
    ];
    for (const terms of cases) {
      const s = new ExactSum();
      let ref = new Fraction(0);
      for (const [p, q] of terms) {
        s.add(p, q);
        ref = ref.add(new Fraction(p, q));
      }
      expect(s.value().equals(ref), terms.map(([p, q]) => `${p}/${q}`).join(' + ')).toBe(true);
    }
  });

  test('addMul and addFraction carry signs; a zero factor adds nothing; the empty sum is 0', () => {
    const s = new ExactSum();
    expect(s.value().equals(0)).toBe(true);
    s.addMul(new Fraction(-2, 3), new Fraction(3, 4)); // −1/2
    s.addMul(new Fraction(0), new Fraction(5));
    s.addMul(new Fraction(5), new Fraction(0));
    s.addFraction(new Fraction(-1, 6)); // −2/3
    expect(s.value().toFraction()).toBe('-2/3');
    s.addMul(new Fraction(-1, 3), new Fraction(-2)); // +2/3
    expect(s.value().equals(0)).toBe(true);
  });
});

describe('doubles enter a problem at their exact binary value', () => {
  // x ∈ [0, 1] with a·x ≥ 1 for a tiny or large a: y = −1 gives h(y) = −1 + a (z = −Aᵀy = a on a
  // column bounded by 1), exactly; the bound string shows the exact a.
  const bound = (a: number, rowLower: number | string) => {
    const p: LinearProgram = { cost: [0], A: [[a]], rowLower: [rowLower], colUpper: [1] };
    return verifyFarkas(p, { y: ['-1'] });
  };

  test('the smallest subnormal 2^−1074', () => {
    const r = bound(5e-324, 1);
    expect(r.verified).toBe(true);
    const D = 1n << 1074n;
    expect(r.bound).toBe(`${-(D - 1n)}/${D}`);
  });

  test('a normal non-integer, 0.1 = 3602879701896397/2^55, and −0.375', () => {
    expect(bound(0.1, 1).bound).toBe(`-${(1n << 55n) - 3602879701896397n}/${1n << 55n}`);
    // a = −0.375 ≤ 0: a·x ≥ −1 holds at x = 0, and y = −1 gives z = a < 0 on a column bounded below by 0: h = 1 + 0
    const p: LinearProgram = { cost: [0], A: [[-0.375]], rowLower: [-1], colUpper: [1] };
    expect(verifyFarkas(p, { y: ['-1'] })).toMatchObject({ verified: false, bound: '1' });
    // and row −0.375·x ≥ 1 with y = −1: h = −1 + 0 (z = −0.375 against the lower bound 0)
    expect(bound(-0.375, 1)).toMatchObject({ verified: true, bound: '-1' });
  });

  test('an integer beyond 2^53 and a power of two beyond it', () => {
    // 2^60 + 2^10 is a double (53 bits of mantissa span 2^10 … 2^60)
    const a = 2 ** 60 + 2 ** 10;
    const r = bound(a, (2n ** 61n).toString());
    expect(r.bound).toBe(`${-(2n ** 61n) + 2n ** 60n + 2n ** 10n}`);
  });
});

describe('one-line errors naming the field', () => {
  const good = { cost: [1], A: [[1]], rowLower: [0], rowUpper: [null], colLower: [0], colUpper: [null] };

  test('lpFromData', () => {
    expect(() => lpFromData(null)).toThrow('problem: must be an object');
    expect(() => lpFromData([])).toThrow('problem: must be an object');
    expect(() => lpFromData({ ...good, cost: 1 })).toThrow('problem.cost: must be an array');
    expect(() => lpFromData({ ...good, cost: [true] })).toThrow('problem.cost[0]: must be a number or a rational string');
    expect(() => lpFromData({ ...good, rowLower: [{}] })).toThrow('problem.rowLower[0]: must be a number, a rational string or null');
    expect(() => lpFromData({ ...good, sense: 'max' })).toThrow('problem.sense');
    expect(() => lpFromData({ ...good, A: [1] })).toThrow('problem.A[0]: must be an array');
    expect(() => lpFromData({ ...good, A: 3 })).toThrow('problem.A: must be an array or a sparse matrix');
    expect(() => lpFromData({ ...good, A: { format: 'csc', numRows: 1, numCols: 1, starts: [0, 1], indices: [0], values: [1] } })).toThrow('problem.A: must be dense rows');
    expect(() => lpFromData({ ...good, A: { format: 'csr', numRows: 1, numCols: 1, starts: [0, 0.5], indices: [0], values: [1] } })).toThrow('problem.A.starts: must be an array of integers');
    const sparse = lpFromData({ ...good, sense: 'maximize', A: { format: 'csr', numRows: 1, numCols: 1, starts: [0, 1], indices: [0], values: ['1/2'] } });
    expect(sparse).toMatchObject({ sense: 'maximize', A: { format: 'csr', values: ['1/2'] }, rowUpper: [Infinity], colLower: [0] });
    expect(lpFromData(good)).not.toHaveProperty('sense');
  });

  test('the problem itself (exactLp, reached through lpToData without HiGHS)', () => {
    const csr = (o: object) => ({ cost: [1, 1], A: { format: 'csr', numRows: 1, numCols: 2, starts: [0, 2], indices: [0, 1], values: [1, 1], ...o } }) as unknown as LinearProgram;
    expect(() => lpToData({ cost: [1], A: [[1]], sense: 'max' as 'maximize' })).toThrow("sense: must be 'minimize' or 'maximize'");
    expect(() => lpToData(csr({ format: 'csc' }))).toThrow("A.format: must be 'csr'");
    expect(() => lpToData(csr({ numCols: 3 }))).toThrow('A.numCols: 3, the cost has 2');
    expect(() => lpToData(csr({ starts: [0] }))).toThrow('A.starts: must have numRows + 1 entries');
    expect(() => lpToData(csr({ indices: [0, 2] }))).toThrow('A.indices[1]: column 2 is out of range');
    expect(() => lpToData(csr({ indices: [0, -1] }))).toThrow('A.indices[1]: column -1 is out of range');
    expect(() => lpToData(csr({ indices: [0, 0.5] }))).toThrow('A.indices[1]: column 0.5 is out of range');
    expect(() => lpToData(csr({ indices: [1, 1] }))).toThrow('A.indices[1]: column 1 twice in row 0');
    expect(() => lpToData(csr({ values: [1, 'x'] }))).toThrow('A.values[1]: "x" is not a rational');
    expect(() => lpToData({ cost: [1], A: [[1]], rowLower: [0, 1] })).toThrow('rowLower: has 2 entries, expected 1');
    expect(() => lpToData({ cost: [1], A: [[1]], colUpper: [] })).toThrow('colUpper: has 0 entries, expected 1');
    expect(() => lpToData({ cost: [1], A: [[1]], colLower: [2], colUpper: [1], colNames: ['q'] })).toThrow('colLower[0]: above colUpper (col "q")');
    expect(() => lpToData({ cost: [1], A: [[1]], rowLower: [2], rowUpper: [1] })).toThrow('rowLower[0]: above rowUpper (row 0)');
    expect(() => lpToData({ cost: [1], A: [[1]], rowLower: [Infinity] })).toThrow('rowLower[0]: Infinity is not allowed here');
    expect(() => lpToData({ cost: [1], A: [[1]], rowUpper: [-Infinity] })).toThrow('rowUpper[0]: -Infinity is not allowed here');
    expect(() => lpToData({ cost: [{}] as unknown as number[], A: [] })).toThrow('cost[0]: must be a number or a rational string');
    // equal bounds and an explicit zero entry are fine; a string zero is dropped like a numeric one
    expect(lpToData({ cost: [1, 2], A: [[0, '0']], rowLower: [1], rowUpper: [1], colLower: [3, 0], colUpper: [3, 1] }).rowUpper).toEqual([1]);
  });

  test('verifyFarkasData', () => {
    expect(verifyFarkasData(null)).toBe('data: must be an object');
    expect(verifyFarkasData([1])).toBe('data: must be an object');
    expect(verifyFarkasData({ problem: good, y: [1] })).toBe('data.y: must be an array of rational strings');
    expect(verifyFarkasData({ problem: good, y: 'x' })).toBe('data.y: must be an array of rational strings');
    expect(verifyFarkasData({ problem: good, y: ['1', 2] })).toBe('data.y: must be an array of rational strings');
    expect(verifyFarkasData({ problem: { ...good, cost: 'x' }, y: ['1'] })).toBe('problem.cost: must be an array');
  });
});

describe('lpToData', () => {
  test('a sparse maximisation with default and infinite bounds, as JSON data (infinities as null)', () => {
    const p: LinearProgram = {
      sense: 'maximize',
      cost: [1, '1/3'],
      A: { format: 'csr', numRows: 2, numCols: 2, starts: [0, 1, 3], indices: [1, 0, 1], values: [2, '-1/2', 0.25] },
      rowUpper: [4, Infinity],
      colLower: [-Infinity, 1],
    };
    expect(lpToData(p)).toEqual({
      sense: 'maximize',
      cost: [1, '1/3'],
      A: { format: 'csr', numRows: 2, numCols: 2, starts: [0, 1, 3], indices: [1, 0, 1], values: [2, '-1/2', 0.25] },
      rowLower: [null, null],
      rowUpper: [4, null],
      colLower: [null, 1],
      colUpper: [null, null],
    });
    // a minimisation keeps no sense key; dense rows are copied
    const min = lpToData({ cost: [1], A: [[1]], rowLower: [0] });
    expect(min).toEqual({ cost: [1], A: [[1]], rowLower: [0], rowUpper: [null], colLower: [0], colUpper: [null] });
    expect(min).not.toHaveProperty('sense');
  });
});

describe('bestRational', () => {
  test('the convergents of 0.6180339887… stop at the denominator cap; tiny values give 0 below the cap', () => {
    // (√5 − 1)/2 has convergents F(n)/F(n+1): 8/13, 13/21, 21/34, …
    expect(bestRational(0.6180339887498949, 34).toFraction()).toBe('21/34');
    expect(bestRational(0.6180339887498949, 33).toFraction()).toBe('13/21');
    expect(bestRational(-0.6180339887498949, 21).toFraction()).toBe('-13/21');
    // 1e-7 with denominators ≤ 1000: the first convergent 0/1 is all there is
    expect(bestRational(1e-7, 1000).toFraction()).toBe('0');
    expect(bestRational(2.5, 1).toFraction()).toBe('2');
  });
});

describe('verifyOptimality and verifyRay from hand-made certificates (exact, no HiGHS)', () => {
  // min x₁ + x₂ with −1 ≤ x₁ − x₂ ≤ 1, x₁ ∈ [0, 3], x₂ ≥ 0: the optimum is 0 at the origin.
  const minP = (): LinearProgram => ({ cost: [1, 1], A: [[1, -1]], rowLower: [-1], rowUpper: [1], colUpper: [3, Infinity] });

  test('feasibility: each violated bound is named, columns before rows', () => {
    const why = (x: string[]) => {
      const r = verifyOptimality(minP(), { x, y: ['0'], lower: '0', upper: '0' });
      expect(r.verified).toBe(false);
      return r.why;
    };
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['0'], lower: '0', upper: '0' })).toEqual({ verified: true });
    expect(why(['4', '0'])).toBe('x is not feasible: column 0 above its upper bound'); // also row 0 above 1
    expect(why(['-1/2', '0'])).toBe('x is not feasible: column 0 below its lower bound');
    expect(why(['0', '-1'])).toBe('x is not feasible: column 1 below its lower bound');
    expect(why(['2', '0'])).toBe('x is not feasible: row 0 above its upper bound'); // 2 − 0 > 1
    expect(why(['0', '2'])).toBe('x is not feasible: row 0 below its lower bound'); // 0 − 2 < −1
    // on the bounds exactly: x = (3, 2) gives x₁ − x₂ = 1 = rowUpper, x₁ = 3 = colUpper; cᵀx = 5
    expect(verifyOptimality(minP(), { x: ['3', '2'], y: ['0'], lower: '0', upper: '5' })).toEqual({ verified: true });
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['0', '0'], lower: '0', upper: '0' })).toEqual({ verified: false, why: 'x or y has the wrong length' });
    expect(verifyOptimality(minP(), { x: ['0'], y: ['0'], lower: '0', upper: '0' }).why).toBe('x or y has the wrong length');
    expect(verifyOptimality(minP(), { x: ['0', 'z'], y: ['0'], lower: '0', upper: '0' }).verified).toBe(false);
  });

  test('the dual bound D(y) by hand, for a minimum and a maximum', () => {
    // y = 1 on the row [−1, 1]: inf of 1·(x₁ − x₂) is −1; z = c − Aᵀy = (0, 2), inf over x ≥ 0 is 0: D = −1.
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['1'], lower: '-1', upper: '0' })).toEqual({ verified: true });
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['1'], lower: '0', upper: '0' }).why).toBe('the interval is [-1, 0], not the one stated');
    // y = −2: inf of −2·(x₁ − x₂) over [−1, 1] is −2; z = (3, −1): x₂ unbounded above, so D = −∞.
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['-2'], lower: '0', upper: '0' }).why).toBe('y gives no finite bound');
    // y = −1/2 and a column bounded above: z = (1/2, 1/2) ≥ 0, D = −1/2 + 0
    expect(verifyOptimality(minP(), { x: ['0', '0'], y: ['-1/2'], lower: '-1/2', upper: '0' })).toEqual({ verified: true });
    // max x₁ + x₂ over the same set with x₂ ≤ 2: the optimum 5 at (3, 2). In the maximum's sense y = 2 on
    // the row means y = −2 in minimisation form (c = (−1, −1)): inf of −2·(x₁ − x₂) is −2, z = (1, −3),
    // inf of z over [0, 3] × [0, 2] is −6: D = −8, so the maximum lies in [5, 8]; y = 0 gives [5, 5].
    const maxP: LinearProgram = { ...minP(), sense: 'maximize', colUpper: [3, 2] };
    expect(verifyOptimality(maxP, { x: ['3', '2'], y: ['2'], lower: '5', upper: '8' })).toEqual({ verified: true });
    expect(verifyOptimality(maxP, { x: ['3', '2'], y: ['2'], lower: '-8', upper: '-5' }).verified).toBe(false);
    expect(verifyOptimality(maxP, { x: ['3', '2'], y: ['0'], lower: '5', upper: '5' })).toEqual({ verified: true });
    expect(verifyOptimality(maxP, { x: ['1', '1'], y: ['0'], lower: '2', upper: '5' })).toEqual({ verified: true });
  });

  test('verifyRay: each way a ray can fail is named', () => {
    // min −x₁ with x₁ − x₂ ≤ 1, x ≥ 0: d = (1, 1) keeps the row and lowers the cost by 1 per step.
    const p: LinearProgram = { cost: [-1, 0], A: [[1, -1]], rowUpper: [1] };
    const why = (d: string[], x = ['0', '0'], q = p) => {
      const r = verifyRay(q, { x, d });
      expect(r.verified).toBe(false);
      return r.why;
    };
    expect(verifyRay(p, { x: ['0', '0'], d: ['1', '1'] })).toEqual({ verified: true });
    expect(verifyRay(p, { x: ['1', '0'], d: ['2', '2'] })).toEqual({ verified: true });
    expect(why(['1', '0'])).toBe('(Ad)[0] > 0 against a finite upper bound');
    expect(why(['-1', '0'])).toBe('d[0] < 0 against a finite lower bound');
    expect(why(['0', '1'])).toBe('cᵀd does not improve the objective');
    expect(why(['1'])).toBe('d has 1 entries, the problem 2 columns');
    expect(why(['1', '1'], ['0'])).toBe('x has 1 entries, the problem 2 columns');
    expect(why(['1', '1'], ['2', '0'])).toBe('x is not feasible: row 0 above its upper bound');
    expect(why(['1', '1'], ['0', '0'], { ...p, colUpper: [5, Infinity] })).toBe('d[0] > 0 against a finite upper bound');
    // a lower row bound: x₁ − x₂ ≥ −1 and d = (0, 1) decreasing it; with c = (0, −1) d would improve
    const q: LinearProgram = { cost: [0, -1], A: [[1, -1]], rowLower: [-1] };
    expect(why(['0', '1'], ['0', '0'], q)).toBe('(Ad)[0] < 0 against a finite lower bound');
    expect(verifyRay(q, { x: ['0', '0'], d: ['1', '1'] })).toEqual({ verified: true });
    // a maximum: max x₁ is min −x₁, so d = (1, 1) improves it and d = (0, 1) does not
    const mx: LinearProgram = { ...p, sense: 'maximize', cost: [1, 0] };
    expect(verifyRay(mx, { x: ['0', '0'], d: ['1', '1'] })).toEqual({ verified: true });
    expect(verifyRay(mx, { x: ['0', '0'], d: ['0', '1'] }).why).toBe('cᵀd does not improve the objective');
    expect(verifyRay(p, { x: ['0', '0'], d: ['1', 'q'] }).verified).toBe(false);
    // a negative step on a column bounded only above: min x with x ≤ 5, d = (−1) improves and is allowed
    expect(verifyRay({ cost: [1], A: [], colLower: [-Infinity], colUpper: [5] }, { x: ['5'], d: ['-1'] })).toEqual({ verified: true });
    // a zero step along a column bounded on both sides is no violation: min −x₂ with x₁ ∈ [0, 5], d = (0, 1)
    const b: LinearProgram = { cost: [0, -1], A: [], colUpper: [5, Infinity] };
    expect(verifyRay(b, { x: ['5', '0'], d: ['0', '1'] })).toEqual({ verified: true });
    // and a zero activity on a row bounded on both sides: 0 ≤ x₁ − x₂ ≤ 1 with d = (1, 1)
    const s: LinearProgram = { cost: [-1, 0], A: [[1, -1]], rowLower: [0], rowUpper: [1] };
    expect(verifyRay(s, { x: ['0', '0'], d: ['1', '1'] })).toEqual({ verified: true });
  });
});

describe('messages: exact wording, names, truncation (lines 1–540)', () => {
  test('NaN, a long bad string cut to 40 characters, and an explicit minimize', () => {
    expect(() => lpToData({ cost: [NaN], A: [] })).toThrow(/^cost\[0\]: NaN$/);
    const long = 'q'.repeat(50);
    expect(() => lpToData({ cost: [long], A: [] })).toThrow(`cost[0]: "${'q'.repeat(40)}" is not a rational`);
    expect(lpToData({ sense: 'minimize', cost: [1], A: [[1]], rowLower: [0] }).sense).toBe('minimize');
    expect(() => lpToData({ cost: [1], A: [[1]], colLower: [0, 0] })).toThrow('colLower: has 2 entries, expected 1');
    expect(() => lpToData({ cost: [1], A: [[1]], colLower: ['0/0'] })).toThrow('colLower[0]: "0/0" is not a rational');
  });

  test('row and column names in messages', () => {
    expect(() => lpToData({ cost: [1], A: [[1]], rowLower: [2], rowUpper: [1], rowNames: ['r'], colNames: ['c'] })).toThrow('rowLower[0]: above rowUpper (row "r")');
    // x ≥ 1 (row "r"), x ≥ 0. y = 1 would need the row's (infinite) upper bound.
    const p: LinearProgram = { cost: [0], A: [[1]], rowLower: [1], rowNames: ['r'], colNames: ['c'] };
    expect(verifyFarkas(p, { y: ['1'] })).toEqual({ verified: false, why: 'y[0] = 1 has the sign of an infinite bound of row "r"' });
    // y = −1: z = −Aᵀy = 1 needs the column's upper bound, which is infinite.
    expect(verifyFarkas(p, { y: ['-1'] })).toEqual({ verified: false, why: '(Aᵀy)[0] = -1 is not 0 or of the sign the bounds of col "c" allow' });
  });

  test('verifyFarkas refuses a y that is not a list of rational strings', () => {
    const p: LinearProgram = { cost: [0], A: [[1]], rowLower: [1], colUpper: [0] };
    expect(verifyFarkas(p, { y: ['-1'] })).toEqual({ verified: true, bound: '-1' }); // h = −1 + 0
    expect(verifyFarkas(p, { y: [-1 as unknown as string] })).toEqual({ verified: false, why: 'y[0]: must be a rational string' });
    expect(verifyFarkas(p, { y: ['w'.repeat(45)] }).why).toBe(`y[0]: "${'w'.repeat(40)}" is not a rational`);
  });
});

describe('lines 541–1138 without HiGHS: data, continued fractions, exact systems', () => {
  test('lpFromData: null is −∞ for lower bounds and +∞ for upper ones; malformed CSR fields are named', () => {
    const p = lpFromData({ sense: 'minimize', cost: [1], A: [[1]], rowLower: [null], rowUpper: [null], colLower: [null], colUpper: [null] });
    expect([p.sense, p.rowLower, p.rowUpper, p.colLower, p.colUpper]).toEqual(['minimize', [-Infinity], [Infinity], [-Infinity], [Infinity]]);
    const csr = (o: object) => ({ cost: [1], A: { format: 'csr', numRows: 1, numCols: 1, starts: [0, 1], indices: [0], values: [1], ...o }, rowLower: [0], rowUpper: [null], colLower: [0], colUpper: [null] });
    expect(lpFromData(csr({})).A).toEqual({ format: 'csr', numRows: 1, numCols: 1, starts: [0, 1], indices: [0], values: [1] });
    expect(() => lpFromData(csr({ numRows: 1.5 }))).toThrow('problem.A: must be dense rows or {format: "csr", numRows, numCols, starts, indices, values}');
    expect(() => lpFromData(csr({ numCols: '1' }))).toThrow('problem.A: must be dense rows');
    expect(() => lpFromData(csr({ values: 1 }))).toThrow('problem.A: must be dense rows');
    expect(() => lpFromData(csr({ indices: [0.5] }))).toThrow('problem.A.indices: must be an array of integers');
    expect(() => lpFromData(csr({ indices: 0 }))).toThrow('problem.A.indices: must be an array of integers');
    expect(() => lpFromData(csr({ values: [{}] }))).toThrow('problem.A.values[0]: must be a number or a rational string');
    expect(() => lpFromData({ ...csr({}), A: null })).toThrow('problem.A: must be an array or a sparse matrix');
    expect(() => lpFromData({ ...csr({}), colUpper: 'x' })).toThrow('problem.colUpper: must be an array');
    expect(() => lpFromData(5)).toThrow('problem: must be an object');
    expect(verifyFarkasData(5)).toBe('data: must be an object');
    expect(lpFromData({ ...csr({}), rowLower: ['1/2'] }).rowLower).toEqual(['1/2']);
  });

  test('bestRational: a cap below 1 gives 0, integers stop at once, halves and quarters are exact', () => {
    expect(bestRational(0.5, 0).toFraction()).toBe('0');
    expect(bestRational(3, 5).toFraction()).toBe('3');
    expect(bestRational(-7, 1).toFraction()).toBe('-7');
    expect(bestRational(0.75, 4).toFraction()).toBe('3/4');
    expect(bestRational(0.75, 3).toFraction()).toBe('1'); // 0.75 = [0; 1, 3]: convergents 0/1, 1/1, 3/4 (2/3 is no convergent)
    expect(bestRational(1 / 3, 2).toFraction()).toBe('0'); // convergents 0/1, 1/3: 3 > 2
  });
});
