import { describe, expect, it } from 'vitest';
import { quad, quadVec } from '../../src/numeric/quadrature.ts';
import { counted } from './quad-helpers.ts';

// Mutation testing of quadrature.ts's unresolved-panel code (UNRESOLVED, unresolved, blindError,
// gk21's node spread, gkRun's end probes, gk21Vec, probeEnds; issue #9, mut13-qa). References are
// closed forms; every neval is checked against a count of the integrand's calls. The pattern of
// the lead's tests at the end of quadrature-mutants.test.ts: a singularity or jump at an interior
// point that is not a breakpoint, bisected down to panels a few ulps wide.


/** neval of a run that never sampled a panel's ends: the first panel plus 42 per bisection. */
const noProbes = (neval: number) => (neval - 21) % 42 === 0;

describe('unresolved panels: a jump at an interior point that is not a breakpoint', () => {
  it('tolerance 0 bisects the jump at 1/3 down to ulp widths: not converged, the error within abserr, every call counted', () => {
    const c = 1 / 3;
    // exactly 1 − c for the double c (its ulp, 5.6e-17, bounds the reference's rounding)
    for (const [f, exact] of [
      [(x: number) => (x < c ? 0 : 1), 1 - c],
      [(x: number) => (x < c ? 1 : 0), c],
    ] as const) {
      const { g, calls } = counted(f);
      const r = quad(g, 0, 1, { epsabs: 0, epsrel: 0, limit: 2000, method: 'gk' });
      expect(r.converged).toBe(false);
      expect(noProbes(r.neval)).toBe(false); // the ends of the unresolved panels were sampled
      expect(r.neval).toBe(calls());
      const e = Math.abs(r.value - exact);
      expect(e).toBeLessThanOrEqual(r.abserr);
      // the blind error is the jump (1) times a few ulp-wide panels' widths, not more
      expect(r.abserr).toBeLessThan(2e-14);
    }
  });

  it('smooth integrands never sample ends: neval is 21 + 42 per bisection (sin 300x on [0, 1], cos 50x on [0, 2], to 1e-12)', () => {
    for (const [f, a, b, exact, epsabs] of [
      [(x: number) => Math.sin(300 * x), 0, 1, (1 - Math.cos(300)) / 300, 1e-12],
      [(x: number) => Math.cos(50 * x), 0, 2, Math.sin(100) / 50, 1e-12],
    ] as const) {
      const { g, calls } = counted(f);
      const r = quad(g, a, b, { epsabs, epsrel: 0, method: 'gk' });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.abserr);
      expect(r.neval).toBeGreaterThan(21);
      expect(noProbes(r.neval)).toBe(true);
      expect(r.neval).toBe(calls());
    }
  });

  it('quadVec: jumps at 1000 + 1/3 (unresolved there at widths of 1.4e-11) converge to 1e-12 with e^x beside them; every call counted', () => {
    const c = 1000 + 1 / 3;
    let calls = 0;
    const r = quadVec(
      (x, out) => {
        calls++;
        out[0] = x < c ? 0 : 1;
        out[1] = Math.exp(x - 1000);
        out[2] = x < c ? 1 : 0;
      },
      3,
      1000,
      1001,
      { epsabs: 1e-12, epsrel: 1e-12, limit: 2000 },
    );
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(calls);
    expect(noProbes(r.neval)).toBe(false);
    // 1001 − c and c − 1000 are exact in doubles (Sterbenz)
    const exact = [1001 - c, Math.E - 1, c - 1000];
    for (let q = 0; q < 3; q++) {
      expect(Math.abs(r.value[q] - exact[q])).toBeLessThanOrEqual(r.abserr[q]);
      expect(r.abserr[q]).toBeLessThan(2e-12);
    }
  });
});

describe('unresolved panels: |x − c|^(−1/2) at c = 1000 + 1/3, not a breakpoint (unresolved below 1.4e-11)', () => {
  it("quad 'gk' and 'auto': not converged, the error within abserr and abserr within 20× of it; every call counted", () => {
    const c = 1000 + 1 / 3;
    const f = (x: number) => (x === c ? 0 : 1 / Math.sqrt(Math.abs(x - c)));
    // 2√(c − 1000) + 2√(1001 − c), both differences exact; the mass within an ulp of c (≈ 4√(ulp/2) ≈ 6e-7) is lost
    const exact = 2 * Math.sqrt(c - 1000) + 2 * Math.sqrt(1001 - c);
    for (const method of ['gk', 'auto'] as const) {
      const { g, calls } = counted(f);
      const r = quad(g, 1000, 1001, { method });
      expect(r.converged).toBe(false);
      expect(r.neval).toBe(calls());
      const e = Math.abs(r.value - exact);
      expect(e).toBeGreaterThan(1e-7);
      expect(e).toBeLessThanOrEqual(r.abserr);
      expect(r.abserr).toBeLessThan(20 * e);
    }
  });
});

