import type { Precision } from '../numeric/types.ts';
import type { Dist, DistSpec } from './types.ts';
import { interior, Inverter, mergeAtoms } from './common.ts';

type MixtureSpec = Extract<DistSpec, { kind: 'mixture' }>;

/**
 * A finite mixture Σ w_i F_i with the weights normalised (parts of weight 0 are ignored).
 * cdf, sf and pdf are the weighted sums (each part's own tail-accurate sf is used, so 1 − F is
 * never formed); the support is the hull of the parts'; breakpoints are the parts' breakpoints,
 * the ends of their supports inside the hull, and the atoms. It is discrete (pdf throws) when a
 * part is; pdfContinuous is then the weighted density of the continuous parts. A part that is
 * singular at an end of its own support that lies inside the hull shows up as a breakpoint only
 * (singularAt speaks about the hull's ends).
 * Quantiles: the generalised inverse (smallest x with F(x) ≥ u) by safeguarded Newton inside a
 * tabulated bracket, returning an atom exactly when u falls in its jump.
 * `build` makes each part (makeDist, handed in by make.ts rather than imported: the dispatch
 * imports this family, so importing it back would close a cycle).
 */
export function mixture(
  spec: MixtureSpec,
  precision: Precision,
  path: string,
  build: (spec: DistSpec, precision: Precision, path: string) => Dist,
): Dist {
  const live = spec.parts.map((p, i) => ({ ...p, i })).filter((p) => p.weight > 0);
  if (live.length === 0) throw new Error('mixture: no part of positive weight');
  const W = live.reduce((s, p) => s + p.weight, 0);
  const w = live.map((p) => p.weight / W);
  const ds = live.map((p) => build(p.dist, precision, `${path}.parts[${p.i}].dist`));
  const k = ds.length;
  const lo = Math.min(...ds.map((d) => d.lo));
  const hi = Math.max(...ds.map((d) => d.hi));
  const discrete = ds.some((d) => d.discrete);
  const atomList = mergeAtoms(ds.flatMap((d, i) => d.atoms.map(([x, m]) => [x, w[i] * m] as const)));

  const cdf = (x: number): number => {
    if (!(x < hi)) return x >= hi ? 1 : NaN;
    if (x < lo) return 0;
    let s = 0;
    for (let i = 0; i < k; i++) s += w[i] * ds[i].cdf(x);
    return s > 1 ? 1 : s;
  };
  const sf = (x: number): number => {
    if (!(x < hi)) return x >= hi ? 0 : NaN;
    if (x < lo) return 1;
    let s = 0;
    for (let i = 0; i < k; i++) s += w[i] * ds[i].sf(x);
    return s > 1 ? 1 : s;
  };
  const pdfContinuous = (x: number): number => {
    let s = 0;
    for (let i = 0; i < k; i++) s += w[i] * ds[i].pdfContinuous(x);
    return s;
  };
  const pdf = discrete
    ? (): number => {
        throw new Error('mixture: a mixture with atoms has no density (use pdfContinuous for its continuous part)');
      }
    : pdfContinuous;
  const breakpoints = interior(
    [...ds.flatMap((d) => [...d.breakpoints, d.lo, d.hi]), ...atomList.map(([x]) => x)],
    lo,
    hi,
  );
  const inv = new Inverter({ lo, hi, cdf, sf, pdfC: pdfContinuous, atoms: atomList }, breakpoints, 32);
  let mean = 0;
  for (let i = 0; i < k; i++) mean += w[i] * ds[i].mean();
  mean = Math.min(hi, Math.max(lo, mean));

  const singular = (end: 'lo' | 'hi'): boolean =>
    ds.some((d) => d.singularAt[end] && d[end] === (end === 'lo' ? lo : hi));

  const dist: Dist = {
    spec: { kind: 'mixture', parts: spec.parts.map((p) => ({ weight: p.weight, dist: p.dist })) },
    lo,
    hi,
    support: [lo, hi],
    discrete,
    atoms: atomList,
    breakpoints,
    singularAt: { lo: singular('lo'), hi: singular('hi') },
    precision,
    cdf,
    sf,
    pdf,
    pdfContinuous,
    quantile: (u) => inv.quantile(u),
    isf: (q) => inv.isf(q),
    mean: () => mean,
    at: (p) => (p === precision ? dist : mixture(spec, p, path, build)),
  };
  return dist;
}
