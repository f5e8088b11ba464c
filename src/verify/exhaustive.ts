/**
 * The exhaustive engine: simulate both models on every one of the 2^n inputs
 * (n <= 30), 32 patterns per word, split over worker threads.
 *
 * What each side is simulated by:
 * - a BNN by its own bit-parallel evaluator ({@link simulateBnnProgram}),
 *   i.e. by the bnn/1 neuron rule, not through a circuit derived from it;
 * - a circuit by AIG simulation;
 * - a network through its bit-blasted AIG ({@link bitblastNetwork}). So on
 *   the network side an `equivalent` verdict trusts the bit-blaster (the SMT
 *   method encodes the network from its semantics and does not); a
 *   `different` verdict does not, because the driver replays every
 *   counterexample on the reference interpreter.
 *
 * The answer for a difference is the smallest differing input, numbering
 * inputs by their bits in port order, least significant first (see
 * exhaustive-core.ts). Ranges of words are handed out in increasing order, so
 * once a difference is seen every smaller range has been handed out and the
 * smallest difference is known when the outstanding ranges come back.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bitblastNetwork } from '../bitblast/bitblast.js';
import { BnnuError, InternalError } from '../errors.js';
import { workerScript } from '../worker-script.js';
import { EXHAUSTIVE_MAX_BITS } from './check.js';
import { type ExhaustiveJob, ChunkRunner, type SideProgram, aigProgram, blockWords, bnnSide, sideGates } from './exhaustive-core.js';
import type { ChunkReply, ChunkRequest } from './exhaustive-worker.js';
import { type Model, inputWidth, modelInputs, splitPorts } from './model.js';
import type { CheckOptions, Engine, EngineResult } from './types.js';

/** Below this much work (gates x words), the default is to stay on the calling thread. */
const SMALL_WORK = 1 << 26;
/** Work per range handed to a thread (gates x words): long enough to amortise messages, short enough for progress and timeouts. */
const CHUNK_WORK = 1 << 25;

/** How a run was split. */
interface Plan {
  readonly job: ExhaustiveJob;
  readonly totalWords: number;
  readonly blockWords: number;
  readonly chunkWords: number;
  readonly threads: number;
}

type RunOutcome = { readonly diff: number } | { readonly timeout: true; readonly checkedWords: number };

/**
 * The exhaustive engine (`--method exhaustive`).
 * @example
 * ```ts
 * import { checkEquivalence, loadModel } from 'bnn-universal';
 * const net = await loadModel('examples/mlp4.json');
 * const r = await checkEquivalence(net, net, { method: 'exhaustive', jobs: 1 });
 * console.log(r.verdict, r.method); // equivalent exhaustive
 * ```
 */
export const exhaustiveEngine: Engine = {
  name: 'exhaustive',
  check: checkExhaustive,
};

async function checkExhaustive(ref: Model, impl: Model, options: CheckOptions): Promise<EngineResult> {
  const n = inputWidth(ref);
  if (n > EXHAUSTIVE_MAX_BITS) {
    throw new BnnuError('input', `exhaustive: ${ref.file} has ${n} input bits; the exhaustive method enumerates at most 2^${EXHAUSTIVE_MAX_BITS} inputs (try --method smt)`);
  }
  const start = performance.now();
  const job: ExhaustiveJob = { ref: sideOf(ref), impl: sideOf(impl), numInputs: n };
  if (job.ref.outputs.length !== job.impl.outputs.length) {
    throw new InternalError(`exhaustive: ${job.ref.outputs.length} output bits vs ${job.impl.outputs.length} after port matching`);
  }
  const plan = makePlan(job, n, options.jobs);
  const deadline = options.timeoutSec !== undefined ? start + options.timeoutSec * 1000 : Infinity;
  const totalPatterns = 2 ** n;
  const progress = (words: number) => options.onProgress?.(Math.min(totalPatterns, words * 32), totalPatterns, 'inputs');
  const script = plan.threads > 1 ? workerScript(import.meta.url, 'exhaustive-worker') : undefined;
  const outcome = script ? await runWorkers(plan, script, deadline, progress) : await runInThread(plan, deadline, progress);
  const seconds = (performance.now() - start) / 1000;
  const notes = [
    `${totalPatterns} inputs (2^${n}) on ${script ? `${plan.threads} worker threads` : 'the calling thread'}` +
      (plan.threads > 1 && !script ? ' (worker script not built; run `npm run build`)' : ''),
  ];
  if (ref.kind === 'network' || impl.kind === 'network') notes.push('networks simulated through their bit-blasted circuit (this method trusts the bit-blaster; smt does not)');
  if ('timeout' in outcome) {
    const pct = ((100 * outcome.checkedWords) / plan.totalWords).toFixed(1);
    return { verdict: 'unknown', method: 'exhaustive', reason: `timeout after ${options.timeoutSec} s with ${pct}% of the inputs checked`, notes };
  }
  if (outcome.diff < 0) {
    const claim = `outputs equal on all ${totalPatterns} inputs`;
    return { verdict: 'equivalent', method: 'exhaustive', obligations: [{ id: 'exhaustive', claim, result: 'proved', method: 'exhaustive', seconds }], notes };
  }
  const flat = Uint8Array.from({ length: n }, (_, i) => Math.floor(outcome.diff / 2 ** i) & 1);
  return { verdict: 'different', method: 'exhaustive', inputs: splitPorts(modelInputs(ref), flat), notes };
}

