/**
 * Sharded compositional proofs on the built CLI (`npm run build` first):
 * `verify --shard i/n --certificate` per shard, then `certificate merge`,
 * then `recheck` of the merged certificate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
let tmp = '';

function bnnu(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A 12-8-4 MLP: 48 input bits, beyond exhaustive checking, so `auto` picks the compositional method. */
function mlp(): object {
  let s = 7;
  const int = (lo: number, hi: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return lo + ((s >>> 8) % (hi - lo + 1));
  };
  const t = { signed: true, bits: 4, frac: 2 };
  const dense = (name: string, input: string, output: string, n: number, out: number, last: boolean) => ({
    name, op: 'dense', input, output,
    weights: { type: t, values: Array.from({ length: out }, () => Array.from({ length: n }, () => int(-8, 7))) },
    bias: { type: { signed: true, bits: 8, frac: 4 }, values: Array.from({ length: out }, () => int(-100, 100)) },
    activation: last ? 'identity' : 'relu', type: last ? t : { signed: false, bits: 4, frac: 2 }, rounding: 'half-even',
  });
  return { format: 'fixed-point-network/1', name: 'mlp', inputs: [{ name: 'x', shape: [12], type: t }], layers: [dense('fc1', 'x', 'h', 12, 8, false), dense('fc2', 'h', 'y', 8, 4, true)], outputs: ['y'] };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bnnu-shard-'));
  writeFileSync(join(tmp, 'net.json'), JSON.stringify(mlp()));
  expect(bnnu('translate', 'net.json', '-o', 'net.bnn.json').code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('sharded proofs', () => {
  it('auto proves the translation compositionally and says how long each phase took', () => {
    const r = bnnu('verify', 'net.json', 'net.bnn.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/auto chose compositional/);
    expect(r.out).toMatch(/phases: bitblast .* decide/);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^equivalent \(compositional/);
  });

  it('three shards merge into a full certificate that rechecks', () => {
    for (const i of [1, 2, 3]) {
      const r = bnnu('verify', 'net.json', 'net.bnn.json', '--method', 'compositional', '--shard', `${i}/3`, '--jobs', '1', '--certificate', `s${i}.json`);
      expect(r.code).toBe(3); // a shard alone is never a verdict
      expect(r.out).toMatch(/shard/);
    }
    const ids = [1, 2, 3].flatMap((i) => (JSON.parse(readFileSync(join(tmp, `s${i}.json`), 'utf8')) as { obligations: { id: string }[] }).obligations.map((o) => o.id));
    expect(new Set(ids).size).toBe(ids.length);
    const m = bnnu('certificate', 'merge', 's1.json', 's2.json', 's3.json', '-o', 'full.json');
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    const full = JSON.parse(readFileSync(join(tmp, 'full.json'), 'utf8')) as { verdict: string; shard?: unknown; obligations: unknown[] };
    expect(full.verdict).toBe('equivalent');
    expect(full.shard).toBeUndefined();
    expect(full.obligations.length).toBe(ids.length);
    expect(bnnu('recheck', 'full.json').code).toBe(0);
  });

  it('refuses to merge an incomplete set of shards (exit 2, naming what is missing)', () => {
    const r = bnnu('certificate', 'merge', 's1.json', 's3.json', '-o', 'partial.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no shard 2/);
  });

  it('rejects --shard with a method that does not shard', () => {
    const r = bnnu('verify', 'net.json', 'net.bnn.json', '--method', 'smt', '--shard', '1/2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shard/);
  });
});
