/**
 * The contract helpers, exercised on real transformations: correct ones must
 * pass, deliberately broken ones must be caught with fast-check's seed and the
 * checker's replayed counterexample.
 */
import { describe, expect, test } from 'vitest';
import { denseNetworkArb, type NetworkJson } from '../../src/testing/arbitraries.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';
import type { BnnJson } from '../../src/bnn/write.js';
import { ContractError, preservesSemantics, roundTrips } from '../../src/testing/contracts.js';

/** Route every output bit of a BNN through a new last layer of neurons. */
function bufferOutputs(bnn: BnnJson, invertFirst = false): BnnJson {
  const copy: BnnJson = JSON.parse(JSON.stringify(bnn));
  let next = copy.inputs.reduce((s, p) => s + p.bits, 0) + copy.layers.reduce((s, l) => s + l.neurons.length, 0);
  const neurons: BnnJson['layers'][number]['neurons'] = [];
  for (const port of copy.outputs) {
    port.bits = port.bits.map((id) => {
      // weight +1, bias 0: fan-in 1 and an even bias, so the sum is never 0.
      const invert = invertFirst && neurons.length === 0;
      neurons.push({ inputs: [id], weights: [invert ? -1 : 1], bias: 0 });
      return next++;
    });
  }
  copy.layers.push({ neurons });
  return copy;
}

/** Drop the last input of the first neuron that has two or more: a plausible bug. */
function dropAnInput(bnn: BnnJson): BnnJson {
  const copy: BnnJson = JSON.parse(JSON.stringify(bnn));
  for (const l of copy.layers)
    for (const n of l.neurons)
      if (n.inputs.length >= 2) {
        n.inputs.pop();
        n.weights.pop();
        return copy;
      }
  return copy;
}

/**
 * Append a requant of the same type to the last output: exact. With `narrow`,
 * pass through a type one bit narrower first (a plausible bug: an
 * intermediate buffer one bit too small), which saturates large values.
 */
function requantOutput(net: NetworkJson, narrow: boolean): NetworkJson {
  const copy = JSON.parse(JSON.stringify(net)) as { layers: Record<string, unknown>[]; outputs: string[] } & NetworkJson;
  const out = copy.outputs[copy.outputs.length - 1];
  const producer = copy.layers.find((l) => l.output === out);
  // Only layers that carry their output type (dense, conv2d, add, requant).
  if (!producer || !producer.type) return copy;
  const t = producer.type as { signed: boolean; bits: number; frac: number };
  const pre = `${out}__pre`;
  producer.output = pre;
  for (const l of copy.layers) {
    if (l === producer) continue;
    if (l.input === out) l.input = pre;
    if (Array.isArray(l.inputs)) l.inputs = (l.inputs as string[]).map((n) => (n === out ? pre : n));
  }
  copy.outputs = copy.outputs.map((o, i) => (o === out && i < copy.outputs.length - 1 ? pre : o));
  let src = pre;
  if (narrow && t.bits > 1) {
    copy.layers.push({ name: `${out}__narrow`, op: 'requant', input: pre, output: `${out}__narrow`, type: { ...t, bits: t.bits - 1 } });
    src = `${out}__narrow`;
  }
  copy.layers.push({ name: `${out}__requant`, op: 'requant', input: src, output: out, type: t });
  return copy;
}

describe('preservesSemantics', () => {
  test('passes for a correct BNN transformation', async () => {
    await preservesSemantics((b: BnnJson) => bufferOutputs(b), { arbitrary: bnnArb({ paritySafe: false }), numRuns: 30, method: 'exhaustive' });
  });

  test('catches a broken BNN transformation with a seed and a replayed counterexample', async () => {
    const err = await preservesSemantics(dropAnInput, { arbitrary: bnnArb({ minLayers: 2 }), numRuns: 100, seed: 2024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/Property failed after \d+ tests\n\{ seed: 2024, path: "[\d:]+"/);
    expect(msg).toContain('Counterexample: [{"format":"bnn/1"');
    expect(msg).toContain('verdict: different');
    expect(msg).toContain('counterexample (replayed on both models):');
    expect(msg).toMatch(/differing output bits \(LSB first\):\n {4}y\d+: \d/);
  });

  test('always-wrong transformations are caught on the first case', async () => {
    const err = (await preservesSemantics((b: BnnJson) => bufferOutputs(b, true), { arbitrary: bnnArb(), numRuns: 5 }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/Property failed after 1 tests/);
  });

  test('networks: an exact requant passes, a narrowing one is caught', async () => {
    const arbitrary = denseNetworkArb({ maxLayers: 2, maxWidth: 2, maxBits: 3 });
    await preservesSemantics((n: NetworkJson) => requantOutput(n, false), { arbitrary, numRuns: 20 });
    const err = (await preservesSemantics((n: NetworkJson) => requantOutput(n, true), { arbitrary, numRuns: 100, seed: 7 }).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(ContractError);
    expect(err.message).toContain('counterexample (replayed on both models):');
  });
});

describe('roundTrips', () => {
  test('JSON text round-trips BNNs (same function, by the checker)', async () => {
    await roundTrips((b: BnnJson) => JSON.stringify(b), (text: string) => JSON.parse(text) as BnnJson, { arbitrary: bnnArb(), numRuns: 20 });
  });

  test('a custom `same` is used, and a lossy writer is caught', async () => {
    const lossy = (b: BnnJson) => JSON.stringify({ ...b, layers: b.layers.map((l) => ({ neurons: l.neurons.map((n) => ({ ...n, bias: n.bias + 1 })) })) });
    const sameBiases = (a: BnnJson, b: BnnJson) => a.layers.every((l, i) => l.neurons.every((n, j) => n.bias === b.layers[i].neurons[j].bias));
    await roundTrips((b: BnnJson) => JSON.stringify(b), (t: string) => JSON.parse(t) as BnnJson, { arbitrary: bnnArb(), numRuns: 20, same: sameBiases });
    const err = (await roundTrips(lossy, (t: string) => JSON.parse(t) as BnnJson, { arbitrary: bnnArb(), numRuns: 20, same: sameBiases }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('round trip: the value read back is not the same as the one written');
  });
});
