/**
 * Writer for `bnn/1` files: {@link bnnToJson} gives the plain JSON object;
 * {@link stringifyBnn} and {@link bnnJsonChunks} give a compact text with one
 * neuron per line, so large files stay small, diffable and greppable, and can
 * be streamed to disk without building one giant string.
 * @module
 */
import type { Bnn } from './types.js';

/** A neuron as it appears in a `bnn/1` file. */
export interface BnnNeuronJson {
  inputs: number[];
  weights: number[];
  bias: number;
}

/** A `bnn/1` file as a plain object (what {@link readBnnJson} reads back). */
export interface BnnJson {
  format: 'bnn/1';
  name: string;
  meta?: Record<string, unknown>;
  inputs: { name: string; bits: number }[];
  layers: { neurons: BnnNeuronJson[] }[];
  outputs: { name: string; bits: number[] }[];
  tensors?: Record<string, number[]>;
}

/**
 * The `bnn/1` JSON object of a BNN.
 * @example
 * ```ts
 * import { bnnToJson, readBnnJson } from 'bnn-universal';
 * const file = { format: 'bnn/1', name: 'not', inputs: [{ name: 'x', bits: 1 }],
 *   layers: [{ neurons: [{ inputs: [0], weights: [-1], bias: 0 }] }], outputs: [{ name: 'y', bits: [1] }] };
 * console.log(JSON.stringify(bnnToJson(readBnnJson(file, 'not.json'))) === JSON.stringify(file)); // true
 * ```
 */
export function bnnToJson(bnn: Bnn): BnnJson {
  const layers: { neurons: BnnNeuronJson[] }[] = [];
  for (let l = 0; l + 1 < bnn.layerStart.length; l++) {
    const neurons: BnnNeuronJson[] = [];
    for (let n = bnn.layerStart[l]; n < bnn.layerStart[l + 1]; n++) neurons.push(neuronJson(bnn, n));
    layers.push({ neurons });
  }
  // Key order as in the spec (meta right after the name): JSON.stringify keeps insertion order.
  const head: Pick<BnnJson, 'format' | 'name' | 'meta'> = { format: 'bnn/1', name: bnn.name };
  if (bnn.meta !== undefined) head.meta = { ...bnn.meta };
  const out: BnnJson = {
    ...head,
    inputs: bnn.inputs.map((p) => ({ name: p.name, bits: p.bits })),
    layers,
    outputs: bnn.outputs.map((p) => ({ name: p.name, bits: Array.from(p.bits) })),
  };
  if (bnn.tensors !== undefined) out.tensors = copyTensors(bnn.tensors);
  return out;
}

function neuronJson(bnn: Bnn, n: number): BnnNeuronJson {
  const inputs: number[] = [];
  const weights: number[] = [];
  for (let j = bnn.fanStart[n]; j < bnn.fanStart[n + 1]; j++) {
    inputs.push(bnn.src[j]);
    weights.push(bnn.neg[j] ? -1 : 1);
  }
  return { inputs, weights, bias: bnn.bias[n] };
}

function copyTensors(t: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = Object.create(null);
  for (const [k, v] of Object.entries(t)) out[k] = [...v];
  return out;
}

/**
 * The compact text of a `bnn/1` file in pieces (a line or a few lines each),
 * for streaming to disk. Joined, they are {@link stringifyBnn}.
 */
export function* bnnJsonChunks(bnn: Bnn): Generator<string> {
  yield `{\n  "format": "bnn/1",\n  "name": ${JSON.stringify(bnn.name)},\n`;
  if (bnn.meta !== undefined) yield `  "meta": ${JSON.stringify(bnn.meta)},\n`;
  yield `  "inputs": [${bnn.inputs.map((p) => `\n    {"name": ${JSON.stringify(p.name)}, "bits": ${p.bits}}`).join(',')}${bnn.inputs.length ? '\n  ' : ''}],\n`;
  yield '  "layers": [';
  const numLayers = bnn.layerStart.length - 1;
  for (let l = 0; l < numLayers; l++) {
    const lines: string[] = [];
    for (let n = bnn.layerStart[l]; n < bnn.layerStart[l + 1]; n++) lines.push(neuronLine(bnn, n));
    const body = lines.length ? `\n      ${lines.join(',\n      ')}\n    ` : '';
    yield `${l ? ',' : ''}\n    {"neurons": [${body}]}`;
  }
  yield `${numLayers ? '\n  ' : ''}],\n`;
  const outs = bnn.outputs.map((p) => `\n    {"name": ${JSON.stringify(p.name)}, "bits": [${Array.from(p.bits).join(', ')}]}`);
  yield `  "outputs": [${outs.join(',')}${outs.length ? '\n  ' : ''}]`;
  if (bnn.tensors !== undefined) {
    const ts = Object.entries(bnn.tensors).map(([k, v]) => `\n    ${JSON.stringify(k)}: [${v.join(', ')}]`);
    yield `,\n  "tensors": {${ts.join(',')}${ts.length ? '\n  ' : ''}}`;
  }
  yield '\n}\n';
}

function neuronLine(bnn: Bnn, n: number): string {
  let ins = '';
  let ws = '';
  for (let j = bnn.fanStart[n]; j < bnn.fanStart[n + 1]; j++) {
    const sep = j > bnn.fanStart[n] ? ', ' : '';
    ins += sep + bnn.src[j];
    ws += sep + (bnn.neg[j] ? '-1' : '1');
  }
  return `{"inputs": [${ins}], "weights": [${ws}], "bias": ${bnn.bias[n]}}`;
}

/**
 * The compact text of a `bnn/1` file: one neuron per line.
 * @example
 * ```ts
 * import { readBnnJson, stringifyBnn } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'buf', inputs: [{ name: 'x', bits: 1 }],
 *   layers: [{ neurons: [{ inputs: [0], weights: [1], bias: 0 }] }], outputs: [{ name: 'y', bits: [1] }] }, 'buf.json');
 * console.log(stringifyBnn(bnn).split('\n').length); // 16
 * ```
 */
export function stringifyBnn(bnn: Bnn): string {
  let s = '';
  for (const c of bnnJsonChunks(bnn)) s += c;
  return s;
}
