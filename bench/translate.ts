/**
 * Translation speed and sizes: 4-bit MLPs 8-8-4, 16-16-10, 32-32-10 (fixed
 * seed) and the example networks. For each: circuit AND nodes and depth next
 * to the BNN's neurons, synapses and depth (plain and `--layered`), and the
 * time of each phase; AIG nodes per second over the whole translation
 * (bit-blast + BNN construction) and for the BNN construction alone.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/translate.js
 * Not part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GatesStats } from '../src/bnn/strategies/gates.js';
import { readNetworkFile } from '../src/network/read.js';
import type { Network } from '../src/network/types.js';
import { translateNetwork } from '../src/translate/translate.js';
import { randomMlp } from './random-networks.js';
import { median, printTable } from './report.js';

function examples(): Network[] {
  const files = ['examples/mlp4.json', 'examples/cnn-tiny.json'];
  for (const dir of ['examples/rounding', 'examples/overflow']) {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.json')) files.push(join(dir, f));
  }
  return files.map((f) => readNetworkFile(f));
}

function main(): void {
  const nets = [[8, 8, 4], [16, 16, 10], [32, 32, 10]].map((s) => randomMlp(s, 12345)).concat(examples());
  const cold = translateNetwork(nets[2], { strategy: 'gates' }).stats.seconds.total; // first call in the process, 32-32-10 incl. JIT
  for (let i = 0; i < 3; i++) for (const net of nets) translateNetwork(net, { strategy: 'gates' }); // warm-up
  const rows = [['network', 'ANDs', 'AIG depth', 'neurons', 'synapses', 'BNN depth', 'layered neurons', 'pass-through', 'bitblast ms', 'gates ms', 'total ms', 'cpu ms', 'nodes/s (cpu)', 'nodes/s gates']];
  const thr = [['network', 'ANDs', 'gates neurons', 'threshold neurons', 'ratio', 'synapses', 'depth (gates)', 'depth', 'layered neurons', 'threshold ms']];
  for (const net of nets) {
    const cpus: number[] = [];
    const runs = Array.from({ length: 9 }, () => {
      const c0 = process.cpuUsage();
      const r = translateNetwork(net, { strategy: 'gates' }).stats;
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1e6);
      return r;
    });
    const cpu = median(cpus);
    const st = runs[0];
    const layered = translateNetwork(net, { strategy: 'gates', layered: true }).stats;
    const bb = median(runs.map((r) => r.seconds.bitblast));
    const gt = median(runs.map((r) => r.seconds.strategy));
    const tot = median(runs.map((r) => r.seconds.total));
    const ands = st.circuit.ands;
    rows.push([
      net.name,
      String(ands),
      String(st.circuit.depth),
      String(st.bnn.neurons),
      String(st.bnn.synapses),
      String(st.bnn.depth),
      String(layered.bnn.neurons),
      String((layered.strategyStats as GatesStats).passThrough),
      (bb * 1000).toFixed(2),
      (gt * 1000).toFixed(2),
      (tot * 1000).toFixed(2),
      (cpu * 1000).toFixed(2),
      (ands / cpu).toExponential(2),
      (ands / gt).toExponential(2),
    ]);
    const t = translateNetwork(net, { strategy: 'threshold' }).stats;
    const tl = translateNetwork(net, { strategy: 'threshold', layered: true }).stats;
    thr.push([
      net.name,
      String(ands),
      String(st.bnn.neurons),
      String(t.bnn.neurons),
      (t.bnn.neurons / Math.max(1, st.bnn.neurons)).toFixed(2),
      String(t.bnn.synapses),
      String(st.bnn.depth),
      String(t.bnn.depth),
      String(tl.bnn.neurons),
      (t.seconds.strategy * 1000).toFixed(2),
    ]);
  }
  console.log('translation, strategy gates (median of 9 runs after warm-up; ms are wall-clock per phase, cpu ms the process CPU time of the');
  console.log('whole translation (steadier on a loaded machine); nodes/s = circuit AND nodes per CPU second; nodes/s gates = per wall second of BNN construction)');
  printTable(rows);
  console.log('\nstrategy threshold (threshold neurons over up to 3 inputs, full-adder sums as one fan-in-5 neuron) next to gates');
  printTable(thr);
  console.log(`\ncold (first call in the process) 32-32-10 translation: ${(cold * 1000).toFixed(0)} ms`);
}

main();
