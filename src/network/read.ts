/**
 * Validation of `fixed-point-network/1` files (shared/spec/fixed-point-network.md)
 * into the {@link Network} IR.
 *
 * Every problem is one {@link InputError}: the file, the JSON path
 * (`layers[2].weights.values[3][1]`), what was expected and what was found.
 * The first problem found is reported; checks run in file order.
 *
 * Where the contract is silent, this reader decides as follows (each is tested):
 * - `name` (network and layer) is optional (the spec's example has both, but
 *   nothing in the arithmetic depends on them): a missing network name reads
 *   as `""`, a missing layer name as its JSON path `layers[i]`. When present,
 *   a name must be a string.
 * - Tensor names are non-empty strings without control characters, unique
 *   among tensors (network inputs and layer outputs). Layer names are unique
 *   among layers; a layer may share its name with a tensor (ONNX exports often
 *   name a layer after its output).
 * - A network has at least one input and at least one output; `outputs` has no
 *   repeats and may name a network input (the port is passed through) or any
 *   layer output. `layers` may be empty.
 * - Shapes have at least one dimension, each at least 1.
 * - `type` is required on the requantizing layers (dense, conv2d, add,
 *   requant): the output type has no sensible default.
 * - An optional field that is `null` counts as absent (Python exporters write
 *   `None`).
 * - Fields the format does not define are ignored (the format may grow). But a
 *   field the format defines for another operator, with a value that would
 *   change the result if it were honoured (a `bias` on `add`, `activation:
 *   "relu"` on `maxpool2d`, padding on `maxpool2d`, a `type` on `flatten` that
 *   differs from its input's), is an error rather than silently dropped.
 * - Numbers must be integers in JSON; `4.0` reads as 4 (it is the integer 4).
 * - Sizes are bounded (see `limits.ts`); the message names the limit.
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { InputError, describeValue } from '../errors.js';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES, formatType, maxRaw, minRaw } from '../fixed/types.js';
import { parseJsonText } from '../io/json.js';
import { layerWork } from './info.js';
import {
  MAX_ABS_FRAC,
  MAX_PARAMETER,
  MAX_TENSOR_ELEMENTS,
  MAX_TOTAL_ELEMENTS,
  MAX_TOTAL_WEIGHTS,
  MAX_TOTAL_WORK,
} from './limits.js';
import type { Activation, Constant, Layer, Network, Requantizing, TensorSpec } from './types.js';
import { numel } from './types.js';

/** The operators of `fixed-point-network/1`. */
export const LAYER_OPS = ['dense', 'conv2d', 'maxpool2d', 'add', 'requant', 'flatten'] as const;

/** The activations of `fixed-point-network/1`. */
export const ACTIVATIONS = ['identity', 'relu'] as const;

type Json = Record<string, unknown>;

const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);
const shapeText = (s: readonly number[]): string => `[${s.join(', ')}]`;
const absent = (v: unknown): boolean => v === undefined || v === null;

/** The validator of one file: its name, and the state of the walk so far. */
class Reader {
  /** Tensors defined so far (inputs, then outputs of the layers read). */
  readonly tensors = new Map<string, TensorSpec>();
  /** Where each tensor was defined, for messages. */
  readonly definedAt = new Map<string, string>();
  totalElements = 0;
  totalWeights = 0;
  totalWork = 0;

  constructor(readonly file: string) {}

  fail(place: string, expected: string, found: string): never {
    throw new InputError(this.file, place || 'top level', expected, found);
  }

