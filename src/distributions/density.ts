import type { MathJsInstance, MathNode } from 'mathjs';
import { expressionEngine } from './engine-slot.ts';
import type { Precision } from '../numeric/types.ts';
import { quad } from '../numeric/index.ts';
import { clenshawMany } from '../numeric/special.ts';
import type { Dist, DistSpec } from './types.ts';
import { clip, clipQuoted, continuous, EPS, fmt, Inverter, interior, upperBound } from './common.ts';
import { BadSample, type ChebPiece, chebLowerBound, clenshaw, fit, firstMoment, polyMin } from './chebyshev.ts';
import { InputError } from '../errors.ts';

type DensitySpec = Extract<DistSpec, { kind: 'density' }>;

/**
 * The expression engine (mathjs's parser and compiler, expression-engine.ts) is not imported here:
 * loading its factories is a cost every `eval` would pay, for expression densities only. The claims
 * and generators import it (src/generators/distributions.ts), the tests through test/setup.ts, and
 * `eval` loads it when a request names a density (loadExpressionEngine, src/cli/main.ts).
 */
let mathInstance: MathJsInstance | undefined;

/** Load the expression engine (a chunk of its own in the CLI's bundle) before building a density. */
export async function loadExpressionEngine(): Promise<void> {
  await import('./expression-engine.ts');
}

function mathjs(): MathJsInstance {
  if (!mathInstance) {
    // A bug, not bad input: whoever builds a density loads the engine first (see above).
    const engineFactory = expressionEngine();
    if (!engineFactory) throw new Error('the expression engine is not loaded: import src/distributions/expression-engine.ts (or await loadExpressionEngine()) before building an expression density');
    mathInstance = engineFactory();
  }
  return mathInstance;
}

const CONSTANTS = new Set(['pi', 'PI', 'e', 'E', 'tau', 'phi', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2']);
const FUNCTIONS = new Set([
  'abs', 'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'pow', 'square', 'cube', 'nthRoot', 'hypot',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
  'min', 'max', 'floor', 'ceil', 'round', 'fix', 'sign', 'mod', 'erf', 'gamma',
]);
const OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'mod', 'factorial',
  'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not', 'xor',
]);

/** Relative size below which a negative sample is taken for rounding (the density is clamped at 0 there). */
const NEG_TOL = 1e-12;
/** Agreement required between the interpolant and the expression, relative to the density's maximum. */
const AGREE_TOL = 1e-13;

type Compiled =
  | { ok: true; f: (x: number) => number; lastError: () => string | null; native?: boolean; node: MathNode }
  | { ok: false; message: string };

/**
 * The longest expression accepted, in characters. With the nesting cap below, this bounds the
 * recursion of mathjs's parser (a chain of 1000 unary minuses uses about a seventh of Node's
 * stack), its compiler and its evaluator.
 */
export const MAX_EXPR_CHARS = 1000;
/**
 * The deepest expression tree accepted: levels of brackets, operators and function calls
 * (`x + x + … + x` with k terms is k levels deep, since + associates to the left). Brackets are
 * counted before parsing, because mathjs's parser spends ~40 stack frames per bracket level
 * (270 nested parentheses exhaust Node's stack); the tree is measured after.
 */
export const MAX_EXPR_DEPTH = 100;

const TOO_DEEP = `is nested too deeply (more than ${MAX_EXPR_DEPTH} levels of brackets, operators or function calls; a sum or product of k terms counts k levels)`;

/** Deepest nesting of ( [ { in a text, ignoring balance (a parse error is reported later). */
function bracketDepth(s: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Levels of a parsed tree (a leaf is 1), walked with an explicit stack; stops once past `cap`. */
function treeDepth(root: MathNode, cap: number): number {
  const stack: [MathNode, number][] = [[root, 1]];
  let max = 0;
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > cap) return max;
    n.forEach((child: MathNode) => void stack.push([child, d + 1]));
  }
  return max;
}

/**
 * Parses and compiles an expression in x. Allowed: numbers, x, the constants above, arithmetic,
 * comparisons, `c ? a : b`, and the scalar functions above. Everything else (other symbols,
 * assignments, matrices, strings, units) is rejected with a message naming what was found.
 */
