/**
 * Estimates that carry their own error: a deterministic part with a quadrature error bound, plus
 * (Monte Carlo) per-draw values whose mean and standard error are taken lazily. Arithmetic keeps
 * the draws elementwise, so every combination is evaluated on common random numbers.
 */

/**
 * A quantity: det ± abserr (quadrature) plus the mean of `draws` (Monte Carlo).
 * Sums and differences keep the draws elementwise, so every combination is evaluated on common
 * random numbers and its standard error is that of the combination, not a sum of bounds.
 */
export class Est {
  private m: number | undefined;
  private se: number | undefined;
  constructor(readonly det: number, readonly abserr = 0, readonly draws: Float64Array | null = null) {}

  /** A deterministic estimate x ± abserr. */
  static of(x: number, abserr = 0): Est {
    return new Est(x, abserr);
  }

  private mcMean(): number {
    if (this.m === undefined) {
      let s = 0;
      const d = this.draws;
      if (d) for (let k = 0; k < d.length; k++) s += d[k];
      this.m = d && d.length ? s / d.length : 0;
    }
    return this.m;
  }

  /** The estimate: the deterministic part plus the mean of the draws. */
  get value(): number {
    return this.det + this.mcMean();
  }

  /** Standard error of the Monte Carlo part (0 without draws). */
  get stderr(): number {
    if (this.se === undefined) {
      const d = this.draws;
      if (!d || d.length < 2) this.se = 0;
      else {
        const mu = this.mcMean();
        let s = 0;
        for (let k = 0; k < d.length; k++) s += (d[k] - mu) * (d[k] - mu);
        this.se = Math.sqrt(s / (d.length - 1) / d.length);
      }
    }
    return this.se;
  }

  /** abserr + z·stderr: a bound on |value − truth| at the confidence z stands for. */
  bound(z: number): number {
    return this.abserr + z * this.stderr;
  }

  /** this + sign·o, draw by draw; the quadrature errors add. */
  plus(o: Est | number, sign = 1): Est {
    if (typeof o === 'number') return new Est(this.det + sign * o, this.abserr, this.draws);
    let draws: Float64Array | null = null;
    if (this.draws && o.draws) {
      draws = new Float64Array(this.draws.length);
      for (let k = 0; k < draws.length; k++) draws[k] = this.draws[k] + sign * o.draws[k];
    } else if (this.draws) draws = this.draws;
    else if (o.draws) {
      draws = new Float64Array(o.draws.length);
      for (let k = 0; k < draws.length; k++) draws[k] = sign * o.draws[k];
    }
    return new Est(this.det + sign * o.det, this.abserr + o.abserr, draws);
  }

  /** this − o, draw by draw. */
  minus(o: Est | number): Est {
    return this.plus(o, -1);
  }

  /** k·this. */
  times(k: number): Est {
    let draws: Float64Array | null = null;
    if (this.draws) {
      draws = new Float64Array(this.draws.length);
      for (let j = 0; j < draws.length; j++) draws[j] = k * this.draws[j];
    }
    return new Est(k * this.det, Math.abs(k) * this.abserr, draws);
  }
}

/** Σ of estimates. */
export function sumEst(xs: readonly Est[]): Est {
  return xs.reduce((a, b) => a.plus(b), Est.of(0));
}