  object(v: unknown, path: string, what = 'an object'): Json {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, what, describeValue(v));
    return v as Json;
  }

  array(v: unknown, path: string, what = 'an array'): unknown[] {
    if (!Array.isArray(v)) this.fail(path, what, describeValue(v));
    return v;
  }

  int(v: unknown, path: string, lo: number, hi: number, what?: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) this.fail(path, what ?? `an integer in [${lo}, ${hi}]`, describeValue(v));
    return v;
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'a string', describeValue(v));
    return v;
  }

  /** A tensor name: non-empty, no control characters. */
  name(v: unknown, path: string): string {
    const s = this.string(v, path);
    // eslint-disable-next-line no-control-regex
    if (s === '' || /[\u0000-\u001f\u007f]/.test(s)) this.fail(path, 'a non-empty name without control characters', describeValue(s));
    return s;
  }

  choice<T extends string>(v: unknown, path: string, options: readonly T[], dflt?: T): T {
    if (dflt !== undefined && absent(v)) return dflt;
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      this.fail(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, describeValue(v));
    }
    return v as T;
  }

  /** A fixed array of integers in [lo, hi], or `dflt` when absent. */
  ints(v: unknown, path: string, length: number, lo: number, hi: number, dflt?: readonly number[]): number[] {
    if (dflt !== undefined && absent(v)) return [...dflt];
    const a = this.array(v, path, `an array of ${length} integers in [${lo}, ${hi}]`);
    if (a.length !== length) this.fail(path, `an array of ${length} integers in [${lo}, ${hi}]`, describeValue(a));
    return a.map((x, i) => this.int(x, `${path}[${i}]`, lo, hi));
  }

  fixedType(v: unknown, path: string): FixedType {
    const o = this.object(v, path, 'a fixed-point type {"signed", "bits", "frac"}');
    if (typeof o.signed !== 'boolean') this.fail(at(path, 'signed'), 'true or false', describeValue(o.signed));
    const bits = this.int(o.bits, at(path, 'bits'), 1, 32);
    const frac = this.int(o.frac, at(path, 'frac'), -MAX_ABS_FRAC, MAX_ABS_FRAC, `an integer in [-${MAX_ABS_FRAC}, ${MAX_ABS_FRAC}] (a size limit of bnnu)`);
    return { signed: o.signed, bits, frac };
  }

  shape(v: unknown, path: string): number[] {
    const a = this.array(v, path, 'a shape: an array of positive integers');
    if (a.length === 0) this.fail(path, 'a shape with at least one dimension', 'an empty array');
    let n = 1;
    const dims = a.map((d, i) => {
      const x = this.int(d, `${path}[${i}]`, 1, MAX_TENSOR_ELEMENTS, `a positive integer (at most ${MAX_TENSOR_ELEMENTS})`);
      n *= x; // both factors <= 2^20 and n <= 2^20 before: exact
      if (n > MAX_TENSOR_ELEMENTS) this.fail(path, `at most ${MAX_TENSOR_ELEMENTS} elements (a size limit of bnnu)`, `a shape with more than ${MAX_TENSOR_ELEMENTS} elements`);
      return x;
    });
    return dims;
  }

  /** The sizes of a nested array along its first elements, checked non-empty. */
  inferDims(v: unknown, path: string, rank: number): number[] {
    const dims: number[] = [];
    let cur = v;
    let p = path;
    for (let r = 0; r < rank; r++) {
      const a = this.array(cur, p, `a non-empty array (${rank - r} more nesting levels)`);
      if (a.length === 0) this.fail(p, 'a non-empty array', 'an empty array');
      dims.push(a.length);
      cur = a[0];
      p = `${p}[0]`;
    }
    return dims;
  }

  /** Nested arrays of exactly `dims`, with every leaf a raw value of `t`. */
  values(v: unknown, path: string, dims: readonly number[], t: FixedType): unknown {
    let count = 1;
    for (const d of dims) {
      count *= d;
      if (count > MAX_TENSOR_ELEMENTS) this.fail(path, `at most ${MAX_TENSOR_ELEMENTS} values (a size limit of bnnu)`, `dimensions ${shapeText(dims)}`);
    }
    this.totalWeights += count;
    if (this.totalWeights > MAX_TOTAL_WEIGHTS) this.fail(path, `at most ${MAX_TOTAL_WEIGHTS} weight and bias values in a network (a size limit of bnnu)`, 'more');
    const lo = Number(minRaw(t));
    const hi = Number(maxRaw(t));
    const what = `an integer in [${lo}, ${hi}] (type ${formatType(t)})`;
    const walk = (x: unknown, p: string, r: number): unknown => {
      if (r === dims.length) return this.int(x, p, lo, hi, what);
      const a = this.array(x, p, `an array of length ${dims[r]}`);
      if (a.length !== dims[r]) this.fail(p, `an array of length ${dims[r]}`, `length ${a.length}`);
      return a.map((y, i) => walk(y, `${p}[${i}]`, r + 1));
    };
    return walk(v, path, 0);
  }

  /** A constant `{type, values}` whose values have `dims`, or `rank` dims inferred when `dims` has nulls. */
  constant(v: unknown, path: string, dims: readonly (number | null)[]): { type: FixedType; values: unknown; dims: number[] } {
    const o = this.object(v, path, 'an object {"type", "values"}');
    const type = this.fixedType(o.type, at(path, 'type'));
    const inferred = this.inferDims(o.values, at(path, 'values'), dims.length);
    const full = dims.map((d, i) => d ?? inferred[i]);
    return { type, values: this.values(o.values, at(path, 'values'), full, type), dims: full };
  }

  /** A reference to a tensor defined before this point. */
  ref(v: unknown, path: string, later: ReadonlyMap<string, number>): TensorSpec {
    const s = this.string(v, path);
    const t = this.tensors.get(s);
    if (t) return t;
    const l = later.get(s);
    const why = l !== undefined ? ` (the output of layers[${l}], not yet computed here)` : ' (not a tensor of this network)';
    this.fail(path, 'the name of a network input or of an earlier layer\'s output', `${JSON.stringify(s)}${why}`);
  }

  /** Define a new tensor, checking its name is fresh and the size budget. */
  define(spec: TensorSpec, path: string): void {
    const prev = this.definedAt.get(spec.name);
    if (prev !== undefined) this.fail(path, 'a tensor name not used before', `${JSON.stringify(spec.name)}, already defined at ${prev}`);
    const n = numel(spec.shape);
    if (n > MAX_TENSOR_ELEMENTS) this.fail(path, `a tensor of at most ${MAX_TENSOR_ELEMENTS} elements (a size limit of bnnu)`, `shape ${shapeText(spec.shape)}`);
    this.totalElements += n;
    if (this.totalElements > MAX_TOTAL_ELEMENTS) this.fail(path, `at most ${MAX_TOTAL_ELEMENTS} tensor elements in a network (a size limit of bnnu)`, 'more');
    this.tensors.set(spec.name, spec);
    this.definedAt.set(spec.name, path);
  }
}

