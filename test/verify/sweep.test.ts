import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Lit, not } from '../../src/aig/aig.js';
import { bitblastNetwork } from '../../src/bitblast/bitblast.js';
import type { Bnn } from '../../src/bnn/types.js';
import { InternalError } from '../../src/errors.js';
import { loadModel } from '../../src/io/load.js';
import { readNetworkFile, validateNetwork } from '../../src/network/read.js';
import { denseNetworkArb } from '../../src/testing/arbitraries.js';
import { translateNetwork } from '../../src/translate/translate.js';
import { checkEquivalence, replayCounterexample } from '../../src/verify/check.js';
import type { Model } from '../../src/verify/model.js';
import { checkBySweeping, crossCheckBitblast } from '../../src/verify/sweep.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'circuits');
const root = join(import.meta.dirname, '..', '..');
const netModel = (file: string): Model => ({ kind: 'network', file, network: readNetworkFile(file) });

/** A BNN with one synapse weight flipped. */
function flipWeight(bnn: Bnn, k: number): Bnn {
  const neg = bnn.neg.slice();
  neg[k % neg.length] ^= 1;
  return { ...bnn, neg };
}

describe('sweep engine', () => {
  it.each(['mlp-small.aag', 'mlp-small.aig', 'mlp-small.blif', 'dense-wrap.aag', 'dense-wrap.blif'])(
    'proves the hand-written circuit %s equal to its network and reports the matched cut points',
    async (file) => {
      const name = file.replace(/\..*$/, '');
      const net = await loadModel(join(fixtures, `${name}.json`));
      const circuit = await loadModel(join(fixtures, file));
      // 12 input bits: by default all 4096 patterns are simulated (a proof without SAT).
      const r = await checkEquivalence(net, circuit, { method: 'sweep' });
      expect(r.verdict).toBe('equivalent');
      expect(r.method).toBe('sweep');
      expect(r.obligations?.[0].result).toBe('proved');
      expect(r.notes).toContainEqual(expect.stringMatching(/^sweep: miter .* outputs agree on all 4096 input patterns/));
      expect(r.notes?.some((n) => /agrees with the network interpreter/.test(n))).toBe(true);
      // The same by SAT sweeping.
      const s = checkBySweeping(net, circuit, {}, { exhaustiveInputs: 0 });
      expect(s.verdict).toBe('equivalent');
      expect(s.notes).toContainEqual(expect.stringMatching(/^sweep: miter .* SAT calls/));
      for (const notes of [r.notes!, s.notes!]) {
        if (name !== 'mlp-small') continue;
        // The hidden layer h (4 x u4) is a wire of the synthesised circuit too.
        const h = notes.find((n) => n.startsWith('cut h:'));
        expect(h).toMatch(/^cut h: (\d+)\/\1 bits matched by simulation in .*; 16\/16 proved equal to a wire there or constant$/);
      }
    },
  );

  it('proves a hand-written circuit equal to its network with every SAT proof checked by the DRUP checker', async () => {
    const net = await loadModel(join(fixtures, 'dense-wrap.json'));
    const circuit = await loadModel(join(fixtures, 'dense-wrap.aag'));
    const r = checkBySweeping(net, circuit, {}, { checkProofs: true, exhaustiveInputs: 0 });
    expect(r.verdict).toBe('equivalent');
  });

  it.each(['mlp-small.aag', 'dense-wrap.blif'])('refutes %s against the one-weight mutant network with a replayed counterexample', async (file) => {
    const name = file.replace(/\..*$/, '');
    const mutant = await loadModel(join(fixtures, `${name}-mutant.json`));
    const circuit = await loadModel(join(fixtures, file));
    // The driver replays the counterexample on the network interpreter and the AIG; a bad one throws.
    for (const [ref, impl] of [[mutant, circuit], [circuit, mutant]]) {
      const r = await checkEquivalence(ref, impl, { method: 'sweep' });
      expect(r.verdict).toBe('different');
      expect(r.counterexample!.differingBits.size).toBeGreaterThan(0);
      if (name === 'mlp-small') {
        // The mutant changes a weight of hidden neuron 2: the cut report points there.
        expect(r.notes).toContainEqual(expect.stringMatching(/^cut h: 12\/16 bits matched by simulation in .*mlp-small\.aag(; 12\/16 proved [^;]*)?; unmatched element 2$/));
      }
    }
  });

  it('proves networks equal to their BNN translations, and agrees with the exhaustive engine on mutants', async () => {
    await fc.assert(
      fc.asyncProperty(denseNetworkArb({ maxLayers: 3, maxInputs: 1 }), fc.nat(), fc.boolean(), async (json, k, allPatterns) => {
        const net = validateNetwork(json, 'random.json');
        const ref: Model = { kind: 'network', file: 'random.json', network: net };
        const { bnn } = translateNetwork(net);
        const params = { exhaustiveInputs: allPatterns ? 16 : 0 };
        const good = checkBySweeping(ref, { kind: 'bnn', file: 'random.bnn.json', bnn }, {}, params);
        expect(good.verdict).toBe('equivalent');
        if (bnn.neg.length === 0) return;
        const impl: Model = { kind: 'bnn', file: 'mutant.bnn.json', bnn: flipWeight(bnn, k) };
        const s = checkBySweeping(ref, impl, {}, params);
        const e = await checkEquivalence(ref, impl, { method: 'exhaustive', jobs: 1 });
        expect(s.verdict).toBe(e.verdict);
        // A counterexample must replay on the reference evaluators (throws otherwise).
        if (s.verdict === 'different') replayCounterexample(ref, impl, s.inputs, 'sweep');
      }),
      { numRuns: 30 },
    );
  });

  it('proves the example MLP equal to its bit-blast and to its BNN translation', async () => {
    const net = netModel(join(root, 'examples', 'mlp4.json'));
    const { circuit } = bitblastNetwork(net.kind === 'network' ? net.network : (undefined as never));
    const r1 = checkBySweeping(net, { kind: 'circuit', file: 'mlp4.aag', format: 'aag', circuit }, {}, { exhaustiveInputs: 0 });
    expect(r1.verdict).toBe('equivalent');
    const { bnn } = translateNetwork(net.kind === 'network' ? net.network : (undefined as never), { strategy: 'threshold' });
    const r2 = checkBySweeping(net, { kind: 'bnn', file: 'mlp4.bnn.json', bnn }, {}, { exhaustiveInputs: 0 });
    expect(r2.verdict).toBe('equivalent');
  });

  it('reports progress and compares two networks (cut points from the reference)', async () => {
    const net = netModel(join(root, 'examples', 'mlp4.json'));
    const calls: [number, number, string | undefined][] = [];
    const r = checkBySweeping(net, net, { onProgress: (d, t, l) => calls.push([d, t, l]) }, { exhaustiveInputs: 0 });
    expect(r.verdict).toBe('equivalent');
    // Both sides bit-blast to the same AIG: everything merges by structure.
    expect(r.notes?.filter((n) => n.startsWith('cut ')).every((n) => /(\d+)\/\1 proved/.test(n))).toBe(true);
    expect(calls.length).toBeGreaterThan(0);
    for (const [d, t] of calls) expect(d).toBeLessThanOrEqual(t);
  });

  it('answers unknown, not equivalent, when the time is up', () => {
    const net = netModel(join(root, 'examples', 'mlp4.json'));
    const { bnn } = translateNetwork(net.kind === 'network' ? net.network : (undefined as never));
    const r = checkBySweeping(net, { kind: 'bnn', file: 'mlp4.bnn.json', bnn }, { timeoutSec: 0 }, { exhaustiveInputs: 0 });
    expect(r.verdict).toBe('unknown');
    if (r.verdict === 'unknown') expect(r.reason).toMatch(/timeout/);
  });

  it('refuses a bit-blast that disagrees with the interpreter', () => {
    const net = readNetworkFile(join(root, 'examples', 'mlp4.json'));
    const { circuit, tensorLits } = bitblastNetwork(net);
    expect(crossCheckBitblast(net, circuit, tensorLits, 'mlp4.json')).toMatch(/agrees/);
    const out = net.outputs[0];
    const broken = new Map(tensorLits);
    const lits = broken.get(out)!.slice();
    lits[0] = not(lits[0] as Lit);
    broken.set(out, lits);
    expect(() => crossCheckBitblast(net, circuit, broken, 'mlp4.json')).toThrow(InternalError);
  });
});
