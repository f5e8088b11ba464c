/**
 * An AIG as Boolean terms: one conjunction per AND node, complemented
 * fanins as negations, in the AIG's topological variable order.
 * @module
 */
import type { Aig } from '../aig/aig.js';
import { InternalError } from '../errors.js';
import type { TermBuilder } from './terms.js';

/**
 * Encode the outputs of `g` (in output order) given Boolean terms for its
 * inputs (in input order).
 */
export function encodeAig<B, V>(T: TermBuilder<B, V>, g: Aig, inputBits: readonly B[]): B[] {
  if (inputBits.length !== g.inputs.length) throw new InternalError(`encodeAig: ${inputBits.length} input bits for ${g.inputs.length}`);
  const val: (B | undefined)[] = new Array(g.numVars);
  val[0] = T.bool(false);
  g.inputs.forEach((v, i) => (val[v] = inputBits[i]));
  const lit = (l: number): B => {
    const b = val[l >>> 1];
    if (b === undefined) throw new InternalError(`AIG literal ${l} used before its node`);
    return l & 1 ? T.not(b) : b;
  };
  for (let v = 1; v < g.numVars; v++) {
    if (g.isAnd(v)) val[v] = T.and([lit(g.fanin0[v]), lit(g.fanin1[v])]);
  }
  return g.outputs.map(lit);
}
