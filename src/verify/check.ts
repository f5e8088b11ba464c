/**
 * The equivalence driver: matches ports, picks an engine, and replays every
 * counterexample on both models before it is reported.
 * @module
 */
import { BnnuError, InternalError } from '../errors.js';
import { alignModelPorts } from '../io/align.js';
import { type Model, evaluateModel, inputWidth, modelInputs, modelOutputs } from './model.js';
import type { CheckOptions, Engine, EngineResult, MethodName, Obligation, PortBits } from './types.js';

/** A counterexample after replay: inputs and both sides' outputs, by port. */
export interface Counterexample {
  readonly inputs: PortBits;
  readonly reference: PortBits;
  readonly implementation: PortBits;
  /** For each output port that differs, the indices of its differing bits. */
  readonly differingBits: ReadonlyMap<string, readonly number[]>;
}

/** The checker's answer. */
export interface CheckResult {
  readonly verdict: 'equivalent' | 'different' | 'unknown';
  /** The engine that decided (for `auto`, the one it picked). */
  readonly method: string;
  readonly seconds: number;
  readonly obligations?: readonly Obligation[];
  readonly notes?: readonly string[];
  /** Why the answer is unknown. */
  readonly reason?: string;
  /** Present exactly when the verdict is `different`; already replayed. */
  readonly counterexample?: Counterexample;
}

/** Options of {@link checkEquivalence}. */
export interface CheckEquivalenceOptions extends CheckOptions {
  readonly method?: MethodName;
}

/** Largest input width the exhaustive engine accepts. */
export const EXHAUSTIVE_MAX_BITS = 30;
/** Largest input width `auto` sends to the exhaustive engine. */
export const AUTO_EXHAUSTIVE_BITS = 22;

/**
 * Fail with exit 2 unless both models have the same input and output ports
 * (names, widths, order).
 */
export function matchPorts(ref: Model, impl: Model): void {
  for (const [kind, a, b] of [
    ['input', modelInputs(ref), modelInputs(impl)],
    ['output', modelOutputs(ref), modelOutputs(impl)],
  ] as const) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const pa = a[i];
      const pb = b[i];
      const show = (p: typeof pa, m: Model) => (p ? `${kind} ${p.name} (${p.width} bits) in ${m.file}` : `no ${kind} #${i + 1} in ${m.file}`);
      if (!pa || !pb || pa.name !== pb.name || pa.width !== pb.width) {
        throw new BnnuError('input', `port mismatch: ${show(pa, ref)} vs ${show(pb, impl)}`);
      }
    }
  }
}

/** Load the engine of a method (lazily: Z3 only loads when SMT is used). */
export async function loadEngine(method: Exclude<MethodName, 'auto'>): Promise<Engine> {
  switch (method) {
    case 'exhaustive':
      return (await import('./exhaustive.js')).exhaustiveEngine;
    case 'smt':
      return (await import('./smt.js')).smtEngine;
    case 'sweep':
      return (await import('./sweep.js')).sweepEngine;
    case 'compositional':
      return (await import('./compositional.js')).compositionalEngine;
  }
}

/**
 * What `auto` runs when the method it picked answers `unknown` (not on a
 * shard): the compositional proof follows the translator's construction and
 * may not close on a BNN built another way, while SAT sweeping decides any
 * pair, given time.
 */
const AUTO_FALLBACK: Partial<Record<Exclude<MethodName, 'auto'>, Exclude<MethodName, 'auto'>>> = { compositional: 'sweep' };

/**
 * The method `auto` picks for a pair, and why: exhaustive for small input
 * spaces; compositional for a network and a BNN that carries tensor hints
 * (a translation); SAT sweeping for two circuits; SMT otherwise.
 */
