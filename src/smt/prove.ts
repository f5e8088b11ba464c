/**
 * Deciding a miter with Z3: build both models as terms in the shared
 * context, assert that some output bit differs, and check. `unsat` is a
 * proof of equivalence; `sat` gives input bits that the caller must replay
 * before believing them; anything else is `unknown`.
 * @module
 */
import type { Model } from '../verify/model.js';
import type { PortBits } from '../verify/types.js';
import { buildMiter } from './encode-model.js';
import type { CardinalityStyle } from './terms.js';
import { z3Terms } from './z3-terms.js';
import { checkSat, withZ3 } from './z3.js';

/** Options of {@link proveMiter}. */
export interface ProveOptions {
  /** Limit for the whole job (building and solving), in seconds. */
  readonly timeoutSec?: number;
  /** Progress callback: (done, total, label). */
  readonly onProgress?: (done: number, total: number, label?: string) => void;
  /** How BNN neurons are written (default `portable`: a narrow count). */
  readonly cardinality?: CardinalityStyle;
}

/** How a miter check ended. */
export interface MiterOutcome {
  readonly status: 'sat' | 'unsat' | 'unknown';
  /** For `sat`: the model's input bits by port (not yet replayed). */
  readonly inputs?: PortBits;
  readonly reason?: string;
  /** Seconds spent building terms. */
  readonly buildSeconds: number;
  /** Seconds spent in the solver. */
  readonly solveSeconds: number;
  /** Number of output bits compared. */
  readonly outputBits: number;
}

/**
 * Check the miter of `ref` and `impl` with Z3 (ports must match). Runs after
 * any Z3 job already queued.
 */
export function proveMiter(ref: Model, impl: Model, options: ProveOptions = {}): Promise<MiterOutcome> {
  const progress = options.onProgress ?? (() => {});
  return withZ3(async (z3) => {
    const start = performance.now();
    progress(0, 2, 'encoding');
    const T = z3Terms(z3, options.cardinality);
    const m = buildMiter(T, ref, impl);
    const solver = new z3.ctx.Solver();
    solver.add(m.differ);
    const buildSeconds = (performance.now() - start) / 1000;
    const base = { buildSeconds, outputBits: m.outputBits };
    let budgetMs: number | undefined;
    if (options.timeoutSec !== undefined) {
      budgetMs = options.timeoutSec * 1000 - (performance.now() - start);
      if (budgetMs <= 0) return { status: 'unknown', reason: `time limit of ${options.timeoutSec} s reached while encoding`, solveSeconds: 0, ...base };
    }
    progress(1, 2, 'solving');
    const r = await checkSat(z3, solver, budgetMs);
    progress(2, 2);
    if (r.status !== 'sat') return { status: r.status, reason: r.reason, solveSeconds: r.seconds, ...base };
    const model = solver.model();
    const inputs: PortBits = new Map();
    for (const [name, bits] of m.inputs) inputs.set(name, Uint8Array.from(bits, (b) => (z3.ctx.isTrue(model.eval(b, true)) ? 1 : 0)));
    return { status: 'sat', inputs, solveSeconds: r.seconds, ...base };
  });
}
