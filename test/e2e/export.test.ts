/**
 * `bnnu export` on the built CLI (`npm run build` first): every format, for a
 * network, a BNN and a circuit; usage errors; and the round trip through
 * Yosys: a network exported as Verilog and BLIF, read back by Yosys, proven
 * equivalent to the network by the checker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluateBnnOutputs } from '../../src/bnn/evaluate.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { readAiger } from '../../src/io/aiger.js';
import { readBlif } from '../../src/io/blif.js';
import { loadModel } from '../../src/io/load.js';
import { readVerilog } from '../../src/io/verilog.js';
import { runYosysScript, yosysError } from '../../src/io/yosys.js';
import { checkEquivalence } from '../../src/verify/check.js';
import type { Circuit, Model } from '../../src/verify/model.js';
import { truthTables } from '../io/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');

function bnnu(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, timeout: 120_000, env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr.toString('utf8') };
}

let dir = '';
const at = (name: string) => join(dir, name);

/** A 3-input BNN: y0 = majority(x0, !x1, x2), y1 = NAND(x0, y0). */
const BNN = {
  format: 'bnn/1',
  name: 'tiny',
  inputs: [{ name: 'x', bits: 3 }],
  layers: [{ neurons: [{ inputs: [0, 1, 2], weights: [1, -1, 1], bias: 0 }] }, { neurons: [{ inputs: [0, 3], weights: [-1, -1], bias: 1 }] }],
  outputs: [{ name: 'y', bits: [3, 4] }],
};

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'bnnu-e2e-export-'));
  writeFileSync(at('tiny.bnn.json'), JSON.stringify(BNN));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const circuitModel = (c: Circuit, file: string): Model => ({ kind: 'circuit', file, circuit: c, format: 'test' });

describe('export a network', () => {
  test('--to aag writes ASCII AIGER on stdout, with x[i] symbols, that the checker proves equal to the network', async () => {
    const r = bnnu('export', 'examples/mlp4.json', '--to', 'aag');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const text = r.out.toString('utf8');
    expect(text).toMatch(/^aag \d+ 16 0 12 \d+\n/);
    expect(text).toContain('\ni0 x[0]\n');
    const c = readAiger(r.out, 'stdout.aag');
    const net = await loadModel(join(ROOT, 'examples/mlp4.json'));
    const v = await checkEquivalence(net, circuitModel(c, 'stdout.aag'), { method: 'exhaustive' });
    expect(v.verdict).toBe('equivalent');
  });

  test('the format follows -o\'s extension; binary AIGER needs -o; a summary line goes to stdout', () => {
    const r = bnnu('export', 'examples/mlp4.json', '-o', at('mlp4.aig'));
    expect(r.code).toBe(0);
    expect(r.out.toString()).toMatch(/^wrote .*mlp4\.aig \(aiger, \d+ bytes\)\n$/);
    const bytes = readFileSync(at('mlp4.aig'));
    expect(bytes.subarray(0, 4).toString()).toBe('aig ');
    expect(readAiger(bytes, 'mlp4.aig').inputs).toEqual([{ name: 'x', width: 16 }]);
    const e = bnnu('export', 'examples/mlp4.json', '--to', 'aiger');
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/^bnnu: export: --to aiger writes binary AIGER; give -o FILE/);
  });

  test('exported as Verilog and BLIF, read back through Yosys, proven equivalent to the network', async () => {
    expect(bnnu('export', 'examples/mlp4.json', '--to', 'verilog', '-o', at('mlp4.v')).code).toBe(0);
    expect(bnnu('export', 'examples/mlp4.json', '--to', 'blif', '-o', at('mlp4.blif')).code).toBe(0);
    const net = await loadModel(join(ROOT, 'examples/mlp4.json'));
    const fromVerilog = await readVerilog(readFileSync(at('mlp4.v'), 'utf8'), at('mlp4.v'));
    expect(fromVerilog.inputs).toEqual([{ name: 'x', width: 16 }]);
    // Yosys reads our BLIF and writes it back as AIGER.
    const y = await runYosysScript(['read_blif mlp4.blif', 'hierarchy -auto-top', 'techmap', 'opt', 'aigmap', 'opt_clean', 'write_aiger -symbols out.aig'], { 'mlp4.blif': readFileSync(at('mlp4.blif'), 'utf8') });
    if (!y.ok) throw yosysError(y.log, at('mlp4.blif'), 'mlp4.blif');
    const fromBlif = readAiger(Buffer.from(y.files['out.aig'] as Uint8Array), 'yosys.aig');
    for (const [c, name] of [[fromVerilog, 'verilog'], [fromBlif, 'blif']] as const) {
      const v = await checkEquivalence(net, circuitModel(c, name), { method: 'exhaustive' });
      expect(v.verdict, name).toBe('equivalent');
    }
  });
});

