/**
 * Errors with a stable code and the process exit status the CLI contract
 * assigns to them.
 *
 * Contract (shared/spec/cli.md): 0 success / equivalent, 1 different,
 * 2 bad input or usage, 3 unknown (a limit was hit), 4 internal error.
 * @module
 */

/** What went wrong, as a discriminant that scripts can rely on. */
export type ErrorCode = 'input' | 'usage' | 'limit' | 'internal';

/** Exit status for each {@link ErrorCode}. */
export const EXIT_CODE: Record<ErrorCode, number> = { input: 2, usage: 2, limit: 3, internal: 4 };

/**
 * Base class of every error the toolkit throws on purpose.
 *
 * @example
 * ```ts
 * import { BnnuError } from 'bnn-universal';
 * const e = new BnnuError('usage', 'missing NET argument');
 * console.log(e.exitCode); // 2
 * ```
 */
export class BnnuError extends Error {
  /** @param code the error class; decides the exit status. */
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'BnnuError';
  }
  /** Exit status the CLI uses for this error. */
  get exitCode(): number {
    return EXIT_CODE[this.code];
  }
}

/**
 * Bad input: a file or value that does not follow its contract. The message
 * is one line: `FILE: PLACE: expected WHAT, found WHAT`.
 *
 * @example
 * ```ts
 * import { InputError } from 'bnn-universal';
 * const e = new InputError('net.json', 'layers[2].weights.values[3][1]', 'an integer in [-8, 7]', '9');
 * console.log(e.message); // net.json: layers[2].weights.values[3][1]: expected an integer in [-8, 7], found 9
 * ```
 */
export class InputError extends BnnuError {
  constructor(
    /** The file (or `<input>` when there is none). */
    readonly file: string,
    /** Where in the file: a JSON path such as `layers[2].weights`, or `line 12`. */
    readonly place: string,
    /** What the contract asks for. */
    readonly expected: string,
    /** What was there instead. */
    readonly found: string,
  ) {
    super('input', `${file}: ${place}: expected ${expected}, found ${found}`);
    this.name = 'InputError';
  }
}

/** Internal error: a broken invariant of the toolkit itself (exit 4). */
export class InternalError extends BnnuError {
  constructor(message: string) {
    super('internal', message);
    this.name = 'InternalError';
  }
}

/** Render a found value for an error message, short and on one line. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return 'an object';
}
