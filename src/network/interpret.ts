/**
 * The reference interpreter of `fixed-point-network/1`: the meaning of the
 * format, written to be obviously right rather than fast. All arithmetic is
 * BigInt; rounding and range fitting are {@link requantize} from fixed/.
 *
 * Layer arithmetic (shared/spec/fixed-point-network.md, "Arithmetic"):
 * - dense, conv2d: acc = sum(w * x) + bias * 2^(F - Fb), F = Fx + Fw;
 * - add: both operands aligned exactly to F = max(Fa, Fb), then summed;
 * - requant: acc = x, F = Fx;
 * then the activation on the exact acc, then `requantize(acc, F, type, ...)`.
 * maxpool2d takes the largest raw value of each window; flatten copies.
 * @module
 */
import { InputError } from '../errors.js';
import { requantize } from '../fixed/requantize.js';
import { formatType, maxRaw, minRaw } from '../fixed/types.js';
import type { AddLayer, Conv2dLayer, DenseLayer, Layer, MaxPool2dLayer, Network, Requantizing } from './types.js';
import { numel } from './types.js';

/** Options of {@link interpretNetwork}. */
export interface InterpretOptions {
  /** Names the source of the inputs in error messages (default `<input>`). */
  readonly file?: string;
}

/**
 * Check that `inputs` has exactly the network's inputs, each with numel(shape)
 * raw values inside its type's range; throw an {@link InputError} placed at
 * `--input NAME` or `--input NAME[k]` otherwise.
 */
export function checkNetworkInputs(net: Network, inputs: ReadonlyMap<string, readonly bigint[]>, file = '<input>'): void {
  const names = net.inputs.map((t) => t.name);
  for (const name of inputs.keys()) {
    if (!names.includes(name)) throw new InputError(file, `--input ${name}`, `one of the network's inputs (${names.join(', ')})`, `the unknown input ${JSON.stringify(name)}`);
  }
  for (const t of net.inputs) {
    const v = inputs.get(t.name);
    const n = numel(t.shape);
    const what = `${n} raw values of type ${formatType(t.type)} (shape [${t.shape.join(', ')}])`;
    if (v === undefined) throw new InputError(file, `--input ${t.name}`, what, 'nothing');
    if (v.length !== n) throw new InputError(file, `--input ${t.name}`, what, `${v.length} values`);
    const lo = minRaw(t.type);
    const hi = maxRaw(t.type);
    v.forEach((x, k) => {
      if (typeof x !== 'bigint' || x < lo || x > hi) {
        const found = typeof x === 'bigint' ? String(x) : `${String(x)} (a ${typeof x}; raw values are BigInts)`;
        throw new InputError(file, `--input ${t.name}[${k}]`, `an integer in [${lo}, ${hi}] (type ${formatType(t.type)})`, found);
      }
    });
  }
}

/**
 * Evaluate a validated network on raw input values. Returns every tensor
 * (the inputs and each layer's output) by name, row-major raw values.
 *
 * @example
 * ```ts
 * import { interpretNetwork, readNetworkFile } from 'bnn-universal';
 * const net = readNetworkFile('examples/mlp4.json');
 * const t = interpretNetwork(net, new Map([['x', [4n, -2n, 3n, 0n]]]));
 * console.log(t.get('y')); // [ 7n, -4n, 2n ]
 * ```
 */
export function interpretNetwork(net: Network, inputs: ReadonlyMap<string, readonly bigint[]>, options: InterpretOptions = {}): Map<string, bigint[]> {
  checkNetworkInputs(net, inputs, options.file);
  const values = new Map<string, bigint[]>();
  for (const t of net.inputs) values.set(t.name, [...inputs.get(t.name)!]);
  for (const layer of net.layers) values.set(layer.output, evalLayer(net, layer, values));
  return values;
}

/** Activation, rescale and range fit of one exact accumulator with `frac` fractional bits. */
function finish(acc: bigint, frac: number, q: Requantizing): bigint {
  const a = q.activation === 'relu' && acc < 0n ? 0n : acc;
  return requantize(a, frac, q.type, q.rounding, q.overflow);
}