export function compileExpr(expr: string): Compiled {
  if (expr.length > MAX_EXPR_CHARS) return { ok: false, message: `is too long (${expr.length} characters; at most ${MAX_EXPR_CHARS})` };
  if (bracketDepth(expr) > MAX_EXPR_DEPTH) return { ok: false, message: TOO_DEEP };
  let node: MathNode;
  try {
    node = mathjs().parse(expr);
  } catch (e) {
    // Within the caps the parser's recursion fits the stack with room to spare; should a caller's
    // stack already be nearly full, its overflow still means "too deep", not a bug.
    if (e instanceof RangeError) return { ok: false, message: TOO_DEEP };
    // mathjs quotes the offending part of the text ("Syntax error in part "…" (char 5)"): clip that.
    const why = (e as Error).message.replace(/"([^"]{61,})"/g, (_, part: string) => `"${clip(part)}"`);
    return { ok: false, message: `cannot be parsed: ${clip(why, 120)}` };
  }
  if (treeDepth(node, MAX_EXPR_DEPTH) > MAX_EXPR_DEPTH) return { ok: false, message: TOO_DEEP };
  let problem: string | null = null;
  node.traverse((n: MathNode, path: string) => {
    if (problem) return;
    const anyNode = n as MathNode & { name?: string; fn?: unknown; value?: unknown; op?: string };
    switch (n.type) {
      case 'ConstantNode':
        if (typeof anyNode.value !== 'number') problem = `may contain only numbers as constants (found ${typeof anyNode.value === 'string' ? clipQuoted(anyNode.value) : clip(String(anyNode.value))})`;
        return;
      case 'SymbolNode':
        if (path === 'fn') return; // a function name, checked at its FunctionNode
        if (anyNode.name !== 'x' && !CONSTANTS.has(anyNode.name!)) {
          problem = `uses unknown variable "${clip(anyNode.name!)}" (only x and the constants ${[...CONSTANTS].slice(0, 5).join(', ')}, … are allowed)`;
        }
        return;
      case 'OperatorNode':
        if (!OPERATORS.has(String(anyNode.fn))) problem = `uses unsupported operator "${clip(String(anyNode.op))}"`;
        return;
      case 'FunctionNode': {
        const fnNode = anyNode.fn as MathNode & { type: string; name?: string };
        if (fnNode.type !== 'SymbolNode' || !FUNCTIONS.has(fnNode.name!)) {
          problem = `uses unknown function "${clip(fnNode.name ?? fnNode.toString())}"`;
        }
        return;
      }
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      default:
        problem = `uses unsupported syntax (${n.type.replace(/Node$/, '').toLowerCase()}: ${clip(n.toString())})`;
    }
  });
  if (problem) return { ok: false, message: problem };
  const code = node.compile();
  const fast = toNative(node);
  if (fast && agreesWithMathjs(fast, code)) return { ok: true, f: fast, lastError: () => null, native: true, node };
  const scope = { x: 0 };
  let failure: string | null = null;
  const f = (x: number): number => {
    scope.x = x;
    let v: unknown;
    try {
      v = code.evaluate(scope);
    } catch (e) {
      failure = (e as Error).message;
      return NaN;
    }
    return typeof v === 'number' ? v : NaN;
  };
  try {
    const v: unknown = code.evaluate({ x: 0.5 });
    if (typeof v !== 'number') return { ok: false, message: `must evaluate to a number (got ${typeof v})` };
  } catch {
    // an error at 0.5 (e.g. factorial of a non-integer is fine, but a wrong arity is not) shows
    // up again at the first sample, with its x
  }
  return { ok: true, f, lastError: () => failure, node };
}

type Fx = (x: number) => number;

const NATIVE_CONSTANTS: Record<string, number> = {
  pi: Math.PI, PI: Math.PI, e: Math.E, E: Math.E, tau: 2 * Math.PI, phi: 1.618033988749895,
  LN2: Math.LN2, LN10: Math.LN10, LOG2E: Math.LOG2E, LOG10E: Math.LOG10E, SQRT2: Math.SQRT2, SQRT1_2: Math.SQRT1_2,
};
/** Functions whose mathjs number semantics are exactly Math's (same NaN for sqrt(−1), log(−1)). */
const UNARY: Record<string, (t: number) => number> = {
  abs: Math.abs, sqrt: Math.sqrt, cbrt: Math.cbrt, exp: Math.exp, expm1: Math.expm1, log10: Math.log10, log2: Math.log2,
  log1p: Math.log1p, sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh,
  floor: Math.floor, ceil: Math.ceil, sign: Math.sign,
};
const VARIADIC: Record<string, (...t: number[]) => number> = { min: Math.min, max: Math.max, hypot: Math.hypot };

// The closures below are the same few functions for every expression, so they are optimised once
// and stay fast for each new density (a `new Function` per expression started cold every time
// and ran interpreted through most of a build: measured 2× slower over a 4097-point grid).
const cst = (c: number): Fx => () => c;
const ident: Fx = (x) => x;
const add = (f: Fx, g: Fx): Fx => (x) => f(x) + g(x);
const sub = (f: Fx, g: Fx): Fx => (x) => f(x) - g(x);
const mul = (f: Fx, g: Fx): Fx => (x) => f(x) * g(x);
const div = (f: Fx, g: Fx): Fx => (x) => f(x) / g(x);
const addC = (c: number, g: Fx): Fx => (x) => c + g(x);
const subC = (f: Fx, c: number): Fx => (x) => f(x) - c;
const rsubC = (c: number, g: Fx): Fx => (x) => c - g(x);
const mulC = (c: number, g: Fx): Fx => (x) => c * g(x);
const divC = (f: Fx, c: number): Fx => (x) => f(x) / c;
const powF = (f: Fx, g: Fx): Fx => (x) => Math.pow(f(x), g(x));
const sqF = (f: Fx): Fx => (x) => {
  const v = f(x);
  return v * v;
};
const powC = (f: Fx, c: number): Fx => (c === 2 ? sqF(f) : (x) => Math.pow(f(x), c));
const neg = (f: Fx): Fx => (x) => -f(x);
const pos = (f: Fx): Fx => (x) => +f(x);
const unary = (h: (t: number) => number, f: Fx): Fx => (x) => h(f(x));
const atan2F = (f: Fx, g: Fx): Fx => (x) => Math.atan2(f(x), g(x));
const variadic = (h: (...t: number[]) => number, fs: Fx[]): Fx => (fs.length === 1 ? unary(h, fs[0]) : fs.length === 2 ? (x) => h(fs[0](x), fs[1](x)) : (x) => h(...fs.map((f) => f(x))));

/**
 * A native evaluator for the arithmetic subset of an already validated expression: numbers, x,
 * named constants, + − × ÷ ^, and Math's functions — about 100× faster than mathjs's evaluator
 * (~1 µs a call), which dominated building a density. Comparisons, conditionals and mathjs-only
 * functions (erf, gamma, mod, round …) return null and keep the mathjs path. Constant operands
 * are folded into the node that uses them (c + g(x) is one call, not three).
 */
