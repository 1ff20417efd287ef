/**
 * Setup for mutation runs only (vitest.mutate.config.ts): a mutant must not leave anything behind
 * that a later mutant sees. A broken model "finds" counterexamples; saved, they would be replayed
 * by every later mutant's run (and could make a claim pass on the replay alone). So saving is a
 * no-op here, and every property runs from one fixed seed whatever FC_SEED says.
 */
import fc from 'fast-check';
import { vi } from 'vitest';

vi.mock('../src/claims/persist.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/claims/persist.ts')>();
  return {
    ...real,
    /** Report the case as not written, as a read-only folder would (the runner prints it instead). */
    saveCase: (c: Parameters<typeof real.saveCase>[0], ce: Parameters<typeof real.saveCase>[1], root?: string) => {
      const { file } = real.caseFile(c.id, ce.input, root);
      return { file, written: false, text: '' };
    },
  };
});

fc.configureGlobal({ seed: 20261123 });
