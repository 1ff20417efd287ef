/**
 * Where the expression engine (expression-engine.ts) installs itself and density.ts finds it: a
 * module of its own, so that neither imports the other and only the engine's importers load mathjs.
 */
import type { MathJsInstance } from 'mathjs';

let factory: (() => MathJsInstance) | undefined;

/** Install the engine's factory (expression-engine.ts, when it loads). */
export function setExpressionEngine(create: () => MathJsInstance): void {
  factory = create;
}

/** The engine's factory, if a module has loaded it. */
export function expressionEngine(): (() => MathJsInstance) | undefined {
  return factory;
}
