/**
 * Deciding a list of obligations on the calling thread or on worker threads,
 * with progress and a wall-clock limit (obligations not decided in time are
 * `unknown`, never proved).
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BnnuError, InternalError } from '../../errors.js';
import type { BatchReply, BatchRequest } from '../compositional-worker.js';
import { workerScript } from '../../worker-script.js';
import type { Job } from './obligations.js';
import type { ProofProgram } from './proof-circuit.js';
import { JobRunner, type JobResult, RUNNER_LIMITS, type RunnerLimits } from './runner.js';

/** Options of {@link decideJobs}. */
export interface DecideOptions {
  /** Threads (default: all cores when the work is large, else 1). */
  readonly jobs?: number;
  readonly timeoutSec?: number;
  readonly onProgress?: (done: number, total: number, label?: string) => void;
  readonly limits?: RunnerLimits;
}

/** Results (in job order) and how they were computed. */
export interface Decided {
  readonly results: readonly JobResult[];
  /** Worker threads used (0: the calling thread). */
  readonly threads: number;
  readonly timedOut: boolean;
}

/** Below this many local checks the calling thread is faster than starting workers. */
const SMALL = 1500;

/** Rough cost of a job, for batching and for the in-thread decision. */
function weight(j: Job): number {
  let w = 1;
  for (const c of j.checks) w += c.kind === 'compression' ? c.adders.length / 6 + 64 : c.kind === 'same' ? c.pairs.length / 2 : 64;
  return w;
}

/** Decide `jobs`, in parallel when worthwhile (or when `options.jobs` asks for it). */
export async function decideJobs(program: ProofProgram, jobs: readonly Job[], options: DecideOptions = {}): Promise<Decided> {
  if (options.jobs !== undefined && (!Number.isInteger(options.jobs) || options.jobs < 1)) {
    throw new BnnuError('usage', `compositional: jobs must be a positive integer, found ${options.jobs}`);
  }
  const total = jobs.reduce((s, j) => s + weight(j), 0);
  const threads = Math.min(options.jobs ?? (total < SMALL ? 1 : availableParallelism()), Math.max(1, jobs.length));
  const deadline = options.timeoutSec !== undefined ? Date.now() + options.timeoutSec * 1000 : undefined;
  const script = threads > 1 ? workerScript(import.meta.url, '../compositional-worker') : undefined;
  const limits = options.limits ?? RUNNER_LIMITS;
  if (!script) return { ...(await inThread(program, jobs, limits, deadline, options.onProgress)), threads: 0 };
  return { ...(await onWorkers(program, jobs, limits, threads, script, deadline, options.onProgress)), threads };
}

function timeoutResult(j: Job): JobResult {
  return { id: j.id, result: 'unknown', method: 'none', seconds: 0, detail: 'time limit reached before it was decided' };
}

async function inThread(
  program: ProofProgram,
  jobs: readonly Job[],
  limits: RunnerLimits,
  deadline: number | undefined,
  progress?: DecideOptions['onProgress'],
): Promise<Omit<Decided, 'threads'>> {
  const runner = new JobRunner(program, limits);
  const results: JobResult[] = [];
  let timedOut = false;
  let lastYield = performance.now();
  for (const j of jobs) {
    if (deadline !== undefined && Date.now() > deadline) {
      timedOut = true;
      results.push(timeoutResult(j));
      continue;
    }
    results.push(runner.run(j, deadline === undefined ? undefined : performance.now() + (deadline - Date.now())));
    if (performance.now() - lastYield > 50) {
      progress?.(results.length, jobs.length, 'obligations');
      await new Promise((r) => setImmediate(r)); // let timers and progress output run
      lastYield = performance.now();
    }
  }
  progress?.(jobs.length, jobs.length, 'obligations');
  return { results, timedOut };
}

/** Batches of roughly equal weight, many per thread so that threads finish together. */
function batches(jobs: readonly Job[], threads: number): number[][] {
  const total = jobs.reduce((s, j) => s + weight(j), 0);
  const target = Math.max(1, total / (threads * 16));
  const out: number[][] = [];
  let cur: number[] = [];
  let w = 0;
  jobs.forEach((j, i) => {
    cur.push(i);
    w += weight(j);
    if (w >= target) {
      out.push(cur);
      cur = [];
      w = 0;
    }
  });
  if (cur.length) out.push(cur);
  return out;
}

function onWorkers(
  program: ProofProgram,
  jobs: readonly Job[],
  limits: RunnerLimits,
  threads: number,
  script: URL,
  deadline: number | undefined,
  progress?: DecideOptions['onProgress'],
): Promise<Omit<Decided, 'threads'>> {
  const queue = batches(jobs, threads);
  const results: (JobResult | undefined)[] = new Array(jobs.length);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const inFlight = new Map<Worker, number[]>();
    let next = 0;
    let done = 0;
    let settled = false;
    const settle = (timedOut: boolean, error?: Error) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      for (const w of workers) void w.terminate();
      if (error) return reject(error);
      resolve({ results: jobs.map((j, i) => results[i] ?? timeoutResult(j)), timedOut });
    };
    const dispatch = (w: Worker) => {
      if (next >= queue.length) return;
      const batch = queue[next++];
      inFlight.set(w, batch);
      const req: BatchRequest = { jobs: batch.map((i) => jobs[i]), ...(deadline !== undefined ? { deadline } : {}) };
      w.postMessage(req);
    };
    const timer = deadline !== undefined ? setTimeout(() => settle(true), Math.max(0, deadline - Date.now())) : undefined;
    for (let t = 0; t < threads; t++) {
      const w = new Worker(script, { workerData: { program, limits } });
      workers.push(w);
      w.on('message', (r: BatchReply) => {
        const batch = inFlight.get(w)!;
        inFlight.delete(w);
        batch.forEach((i, k) => (results[i] = r.results[k]));
        done += batch.length;
        progress?.(done, jobs.length, 'obligations');
        dispatch(w);
        if (done === jobs.length) settle(false);
      });
      w.on('error', (e) => settle(false, new InternalError(`compositional worker failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!settled) settle(false, new InternalError(`compositional worker exited with code ${code}`));
      });
    }
    for (const w of workers) dispatch(w);
    if (jobs.length === 0) settle(false);
  });
}
