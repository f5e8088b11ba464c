/**
 * Bit-parallel BNN simulation: every signal carries W 32-bit words, i.e.
 * 32*W input patterns at once (lane p of word w is pattern 32*w + p).
 *
 * A neuron with k inputs and bias b fires iff sum(w_i a_i) + b >= 0. With
 * y_i = x_i XOR neg_i (the bit of the literal w_i a_i), sum = 2*c - k where
 * c = popcount(y), so it fires iff c >= t with t = ceil((k - b) / 2): a
 * threshold function "at least t of k". {@link compileBnn} classifies every
 * neuron once (constant, buffer, AND, OR, majority, general counter) so the
 * inner loops are plain bitwise operations on words; the general case counts
 * per lane with a bit-sliced ripple counter and compares with t bit-serially.
 * Exactness: b is compared with k before any arithmetic, so huge biases never
 * go through inexact doubles.
 * @module
 */
import type { Bnn } from './types.js';

/** Neuron kinds, by how {@link simulateBnnProgram} evaluates them. */
export const NeuronOp = { Const0: 0, Const1: 1, Buf: 2, And2: 3, Or2: 4, AndN: 5, OrN: 6, Maj3: 7, Count: 8 } as const;
/** One of the {@link NeuronOp} codes. */
export type NeuronOp = (typeof NeuronOp)[keyof typeof NeuronOp];

/** A BNN lowered for simulation: plain typed arrays, so it can be sent to worker threads. */
export interface BnnProgram {
  readonly numInputBits: number;
  readonly numNeurons: number;
  readonly fanStart: Uint32Array;
  readonly src: Uint32Array;
  readonly neg: Uint8Array;
  /** {@link NeuronOp} of each neuron. */
  readonly op: Uint8Array;
  /** Threshold t of each neuron: fires iff at least t of its literals are 1. */
  readonly threshold: Uint32Array;
  /** Signal id of every output bit, ports concatenated. */
  readonly outputs: Uint32Array;
}

/**
 * The threshold t of a neuron with fan-in k and bias b: it fires iff at least
 * t of its k literals are true. 0 means always; k + 1 means never.
 */
export function neuronThreshold(k: number, b: number): number {
  if (b >= k) return 0;
  if (-b > k) return k + 1;
  return (k - b + 1) >> 1; // |b| <= k here, so the arithmetic is exact
}

/** Lower a BNN for {@link simulateBnnProgram}. */
export function compileBnn(bnn: Bnn): BnnProgram {
  const op = new Uint8Array(bnn.numNeurons);
  const threshold = new Uint32Array(bnn.numNeurons);
  for (let n = 0; n < bnn.numNeurons; n++) {
    const k = bnn.fanStart[n + 1] - bnn.fanStart[n];
    const t = neuronThreshold(k, bnn.bias[n]);
    threshold[n] = t;
    op[n] = classify(k, t);
  }
  const outputs = Uint32Array.from(bnn.outputs.flatMap((p) => Array.from(p.bits)));
  return { numInputBits: bnn.numInputBits, numNeurons: bnn.numNeurons, fanStart: bnn.fanStart, src: bnn.src, neg: bnn.neg, op, threshold, outputs };
}

function classify(k: number, t: number): NeuronOp {
  if (t === 0) return NeuronOp.Const1;
  if (t > k) return NeuronOp.Const0;
  if (k === 1) return NeuronOp.Buf;
  if (k === 2) return t === 2 ? NeuronOp.And2 : NeuronOp.Or2;
  if (t === k) return NeuronOp.AndN;
  if (t === 1) return NeuronOp.OrN;
  if (k === 3) return NeuronOp.Maj3;
  return NeuronOp.Count;
}

/**
 * Simulate a compiled BNN in place. `val` holds `words` words per signal,
 * signal s at [s*words, (s+1)*words); the input signals must be filled in;
 * every neuron's words are written.
 */
