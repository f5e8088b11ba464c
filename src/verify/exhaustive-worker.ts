/**
 * Worker thread of the exhaustive engine: receives the job once (as
 * `workerData`), then ranges of words; answers each range with the smallest
 * differing pattern in it, or -1.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkRunner, type ExhaustiveJob } from './exhaustive-core.js';

/** A range of words to check. */
export interface ChunkRequest {
  readonly start: number;
  readonly end: number;
}

/** The answer for one range. */
export interface ChunkReply {
  readonly start: number;
  readonly end: number;
  /** Smallest differing pattern in the range, or -1. */
  readonly diff: number;
}

const { job, words } = workerData as { job: ExhaustiveJob; words: number };
const runner = new ChunkRunner(job, words);
parentPort!.on('message', (m: ChunkRequest) => {
  const reply: ChunkReply = { start: m.start, end: m.end, diff: runner.firstDifference(m.start, m.end) };
  parentPort!.postMessage(reply);
});
