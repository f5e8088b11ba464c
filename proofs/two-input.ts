/**
 * The 16 Boolean functions of two inputs: which are one binarized neuron,
 * and the smallest BNN for the two that are not (XOR, XNOR), by exhaustive
 * search over neurons and small BNNs.
 * @module
 */
import { inputTable, oneNeuronTables, smallestBnn } from './neuron-search.js';
import { type Theorem, ensure } from './theorem.js';

/** Names of the 16 two-input functions by truth table (bit j = f on a = bit 0 of j, b = bit 1 of j). */
const NAMES = ['false', 'NOR', 'a AND NOT b', 'NOT b', 'b AND NOT a', 'NOT a', 'XOR', 'NAND', 'AND', 'XNOR', 'a', 'a OR NOT b', 'b', 'b OR NOT a', 'OR', 'true'];
const XOR = 0b0110;
const XNOR = 0b1001;

/** Every two-input function but XOR and XNOR is one neuron; those two are not. */
export const oneNeuronFunctions: Theorem = {
  id: 'two-input-neurons',
  statement: 'of the 16 two-input Boolean functions, exactly the 14 other than XOR and XNOR are one binarized neuron',
  method: 'exhaustive',
  async check() {
    const a = inputTable(2, 0);
    const b = inputTable(2, 1);
    ensure(NAMES[a] === 'a' && NAMES[b] === 'b', 'truth table numbering');
    const one = oneNeuronTables(2, [a, b]);
    const not = NAMES.filter((_, t) => !one.has(t));
    ensure(one.size === 14 && !one.has(XOR) && !one.has(XNOR), `one-neuron functions: ${one.size}; not: ${not.join(', ')}`);
    return `14 of 16 are one neuron (weights +-1, every bias); not: ${not.join(', ')}`;
  },
};

/** XOR and XNOR need three neurons, with or without skip connections. */
export const smallestXor: Theorem = {
  id: 'two-input-xor',
  statement: 'the smallest BNN computing XOR (or XNOR) has 3 neurons, whether neurons may read any earlier signal or only the previous layer',
  method: 'exhaustive',
  async check() {
    const found: string[] = [];
    for (const [name, t] of [['XOR', XOR], ['XNOR', XNOR]] as const) {
      const free = smallestBnn(2, t, 3, false);
      const layered = smallestBnn(2, t, 3, true);
      ensure(free === 3 && layered === 3, `${name}: smallest free BNN ${free}, layered ${layered}`);
      found.push(`${name}: 3`);
    }
    return `${found.join(', ')} (no BNN of 1 or 2 neurons computes them; one of 3 does)`;
  },
};
