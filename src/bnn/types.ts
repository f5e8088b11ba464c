/**
 * The BNN IR: a bit-for-bit mirror of a `bnn/1` file (shared/spec/bnn.md) in
 * flat typed arrays.
 *
 * Semantics: signals are +1/-1 (bit 1 / bit 0). Neuron n reads signals
 * `src[fanStart[n] .. fanStart[n+1])` with weights -1 where `neg` is 1 and +1
 * otherwise, and outputs +1 iff sum(w_i * a_i) + bias[n] >= 0.
 *
 * Invariants after validation:
 * - signal ids: input bits 0 .. numInputBits-1, then neuron n is signal
 *   numInputBits + n, neurons numbered layer by layer in file order;
 * - a neuron reads only smaller signal ids, each at most once;
 * - biases are safe integers (Float64Array holds them exactly).
 * @module
 */

/** A named input port of `bits` bits. */
export interface BnnInputPort {
  readonly name: string;
  readonly bits: number;
}

/** A named output port: the signal id of each bit, least significant first. */
export interface BnnOutputPort {
  readonly name: string;
  readonly bits: Uint32Array;
}

/** A validated binarized neural network. */
export interface Bnn {
  readonly format: 'bnn/1';
  readonly name: string;
  readonly inputs: readonly BnnInputPort[];
  /** Sum of the input ports' widths. */
  readonly numInputBits: number;
  /** Number of neurons. */
  readonly numNeurons: number;
  /** First neuron of each layer, plus numNeurons at the end (length layers+1). */
  readonly layerStart: Uint32Array;
  /** Fan-in of neuron n is [fanStart[n], fanStart[n+1]) (length numNeurons+1). */
  readonly fanStart: Uint32Array;
  /** Source signal id of each synapse. */
  readonly src: Uint32Array;
  /** 1 where the synapse weight is -1, 0 where it is +1. */
  readonly neg: Uint8Array;
  /** Bias of each neuron. */
  readonly bias: Float64Array;
  readonly outputs: readonly BnnOutputPort[];
  /** Optional hints: for each source-network tensor, the signal ids of its bits. */
  readonly tensors?: Readonly<Record<string, readonly number[]>>;
  /** Optional provenance. */
  readonly meta?: Readonly<Record<string, unknown>>;
}
