/**
 * SMT-LIB 2 export of an equivalence miter: a self-contained script that a
 * native solver (z3, cvc5, ...) checks on its own. `unsat` means the two
 * models are equivalent; `sat` means they differ, and the solver's model of
 * the inputs `PORT[i]` is a counterexample.
 * @module
 */
import { toolVersion } from '../version.js';
import { matchPorts } from '../verify/check.js';
import type { Model } from '../verify/model.js';
import { buildMiter } from './encode-model.js';
import type { CardinalityStyle } from './terms.js';
import { TextTerms } from './text-terms.js';

/** Options of {@link writeSmt2}. */
export interface Smt2Options {
  /**
   * `portable` (default): standard QF_BV, cardinality as a count of 0/1
   * values, for any SMT-LIB 2 solver. `z3`: Z3's `(_ at-least k)`.
   */
  readonly cardinality?: CardinalityStyle;
}

/**
 * The miter of `ref` and `impl` as an SMT-LIB 2 script ending in
 * `(check-sat)`. Fails with exit 2 when the models' ports differ.
 *
 * @example
 * ```ts
 * import { loadModel, writeSmt2 } from 'bnn-universal';
 * const net = await loadModel('examples/mlp4.json');
 * const text = writeSmt2(net, net);
 * console.log(text.includes('(check-sat)')); // true
 * ```
 */
export function writeSmt2(ref: Model, impl: Model, options: Smt2Options = {}): string {
  matchPorts(ref, impl);
  const T = new TextTerms(options.cardinality ?? 'portable');
  const m = buildMiter(T, ref, impl);
  const ports = [...m.inputs].map(([name, bits]) => `${name}: ${bits.length} bits, ${name}[0] least significant`);
  return T.script(m.differ, [
    `written by ${toolVersion()}`,
    `equivalence miter of ${ref.file} (reference) and ${impl.file} (implementation), ${m.outputBits} output bits`,
    'unsat: equivalent on every input; sat: they differ, and a model of the inputs is a counterexample',
    `inputs (port convention of fixed-point-network/1): ${ports.join('; ') || 'none'}`,
  ]);
}
