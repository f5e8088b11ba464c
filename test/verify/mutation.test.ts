/**
 * Mutation tests of the SMT checker: small mutations of BNNs (flip a weight,
 * change a bias by one, rewire an input) and of networks checked against
 * their original's translation (change a weight by one, change a rounding or
 * overflow mode). Exhaustive simulation decides the truth; whenever it finds
 * a difference the checker must say `different` (its counterexample is
 * replayed by the driver), and it must never say `equivalent` for a mutant
 * that differs (nor `different` for one that does not).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { bnnToJson } from '../../src/bnn/write.js';
import { OVERFLOW_MODES, ROUNDING_MODES } from '../../src/fixed/types.js';
import { validateNetwork } from '../../src/network/read.js';
import { shutdownZ3 } from '../../src/smt/z3.js';
import { type NetworkJson, denseNetworkArb } from '../../src/testing/arbitraries.js';
import { type BnnJson, bnnArb } from '../../src/testing/bnn-arbitraries.js';
import { translateNetwork } from '../../src/translate/translate.js';
import { checkEquivalence } from '../../src/verify/check.js';
import { type Model, evaluateModel, inputWidth, modelInputs, splitPorts } from '../../src/verify/model.js';

afterAll(shutdownZ3);

/** Whether two models differ on some input, trying every input. */
function differExhaustively(a: Model, b: Model): boolean {
  const ports = modelInputs(a);
  const n = inputWidth(a);
  for (let v = 0; v < 2 ** n; v++) {
    const ins = splitPorts(ports, Uint8Array.from({ length: n }, (_, i) => (v >> i) & 1));
    const x = evaluateModel(a, ins);
    const y = evaluateModel(b, ins);
    for (const [k, bits] of x) if (bits.some((bit, i) => bit !== y.get(k)![i])) return true;
  }
  return false;
}

/** Check with SMT and hold the verdict against the exhaustive truth. */
async function expectSmtAgrees(a: Model, b: Model): Promise<'different' | 'equivalent'> {
  const truth = differExhaustively(a, b) ? 'different' : 'equivalent';
  const r = await checkEquivalence(a, b, { method: 'smt' });
  expect(r.verdict).toBe(truth);
  if (truth === 'different') expect(r.counterexample!.differingBits.size).toBeGreaterThan(0);
  return truth;
}

type BnnMutation = { kind: 'flip' | 'bias' | 'rewire'; neuron: number; synapse: number; delta: 1 | -1; to: number };

/** Apply a mutation to a BNN file object; undefined when it does not apply (no synapse, no other source). */
function mutateBnn(json: BnnJson, m: BnnMutation): BnnJson | undefined {
  const out = structuredClone(json);
  const numInputs = out.inputs.reduce((s, p) => s + p.bits, 0);
  const all = out.layers.flatMap((l) => l.neurons);
  // mutate a neuron some output depends on (others cannot change anything)
  const cone = new Set(out.outputs.flatMap((p) => p.bits));
  for (let i = all.length - 1; i >= 0; i--) if (cone.has(numInputs + i)) all[i].inputs.forEach((s) => cone.add(s));
  const live = all.map((_, i) => i).filter((i) => cone.has(numInputs + i));
  if (live.length === 0) return undefined;
  const id = live[m.neuron % live.length];
  const n = all[id];
  if (m.kind === 'bias') {
    n.bias += m.delta;
    return out;
  }
  if (n.inputs.length === 0) return undefined;
  const k = m.synapse % n.inputs.length;
  if (m.kind === 'flip') {
    n.weights[k] = -n.weights[k];
    return out;
  }
  // rewire: another signal the neuron may read (earlier layers or inputs) and does not read yet
  const firstOfLayer = (() => {
    let seen = 0;
    for (const l of out.layers) {
      if (id < seen + l.neurons.length) return seen;
      seen += l.neurons.length;
    }
    return seen;
  })();
  const candidates = Array.from({ length: numInputs + firstOfLayer }, (_, s) => s).filter((s) => !n.inputs.includes(s));
  if (candidates.length === 0) return undefined;
  n.inputs[k] = candidates[m.to % candidates.length];
  return out;
}

