/**
 * `eval pw.cutoff` against the 75 ill-conditioned markets of fixtures/pw/illcond-reference.json
 * (mpmath, two routes agreeing to ≥ 34 digits; scripts/reference/pw_illcond.py): far supports,
 * tiny widths, truncated normals of sd 1e-15…, Beta ends with exponents 0.01…, spikes, far narrow
 * mixtures, sharp density peaks, n up to 10 000. Every request is either refused (exit 2, only
 * for an expression density too sharp to represent) or answered right to its stated abserr — and
 * the abserr is not so loose that any value would pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../../src/claims/persist.ts';
import { InputError } from '../../src/distributions/schema.ts';
import { pwCutoff } from '../../src/models/pycia-wang/eval.ts';

interface RefCase {
  id: string;
  request: { n: number; shares?: number[]; distribution: { kind: string } };
  T1: { dbl: number };
  T2: { dbl: number };
  betaStar: { dbl: number };
}
const ref = JSON.parse(readFileSync(join(ROOT, 'fixtures/pw/illcond-reference.json'), 'utf8')) as { cases: RefCase[] };

describe('eval pw.cutoff against the mpmath references of ill-conditioned markets', () => {
  test('the fixture is the 75 cases', () => expect(ref.cases.length).toBe(75));
  for (const c of ref.cases) {
    test(c.id, () => {
      let o: { T1: number; T2: number; betaStar: number; abserr: { T1: number; T2: number; betaStar: number }; converged: boolean };
      try {
        o = pwCutoff.evaluate(c.request) as never;
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        // Only an expression density may be beyond what can be represented (a peak of width 1e-4).
        expect(c.request.distribution.kind).toBe('density');
        return;
      }
      const scale = Math.abs(c.T1.dbl) + Math.abs(c.T2.dbl);
      for (const k of ['T1', 'T2', 'betaStar'] as const) {
        const err = Math.abs(o[k] - c[k].dbl);
        expect(err, `${k}: ${o[k]} against ${c[k].dbl}, abserr ${o.abserr[k]}`).toBeLessThanOrEqual(o.abserr[k] + 4 * Number.EPSILON * Math.abs(c[k].dbl));
      }
      expect(o.converged).toBe(true);
      // Not vacuous: the errors stated for T1 and T2 are within 1e-4 of the values' scale.
      expect(o.abserr.T1).toBeLessThanOrEqual(1e-4 * scale);
      expect(o.abserr.T2).toBeLessThanOrEqual(1e-4 * scale);
    });
  }
});
