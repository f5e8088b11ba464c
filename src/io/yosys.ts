/**
 * The one adapter to Yosys (`@yowasp/yosys`, Yosys compiled to WebAssembly).
 * Nothing else imports the package, and this module imports it only when a
 * script runs, so commands that never read Verilog never load it.
 *
 * Yosys runs in a virtual file system: files go in as a tree, the files it
 * writes come back. {@link yosysError} turns a failed run into an
 * {@link InputError} (exit 2) carrying Yosys's own `ERROR:` line, located at
 * `line N` when Yosys names one.
 * @module
 */
import { BnnuError, InputError, InternalError } from '../errors.js';
import type { YosysReply } from './yosys-worker.js';

/** Oldest Yosys release the Verilog flow is written for (it uses `portlist` and `tee -o`). */
export const YOSYS_MIN_VERSION = [0, 50] as const;

/** Files for or from Yosys's virtual file system (text or bytes). */
export type YosysFiles = Record<string, string | Uint8Array>;

/** What a run gives back, successful or not. */
export interface YosysResult {
  /** Whether Yosys exited with status 0. */
  readonly ok: boolean;
  /** Every file in the virtual file system after the run. */
  readonly files: YosysFiles;
  /** Yosys's log (warnings and errors, as the scripts run with `-q`). */
  readonly log: string;
}

type RunYosys = (args?: string[], files?: object, options?: object) => Promise<object> | object | undefined;
let loaded: Promise<{ run: RunYosys; version: string }> | undefined;

/** Load the package once and check its version. */
function loadYosys(): Promise<{ run: RunYosys; version: string }> {
  loaded ??= import('@yowasp/yosys').then((m) => {
    const [major, minor] = m.version.split('.').map(Number);
    const [needMajor, needMinor] = YOSYS_MIN_VERSION;
    if (!(major > needMajor || (major === needMajor && minor >= needMinor))) {
      throw new BnnuError('internal', `the Verilog reader needs @yowasp/yosys ${needMajor}.${needMinor} or newer, found ${m.version}`);
    }
    return { run: m.runYosys as RunYosys, version: m.version };
  });
  return loaded;
}

/** The version of `@yowasp/yosys` (loads the package). */
export async function yosysVersion(): Promise<string> {
  return (await loadYosys()).version;
}

/** Options of a Yosys run (the `runYosysScript` adapter, which `readVerilog` uses). */
export interface YosysRunOptions {
  /**
   * Give up after this many seconds (a `limit` error, exit 3). The run then
   * happens on a worker thread, terminated at the deadline: WebAssembly
   * Yosys cannot be interrupted on its own thread. Without it, Yosys runs on
   * the calling thread (and its module is loaded once per process).
   */
  readonly timeoutSec?: number;
  /** What the limit error names as being read (default `the Verilog`). */
  readonly what?: string;
}

/**
 * Run a Yosys script (commands joined by `;`) on `files`, quietly. A run
 * that Yosys ends with an error is returned with `ok: false` (turn it into
 * an input error with {@link yosysError}); a failure to run at all is an
 * internal error.
 */
export async function runYosysScript(commands: readonly string[], files: YosysFiles, options: YosysRunOptions = {}): Promise<YosysResult> {
  if (options.timeoutSec !== undefined) return runOnWorker(commands, files, options.timeoutSec, options.what ?? 'the Verilog');
  const { run } = await loadYosys();
  const chunks: string[] = [];
  const sink = (bytes: Uint8Array | null) => {
    if (bytes) chunks.push(Buffer.from(bytes).toString('utf8'));
  };
  try {
    const out = await run(['-q', '-p', commands.join('; ')], files, { stdout: sink, stderr: sink, decodeASCII: false });
    return { ok: true, files: (out ?? {}) as YosysFiles, log: chunks.join('') };
  } catch (e) {
    const exit = e as { code?: unknown; files?: unknown };
    if (e instanceof Error && typeof exit.code === 'number') return { ok: false, files: (exit.files ?? {}) as YosysFiles, log: chunks.join('') };
    throw new InternalError(`Yosys failed to run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function runOnWorker(commands: readonly string[], files: YosysFiles, timeoutSec: number, what: string): Promise<YosysResult> {
  const { Worker } = await import('node:worker_threads');
  const { workerScript } = await import('../worker-script.js');
  const script = workerScript(import.meta.url, 'yosys-worker');
  if (!script) throw new InternalError('the Yosys worker script is not built (run npm run build)');
  return new Promise((resolve, reject) => {
    const w = new Worker(script, { workerData: { commands: [...commands], files } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new BnnuError('limit', `Yosys did not finish reading ${what} within the time limit of ${+timeoutSec.toFixed(3)} s`));
    }, Math.max(0, timeoutSec * 1000));
    w.once('message', (m: YosysReply) => {
      clearTimeout(timer);
      void w.terminate();
      if ('result' in m) resolve(m.result);
      else reject(m.code === 'internal' ? new InternalError(m.error) : new BnnuError(m.code, m.error));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(new InternalError(`Yosys worker failed: ${e.message}`));
    });
  });
}

/**
 * Turn Yosys's log of a failed run into one located input error for `file`;
 * `vfsName` is the name `file` had in the virtual file system, so errors
 * Yosys locates there are reported as `line N` of `file`.
 */
export function yosysError(log: string, file: string, vfsName: string): InputError {
  const lines = log.split('\n').map((l) => l.trim());
  const at = lines.findIndex((l) => /(^|: )ERROR: /.test(l));
  if (at < 0) return new InputError(file, 'design', 'Verilog that Yosys accepts', `a failed run: ${lines.filter(Boolean).slice(-1)[0] ?? 'no message'}`);
  const errLine = lines[at];
  const located = /^(.*?):(\d+): ERROR: (.*)$/.exec(errLine);
  let message = located ? located[3] : errLine.replace(/^.*?ERROR: /, '');
  let expected = 'Verilog that Yosys accepts';
  // `check -assert` says only how many problems it found; the problems are the warnings before it.
  if (/problems? in 'check -assert'/.test(message)) {
    const warnings = lines.slice(0, at).filter((l) => /Warning: /.test(l)).map((l) => l.replace(/^.*?Warning: /, ''));
    if (warnings.length) message = `${warnings[0]}${warnings.length > 1 ? ` (and ${warnings.length - 1} more problem${warnings.length > 2 ? 's' : ''})` : ''}`;
    expected = 'a design in which every used wire has exactly one driver';
  }
  message = message.replace(/\\(?=\S)/g, '');
  const place = located && (located[1] === vfsName || located[1].endsWith('/' + vfsName)) ? `line ${located[2]}` : located ? `${located[1]} line ${located[2]}` : 'design';
  return new InputError(file, place, expected, `Yosys error: ${message}`);
}
