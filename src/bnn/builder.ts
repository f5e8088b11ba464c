/**
 * A mutable builder for BNNs, used by the AIG -> BNN strategies.
 *
 * Neurons are added in any order that respects data flow, each with a layer
 * number (>= 1; input bits are layer 0). {@link BnnBuilder.build} orders them
 * layer by layer (stable within a layer) and renumbers signals as bnn/1 wants.
 *
 * Invariants checked on every `add` (a violation is an internal error, since
 * it is a bug of the strategy, not of the user's input):
 * - sources exist, are distinct, and sit in strictly lower layers, so after
 *   the layer-by-layer numbering every neuron reads only smaller ids;
 * - with `parityRule` (default): bias parity differs from fan-in parity, so no
 *   weighted sum can be 0 and the result never depends on sign(0);
 * - with `strictLayers`: every source sits exactly one layer lower.
 * @module
 */
import { InternalError } from '../errors.js';
import type { Bnn, BnnInputPort, BnnOutputPort } from './types.js';

/** Options of {@link BnnBuilder}. */
export interface BnnBuilderOptions {
  /** Require bias parity != fan-in parity for every neuron (default true). */
  readonly parityRule?: boolean;
  /** Require every neuron to read only the previous layer (default false). */
  readonly strictLayers?: boolean;
}

/** What {@link BnnBuilder.build} needs besides the neurons. Signal ids are builder ids. */
export interface BnnBuildParams {
  readonly name: string;
  readonly outputs: readonly { readonly name: string; readonly bits: ArrayLike<number> }[];
  readonly tensors?: Readonly<Record<string, ArrayLike<number>>>;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Builds a {@link Bnn} neuron by neuron. Builder signal ids: input bits
 * 0 .. I-1, then neurons in the order added.
 * @example
 * ```ts
 * import { BnnBuilder } from 'bnn-universal';
 * const b = new BnnBuilder([{ name: 'x', bits: 2 }]);
 * const nand = b.addNeuron2(1, 0, true, 1, true, 1); // -x0 - x1 + 1 >= 0
 * const bnn = b.build({ name: 'nand', outputs: [{ name: 'y', bits: [nand] }] });
 * console.log(bnn.numNeurons, bnn.bias[0]); // 1 1
 * ```
 */
export class BnnBuilder {
  /** Total input width. */
  readonly numInputBits: number;
  /** Number of neurons added so far. */
  numNeurons = 0;
  private readonly inputs: readonly BnnInputPort[];
  private readonly parityRule: boolean;
  private readonly strictLayers: boolean;
  private layer: Uint32Array;
  private fanStart: Uint32Array;
  private bias: Float64Array;
  private src: Uint32Array;
  private neg: Uint8Array;
  private numSynapses = 0;

  constructor(inputs: readonly BnnInputPort[], options: BnnBuilderOptions = {}, capacity = 1024) {
    this.inputs = inputs.map((p) => ({ name: p.name, bits: p.bits }));
    this.numInputBits = inputs.reduce((s, p) => s + p.bits, 0);
    this.parityRule = options.parityRule ?? true;
    this.strictLayers = options.strictLayers ?? false;
    this.layer = new Uint32Array(capacity);
    this.fanStart = new Uint32Array(capacity + 1);
    this.bias = new Float64Array(capacity);
    this.src = new Uint32Array(capacity * 2);
    this.neg = new Uint8Array(capacity * 2);
  }

  /** Layer of a builder signal id: 0 for input bits. */
  layerOf(signal: number): number {
    return signal < this.numInputBits ? 0 : this.layer[signal - this.numInputBits];
  }

