/**
 * Scale: prove networks equal to their translations compositionally, and run
 * ABC's `&cec` (the standard combinational equivalence checker) on the same
 * pair in the same run: the network's bit-blast and the BNN as an AIG
 * (bnnToCircuit), both written as binary AIGER.
 *
 * Networks: 4-bit MLPs 8-8-4, 16-16-10, 24-24-10, 32-32-10, 48-48-10,
 * 64-64-10 (random weights, fixed seed) and a small CNN (8x8 input, 3x3
 * conv to 4 channels, 2x2 maxpool, dense to 10). Each proof runs in a fresh
 * process, so its peak memory (maxRSS) is its own.
 *
 * With the `gates` strategy the BNN is one neuron per AND node: as an AIG it
 * is the bit-blast again, which ABC merges by structural hashing at once.
 * With `threshold` (neurons over 3-input cuts, fan-in-5 full-adder sums) the
 * two circuits differ in structure, and &cec must really work.
 *
 * Run: bench/run-scale.sh [--strategy gates|threshold|both] [--abc-timeout SEC]
 *      [--jobs N] [--only NAME,...] [--no-abc]
 * Not part of `npm test`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aigStats, cleanupAig } from '../src/aig/aig.js';
import { bitblastNetwork } from '../src/bitblast/bitblast.js';
import { bnnToCircuit } from '../src/bnn/to-aig.js';
import { writeAigerBinary } from '../src/io/aiger.js';
import type { Network } from '../src/network/types.js';
import { translateNetwork } from '../src/translate/translate.js';
import { proveTranslation } from '../src/verify/compositional.js';
import { randomCnn, randomMlp } from './random-networks.js';
import { printTable } from './report.js';

const SEED = 12345;

/** The benchmark networks by name. */
const CASES: Record<string, () => Network> = {
  'mlp 8-8-4': () => randomMlp([8, 8, 4], SEED),
  'mlp 16-16-10': () => randomMlp([16, 16, 10], SEED),
  'mlp 24-24-10': () => randomMlp([24, 24, 10], SEED),
  'mlp 32-32-10': () => randomMlp([32, 32, 10], SEED),
  'mlp 48-48-10': () => randomMlp([48, 48, 10], SEED),
  'mlp 64-64-10': () => randomMlp([64, 64, 10], SEED),
  'cnn 8x8 c4': () => randomCnn(SEED, 8, 4),
};

/** Number of weights of a network (entries of every dense and conv2d weight tensor). */
function weightCount(net: Network): number {
  let n = 0;
  const count = (v: unknown): number => (Array.isArray(v) ? v.reduce((s: number, x) => s + count(x), 0) : 1);
  for (const l of net.layers) if (l.op === 'dense' || l.op === 'conv2d') n += count(l.weights.values);
  return n;
}

/** What one proof run reports (printed as JSON by `--one`). */
interface OneResult {
  readonly name: string;
  readonly weights: number;
  readonly ands: number;
  readonly neurons: number;
  readonly verdict: string;
  readonly seconds: number;
  readonly translateSeconds: number;
  readonly peakMB: number;
  readonly threads: number;
  readonly obligations: number;
}