/** Lower a model to what the simulator runs. */
function sideOf(m: Model): SideProgram {
  switch (m.kind) {
    case 'bnn':
      return bnnSide(m.bnn);
    case 'circuit':
      return aigProgram(m.circuit.aig);
    case 'network':
      return aigProgram(bitblastNetwork(m.network).circuit.aig);
  }
}

function makePlan(job: ExhaustiveJob, n: number, jobs: number | undefined): Plan {
  const totalWords = n <= 5 ? 1 : 2 ** (n - 5);
  const gates = Math.max(1, sideGates(job.ref) + sideGates(job.impl) + job.ref.outputs.length);
  const bw = blockWords(job, totalWords);
  let threads = jobs ?? (gates * totalWords < SMALL_WORK ? 1 : availableParallelism());
  if (!Number.isInteger(threads) || threads < 1) throw new BnnuError('usage', `exhaustive: jobs must be a positive integer, found ${jobs}`);
  let chunkWords = bw;
  while (chunkWords * 2 * gates <= CHUNK_WORK && chunkWords * 2 * 4 * threads <= totalWords) chunkWords *= 2;
  threads = Math.min(threads, totalWords / chunkWords);
  return { job, totalWords, blockWords: bw, chunkWords, threads };
}

async function runInThread(plan: Plan, deadline: number, progress: (words: number) => void): Promise<RunOutcome> {
  const runner = new ChunkRunner(plan.job, plan.blockWords);
  for (let s = 0; s < plan.totalWords; s += plan.chunkWords) {
    if (performance.now() > deadline) return { timeout: true, checkedWords: s };
    const diff = runner.firstDifference(s, s + plan.chunkWords);
    progress(s + plan.chunkWords);
    if (diff >= 0) return { diff };
    // Let timers and progress output run between ranges.
    await new Promise((r) => setImmediate(r));
  }
  return { diff: -1 };
}

function runWorkers(plan: Plan, script: URL, deadline: number, progress: (words: number) => void): Promise<RunOutcome> {
  return new Promise((resolvePromise, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let inFlight = 0;
    let checked = 0;
    let best = -1;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const w of workers) void w.terminate();
      fn();
    };
    const dispatch = (w: Worker) => {
      // After a difference, nothing further is needed: every smaller range was handed out already.
      if (best >= 0 || next >= plan.totalWords) return;
      const req: ChunkRequest = { start: next, end: next + plan.chunkWords };
      next += plan.chunkWords;
      inFlight++;
      w.postMessage(req);
    };
    const ms = deadline - performance.now();
    const timer = Number.isFinite(deadline) ? setTimeout(() => settle(() => resolvePromise({ timeout: true, checkedWords: checked })), Math.max(0, ms)) : undefined;
    for (let i = 0; i < plan.threads; i++) {
      const w = new Worker(script, { workerData: { job: plan.job, words: plan.blockWords } });
      workers.push(w);
      w.on('message', (r: ChunkReply) => {
        inFlight--;
        checked += r.end - r.start;
        progress(checked);
        if (r.diff >= 0 && (best < 0 || r.diff < best)) best = r.diff;
        dispatch(w);
        if (inFlight === 0) settle(() => resolvePromise({ diff: best }));
      });
      w.on('error', (e) => settle(() => reject(new InternalError(`exhaustive worker failed: ${e.message}`))));
      w.on('exit', (code) => {
        if (!settled) settle(() => reject(new InternalError(`exhaustive worker exited with code ${code}`)));
      });
    }
    for (const w of workers) dispatch(w);
  });
}
