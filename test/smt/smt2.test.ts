import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { validateNetwork } from '../../src/network/read.js';
import { writeSmt2 } from '../../src/smt/smt2.js';
import { runSmtlib2, shutdownZ3 } from '../../src/smt/z3.js';
import { type Model, evaluateModel, modelInputs, splitPorts } from '../../src/verify/model.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';

afterAll(shutdownZ3);

const mlp4Json = JSON.parse(readFileSync('examples/mlp4.json', 'utf8'));
const net = (json: object, file: string): Model => ({ kind: 'network', file, network: validateNetwork(json, file) });

/** Whether two models differ on some input, by trying all of them. */
function differExhaustively(a: Model, b: Model): boolean {
  const ports = modelInputs(a);
  const n = ports.reduce((s, p) => s + p.width, 0);
  for (let v = 0; v < 2 ** n; v++) {
    const ins = splitPorts(ports, Uint8Array.from({ length: n }, (_, i) => (v >> i) & 1));
    const x = evaluateModel(a, ins);
    const y = evaluateModel(b, ins);
    for (const [k, bits] of x) if (bits.some((bit, i) => bit !== y.get(k)![i])) return true;
  }
  return false;
}

describe('writeSmt2', () => {
  it('writes a standard QF_BV script that ends in (check-sat)', () => {
    const m = net(mlp4Json, 'mlp4.json');
    const text = writeSmt2(m, m);
    expect(text).toMatch(/^; written by bnn-universal/);
    expect(text).toContain('(set-logic QF_BV)');
    expect(text).toContain('(declare-const |x[0]| Bool)');
    expect(text.trimEnd().endsWith('(check-sat)')).toBe(true);
    expect(text).not.toContain('at-least');
  });

  it('is unsat for a network and itself, sat for a changed weight (run through the wasm solver)', async () => {
    const a = net(mlp4Json, 'mlp4.json');
    const changed = structuredClone(mlp4Json);
    changed.layers[1].weights.values[0][3] -= 1;
    const b = net(changed, 'changed.json');
    expect((await runSmtlib2(writeSmt2(a, a))).trim()).toBe('unsat');
    expect(differExhaustively(a, b)).toBe(true);
    expect((await runSmtlib2(writeSmt2(a, b))).trim()).toBe('sat');
  });

  it('agrees with exhaustive simulation on random BNN pairs, in both cardinality styles', async () => {
    const pair = fc
      .tuple(bnnArb({ maxInputBits: 4, maxInputPorts: 1, maxOutputPorts: 1, maxOutputBits: 2, maxBias: 5 }), fc.nat(), fc.nat())
      .map(([json, which, delta]) => {
        const other = structuredClone(json);
        const neurons = other.layers.flatMap((l) => l.neurons);
        const n = neurons[which % neurons.length];
        n.bias += (delta % 3) - 1;
        return [json, other] as const;
      });
    await fc.assert(
      fc.asyncProperty(pair, async ([x, y]) => {
        const a: Model = { kind: 'bnn', file: 'a', bnn: readBnnJson(x, 'a') };
        const b: Model = { kind: 'bnn', file: 'b', bnn: readBnnJson(y, 'b') };
        const want = differExhaustively(a, b) ? 'sat' : 'unsat';
        expect((await runSmtlib2(writeSmt2(a, b))).trim()).toBe(want);
        expect((await runSmtlib2(writeSmt2(a, b, { cardinality: 'z3' }))).trim()).toBe(want);
      }),
      { numRuns: 40 },
    );
  });

  it('quotes port names that are not plain symbols, and renames those that cannot be quoted', () => {
    const bnn = (name: string): Model => ({
      kind: 'bnn',
      file: 'q',
      bnn: readBnnJson({ format: 'bnn/1', name: 'q', inputs: [{ name, bits: 1 }], layers: [], outputs: [{ name: 'y', bits: [0] }] }, 'q'),
    });
    expect(writeSmt2(bnn('a b'), bnn('a b'))).toContain('(declare-const |a b[0]| Bool)');
    expect(writeSmt2(bnn('a|b'), bnn('a|b'))).toContain('(declare-const |input 0| Bool) ; "a|b[0]"');
  });
});
