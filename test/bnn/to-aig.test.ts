import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aig } from '../../src/aig/aig.js';
import { evaluateAig } from '../../src/aig/simulate.js';
import { evaluateBnnOutputs } from '../../src/bnn/evaluate.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { atLeast, bnnToCircuit, thresholdOf } from '../../src/bnn/to-aig.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';
import { truthTables } from '../io/helpers.js';

describe('thresholdOf', () => {
  it('is the least number of true literals with 2 * true - k + b >= 0', () => {
    for (let k = 0; k <= 9; k++) {
      for (let b = -12; b <= 12; b++) {
        let t = 0;
        while (t <= k && 2 * t - k + b < 0) t++;
        expect(thresholdOf(k, b), `k=${k} b=${b}`).toBe(t);
      }
    }
  });

  it('is exact for biases far outside the fan-in', () => {
    expect(thresholdOf(3, Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(thresholdOf(3, Number.MIN_SAFE_INTEGER)).toBe(4);
  });
});

describe('atLeast', () => {
  it('is "at least t of k" for every t and k up to 12 (dynamic program and adder paths)', () => {
    for (let k = 0; k <= 12; k++) {
      const g = new Aig();
      const xs = Array.from({ length: k }, () => g.addInput());
      for (let t = 0; t <= k + 1; t++) g.addOutput(atLeast(g, xs, t));
      const tables = truthTables({ aig: g, inputs: [], outputs: [] });
      const ones = Array.from({ length: 1 << k }, (_, p) => [...Array(k).keys()].reduce((s, i) => s + ((p >>> i) & 1), 0));
      for (let t = 0; t <= k + 1; t++) expect(Array.from(tables[t]), `k=${k} t=${t}`).toEqual(ones.map((n) => (n >= t ? 1 : 0)));
    }
  });
});

describe('bnnToCircuit', () => {
  it('computes what the BNN evaluator computes, on every input of random BNNs', () => {
    fc.assert(
      fc.property(bnnArb({ maxInputBits: 7, maxFanIn: 11, maxBias: 12, maxLayers: 3 }), (json) => {
        const bnn = readBnnJson(json, 'random.json');
        const c = bnnToCircuit(bnn);
        expect(c.inputs).toEqual(bnn.inputs.map((p) => ({ name: p.name, width: p.bits })));
        expect(c.outputs).toEqual(bnn.outputs.map((p) => ({ name: p.name, width: p.bits.length })));
        const tables = truthTables(c);
        for (let p = 0; p < 1 << bnn.numInputBits; p++) {
          const bits = Array.from({ length: bnn.numInputBits }, (_, i) => (p >>> i) & 1);
          expect(tables.map((t) => t[p]), `input ${bits.join('')}`).toEqual(Array.from(evaluateBnnOutputs(bnn, bits)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('builds a neuron with a large fan-in through the adder and gets it right', () => {
    // One neuron over 16 inputs, weights alternating, bias -1: fires iff sum >= 1.
    const k = 16;
    const bnn = readBnnJson(
      {
        format: 'bnn/1',
        name: 'wide',
        inputs: [{ name: 'x', bits: k }],
        layers: [{ neurons: [{ inputs: [...Array(k).keys()], weights: Array.from({ length: k }, (_, i) => (i % 3 ? 1 : -1)), bias: -1 }] }],
        outputs: [{ name: 'y', bits: [k] }],
      },
      'wide.json',
    );
    const c = bnnToCircuit(bnn);
    for (let p = 0; p < 1 << k; p += 97) {
      const bits = Array.from({ length: k }, (_, i) => (p >>> i) & 1);
      expect(evaluateAig(c.aig, bits)[0]).toBe(evaluateBnnOutputs(bnn, bits)[0]);
    }
  });
});
