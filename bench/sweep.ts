/**
 * SAT sweeping against ABC's `&cec` on the same pairs, in one run.
 *
 * For 4-bit MLPs 8-8-4 and 16-16-10 (bench/mlp.ts, fixed seed), the bit-blast
 * is compared with two restructured circuits:
 * - `syn2`: ABC's own `&st; &syn2` optimisation of it;
 * - `bnn`: the BNN translation (threshold strategy) turned back into an AIG.
 * Both sides of each pair are written as binary AIGER; ABC runs
 * `&r A; &cec B`, and bnnu reads the same two files and runs its sweep
 * ({@link sweepMiter}). The table gives both wall-clock times (ABC's includes
 * its process start, ours the AIGER reading) and both CPU times (ours from
 * process.cpuUsage, ABC's as `&cec` reports it), their ratios and our
 * statistics. On a loaded machine the CPU ratio is the steadier figure. A last column runs the `sweep` engine on the
 * network itself against the `syn2` circuit (bit-blast, interpreter
 * cross-check, cut points).
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/sweep.js [sizes...]
 *   e.g. node dist/bench/sweep.js 8-8-4 16-16-10   (the default)
 * Environment: ABC_TIMEOUT seconds per ABC call (default 900).
 * Installs Debian's berkeley-abc with apt-get when it is missing.
 * Not part of `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupAig } from '../src/aig/aig.js';
import { bitblastNetwork } from '../src/bitblast/bitblast.js';
import { bnnToCircuit } from '../src/bnn/to-aig.js';
import { readAiger, writeAigerBinary } from '../src/io/aiger.js';
import type { Network } from '../src/network/types.js';
import { translateNetwork } from '../src/translate/translate.js';
import type { Circuit } from '../src/verify/model.js';
import { checkBySweeping } from '../src/verify/sweep.js';
import { sweepMiter } from '../src/verify/sweep/fraig.js';
import { buildMiter } from '../src/verify/sweep/miter.js';
import { printTable, randomMlp } from './mlp.js';

const ABC = 'berkeley-abc';

/** Make sure ABC is there: Debian's package, installed with apt-get when missing. */
function ensureAbc(): void {
  if (spawnSync('which', [ABC]).status === 0) return;
  console.log(`${ABC} not found: apt-get install -y berkeley-abc`);
  const asRoot = process.getuid?.() === 0;
  for (const args of [['update'], ['install', '-y', 'berkeley-abc']]) {
    const r = asRoot ? spawnSync('apt-get', args, { stdio: 'inherit' }) : spawnSync('sudo', ['apt-get', ...args], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

/** ABC's `&cec` on two AIGER files: verdict, wall-clock seconds, ABC's own reported seconds. */
function abcCec(a: string, b: string, timeoutSec: number): { verdict: string; wall: number; reported: number | undefined } {
  const t = performance.now();
  const r = spawnSync(ABC, ['-c', `&r ${a}; &cec ${b}`], { encoding: 'utf8', timeout: timeoutSec * 1000 });
  const wall = (performance.now() - t) / 1000;
  if (r.error || r.status !== 0) return { verdict: r.signal ? `timeout (${timeoutSec} s)` : `failed: ${r.stderr || r.error}`, wall, reported: undefined };
  const out = r.stdout;
  const verdict = /Networks are equivalent/.test(out) ? 'equivalent' : /NOT EQUIVALENT|are not equivalent|Networks are NOT/i.test(out) ? 'different' : 'unknown';
  const m = /Time\s*=\s*([\d.]+)\s*sec/.exec(out);
  return { verdict, wall, reported: m ? Number(m[1]) : undefined };
}

/** ABC's `&st; &syn2` of a circuit (through files). */
function abcSyn2(inFile: string, outFile: string): void {
  execFileSync(ABC, ['-c', `&r ${inFile}; &st; &syn2; &put; write_aiger ${outFile}`]);
}

/** bnnu's sweep on the same two files: read both, build the miter, sweep. */
function ourSweep(a: string, b: string): { verdict: string; wall: number; cpu: number; note: string } {
  const t = performance.now();
  const c0 = process.cpuUsage();
  const ca = readAiger(readFileSync(a), a);
  const cb = readAiger(readFileSync(b), b);
  const r = sweepMiter(buildMiter(ca.aig, cb.aig));
  const wall = (performance.now() - t) / 1000;
  const used = process.cpuUsage(c0);
  const s = r.stats;
  return {
    verdict: r.status,
    wall,
    cpu: (used.user + used.system) / 1e6,
    note: `${s.nodes} nodes, ${s.candidates} cand., ${s.structural} struct., ${s.localProofs} local, ${s.proved - s.localProofs} global, ${s.refuted} refuted, ${s.undecided} undecided, ${s.satCalls} SAT calls`,
  };
}

function write(dir: string, name: string, c: Circuit): string {
  const f = join(dir, name);
  writeFileSync(f, writeAigerBinary({ ...c, aig: cleanupAig(c.aig).aig }));
  return f;
}

function benchNetwork(net: Network, dir: string, timeoutSec: number, rows: string[][]): void {
  const tag = net.name;
  const blasted = write(dir, `${tag}.aig`, bitblastNetwork(net).circuit);
  const syn2 = join(dir, `${tag}-syn2.aig`);
  abcSyn2(blasted, syn2);
  const { bnn } = translateNetwork(net, { strategy: 'threshold' });
  const bnnAig = write(dir, `${tag}-bnn.aig`, bnnToCircuit(bnn));
  for (const [label, other] of [['syn2', syn2], ['bnn', bnnAig]] as const) {
    const ours = ourSweep(blasted, other);
    const abc = abcCec(blasted, other, timeoutSec);
    const ratio = abc.verdict === 'equivalent' ? `${(abc.wall / ours.wall).toFixed(1)}x` : abc.verdict.startsWith('timeout') ? `>${(abc.wall / ours.wall).toFixed(1)}x` : '-';
    const cpuRatio = abc.verdict === 'equivalent' && abc.reported !== undefined ? `${(abc.reported / ours.cpu).toFixed(1)}x` : '-';
    let engine = '';
    if (label === 'syn2') {
      const t = performance.now();
      const r = checkBySweeping({ kind: 'network', file: tag, network: net }, { kind: 'circuit', file: syn2, format: 'aig', circuit: readAiger(readFileSync(syn2), syn2) });
      engine = `${r.verdict} ${((performance.now() - t) / 1000).toFixed(2)} s`;
      for (const n of r.notes ?? []) if (n.startsWith('cut ')) console.log(`  ${tag} vs syn2: ${n.replace(syn2, 'syn2')}`);
    }
    rows.push([
      `${tag} vs ${label}`,
      ours.verdict,
      ours.wall.toFixed(2),
      ours.cpu.toFixed(2),
      abc.verdict,
      abc.wall.toFixed(2),
      abc.reported?.toFixed(2) ?? '-',
      ratio,
      cpuRatio,
      engine,
      ours.note,
    ]);
    console.log(`  done: ${tag} vs ${label}`);
  }
}

function main(): void {
  ensureAbc();
  const sizes = process.argv.length > 2 ? process.argv.slice(2) : ['8-8-4', '16-16-10'];
  const timeoutSec = Number(process.env.ABC_TIMEOUT ?? 900);
  const dir = mkdtempSync(join(tmpdir(), 'bnnu-sweep-bench-'));
  const rows = [['pair', 'bnnu', 'wall s', 'cpu s', 'ABC &cec', 'wall s', 'ABC says s', 'wall ratio', 'cpu ratio', 'engine on network', 'bnnu sweep']];
  try {
    for (const s of sizes) benchNetwork(randomMlp(s.split('-').map(Number)), dir, timeoutSec, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nSAT sweeping vs ABC &cec (${ABC}), same AIGER files, one run. Seconds: wall clock, and CPU`);
  console.log('(ours: process CPU time of the check; ABC: the time &cec reports, its own CPU clock). Ratios are ABC / bnnu.');
  printTable(rows);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (bnnu process)`);
}

main();