  /** Add a neuron reading `sources` with weights -1 where `negs` is true/1. Returns its signal id. */
  addNeuron(layer: number, sources: ArrayLike<number>, negs: ArrayLike<number | boolean>, bias: number): number {
    const k = sources.length;
    if (negs.length !== k) throw new InternalError(`BnnBuilder: ${k} sources but ${negs.length} weights`);
    this.begin(layer, k, bias);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) if (sources[j] === sources[i]) throw new InternalError(`BnnBuilder: neuron reads signal ${sources[i]} twice`);
      this.push(layer, sources[i], negs[i] ? 1 : 0);
    }
    return this.end();
  }

  /** Add a two-input neuron (the gates strategy's AND). Returns its signal id. */
  addNeuron2(layer: number, s0: number, neg0: boolean | number, s1: number, neg1: boolean | number, bias: number): number {
    if (s0 === s1) throw new InternalError(`BnnBuilder: neuron reads signal ${s0} twice`);
    this.begin(layer, 2, bias);
    this.push(layer, s0, neg0 ? 1 : 0);
    this.push(layer, s1, neg1 ? 1 : 0);
    return this.end();
  }

  /** Add a one-input neuron: `sign(+-a + bias)`; bias 0 gives a buffer or an inverter. */
  addNeuron1(layer: number, s: number, negated: boolean | number, bias = 0): number {
    this.begin(layer, 1, bias);
    this.push(layer, s, negated ? 1 : 0);
    return this.end();
  }

  /** Add a constant neuron (no inputs; bias +1 for true, -1 for false). */
  addConstant(layer: number, value: boolean): number {
    this.begin(layer, 0, value ? 1 : -1);
    return this.end();
  }

  private begin(layer: number, k: number, bias: number): void {
    if (!Number.isInteger(layer) || layer < 1) throw new InternalError(`BnnBuilder: layer ${layer} (neurons start at layer 1)`);
    if (!Number.isSafeInteger(bias)) throw new InternalError(`BnnBuilder: bias ${bias} is not a safe integer`);
    if (this.parityRule && (Math.abs(bias) & 1) === (k & 1)) throw new InternalError(`BnnBuilder: bias ${bias} has the parity of fan-in ${k}`);
    const n = this.numNeurons;
    if (n === this.layer.length) this.growNeurons();
    while (this.numSynapses + k > this.src.length) this.growSynapses();
    this.layer[n] = layer;
    this.bias[n] = bias + 0; // no -0 (a negated bias 0): it would not survive a JSON round trip as itself
  }

  private push(layer: number, s: number, neg: number): void {
    if (!Number.isInteger(s) || s < 0 || s >= this.numInputBits + this.numNeurons) throw new InternalError(`BnnBuilder: source ${s} does not exist yet`);
    const ls = this.layerOf(s);
    if (ls >= layer || (this.strictLayers && ls !== layer - 1)) {
      throw new InternalError(`BnnBuilder: neuron in layer ${layer} reads signal ${s} of layer ${ls}${this.strictLayers ? ' (strict layers)' : ''}`);
    }
    this.src[this.numSynapses] = s;
    this.neg[this.numSynapses] = neg;
    this.numSynapses++;
  }

  private end(): number {
    this.fanStart[++this.numNeurons] = this.numSynapses;
    return this.numInputBits + this.numNeurons - 1;
  }

  private growNeurons(): void {
    const n = this.layer.length * 2;
    this.layer = grow(this.layer, new Uint32Array(n));
    this.bias = grow(this.bias, new Float64Array(n));
    this.fanStart = grow(this.fanStart, new Uint32Array(n + 1));
  }

  private growSynapses(): void {
    const n = this.src.length * 2;
    this.src = grow(this.src, new Uint32Array(n));
    this.neg = grow(this.neg, new Uint8Array(n));
  }

  /** Order neurons layer by layer, renumber signals, and return the BNN. */
  build(params: BnnBuildParams): Bnn {
    const { order, layerStart } = this.layerOrder();
    const I = this.numInputBits;
    const N = this.numNeurons;
    const newId = new Uint32Array(I + N);
    for (let s = 0; s < I; s++) newId[s] = s;
    for (let i = 0; i < N; i++) newId[I + order[i]] = I + i;
    const fanStart = new Uint32Array(N + 1);
    const src = new Uint32Array(this.numSynapses);
    const neg = new Uint8Array(this.numSynapses);
    const bias = new Float64Array(N);
    let j = 0;
    for (let i = 0; i < N; i++) {
      const n = order[i];
      for (let k = this.fanStart[n]; k < this.fanStart[n + 1]; k++, j++) {
        src[j] = newId[this.src[k]];
        neg[j] = this.neg[k];
      }
      fanStart[i + 1] = j;
      bias[i] = this.bias[n];
    }
    const remap = (bits: ArrayLike<number>, what: string): number[] =>
      Array.from(bits, (s) => {
        if (!(s >= 0 && s < I + N)) throw new InternalError(`BnnBuilder: ${what} refers to missing signal ${s}`);
        return newId[s];
      });
    const outputs: BnnOutputPort[] = params.outputs.map((p) => ({ name: p.name, bits: Uint32Array.from(remap(p.bits, `output ${p.name}`)) }));
    const bnn: Bnn = { format: 'bnn/1', name: params.name, inputs: this.inputs, numInputBits: I, numNeurons: N, layerStart, fanStart, src, neg, bias, outputs };
    const extra: { tensors?: Record<string, number[]>; meta?: Record<string, unknown> } = {};
    if (params.tensors) {
      extra.tensors = Object.create(null) as Record<string, number[]>;
      for (const [k, v] of Object.entries(params.tensors)) extra.tensors[k] = remap(v, `tensor ${k}`);
    }
    if (params.meta) extra.meta = { ...params.meta };
    return { ...bnn, ...extra };
  }

  /** Counting sort of the neurons by layer (stable); layers 1 .. max, empty ones kept. */
  private layerOrder(): { order: Uint32Array; layerStart: Uint32Array } {
    const N = this.numNeurons;
    let maxLayer = 0;
    for (let n = 0; n < N; n++) if (this.layer[n] > maxLayer) maxLayer = this.layer[n];
    const layerStart = new Uint32Array(maxLayer + 1);
    for (let n = 0; n < N; n++) layerStart[this.layer[n]]++; // count of layer L at index L (1..max)
    // exclusive prefix sums: layerStart[L-1] = first neuron of layer L
    let acc = 0;
    for (let L = 1; L <= maxLayer; L++) {
      const c = layerStart[L];
      layerStart[L - 1] = acc;
      acc += c;
    }
    layerStart[maxLayer] = acc;
    const next = layerStart.slice(0, maxLayer);
    const order = new Uint32Array(N);
    for (let n = 0; n < N; n++) order[next[this.layer[n] - 1]++] = n;
    return { order, layerStart };
  }
}

function grow<T extends Uint32Array | Uint8Array | Float64Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}
