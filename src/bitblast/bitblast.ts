/**
 * Bit-blasting: a fixed-point network as an And-Inverter Graph that computes
 * exactly the same output bits for every input.
 *
 * The circuit follows the port convention of fixed-point-network.md: one
 * AIG input per input port bit, named `x[0]`, `x[1]`, ... (element k of a
 * tensor of B-bit type at bits [k*B, (k+1)*B), LSB first), and likewise the
 * outputs. Every tensor's bits, hidden ones included, are returned as
 * literals, so later stages (BNN construction, compositional proofs) can name
 * any internal signal.
 *
 * Weights are constants, so products are shifts and adds; accumulators are
 * sized from exact intervals; constant bits fold away in the AIG. See
 * src/aig/words.ts for the word-level generators and src/bitblast/layers.ts
 * for the operators.
 * @module
 */
import { Aig, type Lit } from '../aig/aig.js';
import { type Word, wordFromBits, wordToBits } from '../aig/words.js';
import { InternalError } from '../errors.js';
import { type Network, numel } from '../network/types.js';
import type { Circuit, PortSpec } from '../verify/model.js';
import { blastLayer } from './layers.js';
import { type BitblastTrace, TraceRecorder } from './trace.js';

/** Options of {@link bitblastNetwork}. */
export interface BitblastOptions {
  /** Keep the word-level trace (default false): see {@link BitblastTrace}. */
  readonly trace?: boolean;
}

/** A bit-blasted network. */
export interface BitblastResult {
  /**
   * The circuit: inputs and outputs in port order. The AIG may hold nodes
   * outside the output cones (hidden tensors no output reads): `tensorLits`
   * refers to them. Use `cleanupAig` to drop them.
   */
  readonly circuit: Circuit;
  /**
   * For every tensor (inputs and every layer output), the literals of its
   * bits in port order: element k at [k*B, (k+1)*B), LSB first.
   */
  readonly tensorLits: Map<string, Lit[]>;
  /** For every tensor, its element words (literals with value intervals). */
  readonly tensorWords: Map<string, Word[]>;
  /** The word-level trace, when `options.trace` is set. */
  readonly trace?: BitblastTrace;
}

/**
 * Build the circuit of a validated network.
 *
 * @example
 * ```ts
 * import { bitblastNetwork, readNetworkFile, aigStats } from 'bnn-universal';
 * const net = readNetworkFile('examples/mlp4.json');
 * const { circuit, tensorLits } = bitblastNetwork(net);
 * console.log(circuit.inputs.map((p) => `${p.name}:${p.width}`)); // [ 'x:16' ]
 * console.log(aigStats(circuit.aig).ands > 0, tensorLits.has('y')); // true true
 * ```
 */
export function bitblastNetwork(net: Network, options: BitblastOptions = {}): BitblastResult {
  const g = new Aig(estimateNodes(net));
  const trace = options.trace ? new TraceRecorder() : undefined;
  const words = new Map<string, Word[]>();
  const tensorLits = new Map<string, Lit[]>();
  const inputs: PortSpec[] = [];
  for (const t of net.inputs) {
    const B = t.type.bits;
    const n = numel(t.shape);
    const lits: Lit[] = [];
    for (let i = 0; i < n * B; i++) lits.push(g.addInput(`${t.name}[${i}]`));
    tensorLits.set(t.name, lits);
    words.set(
      t.name,
      Array.from({ length: n }, (_, k) => wordFromBits(lits.slice(k * B, (k + 1) * B), t.type.signed)),
    );
    inputs.push({ name: t.name, width: n * B, type: t.type, shape: t.shape });
  }
  for (const layer of net.layers) {
    const out = blastLayer({ g, net, words, trace }, layer);
    const spec = net.tensors.get(layer.output);
    if (!spec || out.length !== numel(spec.shape)) throw new InternalError(`bitblast: ${layer.name} produced ${out.length} elements`);
    words.set(layer.output, out);
    tensorLits.set(layer.output, out.flatMap((w) => wordToBits(w, spec.type.bits)));
  }
  const outputs: PortSpec[] = [];
  for (const name of net.outputs) {
    const spec = net.tensors.get(name);
    const lits = tensorLits.get(name);
    if (!spec || !lits) throw new InternalError(`bitblast: output ${name} is not a tensor`);
    lits.forEach((l, i) => g.addOutput(l, `${name}[${i}]`));
    outputs.push({ name, width: lits.length, type: spec.type, shape: spec.shape });
  }
  if (trace) for (const [name, ws] of words) trace.tensors.set(name, ws);
  return { circuit: { aig: g, inputs, outputs }, tensorLits, tensorWords: words, ...(trace ? { trace: trace.finish() } : {}) };
}

/**
 * A rough node count (about 6 AND nodes per bit a product puts into an
 * adder tree), so the AIG's arrays and hash table are allocated once instead
 * of doubling many times. Only a capacity hint: the AIG grows as needed.
 */
function estimateNodes(net: Network): number {
  let bits = 0;
  for (const layer of net.layers) {
    if (layer.op !== 'dense' && layer.op !== 'conv2d') continue;
    const inBits = net.tensors.get(layer.input)?.type.bits ?? 0;
    const nonzero = (layer.weights.values as unknown[]).flat(3).filter((w) => w !== 0).length;
    const positions = layer.op === 'conv2d' ? numel(net.tensors.get(layer.output)?.shape.slice(1) ?? []) : 1;
    bits += nonzero * positions * inBits;
  }
  return Math.min(1 << 22, Math.max(4096, 6 * bits));
}
