import { describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { InputError } from '../../src/errors.js';

/** A small valid file: x (2 bits), c (1 bit); two layers; outputs y, z. */
function base(): any {
  return {
    format: 'bnn/1',
    name: 'tiny',
    inputs: [
      { name: 'x', bits: 2 },
      { name: 'c', bits: 1 },
    ],
    layers: [
      { neurons: [{ inputs: [0, 1], weights: [1, -1], bias: -1 }, { inputs: [2], weights: [-1], bias: 0 }] },
      { neurons: [{ inputs: [3, 4, 0], weights: [1, 1, -1], bias: 0 }] },
    ],
    outputs: [
      { name: 'y', bits: [5, 3] },
      { name: 'z', bits: [0] },
    ],
  };
}

function errorOf(json: unknown): InputError {
  try {
    readBnnJson(json, 'f.bnn.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected a validation error');
}

describe('readBnnJson', () => {
  it('reads a valid file into CSR arrays', () => {
    const b = readBnnJson(base(), 'f');
    expect(b.numInputBits).toBe(3);
    expect(b.numNeurons).toBe(3);
    expect(Array.from(b.layerStart)).toEqual([0, 2, 3]);
    expect(Array.from(b.fanStart)).toEqual([0, 2, 3, 6]);
    expect(Array.from(b.src)).toEqual([0, 1, 2, 3, 4, 0]);
    expect(Array.from(b.neg)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(Array.from(b.bias)).toEqual([-1, 0, 0]);
    expect(b.outputs.map((p) => [p.name, Array.from(p.bits)])).toEqual([
      ['y', [5, 3]],
      ['z', [0]],
    ]);
    expect(b.tensors).toBeUndefined();
    expect(b.meta).toBeUndefined();
  });

  it('reads optional tensors and meta', () => {
    const j = base();
    j.tensors = { x: [0, 1], h: [3, 4], __proto__x: [5] };
    j.meta = { strategy: 'gates', anything: [1, { deep: true }] };
    const b = readBnnJson(j, 'f');
    expect(b.tensors!.h).toEqual([3, 4]);
    expect(b.meta!.strategy).toBe('gates');
  });

  it('keeps a tensor named __proto__ as an ordinary entry', () => {
    const j = JSON.parse('{"format":"bnn/1","name":"n","inputs":[{"name":"x","bits":1}],"layers":[],"outputs":[{"name":"y","bits":[0]}],"tensors":{"__proto__":[0]}}');
    const b = readBnnJson(j, 'f');
    expect(Object.keys(b.tensors!)).toEqual(['__proto__']);
    expect(b.tensors!['__proto__']).toEqual([0]);
  });

  // Each corruption, the place the message must name, and a phrase of what was expected.
  const cases: [string, (j: any) => unknown, string, string][] = [
    ['not an object', () => [1], 'the top level', 'an object'],
    ['wrong format', (j) => ((j.format = 'bnn/2'), j), 'format', '"bnn/1"'],
    ['missing format', (j) => (delete j.format, j), 'format', 'found nothing'],
    ['name not a string', (j) => ((j.name = 3), j), 'name', 'a string'],
    ['unknown top-level key', (j) => ((j.tensor = {}), j), 'tensor', 'no such field'],
    ['inputs not an array', (j) => ((j.inputs = {}), j), 'inputs', 'an array'],
    ['input width 0', (j) => ((j.inputs[1].bits = 0), j), 'inputs[1].bits', 'an integer >= 1'],
    ['input width fractional', (j) => ((j.inputs[0].bits = 1.5), j), 'inputs[0].bits', 'an integer >= 1'],
    ['absurd input width', (j) => ((j.inputs[0].bits = 1e12), j), 'inputs[0].bits', 'at most'],
    ['empty input name', (j) => ((j.inputs[0].name = ''), j), 'inputs[0].name', 'a non-empty string'],
    ['duplicate input name', (j) => ((j.inputs[1].name = 'x'), j), 'inputs[1].name', 'not used by another port'],
    ['unknown port key', (j) => ((j.inputs[0].width = 2), j), 'inputs[0].width', 'no such field'],
    ['layers not an array', (j) => ((j.layers = 3), j), 'layers', 'an array'],
    ['layer not an object', (j) => ((j.layers[1] = []), j), 'layers[1]', 'an object'],
    ['neurons missing', (j) => ((j.layers[1] = {}), j), 'layers[1].neurons', 'an array'],
    ['neuron not an object', (j) => ((j.layers[0].neurons[1] = 7), j), 'layers[0].neurons[1]', 'an object'],
    ['unknown neuron key', (j) => ((j.layers[0].neurons[0].weight = [1]), j), 'layers[0].neurons[0].weight', 'no such field'],
    ['inputs missing', (j) => (delete j.layers[0].neurons[0].inputs, j), 'layers[0].neurons[0].inputs', 'an array'],
    ['weights too short', (j) => ((j.layers[1].neurons[0].weights = [1, 1]), j), 'layers[1].neurons[0].weights', 'expected 3 weights'],
    ['weight 2', (j) => ((j.layers[1].neurons[0].weights[2] = 2), j), 'layers[1].neurons[0].weights[2]', '1 or -1'],
    ['weight 0', (j) => ((j.layers[0].neurons[0].weights[0] = 0), j), 'layers[0].neurons[0].weights[0]', '1 or -1'],
    ['weight as string', (j) => ((j.layers[0].neurons[0].weights[1] = '-1'), j), 'layers[0].neurons[0].weights[1]', '1 or -1'],
    ['negative signal id', (j) => ((j.layers[0].neurons[0].inputs[1] = -1), j), 'layers[0].neurons[0].inputs[1]', 'a signal id'],
    ['fractional signal id', (j) => ((j.layers[0].neurons[0].inputs[1] = 0.5), j), 'layers[0].neurons[0].inputs[1]', 'a signal id'],
    ['reads itself', (j) => ((j.layers[0].neurons[1].inputs[0] = 4), j), 'layers[0].neurons[1].inputs[0]', 'below 4'],
    ['reads a later neuron', (j) => ((j.layers[0].neurons[0].inputs[1] = 5), j), 'layers[0].neurons[0].inputs[1]', 'below 3'],
    ['reads a signal twice', (j) => ((j.layers[1].neurons[0].inputs[2] = 3), j), 'layers[1].neurons[0].inputs[2]', 'distinct'],
    ['bias fractional', (j) => ((j.layers[1].neurons[0].bias = 0.5), j), 'layers[1].neurons[0].bias', 'a safe integer'],
    ['bias unsafe', (j) => ((j.layers[1].neurons[0].bias = 2 ** 60), j), 'layers[1].neurons[0].bias', 'a safe integer'],
    ['bias missing', (j) => (delete j.layers[1].neurons[0].bias, j), 'layers[1].neurons[0].bias', 'found nothing'],
    ['outputs not an array', (j) => ((j.outputs = null), j), 'outputs', 'an array'],
    ['output bit out of range', (j) => ((j.outputs[0].bits[1] = 6), j), 'outputs[0].bits[1]', 'a signal id in [0, 5]'],
    ['output bits empty', (j) => ((j.outputs[1].bits = []), j), 'outputs[1].bits', 'at least one'],
    ['duplicate output name', (j) => ((j.outputs[1].name = 'y'), j), 'outputs[1].name', 'not used by another port'],
    ['tensors not an object', (j) => ((j.tensors = [1]), j), 'tensors', 'an object'],
    ['tensor bit out of range', (j) => ((j.tensors = { h: [3, 99] }), j), 'tensors["h"][1]', 'a signal id in [0, 5]'],
    ['tensor not an array', (j) => ((j.tensors = { h: 3 }), j), 'tensors["h"]', 'an array'],
    ['meta not an object', (j) => ((j.meta = 'x'), j), 'meta', 'an object'],
  ];
  for (const [what, corrupt, place, expected] of cases) {
    it(`rejects ${what} at ${place}`, () => {
      const e = errorOf(corrupt(base()));
      expect(e.file).toBe('f.bnn.json');
      expect(e.place).toBe(place);
      expect(e.message).toContain(expected);
      expect(e.exitCode).toBe(2);
      expect(e.message).not.toContain('\n');
    });
  }

  it('accepts neurons that do not follow the parity rule (files written by others)', () => {
    const j = base();
    j.layers[0].neurons[0].bias = 0; // k = 2, bias 0: sum can be 0
    expect(readBnnJson(j, 'f').bias[0]).toBe(0);
  });
});
