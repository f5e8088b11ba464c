/**
 * Benchmark networks: 4-bit MLPs with random weights from a fixed seed (the
 * same construction and seed as bench/bitblast.ts, so sizes agree across benches).
 */
import { validateNetwork } from '../src/network/read.js';
import type { Network } from '../src/network/types.js';

/** xorshift32: a small deterministic generator. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/**
 * A 4-bit MLP with layer sizes `sizes` (input first): inputs s4.2, weights s4.2
 * uniform in [-8, 7], biases s8.4, hidden layers ReLU to u4.2, output s4.2,
 * half-even rounding, saturation.
 */
export function randomMlp(sizes: readonly number[], seed = 12345): Network {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const s4 = { signed: true, bits: 4, frac: 2 };
  const layers = sizes.slice(1).map((out, i) => {
    const n = sizes[i];
    const last = i === sizes.length - 2;
    return {
      name: `fc${i + 1}`,
      op: 'dense',
      input: i === 0 ? 'x' : `h${i}`,
      output: last ? 'y' : `h${i + 1}`,
      weights: { type: s4, values: Array.from({ length: out }, () => Array.from({ length: n }, () => int(-8, 7))) },
      bias: { type: { signed: true, bits: 8, frac: 4 }, values: Array.from({ length: out }, () => int(-128, 127)) },
      activation: last ? 'identity' : 'relu',
      type: last ? s4 : { signed: false, bits: 4, frac: 2 },
      rounding: 'half-even',
      overflow: 'saturate',
    };
  });
  const json = { format: 'fixed-point-network/1', name: `mlp-${sizes.join('-')}`, inputs: [{ name: 'x', shape: [sizes[0]], type: s4 }], layers, outputs: ['y'] };
  return validateNetwork(json, json.name);
}

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Print rows as a right-aligned table (first column left-aligned). */
export function printTable(rows: readonly (readonly string[])[]): void {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  '));
}
