/**
 * RunOptions.figures: a claim's own figures (Claim.figures) are drawn into the outcome by default
 * and for `check --json` / `report`, and not at all for the table or the test runner — a figure
 * may cost seconds, and nothing would show it.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { claim } from '../src/claims/registry.ts';
import { runClaim } from '../src/claims/runner.ts';
import type { FigureSpec } from '../src/claims/types.ts';

let drawn = 0;
const FIG: FigureSpec = { id: 'fig', title: 't', x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', points: [[1, 2]] }] };
const c = claim<number>({
  id: 'PW.test.figures',
  paper: 'PW',
  source: 'test',
  statement: 'x = x',
  verdict: 'holds',
  tolerance: { abs: 0, why: 'exact' },
  input: fc.integer(),
  runs: 3,
  property: (x) => ({ holds: x === x, numbers: {} }),
  figures: () => {
    drawn++;
    return [FIG];
  },
});

test('figures drawn by default, skipped with figures: false (the claim\'s figures() not even called)', () => {
  drawn = 0;
  const on = runClaim(c, { persist: false });
  expect(on.figures?.map((f) => f.id)).toEqual(['fig']);
  expect(drawn).toBe(1);
  const off = runClaim(c, { persist: false, figures: false });
  expect(off.figures).toBeUndefined();
  expect(drawn).toBe(1);
  expect(off.outcome).toBe('passed');
});