/** The requantizing fields (`type`, `rounding`, `overflow`, `activation`) with defaults. */
function requantizing(r: Reader, o: Json, p: string): Requantizing {
  return {
    type: r.fixedType(o.type, at(p, 'type')),
    rounding: r.choice(o.rounding, at(p, 'rounding'), ROUNDING_MODES, 'floor'),
    overflow: r.choice(o.overflow, at(p, 'overflow'), OVERFLOW_MODES, 'saturate'),
    activation: r.choice<Activation>(o.activation, at(p, 'activation'), ACTIVATIONS, 'identity'),
  };
}

/** Require an input of shape [C, H, W]. */
function chw(r: Reader, t: TensorSpec, path: string, op: string): [number, number, number] {
  if (t.shape.length !== 3) r.fail(path, `a tensor of shape [C, H, W] for ${op}`, `${JSON.stringify(t.name)} of shape ${shapeText(t.shape)}`);
  return [t.shape[0], t.shape[1], t.shape[2]];
}

/** Fields defined for some operators, with the value that makes them harmless elsewhere. */
const NEUTRAL: Record<string, { ops: readonly string[]; neutral?: unknown }> = {
  weights: { ops: ['dense', 'conv2d'] },
  bias: { ops: ['dense', 'conv2d'] },
  stride: { ops: ['conv2d', 'maxpool2d'], neutral: [1, 1] },
  padding: { ops: ['conv2d'], neutral: [0, 0, 0, 0] },
  dilation: { ops: ['conv2d'], neutral: [1, 1] },
  groups: { ops: ['conv2d'], neutral: 1 },
  kernel: { ops: ['maxpool2d', 'conv2d'] },
  activation: { ops: ['dense', 'conv2d', 'add', 'requant'], neutral: 'identity' },
  input: { ops: ['dense', 'conv2d', 'maxpool2d', 'requant', 'flatten'] },
  inputs: { ops: ['add'] },
};

