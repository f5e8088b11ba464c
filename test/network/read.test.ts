/**
 * validateNetwork: defaults, the decisions where the spec is silent, and one
 * located error per kind of corruption (by hand and as a property over random
 * valid networks).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { MAX_ABS_FRAC, MAX_TENSOR_ELEMENTS, MAX_TOTAL_WORK } from '../../src/network/limits.js';
import { readNetworkFile, validateNetwork } from '../../src/network/read.js';
import type { Conv2dLayer, DenseLayer, MaxPool2dLayer } from '../../src/network/types.js';
import { type NetworkJson, cnnNetworkArb, denseNetworkArb } from '../../src/testing/arbitraries.js';

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const s = (bits: number, frac: number) => ({ signed: true, bits, frac });
const u = (bits: number, frac: number) => ({ signed: false, bits, frac });

/** A small valid network touching every operator; tests corrupt copies of it. */
function base(): J {
  return {
    format: 'fixed-point-network/1',
    name: 'base',
    inputs: [{ name: 'x', shape: [2, 3, 3], type: s(4, 1) }],
    layers: [
      { name: 'c', op: 'conv2d', input: 'x', output: 'a', weights: { type: s(3, 0), values: [[[[1, 0], [0, 1]]], [[[0, -1], [1, 0]]]] }, groups: 2, type: s(6, 1) },
      { name: 'p', op: 'maxpool2d', input: 'a', output: 'b', kernel: [2, 2], stride: [1, 1] },
      { name: 'r', op: 'requant', input: 'b', output: 'q', type: s(5, 2), rounding: 'half-even' },
      { name: 's', op: 'add', inputs: ['b', 'q'], output: 'sum', type: s(6, 1), overflow: 'wrap' },
      { name: 'f', op: 'flatten', input: 'sum', output: 'v' },
      { name: 'd', op: 'dense', input: 'v', output: 'y', weights: { type: s(4, 2), values: [[1, 2], [3, 4]] }, bias: { type: s(8, 3), values: [5, -6] }, activation: 'relu', type: u(4, 0) },
    ],
    outputs: ['y'],
  };
}

/** The error of validating `json`. */
function errorOf(json: unknown): InputError {
  try {
    validateNetwork(json, 'net.json');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e;
  }
  throw new Error('validation passed');
}

/** Expect `json` to fail at `place`, with `expected` (and `found`) containing the given text. */
function rejects(json: unknown, place: string, expected?: string | RegExp, found?: string | RegExp): void {
  const e = errorOf(json);
  expect(e.place).toBe(place);
  expect(e.file).toBe('net.json');
  expect(e.message).not.toContain('\n');
  if (expected !== undefined) expect(e.expected).toMatch(expected);
  if (found !== undefined) expect(e.found).toMatch(found);
}

function edit(f: (j: J) => void): J {
  const j = base();
  f(j);
  return j;
}

