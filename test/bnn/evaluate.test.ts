import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBnnOutputs, evaluateBnnSignals } from '../../src/bnn/evaluate.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { compileBnn, neuronThreshold, NeuronOp, simulateBnn } from '../../src/bnn/simulate.js';
import type { BnnJson } from '../../src/bnn/write.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';

/** The spec's rule, straight from the JSON: +1 iff sum(w_i a_i) + b >= 0, a = +-1. */
function specSignals(j: BnnJson, bits: number[]): number[] {
  const val = [...bits];
  for (const l of j.layers) {
    for (const n of l.neurons) {
      let s = n.bias;
      n.inputs.forEach((src, i) => (s += n.weights[i] * (val[src] ? 1 : -1)));
      val.push(s >= 0 ? 1 : 0);
    }
  }
  return val;
}

const wideBnn = bnnArb({ maxInputBits: 8, maxFanIn: 9, maxBias: 11, maxLayers: 4, maxNeuronsPerLayer: 6 });

describe('evaluateBnnSignals', () => {
  it('follows the spec rule, including sign(0) = +1', () => {
    fc.assert(
      fc.property(wideBnn, fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (j, raw) => {
        const bnn = readBnnJson(j, 'r');
        const bits = raw.slice(0, bnn.numInputBits).map(Number);
        expect(Array.from(evaluateBnnSignals(bnn, bits))).toEqual(specSignals(j, bits));
        const outs = j.outputs.flatMap((p) => p.bits.map((s) => specSignals(j, bits)[s]));
        expect(Array.from(evaluateBnnOutputs(bnn, bits))).toEqual(outs);
      }),
      { numRuns: 300 },
    );
  });

  it('decides huge biases exactly', () => {
    const j: BnnJson = {
      format: 'bnn/1',
      name: 'big',
      inputs: [{ name: 'x', bits: 2 }],
      layers: [
        {
          neurons: [
            { inputs: [0, 1], weights: [1, 1], bias: Number.MAX_SAFE_INTEGER },
            { inputs: [0, 1], weights: [1, 1], bias: -Number.MAX_SAFE_INTEGER },
            { inputs: [0, 1], weights: [1, 1], bias: -2 },
          ],
        },
      ],
      outputs: [{ name: 'y', bits: [2, 3, 4] }],
    };
    const bnn = readBnnJson(j, 'big');
    expect(Array.from(evaluateBnnOutputs(bnn, [1, 1]))).toEqual([1, 0, 1]);
    expect(Array.from(evaluateBnnOutputs(bnn, [0, 1]))).toEqual([1, 0, 0]);
    const v = simulateBnn(bnn, Uint32Array.from([0b1010, 0b1100]), 1);
    expect([v[2] & 15, v[3] & 15, v[4] & 15]).toEqual([15, 0, 0b1000]);
  });
});

describe('neuronThreshold', () => {
  it('is the least count c of true literals with 2c - k + b >= 0', () => {
    for (let k = 0; k <= 9; k++) {
      for (let b = -12; b <= 12; b++) {
        let c = 0;
        while (c <= k && 2 * c - k + b < 0) c++;
        expect(neuronThreshold(k, b)).toBe(c);
      }
    }
    expect(neuronThreshold(3, 2 ** 53 - 1)).toBe(0);
    expect(neuronThreshold(3, -(2 ** 53 - 1))).toBe(4);
  });
});

describe('simulateBnn (bit-parallel)', () => {
  it('agrees with the reference evaluator on every lane', () => {
    fc.assert(
      fc.property(wideBnn, fc.integer({ min: 1, max: 3 }), fc.integer(), (j, words, seed) => {
        const bnn = readBnnJson(j, 'r');
        let x = seed >>> 0 || 1;
        const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 0);
        const inputWords = Uint32Array.from({ length: bnn.numInputBits * words }, next);
        const val = simulateBnn(bnn, inputWords, words);
        const total = bnn.numInputBits + bnn.numNeurons;
        for (let w = 0; w < words; w++) {
          for (let lane = 0; lane < 32; lane += 7) {
            const bits = Array.from({ length: bnn.numInputBits }, (_, i) => (inputWords[i * words + w] >>> lane) & 1);
            const ref = evaluateBnnSignals(bnn, bits);
            for (let s = 0; s < total; s++) expect((val[s * words + w] >>> lane) & 1).toBe(ref[s]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('exercises every neuron kind in the property above', () => {
    const seen = new Set<number>();
    for (const j of fc.sample(wideBnn, { numRuns: 200, seed: 42 })) for (const op of compileBnn(readBnnJson(j, 'r')).op) seen.add(op);
    expect([...seen].sort()).toEqual(Object.values(NeuronOp).sort());
  });
});