/** Reject a defined field on an operator that would ignore it while it says something. */
function rejectMisplaced(r: Reader, o: Json, p: string, op: string): void {
  for (const [key, { ops, neutral }] of Object.entries(NEUTRAL)) {
    const v = o[key];
    if (absent(v) || ops.includes(op)) continue;
    if (neutral !== undefined && JSON.stringify(v) === JSON.stringify(neutral)) continue;
    const tail = neutral === undefined ? '' : ` (or ${JSON.stringify(neutral)})`;
    r.fail(at(p, key), `no ${key} on a ${op} layer${tail}: only ${ops.join(', ')} use it`, describeValue(v));
  }
}

/** Read one layer; returns it with its output tensor's shape and type. */
function readLayer(r: Reader, v: unknown, p: string, later: ReadonlyMap<string, number>): { layer: Layer; shape: number[]; type: FixedType } {
  const o = r.object(v, p, 'a layer object');
  const name = o.name === undefined || o.name === null ? p : r.string(o.name, at(p, 'name'));
  const op = r.choice(o.op, at(p, 'op'), LAYER_OPS);
  rejectMisplaced(r, o, p, op);
  const output = r.name(o.output, at(p, 'output'));
  const base = { name, output };
  switch (op) {
    case 'dense': {
      const x = r.ref(o.input, at(p, 'input'), later);
      const n = numel(x.shape);
      const w = r.constant(o.weights, at(p, 'weights'), [null, n]);
      const q = requantizing(r, o, p);
      const bias = readBias(r, o.bias, at(p, 'bias'), w.dims[0], x.type.frac + w.type.frac);
      const layer: Layer = { ...base, op, input: x.name, weights: w as Constant<number[][]>, ...(bias && { bias }), ...q };
      return { layer, shape: [w.dims[0]], type: q.type };
    }
    case 'conv2d':
      return readConv(r, o, p, later, base);
    case 'maxpool2d': {
      const x = r.ref(o.input, at(p, 'input'), later);
      const [c, h, w] = chw(r, x, at(p, 'input'), op);
      sameType(r, o, p, x);
      const kernel = r.ints(o.kernel, at(p, 'kernel'), 2, 1, MAX_PARAMETER) as [number, number];
      const stride = r.ints(o.stride, at(p, 'stride'), 2, 1, MAX_PARAMETER, kernel) as [number, number];
      if (kernel[0] > h || kernel[1] > w) r.fail(at(p, 'kernel'), `a window that fits the input (at most [${h}, ${w}])`, shapeText(kernel));
      const shape = [c, Math.floor((h - kernel[0]) / stride[0]) + 1, Math.floor((w - kernel[1]) / stride[1]) + 1];
      return { layer: { ...base, op, input: x.name, kernel, stride }, shape, type: x.type };
    }
    case 'add': {
      const ins = r.array(o.inputs, at(p, 'inputs'), 'an array of two tensor names');
      if (ins.length !== 2) r.fail(at(p, 'inputs'), 'an array of two tensor names', describeValue(ins));
      const a = r.ref(ins[0], at(p, 'inputs[0]'), later);
      const b = r.ref(ins[1], at(p, 'inputs[1]'), later);
      if (shapeText(a.shape) !== shapeText(b.shape)) {
        r.fail(at(p, 'inputs[1]'), `a tensor of the shape of ${JSON.stringify(a.name)}, ${shapeText(a.shape)}`, `${JSON.stringify(b.name)} of shape ${shapeText(b.shape)}`);
      }
      const q = requantizing(r, o, p);
      return { layer: { ...base, op, inputs: [a.name, b.name], ...q }, shape: [...a.shape], type: q.type };
    }
    case 'requant': {
      const x = r.ref(o.input, at(p, 'input'), later);
      const q = requantizing(r, o, p);
      return { layer: { ...base, op, input: x.name, ...q }, shape: [...x.shape], type: q.type };
    }
    case 'flatten': {
      const x = r.ref(o.input, at(p, 'input'), later);
      sameType(r, o, p, x);
      return { layer: { ...base, op, input: x.name }, shape: [numel(x.shape)], type: x.type };
    }
  }
}

