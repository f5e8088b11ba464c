/**
 * A BNN as a circuit: every neuron becomes the threshold function it
 * computes, so BNNs can be written as AIGER, BLIF or Verilog and checked by
 * circuit tools.
 *
 * A neuron with literals l_i (the source bit, complemented where the weight
 * is -1) and bias b outputs 1 iff sum(+-1) + b >= 0, i.e. iff at least
 * t = ceil((k - b) / 2) of its k literals are true (2 * #true - k + b >= 0).
 * "At least t of k" is built as a small dynamic program over the literals
 * when t (or k - t + 1, by symmetry) is small, and as a population count
 * (a column-compressed adder) compared with t otherwise.
 * @module
 */
import { Aig, FALSE, type Lit, TRUE, not } from '../aig/aig.js';
import { constWord, geWords, sumWords, wordFromBits } from '../aig/words.js';
import type { Circuit } from '../verify/model.js';
import type { Bnn } from './types.js';

/**
 * Threshold of a neuron with fan-in k and bias b: it fires iff at least t of
 * its k literals are true; 0 means always, k + 1 never. Exact for any safe
 * integer bias (BigInt).
 */
export function thresholdOf(k: number, bias: number): number {
  const d = BigInt(k) - BigInt(bias); // ceil(d / 2) for any sign of d
  const t = d <= 0n ? 0n : (d + 1n) / 2n;
  return t > BigInt(k) ? k + 1 : Number(t);
}

/** Largest min(t, k - t + 1) for which the dynamic program is used. */
const DP_LIMIT = 4;

/**
 * At least `t` of `lits` are true, as AIG logic.
 * @example
 * ```ts
 * import { Aig, atLeast } from 'bnn-universal';
 * const g = new Aig(); const xs = [g.addInput(), g.addInput(), g.addInput()];
 * g.addOutput(atLeast(g, xs, 2)); // majority of three
 * ```
 */
export function atLeast(g: Aig, lits: readonly Lit[], t: number): Lit {
  const k = lits.length;
  if (t <= 0) return TRUE;
  if (t > k) return FALSE;
  if (t > k - t + 1) return not(atLeast(g, lits.map(not), k - t + 1)); // at least t true <=> fewer than k-t+1 false
  if (t <= DP_LIMIT || k <= 2 * DP_LIMIT) return atLeastDp(g, lits, t);
  const count = sumWords(
    g,
    lits.map((l) => ({ word: wordFromBits([l], false), coeff: 1n })),
  );
  return geWords(g, count, constWord(BigInt(t)));
}

/**
 * row[j] = "at least j of lits[i..k) are true", computed from i = k down to
 * 0, keeping only the j that can still matter (t - i <= j <= t).
 */
function atLeastDp(g: Aig, lits: readonly Lit[], t: number): Lit {
  const k = lits.length;
  let row: Lit[] = Array.from({ length: t + 1 }, (_, j) => (j === 0 ? TRUE : FALSE));
  for (let i = k - 1; i >= 0; i--) {
    const next = row.slice();
    for (let j = Math.max(1, t - i); j <= t; j++) next[j] = g.or(row[j], g.and(lits[i], row[j - 1]));
    row = next;
  }
  return row[t];
}

/**
 * The circuit a BNN computes: input port bits `x[0]`, ... in signal order,
 * one threshold function per neuron, output ports as in the BNN.
 * @example
 * ```ts
 * import { bnnToCircuit, readBnnJson } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'nand', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [-1, -1], bias: 1 }] }],
 *   outputs: [{ name: 'y', bits: [2] }] }, 'nand.json');
 * bnnToCircuit(bnn).aig.numAnds; // 1
 * ```
 */
export function bnnToCircuit(bnn: Bnn): Circuit {
  const g = new Aig(Math.max(16, bnn.numInputBits + 4 * bnn.numNeurons));
  const sig: Lit[] = [];
  for (const p of bnn.inputs) for (let i = 0; i < p.bits; i++) sig.push(g.addInput(`${p.name}[${i}]`));
  for (let n = 0; n < bnn.numNeurons; n++) {
    const lits: Lit[] = [];
    for (let j = bnn.fanStart[n]; j < bnn.fanStart[n + 1]; j++) lits.push(bnn.neg[j] ? not(sig[bnn.src[j]]) : sig[bnn.src[j]]);
    sig.push(atLeast(g, lits, thresholdOf(lits.length, bnn.bias[n])));
  }
  for (const p of bnn.outputs) p.bits.forEach((s, i) => g.addOutput(sig[s], `${p.name}[${i}]`));
  return {
    aig: g,
    inputs: bnn.inputs.map((p) => ({ name: p.name, width: p.bits })),
    outputs: bnn.outputs.map((p) => ({ name: p.name, width: p.bits.length })),
  };
}
