/**
 * The built CLI's `translate` and `demo` (and `npm start`). Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { readNetworkFile } from '../../src/network/read.js';
import { checkEquivalence } from '../../src/verify/check.js';
import { expectTranslatorStructure } from '../bnn/structure.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const MLP = join(ROOT, 'examples/mlp4.json');
let tmp = '';

function bnnu(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'bnnu-translate-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function expectEquivalentToMlp(bnnFile: string, layered: boolean, strategy = 'gates'): Promise<void> {
  const bnn = readBnnJson(JSON.parse(readFileSync(bnnFile, 'utf8')), bnnFile);
  expectTranslatorStructure(bnn, layered);
  const net = readNetworkFile(MLP);
  const r = await checkEquivalence({ kind: 'network', file: MLP, network: net }, { kind: 'bnn', file: bnnFile, bnn }, { method: 'exhaustive', jobs: 1 });
  expect(r.verdict).toBe('equivalent');
  expect(Object.keys(bnn.tensors!).sort()).toEqual(['h', 'x', 'y']);
  expect(bnn.meta).toMatchObject({ strategy, layered, source: { file: 'mlp4.json' } });
  expect(String((bnn.meta!.source as { sha256: string }).sha256)).toMatch(/^[0-9a-f]{64}$/);
}

describe('bnnu translate', () => {
  it('writes an equivalent BNN and reports its size (default strategy threshold)', async () => {
    const out = join(tmp, 'mlp4.bnn.json');
    const r = bnnu(['translate', MLP, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^translated .*mlp4\.json -> .*mlp4\.bnn\.json \(strategy threshold\)$/m);
    expect(r.out).toMatch(/^circuit: +\d+ AND nodes, depth \d+$/m);
    expect(r.out).toMatch(/^bnn: +\d+ neurons, \d+ synapses, depth \d+, \d+ layers, widest layer \d+, max fan-in [2-5]$/m);
    expect(r.out).toMatch(/^time: +[\d.]+ s \(bitblast [\d.]+ s, threshold [\d.]+ s, write [\d.]+ s\)$/m);
    await expectEquivalentToMlp(out, false, 'threshold');
    // one neuron per line
    const text = readFileSync(out, 'utf8');
    const bnn = readBnnJson(JSON.parse(text), out);
    expect(text.split('\n').filter((l) => l.includes('"bias"')).length).toBe(bnn.numNeurons);
  });

  it('--strategy gates --layered --json: one JSON document, a strictly layered BNN', async () => {
    const out = join(tmp, 'layered.bnn.json');
    const r = bnnu(['translate', MLP, '-o', out, '--strategy', 'gates', '--layered', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ output: out, strategy: 'gates', layered: true, hintsOmitted: [] });
    expect(doc.circuit.ands).toBeGreaterThan(0);
    expect(doc.bnn.neurons).toBe(doc.construction.neurons);
    expect(doc.construction.passThrough).toBeGreaterThan(0);
    for (const k of ['bitblast', 'strategy', 'write', 'total']) expect(typeof doc.seconds[k]).toBe('number');
    await expectEquivalentToMlp(out, true);
  });

  it('--strategy threshold (layered too): a smaller equivalent BNN', async () => {
    for (const layered of [false, true]) {
      const out = join(tmp, `thr${layered}.bnn.json`);
      const r = bnnu(['translate', MLP, '-o', out, '--strategy', 'threshold', '--json', ...(layered ? ['--layered'] : [])]);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc.strategy).toBe('threshold');
      expect(doc.bnn.neurons).toBeLessThan(doc.circuit.ands * (layered ? 2 : 0.8));
      await expectEquivalentToMlp(out, layered, 'threshold');
    }
  });

  it('without -o writes NAME.bnn.json next to the network; -o - writes the BNN to stdout', () => {
    const dir = join(tmp, 'nets');
    mkdirSync(dir);
    copyFileSync(MLP, join(dir, 'mlp4.json'));
    const r = bnnu(['translate', 'nets/mlp4.json'], tmp);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`-> ${join('nets', 'mlp4.bnn.json')}`);
    const written = readFileSync(join(dir, 'mlp4.bnn.json'), 'utf8');
    const s = bnnu(['translate', MLP, '-o', '-']);
    expect(s.code).toBe(0);
    expect(s.err).toMatch(/-> stdout/);
    // the same BNN but for meta.source.file's directory part, which is not recorded
    expect(JSON.parse(s.out)).toEqual(JSON.parse(written));
  });

  it('translates a circuit file too (AIGER)', () => {
    const aag = join(tmp, 'and.aag');
    writeFileSync(aag, 'aag 3 2 0 1 1\n2\n4\n7\n6 2 4\ni0 x[0]\ni1 x[1]\no0 y[0]\n');
    const out = join(tmp, 'and.bnn.json');
    const r = bnnu(['translate', aag, '-o', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const bnn = readBnnJson(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(bnn.numNeurons).toBe(1); // NAND as one neuron: polarity chosen for the output
    expect(bnn.inputs).toEqual([{ name: 'x', bits: 2 }]);
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['translate', 'no/such.json'], /^bnnu: no\/such\.json: file: expected a readable file, found ENOENT$/],
    ['an unknown strategy', ['translate', MLP, '--strategy', 'nope'], /--strategy: expected one of gates, threshold, found "nope"/],
    ['no argument', ['translate'], /translate: expected arguments NET/],
    ['an unknown option', ['translate', MLP, '--fast'], /translate: Unknown option '--fast'/],
    ['output = input', ['translate', MLP, '-o', MLP], /would overwrite the input/],
    ['-o - with --json', ['translate', MLP, '-o', '-', '--json'], /--json cannot be used/],
  ];
  for (const [what, args, msg] of bad) {
    it(`exits 2 with one line on ${what}`, () => {
      const r = bnnu(args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err.trimEnd()).toMatch(msg);
    });
  }

  it('exits 2 on a BNN, a malformed network, and an unwritable output', () => {
    const out = join(tmp, 'again.bnn.json');
    expect(bnnu(['translate', MLP, '-o', out]).code).toBe(0);
    const r1 = bnnu(['translate', out]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/again\.bnn\.json: format: expected a fixed-point network or a circuit to translate, found a BNN/);
    const broken = join(tmp, 'broken.json');
    const j = JSON.parse(readFileSync(MLP, 'utf8'));
    j.layers[1].weights.values[2][1] = 99;
    writeFileSync(broken, JSON.stringify(j));
    const r2 = bnnu(['translate', broken]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/broken\.json: layers\[1\]\.weights\.values\[2\]\[1\]: expected/);
    const r3 = bnnu(['translate', MLP, '-o', join(tmp, 'no-dir', 'x.bnn.json')]);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/x\.bnn\.json: file: expected a writable path, found ENOENT/);
    expect(existsSync(join(tmp, 'no-dir'))).toBe(false);
  });
});

describe('bnnu demo / npm start', () => {
  const expectDemo = (out: string) => {
    expect(out).toMatch(/1\. load the example network/);
    expect(out).toMatch(/circuit: \d+ AND nodes/);
    expect(out).toMatch(/BNN: +\d+ neurons, \d+ synapses/);
    expect(out).toMatch(/output y: network \[(.*)\], BNN \[\1\]/);
    expect(out).toMatch(/65536 inputs \(2\^16\)/);
    expect(out).toMatch(/verdict: equivalent \(exhaustive/);
  };

  it('npm start runs the demo: translate, spot check, exhaustive proof on worker threads', () => {
    const r = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status).toBe(0);
    expectDemo(r.stdout);
    if (availableParallelism() >= 2) expect(r.stdout).toMatch(/on \d+ worker threads/);
  });

  it('finds the example from any working directory', () => {
    const r = bnnu(['demo'], tmp);
    expect(r.code).toBe(0);
    expectDemo(r.out);
  });

  it('refuses arguments', () => {
    const r = bnnu(['demo', 'extra']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/demo: expected no arguments/);
  });
});