/** On maxpool2d and flatten, a `type` (if given) must be the input's: they do not requantize. */
function sameType(r: Reader, o: Json, p: string, x: TensorSpec): void {
  if (absent(o.type)) return;
  const t = r.fixedType(o.type, at(p, 'type'));
  if (formatType(t) !== formatType(x.type)) {
    r.fail(at(p, 'type'), `the input's type ${formatType(x.type)} or no type (this operator does not requantize)`, formatType(t));
  }
}

/** An optional bias of `out` values whose frac is at most `accFrac`. */
function readBias(r: Reader, v: unknown, p: string, out: number, accFrac: number): Constant<number[]> | undefined {
  if (absent(v)) return undefined;
  const b = r.constant(v, p, [out]);
  if (b.type.frac > accFrac) {
    r.fail(at(p, 'type.frac'), `at most ${accFrac} (input frac + weight frac)`, String(b.type.frac));
  }
  return { type: b.type, values: b.values as number[] };
}

/** Read a conv2d layer. */
function readConv(
  r: Reader,
  o: Json,
  p: string,
  later: ReadonlyMap<string, number>,
  base: { name: string; output: string },
): { layer: Layer; shape: number[]; type: FixedType } {
  const x = r.ref(o.input, at(p, 'input'), later);
  const [c, h, w] = chw(r, x, at(p, 'input'), 'conv2d');
  const groups = r.int(absent(o.groups) ? 1 : o.groups, at(p, 'groups'), 1, MAX_PARAMETER);
  if (c % groups !== 0) r.fail(at(p, 'groups'), `a divisor of the input channels C = ${c}`, String(groups));
  const wt = r.constant(o.weights, at(p, 'weights'), [null, c / groups, null, null]);
  const [oc, , kh, kw] = wt.dims;
  if (oc % groups !== 0) r.fail(at(p, 'weights.values'), `a multiple of groups = ${groups} output channels`, `${oc} output channels`);
  const stride = r.ints(o.stride, at(p, 'stride'), 2, 1, MAX_PARAMETER, [1, 1]) as [number, number];
  const padding = r.ints(o.padding, at(p, 'padding'), 4, 0, MAX_PARAMETER, [0, 0, 0, 0]) as [number, number, number, number];
  const dilation = r.ints(o.dilation, at(p, 'dilation'), 2, 1, MAX_PARAMETER, [1, 1]) as [number, number];
  const q = requantizing(r, o, p);
  const bias = readBias(r, o.bias, at(p, 'bias'), oc, x.type.frac + wt.type.frac);
  const span = (k: number, d: number) => d * (k - 1) + 1;
  const padded = [h + padding[0] + padding[2], w + padding[1] + padding[3]];
  if (span(kh, dilation[0]) > padded[0] || span(kw, dilation[1]) > padded[1]) {
    r.fail(
      p,
      'a dilated kernel that fits the padded input (output size >= 1)',
      `dilated kernel ${span(kh, dilation[0])}x${span(kw, dilation[1])} on padded input ${padded[0]}x${padded[1]}`,
    );
  }
  const oh = Math.floor((padded[0] - span(kh, dilation[0])) / stride[0]) + 1;
  const ow = Math.floor((padded[1] - span(kw, dilation[1])) / stride[1]) + 1;
  const weights = { type: wt.type, values: wt.values } as Constant<number[][][][]>;
  const layer: Layer = { ...base, op: 'conv2d', input: x.name, weights, ...(bias && { bias }), stride, padding, dilation, groups, ...q };
  return { layer, shape: [oc, oh, ow], type: q.type };
}

/** Read the `inputs` array of a network. */
function readInputs(r: Reader, v: unknown): TensorSpec[] {
  const a = r.array(v, 'inputs', 'an array of input tensors');
  if (a.length === 0) r.fail('inputs', 'at least one input tensor', 'an empty array');
  return a.map((x, i) => {
    const p = `inputs[${i}]`;
    const o = r.object(x, p, 'an input tensor {"name", "shape", "type"}');
    const spec = { name: r.name(o.name, at(p, 'name')), shape: r.shape(o.shape, at(p, 'shape')), type: r.fixedType(o.type, at(p, 'type')) };
    r.define(spec, at(p, 'name'));
    return spec;
  });
}

