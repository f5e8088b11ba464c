/**
 * The compositional engine: proves a fixed-point network equal to a BNN
 * (typically its translation) by many small local claims instead of one
 * monolithic miter, so real-size networks are proved in seconds.
 *
 * The proof (see docs/compositional.md for the full argument):
 * 1. the network is bit-blasted again, keeping the word-level trace and the
 *    adder structure of every accumulator; each literal the proof needs is
 *    mapped onto a BNN signal by local function matching (or onto a ghost
 *    gate): proof-circuit.ts;
 * 2. the trace's dataflow is checked against the spec (claim 2): dataflow.ts;
 * 3. every word operation is checked on the BNN (claim 1): maxima by
 *    enumerating their input bits, requantize operations adder by adder
 *    plus a symbolic bookkeeping identity and an end claim (obligations.ts,
 *    compression.ts, window.ts), each local cone with its cut signals as
 *    free variables, SAT when a cone is too wide to enumerate;
 * 4. the BNN's output port bits are the output tensors' bits.
 * By induction over the layers, every word the BNN carries holds the
 * network's value, for every input. Mapping and hints are never trusted:
 * a wrong hint makes a claim fail, never pass.
 *
 * Verdicts: `equivalent` when every obligation is proved; `different` only
 * with a counterexample found by simulation (the driver replays it);
 * otherwise `unknown`, with the obligations that failed.
 * @module
 */
import { simulateAig } from '../aig/simulate.js';
import { simulateBnn } from '../bnn/simulate.js';
import type { Bnn } from '../bnn/types.js';
import { BnnuError } from '../errors.js';
import type { Network } from '../network/types.js';
import { type PlanPhases, type PlanStats, type ProofPlan, planProof } from './compositional/plan.js';
import { type Decided, decideJobs } from './compositional/schedule.js';
import type { JobResult } from './compositional/runner.js';
import { type Model, evaluateModel, modelInputs, modelOutputs, splitPorts } from './model.js';
import type { CheckOptions, Engine, EngineResult, Obligation, PortBits, ShardSpec } from './types.js';

/** Options of {@link proveTranslation}. */
export interface CompositionalOptions extends CheckOptions {
  /** Random input words (32 patterns each) to try for a counterexample when the proof fails (default 64). */
  readonly searchWords?: number;
}

/** Everything {@link proveTranslation} found out. */
export interface CompositionalReport {
  readonly verdict: 'equivalent' | 'different' | 'unknown';
  /** The obligations decided (a shard's slice when sharded), sorted by id. */
  readonly obligations: readonly Obligation[];
  /** Obligations of the whole proof. */
  readonly totalObligations: number;
  readonly shard?: ShardSpec;
  /** Seconds per phase (the plan's, then deciding and, after a failure, searching). */
  readonly phases: PlanPhases & { decide: number; search: number; total: number };
  /** Worker threads used (0: the calling thread). */
  readonly threads: number;
  readonly stats: PlanStats;
  /** Obligations not proved, with why. */
  readonly failures: readonly JobResult[];
  /** Why the verdict is `unknown`. */
  readonly reason?: string;
  /** For `different`: input bits by port, where the two disagree (to be replayed by the caller). */
  readonly inputs?: PortBits;
}

/**
 * Prove that `bnn` computes the same outputs as `net` for every input, or
 * find out that it does not (or give up, `unknown`). Ports must match by name
 * and width, in order.
 *
 * @example
 * ```ts
 * import { proveTranslation, readNetworkFile, translateNetwork } from 'bnn-universal';
 * const net = readNetworkFile('examples/mlp4.json');
 * const { bnn } = translateNetwork(net);
 * const r = await proveTranslation(net, bnn, { jobs: 1 });
 * console.log(r.verdict, r.failures.length); // equivalent 0
 * ```
 */