describe('valid networks', () => {
  test('the base network validates, with defaults filled in and tensors computed', () => {
    const net = validateNetwork(base(), 'net.json');
    const [c, p, r, add, , d] = net.layers;
    expect(c).toMatchObject({ stride: [1, 1], padding: [0, 0, 0, 0], dilation: [1, 1], groups: 2, rounding: 'floor', overflow: 'saturate', activation: 'identity' });
    expect((c as Conv2dLayer).bias).toBeUndefined();
    expect(p).toMatchObject({ kernel: [2, 2], stride: [1, 1] });
    expect(r).toMatchObject({ rounding: 'half-even', overflow: 'saturate', activation: 'identity' });
    expect(add).toMatchObject({ inputs: ['b', 'q'], overflow: 'wrap', rounding: 'floor' });
    expect((d as DenseLayer).bias?.values).toEqual([5, -6]);
    expect([...net.tensors.entries()].map(([n, t]) => [n, t.shape, `${t.type.signed ? 's' : 'u'}${t.type.bits}.${t.type.frac}`])).toEqual([
      ['x', [2, 3, 3], 's4.1'],
      ['a', [2, 2, 2], 's6.1'],
      ['b', [2, 1, 1], 's6.1'],
      ['q', [2, 1, 1], 's5.2'],
      ['sum', [2, 1, 1], 's6.1'],
      ['v', [2], 's6.1'],
      ['y', [2], 'u4.0'],
    ]);
  });

  test('maxpool stride defaults to the kernel', () => {
    const net = validateNetwork(edit((j) => delete j.layers[1].stride), 'net.json');
    expect((net.layers[1] as MaxPool2dLayer).stride).toEqual([2, 2]);
    expect(net.tensors.get('b')!.shape).toEqual([2, 1, 1]);
  });

  test('conv2d output size follows the formula with padding, stride and dilation', () => {
    // H = W = 3, kernel 2x2, dilation [2, 1], padding [1, 0, 2, 1], stride [2, 1]:
    // OH = floor((3 + 1 + 2 - 2*1 - 1) / 2) + 1 = 2; OW = floor((3 + 0 + 1 - 1 - 1) / 1) + 1 = 3.
    const net = validateNetwork(edit((j) => Object.assign(j.layers[0], { dilation: [2, 1], padding: [1, 0, 2, 1], stride: [2, 1] }) && (j.layers = j.layers.slice(0, 1)) && (j.outputs = ['a'])), 'net.json');
    expect(net.tensors.get('a')!.shape).toEqual([2, 2, 3]);
  });

  test('null counts as absent for optional fields', () => {
    const net = validateNetwork(edit((j) => Object.assign(j.layers[5], { bias: null, rounding: null, activation: null })), 'net.json');
    expect(net.layers[5]).toMatchObject({ rounding: 'floor', activation: 'identity' });
    expect((net.layers[5] as DenseLayer).bias).toBeUndefined();
  });

  test('unknown fields are ignored, anywhere', () => {
    validateNetwork(edit((j) => Object.assign(j, { meta: { by: 'me' } }) && Object.assign(j.layers[0], { note: 1, kernel_shape: [9, 9] }) && Object.assign(j.inputs[0].type, { comment: 'x' })), 'net.json');
  });

  test('neutral values of fields another operator defines are accepted', () => {
    validateNetwork(edit((j) => Object.assign(j.layers[4], { activation: 'identity', type: s(6, 1), rounding: 'ceil', stride: [1, 1] })), 'net.json');
    validateNetwork(edit((j) => Object.assign(j.layers[5], { groups: 1, padding: [0, 0, 0, 0] })), 'net.json');
  });

  test('a layer may share its name with a tensor; an output may name a network input; layers may be empty', () => {
    validateNetwork(edit((j) => (j.layers[5].name = 'y')), 'net.json');
    const id = validateNetwork({ format: 'fixed-point-network/1', name: 'id', inputs: [{ name: 'x', shape: [1], type: s(2, 0) }], layers: [], outputs: ['x'] }, 'net.json');
    expect(id.outputs).toEqual(['x']);
    validateNetwork(edit((j) => (j.outputs = ['x', 'y', 'a'])), 'net.json');
  });

  test('fracs may be negative or larger than the width; bits 1 and 32 work; 4.0 is the integer 4', () => {
    validateNetwork(edit((j) => Object.assign(j.inputs[0], { type: s(32, -7) }) && Object.assign(j.layers[5], { type: u(1, 40) })), 'net.json');
    const net = validateNetwork(edit((j) => (j.layers[5].weights.values[0][0] = 4.0)), 'net.json');
    expect((net.layers[5] as DenseLayer).weights.values[0][0]).toBe(4);
  });

  test('bias frac may equal input frac + weight frac (and be smaller)', () => {
    // dense input v has frac 1, weights frac 2: the limit is 3.
    validateNetwork(edit((j) => (j.layers[5].bias.type = s(8, 3))), 'net.json');
    validateNetwork(edit((j) => (j.layers[5].bias.type = s(8, -4))), 'net.json');
  });

  test('dense flattens an input of any shape', () => {
    const net = validateNetwork(
      { format: 'fixed-point-network/1', name: 'd', inputs: [{ name: 'x', shape: [2, 2], type: s(4, 0) }], layers: [{ name: 'd', op: 'dense', input: 'x', output: 'y', weights: { type: s(2, 0), values: [[1, 0, -1, 1]] }, type: s(4, 0) }], outputs: ['y'] },
      'net.json',
    );
    expect(net.tensors.get('y')!.shape).toEqual([1]);
  });
});

