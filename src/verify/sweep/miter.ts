/**
 * The miter of two circuits: one AIG holding both, sharing their inputs, with
 * the pairs of outputs that must be equal.
 *
 * Invariants: input i of the miter is input i of both circuits; only the
 * fanin cones of the outputs are copied; structural hashing already merges
 * nodes the two sides build identically.
 * @module
 */
import { Aig, type Lit } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';

/** Side marks of miter variables. */
export const SIDE_A = 1;
/** Side marks of miter variables. */
export const SIDE_B = 2;

/** Two circuits in one AIG. */
export interface Miter {
  readonly aig: Aig;
  /** Output pairs: miter literals [a0, b0, a1, b1, ...]. */
  readonly pairs: Int32Array;
  /** Literal of each variable of circuit A in the miter; -1 where not copied. */
  readonly mapA: Int32Array;
  /** Literal of each variable of circuit B in the miter; -1 where not copied. */
  readonly mapB: Int32Array;
  /** Per miter variable: SIDE_A | SIDE_B bits, which circuit builds it. */
  readonly side: Uint8Array;
}

/**
 * Build the miter of `a` and `b` (same number of inputs and of outputs).
 *
 * @example
 * ```ts
 * import { Aig, buildMiter } from 'bnn-universal';
 * const a = new Aig(); const x = a.addInput(), y = a.addInput(); a.addOutput(a.and(x, y));
 * const m = buildMiter(a, a);
 * console.log(m.pairs[0] === m.pairs[1]); // true: the same structure hashes to one node
 * ```
 */
export function buildMiter(a: Aig, b: Aig): Miter {
  if (a.inputs.length !== b.inputs.length || a.outputs.length !== b.outputs.length) {
    throw new InternalError(`miter: circuits differ in shape (${a.inputs.length}/${a.outputs.length} vs ${b.inputs.length}/${b.outputs.length} inputs/outputs)`);
  }
  const m = new Aig(Math.max(16, a.numVars + b.numVars));
  const ins = a.inputs.map((_, i) => m.addInput(a.inputNames[i] || b.inputNames[i] || ''));
  // Miter variables: the constant, the inputs and at most every AND of both sides.
  const side = new Uint8Array(a.numVars + b.numVars);
  const mapA = copyCone(a, m, ins, side, SIDE_A);
  const mapB = copyCone(b, m, ins, side, SIDE_B);
  const pairs = new Int32Array(2 * a.outputs.length);
  a.outputs.forEach((o, i) => {
    pairs[2 * i] = mapA[o >>> 1] ^ (o & 1);
    pairs[2 * i + 1] = mapB[b.outputs[i] >>> 1] ^ (b.outputs[i] & 1);
  });
  return { aig: m, pairs, mapA, mapB, side: side.slice(0, m.numVars) };
}

/** Copy the output cones of `g` into `m` over the given inputs; mark sides. */
function copyCone(g: Aig, m: Aig, ins: Lit[], side: Uint8Array, bit: number): Int32Array {
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) {
      live[g.fanin0[v] >>> 1] = 1;
      live[g.fanin1[v] >>> 1] = 1;
    }
  }
  const map = new Int32Array(g.numVars).fill(-1);
  map[0] = 0;
  g.inputs.forEach((v, i) => {
    map[v] = ins[i];
    side[ins[i] >>> 1] |= bit;
  });
  const tr = (l: number): Lit => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const l = m.and(tr(g.fanin0[v]), tr(g.fanin1[v]));
    map[v] = l;
    side[l >>> 1] |= bit;
  }
  return map;
}
