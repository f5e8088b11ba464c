/**
 * `bnnu demo` (what `npm start` runs): load the built-in 4-bit MLP, translate
 * it into a BNN, spot-check one input on both, and prove the two equal on
 * every input by exhaustive simulation.
 *
 * The demo is a list of small steps ({@link DEMO_STEPS}) sharing a context,
 * so a later step (an SMT proof with a certificate) is one more entry.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateBnnOutputs } from '../../bnn/evaluate.js';
import type { Bnn } from '../../bnn/types.js';
import { BnnuError, InternalError } from '../../errors.js';
import { bitsToTensor, tensorToBits } from '../../fixed/bits.js';
import { formatType } from '../../fixed/types.js';
import { loadModel } from '../../io/load.js';
import { interpretNetwork } from '../../network/interpret.js';
import { type Network, numel } from '../../network/types.js';
import { type TranslateStats, translateNetwork } from '../../translate/translate.js';
import { type CheckResult, checkEquivalence } from '../../verify/check.js';
import type { Model } from '../../verify/model.js';
import { smtCertificateStep } from '../demo-smt.js';
import { makeProgress } from '../progress.js';

/** What the demo steps share. Each step fills in what later steps use. */
export interface DemoContext {
  /** The package root (examples are found relative to it, not to the working directory). */
  readonly root: string;
  /** The example network file, relative to the root. */
  readonly example: string;
  /** Print one line of the demo's output. */
  readonly say: (line: string) => void;
  network?: Model & { kind: 'network' };
  bnn?: Bnn;
  translation?: TranslateStats;
  exhaustive?: CheckResult;
  /** Exit code so far: 0, or the first failing step's (1 different, 3 unknown). */
  exitCode: number;
}

/** One step of the demo. */
export interface DemoStep {
  /** A short title, printed as `N. title`. */
  readonly title: string;
  run(ctx: DemoContext): Promise<void>;
}

/** The directory holding bnn-universal's package.json (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'bnn-universal') return dir;
    const up = dirname(dir);
    if (up === dir) throw new InternalError('cannot find the bnn-universal package root');
    dir = up;
  }
}

const secs = (s: number) => `${s < 10 ? s.toFixed(3) : s.toFixed(1)} s`;

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new InternalError(`demo: ${what} missing (step order)`);
  return v;
}

const loadStep: DemoStep = {
  title: 'load the example network',
  async run(ctx) {
    const m = await loadModel(join(ctx.root, ctx.example));
    if (m.kind !== 'network') throw new InternalError(`${ctx.example} is not a network`);
    ctx.network = { ...m, file: ctx.example };
    const net = m.network;
    const tensor = (name: string) => {
      const t = net.tensors.get(name)!;
      return `${name}: ${numel(t.shape)} x ${formatType(t.type)} = ${numel(t.shape) * t.type.bits} bits`;
    };
    ctx.say(`${ctx.example}: network "${net.name}", layers ${net.layers.map((l) => `${l.name} (${l.op})`).join(', ')}`);
    ctx.say(`inputs ${net.inputs.map((t) => tensor(t.name)).join(', ')}; outputs ${net.outputs.map(tensor).join(', ')}`);
  },
};

const translateStep: DemoStep = {
  title: 'translate it into a BNN (strategy gates: one neuron per AND gate)',
  async run(ctx) {
    const { bnn, stats } = translateNetwork(need(ctx.network, 'network').network, { strategy: 'gates' });
    ctx.bnn = bnn;
    ctx.translation = stats;
    const b = stats.bnn;
    ctx.say(`circuit: ${stats.circuit.ands} AND nodes, depth ${stats.circuit.depth} (bit-blasted in ${secs(stats.seconds.bitblast)})`);
    ctx.say(`BNN:     ${b.neurons} neurons, ${b.synapses} synapses (weights +1/-1), depth ${b.depth}, widest layer ${b.widestLayer} (built in ${secs(stats.seconds.strategy)})`);
    ctx.say('every neuron: bias parity differs from its fan-in, so no sum is ever 0');
    const t = translateNetwork(need(ctx.network, 'network').network, { strategy: 'threshold' }).stats.bnn;
    ctx.say(`(bnnu translate's default, --strategy threshold, wider neurons: ${t.neurons} neurons, ${t.synapses} synapses, depth ${t.depth})`);
  },
};

/** A fixed, readable input: raw values cycling through 1, -2, 3, 0, ... wrapped into each input's type. */
function sampleInputs(net: Network): Map<string, bigint[]> {
  const pattern = [1n, -2n, 3n, 0n, -1n, 2n];
  return new Map(net.inputs.map((t) => [t.name, Array.from({ length: numel(t.shape) }, (_, k) => bitsToTensor(tensorToBits([pattern[k % pattern.length]], t.type), t.type)[0])]));
}

