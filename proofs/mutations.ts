/**
 * Mutation operators for the checker's mutation tests and campaign: small
 * changes to a BNN file object (flip a weight, change a bias by one, rewire
 * an input) or to a network file object (change a weight by one, change a
 * rounding or overflow mode), driven by fast-check records so failures
 * shrink.
 * @module
 */
import fc from 'fast-check';
import { ROUNDING_MODES } from '../src/fixed/types.js';
import type { NetworkJson } from '../src/testing/arbitraries.js';
import type { BnnJson } from '../src/bnn/write.js';

/** Which BNN mutation, and where (indices are taken modulo what exists). */
export type BnnMutation = { kind: 'flip' | 'bias' | 'rewire'; neuron: number; synapse: number; delta: 1 | -1; to: number };

/** Apply a mutation to a BNN file object; undefined when it does not apply (no synapse, no other source). */
export function mutateBnn(json: BnnJson, m: BnnMutation): BnnJson | undefined {
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

/** Random BNN mutations. */
export const bnnMutationArb: fc.Arbitrary<BnnMutation> = fc.record({
  kind: fc.constantFrom('flip' as const, 'bias' as const, 'rewire' as const),
  neuron: fc.nat(),
  synapse: fc.nat(),
  delta: fc.constantFrom(1 as const, -1 as const),
  to: fc.nat(),
});

/** Which network mutation, and where. */
export type NetMutation = { kind: 'weight' | 'rounding' | 'overflow'; layer: number; row: number; col: number; pick: number };

/** The fields of a layer object that the network mutations touch. */
interface MutableLayer {
  op: string;
  rounding?: string;
  overflow?: string;
  weights?: { type: { signed: boolean; bits: number }; values: number[][] };
}

/** Apply a mutation to a network file object; undefined when it does not apply. */
export function mutateNetwork(json: NetworkJson, m: NetMutation): NetworkJson | undefined {
  const out = structuredClone(json);
  const layers = out.layers as unknown as MutableLayer[];
  if (m.kind === 'weight') {
    const dense = layers.filter((l) => l.op === 'dense');
    if (dense.length === 0) return undefined;
    const w = dense[m.layer % dense.length].weights!;
    const row = w.values[m.row % w.values.length];
    const j = m.col % row.length;
    const max = w.type.signed ? 2 ** (w.type.bits - 1) - 1 : 2 ** w.type.bits - 1;
    row[j] += row[j] < max ? 1 : -1;
    return out;
  }
  const quant = layers.filter((l) => ['dense', 'conv2d', 'requant', 'add'].includes(l.op));
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

/** Random network mutations (weights twice as often). */
export const netMutationArb: fc.Arbitrary<NetMutation> = fc.record({
  kind: fc.constantFrom('weight' as const, 'weight' as const, 'rounding' as const, 'overflow' as const),
  layer: fc.nat(),
  row: fc.nat(),
  col: fc.nat(),
  pick: fc.nat(),
});