function toNative(node: MathNode): Fx | null {
  type Built = { f: Fx; c?: number };
  const leaf = (c: number): Built => ({ f: cst(c), c });
  const build = (n: MathNode): Built | null => {
    const a = n as MathNode & { value?: unknown; name?: string; fn?: unknown; args?: MathNode[]; content?: MathNode };
    switch (n.type) {
      case 'ConstantNode':
        return typeof a.value === 'number' && Number.isFinite(a.value) ? leaf(a.value) : null;
      case 'SymbolNode':
        if (a.name === 'x') return { f: ident };
        return a.name! in NATIVE_CONSTANTS ? leaf(NATIVE_CONSTANTS[a.name!]) : null;
      case 'ParenthesisNode':
        return a.content ? build(a.content) : null;
      case 'OperatorNode': {
        const args = (a.args ?? []).map(build);
        if (args.some((x) => x === null)) return null;
        const [p, q] = args as Built[];
        const fn = String(a.fn);
        if (args.length === 1) {
          if (fn === 'unaryMinus') return p.c !== undefined ? leaf(-p.c) : { f: neg(p.f) };
          if (fn === 'unaryPlus') return p.c !== undefined ? leaf(+p.c) : { f: pos(p.f) };
          return null;
        }
        if (args.length !== 2) return null;
        if (p.c !== undefined && q.c !== undefined) {
          const r = fn === 'add' ? p.c + q.c : fn === 'subtract' ? p.c - q.c : fn === 'multiply' ? p.c * q.c : fn === 'divide' ? p.c / q.c : fn === 'pow' ? Math.pow(p.c, q.c) : null;
          return r === null ? null : leaf(r);
        }
        switch (fn) {
          case 'add':
            return { f: p.c !== undefined ? addC(p.c, q.f) : q.c !== undefined ? addC(q.c, p.f) : add(p.f, q.f) };
          case 'subtract':
            return { f: p.c !== undefined ? rsubC(p.c, q.f) : q.c !== undefined ? subC(p.f, q.c) : sub(p.f, q.f) };
          case 'multiply':
            return { f: p.c !== undefined ? mulC(p.c, q.f) : q.c !== undefined ? mulC(q.c, p.f) : mul(p.f, q.f) };
          case 'divide':
            return { f: q.c !== undefined ? divC(p.f, q.c) : div(p.f, q.f) };
          case 'pow':
            return { f: q.c !== undefined ? powC(p.f, q.c) : powF(p.f, q.f) };
          default:
            return null;
        }
      }
      case 'FunctionNode': {
        const name = (a.fn as { name?: string }).name;
        if (!name) return null;
        const args = (a.args ?? []).map(build);
        if (args.some((x) => x === null)) return null;
        const fs = (args as Built[]).map((x) => x.f);
        if (name in UNARY) return args.length === 1 ? { f: unary(UNARY[name], fs[0]) } : null;
        if (name in VARIADIC) return args.length >= 1 ? { f: variadic(VARIADIC[name], fs) } : null;
        if (name === 'atan2' || name === 'pow') return args.length === 2 ? { f: name === 'pow' ? powF(fs[0], fs[1]) : atan2F(fs[0], fs[1]) } : null;
        return null;
      }
      default:
        return null;
    }
  };
  const r = build(node);
  return r === null ? null : r.f;
}

/** The native function must reproduce mathjs at sample points (to rounding) before it replaces it. */
function agreesWithMathjs(f: (x: number) => number, code: { evaluate(scope: object): unknown }): boolean {
  for (const x of [-2.5, -1, -0.3, 0, 0.1, 0.5, 0.77, 1, 1.9, 3.3, 7.1, 12.5]) {
    let m: unknown;
    try {
      m = code.evaluate({ x });
    } catch {
      return false;
    }
    const v = f(x);
    if (typeof m !== 'number') return false;
    if (Number.isNaN(m) !== Number.isNaN(v)) return false;
    if (!Number.isNaN(m) && Math.abs(m - v) > 1e-14 * Math.max(1, Math.abs(m))) return false;
  }
  return true;
}

interface Built {
  pieces: ChebPiece[];
  starts: Float64Array;
  /** F(a_k)·Z and (1 − F(b_k))·Z, summed from their own side. */
  cumLeft: Float64Array;
  cumRight: Float64Array;
  Z: number;
  mean: number;
  /** Centres of pieces the fit had to make tiny: kinks or jumps of the expression. */
  kinks: number[];
  /** The expression itself when it compiled to native JS: an exact and cheap pdf. */
  native?: (x: number) => number;
  /** Diagnostics. */
  evals: number;
  maxErr: number;
}

type BuildResult = { ok: true; built: Built } | { ok: false; message: string };

function describeSample(x: number, v: number, scale: number, evalError: string | null = null): string {
  if (evalError) return `cannot be evaluated at x = ${fmt(x)}: ${clip(evalError, 100)}`;
  if (Number.isNaN(v)) return `is not a real number at x = ${fmt(x)} (value NaN)`;
  if (!Number.isFinite(v)) return `is not finite at x = ${fmt(x)} (value ${v})`;
  return `is negative at x = ${fmt(x)} (value ${fmt(v)}, maximum ${fmt(scale)})`;
}

/** A fitted stretch of an expression density: its pieces and where the fit found it not smooth. */
interface Part {
  pieces: ChebPiece[];
  kinks: number[];
  evals: number;
  maxErr: number;
}

type PartResult = { ok: true; part: Part } | { ok: false; message: string } | { ok: 'zero'; gx: Float64Array };

/**
 * Validates and approximates an expression density on a stretch [lo, hi] of its support:
 * 1. a grid of 4097 points (16385 at `high`), ends included: every value finite and ≥ 0
 *    (down to −1e-12 × max, taken as rounding); all 0 is reported as such (`build` looks further);
 * 2. a piecewise Chebyshev interpolant (chebyshev.ts): pieces graded by 4 towards both ends,
 *    each fitted to 1e-15 relative to its own smallest value (floored at 1e-14 × max) and split
 *    until its values span at most a factor 16 — so F and 1 − F keep their relative accuracy in
 *    the tails — with rounding noise of f (|log f|·ε for exponentials, cancellation, and the
 *    rounding of x itself far from 0) recognised and accepted; every sample is checked as in 1,
 *    and no piece's interpolant may dip below 0 (so the running integral is monotone);
 * 3. interpolant and expression must agree on every 4th grid point (every point at `high`) to 1e-13 × max (plus f's own x-rounding
 *    noise), except inside a jump's sliver (a piece the bisection pinned to ~2^-48 × width);
 * 4. at `high`, the stretch's mass is re-computed by adaptive quadrature of the expression and
 *    must agree to 1e-12 relative.
 */