/** Read the `outputs` array of a network. */
function readOutputs(r: Reader, v: unknown): string[] {
  const a = r.array(v, 'outputs', 'an array of tensor names');
  if (a.length === 0) r.fail('outputs', 'at least one output tensor name', 'an empty array');
  const seen = new Set<string>();
  return a.map((x, i) => {
    const t = r.ref(x, `outputs[${i}]`, new Map());
    if (seen.has(t.name)) r.fail(`outputs[${i}]`, 'each output named once', `${JSON.stringify(t.name)} again`);
    seen.add(t.name);
    return t.name;
  });
}

/**
 * Validate parsed JSON as a `fixed-point-network/1` network, filling every
 * default, or throw an {@link InputError} naming the first problem.
 *
 * @example
 * ```ts
 * import { validateNetwork } from 'bnn-universal';
 * const net = validateNetwork({
 *   format: 'fixed-point-network/1', name: 'id',
 *   inputs: [{ name: 'x', shape: [2], type: { signed: true, bits: 4, frac: 0 } }],
 *   layers: [{ name: 'r', op: 'requant', input: 'x', output: 'y', type: { signed: true, bits: 2, frac: 0 } }],
 *   outputs: ['y'],
 * }, 'inline');
 * console.log(net.layers[0].op, net.tensors.get('y')?.shape); // requant [ 2 ]
 * ```
 */
export function validateNetwork(json: unknown, file: string): Network {
  const r = new Reader(file);
  const o = r.object(json, '', 'a fixed-point network object');
  if (o.format !== 'fixed-point-network/1') r.fail('format', '"fixed-point-network/1"', describeValue(o.format));
  const name = o.name === undefined || o.name === null ? '' : r.string(o.name, 'name');
  const inputs = readInputs(r, o.inputs);
  const layerJson = r.array(o.layers, 'layers', 'an array of layers');
  // Where each tensor is produced, to tell "defined later" from "never defined".
  const later = new Map<string, number>();
  layerJson.forEach((l, i) => {
    const out = l !== null && typeof l === 'object' ? (l as Json).output : undefined;
    if (typeof out === 'string' && !later.has(out)) later.set(out, i);
  });
  const layerNames = new Map<string, number>();
  const layers = layerJson.map((l, i) => {
    const p = `layers[${i}]`;
    const { layer, shape, type } = readLayer(r, l, p, later);
    const prev = layerNames.get(layer.name);
    if (prev !== undefined) r.fail(at(p, 'name'), 'a layer name not used by another layer', `${JSON.stringify(layer.name)}, also the name of layers[${prev}]`);
    layerNames.set(layer.name, i);
    r.define({ name: layer.output, shape, type }, at(p, 'output'));
    r.totalWork += layerWork(layer, shape);
    if (r.totalWork > MAX_TOTAL_WORK) r.fail(p, `at most ${MAX_TOTAL_WORK} multiply-accumulates and comparisons per evaluation (a size limit of bnnu)`, 'a network that needs more');
    return layer;
  });
  const outputs = readOutputs(r, o.outputs);
  return { format: 'fixed-point-network/1', name, inputs, layers, outputs, tensors: r.tensors };
}

/**
 * Read and validate a network file; every failure (missing file, bad JSON,
 * invalid network) is an {@link InputError} (exit 2).
 * @example
 * ```ts
 * import { readNetworkFile } from 'bnn-universal';
 * const net = readNetworkFile('examples/mlp4.json');
 * console.log(net.outputs); // [ 'y' ]
 * ```
 */
export function readNetworkFile(path: string): Network {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new InputError(path, 'file', 'a regular file', 'a directory or device');
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, 'file', 'a readable file', (e as NodeJS.ErrnoException).code ?? 'an unreadable path');
  }
  return validateNetwork(parseJsonText(text, path), path);
}
