/**
 * Exhaustive equivalence speed: a 4-bit MLP with 24 input bits (6-8-4,
 * fixed seed) and the built-in example (16 input bits), each checked against
 * its own gates BNN over all 2^n inputs, with jobs=1 and jobs=2.
 *
 * Speed is in gate-pattern evaluations per second: (circuit AND nodes + BNN
 * neurons) x 2^n / seconds, and per core (divided by the threads used).
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/exhaustive.js
 * Not part of `npm test`.
 */
import { availableParallelism } from 'node:os';
import { readNetworkFile } from '../src/network/read.js';
import type { Network } from '../src/network/types.js';
import { translateNetwork } from '../src/translate/translate.js';
import { checkEquivalence } from '../src/verify/check.js';
import { randomMlp } from './random-networks.js';
import { printTable } from './report.js';

async function run(net: Network, jobs: number): Promise<{ seconds: number; cpu: number; verdict: string; gates: number; n: number }> {
  const { bnn, stats } = translateNetwork(net, { strategy: 'gates' });
  const n = net.inputs.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1) * t.type.bits, 0);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await checkEquivalence({ kind: 'network', file: net.name, network: net }, { kind: 'bnn', file: 'bnn', bnn }, { method: 'exhaustive', jobs });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, verdict: r.verdict, gates: stats.circuit.ands + bnn.numNeurons, n };
}

async function main(): Promise<void> {
  const nets = [readNetworkFile('examples/mlp4.json'), randomMlp([6, 8, 4], 12345)];
  await run(nets[0], 1); // warm-up
  const rows = [['network', 'inputs', 'gates', 'jobs', 'verdict', 'wall s', 'cpu s', 'gate-evals/s (wall)', 'per cpu-second', 'speed-up (wall)']];
  for (const net of nets) {
    let base = 0;
    for (const jobs of [1, 2]) {
      const r = await run(net, jobs);
      if (jobs === 1) base = r.seconds;
      const rate = (r.gates * 2 ** r.n) / r.seconds;
      const evals = r.gates * 2 ** r.n;
      rows.push([net.name, `2^${r.n}`, String(r.gates), String(jobs), r.verdict, r.seconds.toFixed(3), r.cpu.toFixed(3), rate.toExponential(2), (evals / r.cpu).toExponential(2), (base / r.seconds).toFixed(2)]);
    }
  }
  console.log(`exhaustive equivalence, network (through its circuit) vs its gates BNN; ${availableParallelism()} cores available`);
  console.log('cpu s = CPU time of the whole process (all threads, incl. bit-blasting the network); per cpu-second = gate-pattern evaluations per CPU-second (per core)');
  printTable(rows);
}

void main();
