import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tensorToBits } from '../../src/fixed/bits.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import type { Network } from '../../src/network/types.js';
import { declareInputs } from '../../src/smt/encode-model.js';
import { encodeNetwork } from '../../src/smt/encode-network.js';
import { z3Terms } from '../../src/smt/z3-terms.js';
import { getZ3, shutdownZ3 } from '../../src/smt/z3.js';
import { modelInputs } from '../../src/verify/model.js';
import { validateNetwork } from '../../src/network/read.js';
import { cnnNetworkArb, denseNetworkArb, networkInputsArb } from '../../src/testing/arbitraries.js';

afterAll(shutdownZ3);

/**
 * Encode `net`, fix its inputs to `values` and ask Z3 for every tensor;
 * compare with the reference interpreter bit for bit.
 */
async function agreeOn(net: Network, samples: Map<string, bigint[]>[]): Promise<void> {
  const z3 = await getZ3();
  const T = z3Terms(z3);
  const inputs = declareInputs(T, modelInputs({ kind: 'network', file: 'n', network: net }));
  const tensors = encodeNetwork(T, net, inputs);
  const solver = new z3.ctx.Solver();
  for (const values of samples) {
    const want = interpretNetwork(net, values);
    const fix = [];
    for (const t of net.inputs) {
      const bits = tensorToBits(values.get(t.name)!, t.type);
      const vars = inputs.get(t.name)!;
      for (let i = 0; i < bits.length; i++) fix.push(bits[i] ? vars[i] : vars[i].not());
    }
    expect(await solver.check(...fix)).toBe('sat');
    const model = solver.model();
    for (const [name, elems] of tensors) {
      const t = net.tensors.get(name)!;
      const got = elems.map((e) => model.eval(e, true));
      const gotBits = Uint8Array.from(got.flatMap((v) => {
        const u = (v as unknown as { value(): bigint }).value();
        return Array.from({ length: t.type.bits }, (_, i) => Number((u >> BigInt(i)) & 1n));
      }));
      expect(Array.from(gotBits), `tensor ${name}`).toEqual(Array.from(tensorToBits(want.get(name)!, t.type)));
    }
  }
}

/** A validated random network with a few random inputs for it. */
const withInputs = (arb: typeof denseNetworkArb) =>
  arb({ maxBits: 6 }).chain((json) => {
    const net = validateNetwork(json, 'random.json');
    return fc.tuple(fc.constant(net), fc.array(networkInputsArb(net), { minLength: 1, maxLength: 6 }));
  });

describe('network encoding', () => {
  it('agrees with the reference interpreter on every tensor of random dense networks', async () => {
    await fc.assert(fc.asyncProperty(withInputs(denseNetworkArb), ([net, samples]) => agreeOn(net, samples)), { numRuns: 60 });
  });
  it('agrees with the reference interpreter on every tensor of random CNNs', async () => {
    await fc.assert(fc.asyncProperty(withInputs(cnnNetworkArb), ([net, samples]) => agreeOn(net, samples)), { numRuns: 60 });
  });
});