describe('every kind of corruption is reported with its path', () => {
  test('not an object, unknown format, a name that is not a string', () => {
    rejects([1, 2], 'top level', 'a fixed-point network object', 'an array of length 2');
    rejects(edit((j) => (j.format = 'fixed-point-network/2')), 'format', '"fixed-point-network/1"', '"fixed-point-network/2"');
    rejects(edit((j) => delete j.format), 'format', undefined, 'nothing');
    rejects(edit((j) => (j.name = 7)), 'name', 'a string', '7');
    rejects(edit((j) => (j.layers[2].name = [])), 'layers[2].name', 'a string', 'an array of length 0');
  });

  test('names are optional: a missing network name is "", a missing layer name its path', () => {
    const net = validateNetwork(edit((j) => { delete j.name; delete j.layers[2].name; }), 'net.json');
    expect(net.name).toBe('');
    expect(net.layers[2].name).toBe('layers[2]');
  });

  test('out-of-range raw values and non-integers name the element', () => {
    rejects(edit((j) => (j.layers[5].weights.values[1][0] = 8)), 'layers[5].weights.values[1][0]', 'an integer in [-8, 7] (type s4.2)', '8');
    rejects(edit((j) => (j.layers[5].weights.values[1][1] = 0.5)), 'layers[5].weights.values[1][1]', 'an integer in [-8, 7]', '0.5');
    rejects(edit((j) => (j.layers[5].weights.values[0][1] = '1')), 'layers[5].weights.values[0][1]', undefined, '"1"');
    rejects(edit((j) => (j.layers[5].bias.values[1] = -129)), 'layers[5].bias.values[1]', 'an integer in [-128, 127] (type s8.3)');
    rejects(edit((j) => (j.layers[0].weights.values[1][0][1][0] = -5)), 'layers[0].weights.values[1][0][1][0]', 'an integer in [-4, 3] (type s3.0)', '-5');
  });

  test('wrong row lengths and shape mismatches', () => {
    rejects(edit((j) => j.layers[5].weights.values[1].pop()), 'layers[5].weights.values[1]', 'an array of length 2', 'length 1');
    rejects(edit((j) => j.layers[5].weights.values[0].push(1)), 'layers[5].weights.values[0]', 'an array of length 2', 'length 3');
    rejects(edit((j) => j.layers[5].bias.values.push(1)), 'layers[5].bias.values', 'an array of length 2', 'length 3');
    rejects(edit((j) => (j.layers[5].weights.values = [])), 'layers[5].weights.values', 'a non-empty array', 'an empty array');
    rejects(edit((j) => (j.layers[0].weights.values[1][0][0] = [1])), 'layers[0].weights.values[1][0][0]', 'an array of length 2', 'length 1');
    rejects(edit((j) => (j.layers[3].inputs = ['b', 'v'])), 'layers[3].inputs[1]', undefined, /layers\[4\], not yet computed/);
    rejects(edit((j) => (j.layers[3].inputs = ['b', 'x'])), 'layers[3].inputs[1]', 'a tensor of the shape of "b", [2, 1, 1]', '"x" of shape [2, 3, 3]');
    rejects(edit((j) => (j.layers[3].inputs = ['b'])), 'layers[3].inputs', 'an array of two tensor names', 'an array of length 1');
    rejects(edit((j) => (j.layers[1].input = 'v')), 'layers[1].input', undefined, '"v" (the output of layers[4], not yet computed here)');
    rejects(edit((j) => (j.layers[4].input = 'y') && (j.layers[5].input = 'v')), 'layers[4].input', undefined, /layers\[5\]/);
  });

  test('conv2d: groups, channels, input rank, kernel fit', () => {
    rejects(edit((j) => (j.layers[0].groups = 3)), 'layers[0].groups', 'a divisor of the input channels C = 2', '3');
    rejects(edit((j) => (j.layers[0].groups = 0)), 'layers[0].groups', 'an integer in [1, 1048576]', '0');
    rejects(edit((j) => (j.layers[0].groups = 1)), 'layers[0].weights.values[0]', 'an array of length 2', 'length 1');
    rejects(edit((j) => j.layers[0].weights.values.push([[[1, 1], [1, 1]]]) && (j.layers[0].groups = 2)), 'layers[0].weights.values', 'a multiple of groups = 2 output channels', '3 output channels');
    rejects(edit((j) => (j.layers[0].dilation = [3, 1])), 'layers[0]', /dilated kernel that fits/, 'dilated kernel 4x2 on padded input 3x3');
    rejects(edit((j) => (j.layers[0].stride = [0, 1])), 'layers[0].stride[0]', 'an integer in [1, 1048576]', '0');
    rejects(edit((j) => (j.layers[0].padding = [1, 1, 1])), 'layers[0].padding', 'an array of 4 integers in [0, 1048576]');
    rejects(edit((j) => (j.layers[0].padding = [0, -1, 0, 0])), 'layers[0].padding[1]', undefined, '-1');
    rejects(edit((j) => (j.inputs[0].shape = [18])), 'layers[0].input', 'a tensor of shape [C, H, W] for conv2d', '"x" of shape [18]');
    rejects(edit((j) => (j.layers[1].kernel = [3, 1])), 'layers[1].kernel', 'a window that fits the input (at most [2, 2])', '[3, 1]');
    rejects(edit((j) => delete j.layers[1].kernel), 'layers[1].kernel', undefined, 'nothing');
  });

  test('unknown ops and modes', () => {
    rejects(edit((j) => (j.layers[2].op = 'softmax')), 'layers[2].op', /one of "dense", "conv2d", "maxpool2d", "add", "requant", "flatten"/, '"softmax"');
    rejects(edit((j) => (j.layers[2].rounding = 'nearest')), 'layers[2].rounding', /"half-even"/, '"nearest"');
    rejects(edit((j) => (j.layers[3].overflow = 'clip')), 'layers[3].overflow', 'one of "saturate", "wrap"', '"clip"');
    rejects(edit((j) => (j.layers[5].activation = 'sigmoid')), 'layers[5].activation', 'one of "identity", "relu"', '"sigmoid"');
  });

  test('undefined tensors and duplicate names', () => {
    rejects(edit((j) => (j.layers[2].input = 'nope')), 'layers[2].input', "the name of a network input or of an earlier layer's output", '"nope" (not a tensor of this network)');
    rejects(edit((j) => (j.layers[2].output = 'a')), 'layers[2].output', 'a tensor name not used before', '"a", already defined at layers[0].output');
    rejects(edit((j) => (j.layers[2].output = 'x')), 'layers[2].output', undefined, '"x", already defined at inputs[0].name');
    rejects(edit((j) => (j.layers[3].name = 'c')), 'layers[3].name', 'a layer name not used by another layer', '"c", also the name of layers[0]');
    rejects(edit((j) => j.inputs.push({ name: 'x', shape: [1], type: s(2, 0) })), 'inputs[1].name', 'a tensor name not used before');
    rejects(edit((j) => (j.outputs = ['y', 'y'])), 'outputs[1]', 'each output named once', '"y" again');
    rejects(edit((j) => (j.outputs = ['z'])), 'outputs[0]', undefined, '"z" (not a tensor of this network)');
    rejects(edit((j) => (j.outputs = [])), 'outputs', 'at least one output tensor name', 'an empty array');
    rejects(edit((j) => (j.inputs = [])), 'inputs', 'at least one input tensor', 'an empty array');
    rejects(edit((j) => (j.layers[0].output = '')), 'layers[0].output', 'a non-empty name without control characters', '""');
    rejects(edit((j) => (j.inputs[0].name = 'x\ny')), 'inputs[0].name', 'a non-empty name without control characters');
  });

  test('bias frac larger than input frac + weight frac', () => {
    rejects(edit((j) => (j.layers[5].bias.type = s(8, 4))), 'layers[5].bias.type.frac', 'at most 3 (input frac + weight frac)', '4');
  });

  test('zero, negative and absurd sizes, without hanging', () => {
    rejects(edit((j) => (j.inputs[0].shape = [2, 0, 3])), 'inputs[0].shape[1]', /a positive integer/, '0');
    rejects(edit((j) => (j.inputs[0].shape = [2, -3, 3])), 'inputs[0].shape[1]', /a positive integer/, '-3');
    rejects(edit((j) => (j.inputs[0].shape = [])), 'inputs[0].shape', 'a shape with at least one dimension', 'an empty array');
    rejects(edit((j) => (j.inputs[0].shape = [1000000, 1000000])), 'inputs[0].shape', `at most ${MAX_TENSOR_ELEMENTS} elements (a size limit of bnnu)`);
    rejects(edit((j) => (j.inputs[0].shape = [1e300])), 'inputs[0].shape[0]', `a positive integer (at most ${MAX_TENSOR_ELEMENTS})`, '1e+300');
    rejects(edit((j) => (j.inputs[0].type.bits = 100000)), 'inputs[0].type.bits', 'an integer in [1, 32]', '100000');
    rejects(edit((j) => (j.inputs[0].type.bits = 0)), 'inputs[0].type.bits', 'an integer in [1, 32]', '0');
    rejects(edit((j) => (j.layers[2].type.frac = 1e9)), 'layers[2].type.frac', `an integer in [-${MAX_ABS_FRAC}, ${MAX_ABS_FRAC}] (a size limit of bnnu)`, '1000000000');
    rejects(edit((j) => (j.inputs[0].type.signed = 1)), 'inputs[0].type.signed', 'true or false', '1');
    // Padding is free, but the output it creates counts against the limits.
    rejects(edit((j) => (j.layers[0].padding = [0, 0, 5000, 5000])), 'layers[0].output', `a tensor of at most ${MAX_TENSOR_ELEMENTS} elements (a size limit of bnnu)`, 'shape [2, 5002, 5002]');
  });

  test('the work of one evaluation is bounded', () => {
    // A 1024x1024 input under a 1024-wide dense layer: 2^30 MACs, but the
    // weights alone exceed the per-tensor limit first; a conv with a large
    // kernel over a padded input exceeds the work limit.
    const big = {
      format: 'fixed-point-network/1',
      name: 'big',
      inputs: [{ name: 'x', shape: [1, 1024, 1024], type: s(2, 0) }],
      layers: [{ name: 'c', op: 'conv2d', input: 'x', output: 'y', weights: { type: s(2, 0), values: [[Array.from({ length: 32 }, () => Array(32).fill(1))]] }, padding: [31, 31, 0, 0], type: s(2, 0) }],
      outputs: ['y'],
    };
    rejects(big, 'layers[0]', `at most ${MAX_TOTAL_WORK} multiply-accumulates and comparisons per evaluation (a size limit of bnnu)`);
  });

  test('requantizing layers need a type; non-requantizing ones must not change it', () => {
    rejects(edit((j) => delete j.layers[2].type), 'layers[2].type', 'a fixed-point type {"signed", "bits", "frac"}', 'nothing');
    rejects(edit((j) => delete j.layers[3].type), 'layers[3].type');
    rejects(edit((j) => delete j.layers[5].type), 'layers[5].type');
    rejects(edit((j) => delete j.layers[0].type), 'layers[0].type');
    rejects(edit((j) => (j.layers[4].type = s(6, 2))), 'layers[4].type', "the input's type s6.1 or no type (this operator does not requantize)", 's6.2');
    rejects(edit((j) => (j.layers[1].type = u(6, 1))), 'layers[1].type', undefined, 'u6.1');
  });

  test('fields that would change the result where the operator ignores them', () => {
    rejects(edit((j) => (j.layers[3].bias = { type: s(4, 0), values: [1, 1] })), 'layers[3].bias', /no bias on a add layer.*dense, conv2d/);
    rejects(edit((j) => (j.layers[1].activation = 'relu')), 'layers[1].activation', /no activation on a maxpool2d layer \(or "identity"\)/, '"relu"');
    rejects(edit((j) => (j.layers[1].padding = [1, 1, 1, 1])), 'layers[1].padding', /no padding on a maxpool2d layer/);
    rejects(edit((j) => (j.layers[4].weights = j.layers[5].weights)), 'layers[4].weights');
    rejects(edit((j) => (j.layers[5].groups = 2)), 'layers[5].groups');
    rejects(edit((j) => (j.layers[3].input = 'b')), 'layers[3].input', /only dense, conv2d, maxpool2d, requant, flatten/);
    rejects(edit((j) => (j.layers[2].inputs = ['b', 'b'])), 'layers[2].inputs');
  });

  test('readNetworkFile: missing files and bad JSON are input errors too', () => {
    expect(() => readNetworkFile('/nonexistent/net.json')).toThrow(/\/nonexistent\/net.json: file: expected a readable file, found ENOENT/);
    expect(() => readNetworkFile('test')).toThrow(/expected a regular file/);
  });
});

