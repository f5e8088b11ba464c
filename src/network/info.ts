/**
 * Sizes of a network: per-layer multiply-accumulates and weights, tensors with
 * shapes and types, input and output bit counts (what `bnnu info` prints).
 * @module
 */
import type { FixedType } from '../fixed/types.js';
import { type Layer, type Network, type TensorSpec, layerInputs, numel } from './types.js';

/**
 * Multiply-accumulates of one evaluation of `layer`, given its output shape:
 * dense: out * n; conv2d: every output element times (C/groups) * KH * KW
 * (padded positions included, as is usual); 0 for the other operators.
 */
export function layerMacs(layer: Layer, outputShape: readonly number[]): number {
  switch (layer.op) {
    case 'dense':
      return layer.weights.values.length * (layer.weights.values[0]?.length ?? 0);
    case 'conv2d': {
      const w = layer.weights.values;
      return numel(outputShape) * w[0].length * w[0][0].length * w[0][0][0].length;
    }
    default:
      return 0;
  }
}

/**
 * Elementary steps of one evaluation of `layer`: its MACs for dense and
 * conv2d, window comparisons for maxpool2d, one per output element otherwise.
 * The validator bounds the sum (see `MAX_TOTAL_WORK`).
 */
export function layerWork(layer: Layer, outputShape: readonly number[]): number {
  if (layer.op === 'dense' || layer.op === 'conv2d') return layerMacs(layer, outputShape);
  if (layer.op === 'maxpool2d') return numel(outputShape) * layer.kernel[0] * layer.kernel[1];
  return numel(outputShape);
}

/** Number of constant values (weights and bias) of `layer`. */
export function layerWeights(layer: Layer): number {
  if (layer.op === 'dense') return layer.weights.values.length * (layer.weights.values[0]?.length ?? 0) + (layer.bias?.values.length ?? 0);
  if (layer.op === 'conv2d') {
    const w = layer.weights.values;
    return w.length * w[0].length * w[0][0].length * w[0][0][0].length + (layer.bias?.values.length ?? 0);
  }
  return 0;
}

/** A tensor as `info` describes it. */
export interface TensorInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: FixedType;
  /** numel(shape) * type.bits: its width as a port. */
  readonly bits: number;
  /** Network input, or the layer that writes it. */
  readonly producer: { readonly kind: 'input' } | { readonly kind: 'layer'; readonly name: string; readonly op: Layer['op'] };
}

/** A layer as `info` describes it. */
export interface LayerInfo {
  readonly name: string;
  readonly op: Layer['op'];
  readonly inputs: readonly string[];
  readonly output: string;
  readonly macs: number;
  readonly weights: number;
}

/** Everything `bnnu info` says about a network. */
export interface NetworkInfo {
  readonly name: string;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Every tensor, inputs first, then layer outputs in layer order. */
  readonly tensors: readonly TensorInfo[];
  readonly layers: readonly LayerInfo[];
  readonly macs: number;
  readonly weights: number;
  readonly inputBits: number;
  readonly outputBits: number;
}

/**
 * Describe a validated network.
 * @example
 * ```ts
 * import { networkInfo, readNetworkFile } from 'bnn-universal';
 * const info = networkInfo(readNetworkFile('examples/mlp4.json'));
 * console.log(info.macs, info.inputBits, info.outputBits); // 56 16 12
 * ```
 */
export function networkInfo(net: Network): NetworkInfo {
  const producers = new Map<string, Layer>();
  for (const l of net.layers) producers.set(l.output, l);
  const describe = (t: TensorSpec): TensorInfo => {
    const l = producers.get(t.name);
    return {
      name: t.name,
      shape: t.shape,
      type: t.type,
      bits: numel(t.shape) * t.type.bits,
      producer: l ? { kind: 'layer', name: l.name, op: l.op } : { kind: 'input' },
    };
  };
  const tensors = [...net.tensors.values()].map(describe);
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const layers = net.layers.map((l) => ({
    name: l.name,
    op: l.op,
    inputs: layerInputs(l),
    output: l.output,
    macs: layerMacs(l, net.tensors.get(l.output)!.shape),
    weights: layerWeights(l),
  }));
  const inputs = net.inputs.map((t) => byName.get(t.name)!);
  const outputs = net.outputs.map((n) => byName.get(n)!);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    name: net.name,
    inputs,
    outputs,
    tensors,
    layers,
    macs: sum(layers.map((l) => l.macs)),
    weights: sum(layers.map((l) => l.weights)),
    inputBits: sum(inputs.map((t) => t.bits)),
    outputBits: sum(outputs.map((t) => t.bits)),
  };
}
