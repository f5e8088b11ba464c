/**
 * Bit-blasting speed and circuit sizes for 4-bit MLPs (8-8-4, 16-16-10,
 * 32-32-10) with random weights from a fixed seed.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/bitblast.js
 * Prints a table: AND nodes, depth, bit-blast time (median of runs) and AIG
 * nodes per second; then the bit-parallel simulation speed on the largest
 * circuit (gate-pattern evaluations per second). Not part of `npm test`.
 */
import { aigStats } from '../src/aig/aig.js';
import { simulateAig } from '../src/aig/simulate.js';
import { bitblastNetwork } from '../src/bitblast/bitblast.js';
import { validateNetwork } from '../src/network/read.js';
import type { Network } from '../src/network/types.js';

/** xorshift32: a small deterministic generator, so every run sees the same networks. */
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
 * A 4-bit MLP with layer sizes `sizes` (input first): inputs s4.2, weights
 * s4.2 uniform in [-8, 7], biases s8.4, hidden layers ReLU to u4.2, output
 * s4.2, half-even rounding, saturation.
 */
export function randomMlp(sizes: readonly number[], seed: number): Network {
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
  const json = {
    format: 'fixed-point-network/1',
    name: `mlp-${sizes.join('-')}`,
    inputs: [{ name: 'x', shape: [sizes[0]], type: s4 }],
    layers,
    outputs: ['y'],
  };
  return validateNetwork(json, json.name);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock and CPU milliseconds of one call (CPU time is steadier on a loaded machine). */
function measure(f: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  f();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function main(): void {
  const nets = [
    [8, 8, 4],
    [16, 16, 10],
    [32, 32, 10],
  ].map((sizes) => ({ sizes, net: randomMlp(sizes, 12345) }));
  const cold = nets.map(({ net }) => measure(() => bitblastNetwork(net)).wall);
  for (let i = 0; i < 3; i++) for (const { net } of nets) bitblastNetwork(net); // JIT warm-up
  const rows: string[][] = [['network', 'weights', 'ANDs', 'depth', 'cold ms', 'wall ms', 'cpu ms', 'ANDs/s (cpu)']];
  nets.forEach(({ sizes, net }, k) => {
    const runs = Array.from({ length: 15 }, () => measure(() => bitblastNetwork(net)));
    const st = aigStats(bitblastNetwork(net).circuit.aig);
    const wall = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    const weights = sizes.slice(1).reduce((s, o, i) => s + o * sizes[i], 0);
    rows.push([net.name, String(weights), String(st.ands), String(st.depth), cold[k].toFixed(1), wall.toFixed(2), cpu.toFixed(2), ((st.ands / cpu) * 1000).toExponential(2)]);
  });
  console.log('bit-blasting (median of 15 runs after warm-up; cold = first call in the process)');
  printTable(rows);

  const largest = nets[nets.length - 1].net;
  const g = bitblastNetwork(largest).circuit.aig;
  const W = 1024;
  const inWords = new Uint32Array(g.inputs.length * W).map((_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);
  const out = new Uint32Array(g.numVars * W);
  simulateAig(g, inWords, W, out);
  const cpu = median(Array.from({ length: 5 }, () => measure(() => simulateAig(g, inWords, W, out)).cpu));
  const evals = g.numAnds * W * 32;
  console.log(`\nsimulation of ${largest.name}: ${g.numAnds} ANDs x ${W * 32} patterns in ${cpu.toFixed(1)} ms cpu = ${((evals / cpu) * 1000).toExponential(2)} gate-pattern evaluations/s (one core)`);
}

function printTable(rows: string[][]): void {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => (c === 0 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  '));
}

main();