export function chooseMethod(ref: Model, impl: Model): { method: Exclude<MethodName, 'auto'>; why: string } {
  const n = inputWidth(ref);
  if (n <= AUTO_EXHAUSTIVE_BITS) return { method: 'exhaustive', why: `${n} input bits <= ${AUTO_EXHAUSTIVE_BITS}` };
  const kinds = [ref.kind, impl.kind];
  const bnn = ref.kind === 'bnn' ? ref.bnn : impl.kind === 'bnn' ? impl.bnn : undefined;
  if (kinds.includes('network') && bnn?.tensors && Object.keys(bnn.tensors).length > 0) {
    return { method: 'compositional', why: `${n} input bits; a network and a BNN with tensor hints` };
  }
  if (!kinds.includes('network')) return { method: 'sweep', why: `${n} input bits; two circuits (BNNs or AIGs)` };
  return { method: 'smt', why: `${n} input bits > ${AUTO_EXHAUSTIVE_BITS}` };
}

/**
 * Decide whether two models compute the same function on every input.
 *
 * @example
 * ```ts
 * import { checkEquivalence, loadModel } from 'bnn-universal';
 * const net = await loadModel('examples/mlp4.json');
 * const r = await checkEquivalence(net, net, { method: 'exhaustive' });
 * console.log(r.verdict); // 'equivalent'
 * ```
 */
export async function checkEquivalence(ref: Model, impl: Model, options: CheckEquivalenceOptions = {}): Promise<CheckResult> {
  // Circuits read from files take their port names and order from the other side (io/ports.ts).
  ({ ref, impl } = alignModelPorts(ref, impl));
  matchPorts(ref, impl);
  const start = performance.now();
  let method = options.method ?? 'auto';
  const notes: string[] = [];
  if (method === 'auto') {
    const c = chooseMethod(ref, impl);
    method = c.method;
    notes.push(`auto chose ${c.method}: ${c.why}`);
  }
  if (options.shard && method !== 'compositional') {
    throw new BnnuError('usage', `--shard splits the obligations of the compositional method; ${method} decides one miter`);
  }
  const engine = await loadEngine(method);
  let r: EngineResult = await engine.check(ref, impl, options);
  const fallback = options.method === undefined || options.method === 'auto' ? AUTO_FALLBACK[method] : undefined;
  if (r.verdict === 'unknown' && fallback && !options.shard) {
    const left = options.timeoutSec === undefined ? undefined : options.timeoutSec - (performance.now() - start) / 1000;
    if (left === undefined || left > 0) {
      notes.push(...(r.notes ?? []), `${r.method} was inconclusive (${r.reason}); auto falls back to ${fallback}`);
      r = await (await loadEngine(fallback)).check(ref, impl, { ...options, ...(left !== undefined ? { timeoutSec: left } : {}) });
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const base = { method: r.method, seconds, notes: [...notes, ...(r.notes ?? [])] };
  switch (r.verdict) {
    case 'equivalent':
      return { verdict: 'equivalent', ...base, obligations: r.obligations };
    case 'unknown':
      return { verdict: 'unknown', ...base, reason: r.reason, obligations: r.obligations };
    case 'different':
      return { verdict: 'different', ...base, counterexample: replayCounterexample(ref, impl, r.inputs, r.method) };
  }
}

/**
 * Run a candidate counterexample through both models' reference evaluators.
 * Throws an internal error (exit 4) when the outputs agree: an engine that
 * claims a difference it cannot show is broken, and its claim is not a verdict.
 */
export function replayCounterexample(ref: Model, impl: Model, inputs: PortBits, method: string): Counterexample {
  const a = evaluateModel(ref, inputs);
  const b = evaluateModel(impl, inputs);
  const differingBits = new Map<string, number[]>();
  for (const p of modelOutputs(ref)) {
    const x = a.get(p.name)!;
    const y = b.get(p.name)!;
    const diff: number[] = [];
    for (let i = 0; i < p.width; i++) if (x[i] !== y[i]) diff.push(i);
    if (diff.length) differingBits.set(p.name, diff);
  }
  if (differingBits.size === 0) {
    throw new InternalError(`engine ${method} reported a counterexample that does not replay: both models give the same outputs`);
  }
  return { inputs, reference: a, implementation: b, differingBits };
}
