/**
 * `bnnu verify NET CIRCUIT` on the built CLI (`npm run build` first), with the
 * circuit fixtures: hand-written Verilog models of two networks and their
 * synthesised AIGER/BLIF/Verilog forms. Equivalent pairs exit 0; a network
 * with one weight changed exits 1 with a counterexample that this test
 * confirms on its own (network interpreter, AIG simulation); mismatched
 * ports exit 2 naming both files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluateAig } from '../../src/aig/simulate.js';
import { bitsToTensor, tensorToBits } from '../../src/fixed/bits.js';
import { readAiger } from '../../src/io/aiger.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { readNetworkFile } from '../../src/network/read.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const FIX = 'test/fixtures/circuits';

function bnnu(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Until the verify command lands (issue 4), there is nothing to run.
const VERIFY_BUILT = existsSync(join(ROOT, 'dist/src/cli/commands/verify.js'));

describe.skipIf(!VERIFY_BUILT)('verify a network against circuits it did not build', () => {
  test.each(['mlp-small.aag', 'mlp-small.aig', 'mlp-small.blif', 'dense-wrap.aig', 'dense-wrap.blif', 'dense-wrap.v'])('%s is equivalent to its network (exit 0)', (file) => {
    const name = file.replace(/\..*$/, '');
    const r = bnnu('verify', `${FIX}/${name}.json`, `${FIX}/${file}`, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).verdict).toBe('equivalent');
  });

  test('a network with one weight changed is refuted with a counterexample that replays independently (exit 1)', () => {
    const r = bnnu('verify', `${FIX}/mlp-small-mutant.json`, `${FIX}/mlp-small.aig`, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.verdict).toBe('different');
    const x: number[] = out.counterexample.inputs.x;
    expect(x).toHaveLength(3);
    const net = readNetworkFile(join(ROOT, FIX, 'mlp-small-mutant.json'));
    const xType = net.inputs[0].type;
    const yType = net.tensors.get('y')!.type;
    const want = interpretNetwork(net, new Map([['x', x.map(BigInt)]])).get('y')!;
    const circuit = readAiger(readFileSync(join(ROOT, FIX, 'mlp-small.aig')), 'mlp-small.aig');
    const got = bitsToTensor(evaluateAig(circuit.aig, tensorToBits(x.map(BigInt), xType)), yType);
    expect(got).not.toEqual(want);
    expect(out.counterexample.reference.y).toEqual(want.map(Number));
    expect(out.counterexample.implementation.y).toEqual(got.map(Number));
  });

  test('ports that do not match are exit 2 naming both files', () => {
    const r = bnnu('verify', `${FIX}/mlp-small.json`, `${FIX}/dense-wrap.aag`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/mlp-small\.json.*dense-wrap\.aag|dense-wrap\.aag.*mlp-small\.json/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
