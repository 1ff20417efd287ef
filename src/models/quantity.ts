import type { Json } from '../types.ts';

/** A model quantity `mechcheck eval` computes from one JSON request (INTERFACES.md, "eval quantities"). */
export interface Quantity {
  name: string;
  description: string;
  /** Validate the request at the edge (throwing an error with a `field`) and compute the result. */
  evaluate(request: unknown): Json;
  /** Load what `evaluate` needs asynchronously (a WASM LP solver), awaited by the CLI before it evaluates. */
  prepare?(): Promise<void>;
}