export function simulateBnnProgram(p: BnnProgram, val: Uint32Array, words: number): void {
  const { fanStart, src, neg, op, threshold } = p;
  const base = p.numInputBits;
  for (let n = 0; n < p.numNeurons; n++) {
    const pv = (base + n) * words;
    const j = fanStart[n];
    switch (op[n]) {
      case NeuronOp.Const0:
        val.fill(0, pv, pv + words);
        break;
      case NeuronOp.Const1:
        val.fill(0xffffffff, pv, pv + words);
        break;
      case NeuronOp.Buf: {
        const pa = src[j] * words;
        const ma = -neg[j] >>> 0;
        for (let w = 0; w < words; w++) val[pv + w] = val[pa + w] ^ ma;
        break;
      }
      case NeuronOp.And2: {
        const pa = src[j] * words, pb = src[j + 1] * words;
        const ma = -neg[j] >>> 0, mb = -neg[j + 1] >>> 0;
        for (let w = 0; w < words; w++) val[pv + w] = (val[pa + w] ^ ma) & (val[pb + w] ^ mb);
        break;
      }
      case NeuronOp.Or2: {
        const pa = src[j] * words, pb = src[j + 1] * words;
        const ma = -neg[j] >>> 0, mb = -neg[j + 1] >>> 0;
        for (let w = 0; w < words; w++) val[pv + w] = (val[pa + w] ^ ma) | (val[pb + w] ^ mb);
        break;
      }
      case NeuronOp.Maj3: {
        const pa = src[j] * words, pb = src[j + 1] * words, pc = src[j + 2] * words;
        const ma = -neg[j] >>> 0, mb = -neg[j + 1] >>> 0, mc = -neg[j + 2] >>> 0;
        for (let w = 0; w < words; w++) {
          const a = val[pa + w] ^ ma, b = val[pb + w] ^ mb, c = val[pc + w] ^ mc;
          val[pv + w] = (a & b) | (c & (a | b));
        }
        break;
      }
      case NeuronOp.AndN:
      case NeuronOp.OrN:
        andOr(p, n, val, words, op[n] === NeuronOp.AndN);
        break;
      default:
        countThreshold(p, n, threshold[n], val, words);
    }
  }
}

function andOr(p: BnnProgram, n: number, val: Uint32Array, words: number, isAnd: boolean): void {
  const pv = (p.numInputBits + n) * words;
  const j0 = p.fanStart[n];
  const j1 = p.fanStart[n + 1];
  let pa = p.src[j0] * words;
  let ma = -p.neg[j0] >>> 0;
  for (let w = 0; w < words; w++) val[pv + w] = val[pa + w] ^ ma;
  for (let j = j0 + 1; j < j1; j++) {
    pa = p.src[j] * words;
    ma = -p.neg[j] >>> 0;
    if (isAnd) for (let w = 0; w < words; w++) val[pv + w] &= val[pa + w] ^ ma;
    else for (let w = 0; w < words; w++) val[pv + w] |= val[pa + w] ^ ma;
  }
}

/** General threshold: per lane, count the true literals (bit-sliced), then compare with t. */
function countThreshold(p: BnnProgram, n: number, t: number, val: Uint32Array, words: number): void {
  const pv = (p.numInputBits + n) * words;
  const j0 = p.fanStart[n];
  const j1 = p.fanStart[n + 1];
  const k = j1 - j0;
  const nb = 32 - Math.clz32(k); // planes enough to hold k
  const planes = new Uint32Array(nb);
  for (let w = 0; w < words; w++) {
    planes.fill(0);
    for (let j = j0; j < j1; j++) {
      let carry = val[p.src[j] * words + w] ^ (-p.neg[j] >>> 0);
      for (let b = 0; carry !== 0 && b < nb; b++) {
        const c = planes[b] & carry;
        planes[b] ^= carry;
        carry = c;
      }
    }
    // count >= t, bit-serially from the least significant plane (equal so far counts as >=).
    let ge = 0xffffffff;
    for (let b = 0; b < nb; b++) ge = (t >>> b) & 1 ? planes[b] & ge : planes[b] | ge;
    val[pv + w] = ge;
  }
}

/**
 * Simulate a BNN on `words` words per input bit (`inputWords`: input bit i at
 * [i*words, (i+1)*words)). Returns the words of every signal, signal s at
 * [s*words, (s+1)*words).
 * @example
 * ```ts
 * import { readBnnJson, simulateBnn } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'and', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [1, 1], bias: -1 }] }],
 *   outputs: [{ name: 'y', bits: [2] }] }, 'and.json');
 * const v = simulateBnn(bnn, Uint32Array.from([0b1100, 0b1010]), 1);
 * console.log(v[2].toString(2)); // 1000
 * ```
 */
export function simulateBnn(bnn: Bnn, inputWords: Uint32Array, words: number): Uint32Array {
  const p = compileBnn(bnn);
  const val = new Uint32Array((bnn.numInputBits + bnn.numNeurons) * words);
  val.set(inputWords.subarray(0, bnn.numInputBits * words));
  simulateBnnProgram(p, val, words);
  return val;
}
