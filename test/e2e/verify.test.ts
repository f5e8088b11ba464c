/**
 * `bnnu verify`, `bnnu recheck` and `bnnu certificate show` on the built CLI
 * (`npm run build` first). Counterexamples are confirmed by a small
 * evaluator written here from the spec, independent of the toolkit's.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAigerAscii } from '../../src/io/aiger.js';
import { runSmtlib2, shutdownZ3 } from '../../src/smt/z3.js';
import { multiplier } from '../verify/circuits.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const MLP = join(ROOT, 'examples/mlp4.json');
let tmp = '';

function bnnu(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1)!;

/** A small two-layer network (6 input bits) whose translation Z3 proves quickly. */
const tinyNet = {
  format: 'fixed-point-network/1',
  name: 'tiny',
  inputs: [{ name: 'x', shape: [2], type: { signed: true, bits: 3, frac: 1 } }],
  layers: [
    {
      name: 'fc1', op: 'dense', input: 'x', output: 'h',
      weights: { type: { signed: true, bits: 3, frac: 1 }, values: [[1, -2], [3, 1]] },
      bias: { type: { signed: true, bits: 4, frac: 2 }, values: [1, -3] },
      activation: 'relu', type: { signed: false, bits: 3, frac: 1 }, rounding: 'half-away', overflow: 'saturate',
    },
    {
      name: 'fc2', op: 'dense', input: 'h', output: 'y',
      weights: { type: { signed: true, bits: 3, frac: 0 }, values: [[2, -1]] },
      type: { signed: true, bits: 3, frac: 0 }, rounding: 'half-even', overflow: 'wrap',
    },
  ],
  outputs: ['y'],
};

/**
 * The layer arithmetic of the spec for dense layers, written here from the
 * text (exact integers; floor division by powers of two): an evaluator that
 * shares no code with the toolkit, to confirm counterexamples.
 */
function independentDense(net: typeof tinyNet, x: bigint[]): Map<string, bigint[]> {
  const values = new Map<string, bigint[]>([['x', x]]);
  const types = new Map<string, { signed: boolean; bits: number; frac: number }>([['x', net.inputs[0].type]]);
  for (const l of net.layers) {
    const xin = values.get(l.input)!;
    const F = types.get(l.input)!.frac + l.weights.type.frac;
    const out = l.weights.values.map((row, o) => {
      let acc = row.reduce((s, w, j) => s + BigInt(w) * xin[j], 0n);
      if (l.bias) acc += BigInt(l.bias.values[o]) * 2n ** BigInt(F - l.bias.type.frac);
      if (l.activation === 'relu' && acc < 0n) acc = 0n;
      const s = F - l.type.frac;
      let r: bigint;
      if (s <= 0) r = acc * 2n ** BigInt(-s);
      else {
        const d = 2n ** BigInt(s);
        const q = acc >= 0n ? acc / d : -((-acc + d - 1n) / d); // floor(acc / d)
        const rem = acc - q * d; // 0 <= rem < d
        if (l.rounding === 'floor' || rem === 0n) r = q;
        else if (l.rounding === 'half-even' || l.rounding === 'half-away') {
          const tieUp = l.rounding === 'half-even' ? q % 2n !== 0n : acc >= 0n;
          r = rem > d / 2n || (rem === d / 2n && tieUp) ? q + 1n : q;
        } else throw new Error(`rounding ${l.rounding} not covered by this test evaluator`);
      }
      const t = l.type;
      const lo = t.signed ? -(2n ** BigInt(t.bits - 1)) : 0n;
      const hi = t.signed ? 2n ** BigInt(t.bits - 1) - 1n : 2n ** BigInt(t.bits) - 1n;
      if (l.overflow === 'saturate') return r < lo ? lo : r > hi ? hi : r;
      const m = ((r % 2n ** BigInt(t.bits)) + 2n ** BigInt(t.bits)) % 2n ** BigInt(t.bits);
      return t.signed && m > hi ? m - 2n ** BigInt(t.bits) : m;
    });
    values.set(l.output, out);
    types.set(l.output, l.type);
  }
  return values;
}

beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'bnnu-verify-'));
  writeFileSync(join(tmp, 'tiny.json'), JSON.stringify(tinyNet));
  expect(bnnu('translate', join(tmp, 'tiny.json'), '-o', join(tmp, 'tiny.bnn.json')).code).toBe(0);
  expect(bnnu('translate', MLP, '-o', join(tmp, 'mlp4.bnn.json')).code).toBe(0);
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await shutdownZ3();
});

describe('bnnu verify', () => {
  it('proves a network equal to its translation with Z3 (exit 0, verdict on the last line)', () => {
    const r = bnnu('verify', join(tmp, 'tiny.json'), join(tmp, 'tiny.bnn.json'), '--method', 'smt');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(lastLine(r.out)).toMatch(/^equivalent \(smt, [\d.]+ s\): proven for every input$/);
  });

  it('auto picks exhaustive for a small input space and says so (--json)', () => {
    const r = bnnu('verify', MLP, join(tmp, 'mlp4.bnn.json'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ verdict: 'equivalent', method: 'exhaustive' });
    expect(typeof j.seconds).toBe('number');
    expect(j.notes.join(' ')).toMatch(/auto chose exhaustive/);
  });

  it('refutes a network with one weight changed against the original translation (exit 1), with a counterexample that the spec confirms', () => {
    for (const [layer, row, col] of [[0, 1, 0], [1, 0, 1]] as const) {
      const changed = structuredClone(tinyNet);
      changed.layers[layer].weights.values[row][col] += changed.layers[layer].weights.values[row][col] > 0 ? -1 : 1;
      const file = join(tmp, `changed-${layer}.json`);
      writeFileSync(file, JSON.stringify(changed));
      const r = bnnu('verify', file, join(tmp, 'tiny.bnn.json'), '--method', 'smt', '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const j = JSON.parse(r.out);
      expect(j.verdict).toBe('different');
      const cex = j.counterexample;
      expect(cex.inputs.x).toHaveLength(2);
      const x = (cex.inputs.x as number[]).map(BigInt);
      const a = independentDense(changed, x).get('y')!.map(Number);
      const b = independentDense(tinyNet, x).get('y')!.map(Number);
      expect(cex.reference.y).toEqual(a);
      expect(cex.implementation.y).toEqual(b);
      expect(a).not.toEqual(b);
      expect(Object.keys(cex.differingBits)).toEqual(['y']);
      // the translation carries tensor hints: the first diverging layer is named
      expect(cex.firstDivergingTensor.tensor).toBe(layer === 0 ? 'h' : 'y');
    }
  });

  it('text output of a difference shows the counterexample and ends with the verdict', () => {
    const changed = structuredClone(tinyNet);
    changed.layers[1].weights.values[0][0] = -3;
    const file = join(tmp, 'changed-text.json');
    writeFileSync(file, JSON.stringify(changed));
    const r = bnnu('verify', file, join(tmp, 'tiny.bnn.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/counterexample \(replayed on both models\)/);
    expect(r.out).toMatch(/^ +x = .*\(s3\.1\)$/m);
    expect(lastLine(r.out)).toMatch(/^different \(exhaustive, /);
  });

  it('exits 2 naming both ports when the ports do not match', () => {
    const other = structuredClone(tinyNet);
    other.inputs[0].type.bits = 4;
    const file = join(tmp, 'wider.json');
    writeFileSync(file, JSON.stringify(other));
    const r = bnnu('verify', file, join(tmp, 'tiny.bnn.json'));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/port mismatch: input x \(8 bits\) in .*wider\.json vs input x \(6 bits\) in .*tiny\.bnn\.json/);
  });

  it('exits 3 with verdict unknown when the time limit is hit (never equivalent)', () => {
    writeFileSync(join(tmp, 'ab.aag'), writeAigerAscii(multiplier(24)));
    writeFileSync(join(tmp, 'ba.aag'), writeAigerAscii(multiplier(24, true)));
    const r = bnnu('verify', join(tmp, 'ab.aag'), join(tmp, 'ba.aag'), '--method', 'smt', '--timeout', '0.5', '--json');
    expect(r.code).toBe(3);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('unknown');
    expect(j.reason).toMatch(/time|interrupt/);
  });

  it('rejects bad options with exit 2', () => {
    expect(bnnu('verify', MLP, MLP, '--method', 'guess').code).toBe(2);
    expect(bnnu('verify', MLP, MLP, '--timeout', '-1').code).toBe(2);
    expect(bnnu('verify', MLP).code).toBe(2);
    expect(bnnu('verify', MLP, join(tmp, 'missing.json')).code).toBe(2);
    const noDir = bnnu('verify', MLP, MLP, '--certificate', join(tmp, 'no', 'such', 'dir', 'c.json'));
    expect(noDir.code).toBe(2);
    expect(noDir.err).toMatch(/c\.json: file: expected a path in an existing directory/);
  });

  it('--emit-smt2 writes the miter, which the wasm solver then decides', async () => {
    const dir = join(tmp, 'smt');
    const r = bnnu('verify', join(tmp, 'tiny.json'), join(tmp, 'tiny.bnn.json'), '--method', 'exhaustive', '--emit-smt2', dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).smt2).toEqual([join(dir, 'miter.smt2')]);
    const text = readFileSync(join(dir, 'miter.smt2'), 'utf8');
    expect(text).toContain('(set-logic QF_BV)');
    expect(text.trimEnd().endsWith('(check-sat)')).toBe(true);
    expect((await runSmtlib2(text)).trim()).toBe('unsat');
    // and a pair that differs gives sat
    const changed = structuredClone(tinyNet);
    changed.layers[0].bias!.values[0] += 1;
    writeFileSync(join(tmp, 'bias.json'), JSON.stringify(changed));
    const d = bnnu('verify', join(tmp, 'bias.json'), join(tmp, 'tiny.bnn.json'), '--emit-smt2', join(tmp, 'smt-diff'));
    expect(d.code).toBe(1);
    expect((await runSmtlib2(readFileSync(join(tmp, 'smt-diff', 'miter.smt2'), 'utf8'))).trim()).toBe('sat');
  });
});

describe('certificates', () => {
  it('verify --certificate, certificate show, recheck; recheck fails when a model file changes', () => {
    const cert = join(tmp, 'cert.json');
    const net = join(tmp, 'tiny.json');
    const bnn = join(tmp, 'tiny.bnn.json');
    const v = bnnu('verify', net, bnn, '--method', 'smt', '--certificate', cert);
    expect(v.code).toBe(0);
    const c = JSON.parse(readFileSync(cert, 'utf8'));
    expect(c).toMatchObject({ format: 'bnnu-certificate/1', verdict: 'equivalent', method: 'smt', reference: { path: 'tiny.json', kind: 'network' }, implementation: { path: 'tiny.bnn.json', kind: 'bnn' } });
    expect(c.reference.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.z3).toMatch(/^Z3 /);
    expect(c.tool).toMatch(/^bnn-universal /);
    expect(c.obligations).toEqual([expect.objectContaining({ id: 'miter', result: 'proved', method: 'smt' })]);
    expect(Number.isNaN(Date.parse(c.date))).toBe(false);

    const show = bnnu('certificate', 'show', cert);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^verdict: +equivalent$/m);
    expect(show.out).toMatch(/miter: proved by smt/);

    const again = bnnu('recheck', cert);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    expect(lastLine(again.out)).toMatch(/^equivalent \(smt, /);

    appendFileSync(bnn, '\n'); // same BNN, different bytes
    const changed = bnnu('recheck', cert);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/cert\.json: implementation\.sha256: .*the file has changed/);
  });

  it('recheck rejects a malformed certificate naming the field', () => {
    const bad = join(tmp, 'bad-cert.json');
    writeFileSync(bad, JSON.stringify({ format: 'bnnu-certificate/1', verdict: 'maybe' }));
    const r = bnnu('recheck', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad-cert\.json: verdict: expected one of equivalent, different, unknown, found "maybe"/);
  });
});

describe('library use', () => {
  it('a script that proves with Z3 through the package exits by itself (Z3 threads do not keep it alive)', () => {
    const script = [
      `import { checkEquivalence, loadModel } from ${JSON.stringify(join(ROOT, 'dist/src/index.js'))};`,
      `const a = await loadModel(${JSON.stringify(join(tmp, 'tiny.json'))});`,
      `const b = await loadModel(${JSON.stringify(join(tmp, 'tiny.bnn.json'))});`,
      `const r = await checkEquivalence(a, b, { method: 'smt' });`,
      'console.log(r.verdict);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.error).toBeUndefined(); // a timeout (a hang) sets error
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('equivalent');
  });
});