export async function proveTranslation(net: Network, bnn: Bnn, options: CompositionalOptions = {}): Promise<CompositionalReport> {
  const start = performance.now();
  const mismatch = portMismatch(net, bnn);
  if (mismatch) throw new BnnuError('input', `compositional: ${mismatch}`);
  const plan = planProof(net, bnn);
  const jobs = options.shard ? selectShard(plan.jobs, options.shard) : plan.jobs;
  const timeoutSec = options.timeoutSec !== undefined ? Math.max(0, options.timeoutSec - (performance.now() - start) / 1000) : undefined;
  const t0 = performance.now();
  const decided: Decided = await decideJobs(plan.program, jobs, { jobs: options.jobs, timeoutSec, onProgress: options.onProgress });
  const decide = (performance.now() - t0) / 1000;
  const obligations = decided.results.map((r, i) => toObligation(r, jobs[i].claim));
  const failures = decided.results.filter((r) => r.result !== 'proved');
  const base = { obligations, totalObligations: plan.jobs.length, ...(options.shard ? { shard: options.shard } : {}), threads: decided.threads, stats: plan.stats, failures };
  const phases = (search: number) => ({ ...plan.phases, decide, search, total: (performance.now() - start) / 1000 });
  if (failures.length === 0) {
    if (!options.shard) return { verdict: 'equivalent', ...base, phases: phases(0) };
    const reason = `shard ${options.shard.index}/${options.shard.count}: all ${jobs.length} of its obligations proved (of ${plan.jobs.length}); merge the shards' certificates for a verdict`;
    return { verdict: 'unknown', ...base, reason, phases: phases(0) };
  }
  const t1 = performance.now();
  const inputs = searchCounterexample(net, bnn, plan, options.searchWords ?? 64);
  const search = (performance.now() - t1) / 1000;
  if (inputs) return { verdict: 'different', ...base, inputs, phases: phases(search) };
  const shown = failures.slice(0, 3).map((f) => `${f.id} ${f.result}${f.detail ? ` (${f.detail})` : ''}`);
  const more = failures.length > 3 ? ` and ${failures.length - 3} more` : '';
  const reason = `${failures.length} of ${jobs.length} obligations not proved: ${shown.join('; ')}${more}`;
  return { verdict: 'unknown', ...base, reason, phases: phases(search) };
}

