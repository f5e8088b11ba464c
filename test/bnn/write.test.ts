import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { bnnJsonChunks, bnnToJson, stringifyBnn } from '../../src/bnn/write.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';

const withExtras = fc.tuple(bnnArb({ maxFanIn: 5 }), fc.boolean(), fc.boolean()).map(([j, tensors, meta]) => {
  const out: any = { ...j };
  const numSignals = j.inputs.reduce((s, p) => s + p.bits, 0) + j.layers.reduce((s, l) => s + l.neurons.length, 0);
  if (meta) out.meta = { strategy: 'gates', 'odd "key"': [1, null, 'é'] };
  if (tensors) out.tensors = { x: [0], 'h"1': [numSignals - 1, 0], __proto__x: [] };
  return out;
});

describe('bnnToJson / stringifyBnn', () => {
  it('bnnToJson gives back exactly the file that was read', () => {
    fc.assert(
      fc.property(withExtras, (j) => {
        const bnn = readBnnJson(j, 'r');
        // Same content; the writer puts meta right after the name.
        expect(bnnToJson(bnn)).toEqual(j);
      }),
      { numRuns: 200 },
    );
  });

  it('the compact text parses to the same object and reads back to the same BNN', () => {
    fc.assert(
      fc.property(withExtras, (j) => {
        const bnn = readBnnJson(j, 'r');
        const text = stringifyBnn(bnn);
        expect(JSON.parse(text)).toEqual(bnnToJson(bnn));
        expect(readBnnJson(JSON.parse(text), 'r2')).toEqual(bnn);
        expect([...bnnJsonChunks(bnn)].join('')).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('writes one neuron per line', () => {
    const bnn = readBnnJson(
      {
        format: 'bnn/1',
        name: 'two',
        inputs: [{ name: 'x', bits: 2 }],
        layers: [{ neurons: [{ inputs: [0, 1], weights: [1, -1], bias: -1 }, { inputs: [1], weights: [-1], bias: 0 }] }, { neurons: [] }],
        outputs: [{ name: 'y', bits: [2, 3] }],
      },
      'two',
    );
    expect(stringifyBnn(bnn)).toBe(
      [
        '{',
        '  "format": "bnn/1",',
        '  "name": "two",',
        '  "inputs": [',
        '    {"name": "x", "bits": 2}',
        '  ],',
        '  "layers": [',
        '    {"neurons": [',
        '      {"inputs": [0, 1], "weights": [1, -1], "bias": -1},',
        '      {"inputs": [1], "weights": [-1], "bias": 0}',
        '    ]},',
        '    {"neurons": []}',
        '  ],',
        '  "outputs": [',
        '    {"name": "y", "bits": [2, 3]}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });
});