const spotCheckStep: DemoStep = {
  title: 'evaluate one input on both',
  async run(ctx) {
    const net = need(ctx.network, 'network').network;
    const bnn = need(ctx.bnn, 'bnn');
    const inputs = sampleInputs(net);
    const ref = interpretNetwork(net, inputs);
    const inBits = net.inputs.flatMap((t) => Array.from(tensorToBits(inputs.get(t.name)!, t.type)));
    const outBits = evaluateBnnOutputs(bnn, inBits);
    let off = 0;
    ctx.say(`input  ${net.inputs.map((t) => `${t.name} = [${inputs.get(t.name)!.join(', ')}]`).join(', ')}`);
    for (const name of net.outputs) {
      const t = net.tensors.get(name)!;
      const w = numel(t.shape) * t.type.bits;
      const fromBnn = bitsToTensor(outBits.subarray(off, (off += w)), t.type);
      ctx.say(`output ${name}: network [${ref.get(name)!.join(', ')}], BNN [${fromBnn.join(', ')}]`);
    }
  },
};

const exhaustiveStep: DemoStep = {
  title: 'prove BNN == network on every input (exhaustive simulation)',
  async run(ctx) {
    const net = need(ctx.network, 'network');
    const bnn = need(ctx.bnn, 'bnn');
    const progress = makeProgress('exhaustive');
    // Every core, even though one would do for 2^16 inputs: the demo shows the parallel engine.
    const jobs = availableParallelism();
    const r = await checkEquivalence(net, { kind: 'bnn', file: 'the translated BNN', bnn }, { method: 'exhaustive', jobs, onProgress: (d, t) => progress.update(d, t) });
    progress.done();
    ctx.exhaustive = r;
    for (const n of r.notes ?? []) ctx.say(n);
    ctx.say(`verdict: ${r.verdict} (${r.method}, ${secs(r.seconds)})`);
    if (r.verdict === 'different') ctx.exitCode ||= 1;
    if (r.verdict === 'unknown') ctx.exitCode ||= 3;
  },
};

/** The demo's steps, in order. */
export const DEMO_STEPS: DemoStep[] = [loadStep, translateStep, spotCheckStep, exhaustiveStep, smtCertificateStep];

/** Run the demo steps, printing as they go; returns the exit code. */
export async function runDemo(steps: readonly DemoStep[] = DEMO_STEPS, say: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const ctx: DemoContext = { root: packageRoot(), example: 'examples/mlp4.json', say: (l) => say(`   ${l}`), exitCode: 0 };
  say('bnnu demo: a 4-bit fixed-point MLP becomes a binarized neural network, proven equal bit for bit');
  const start = performance.now();
  for (const [i, step] of steps.entries()) {
    say('');
    say(`${i + 1}. ${step.title}`);
    await step.run(ctx);
  }
  say('');
  say(`done in ${secs((performance.now() - start) / 1000)}; try: bnnu translate ${relative(process.cwd(), join(ctx.root, ctx.example)) || ctx.example} -o mlp4.bnn.json`);
  return ctx.exitCode;
}

/** `bnnu demo`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: bnnu demo\n\nTranslate the built-in 4-bit MLP (examples/mlp4.json) into a BNN and prove them equal.\n');
    return 0;
  }
  if (args.length) {
    throw new BnnuError('usage', `demo: expected no arguments, found ${args.join(' ')}`);
  }
  return runDemo();
}
