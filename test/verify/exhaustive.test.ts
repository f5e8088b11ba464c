import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBnnOutputs } from '../../src/bnn/evaluate.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { aigToBnnGates } from '../../src/bnn/strategies/gates.js';
import { aigToBnnThreshold } from '../../src/bnn/strategies/threshold.js';
import type { Bnn } from '../../src/bnn/types.js';
import { BnnuError } from '../../src/errors.js';
import { readNetworkFile } from '../../src/network/read.js';
import { circuitArb } from '../../src/testing/bnn-arbitraries.js';
import { translateNetwork } from '../../src/translate/translate.js';
import { checkEquivalence } from '../../src/verify/check.js';
import { workerScript } from '../../src/worker-script.js';
import { type Model, concatPorts, evaluateModel, modelInputs, splitPorts } from '../../src/verify/model.js';

const bnnModel = (bnn: Bnn, file = 'impl.bnn.json'): Model => ({ kind: 'bnn', file, bnn });

/** A copy of a BNN with one change: a weight flipped, a bias moved, or a source rewired. */
function mutate(bnn: Bnn, what: number, where: number): Bnn {
  const neg = bnn.neg.slice();
  const bias = bnn.bias.slice();
  const src = bnn.src.slice();
  if (bnn.numNeurons === 0) return bnn;
  const n = where % bnn.numNeurons;
  const k = bnn.fanStart[n + 1] - bnn.fanStart[n];
  const kind = k === 0 ? 1 : what % 3;
  if (kind === 0) neg[bnn.fanStart[n] + (where % k)] ^= 1;
  else if (kind === 1) bias[n] += where % 2 ? 2 : -2;
  else {
    // rewire one synapse to a signal the neuron does not read yet (if any)
    const j = bnn.fanStart[n] + (where % k);
    const reads = new Set(src.subarray(bnn.fanStart[n], bnn.fanStart[n + 1]));
    for (let s = 0; s < bnn.numInputBits + n; s++) if (!reads.has(s)) { src[j] = s; break; }
  }
  return { ...bnn, neg, bias, src };
}

/** Smallest input (bits in port order, LSB first, as a number) where the two models differ, by brute force. */
function smallestDifference(ref: Model, impl: Model): number {
  const ports = modelInputs(ref);
  const n = ports.reduce((s, p) => s + p.width, 0);
  for (let p = 0; p < 2 ** n; p++) {
    const ins = splitPorts(ports, Uint8Array.from({ length: n }, (_, i) => (p >> i) & 1));
    const a = evaluateModel(ref, ins);
    const b = evaluateModel(impl, ins);
    if ([...a].some(([k, v]) => v.some((x, i) => x !== b.get(k)![i]))) return p;
  }
  return -1;
}

const inputNumber = (m: Model, inputs: Map<string, Uint8Array>) => concatPorts(modelInputs(m), inputs).reduce((acc, b, i) => acc + b * 2 ** i, 0);

