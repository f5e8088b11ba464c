/**
 * Worker thread of the compositional engine: receives the proof circuit once
 * (as `workerData`), then batches of obligations; answers each batch with
 * their results. Deadlines travel as wall-clock (Date.now) milliseconds,
 * since each thread has its own performance.now() origin.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Job } from './compositional/obligations.js';
import type { ProofProgram } from './compositional/proof-circuit.js';
import { JobRunner, type JobResult, type RunnerLimits } from './compositional/runner.js';

/** A batch of obligations to decide. */
export interface BatchRequest {
  readonly jobs: readonly Job[];
  /** Wall-clock deadline (Date.now() milliseconds), if any. */
  readonly deadline?: number;
}

/** The results of one batch, in the order of its jobs. */
export interface BatchReply {
  readonly results: readonly JobResult[];
}

const { program, limits } = workerData as { program: ProofProgram; limits: RunnerLimits };
const runner = new JobRunner(program, limits);
parentPort!.on('message', (m: BatchRequest) => {
  const local = m.deadline === undefined ? undefined : performance.now() + (m.deadline - Date.now());
  const reply: BatchReply = { results: m.jobs.map((j) => runner.run(j, local)) };
  parentPort!.postMessage(reply);
});
