/**
 * Hu & Wallace (2012), Section 3.3: semi-pooling stage-1 play groups the types into signals
 * Y = {Y_1, …, Y_K} (a partition of X, K ≥ 2); assumption A1 (μ_z(Y_1) ≠ μ_z'(Y_1) for every bipartition
 * and every z ≠ z') and its margin; and the signal-based posterior (29) of an agent of type x̄ who sees
 * the others' signal configuration λ_−, computed in log space (the products of (29) underflow for M in the
 * hundreds).
 */

/** A partition of types 0..n−1 into signals: signal[x] = k means type x sends signal Y_k (k = 0..K−1). */
export type Partition = readonly number[];

/** Every bipartition {Y_1, Y_2} of n types, once each (type 0 always in Y_1): 2^(n−1) − 1 of them. */
export function bipartitions(n: number): Partition[] {
  const out: Partition[] = [];
  for (let mask = 0; mask < 2 ** (n - 1) - 1; mask++) {
    // type 0 in Y_1 (signal 0); types 1..n−1 in Y_1 when their bit is set; mask = 2^(n−1) − 1 would leave Y_2 empty
    out.push(Array.from({ length: n }, (_, x) => (x === 0 || (mask >> (x - 1)) & 1 ? 0 : 1)));
  }
  return out;
}

/** μ_z(Y_k) = Σ_{y ∈ Y_k} μ_z(y) for each signal k (Section 3.3). */
export function signalProbabilities(mu: readonly number[], partition: Partition): number[] {
  const K = Math.max(...partition) + 1;
  const out = new Array<number>(K).fill(0);
  partition.forEach((k, x) => (out[k] += mu[x]));
  return out;
}

/** A1's margin: min over bipartitions and pairs z ≠ z' of |μ_z(Y_1) − μ_z'(Y_1)| (A1 holds iff it is > 0), with where it is attained. */
export function a1Margin(mu: readonly (readonly number[])[]): { margin: number; partition: Partition; states: [number, number] } {
  const n = mu[0].length;
  let best = { margin: Infinity, partition: [] as Partition, states: [0, 0] as [number, number] };
  for (const part of bipartitions(n)) {
    const y1 = mu.map((m) => signalProbabilities(m, part)[0]);
    for (let z = 0; z < mu.length; z++) {
      for (let w = z + 1; w < mu.length; w++) {
        const d = Math.abs(y1[z] - y1[w]);
        if (d < best.margin) best = { margin: d, partition: part, states: [z, w] };
      }
    }
  }
  return best;
}

/**
 * The signal-based posterior (29) of an agent of type x̄ over the states, from the prior κ, likelihoods
 * μ_z (mu[z][x]), the partition and the others' signal counts λ_−(Y_k):
 *   log φ[z] = log κ(z) + log μ_z(x̄) + Σ_k λ_−(Y_k) log μ_z(Y_k) − log Σ_z' exp(…),
 * normalised by log-sum-exp. Counts enter only as numbers, so the cost does not depend on M.
 */
export function signalPosterior(
  kappa: readonly number[],
  mu: readonly (readonly number[])[],
  partition: Partition,
  ownType: number,
  othersCounts: readonly number[],
): { logPosterior: number[]; posterior: number[] } {
  const logw = kappa.map((k, z) => {
    const pY = signalProbabilities(mu[z], partition);
    let s = Math.log(k) + Math.log(mu[z][ownType]);
    othersCounts.forEach((c, j) => {
      if (c > 0) s += c * Math.log(pY[j]);
    });
    return s;
  });
  const top = Math.max(...logw);
  const lse = top + Math.log(logw.reduce((acc, v) => acc + Math.exp(v - top), 0));
  const logPosterior = logw.map((v) => v - lse);
  return { logPosterior, posterior: logPosterior.map(Math.exp) };
}

/** The others' signal counts λ_−: the configuration λ with one agent (of signal k̄, the own one) removed. */
export function othersCounts(lambda: readonly number[], ownSignal: number): number[] {
  return lambda.map((c, k) => (k === ownSignal ? c - 1 : c));
}

/** KL(P ‖ Q) = Σ P log(P/Q) of two distributions on the same finite set (terms with P = 0 dropped). */
export function kl(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  p.forEach((pi, i) => {
    if (pi > 0) s += pi * (Math.log(pi) - Math.log(q[i]));
  });
  return s;
}
