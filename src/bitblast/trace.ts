/**
 * The word-level trace of a bit-blast: every word operation the bit-blaster
 * performed, with its operands and result as literals, so that a
 * compositional prover can split "circuit == network" into small claims:
 *
 * 1. each {@link TraceEntry} on its own: for all values of its input words
 *    inside their intervals, the output word's bits are the two's complement
 *    of {@link evalTraceOp} on those values, and that value lies in the
 *    output's interval (a bit-vector claim over a few dozen literals, with
 *    the input literals as free variables);
 * 2. the dataflow: the entries of one tensor element, chained through their
 *    words, compute the layer semantics of `fixed-point-network/1` from the
 *    element words of the layer's input tensors (a claim about integers,
 *    checkable without bits).
 *
 * Why the split is sound: by induction over the entries in order (which is
 * creation order, so every word is produced before it is read). Network
 * input words take every value of their type, so they are in their
 * intervals; an entry whose inputs are in their intervals produces the value
 * its meaning says, inside its own interval (claim 1). Hence every word
 * holds the integer the dataflow (claim 2) assigns it, and the tensor bits
 * ({@link BitblastTrace.tensors}, low `bits` bits of each element word) are
 * the network's values. Interval assumptions are discharged, never trusted:
 * claim 1 checks the output interval too.
 *
 * This module only defines the record and its meaning; it builds no proofs.
 * @module
 */
import type { Lit } from '../aig/aig.js';
import type { CompressionLog } from '../aig/compress.js';
import type { Word } from '../aig/words.js';
import { fitRange, roundShift } from '../fixed/requantize.js';
import type { FixedType, OverflowMode, RoundingMode } from '../fixed/types.js';
import { InternalError } from '../errors.js';

/**
 * A word operation and its parameters. Inputs are the entry's `inputs`:
 * - `requantize`: fitRange(roundShift(act(sum(coeffs[i] * in[i]) +
 *   constant), shift, rounding), type, overflow), act the identity or (with
 *   `relu`) max(., 0): the whole arithmetic of one output element of dense,
 *   conv2d (coefficients = the nonzero weights of its window, constant = the
 *   bias scaled to the accumulator frac), add (coefficients 2^(F - Fa) and
 *   2^(F - Fb)) and requant (one coefficient 1); shift <= 0 is a left shift;
 * - `max`: the largest of the inputs (one maxpool2d window).
 */
export type TraceOp =
  | {
      readonly kind: 'requantize';
      readonly coeffs: readonly bigint[];
      readonly constant: bigint;
      readonly relu: boolean;
      readonly shift: number;
      readonly rounding: RoundingMode;
      readonly type: FixedType;
      readonly overflow: OverflowMode;
    }
  | { readonly kind: 'max' };

/** One word operation of the bit-blast, with where it belongs. */
export interface TraceEntry {
  readonly op: TraceOp;
  /** Operand words (literals and intervals). */
  readonly inputs: readonly Word[];
  /** Result word. */
  readonly output: Word;
  /** Name of the layer that performed it. */
  readonly layer: string;
  /** The layer's output tensor. */
  readonly tensor: string;
  /** Row-major index of the output element it computes. */
  readonly element: number;
  /**
   * `requantize` only: the column compressions it performed, in order (the
   * first is the accumulator's sum), so a prover can check the adders one by
   * one. Structure only: nothing here is trusted.
   */
  readonly compressions?: readonly CompressionLog[];
}

/** The whole trace: element words of every tensor and the operations, in creation order. */
export interface BitblastTrace {
  /**
   * Element words of every tensor (inputs and layer outputs). Network input
   * words are the port bits read as the input type (unsigned types get a
   * constant-false top bit); a tensor's port bits are the low `bits` bits of
   * its element words.
   */
  readonly tensors: ReadonlyMap<string, readonly Word[]>;
  readonly entries: readonly TraceEntry[];
}

/**
 * The integer meaning of an operation on its input values: the reference a
 * prover checks each {@link TraceEntry} against.
 *
 * @example
 * ```ts
 * import { evalTraceOp } from 'bnn-universal';
 * const type = { signed: true, bits: 4, frac: 0 };
 * const op = { kind: 'requantize', coeffs: [2n, -3n], constant: 1n, relu: false, shift: 1, rounding: 'half-even', type, overflow: 'saturate' } as const;
 * evalTraceOp(op, [5n, 2n]); // 2n   (2*5 - 3*2 + 1 = 5; 5/2 = 2.5 -> 2)
 * evalTraceOp({ kind: 'max' }, [3n, -1n, 7n]); // 7n
 * ```
 */
export function evalTraceOp(op: TraceOp, inputs: readonly bigint[]): bigint {
  switch (op.kind) {
    case 'requantize': {
      if (op.coeffs.length !== inputs.length) throw new InternalError('requantize: one coefficient per input');
      const acc = inputs.reduce((s, v, i) => s + op.coeffs[i] * v, op.constant);
      return fitRange(roundShift(op.relu && acc < 0n ? 0n : acc, op.shift, op.rounding), op.type, op.overflow);
    }
    case 'max':
      if (inputs.length === 0) throw new InternalError('max of no inputs');
      return inputs.reduce((m, v) => (v > m ? v : m));
  }
}

/**
 * Collects entries while the bit-blaster runs.
 * @internal
 */
export class TraceRecorder {
  readonly entries: TraceEntry[] = [];
  readonly tensors = new Map<string, readonly Word[]>();

  /** Record one operation; returns its output for chaining. */
  record(op: TraceOp, inputs: readonly Word[], output: Word, layer: string, tensor: string, element: number, compressions?: readonly CompressionLog[]): Word {
    this.entries.push({ op, inputs, output, layer, tensor, element, ...(compressions ? { compressions } : {}) });
    return output;
  }

  /** The finished trace. */
  finish(): BitblastTrace {
    return { tensors: this.tensors, entries: this.entries };
  }
}

/** All literals a trace entry touches (its inputs' and output's bits). */
export function entryLits(e: TraceEntry): Lit[] {
  return [...e.inputs.flatMap((w) => w.bits), ...e.output.bits];
}
