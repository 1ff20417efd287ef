/**
 * The Theorem 1 claims' saved cases: their certificates re-derive the finding from the saved data
 * (and refuse tampered data), and bad input is refused with one line naming the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { verifyCertificate } from '../../src/claims/certificates.ts';
import { InputError } from '../../src/errors.ts';
import '../../properties/giraud-rochon/claims-contract.ts'; // registers the certificate kinds
import { decodeArbitrageCase, decodeDeviationCase, decodeEndowmentCase } from '../../properties/giraud-rochon/contract-cases.ts';

const saved = (id: string) => {
  const dir = `fixtures/counterexamples/${id}`;
  return readdirSync(dir).map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
};

describe('saved findings', () => {
  for (const id of ['GR.WE.nash', 'GR.Thm1.strong-collusion-proof']) {
    test(`${id}: the certificate verifies; a deviation undone no longer does`, () => {
      for (const file of saved(id)) {
        expect(verifyCertificate(file.certificate)).toMatchObject({ verified: true });
        const data = structuredClone(file.certificate.data);
        for (const m of data.deviation) {
          m.quoteOffset = m.quoteOffset.map(() => 0);
          m.real = m.real.map((r: number[]) => r.map(() => 0));
        }
        expect(verifyCertificate({ kind: file.certificate.kind, data })).toMatchObject({ verified: false });
      }
    });
  }
});

describe('bad input names the field', () => {
  const base = saved('GR.WE.nash')[0].input;
  const expectField = (f: () => unknown, field: string) => {
    try {
      f();
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
      expect((e as Error).message).not.toContain('\n');
    }
  };

  test('a deviation settling with its own player, a state out of range, a short quote offset', () => {
    expectField(() => decodeDeviationCase({ ...base, deviation: [{ ...base.deviation[0], settle: base.deviation[0].player }] }), 'deviation.0.settle');
    expectField(() => decodeDeviationCase({ ...base, state: 99 }), 'state');
    expectField(() => decodeDeviationCase({ ...base, deviation: [{ ...base.deviation[0], quoteOffset: [] }] }), 'deviation.0.quoteOffset');
  });

  test('an arbitrage scene with j quoting 0, an endowment case with a short prior', () => {
    expectField(() => decodeArbitrageCase({ economy: base.economy, state: 0, roles: [0, 1, 2], h: 0, under: 1, pj: [0], others: [], extra: 1 }), 'pj.0');
    expectField(() => decodeEndowmentCase({ types: [2, 2, 2], prior: [1, 1] }), 'prior');
  });
});
