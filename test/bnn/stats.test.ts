import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { bnnStats } from '../../src/bnn/stats.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';

describe('bnnStats', () => {
  it('counts a hand-made example', () => {
    const bnn = readBnnJson(
      {
        format: 'bnn/1',
        name: 's',
        inputs: [{ name: 'x', bits: 3 }],
        layers: [
          { neurons: [{ inputs: [0, 1, 2], weights: [1, 1, 1], bias: 0 }, { inputs: [], weights: [], bias: 1 }] },
          { neurons: [{ inputs: [0], weights: [1], bias: 0 }] },
          { neurons: [{ inputs: [3, 5], weights: [1, -1], bias: 1 }, { inputs: [5], weights: [1], bias: 0 }, { inputs: [2], weights: [1], bias: 0 }] },
        ],
        outputs: [{ name: 'y', bits: [6] }],
      },
      's',
    );
    expect(bnnStats(bnn)).toEqual({ neurons: 6, synapses: 8, layers: 3, depth: 2, widestLayer: 3, maxFanIn: 3 });
  });

  it('depth is the longest neuron path (checked by brute-force path enumeration)', () => {
    fc.assert(
      fc.property(bnnArb({ maxLayers: 5 }), (j) => {
        const I = j.inputs.reduce((s, p) => s + p.bits, 0);
        const neurons = j.layers.flatMap((l) => l.neurons);
        const longest = (s: number): number => (s < I ? 0 : 1 + Math.max(0, ...neurons[s - I].inputs.map(longest)));
        const depth = Math.max(0, ...neurons.map((_, n) => longest(I + n)));
        const st = bnnStats(readBnnJson(j, 'r'));
        expect(st.depth).toBe(depth);
        expect(st.neurons).toBe(neurons.length);
        expect(st.synapses).toBe(neurons.reduce((s, n) => s + n.inputs.length, 0));
        expect(st.layers).toBe(j.layers.length);
        expect(st.widestLayer).toBe(Math.max(0, ...j.layers.map((l) => l.neurons.length)));
      }),
      { numRuns: 200 },
    );
  });
});
