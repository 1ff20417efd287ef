/**
 * The LP wrapper (src/numeric/lp.ts) on problems of the size Jackson–Palfrey's Proposition 1 and
 * Giraud–Rochon will pose: HiGHS's solve, then the exact certificate. Median of repeated runs:
 *
 *   node --import ./bin/register-ts.mjs bench/lp.ts [--n 200] [--repeats 5]
 *
 * Problems (seeded): a transport problem (n sources × n sinks, integer costs; optimal, certified by
 * an exact vertex and exact duals), and the same with demand above supply (infeasible, certified by
 * a Farkas vector from the alternative LP).
 */
import { lpSolver, type LinearProgram } from '../src/numeric/lp.ts';
import { makeRng } from '../src/numeric/rng.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const n = arg('n', 40);
const REPEATS = arg('repeats', 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Transport: x_ij ≥ 0, Σ_j x_ij ≤ supply_i, Σ_i x_ij ≥ demand_j, min Σ c_ij x_ij (sparse rows). */
function transport(seed: number, excess: number): LinearProgram {
  const r = makeRng(seed);
  const cost = Array.from({ length: n * n }, () => 1 + Math.floor(r() * 20));
  const supply = Array.from({ length: n }, () => 10 + Math.floor(r() * 10));
  const total = supply.reduce((a, b) => a + b, 0);
  const demand = Array.from({ length: n }, () => Math.floor(total / n) - 1);
  demand[0] += excess;
  const starts = [0];
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) indices.push(i * n + j);
    starts.push(indices.length);
  }
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) indices.push(i * n + j);
    starts.push(indices.length);
  }
  return {
    cost,
    A: { format: 'csr', numRows: 2 * n, numCols: n * n, starts, indices, values: indices.map(() => 1) },
    rowLower: [...supply.map(() => -Infinity), ...demand],
    rowUpper: [...supply, ...demand.map(() => Infinity)],
  };
}

const solver = await lpSolver();
for (const [name, excess] of [
  ['optimal', 0],
  ['infeasible', 10 * n * 20],
] as const) {
  const plain: number[] = [];
  const certified: number[] = [];
  let last = '';
  for (let k = 0; k < REPEATS; k++) {
    const p = transport(k, excess);
    let t = performance.now();
    solver.solve(p, { certify: false });
    plain.push(performance.now() - t);
    t = performance.now();
    const r = solver.solve(p);
    certified.push(performance.now() - t);
    last = `${r.status}, certified ${r.certified}${r.certificate ? ` (${r.certificate.kind === 'farkas' ? r.certificate.route : r.certificate.route})` : ''}${r.why ? `: ${r.why.slice(0, 120)}` : ''}`;
  }
  console.log(`lp ${name}: transport ${n}×${n} (${n * n} columns, ${2 * n} rows), ${REPEATS} runs; HiGHS median ${median(plain).toFixed(1)} ms; with exact certificate median ${median(certified).toFixed(1)} ms; ${last}`);
}