/** Child mode: translate, write both AIGER files into `dir`, prove, report. */
async function one(name: string, strategy: string, jobs: number, dir: string): Promise<void> {
  const net = CASES[name]();
  const { bnn, stats } = translateNetwork(net, { strategy });
  const { circuit } = bitblastNetwork(net);
  const net1 = { ...circuit, aig: cleanupAig(circuit.aig).aig };
  writeFileSync(join(dir, 'net.aig'), writeAigerBinary(net1));
  const b = bnnToCircuit(bnn);
  writeFileSync(join(dir, 'bnn.aig'), writeAigerBinary({ ...b, aig: cleanupAig(b.aig).aig }));
  const t = performance.now();
  const r = await proveTranslation(net, bnn, { jobs });
  const seconds = (performance.now() - t) / 1000;
  const out: OneResult = {
    name,
    weights: weightCount(net),
    ands: aigStats(net1.aig).liveAnds,
    neurons: stats.bnn.neurons,
    verdict: r.verdict,
    seconds,
    translateSeconds: stats.seconds.total,
    peakMB: process.resourceUsage().maxRSS / 1024,
    threads: r.threads,
    obligations: r.totalObligations,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

/** ABC's &cec on the pair in `dir`: seconds, or undefined on a timeout; and its verdict line. */
function abc(dir: string, timeoutSec: number): { seconds?: number; says: string } {
  const t = performance.now();
  const r = spawnSync('berkeley-abc', ['-c', `&r ${join(dir, 'net.aig')}; &cec ${join(dir, 'bnn.aig')}`], { encoding: 'utf8', timeout: timeoutSec * 1000 });
  const seconds = (performance.now() - t) / 1000;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { says: 'timeout' };
  if (r.error) return { says: `failed: ${r.error.message}` };
  const line = (r.stdout ?? '').split('\n').find((l) => /equivalent|UNDECIDED/i.test(l)) ?? 'no verdict';
  // e.g. "Networks are equivalent.  Time =     0.01 sec" -> "equivalent, &cec 0.01 s"
  const m = /(not equivalent|equivalent|UNDECIDED)[^T]*Time =\s*([\d.]+)/i.exec(line);
  return { seconds, says: m ? `${m[1].toLowerCase()}, &cec ${m[2]} s` : line.trim() };
}

function abcVersion(): string {
  try {
    const out = execFileSync('berkeley-abc', ['-c', 'version'], { encoding: 'utf8' });
    return out.split('\n').find((l) => /UC Berkeley|ABC \d/.test(l))?.trim() ?? 'berkeley-abc';
  } catch {
    return 'not installed';
  }
}

function args(): Map<string, string> {
  const a = process.argv.slice(2);
  const m = new Map<string, string>();
  for (let i = 0; i < a.length; i++) {
    if (!a[i].startsWith('--')) continue;
    const next = a[i + 1];
    if (next === undefined || next.startsWith('--')) m.set(a[i].slice(2), 'true');
    else m.set(a[i].slice(2), a[++i]);
  }
  return m;
}

async function main(): Promise<void> {
  const o = args();
  const jobs = Number(o.get('jobs') ?? 2);
  if (o.has('one')) return one(o.get('one')!, o.get('strategy') ?? 'gates', jobs, o.get('dir')!);
  const strategies = o.get('strategy') === 'both' || !o.has('strategy') ? ['gates', 'threshold'] : [o.get('strategy')!];
  const timeoutSec = Number(o.get('abc-timeout') ?? 600);
  const names = o.has('only') ? o.get('only')!.split(',') : Object.keys(CASES);
  const useAbc = !o.has('no-abc');
  console.log(`scale benchmark: compositional proof (${jobs} worker threads) vs ${useAbc ? `ABC &cec (${abcVersion()}, timeout ${timeoutSec} s)` : 'no ABC'}; seed ${SEED}; node ${process.version}`);
  const self = fileURLToPath(import.meta.url);
  for (const strategy of strategies) {
    const rows: string[][] = [['network', 'weights', 'ANDs', 'neurons', 'verdict', 'ours s', 'ABC s', 'ABC/ours', 'peak MB', 'us/weight', 'ABC says']];
    for (const name of names) {
      const dir = mkdtempSync(join(tmpdir(), 'bnnu-scale-'));
      try {
        const child = spawnSync(process.execPath, [self, '--one', name, '--strategy', strategy, '--jobs', String(jobs), '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
        const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as OneResult;
        const a = useAbc ? abc(dir, timeoutSec) : { says: 'not run' };
        const abcText = !useAbc ? '-' : a.seconds === undefined ? `> ${timeoutSec}` : a.seconds.toFixed(2);
        const ratio = !useAbc ? '-' : a.seconds === undefined ? `> ${(timeoutSec / r.seconds).toFixed(0)}x` : `${(a.seconds / r.seconds).toFixed(1)}x`;
        rows.push([name, String(r.weights), String(r.ands), String(r.neurons), r.verdict, r.seconds.toFixed(2), abcText, ratio, r.peakMB.toFixed(0), ((r.seconds / r.weights) * 1e6).toFixed(1), a.says]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(`\nstrategy ${strategy}:`);
    printTable(rows);
  }
}

await main();