function approximate(f: Fx, lastError: () => string | null, lo: number, hi: number, precision: Precision): PartResult {
  const w = hi - lo;
  const N = precision === 'high' ? 16384 : 4096;
  const gx = new Float64Array(N + 1);
  const gv = new Float64Array(N + 1);
  let scale = 0;
  for (let i = 0; i <= N; i++) {
    const x = i === N ? hi : lo + (w * i) / N;
    const v = f(x);
    if (!Number.isFinite(v)) return { ok: false, message: describeSample(x, v, scale, lastError()) };
    gx[i] = x;
    gv[i] = v;
    if (v > scale) scale = v;
  }
  let iMin = 0;
  for (let i = 1; i <= N; i++) if (gv[i] < gv[iMin]) iMin = i;
  if (gv[iMin] < -NEG_TOL * scale || (scale === 0 && gv[iMin] < 0)) return { ok: false, message: describeSample(gx[iMin], gv[iMin], scale) };
  if (scale === 0) return { ok: 'zero', gx };

 
  // Pieces graded by 4 towards both ends (down to 4^-25 w ≈ 1e-15 w), a middle piece between.
  // Near an end far from 0, pieces narrower than ~4096 ulps of it would sample f on a grid the
  // doubles cannot resolve, so the grading stops there.
  const breaks = [lo];
  for (let k = 25; k >= 1; k--) if (w * 4 ** -k >= 4096 * EPS * Math.abs(lo)) breaks.push(lo + w * 4 ** -k);
  for (let k = 1; k <= 25; k++) if (w * 4 ** -k >= 4096 * EPS * Math.abs(hi)) breaks.push(hi - w * 4 ** -k);
  breaks.push(hi);
  const ends = [lo, ...interior(breaks, lo, hi), hi];

  let fitted: ReturnType<typeof fit>;
  try {
    fitted = fit(f, ends, { tol: 1e-15, noise: 2e-14, floor: 1e-14, rangeFloor: 1e-250, scale, maxDegree: 128, maxEvals: 150_000, minWidth: 2 ** -48 }, NEG_TOL);
  } catch (e) {
    if (e instanceof BadSample) return { ok: false, message: describeSample(e.x, e.value, scale, lastError()) };
    throw e;
  }
 
  const { pieces } = fitted;
  scale = fitted.scale;
  if (scale > 1e6 * Math.max(...gv)) {
    const worst = pieces.reduce((p, q) => (Math.abs(q.c[0]) > Math.abs(p.c[0]) ? q : p));
    return { ok: false, message: `appears unbounded near x = ${fmt((worst.a + worst.b) / 2)}` };
  }
  // An unconverged piece counts as a failure unless it is a sliver whose mass error is negligible:
  // a jump the bisection has pinned down to ~2^-48 of the support (error ≤ jump ≤ 2·max there).
  const sliver = (p: ChebPiece) => p.err * (p.b - p.a) <= 2 ** -44 * scale * w;
  // Minimum of the interpolant on each piece (a dip between grid points shows here).
  // Allowed: −1e-10 × max, and the piece's x-rounding noise (a bump 792.27 + 1e-4·t evaluates
  // (x − 792.27) with 1e-9 relative error, so f itself is only known to ~1e-8 there).
  let minV = Infinity;
  let minRaw = 0;
  let minX = lo;
  let maxErr = 0;
  for (const p of pieces) {
    // A non-negative lower bound settles the piece without the O(n²) search for its minimum.
    const bound = chebLowerBound(p.c);
    const { t, value } = bound >= 0 ? { t: 0, value: bound } : polyMin(p.c);
    if (value + 4 * p.xNoise < minV) {
      minV = value + 4 * p.xNoise;
      minRaw = value;
      minX = p.a + ((t + 1) / 2) * (p.b - p.a);
    }
    if (!p.converged && !sliver(p)) maxErr = Math.max(maxErr, p.err);
  }
  if (minV < -1e-10 * scale) return { ok: false, message: `is negative near x = ${fmt(minX)} (value about ${fmt(minRaw)}, maximum ${fmt(scale)})` };
 
  // Grid agreement. Allowed: 1e-13 × max, plus the piece's x-rounding noise (f's own values move
  // by |f′|·ulp(x) when x is rounded: √(x − lo) changes by 1e-9 over the first ulp above lo =
  // −0.01); points inside a jump's sliver are skipped.
  // Piece by piece (the grid is sorted), each piece's grid points in one batched evaluation.
  // At 'standard' every 4th point (1025: still 3× denser than the fit's own check nodes in the
  // widest high-degree piece, and evaluating the interpolant at all 4097 was a third of a
  // build); at 'high' — the precision that certifies — all 16385.
  const stride = precision === 'high' ? 1 : 4;
  let worstX = lo;
  let worst = 0;
  const ts = new Float64Array(N + 1);
  const at = new Float64Array(N + 1);
  let i = 0;
  for (let k = 0; k < pieces.length && i <= N; k++) {
    const p = pieces[k];
    const end = k + 1 < pieces.length ? pieces[k + 1].a : Infinity;
    const first = i;
    while (i <= N && gx[i] < end) i++;
    if (i === first || (!p.converged && sliver(p))) continue;
    // Where the fit's own check nodes (level ≥ 2 × degree, widest gap ≈ (b − a)·π/(2·level)
    // at the centre) were at least as dense as the agreement grid, it can find nothing they did
    // not: only wide, low-degree pieces gain from it (and they are the cheap ones to evaluate).
    if (((p.b - p.a) * Math.PI) / (4 * Math.max(8, p.c.length - 1)) <= (w / N) * stride) continue;
    let m = 0;
    for (let j = first; j < i; j++) if (j % stride === 0) ts[m++] = (gx[j] - p.a - (p.b - gx[j])) / (p.b - p.a);
    clenshawMany(p.c, ts, at, m);
    m = 0;
    for (let j = first; j < i; j++) {
      if (j % stride !== 0) continue;
      const d = Math.abs(at[m++] - gv[j]) - 4 * p.xNoise;
      if (d > worst) {
        worst = d;
        worstX = gx[j];
      }
    }
  }
  maxErr = Math.max(maxErr, worst);
  if (maxErr > AGREE_TOL * scale) {
    const bad = pieces.find((p) => !p.converged && p.err > AGREE_TOL * scale && !sliver(p));
    const where = bad ? (bad.a + bad.b) / 2 : worstX;
    return { ok: false, message: `could not be approximated to ${AGREE_TOL} relative near x = ${fmt(where)} (not continuous there, or unbounded?)` };
  }

 
  // A piece's mass is ≥ 0 (its interpolant is kept ≥ 0); rounding of a sliver's could make it −0.
  for (const p of pieces) p.mass = Math.max(0, p.mass);
  const Z = pieces.reduce((z, p) => z + p.mass, 0);

  // Kinks and jumps: the fit bisects towards them, leaving a cluster of tiny pieces; report the
  // centre of the smallest piece of each cluster (away from the graded ends).
  const tiny = 1e-9 * w;
  const kinks: number[] = [];
  const endSet = new Set(ends);
  const small = pieces
    .filter((p) => p.b - p.a < tiny && !endSet.has(p.a) && !endSet.has(p.b) && p.a > lo + 1e-6 * w && p.b < hi - 1e-6 * w)
    .sort((p, q) => p.b - p.a - (q.b - q.a));
  for (const p of small) {
    const c = (p.a + p.b) / 2;
    if (!kinks.some((k) => Math.abs(k - c) < 1e-8 * w)) kinks.push(c);
  }

 
  if (precision === 'high' && Z > 0 && Number.isFinite(Z)) {
    const q = quad(f, lo, hi, { epsabs: 0, epsrel: 1e-13, limit: 2000, points: kinks, method: 'auto' });
    if (!(Math.abs(q.value - Z) <= 1e-12 * Z + q.abserr)) {
      return { ok: false, message: `normalisation could not be verified: interpolant gives ${Z}, adaptive quadrature ${q.value} ± ${q.abserr}` };
    }
  }
  return { ok: true, part: { pieces, kinks, evals: fitted.evals, maxErr } };
}

