/**
 * Verdicts and the interface every equivalence engine implements.
 *
 * An engine answers "equivalent (with how)", "different (with a candidate
 * counterexample)" or "unknown (with why)", never a bare boolean. The driver
 * ({@link checkEquivalence}) replays every candidate counterexample on both
 * models with their reference interpreters before it is believed.
 * @module
 */
import type { Model } from './model.js';

/** Engines by name; `auto` chooses one. */
export type MethodName = 'auto' | 'exhaustive' | 'smt' | 'sweep' | 'compositional';

/** Port values as bits, one 0/1 byte per bit, least significant first. */
export type PortBits = Map<string, Uint8Array>;

/** One proof obligation and how it ended. */
export interface Obligation {
  /** Stable id, unique within one check (used by certificates and shards). */
  readonly id: string;
  /** What is claimed, in words. */
  readonly claim: string;
  /** `proved` (unsat miter / exhaustive pass), `refuted`, or `unknown`. */
  readonly result: 'proved' | 'refuted' | 'unknown';
  readonly method: string;
  readonly seconds: number;
}

/** Options every engine accepts. */
export interface CheckOptions {
  /** Wall-clock limit in seconds; hitting it gives `unknown`. */
  readonly timeoutSec?: number;
  /** Worker threads to use (default: available cores). */
  readonly jobs?: number;
  /** Called with (done, total) as work proceeds, for progress bars. */
  readonly onProgress?: (done: number, total: number, label?: string) => void;
  /**
   * Decide only shard `index` of `count` (1-based) of the obligations, in
   * stable id order (engines with many obligations; others ignore it). A
   * shard's result is never `equivalent`: certificates of all shards are
   * merged for a verdict.
   */
  readonly shard?: ShardSpec;
}

/** One slice of a sharded proof: shard `index` of `count`, 1-based. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** What an engine returns. */
export type EngineResult =
  | { readonly verdict: 'equivalent'; readonly method: string; readonly obligations?: readonly Obligation[]; readonly notes?: readonly string[] }
  | { readonly verdict: 'different'; readonly method: string; readonly inputs: PortBits; readonly notes?: readonly string[] }
  | { readonly verdict: 'unknown'; readonly method: string; readonly reason: string; readonly obligations?: readonly Obligation[]; readonly notes?: readonly string[] };

/** An equivalence engine. */
export interface Engine {
  readonly name: MethodName;
  check(ref: Model, impl: Model, options: CheckOptions): Promise<EngineResult>;
}
