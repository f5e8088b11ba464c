/**
 * A BNN as cardinality constraints. With signals a_i in {-1, +1} and t the
 * number of true literals (literal = a_i where w_i = +1, not a_i where
 * w_i = -1), sum(w_i * a_i) = t - (k - t) = 2t - k, so the neuron fires iff
 * 2t - k + b >= 0 iff t >= ceil((k - b) / 2). A threshold <= 0 is always met,
 * one above k never.
 *
 * Cardinality constraints rather than bit-vector adders: measured on a
 * 3.4k-neuron gate-level BNN miter, native Z3 needed over 2 minutes with
 * adders and 0.2-80 s with cardinality constraints.
 * @module
 */
import type { Bnn } from '../bnn/types.js';
import { InternalError } from '../errors.js';
import type { TermBuilder } from './terms.js';

/** ceil(n / 2) for any BigInt n. */
function ceilHalf(n: bigint): bigint {
  return n >= 0n ? (n + 1n) / 2n : -(-n / 2n);
}

/**
 * The number of true literals a neuron of fan-in k and bias b needs to fire:
 * ceil((k - b) / 2). Exact for every safe-integer bias.
 *
 * @example
 * ```ts
 * import { firingThreshold } from 'bnn-universal';
 * firingThreshold(2, -1); // 2n (an AND of two literals)
 * firingThreshold(2, 1);  // 1n (an OR)
 * ```
 */
export function firingThreshold(k: number, bias: number): bigint {
  if (!Number.isSafeInteger(bias)) throw new InternalError(`bias ${bias} is not a safe integer`);
  return ceilHalf(BigInt(k) - BigInt(bias));
}

/**
 * Encode every signal of `bnn` (input bits, then neurons) given Boolean terms
 * for its input bits (ports concatenated in order).
 */
export function encodeBnnSignals<B, V>(T: TermBuilder<B, V>, bnn: Bnn, inputBits: readonly B[]): B[] {
  if (inputBits.length !== bnn.numInputBits) throw new InternalError(`encodeBnn: ${inputBits.length} input bits for ${bnn.numInputBits}`);
  const sig: B[] = inputBits.slice();
  for (let n = 0; n < bnn.numNeurons; n++) {
    const lits: B[] = [];
    for (let e = bnn.fanStart[n]; e < bnn.fanStart[n + 1]; e++) {
      const s = bnn.src[e];
      if (s >= sig.length) throw new InternalError(`neuron ${n} reads signal ${s} before it exists`);
      lits.push(bnn.neg[e] ? T.not(sig[s]) : sig[s]);
    }
    const t = firingThreshold(lits.length, bnn.bias[n]);
    const k = BigInt(lits.length);
    sig.push(t <= 0n ? T.bool(true) : t > k ? T.bool(false) : t === 1n ? T.or(lits) : t === k ? T.and(lits) : T.atLeast(lits, Number(t)));
  }
  return sig;
}

/** The output port bits of `bnn`, by port name. */
export function encodeBnnOutputs<B, V>(T: TermBuilder<B, V>, bnn: Bnn, inputBits: readonly B[]): Map<string, B[]> {
  const sig = encodeBnnSignals(T, bnn, inputBits);
  return new Map(bnn.outputs.map((p) => [p.name, Array.from(p.bits, (s) => sig[s])]));
}
