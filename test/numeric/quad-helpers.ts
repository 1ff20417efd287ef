import { quad, quadVec } from '../../src/numeric/quadrature.ts';

/** f with a call counter: neval must equal the number of calls. */
export function counted(f: (x: number) => number): { g: (x: number) => number; calls: () => number } {
  let n = 0;
  return {
    g: (x) => {
      n++;
      return f(x);
    },
    calls: () => n,
  };
}

/**
 * Runs `body` once inside nested calls of an integrator on a constant (one call per level, the nesting
 * only on the first evaluation). quad and quadVec each keep one workspace per nesting depth for the life
 * of the module, and the suite shares one module graph per worker (vitest.config.ts): a workspace is
 * fresh only the first time its depth is reached. Each call goes one level deeper than the last for that
 * integrator (`key` counts them, on globalThis, so every test file shares the count), so `body` always
 * meets a fresh one. `once(inner)` runs one level, calling `inner` from inside it.
 */
function atFreshDepthOf<T>(key: 'mechcheckQuadFreshDepth' | 'mechcheckQuadVecFreshDepth', once: (inner: () => void) => void, body: () => T): T {
  const g = globalThis as unknown as Record<typeof key, number | undefined>;
  const levels = (g[key] = (g[key] ?? 8) + 1);
  let out: T | undefined;
  const nest = (d: number): void => {
    if (d === 0) {
      out = body();
      return;
    }
    let entered = false;
    once(() => {
      if (!entered) {
        entered = true;
        nest(d - 1);
      }
    });
  };
  nest(levels);
  return out as T;
}

/** atFreshDepthOf for quad's pool of workspaces. */
export const atFreshDepth = <T>(body: () => T): T =>
  atFreshDepthOf('mechcheckQuadFreshDepth', (inner) => quad(() => (inner(), 1), 0, 1, { limit: 1, method: 'gk' }), body);

/** atFreshDepthOf for quadVec's own pool of workspaces (one per quadVec nesting depth). */
export const atFreshVecDepth = <T>(body: () => T): T =>
  atFreshDepthOf(
    'mechcheckQuadVecFreshDepth',
    (inner) =>
      quadVec(
        (_x, o) => {
          inner();
          o[0] = 1;
        },
        1,
        0,
        1,
        { limit: 1 },
      ),
    body,
  );
