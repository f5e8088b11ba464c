import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBnnSignals } from '../../src/bnn/evaluate.js';
import { tensorToBits } from '../../src/fixed/bits.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { readNetworkFile, validateNetwork } from '../../src/network/read.js';
import type { Network } from '../../src/network/types.js';
import { cnnNetworkArb, denseNetworkArb, networkInputsArb } from '../../src/testing/arbitraries.js';
import { DEFAULT_STRATEGY, TRANSLATION_STRATEGIES, translateNetwork } from '../../src/translate/translate.js';
import { expectTranslatorStructure } from '../bnn/structure.js';

/** A network with a few input assignments. */
const withInputs = (arb: fc.Arbitrary<unknown>) =>
  arb.chain((json) => {
    const net = validateNetwork(json, 'generated');
    return fc.tuple(fc.constant(net), fc.array(networkInputsArb(net), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('gates', 'threshold'));
  });

/** Outputs and every hinted tensor of the BNN equal the interpreter's, bit for bit. */
function expectSameAsInterpreter(net: Network, inputs: Map<string, bigint[]>[], layered: boolean, strategy: string): void {
  const { bnn, stats } = translateNetwork(net, { layered, strategy });
  expect(bnn.meta).toMatchObject({ strategy, layered });
  expectTranslatorStructure(bnn, layered);
  expect(bnn.inputs.map((p) => p.name)).toEqual(net.inputs.map((t) => t.name));
  expect(bnn.outputs.map((p) => p.name)).toEqual(net.outputs);
  // Every tensor is either hinted or reported as omitted.
  expect(new Set([...Object.keys(bnn.tensors!), ...stats.hintsOmitted])).toEqual(new Set(net.tensors.keys()));
  for (const t of net.outputs) expect(bnn.tensors![t]).toBeDefined();
  for (const values of inputs) {
    const ref = interpretNetwork(net, values);
    const inBits = net.inputs.flatMap((t) => Array.from(tensorToBits(values.get(t.name)!, t.type)));
    const sig = evaluateBnnSignals(bnn, inBits);
    for (const p of bnn.outputs) {
      const t = net.tensors.get(p.name)!;
      expect(Array.from(p.bits, (s) => sig[s]), `output ${p.name}`).toEqual(Array.from(tensorToBits(ref.get(p.name)!, t.type)));
    }
    for (const [name, ids] of Object.entries(bnn.tensors!)) {
      const t = net.tensors.get(name)!;
      expect(ids.map((s) => sig[s]), `tensor ${name}`).toEqual(Array.from(tensorToBits(ref.get(name)!, t.type)));
    }
  }
}

describe('translateNetwork', () => {
  it('dense networks (strategies gates and threshold): the BNN agrees with the interpreter on outputs and hinted tensors', () => {
    fc.assert(
      fc.property(withInputs(denseNetworkArb({ maxLayers: 3, maxInputs: 2 })), ([net, inputs, layered, strategy]) => expectSameAsInterpreter(net, inputs, layered, strategy)),
      { numRuns: 300 },
    );
  });

  it('CNNs with every operator: the BNN agrees with the interpreter', () => {
    fc.assert(
      fc.property(withInputs(cnnNetworkArb({ maxLayers: 3 })), ([net, inputs, layered, strategy]) => expectSameAsInterpreter(net, inputs, layered, strategy)),
      { numRuns: 120 },
    );
  });

  it('uses strategy threshold unless told otherwise', () => {
    const net = readNetworkFile('examples/mlp4.json');
    expect(DEFAULT_STRATEGY).toBe('threshold');
    expect(translateNetwork(net).bnn.meta).toMatchObject({ strategy: 'threshold', layered: false });
    expect(translateNetwork(net).bnn.numNeurons).toBeLessThan(translateNetwork(net, { strategy: 'gates' }).bnn.numNeurons);
  });

  it('translates the built-in MLP and records meta', () => {
    const net = readNetworkFile('examples/mlp4.json');
    const { bnn, stats } = translateNetwork(net, { strategy: 'gates', source: { file: 'examples/mlp4.json', sha256: 'ab' } });
    expect(bnn.meta).toMatchObject({ strategy: 'gates', layered: false, source: { file: 'examples/mlp4.json', sha256: 'ab' } });
    expect(String(bnn.meta!.tool)).toMatch(/^bnn-universal /);
    expect(stats.bnn.neurons).toBe(bnn.numNeurons);
    // gates: one neuron per AND of the outputs' cone, plus the few extras it reports
    const g = stats.strategyStats as { andNodes: number; twins: number; inverters: number; constants: number; passThrough: number; hintNeurons: number };
    expect(g.andNodes).toBe(stats.circuit.ands);
    expect(stats.bnn.depth).toBeLessThanOrEqual(stats.circuit.depth + 1);
  });

  it('refuses an unknown strategy with a usage error', () => {
    const net = readNetworkFile('examples/mlp4.json');
    expect(() => translateNetwork(net, { strategy: 'nope' })).toThrow(/unknown strategy "nope"; expected one of gates, threshold/);
    expect([...TRANSLATION_STRATEGIES.keys()]).toEqual(['gates', 'threshold']);
  });

  it('threshold: a smaller and shallower BNN of the built-in MLP', () => {
    const net = readNetworkFile('examples/mlp4.json');
    const g = translateNetwork(net, { strategy: 'gates' }).stats;
    const t = translateNetwork(net, { strategy: 'threshold' }).stats;
    expect(t.bnn.neurons).toBeLessThan(0.8 * g.bnn.neurons);
    expect(t.bnn.depth).toBeLessThan(g.bnn.depth);
    expect(t.hintsOmitted).toEqual([]);
  });
});