describe('quadVec: the bisection follows the component furthest from its tolerance (vecKey, vecTolerances)', () => {
  it('√x and 10⁻³·√(1 − x), singular at opposite ends, both converge within 50 intervals (closed forms 2/3 and 2·10⁻³/3)', () => {
    let calls = 0;
    const r = quadVec(
      (x, out) => {
        calls++;
        out[0] = Math.sqrt(x);
        out[1] = 1e-3 * Math.sqrt(1 - x);
      },
      2,
      0,
      1,
      { epsabs: 0, epsrel: 1e-10, limit: 50 },
    );
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(calls);
    const exact = [2 / 3, 2e-3 / 3];
    for (let q = 0; q < 2; q++) {
      expect(Math.abs(r.value[q] - exact[q])).toBeLessThanOrEqual(r.abserr[q]);
      expect(r.abserr[q]).toBeLessThanOrEqual(1e-10 * exact[q]);
    }
  });
});

describe('quadVec: a rebuilt heap holds only the current run\'s intervals (rekeyHeap)', () => {
  it('after a run that leaves large errors in the workspace, cos 30x on [0, 1] still converges to sin(30)/30', () => {
    // the first run stops at its limit with sin(10⁴x)'s errors (≈ 1e-2, far above the next run's tolerance) in slots 0..9
    const first = quadVec(
      (x, out) => {
        out[0] = Math.sin(1e4 * x);
      },
      1,
      0,
      1,
      { limit: 10 },
    );
    expect(first.converged).toBe(false);
    let calls = 0;
    const r = quadVec(
      (x, out) => {
        calls++;
        out[0] = Math.cos(30 * x);
      },
      1,
      0,
      1,
      { epsabs: 0, epsrel: 1e-12 },
    );
    expect(r.converged).toBe(true);
    expect(r.neval).toBe(calls);
    expect(Math.abs(r.value[0] - Math.sin(30) / 30)).toBeLessThanOrEqual(r.abserr[0]);
    expect(r.abserr[0]).toBeLessThanOrEqual(1e-12 * Math.abs(Math.sin(30) / 30));
  });
});

/** quad 'gk' (limit 2000) on an interior singularity it cannot resolve: not converged, every call counted, the error within abserr and abserr within 20× of it. */
function blindGk(f: (x: number) => number, exact: number): void {
  const { g, calls } = counted(f);
  const r = quad(g, 0, 1, { method: 'gk', limit: 2000 });
  expect(r.converged).toBe(false);
  expect(r.neval).toBe(calls());
  const e = Math.abs(r.value - exact);
  expect(e).toBeLessThanOrEqual(r.abserr);
  expect(r.abserr).toBeLessThan(20 * e);
}

describe('unresolved panels: |x − c|^(−0.7) at c not a breakpoint, where the blind error has the least room', () => {
  it("quad 'gk' for c = 1/3, 0.7, 0.1: not converged, the error within abserr (1.45–2.3× of it, closed form (c^0.3 + (1 − c)^0.3)/0.3)", () => {
    for (const c of [1 / 3, 0.7, 0.1]) {
      const f = (x: number) => (x === c ? 0 : Math.abs(x - c) ** -0.7);
      const exact = (c ** 0.3 + (1 - c) ** 0.3) / 0.3;
      blindGk(f, exact);
    }
  });
});

describe('unresolved panels: a one-sided singularity (x − c)^(−0.7) beside 0, c not a breakpoint', () => {
  it("quad 'gk' for c = 0.7 and 0.1, either side: the sampled ends carry the largest values, and the error stays within abserr", () => {
    for (const c of [0.7, 0.1]) {
      for (const side of [1, -1]) {
        // f = |x − c|^(−0.7) on the side `side` of c, 0 on the other: ∫ = (1 − c)^0.3/0.3 or c^0.3/0.3
        const f = (x: number) => (side * (x - c) <= 0 ? 0 : Math.abs(x - c) ** -0.7);
        const exact = (side > 0 ? (1 - c) ** 0.3 : c ** 0.3) / 0.3;
        blindGk(f, exact);
      }
    }
  });
});

describe('quadVec on unresolved panels: the one-sided singularity beside 0 (gk21Vec, probeEnds)', () => {
  it('(x − 0.7)^(−0.7) right of 0.7 and (0.1 − x)^(−0.7) left of 0.1 as two components: each error within its abserr', () => {
    let calls = 0;
    const r = quadVec(
      (x, out) => {
        calls++;
        out[0] = x <= 0.7 ? 0 : (x - 0.7) ** -0.7;
        out[1] = x >= 0.1 ? 0 : (0.1 - x) ** -0.7;
      },
      2,
      0,
      1,
      { limit: 2000 },
    );
    expect(r.converged).toBe(false);
    expect(r.neval).toBe(calls);
    const exact = [(1 - 0.7) ** 0.3 / 0.3, 0.1 ** 0.3 / 0.3];
    for (let q = 0; q < 2; q++) {
      const e = Math.abs(r.value[q] - exact[q]);
      expect(e).toBeLessThanOrEqual(r.abserr[q]);
      expect(r.abserr[q]).toBeLessThan(20 * e);
    }
  });
});
