import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Aig } from '../../src/aig/aig.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { bitsToTensor } from '../../src/fixed/bits.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { validateNetwork } from '../../src/network/read.js';
import { shutdownZ3 } from '../../src/smt/z3.js';
import { checkEquivalence } from '../../src/verify/check.js';
import type { Model } from '../../src/verify/model.js';
import { smtEngine } from '../../src/verify/smt.js';
import { circuitModel, multiplier } from './circuits.js';

afterAll(shutdownZ3);

const mlp4Json = JSON.parse(readFileSync('examples/mlp4.json', 'utf8'));
const net = (json: object, file: string): Model => ({ kind: 'network', file, network: validateNetwork(json, file) });

const xorBnn = (w0: number) =>
  readBnnJson(
    {
      format: 'bnn/1',
      name: 'xor',
      inputs: [{ name: 'x', bits: 2 }],
      // h0 = x0 AND NOT x1, h1 = NOT x0 AND x1, y = h0 OR h1
      layers: [{ neurons: [{ inputs: [0, 1], weights: [w0, -1], bias: -1 }, { inputs: [0, 1], weights: [-1, 1], bias: -1 }] }, { neurons: [{ inputs: [2, 3], weights: [1, 1], bias: 1 }] }],
      outputs: [{ name: 'y', bits: [4] }],
    },
    'xor.bnn.json',
  );

function xorCircuit(): Model {
  const g = new Aig();
  const a = g.addInput('x[0]');
  const b = g.addInput('x[1]');
  g.addOutput(g.xor(a, b), 'y[0]');
  return circuitModel({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] }, 'xor.aag');
}

describe('smt engine', () => {
  it('proves a network equivalent to itself, with one proved obligation', async () => {
    const m = net(mlp4Json, 'mlp4.json');
    const r = await checkEquivalence(m, m, { method: 'smt' });
    expect(r.verdict).toBe('equivalent');
    expect(r.method).toBe('smt');
    expect(r.obligations).toHaveLength(1);
    expect(r.obligations![0]).toMatchObject({ id: 'miter', result: 'proved', method: 'smt' });
  });

  it('refutes a network with one weight changed, with a counterexample that replays', async () => {
    const changed = structuredClone(mlp4Json);
    changed.layers[0].weights.values[2][1] += 1;
    const a = net(mlp4Json, 'mlp4.json');
    const b = net(changed, 'mlp4-changed.json');
    const r = await checkEquivalence(a, b, { method: 'smt' });
    expect(r.verdict).toBe('different');
    const cex = r.counterexample!;
    expect(cex.differingBits.size).toBeGreaterThan(0);
    // fed to the reference interpreter directly, the inputs separate the networks
    const type = (a as Extract<Model, { kind: 'network' }>).network.inputs[0].type;
    const x = new Map([['x', bitsToTensor(cex.inputs.get('x')!, type)]]);
    const ya = interpretNetwork((a as Extract<Model, { kind: 'network' }>).network, x).get('y');
    const yb = interpretNetwork((b as Extract<Model, { kind: 'network' }>).network, x).get('y');
    expect(ya).not.toEqual(yb);
    expect(cex.reference.get('y')).not.toEqual(cex.implementation.get('y'));
  });

  it('proves a BNN equal to an AIG, and refutes it after a weight flip', async () => {
    const good: Model = { kind: 'bnn', file: 'xor.bnn.json', bnn: xorBnn(1) };
    expect((await checkEquivalence(good, xorCircuit(), { method: 'smt' })).verdict).toBe('equivalent');
    const bad: Model = { kind: 'bnn', file: 'xor-bad.bnn.json', bnn: xorBnn(-1) };
    const r = await checkEquivalence(bad, xorCircuit(), { method: 'smt' });
    expect(r.verdict).toBe('different');
    expect(r.counterexample!.differingBits.get('y')).toEqual([0]);
  });

  it('proves small multipliers commutative', async () => {
    const r = await checkEquivalence(circuitModel(multiplier(4), 'ab.aag'), circuitModel(multiplier(4, true), 'ba.aag'), { method: 'smt' });
    expect(r.verdict).toBe('equivalent');
  });

  it('turns a timeout into unknown, never equivalent', async () => {
    const r = await smtEngine.check(circuitModel(multiplier(24), 'ab.aag'), circuitModel(multiplier(24, true), 'ba.aag'), { timeoutSec: 0.3 });
    expect(r.verdict).toBe('unknown');
    if (r.verdict === 'unknown') {
      expect(r.reason).toMatch(/time|interrupt/);
      expect(r.obligations![0].result).toBe('unknown');
    }
  });

  it('still works after a timeout (the context is reusable)', async () => {
    const m = circuitModel(multiplier(3), 'ab.aag');
    expect((await smtEngine.check(m, circuitModel(multiplier(3, true), 'ba.aag'), {})).verdict).toBe('equivalent');
  });
});
