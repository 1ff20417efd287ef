import type { Dist } from '../../src/distributions/types.ts';

type Method = (x: number) => number;

/**
 * `d` seen through a proxy: each method named in `wrap` is replaced by wrap[name](the original,
 * bound); `at` returns the proxy itself (a model asking for another precision keeps the spy); every
 * other member passes through bound to `d`. `onGet` sees every member name asked for.
 */
export function spyDist(d: Dist, wrap: Partial<Record<'cdf' | 'quantile' | 'isf', (orig: Method) => Method>>, onGet?: (k: string | symbol) => void): Dist {
  const p: Dist = new Proxy(d, {
    get(t, k) {
      onGet?.(k);
      const w = typeof k === 'string' ? wrap[k as keyof typeof wrap] : undefined;
      if (w) return w((x: number) => t[k as keyof typeof wrap](x));
      if (k === 'at') return () => p;
      const v = Reflect.get(t, k, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return p;
}
