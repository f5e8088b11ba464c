import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { aigArb, bnnArb, circuitArb } from '../../src/testing/bnn-arbitraries.js';
import { toModel } from '../../src/testing/models.js';
import { evaluateModel, modelInputs } from '../../src/verify/model.js';

describe('bnnArb', () => {
  test('every generated BNN is a valid bnn/1 file within the constraints', () => {
    const c = { maxInputBits: 5, maxLayers: 2, maxNeuronsPerLayer: 3, maxFanIn: 3, maxOutputPorts: 2, maxOutputBits: 3 };
    fc.assert(
      fc.property(bnnArb(c), (json) => {
        const bnn = readBnnJson(json, 'generated.bnn.json');
        expect(bnn.numInputBits).toBeLessThanOrEqual(5);
        expect(json.layers.length).toBeLessThanOrEqual(2);
        for (const l of json.layers) {
          expect(l.neurons.length).toBeGreaterThanOrEqual(1);
          expect(l.neurons.length).toBeLessThanOrEqual(3);
          for (const n of l.neurons) expect(n.inputs.length).toBeLessThanOrEqual(3);
        }
        expect(json.outputs.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });

  test('paritySafe: every bias has the parity opposite to the fan-in', () => {
    fc.assert(
      fc.property(bnnArb({ paritySafe: true }), (json) => {
        for (const l of json.layers) for (const n of l.neurons) expect(Math.abs(n.inputs.length + n.bias) % 2).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  test('without paritySafe, zero sums are possible (the sign(0) rule gets exercised)', () => {
    const samples = fc.sample(bnnArb(), { numRuns: 200, seed: 42 });
    expect(samples.some((j) => j.layers.some((l) => l.neurons.some((n) => (n.inputs.length + n.bias) % 2 === 0)))).toBe(true);
  });

  test('neurons read only earlier layers (so the BNN is layered by construction)', () => {
    fc.assert(
      fc.property(bnnArb(), (json) => {
        let layerStart = json.inputs.reduce((s, p) => s + p.bits, 0);
        for (const l of json.layers) {
          for (const n of l.neurons) for (const id of n.inputs) expect(id).toBeLessThan(layerStart);
          layerStart += l.neurons.length;
        }
      }),
    );
  });

  test('shrinks to a small counterexample', () => {
    // A property that fails once a BNN has 3 neurons must shrink to exactly 3.
    const r = fc.check(
      fc.property(bnnArb({ maxLayers: 4, maxNeuronsPerLayer: 4 }), (j) => j.layers.reduce((s, l) => s + l.neurons.length, 0) < 3),
      { seed: 7 },
    );
    expect(r.failed).toBe(true);
    const small = r.counterexample![0];
    expect(small.layers.reduce((s, l) => s + l.neurons.length, 0)).toBe(3);
    expect(small.inputs).toEqual([{ name: 'x0', bits: 1 }]);
  });
});

describe('aigArb / circuitArb', () => {
  test('graphs respect the constraints and are topologically ordered', () => {
    fc.assert(
      fc.property(aigArb({ maxInputs: 4, maxAnds: 10, maxOutputs: 3 }), (g) => {
        expect(g.inputs.length).toBeGreaterThanOrEqual(1);
        expect(g.inputs.length).toBeLessThanOrEqual(4);
        expect(g.numAnds).toBeLessThanOrEqual(10);
        expect(g.outputs.length).toBeLessThanOrEqual(3);
        for (let v = 1; v < g.numVars; v++) {
          if (!g.isAnd(v)) continue;
          expect(g.fanin0[v] >>> 1).toBeLessThan(v);
          expect(g.fanin1[v] >>> 1).toBeLessThan(v);
        }
        for (const o of g.outputs) expect(o >>> 1).toBeLessThan(g.numVars);
      }),
      { numRuns: 200 },
    );
  });

  test('circuits are models the checker can evaluate', async () => {
    const circuits = fc.sample(circuitArb({ maxInputs: 3 }), { numRuns: 20, seed: 3 });
    for (const c of circuits) {
      const m = await toModel(c);
      expect(m.kind).toBe('circuit');
      const [x] = modelInputs(m);
      const out = evaluateModel(m, new Map([['x', new Uint8Array(x.width)]]));
      expect(out.get('y')!.length).toBe(c.aig.outputs.length);
    }
  });

  test('gates are not all folded away: some graphs have AND nodes', () => {
    const gs = fc.sample(aigArb(), { numRuns: 50, seed: 11 });
    expect(gs.some((g) => g.numAnds >= 5)).toBe(true);
  });
});
