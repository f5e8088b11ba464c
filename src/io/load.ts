/**
 * Load any model file: a fixed-point network or a BNN (JSON, told apart by
 * `format`), AIGER (`.aag`, `.aig`), BLIF (`.blif`) or Verilog (`.v`, `.sv`,
 * through Yosys, loaded only then).
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readBnnJson } from '../bnn/read.js';
import { BnnuError, InputError, describeValue } from '../errors.js';
import { validateNetwork } from '../network/read.js';
import type { Model } from '../verify/model.js';
import { parseJsonText } from './json.js';

/** Largest model file read, in bytes (just under V8's largest string, so a text file always fits in one). */
export const MAX_FILE_BYTES = 2 ** 29 - 24;

/** Options for loading circuits. */
export interface LoadOptions {
  /** Verilog top module. */
  readonly top?: string;
  /** Verilog only: give up reading after this many seconds (a `limit` error, exit 3). */
  readonly timeoutSec?: number;
}

/** Read a file's bytes, with exit-2 errors for missing, unreadable or absurdly large files. */
export function readModelBytes(path: string): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(path, 'file', 'a regular file', 'a directory or device');
    size = st.size;
  } catch (e) {
    if (e instanceof BnnuError) throw e;
    throw new InputError(path, 'file', 'a readable file', (e as NodeJS.ErrnoException).code ?? 'an unreadable path');
  }
  if (size > MAX_FILE_BYTES) throw new InputError(path, 'file', `at most ${MAX_FILE_BYTES} bytes`, `${size} bytes`);
  return readFileSync(path);
}

/**
 * Load a model file, validating it fully.
 * @example
 * ```ts
 * import { loadModel } from 'bnn-universal';
 * const m = await loadModel('examples/mlp4.json');
 * console.log(m.kind); // 'network'
 * ```
 */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<Model> {
  const ext = extname(path).toLowerCase();
  const bytes = readModelBytes(path);
  // AIGER is also recognised by its header, whatever the extension (a JSON file cannot start so).
  const head = bytes.subarray(0, 4).toString('latin1');
  if (ext === '.aag' || ext === '.aig' || head === 'aag ' || head === 'aig ') {
    const { readAiger } = await import('./aiger.js');
    return { kind: 'circuit', file: path, format: 'aiger', circuit: readAiger(bytes, path) };
  }
  if (ext === '.blif') {
    const { readBlif } = await import('./blif.js');
    return { kind: 'circuit', file: path, format: 'blif', circuit: readBlif(bytes.toString('utf8'), path) };
  }
  if (ext === '.v' || ext === '.sv') {
    const { readVerilog } = await import('./verilog.js');
    return { kind: 'circuit', file: path, format: 'verilog', circuit: await readVerilog(bytes.toString('utf8'), path, options) };
  }
  return modelFromJson(parseJsonText(bytes.toString('utf8'), path), path);
}

/** Turn parsed JSON into a network or BNN model by its `format` field. */
export function modelFromJson(json: unknown, file: string): Model {
  const format = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as { format?: unknown }).format : undefined;
  if (format === 'fixed-point-network/1') return { kind: 'network', file, network: validateNetwork(json, file) };
  if (format === 'bnn/1') return { kind: 'bnn', file, bnn: readBnnJson(json, file) };
  throw new InputError(file, 'format', '"fixed-point-network/1" or "bnn/1" (or a .aag/.aig/.blif/.v file)', describeValue(format));
}
