/**
 * The integer meaning of word operations for exhaustive checks, as safe
 * JavaScript numbers but computed by {@link evalTraceOp} (BigInt, the
 * semantics of src/fixed/requantize.ts) and cached per operation, so that
 * enumerating 2^20 patterns does not mean 2^20 BigInt evaluations.
 * @module
 */
import { type TraceOp, evalTraceOp } from '../../bitblast/trace.js';

/** Largest magnitude handled as a number (far inside the safe integers). */
const SAFE = 2 ** 50;

/** Whether a word (or interval) is small enough for number arithmetic. */
export function checkSafe(w: { readonly bits?: readonly number[]; readonly lo: bigint; readonly hi: bigint }): boolean {
  return (w.bits === undefined || w.bits.length <= 50) && w.lo > -SAFE && w.hi < SAFE;
}

/** x mod m in [0, m), for m > 0. */
export function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** Cached single-input meanings, keyed by the operation. */
export class OpSemantics {
  private readonly tables = new Map<string, Map<number, number>>();
  private readonly keys = new WeakMap<TraceOp, string>();

  /**
   * evalTraceOp(op, values) for safe-integer values. `max` is a plain
   * maximum (exact on safe integers); single-input operations are cached.
   */
  eval(op: TraceOp, values: readonly number[]): number {
    if (op.kind === 'max') {
      let m = values[0];
      for (const v of values) if (v > m) m = v;
      return m;
    }
    if (values.length !== 1) return Number(evalTraceOp(op, values.map(BigInt)));
    let key = this.keys.get(op);
    if (key === undefined) this.keys.set(op, (key = JSON.stringify(op, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))));
    return this.cached(key, values[0], () => op);
  }

  /**
   * The element arithmetic `op` (a requantize with one coefficient 1 and
   * constant 0) applied to an accumulator value.
   */
  requant(op: TraceOp, acc: number): number {
    return this.eval(op, [acc]);
  }

  private cached(key: string, v: number, op: () => TraceOp): number {
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new Map()));
    let r = t.get(v);
    if (r === undefined) {
      r = Number(evalTraceOp(op(), [BigInt(v)]));
      t.set(v, r);
    }
    return r;
  }
}