/** A corruption: where it applies, how it breaks the JSON, and the path the error must name. */
interface Corruption {
  readonly kind: string;
  /** Mutate `j` (a fresh copy) using random choice `r`; return the expected error path, or null if not applicable. */
  readonly apply: (j: J, r: number) => string | null;
}

const pick = <T>(xs: readonly T[], r: number): T => xs[r % xs.length];
const layerIndices = (j: J, ops: readonly string[]): number[] => j.layers.map((l: J, i: number) => (ops.includes(l.op) ? i : -1)).filter((i: number) => i >= 0);

/** The path of leaf k (row-major) of nested arrays, and a setter. */
function leaf(values: J, k: number): { path: string; set: (v: unknown) => void } {
  let cur = values;
  let path = '';
  for (;;) {
    const sizes: number[] = [];
    const count = (v: J): number => (Array.isArray(v) ? v.reduce((a: number, x: J) => a + count(x), 0) : 1);
    for (const x of cur) sizes.push(count(x));
    const total = sizes.reduce((a, b) => a + b, 0);
    let idx = k % total;
    let i = 0;
    while (idx >= sizes[i]) idx -= sizes[i++];
    path += `[${i}]`;
    if (!Array.isArray(cur[i])) {
      const arr = cur;
      return { path, set: (v) => (arr[i] = v) };
    }
    cur = cur[i];
    k = idx;
  }
}

