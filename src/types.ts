/** Types every layer may use, below all of them (scripts/layers.mjs: "base"). */

/** A JSON value: what numbers, inputs, figures and `eval` results are made of. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