/** Why the ports of `net` and `bnn` do not line up (names, widths, order), if they do not. */
function portMismatch(net: Network, bnn: Bnn): string | undefined {
  const netModel: Model = { kind: 'network', file: 'network', network: net };
  const bnnModel: Model = { kind: 'bnn', file: 'bnn', bnn };
  for (const [kind, a, b] of [
    ['input', modelInputs(netModel), modelInputs(bnnModel)],
    ['output', modelOutputs(netModel), modelOutputs(bnnModel)],
  ] as const) {
    if (a.length !== b.length) return `the network has ${a.length} ${kind} ports, the BNN ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      if (a[i].name !== b[i].name || a[i].width !== b[i].width) return `${kind} port ${i + 1} is ${a[i].name} (${a[i].width} bits) in the network, ${b[i].name} (${b[i].width} bits) in the BNN`;
    }
  }
  return undefined;
}

/**
 * The ids of every obligation of the compositional proof of `net` against
 * `bnn`, sorted: what the shards of a sharded proof must cover, each once.
 * Plans the proof (bit-blast, mapping, dataflow) without deciding anything.
 */
export function compositionalObligationIds(net: Network, bnn: Bnn): string[] {
  const mismatch = portMismatch(net, bnn);
  if (mismatch) throw new BnnuError('input', `compositional: ${mismatch}`);
  return planProof(net, bnn).jobs.map((j) => j.id);
}

function toObligation(r: JobResult, claim: string): Obligation {
  return { id: r.id, claim, result: r.result, method: r.method, seconds: r.seconds };
}

/**
 * Shard `index` of `count` (1-based): the obligations at positions
 * index-1, index-1+count, ... of the id-sorted list, so every obligation is
 * in exactly one shard and shards get a similar mix.
 */
export function selectShard<J extends { readonly id: string }>(sorted: readonly J[], shard: ShardSpec): J[] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new Error(`shard ${index}/${count}: expected 1 <= i <= n`);
  }
  return sorted.filter((_, i) => i % count === index - 1);
}

/**
 * Simulate the network's circuit and the BNN on random inputs; the first
 * input where their outputs differ and the network interpreter agrees with
 * the circuit, as port bits. Deterministic (fixed seed).
 */
function searchCounterexample(net: Network, bnn: Bnn, plan: ProofPlan, words: number): PortBits | undefined {
  const I = bnn.numInputBits;
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const inputs = new Uint32Array(I * words);
  for (let i = 0; i < inputs.length; i++) inputs[i] = rand();
  const g = plan.circuit.aig;
  const av = simulateAig(g, inputs, words);
  const bv = simulateBnn(bnn, inputs, words);
  const outs = bnn.outputs.flatMap((p) => Array.from(p.bits));
  const netModel: Model = { kind: 'network', file: 'network', network: net };
  const bnnModel: Model = { kind: 'bnn', file: 'bnn', bnn };
  for (let w = 0; w < words; w++) {
    let diff = 0;
    outs.forEach((s, o) => {
      const l = g.outputs[o];
      const a = (av[(l >>> 1) * words + w] ^ (l & 1 ? 0xffffffff : 0)) >>> 0;
      diff |= a ^ bv[s * words + w];
    });
    for (let lane = 0; diff !== 0 && lane < 32; lane++) {
      if (!((diff >>> lane) & 1)) continue;
      const flat = Uint8Array.from({ length: I }, (_, i) => (inputs[i * words + w] >>> lane) & 1);
      const cex = splitPorts(modelInputs(netModel), flat);
      if (differs(evaluateModel(netModel, cex), evaluateModel(bnnModel, cex), netModel)) return cex;
    }
  }
  return undefined;
}

function differs(a: PortBits, b: PortBits, m: Model): boolean {
  return modelOutputs(m).some((p) => a.get(p.name)!.some((x, i) => x !== b.get(p.name)![i]));
}

/** The (network, BNN) pair of two models in either order, if they are one. */
function pairOf(ref: Model, impl: Model): { net: Network; bnn: Bnn; netFirst: boolean } | undefined {
  if (ref.kind === 'network' && impl.kind === 'bnn') return { net: ref.network, bnn: impl.bnn, netFirst: true };
  if (ref.kind === 'bnn' && impl.kind === 'network') return { net: impl.network, bnn: ref.bnn, netFirst: false };
  return undefined;
}

function fmt(s: number): string {
  return `${s.toFixed(2)} s`;
}

/**
 * The compositional engine (`--method compositional`): applies to a network
 * and a BNN, in either order; for any other pair it answers `unknown`.
 * @example
 * ```ts
 * import { checkEquivalence, readNetworkFile, translateNetwork } from 'bnn-universal';
 * const network = readNetworkFile('examples/mlp4.json');
 * const { bnn } = translateNetwork(network);
 * const r = await checkEquivalence({ kind: 'network', file: 'mlp4.json', network }, { kind: 'bnn', file: 'mlp4.bnn.json', bnn }, { method: 'compositional', jobs: 1 });
 * console.log(r.verdict, r.method); // equivalent compositional
 * ```
 */
export const compositionalEngine: Engine = {
  name: 'compositional',
  async check(ref: Model, impl: Model, options: CheckOptions): Promise<EngineResult> {
    const pair = pairOf(ref, impl);
    if (!pair) {
      const reason = `the compositional method proves a network against a BNN; got a ${ref.kind} and a ${impl.kind}`;
      return { verdict: 'unknown', method: 'compositional', reason };
    }
    const r = await proveTranslation(pair.net, pair.bnn, options);
    const p = r.phases;
    const where = r.threads > 0 ? `${r.threads} worker threads` : 'the calling thread';
    const notes = [
      `compositional: ${r.obligations.length}${r.shard ? ` of ${r.totalObligations}` : ''} obligations (${r.stats.entries} word operations, ${r.stats.adders} adders) on ${where}`,
      `phases: bitblast ${fmt(p.bitblast)}, map ${fmt(p.map)}, dataflow ${fmt(p.dataflow)}, obligations ${fmt(p.obligations)}, decide ${fmt(p.decide)}` + (p.search > 0 ? `, counterexample search ${fmt(p.search)}` : ''),
      ...(r.stats.ghostVars > 0 ? [`${r.stats.ghostVars} circuit nodes matched no BNN neuron (ghost gates)`] : []),
      ...r.failures.slice(0, 5).map((f) => `not proved: ${f.id}: ${f.result}${f.detail ? ` (${f.detail})` : ''}`),
    ];
    switch (r.verdict) {
      case 'equivalent':
        return { verdict: 'equivalent', method: 'compositional', obligations: r.obligations, notes };
      case 'different':
        return { verdict: 'different', method: 'compositional', inputs: r.inputs!, notes };
      case 'unknown':
        return { verdict: 'unknown', method: 'compositional', reason: r.reason!, obligations: r.obligations, notes };
    }
  },
};