const CORRUPTIONS: Corruption[] = [
  {
    kind: 'out-of-range weight',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const t = j.layers[i].weights.type;
      const { path, set } = leaf(j.layers[i].weights.values, r >> 3);
      set(r % 2 ? (t.signed ? 2 ** (t.bits - 1) : 2 ** t.bits) : t.signed ? -(2 ** (t.bits - 1)) - 1 : -1);
      return `layers[${i}].weights.values${path}`;
    },
  },
  {
    kind: 'non-integer weight',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const { path, set } = leaf(j.layers[i].weights.values, r >> 3);
      set(pick([0.5, '1', null, true, [0]], r >> 1));
      return `layers[${i}].weights.values${path}`;
    },
  },
  {
    kind: 'out-of-range bias',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d']).filter((i: number) => j.layers[i].bias);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const k = (r >> 2) % j.layers[i].bias.values.length;
      j.layers[i].bias.values[k] = 2 ** 40;
      return `layers[${i}].bias.values[${k}]`;
    },
  },
  {
    kind: 'short weight row',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const o = (r >> 2) % j.layers[i].weights.values.length;
      j.layers[i].weights.values[o].pop();
      return `layers[${i}].weights.values[${o}]`;
    },
  },
  {
    kind: 'long bias',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d']).filter((i: number) => j.layers[i].bias);
      if (!ls.length) return null;
      const i = pick(ls, r);
      j.layers[i].bias.values.push(0);
      return `layers[${i}].bias.values`;
    },
  },
  {
    kind: 'bias frac too large',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d']).filter((i: number) => j.layers[i].bias);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const tensors = new Map<string, J>([...j.inputs.map((t: J) => [t.name, t.type]), ...j.layers.map((l: J) => [l.output, l.type])]);
      // The input's type: a network input, a requantizing layer's type, or (maxpool/flatten) its own input's.
      const typeOf = (name: string): J => {
        const t = tensors.get(name);
        if (t) return t;
        const l = j.layers.find((x: J) => x.output === name);
        return typeOf(l.input);
      };
      j.layers[i].bias.type.frac = typeOf(j.layers[i].input).frac + j.layers[i].weights.type.frac + 1 + (r % 3);
      return `layers[${i}].bias.type.frac`;
    },
  },
  {
    kind: 'unknown op',
    apply: (j, r) => {
      const i = r % j.layers.length;
      j.layers[i].op = pick(['softmax', 'Dense', '', 'conv3d'], r >> 3);
      return `layers[${i}].op`;
    },
  },
  {
    kind: 'unknown rounding or overflow mode',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d', 'add', 'requant']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const key = r % 2 ? 'rounding' : 'overflow';
      j.layers[i][key] = pick(['nearest', 'half_even', 'clamp', 7], r >> 2);
      return `layers[${i}].${key}`;
    },
  },
  {
    kind: 'undefined tensor',
    apply: (j, r) => {
      const i = r % j.layers.length;
      const l = j.layers[i];
      if (l.op === 'add') {
        const k = (r >> 3) % 2;
        l.inputs[k] = 'nowhere';
        return `layers[${i}].inputs[${k}]`;
      }
      l.input = 'nowhere';
      return `layers[${i}].input`;
    },
  },
  {
    kind: 'tensor read before it is computed',
    apply: (j, r) => {
      if (j.layers.length < 2) return null;
      const i = r % (j.layers.length - 1);
      const l = j.layers[i];
      const later = j.layers[i + 1 + ((r >> 3) % (j.layers.length - 1 - i))].output;
      if (l.op === 'add') {
        l.inputs[0] = later;
        return `layers[${i}].inputs[0]`;
      }
      l.input = later;
      return `layers[${i}].input`;
    },
  },
  {
    kind: 'duplicate tensor name',
    apply: (j, r) => {
      const i = r % j.layers.length;
      const earlier = [...j.inputs.map((t: J) => t.name), ...j.layers.slice(0, i).map((l: J) => l.output)];
      j.layers[i].output = pick(earlier, r >> 3);
      return `layers[${i}].output`;
    },
  },
  {
    kind: 'duplicate layer name',
    apply: (j, r) => {
      if (j.layers.length < 2) return null;
      const i = 1 + (r % (j.layers.length - 1));
      j.layers[i].name = j.layers[(r >> 3) % i].name;
      return `layers[${i}].name`;
    },
  },
  {
    kind: 'zero or negative size',
    apply: (j, r) => {
      const k = r % j.inputs[0].shape.length;
      j.inputs[0].shape[k] = pick([0, -1, -7, 2.5], r >> 3);
      return `inputs[0].shape[${k}]`;
    },
  },
  {
    kind: 'absurd bits',
    apply: (j, r) => {
      j.inputs[0].type.bits = pick([0, 33, 100000, -1, 1.5], r);
      return 'inputs[0].type.bits';
    },
  },
  {
    kind: 'missing type on a requantizing layer',
    apply: (j, r) => {
      const ls = layerIndices(j, ['dense', 'conv2d', 'add', 'requant']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      delete j.layers[i].type;
      return `layers[${i}].type`;
    },
  },
  {
    kind: 'unknown output',
    apply: (j, r) => {
      const k = r % j.outputs.length;
      j.outputs[k] = 'ghost';
      return `outputs[${k}]`;
    },
  },
  {
    kind: 'add of different shapes',
    apply: (j, r) => {
      const ls = layerIndices(j, ['add']);
      if (!ls.length) return null;
      const i = pick(ls, r);
      const shapes = new Map<string, string>();
      const net = validateNetwork(j, 'x');
      for (const [n, t] of net.tensors) shapes.set(n, t.shape.join());
      const a = j.layers[i].inputs[0];
      const earlier = [...j.inputs.map((t: J) => t.name), ...j.layers.slice(0, i).map((l: J) => l.output)];
      const other = earlier.filter((n: string) => shapes.get(n) !== shapes.get(a));
      if (!other.length) return null;
      j.layers[i].inputs[1] = pick(other, r >> 3);
      return `layers[${i}].inputs[1]`;
    },
  },
];

describe('property: each corruption of a random valid network is reported at its path', () => {
  const netArb = fc.oneof(denseNetworkArb({ maxLayers: 4 }), cnnNetworkArb({ maxLayers: 3 }));
  for (const c of CORRUPTIONS) {
    test(c.kind, () => {
      let applied = 0;
      fc.assert(
        fc.property(netArb, fc.nat(), (json: NetworkJson, r) => {
          validateNetwork(json, 'x'); // the generator makes valid networks
          const j = structuredClone(json) as J;
          const path = c.apply(j, r);
          if (path === null) return;
          applied++;
          const e = errorOf(j);
          expect(e.place).toBe(path);
        }),
        { numRuns: 150 },
      );
      expect(applied).toBeGreaterThan(10);
    });
  }
});