/**
 * Validates and approximates an expression density on [lo, hi] (see `approximate`). When the
 * sampling grid sees only zeros, the mass may still be there, narrower than the grid's spacing
 * (max(0, 1e-6 − |x − 0.3|)): `narrowMass` looks where the expression's sub-terms change sign
 * or turn, and each stretch of positive values it finds is approximated on its own grid, the
 * rest of [lo, hi] being exactly 0.
 */
function build(expr: string, lo: number, hi: number, precision: Precision): BuildResult {
  const compiled = compileExpr(expr);
  if (!compiled.ok) return compiled;
  const f = compiled.f;
  if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) {
    return { ok: false, message: `needs an interval wider than 1e-9 × |lo|, |hi| (got [${fmt(lo)}, ${fmt(hi)}])` };
  }
  const whole = approximate(f, compiled.lastError, lo, hi, precision);
  if (whole.ok === false) return whole;
  let parts: Part[];
  const edges: number[] = [];
  if (whole.ok === true) parts = [whole.part];
  else {
    const found = narrowMass(compiled.node, f, compiled.lastError, whole.gx);
    if ('message' in found) return { ok: false, message: found.message };
    if (found.stretches.length === 0) return { ok: false, message: `is identically 0 on [${fmt(lo)}, ${fmt(hi)}]` };
    parts = [];
    for (const { a, b, at } of found.stretches) {
      if (!(b - a > NARROW_MIN * Math.max(Math.abs(a), Math.abs(b)))) return { ok: false, message: tooNarrow(a, b, at) };
      const r = approximate(f, compiled.lastError, a, b, precision);
      if (r.ok === false) return r;
      // Positive at `at`, yet a grid over [a, b] sees only zeros: thinner still than that grid.
      if (r.ok === 'zero') return { ok: false, message: tooNarrow(a, b, at) };
      parts.push(r.part);
      edges.push(a, b);
    }
  }
  // Exact zeros between the stretches (there are none when the grid saw the mass).
  const zero = (a: number, b: number): ChebPiece => {
    const c = new Float64Array(1);
    return { a, b, c, left: c, right: c, mass: 0, err: 0, converged: true, xNoise: 0 };
  };
  const pieces: ChebPiece[] = [];
  let at = lo;
  for (const part of parts) {
    if (part.pieces[0].a > at) pieces.push(zero(at, part.pieces[0].a));
    pieces.push(...part.pieces);
    at = part.pieces[part.pieces.length - 1].b;
  }
  if (at < hi) pieces.push(zero(at, hi));

  const n = pieces.length;
  const cumLeft = new Float64Array(n);
  const cumRight = new Float64Array(n);
  for (let k = 1; k < n; k++) cumLeft[k] = cumLeft[k - 1] + pieces[k - 1].mass;
  for (let k = n - 2; k >= 0; k--) cumRight[k] = cumRight[k + 1] + pieces[k + 1].mass;
  const Z = cumLeft[n - 1] + pieces[n - 1].mass;
  if (!(Z > 0)) return { ok: false, message: `integrates to 0 on [${fmt(lo)}, ${fmt(hi)}]` };
  let m1 = 0;
  for (const p of pieces) m1 += firstMoment(p);
  if (!Number.isFinite(Z) || !Number.isFinite(m1)) return { ok: false, message: `is too large to normalise on [${fmt(lo)}, ${fmt(hi)}] (its integral overflows)` };
  const mean = Math.min(hi, Math.max(lo, m1 / Z));
  // Where narrow mass starts and ends is a kink of F's density: a breakpoint for quadrature.
  const kinks = [...new Set([...parts.flatMap((p) => p.kinks), ...edges.filter((x) => x > lo && x < hi)])].sort((a, b) => a - b);
  const starts = Float64Array.from(pieces, (p) => p.a);
  const evals = parts.reduce((e, p) => e + p.evals, 0);
  const maxErr = Math.max(...parts.map((p) => p.maxErr));
  return { ok: true, built: { pieces, starts, cumLeft, cumRight, Z, mean, kinks, evals, maxErr, ...(compiled.native ? { native: f } : {}) } };
}