/** One layer's output from the tensors computed so far. */
function evalLayer(net: Network, layer: Layer, values: ReadonlyMap<string, bigint[]>): bigint[] {
  switch (layer.op) {
    case 'dense':
      return evalDense(net, layer, values.get(layer.input)!);
    case 'conv2d':
      return evalConv(net, layer, values.get(layer.input)!);
    case 'maxpool2d':
      return evalMaxPool(net, layer, values.get(layer.input)!);
    case 'add':
      return evalAdd(net, layer, values.get(layer.inputs[0])!, values.get(layer.inputs[1])!);
    case 'requant': {
      const frac = net.tensors.get(layer.input)!.type.frac;
      return values.get(layer.input)!.map((x) => finish(x, frac, layer));
    }
    case 'flatten':
      return [...values.get(layer.input)!];
  }
}

/** The bias of output o in units of 2^-accFrac (0 without bias). */
function biasTerm(layer: DenseLayer | Conv2dLayer, o: number, accFrac: number): bigint {
  if (!layer.bias) return 0n;
  return BigInt(layer.bias.values[o]) << BigInt(accFrac - layer.bias.type.frac);
}

function evalDense(net: Network, layer: DenseLayer, x: readonly bigint[]): bigint[] {
  const frac = net.tensors.get(layer.input)!.type.frac + layer.weights.type.frac;
  return layer.weights.values.map((row, o) => {
    let acc = biasTerm(layer, o, frac);
    row.forEach((w, i) => (acc += BigInt(w) * x[i]));
    return finish(acc, frac, layer);
  });
}

function evalConv(net: Network, layer: Conv2dLayer, x: readonly bigint[]): bigint[] {
  const inp = net.tensors.get(layer.input)!;
  const [, h, w] = inp.shape;
  const [oc, oh, ow] = net.tensors.get(layer.output)!.shape;
  const frac = inp.type.frac + layer.weights.type.frac;
  const cPerGroup = layer.weights.values[0].length;
  const oPerGroup = oc / layer.groups;
  const [sh, sw] = layer.stride;
  const [top, left] = layer.padding;
  const [dh, dw] = layer.dilation;
  const out: bigint[] = [];
  for (let o = 0; o < oc; o++) {
    const firstChannel = Math.floor(o / oPerGroup) * cPerGroup;
    const kernel = layer.weights.values[o];
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        let acc = biasTerm(layer, o, frac);
        kernel.forEach((plane, ci) =>
          plane.forEach((row, ki) =>
            row.forEach((wv, kj) => {
              const y = i * sh - top + ki * dh;
              const z = j * sw - left + kj * dw;
              // Padded positions hold raw 0 and contribute nothing.
              if (y >= 0 && y < h && z >= 0 && z < w) acc += BigInt(wv) * x[((firstChannel + ci) * h + y) * w + z];
            }),
          ),
        );
        out.push(finish(acc, frac, layer));
      }
    }
  }
  return out;
}

function evalMaxPool(net: Network, layer: MaxPool2dLayer, x: readonly bigint[]): bigint[] {
  const [, h, w] = net.tensors.get(layer.input)!.shape;
  const [c, oh, ow] = net.tensors.get(layer.output)!.shape;
  const out: bigint[] = [];
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        let m = x[(ch * h + i * layer.stride[0]) * w + j * layer.stride[1]];
        for (let ki = 0; ki < layer.kernel[0]; ki++) {
          for (let kj = 0; kj < layer.kernel[1]; kj++) {
            const v = x[(ch * h + i * layer.stride[0] + ki) * w + j * layer.stride[1] + kj];
            if (v > m) m = v;
          }
        }
        out.push(m);
      }
    }
  }
  return out;
}

function evalAdd(net: Network, layer: AddLayer, a: readonly bigint[], b: readonly bigint[]): bigint[] {
  const fa = net.tensors.get(layer.inputs[0])!.type.frac;
  const fb = net.tensors.get(layer.inputs[1])!.type.frac;
  const frac = Math.max(fa, fb);
  return a.map((x, k) => finish((x << BigInt(frac - fa)) + (b[k] << BigInt(frac - fb)), frac, layer));
}
