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
import { bnnMutationArb, mutateBnn, mutateNetwork, netMutationArb } from '../../proofs/mutations.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { bnnToJson } from '../../src/bnn/write.js';
import { validateNetwork } from '../../src/network/read.js';
import { shutdownZ3 } from '../../src/smt/z3.js';
import { denseNetworkArb } from '../../src/testing/arbitraries.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';
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