/**
 * Narrowest stretch of narrow mass accepted, relative to its distance from 0. f is sampled at
 * doubles, which sit up to ulp(x)/2 from the Chebyshev nodes the fit assumes: an error of about
 * ulp(x)/width relative in the stretch's mass (measured: 4.5e-11 for max(0, 1e-6 − |x − 0.3|)).
 * Wider than 0.001·|x|, that is below 2.5e-13 — within the 1e-12 to which `high` verifies the
 * normaliser by quadrature, so both tiers accept the same densities.
 */
const NARROW_MIN = 1e-3;

function tooNarrow(a: number, b: number, at: number): string {
  return `is positive only on a sliver of width ${Number((b - a).toPrecision(2)).toExponential()} near x = ${fmt(at)} (too narrow to approximate: positive values between the sampling grid's points must span more than ${NARROW_MIN} × |x|)`;
}

/** Evaluations of sub-terms the search for narrow mass may spend, in tree nodes × grid points. */
const PROBE_BUDGET = 16e6;
/** Points where a sub-term changes sign or turns that the search examines, at most. */
const PROBE_POINTS = 4096;
/** Separate stretches of narrow mass approximated, at most (each gets its own grid and fit). */
const MAX_STRETCHES = 256;

/**
 * Stretches [a, b] where f is positive although it is 0 at every grid point (gx): f(a), f(b) > 0
 * are its first and last positive values next to zeros, around a point `at` where f > 0. Narrow mass hides where something inside the expression
 * changes: a sub-term crosses 0 (|x − 0.3|'s argument, a comparison flipping) or turns
 * (sin(1000x) peaking between grid points). Each sub-term that depends on x, smallest first, is
 * sampled on the grid; every sign change is bisected to adjacent doubles and every turn is
 * located by golden-section search; f is evaluated there, and from each positive point the
 * stretch is bisected out to f's zeros on both sides (within its grid cell).
 */
function narrowMass(
  root: MathNode,
  f: Fx,
  lastError: () => string | null,
  gx: Float64Array,
): { stretches: { a: number; b: number; at: number }[] } | { message: string } {
  const N = gx.length - 1;
  const points: number[] = [];
  let budget = PROBE_BUDGET;
  for (const { node, size } of subTerms(root)) {
    if (points.length >= PROBE_POINTS) break;
    if (size * (N + 1) > budget) continue;
    budget -= size * (N + 1);
    const g = probe(node);
    const v = new Float64Array(N + 1);
    for (let i = 0; i <= N; i++) v[i] = g(gx[i]);
    for (let i = 0; i < N && points.length < PROBE_POINTS; i++) {
      const s = sign(v[i]);
      const t = sign(v[i + 1]);
      if (s === s && t === t && s !== t) points.push(...crossing(g, gx[i], gx[i + 1], s));
      if (i > 0) {
        const d1 = v[i] - v[i - 1];
        const d2 = v[i + 1] - v[i];
        if (d1 * d2 < 0) points.push(turn(g, gx[i - 1], gx[i + 1], d1 > 0));
      }
    }
  }
  // f at each point, then the stretch around each positive one.
  const stretches: { a: number; b: number; at: number }[] = [];
  let top = 0;
  const value = (x: number): number | string => {
    const y = f(x);
    if (!Number.isFinite(y) || y < -NEG_TOL * top) return describeSample(x, y, top, lastError());
    return y;
  };
  const lo = gx[0];
  const step = (gx[N] - lo) / N;
  for (const p of points.sort((x, y) => x - y)) {
    if (!(p > lo && p < gx[N])) continue;
    if (stretches.some((r) => p >= r.a && p <= r.b)) continue;
    const y = value(p);
    if (typeof y === 'string') return { message: y };
    if (!(y > 0)) continue;
    top = Math.max(top, y);
    // The grid cell holding p: f is 0 at both its ends.
    let i = Math.min(N - 1, Math.max(0, Math.floor((p - lo) / step)));
    while (i > 0 && gx[i] > p) i--;
    while (i < N - 1 && gx[i + 1] < p) i++;
    // The stretch ends at f's last positive doubles: a step (x > 1e-4 ? 1 : 0) then has no jump
    // at its ends, only between them and the zero beyond (an ulp, which holds no mass).
    const edge = (zeroAt: number): number | string => {
      let z = zeroAt; // f(z) ≤ 0
      let q = p; // f(q) > 0
      for (;;) {
        const m = z + (q - z) / 2;
        if (m === z || m === q) return q;
        const fm = value(m);
        if (typeof fm === 'string') return fm;
        if (fm > 0) q = m;
        else z = m;
      }
    };
    const a = edge(gx[i]);
    if (typeof a === 'string') return { message: a };
    const b = edge(gx[i + 1]);
    if (typeof b === 'string') return { message: b };
    stretches.push({ a, b, at: p });
    if (stretches.length > MAX_STRETCHES) {
      return { message: `is positive only on more than ${MAX_STRETCHES} slivers narrower than the sampling grid (the first near x = ${fmt(stretches[0].at)}): too narrow to approximate` };
    }
  }
  // Overlapping stretches (two points of one bump) become one.
  stretches.sort((r, s) => r.a - s.a);
  const merged: typeof stretches = [];
  for (const r of stretches) {
    const last = merged[merged.length - 1];
    if (last && r.a <= last.b) last.b = Math.max(last.b, r.b);
    else merged.push({ ...r });
  }
  return { stretches: merged };
}

