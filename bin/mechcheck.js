#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (esbuild strips the types as each file loads, see
// ts-hooks.mjs): no build step, so `npx mechcheck` after `npm ci` always runs the checked-in code.
import './register-ts.mjs';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
