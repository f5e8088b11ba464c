/**
 * Worker thread of a Yosys run with a time limit: runs the script given as
 * `workerData` and posts the result (or the error's message). The parent
 * terminates the thread at the deadline: WebAssembly Yosys cannot be
 * interrupted inside its own thread.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BnnuError, type ErrorCode } from '../errors.js';
import { type YosysFiles, type YosysResult, runYosysScript } from './yosys.js';

/** What the worker posts back. */
export type YosysReply = { readonly result: YosysResult } | { readonly error: string; readonly code: ErrorCode };

const { commands, files } = workerData as { commands: string[]; files: YosysFiles };
let reply: YosysReply;
try {
  reply = { result: await runYosysScript(commands, files) };
} catch (e) {
  reply = { error: e instanceof Error ? e.message : String(e), code: e instanceof BnnuError ? e.code : 'internal' };
}
parentPort!.postMessage(reply);