/** −1, 0, 1, or NaN for a value that is not a number. */
function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN;
}

/** The sub-terms of an expression that depend on x (not the whole), with their sizes in nodes, smallest first. */
function subTerms(root: MathNode): { node: MathNode; size: number }[] {
  const info = new Map<MathNode, { size: number; x: boolean }>();
  const out: { node: MathNode; size: number }[] = [];
  // Post-order with an explicit stack (the tree is at most MAX_EXPR_DEPTH deep, but need not be walked recursively).
  const stack: [MathNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [n, expanded] = stack.pop()!;
    if (!expanded) {
      stack.push([n, true]);
      n.forEach((c: MathNode, path: string) => void (path !== 'fn' && stack.push([c, false])));
      continue;
    }
    let size = 1;
    let x = n.type === 'SymbolNode' && (n as MathNode & { name: string }).name === 'x';
    n.forEach((c: MathNode, path: string) => {
      const ci = path === 'fn' ? undefined : info.get(c);
      if (!ci) return;
      size += ci.size;
      x ||= ci.x;
    });
    info.set(n, { size, x });
    if (x && n !== root && n.type !== 'ParenthesisNode') out.push({ node: n, size });
  }
  return out.sort((p, q) => p.size - q.size);
}

/** A sub-term as a function of x: native when it can be, else mathjs (true/false as 1/0, errors as NaN). */
function probe(node: MathNode): Fx {
  const native = toNative(node);
  if (native) return native;
  const code = node.compile();
  const scope = { x: 0 };
  return (x) => {
    scope.x = x;
    try {
      const v: unknown = code.evaluate(scope);
      return typeof v === 'number' ? v : typeof v === 'boolean' ? +v : NaN;
    } catch {
      return NaN;
    }
  };
}

/** Where g leaves the sign s between a and b (sign(g(a)) = s ≠ sign(g(b))): the two adjacent doubles. */
function crossing(g: Fx, a: number, b: number, s: number): [number, number] {
  for (;;) {
    const m = a + (b - a) / 2;
    if (m === a || m === b) return [a, b];
    if (sign(g(m)) === s) a = m;
    else b = m;
  }
}

/** Golden-section search for g's maximum (or minimum) on [a, b], known to lie inside. */
function turn(g: Fx, a: number, b: number, max: boolean): number {
  const r = (Math.sqrt(5) - 1) / 2;
  const better = (u: number, v: number) => (max ? u > v : u < v);
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  let gc = g(c);
  let gd = g(d);
  for (let it = 0; it < 120 && a < c && c < d && d < b; it++) {
    if (better(gc, gd)) {
      b = d;
      d = c;
      gd = gc;
      c = b - r * (b - a);
      gc = g(c);
    } else {
      a = c;
      c = d;
      gc = gd;
      d = a + r * (b - a);
      gd = g(d);
    }
  }
  return better(gc, gd) ? c : d;
}

const cache = new Map<string, BuildResult>();
const CACHE_SIZE = 64;

/** Builds (or fetches) the approximation; the schema's check and the factory share this cache. */
function cachedBuild(expr: string, lo: number, hi: number, precision: Precision): BuildResult {
  // Refused at once, and not kept: 64 cached megabyte-long keys would be 64 MB.
  if (expr.length > MAX_EXPR_CHARS) return build(expr, lo, hi, precision);
  const key = `${precision}\u0000${lo}\u0000${hi}\u0000${expr}`;
  let r = cache.get(key);
  if (r) {
    cache.delete(key);
    cache.set(key, r);
    return r;
  }
  r = build(expr, lo, hi, precision);
  cache.set(key, r);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return r;
}

/** The problem with an expression density on [lo, hi] (a message without the field), or null. */
export function checkDensity(expr: string, lo: number, hi: number): string | null {
  const r = cachedBuild(expr, lo, hi, 'standard');
  return r.ok ? null : r.message;
}

/**
 * A density given by an expression in x on [lo, hi], normalised numerically.
 *
 * The expression is compiled once with mathjs and approximated by a piecewise Chebyshev
 * interpolant (see `build`); pdf, cdf and sf evaluate the interpolant and its running integrals
 * from the left and from the right (a binary search and one Clenshaw sum, no mathjs call). F and
 * 1 − F are accurate to ~1e-15 relative to their own size wherever the density exceeds 1e-14 of
 * its maximum (absolute ~1e-29 × max × width below), except that next to an end far from 0 the
 * spacing of doubles limits 1 − F to ~ulp(hi)/(hi − x) relative when the density vanishes there.
 * F is monotone: exactly across pieces (each piece's integral is clamped to [0, its mass]), and
 * within a piece up to the rounding of its running integral (~1e-16 × F). The mean is the
 * interpolant's exact first moment. Quantiles: safeguarded Newton on F (or 1 − F for u > 1/2)
 * finished on the double grid. `breakpoints` are the places where the fit found the expression
 * not smooth (kinks, jumps). `at('high')` rebuilds on a 4× finer validation grid and verifies
 * the normaliser by adaptive quadrature of the expression.
 *
 * Mass narrower than the sampling grid's spacing, where the grid sees only zeros, is looked for
 * (see `narrowMass`) and approximated on its own stretch, with the same accuracy relative to the
 * stretch (its ends are ends in the sense above); a stretch narrower than 0.001 × |x| is refused
 * as too narrow. Narrow mass beside mass the grid does see is not looked for.
 * Expressions are capped at MAX_EXPR_CHARS characters and MAX_EXPR_DEPTH levels of nesting.
 */
