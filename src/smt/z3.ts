/**
 * The one owner of the Z3 solver (z3-solver, WebAssembly).
 *
 * - Z3 is loaded lazily, on first use, with a dynamic import, so commands
 *   that never prove anything never pay for it.
 * - Calls are serialised: {@link withZ3} runs one job at a time, in order of
 *   arrival, on one shared context.
 * - {@link checkSat} applies a time limit twice: Z3's own `timeout` parameter
 *   and a wall-clock guard that interrupts the context. Either way the
 *   result is `unknown`, never a verdict.
 * - Z3's worker threads would keep a process alive; {@link shutdownZ3} ends
 *   them (the CLI also exits explicitly).
 * @module
 */
import type { Context, Solver, Z3HighLevel, Z3LowLevel } from 'z3-solver';

/** The loaded API and its single context. */
export interface Z3Handle {
  readonly api: Z3HighLevel & Z3LowLevel;
  readonly ctx: Context<'main'>;
}

/** Outcome of one satisfiability check. */
export interface SatOutcome {
  readonly status: 'sat' | 'unsat' | 'unknown';
  /** Why the answer is `unknown` (Z3's reason, or the guard's). */
  readonly reason?: string;
  /** Solver time in seconds (wall clock of the check call). */
  readonly seconds: number;
}

let loading: Promise<Z3Handle> | undefined;
let killThreadsFn: ((em: unknown) => Promise<void>) | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Grace added to Z3's own timeout before the wall-clock guard interrupts. */
const GUARD_GRACE_MS = 2000;

async function load(): Promise<Z3Handle> {
  const mod = (await import('z3-solver')) as unknown as {
    init?: typeof import('z3-solver').init;
    killThreads?: (em: unknown) => Promise<void>;
    default?: { init: typeof import('z3-solver').init; killThreads: (em: unknown) => Promise<void> };
  };
  const init = mod.init ?? mod.default!.init;
  killThreadsFn = mod.killThreads ?? mod.default?.killThreads;
  const api = await init();
  deferReleasesDuringSolving(api.Z3 as unknown as Record<string, unknown>, api.em as Record<string, unknown>);
  const ctx = new api.Context('main');
  return { api, ctx };
}

/**
 * Make Z3's reference releases wait while a native call runs on a worker
 * thread.
 *
 * Why: z3-solver's high-level API releases Z3 objects from a
 * FinalizationRegistry, i.e. whenever the garbage collector runs, on the main
 * thread, while `solver.check()` runs on a worker thread in the same Z3
 * context. Z3 contexts are not thread-safe: a release during a check corrupts
 * the AST table (reproduced here: "memory access out of bounds" in
 * `ast_manager::compact_memory`, or a check that never returns). So every
 * `*dec_ref` call of `Z3` is queued while an asynchronous (worker-thread)
 * call is in flight, and the queue is drained when it settles. Every such
 * call of z3-solver goes through the Emscripten module's `async_call`, which
 * is wrapped here to count them (also calls made on it directly).
 */
export function deferReleasesDuringSolving(Z3: Record<string, unknown>, em: Record<string, unknown>): void {
  let inFlight = 0;
  const queued: (() => void)[] = [];
  const drain = () => {
    while (inFlight === 0 && queued.length > 0) queued.shift()!();
  };
  for (const [name, f] of Object.entries(Z3)) {
    if (typeof f !== 'function' || !(name === 'dec_ref' || name.endsWith('_dec_ref'))) continue;
    const release = f as (...args: unknown[]) => unknown;
    Z3[name] = (...args: unknown[]) => (inFlight > 0 ? void queued.push(() => release(...args)) : release(...args));
  }
  const asyncCall = em.async_call as (...args: unknown[]) => Promise<unknown>;
  em.async_call = (...args: unknown[]) => {
    // async_call throws synchronously when another call is in flight; count only real starts.
    const started = asyncCall(...args);
    inFlight++;
    return started.finally(() => {
      inFlight--;
      drain();
    });
  };
}

