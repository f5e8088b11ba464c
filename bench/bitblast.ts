/**
 * Bit-blasting speed and circuit sizes for 4-bit MLPs (8-8-4, 16-16-10,
 * 32-32-10) and a small CNN, with random weights from a fixed seed.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/bitblast.js
 * Prints a table: AND nodes, depth, bit-blast time (median of runs) and AIG
 * nodes per second; then the bit-parallel simulation speed on the largest
 * circuit (gate-pattern evaluations per second). Not part of `npm test`.
 */
import { aigStats } from '../src/aig/aig.js';
import { simulateAig } from '../src/aig/simulate.js';
import { bitblastNetwork } from '../src/bitblast/bitblast.js';
import { randomCnn, randomMlp } from './random-networks.js';

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
  ]
    .map((sizes) => ({ weights: sizes.slice(1).reduce((s, o, i) => s + o * sizes[i], 0), net: randomMlp(sizes, 12345) }))
    .concat([
      { weights: 4 * 9 + 360, net: randomCnn(12345) },
      { weights: 8 * 9 + 10 * 8 * 13 * 13, net: randomCnn(12345, 28, 8) },
    ]);
  const cold = nets.map(({ net }) => measure(() => bitblastNetwork(net)).wall);
  for (let i = 0; i < 3; i++) for (const { net } of nets) bitblastNetwork(net); // JIT warm-up
  const rows: string[][] = [['network', 'weights', 'ANDs', 'depth', 'cold ms', 'wall ms', 'cpu ms', 'ANDs/s (cpu)']];
  nets.forEach(({ weights, net }, k) => {
    const runs = Array.from({ length: k === nets.length - 1 ? 5 : 15 }, () => measure(() => bitblastNetwork(net)));
    const st = aigStats(bitblastNetwork(net).circuit.aig);
    const wall = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    rows.push([net.name, String(weights), String(st.ands), String(st.depth), cold[k].toFixed(1), wall.toFixed(2), cpu.toFixed(2), ((st.ands / cpu) * 1000).toExponential(2)]);
  });
  console.log('bit-blasting (median of 15 runs, 5 for the last, after warm-up; cold = first call in the process)');
  printTable(rows);

  const largest = nets[2].net;
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