describe('export a BNN and a circuit', () => {
  test('a BNN as BLIF computes what the BNN evaluator computes', () => {
    const r = bnnu('export', at('tiny.bnn.json'), '--to', 'blif');
    expect(r.code).toBe(0);
    const text = r.out.toString('utf8');
    expect(text).toMatch(/^\.model tiny\n\.inputs x\[0\] x\[1\] x\[2\]\n\.outputs y\[0\] y\[1\]\n/);
    const c = readBlif(text, 'tiny.blif');
    const bnn = readBnnJson(BNN, 'tiny.bnn.json');
    const tables = truthTables(c);
    for (let p = 0; p < 8; p++) {
      const bits = [p & 1, (p >> 1) & 1, p >> 2];
      expect(tables.map((t) => t[p])).toEqual(Array.from(evaluateBnnOutputs(bnn, bits)));
    }
  });

  test('--to dot draws a BNN as neurons and a circuit as gates', () => {
    const b = bnnu('export', at('tiny.bnn.json'), '--to', 'dot').out.toString();
    expect(b).toMatch(/^digraph "tiny" \{/);
    expect(b).toContain('s1 -> s3 [style=dashed];'); // weight -1
    expect(b).toContain('s4 -> o0_1;');
    const c = bnnu('export', 'test/fixtures/circuits/dense-wrap.aag', '--to', 'dot');
    expect(c.code).toBe(0);
    expect(c.out.toString()).toMatch(/^digraph "dense_wrap" \{[\s\S]*shape=triangle[\s\S]*shape=invtriangle/);
  });

  test('a circuit converts between formats: aag -> blif -> verilog keep the function', () => {
    expect(bnnu('export', 'test/fixtures/circuits/dense-wrap.aag', '-o', at('dw.blif')).code).toBe(0);
    expect(bnnu('export', at('dw.blif'), '-o', at('dw.aag')).code).toBe(0);
    const a = readAiger(readFileSync(join(ROOT, 'test/fixtures/circuits/dense-wrap.aag')), 'a');
    const b = readAiger(readFileSync(at('dw.aag')), 'b');
    expect(b.inputs).toEqual(a.inputs);
    expect(truthTables(b)).toEqual(truthTables(a));
  });

  test('an AIGER file is recognised by its header whatever its extension', () => {
    writeFileSync(at('not-json.txt'), 'aag 1 1 0 1 0\n2\n3\n');
    const r = bnnu('export', at('not-json.txt'), '--to', 'blif');
    expect(r.code).toBe(0);
    expect(r.out.toString()).toBe('.model not_json\n.inputs in[0]\n.outputs out[0]\n.names in[0] out[0]\n0 1\n.end\n');
  });

  test('--to smt2 writes the miter of two models', () => {
    const r = bnnu('export', 'test/fixtures/circuits/mlp-small.json', 'test/fixtures/circuits/mlp-small.aag', '--to', 'smt2');
    expect(r.code).toBe(0);
    expect(r.out.toString()).toContain('(check-sat)');
  });
});

describe('export usage errors exit 2 with one line', () => {
  test.each([
    [['examples/mlp4.json'], /expected --to aiger\|aag\|blif\|verilog\|dot\|smt2 \(or -o FILE with a known extension\), found neither/],
    [['examples/mlp4.json', '--to', 'png'], /--to: expected one of aiger, aag, blif, verilog, dot, smt2, found "png"/],
    [['examples/mlp4.json', '--to', 'smt2'], /--to smt2 writes an equivalence miter and takes two models/],
    [['examples/mlp4.json', 'examples/mlp4.json', '--to', 'blif'], /--to blif takes one model, found 2/],
    [['examples/mlp4.json', '--to', 'blif', '--cardinality', 'z3'], /--cardinality: expected portable or z3 with --to smt2/],
    [['examples/mlp4.json', '-o', 'examples/mlp4.json', '--to', 'blif'], /would overwrite the input/],
    [['no-such-file.json', '--to', 'blif'], /no-such-file\.json: file: expected a readable file, found ENOENT/],
  ])('%j', (args, pattern) => {
    const r = bnnu('export', ...args);
    expect(r.code).toBe(2);
    expect(r.out.length).toBe(0);
    expect(r.err).toMatch(pattern);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
