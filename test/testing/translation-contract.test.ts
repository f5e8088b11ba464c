/**
 * The translator, guarded with the public testing API the way a user would
 * guard their own conversion: random networks in, the checker on each
 * (network, BNN) pair. A sabotaged translation must be caught, and the report
 * must locate the divergence through the BNN's tensor hints.
 */
import { describe, expect, test } from 'vitest';
import type { Bnn } from '../../src/bnn/types.js';
import { validateNetwork } from '../../src/network/read.js';
import { cnnNetworkArb, denseNetworkArb, type NetworkJson } from '../../src/testing/arbitraries.js';
import { ContractError, preservesSemantics } from '../../src/testing/contracts.js';
import { translateNetwork } from '../../src/translate/translate.js';

const translate = (json: NetworkJson, layered = false) => translateNetwork(validateNetwork(json, 'generated.json'), { layered }).bnn;

/** Invert output bit 0 of the BNN by negating the weights and bias of the neuron that drives it. */
function sabotage(bnn: Bnn): Bnn {
  const id = bnn.outputs[0].bits[0];
  const n = id - bnn.numInputBits;
  if (n < 0) return bnn; // output bit wired straight to an input: leave it
  const neg = bnn.neg.slice();
  const bias = bnn.bias.slice();
  for (let s = bnn.fanStart[n]; s < bnn.fanStart[n + 1]; s++) neg[s] ^= 1;
  // sum' = -sum when the bias is negated too; parity-safe sums are never 0, so the sign flips.
  bias[n] = -bias[n];
  return { ...bnn, neg, bias };
}

describe('translation preserves semantics (via bnn-universal/testing)', () => {
  test('dense networks, plain and layered', async () => {
    const arbitrary = denseNetworkArb({ maxLayers: 3, maxWidth: 3, maxBits: 3 });
    await preservesSemantics((j: NetworkJson) => translate(j), { arbitrary, numRuns: 25 });
    await preservesSemantics((j: NetworkJson) => translate(j, true), { arbitrary, numRuns: 10 });
  });

  test('CNNs with every operator', async () => {
    await preservesSemantics((j: NetworkJson) => translate(j), { arbitrary: cnnNetworkArb({ maxLayers: 2, maxWidth: 3, maxBits: 2, maxChannels: 2 }), numRuns: 15 });
  });

  test('a sabotaged translation is caught and located', async () => {
    const arbitrary = denseNetworkArb({ maxLayers: 2, maxWidth: 2, maxBits: 3 });
    const err = await preservesSemantics((j: NetworkJson) => sabotage(translate(j)), { arbitrary, numRuns: 50, seed: 99 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    const msg = (err as Error).message;
    expect(msg).toContain('counterexample (replayed on both models):');
    expect(msg).toMatch(/differing output bits \(LSB first\):\n {4}\S+: 0\b/);
    expect(msg).toMatch(/first diverging tensor: \S+ \(output of layer \S+\)/);
  });
});
