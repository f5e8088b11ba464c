/**
 * The reference BNN evaluator: one input at a time, an exact integer sum per
 * neuron, exactly the rule of shared/spec/bnn.md. Kept simple on purpose: it
 * replays counterexamples and is what the fast simulator is tested against.
 * @module
 */
import { InternalError } from '../errors.js';
import type { Bnn } from './types.js';

/**
 * Values of every signal (input bits, then neurons in id order), one 0/1 byte
 * each, for one input assignment (`inputBits`: the input ports concatenated,
 * least significant bit first).
 *
 * Exactness: the weighted sum s of a neuron lies in [-k, k] and the bias is a
 * safe integer, so `s >= -bias` is decided on exact doubles (no rounding).
 * @example
 * ```ts
 * import { evaluateBnnSignals, readBnnJson } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'and', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [1, 1], bias: -1 }] }],
 *   outputs: [{ name: 'y', bits: [2] }] }, 'and.json');
 * console.log(Array.from(evaluateBnnSignals(bnn, Uint8Array.from([1, 1])))); // [1, 1, 1]
 * ```
 */
export function evaluateBnnSignals(bnn: Bnn, inputBits: ArrayLike<number>): Uint8Array {
  if (inputBits.length !== bnn.numInputBits) {
    throw new InternalError(`evaluateBnnSignals: ${bnn.name} has ${bnn.numInputBits} input bits, got ${inputBits.length}`);
  }
  const val = new Uint8Array(bnn.numInputBits + bnn.numNeurons);
  for (let i = 0; i < bnn.numInputBits; i++) val[i] = inputBits[i] ? 1 : 0;
  for (let n = 0; n < bnn.numNeurons; n++) {
    let sum = 0;
    for (let j = bnn.fanStart[n]; j < bnn.fanStart[n + 1]; j++) {
      const a = val[bnn.src[j]] ? 1 : -1;
      sum += bnn.neg[j] ? -a : a;
    }
    val[bnn.numInputBits + n] = sum >= -bnn.bias[n] ? 1 : 0;
  }
  return val;
}

/**
 * Output bits of a BNN (its output ports concatenated in order, least
 * significant bit first) for one input assignment.
 * @example
 * ```ts
 * import { evaluateBnnOutputs, readBnnJson } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'nand', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [-1, -1], bias: 1 }] }],
 *   outputs: [{ name: 'y', bits: [2] }] }, 'nand.json');
 * console.log(Array.from(evaluateBnnOutputs(bnn, Uint8Array.from([1, 1])))); // [0]
 * ```
 */
export function evaluateBnnOutputs(bnn: Bnn, inputBits: ArrayLike<number>): Uint8Array {
  const val = evaluateBnnSignals(bnn, inputBits);
  const total = bnn.outputs.reduce((s, p) => s + p.bits.length, 0);
  const out = new Uint8Array(total);
  let k = 0;
  for (const p of bnn.outputs) for (const s of p.bits) out[k++] = val[s];
  return out;
}