describe('exhaustive engine (in-thread)', () => {
  it('proves random circuits equal to their gates and threshold BNNs', async () => {
    await fc.assert(
      fc.asyncProperty(circuitArb({ maxInputs: 8, maxAnds: 40 }), fc.boolean(), fc.boolean(), async (circuit, layered, threshold) => {
        const { bnn } = (threshold ? aigToBnnThreshold : aigToBnnGates)(circuit, { layered });
        const r = await checkEquivalence({ kind: 'circuit', file: 'c.aag', format: 'aig', circuit }, bnnModel(bnn), { method: 'exhaustive', jobs: 1 });
        expect(r.verdict).toBe('equivalent');
        expect(r.method).toBe('exhaustive');
      }),
      { numRuns: 100 },
    );
  });

  it('finds the smallest differing input of mutated BNNs', async () => {
    let differing = 0;
    await fc.assert(
      fc.asyncProperty(circuitArb({ minInputs: 1, maxInputs: 9, maxAnds: 40 }), fc.nat(), fc.nat(), async (circuit, what, where) => {
        const { bnn } = aigToBnnGates(circuit);
        const ref: Model = { kind: 'circuit', file: 'c.aag', format: 'aig', circuit };
        const impl = bnnModel(mutate(bnn, what, where));
        const expected = smallestDifference(ref, impl);
        const r = await checkEquivalence(ref, impl, { method: 'exhaustive', jobs: 1 });
        if (expected < 0) {
          expect(r.verdict).toBe('equivalent');
        } else {
          differing++;
          expect(r.verdict).toBe('different');
          expect(inputNumber(ref, r.counterexample!.inputs)).toBe(expected);
        }
      }),
      { numRuns: 150 },
    );
    expect(differing).toBeGreaterThan(20);
  });

  it('compares a network (through its circuit) with its translation, and with a mutant', async () => {
    const net = readNetworkFile('examples/mlp4.json');
    const ref: Model = { kind: 'network', file: 'examples/mlp4.json', network: net };
    const { bnn } = translateNetwork(net);
    const ok = await checkEquivalence(ref, bnnModel(bnn), { method: 'exhaustive', jobs: 1 });
    expect(ok.verdict).toBe('equivalent');
    expect(ok.notes!.join(' ')).toMatch(/65536 inputs/);
    // Flip the weight of a synapse feeding an output bit's neuron.
    const outNeuron = bnn.outputs[0].bits[0] - bnn.numInputBits;
    const neg = bnn.neg.slice();
    neg[bnn.fanStart[outNeuron]] ^= 1;
    const badBnn: Bnn = { ...bnn, neg };
    const bad = bnnModel(badBnn);
    const r = await checkEquivalence(ref, bad, { method: 'exhaustive', jobs: 1 });
    expect(r.verdict).toBe('different');
    // the smallest differing input, checked against the reference interpreter and evaluator
    const n = 16;
    let smallest = -1;
    for (let p = 0; p < 2 ** n && smallest < 0; p++) {
      const bits = Uint8Array.from({ length: n }, (_, i) => (p >> i) & 1);
      const y = evaluateModel(ref, new Map([['x', bits]])).get('y')!;
      const z = evaluateBnnOutputs(badBnn, bits);
      if (y.some((b, i) => b !== z[i])) smallest = p;
    }
    expect(inputNumber(ref, r.counterexample!.inputs)).toBe(smallest);
  });

  it('handles fewer than 5 input bits (one partial word) and zero-input models', async () => {
    const and = readBnnJson(
      { format: 'bnn/1', name: 'a', inputs: [{ name: 'x', bits: 2 }], layers: [{ neurons: [{ inputs: [0, 1], weights: [1, 1], bias: -1 }] }], outputs: [{ name: 'y', bits: [2] }] },
      'a',
    );
    const or = readBnnJson(
      { format: 'bnn/1', name: 'o', inputs: [{ name: 'x', bits: 2 }], layers: [{ neurons: [{ inputs: [0, 1], weights: [1, 1], bias: 1 }] }], outputs: [{ name: 'y', bits: [2] }] },
      'o',
    );
    const r = await checkEquivalence(bnnModel(and, 'and'), bnnModel(or, 'or'), { method: 'exhaustive' });
    expect(r.verdict).toBe('different');
    expect(Array.from(r.counterexample!.inputs.get('x')!)).toEqual([1, 0]);
    const c1 = readBnnJson({ format: 'bnn/1', name: 'c', inputs: [], layers: [{ neurons: [{ inputs: [], weights: [], bias: 1 }] }], outputs: [{ name: 'y', bits: [0] }] }, 'c');
    const c0 = readBnnJson({ format: 'bnn/1', name: 'c', inputs: [], layers: [{ neurons: [{ inputs: [], weights: [], bias: -1 }] }], outputs: [{ name: 'y', bits: [0] }] }, 'c');
    expect((await checkEquivalence(bnnModel(c1), bnnModel(c1), { method: 'exhaustive' })).verdict).toBe('equivalent');
    expect((await checkEquivalence(bnnModel(c1), bnnModel(c0), { method: 'exhaustive' })).verdict).toBe('different');
  });

  it('refuses more than 30 input bits with an input error naming the width', async () => {
    const wide = readBnnJson({ format: 'bnn/1', name: 'w', inputs: [{ name: 'x', bits: 31 }], layers: [], outputs: [{ name: 'y', bits: [0] }] }, 'w');
    const p = checkEquivalence(bnnModel(wide, 'w.bnn.json'), bnnModel(wide, 'w.bnn.json'), { method: 'exhaustive' });
    await expect(p).rejects.toBeInstanceOf(BnnuError);
    await expect(p).rejects.toMatchObject({ code: 'input', message: expect.stringMatching(/31 input bits.*2\^30/) });
  });

  it('gives unknown, never equivalent, when the time limit is hit', async () => {
    const net = readNetworkFile('examples/mlp4.json');
    const { bnn } = translateNetwork(net);
    const r = await checkEquivalence({ kind: 'network', file: 'n', network: net }, bnnModel(bnn), { method: 'exhaustive', jobs: 1, timeoutSec: 1e-9 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(/timeout/);
  });

  it('reports progress up to all inputs', async () => {
    const net = readNetworkFile('examples/mlp4.json');
    const { bnn } = translateNetwork(net);
    const seen: [number, number][] = [];
    await checkEquivalence({ kind: 'network', file: 'n', network: net }, bnnModel(bnn), { method: 'exhaustive', jobs: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toEqual([65536, 65536]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
  });
});

// The worker path needs the compiled worker script (dist/, built by `npm test`); the e2e tests
// cover it through the built CLI as well.
describe.skipIf(!workerScript(new URL('../../src/verify/exhaustive.ts', import.meta.url).href, 'exhaustive-worker'))('exhaustive engine (worker threads)', () => {
  it('agrees with the in-thread path: equivalent pair and smallest counterexample', async () => {
    const net = readNetworkFile('examples/mlp4.json');
    const ref: Model = { kind: 'network', file: 'n', network: net };
    const { bnn } = translateNetwork(net, { layered: true });
    const ok = await checkEquivalence(ref, bnnModel(bnn), { method: 'exhaustive', jobs: 2 });
    expect(ok.verdict).toBe('equivalent');
    expect(ok.notes!.join(' ')).toMatch(/2 worker threads/);
    const bias = bnn.bias.slice();
    bias[bnn.outputs[0].bits[2] - bnn.numInputBits] += 2;
    const bad = bnnModel({ ...bnn, bias });
    const a = await checkEquivalence(ref, bad, { method: 'exhaustive', jobs: 2 });
    const b = await checkEquivalence(ref, bad, { method: 'exhaustive', jobs: 1 });
    expect(a.verdict).toBe('different');
    expect(inputNumber(ref, a.counterexample!.inputs)).toBe(inputNumber(ref, b.counterexample!.inputs));
  });

  it('gives unknown when the time limit is hit', async () => {
    const net = readNetworkFile('examples/mlp4.json');
    const { bnn } = translateNetwork(net);
    const r = await checkEquivalence({ kind: 'network', file: 'n', network: net }, bnnModel(bnn), { method: 'exhaustive', jobs: 2, timeoutSec: 1e-9 });
    expect(r.verdict).toBe('unknown');
    expect(r.notes!.join(' ')).toMatch(/2 worker threads/);
  });
});

