/** The model against markets computed offline by mpmath at 50 digits (fixtures/pw/markets-reference.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../../src/claims/persist.ts';
import { makeDist } from '../../src/distributions/index.ts';
import type { DistSpec } from '../../src/distributions/types.ts';
import { cutoffValues, T2Definition } from '../../src/models/pycia-wang/cutoff.ts';
// This file builds expression densities: load their engine (density.ts does not import it).
import '../../src/distributions/expression-engine.ts';

interface Val { dec: string; dbl: number }
interface RefMarket { id: string; n: number; dist: DistSpec; shares: number[]; T1: Val; T2: Val; betaStar: Val; vStar: Val[]; brackets?: Val[] }

const ref: { markets: RefMarket[] } = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'pw', 'markets-reference.json'), 'utf8'));
const num = (v: Val) => Number(v.dec);

describe('PW model against 50-digit references', () => {
  for (const m of ref.markets) {
    test(`${m.id}: n = ${m.n}, ${m.dist.kind}`, () => {
      const dist = makeDist(m.dist);
      const c = cutoffValues({ n: m.n, shares: m.shares, dist });
      // The model's own error estimates, plus 1e-12 × scale for the double rounding of the
      // reference's inputs (shares and supports are doubles, the reference read them as decimals).
      const scale = Math.max(1, Math.abs(dist.lo), Math.abs(dist.hi));
      expect(Math.abs(c.T1.value - num(m.T1))).toBeLessThanOrEqual(c.T1.abserr + 1e-12 * scale * m.n);
      expect(Math.abs(c.T2.value - num(m.T2))).toBeLessThanOrEqual(c.T2.abserr + 1e-12 * scale);
      // β* inherits T1's and T2's errors through −nT1/(T1+T2).
      const s = num(m.T1) + num(m.T2);
      const bErr = (m.n * (Math.abs(num(m.T2)) * (c.T1.abserr + 1e-12 * scale * m.n) + Math.abs(num(m.T1)) * (c.T2.abserr + 1e-12 * scale))) / (s * s);
      expect(Math.abs(c.betaStar - num(m.betaStar))).toBeLessThanOrEqual(bErr);
      m.vStar.forEach((v, i) => expect(Math.abs(c.vStar[i] - num(v))).toBeLessThanOrEqual(1e-12 * scale));
      if (m.n <= 6) {
        const d = T2Definition(dist, m.n);
        expect(Math.abs(d.value - num(m.T2))).toBeLessThanOrEqual(d.abserr + 1e-12 * scale);
      }
    });
  }
});
