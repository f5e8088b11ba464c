/**
 * The circuit fixtures (test/fixtures/circuits): hand-written behavioural
 * Verilog models of two networks and their Yosys-synthesised forms. Checked
 * here by exhaustive simulation against the network interpreter, without any
 * equivalence engine, so the fixtures can be trusted by the engines' tests.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/io/load.js';
import { checkEquivalence } from '../../src/verify/check.js';
import type { Circuit, Model } from '../../src/verify/model.js';
import { concatPorts, evaluateModel, modelInputs, modelOutputs } from '../../src/verify/model.js';
import { truthTables } from './helpers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'circuits');
const circuitOf = (m: Model): Circuit => {
  if (m.kind !== 'circuit') throw new Error(`${m.file} is not a circuit`);
  return m.circuit;
};

/** Truth tables of a network's output bits over every input (inputs concatenated, bit i of pattern p = input bit i). */
function networkTables(m: Model): Uint8Array[] {
  const ins = modelInputs(m);
  const n = ins.reduce((s, p) => s + p.width, 0);
  let tables: Uint8Array[] = [];
  for (let p = 0; p < 1 << n; p++) {
    const flat = Uint8Array.from({ length: n }, (_, i) => (p >>> i) & 1);
    const values = new Map<string, Uint8Array>();
    let off = 0;
    for (const port of ins) values.set(port.name, flat.slice(off, (off += port.width)));
    const out = concatPorts(modelOutputs(m), evaluateModel(m, values));
    if (p === 0) tables = Array.from(out, () => new Uint8Array(1 << n));
    out.forEach((b, o) => (tables[o][p] = b));
  }
  return tables;
}

describe.each([
  ['mlp-small', 'y'],
  ['dense-wrap', 'v'],
])('fixture %s', (name, output) => {
  it(`the behavioural Verilog and every synthesised form compute the network (all 4096 inputs), and the mutant differs`, async () => {
    const net = await loadModel(join(dir, `${name}.json`));
    const want = networkTables(net);
    const behavioural = circuitOf(await loadModel(join(dir, `${name}.v`)));
    expect(behavioural.outputs.map((p) => p.name)).toEqual([output]);
    expect(truthTables(behavioural)).toEqual(want);
    for (const ext of ['aag', 'aig', 'blif', 'gates.v']) {
      const c = circuitOf(await loadModel(join(dir, `${name}.${ext}`)));
      expect(c.inputs, ext).toEqual(behavioural.inputs);
      expect(truthTables(c), ext).toEqual(want);
    }
    const mutant = networkTables(await loadModel(join(dir, `${name}-mutant.json`)));
    expect(mutant).not.toEqual(want);
  });
});

describe('the checker on the fixtures (circuit side of verify: ports matched by name, counterexamples replayed)', () => {
  it.each(['mlp-small.aag', 'dense-wrap.aig', 'mlp-small.blif', 'dense-wrap.blif'])('%s: equivalent to its network, different from the mutant', async (file) => {
    const name = file.replace(/\..*$/, '');
    const circuit = await loadModel(join(dir, file));
    const good = await checkEquivalence(await loadModel(join(dir, `${name}.json`)), circuit, { method: 'exhaustive' });
    expect(good.verdict).toBe('equivalent');
    const bad = await checkEquivalence(await loadModel(join(dir, `${name}-mutant.json`)), circuit, { method: 'exhaustive' });
    expect(bad.verdict).toBe('different');
    expect(bad.counterexample!.differingBits.size).toBeGreaterThan(0);
  });

  it('an unnamed (positional) circuit takes the network\'s port names and widths', async () => {
    const named = circuitOf(await loadModel(join(dir, 'dense-wrap.aag')));
    const g = named.aig;
    const positional: Model = {
      kind: 'circuit',
      file: 'positional.aag',
      format: 'aiger',
      circuit: { aig: g, inputs: [{ name: '', width: 12 }], outputs: [{ name: '', width: 12 }] },
    };
    const r = await checkEquivalence(await loadModel(join(dir, 'dense-wrap.json')), positional, { method: 'exhaustive' });
    expect(r.verdict).toBe('equivalent');
  });
});