/** The Z3 handle, loading Z3 on first call. Prefer {@link withZ3}, which serialises. */
export function getZ3(): Promise<Z3Handle> {
  if (!loading) {
    loading = load();
    // A failed load must not poison later attempts.
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/**
 * Run `job` with the Z3 handle, after every job submitted before it has
 * finished (one job at a time). Errors propagate to the caller only.
 */
export function withZ3<T>(job: (z3: Z3Handle) => Promise<T>): Promise<T> {
  const run = queue.then(async () => job(await getZ3()));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Check `solver` within `timeoutMs` (none when undefined). A timeout, an
 * interruption or a Z3 failure gives `unknown` with the reason; only `sat`
 * and `unsat` come from a finished search.
 */
export async function checkSat(z3: Z3Handle, solver: Solver<'main'>, timeoutMs?: number): Promise<SatOutcome> {
  const start = performance.now();
  let guard: NodeJS.Timeout | undefined;
  let guardFired = false;
  if (timeoutMs !== undefined) {
    const ms = Math.max(1, Math.min(0xfffffffe, Math.ceil(timeoutMs)));
    solver.set('timeout', ms);
    guard = setTimeout(() => {
      guardFired = true;
      z3.ctx.interrupt();
    }, ms + GUARD_GRACE_MS);
  }
  try {
    const status = await solver.check();
    const seconds = (performance.now() - start) / 1000;
    if (status !== 'unknown') return { status, seconds };
    const why = solver.reasonUnknown();
    const limit = `${+((timeoutMs ?? 0) / 1000).toFixed(3)} s`;
    return { status, seconds, reason: guardFired ? `Z3 interrupted at the time limit of ${limit}` : why === 'canceled' || why === 'timeout' ? `Z3 reached the time limit of ${limit}` : `Z3: ${why || 'no reason given'}` };
  } catch (e) {
    return { status: 'unknown', seconds: (performance.now() - start) / 1000, reason: `Z3 failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    if (guard) clearTimeout(guard);
  }
}

/**
 * Run an SMT-LIB 2 script in a fresh Z3 context (so its declarations cannot
 * clash with anything else) and return what Z3 prints, e.g. `unsat\n`.
 * `timeoutMs` becomes Z3's `timeout` option for the script's checks.
 */
export function runSmtlib2(script: string, timeoutMs?: number): Promise<string> {
  return withZ3(async ({ api }) => {
    const cfg = api.Z3.mk_config();
    if (timeoutMs !== undefined) api.Z3.set_param_value(cfg, 'timeout', String(Math.max(1, Math.ceil(timeoutMs))));
    const c = api.Z3.mk_context_rc(cfg);
    api.Z3.del_config(cfg);
    // z3-solver's async eval_smtlib2_string passes the script on the wasm
    // stack, which is popped before the worker thread reads it (seen here as
    // random parse errors). Pass a heap copy that lives until the call ends.
    const em = api.em as unknown as EmHeap;
    const bytes = new TextEncoder().encode(script);
    const ptr = em._malloc(bytes.length + 1);
    em.HEAPU8.set(bytes, ptr);
    em.HEAPU8[ptr + bytes.length] = 0;
    try {
      return await em.async_call(() => em.ccall('async_Z3_eval_smtlib2_string', 'void', ['number', 'number'], [c as unknown as number, ptr]));
    } finally {
      em._free(ptr);
      api.Z3.del_context(c);
    }
  });
}

/** The parts of the Emscripten module that {@link runSmtlib2} uses. */
interface EmHeap {
  _malloc(n: number): number;
  _free(p: number): void;
  readonly HEAPU8: Uint8Array;
  async_call(f: () => void): Promise<string>;
  ccall(name: string, ret: string, types: string[], args: number[]): void;
}

/** Z3's version string, e.g. `Z3 5.1.0.0` (loads Z3). */
export async function z3Version(): Promise<string> {
  const z3 = await getZ3();
  return z3.api.getFullVersion();
}

/**
 * End Z3's worker threads so the process can exit. Z3 stays usable: a later
 * call starts new workers. Waits for queued jobs first.
 */
export async function shutdownZ3(): Promise<void> {
  if (!loading) return;
  await queue;
  const z3 = await loading;
  // Best effort: killThreads gives up (rejects) after 5 s of waiting; the
  // workers are told to stop either way, and a caller shutting down has no
  // use for that error.
  if (killThreadsFn) await killThreadsFn(z3.api.em).catch(() => undefined);
}