const bnnMutationArb = fc.record({
  kind: fc.constantFrom('flip' as const, 'bias' as const, 'rewire' as const),
  neuron: fc.nat(),
  synapse: fc.nat(),
  delta: fc.constantFrom(1 as const, -1 as const),
  to: fc.nat(),
});

type NetMutation = { kind: 'weight' | 'rounding' | 'overflow'; layer: number; row: number; col: number; pick: number };

/** Apply a mutation to a network file object; undefined when it does not apply. */
function mutateNetwork(json: NetworkJson, m: NetMutation): NetworkJson | undefined {
  const out = structuredClone(json) as NetworkJson & { layers: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const layers = out.layers.filter((l) => (m.kind === 'weight' ? l.op === 'dense' : 'rounding' in l || l.op !== 'flatten'));
  const quant = out.layers.filter((l) => ['dense', 'requant', 'add'].includes(l.op as string));
  if (m.kind === 'weight') {
    if (layers.length === 0) return undefined;
    const l = layers[m.layer % layers.length];
    const values = l.weights.values as number[][];
    const row = values[m.row % values.length];
    const j = m.col % row.length;
    const t = l.weights.type as { signed: boolean; bits: number };
    const max = t.signed ? 2 ** (t.bits - 1) - 1 : 2 ** t.bits - 1;
    row[j] += row[j] < max ? 1 : -1;
    return out;
  }
  if (quant.length === 0) return undefined;
  const l = quant[m.layer % quant.length];
  if (m.kind === 'rounding') {
    const others = ROUNDING_MODES.filter((r) => r !== (l.rounding ?? 'floor'));
    l.rounding = others[m.pick % others.length];
  } else {
    l.overflow = (l.overflow ?? 'saturate') === 'saturate' ? 'wrap' : 'saturate';
  }
  return out;
}

const netMutationArb = fc.record({
  kind: fc.constantFrom('weight' as const, 'weight' as const, 'rounding' as const, 'overflow' as const),
  layer: fc.nat(),
  row: fc.nat(),
  col: fc.nat(),
  pick: fc.nat(),
});

describe('mutation tests of the SMT checker', () => {
  it('BNN mutants: flip a weight, change a bias by one, rewire an input', async () => {
    const seen = { different: 0, equivalent: 0 };
    await fc.assert(
      fc.asyncProperty(bnnArb({ maxInputBits: 6, maxBias: 3, maxFanIn: 4 }), bnnMutationArb, async (json, m) => {
        const mutant = mutateBnn(json, m);
        fc.pre(mutant !== undefined);
        const a: Model = { kind: 'bnn', file: 'original.bnn.json', bnn: readBnnJson(json, 'original') };
        const b: Model = { kind: 'bnn', file: 'mutant.bnn.json', bnn: readBnnJson(mutant!, 'mutant') };
        seen[await expectSmtAgrees(a, b)]++;
      }),
      { numRuns: 200 },
    );
    // the campaign must exercise both outcomes, or it proves little
    expect(seen.different).toBeGreaterThan(20);
    expect(seen.equivalent).toBeGreaterThan(5);
  });

  it('network mutants against the original network translated to a BNN', async () => {
    const seen = { different: 0, equivalent: 0 };
    const netArb = denseNetworkArb({ maxBits: 3, maxWidth: 3, maxLayers: 2 }).filter((j) => inputWidth({ kind: 'network', file: '', network: validateNetwork(j, 'n') }) <= 10);
    await fc.assert(
      fc.asyncProperty(netArb, netMutationArb, async (json, m) => {
        const mutantJson = mutateNetwork(json, m);
        fc.pre(mutantJson !== undefined);
        const original = validateNetwork(json, 'original.json');
        const bnn = translateNetwork(original).bnn;
        // the translation goes through its JSON form, as a file would
        const impl: Model = { kind: 'bnn', file: 'original.bnn.json', bnn: readBnnJson(JSON.parse(JSON.stringify(bnnToJson(bnn))), 'original.bnn.json') };
        const mutant: Model = { kind: 'network', file: 'mutant.json', network: validateNetwork(mutantJson, 'mutant.json') };
        seen[await expectSmtAgrees(mutant, impl)]++;
      }),
      { numRuns: 120 },
    );
    expect(seen.different).toBeGreaterThan(20);
  });
});
