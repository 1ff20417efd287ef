/**
 * Giraud & Rochon (2001), Section 2.1 / Definition 1: ex post feasibility Σ_i x_i(t) = Σ_i ω_i(t_i)
 * with an aggregate endowment independent of t. On a product type space with a full-support prior
 * this forces every ω_i to be type-independent (GR.endowments.type-independent), checked here as
 * exact linear algebra, one good at a time: the premise is that (d, c), d = (d_i(s))_{i, s ∈ T_i},
 * solves Σ_i d_i(t_i) − c = 0 for every t in the support; the conclusion is that every solution has
 * d_i constant in s. The solution space is the kernel of the support's matrix [incidence | −1],
 * computed by Gauss–Jordan elimination in exact rationals.
 */
import { profiles } from './economy.ts';
import { Fraction } from '../../numeric/rational.ts';

const ZERO = new Fraction(0);

/** Column of agent i's type s in the premise's matrix (agents in order, types within); the last column is c. */
export function columnOf(types: readonly number[], i: number, s: number): number {
  return types.slice(0, i).reduce((a, k) => a + k, 0) + s;
}

/** The premise's matrix: one row per supported profile t, 1 in the column of each (i, t_i), −1 in c's column. */
export function premiseMatrix(types: readonly number[], support: readonly boolean[]): Fraction[][] {
  const cols = types.reduce((a, k) => a + k, 0) + 1;
  return profiles(types).flatMap((t, k) => {
    if (!support[k]) return [];
    const row = Array.from({ length: cols }, () => ZERO);
    t.forEach((ti, i) => (row[columnOf(types, i, ti)] = new Fraction(1)));
    row[cols - 1] = new Fraction(-1);
    return [row];
  });
}

/** The kernel of a matrix, exactly: its rank and a basis (one vector per free column of the reduced row echelon form). */
export function kernel(m: readonly (readonly Fraction[])[], cols: number): { rank: number; basis: Fraction[][] } {
  const a = m.map((r) => [...r]);
  const pivots: number[] = [];
  let row = 0;
  for (let c = 0; c < cols && row < a.length; c++) {
    const p = a.findIndex((r, k) => k >= row && r[c].n !== 0n);
    if (p < 0) continue;
    [a[row], a[p]] = [a[p], a[row]];
    const inv = new Fraction(1).div(a[row][c]);
    a[row] = a[row].map((v) => v.mul(inv));
    for (let k = 0; k < a.length; k++) {
      if (k === row || a[k][c].n === 0n) continue;
      const f = a[k][c];
      a[k] = a[k].map((v, j) => v.sub(f.mul(a[row][j])));
    }
    pivots.push(c);
    row++;
  }
  const basis: Fraction[][] = [];
  for (let f = 0; f < cols; f++) {
    if (pivots.includes(f)) continue;
    const v = Array.from({ length: cols }, () => ZERO);
    v[f] = new Fraction(1);
    pivots.forEach((pc, r) => (v[pc] = a[r][f].neg()));
    basis.push(v);
  }
  return { rank: pivots.length, basis };
}

/** The agents whose part of a premise solution varies with their type (empty: the conclusion holds for it). */
export function typeDependentAgents(types: readonly number[], v: readonly Fraction[]): number[] {
  return types.flatMap((k, i) => {
    const first = v[columnOf(types, i, 0)];
    for (let s = 1; s < k; s++) if (!v[columnOf(types, i, s)].equals(first)) return [i];
    return [];
  });
}
