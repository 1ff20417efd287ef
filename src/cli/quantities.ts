import type { Quantity } from '../models/quantity.ts';
import { pwCutoff } from '../models/pycia-wang/eval.ts';

/** Every quantity `mechcheck eval` knows, in the order `eval --list` prints them. */
export const quantities: readonly Quantity[] = [pwCutoff];
