/**
 * What a proof script is: a named statement, the method that checks it, and
 * a `check` that returns a short account of what it established or throws.
 * `run.ts` runs them and prints the table.
 * @module
 */

/** A statement the scripts check. */
export interface Theorem {
  /** Short stable id (used to select theorems on the command line). */
  readonly id: string;
  /** The statement, in words. */
  readonly statement: string;
  /** How it is checked: `exhaustive`, `Z3`, or both. */
  readonly method: string;
  /** Check it; resolve with a one-line account, or throw why it fails. */
  check(): Promise<string>;
}

/** Throw `message` unless `cond` holds. */
export function ensure(cond: boolean, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** A deterministic pseudo-random generator (xorshift32), so runs are reproducible. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}