export function densityDist(spec: DensitySpec, precision: Precision = 'standard', path = 'distribution'): Dist {
  const { expr, lo, hi } = spec;
  const r = cachedBuild(expr, lo, hi, precision);
  if (!r.ok) throw new InputError(`${path}.expr`, r.message);
  const { pieces, starts, cumLeft, cumRight, Z, mean } = r.built;
  const last = pieces.length - 1;
  // Piece lookup in O(1): 4 buckets per piece, uniform in x, each holding the first piece that
  // meets it; a short search finishes (the graded pieces crowd only the end buckets).
  const M = 4 * pieces.length;
  const bucketW = (hi - lo) / M;
  const bucket = new Int32Array(M + 2);
  for (let j = 0, k = 0; j <= M + 1; j++) {
    const x = lo + j * bucketW;
    while (k < last && starts[k + 1] <= x) k++;
    bucket[j] = k;
  }
  const piece = (x: number): number => {
    let j = Math.floor((x - lo) / bucketW);
    j = j < 0 ? 0 : j > M ? M : j;
    let k = bucket[j];
    const end = bucket[j + 1];
    if (end - k > 4) return Math.min(last, Math.max(0, upperBound(starts, x) - 1));
    while (k < end && starts[k + 1] <= x) k++;
    return k;
  };
  /** x's position in piece p, t ∈ [−1, 1]. */
  const tOf = (p: ChebPiece, x: number) => (x - p.a - (p.b - x)) / (p.b - p.a);
  const native = r.built.native;
  const pdf = (x: number): number => {
    if (!(x >= lo && x <= hi)) return x === x ? 0 : NaN;
    // The expression itself where it compiled natively (exact, ~10× cheaper than the interpolant);
    // rounding-level negatives are clamped to 0 as in the build.
    if (native) {
      const v = native(x);
      return v > 0 ? v / Z : 0;
    }
    const p = pieces[piece(x)];
    const v = clenshaw(p.c, tOf(p, x));
    return v > 0 ? v / Z : 0;
  };
  // A running integral v of piece k (kept within its mass, so F is monotone across pieces) plus
  // the mass beyond the piece, as a probability.
  const tailProb = (before: number, p: ChebPiece, v: number) => {
    const P = (before + (v < 0 ? 0 : v > p.mass ? p.mass : v)) / Z;
    return P > 1 ? 1 : P;
  };
  const cdf = (x: number): number => {
    if (!(x > lo)) return x === x ? 0 : NaN;
    if (x >= hi) return 1;
    const k = piece(x);
    const p = pieces[k];
    return tailProb(cumLeft[k], p, clenshaw(p.left, tOf(p, x)));
  };
  // cdf at many points: each point's piece first, then each piece's points in one batched
  // Clenshaw (a Gauss–Kronrod panel's 21 nodes usually fall in one to three pieces).
  let kb = new Int32Array(32);
  let tb = new Float64Array(32);
  let gb = new Float64Array(32);
  let vb = new Float64Array(32);
  let ib = new Int32Array(32);
  const cdfMany = (xs: Float64Array, count: number, out: Float64Array): void => {
    if (kb.length < count) {
      kb = new Int32Array(count);
      tb = new Float64Array(count);
      gb = new Float64Array(count);
      vb = new Float64Array(count);
      ib = new Int32Array(count);
    }
    for (let i = 0; i < count; i++) {
      const x = xs[i];
      if (!(x > lo) || x >= hi) {
        kb[i] = -1;
        out[i] = x >= hi ? 1 : x === x ? 0 : NaN;
        continue;
      }
      const k = piece(x);
      kb[i] = k;
      tb[i] = tOf(pieces[k], x);
    }
    for (let i = 0; i < count; i++) {
      const k = kb[i];
      if (k < 0) continue;
      let m = 0;
      for (let j = i; j < count; j++) {
        if (kb[j] !== k) continue;
        gb[m] = tb[j];
        ib[m++] = j;
        kb[j] = -1;
      }
      const p = pieces[k];
      clenshawMany(p.left, gb, vb, m);
      for (let r = 0; r < m; r++) out[ib[r]] = tailProb(cumLeft[k], p, vb[r]);
    }
  };
  const sf = (x: number): number => {
    if (!(x > lo)) return x === x ? 1 : NaN;
    if (x >= hi) return 0;
    const k = piece(x);
    const p = pieces[k];
    return tailProb(cumRight[k], p, clenshaw(p.right, tOf(p, x)));
  };
  const inv = new Inverter({ lo, hi, cdf, sf, pdfC: pdf, atoms: [] }, r.built.kinks, 32);

  return continuous({
    spec: { kind: 'density', expr, lo, hi },
    lo,
    hi,
    precision,
    cdf,
    cdfMany,
    sf,
    pdf,
    quantile: (u) => inv.quantile(u),
    isf: (q) => inv.isf(q),
    mean,
    breakpoints: r.built.kinks,
    rebuild: (p) => densityDist(spec, p, path),
  });
}

/** Diagnostics of the approximation behind an expression density (pieces, evaluations, normaliser). */
export function densityDiagnostics(spec: DensitySpec, precision: Precision = 'standard'): { pieces: number; maxDegree: number; evals: number; Z: number; maxErr: number } | null {
  const r = cachedBuild(spec.expr, spec.lo, spec.hi, precision);
  if (!r.ok) return null;
  const b = r.built;
  return { pieces: b.pieces.length, maxDegree: Math.max(...b.pieces.map((p) => p.c.length - 1)), evals: b.evals, Z: b.Z, maxErr: b.maxErr };
}
