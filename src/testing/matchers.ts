/**
 * The vitest matcher `toBeEquivalentTo`, and {@link installMatchers} that
 * registers it. Only types are imported from vitest, so importing
 * `bnn-universal/testing` does not load vitest (or need it installed) unless
 * the matcher is installed.
 * @module
 */
import type { ExpectStatic } from 'vitest';
import { checkModels, type EquivalenceOptions } from './expect.js';
import type { ModelLike } from './models.js';

/** The matcher's result, as vitest's `expect.extend` expects it. */
export interface EquivalenceMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * The matcher body, usable with `expect.extend({ toBeEquivalentTo })`.
 *
 * Passes only when the checker proves the models equivalent. Under `.not` it
 * passes only when the checker shows a replayed counterexample: an `unknown`
 * verdict fails both ways, because nothing was decided.
 */
export async function toBeEquivalentTo(
  this: { readonly isNot?: boolean },
  received: ModelLike,
  expected: ModelLike,
  options: EquivalenceOptions = {},
): Promise<EquivalenceMatcherResult> {
  const { result, report } = await checkModels(received, expected, options);
  if (result.verdict === 'equivalent') {
    return { pass: true, message: () => `expected the models to differ, but they were proven equivalent\n${report}` };
  }
  if (result.verdict === 'unknown') {
    // pass is chosen so that the assertion fails with or without `.not`.
    return { pass: Boolean(this.isNot), message: () => `expected a decided verdict, but\n${report}` };
  }
  return { pass: false, message: () => `expected equivalent models, but\n${report}` };
}

/** The subset of vitest's `expect` that {@link installMatchers} needs. */
export type ExpectLike = Pick<ExpectStatic, 'extend'>;

/** The symbol under which vitest publishes the running test file's `expect`. */
const VITEST_GLOBAL_EXPECT = Symbol.for('expect-global');

/**
 * Register `toBeEquivalentTo` with vitest. Call it once in a setup file
 * (vitest `setupFiles`), or at the top of a test file. Pass vitest's `expect`;
 * when omitted, the `expect` of the running vitest worker is used.
 *
 * @example
 * ```ts
 * // vitest.setup.ts
 * import { expect } from 'vitest';
 * import { installMatchers } from 'bnn-universal/testing';
 * installMatchers(expect);
 * // in a test: await expect('a.json').toBeEquivalentTo('a.bnn.json');
 * ```
 */
export function installMatchers(expect?: ExpectLike): void {
  const target = expect ?? ((globalThis as Record<symbol, unknown>)[VITEST_GLOBAL_EXPECT] as ExpectLike | undefined);
  if (!target || typeof target.extend !== 'function') {
    throw new Error('installMatchers: no vitest expect found; call installMatchers(expect) with expect imported from vitest');
  }
  target.extend({ toBeEquivalentTo });
}

/** Type of the matcher as it appears on `expect(a)`. */
export interface EquivalenceMatchers<R = unknown> {
  /**
   * Assert that the received model computes the same function as `expected`
   * on every input (proved by the checker). Must be awaited.
   * Models are file paths, network/BNN JSON objects, IRs or Models.
   */
  toBeEquivalentTo(expected: ModelLike, options?: EquivalenceOptions): Promise<R>;
}

// The matcher is asynchronous, so it exists only on `expect(x)`; vitest cannot
// use an asynchronous matcher as an asymmetric one (`expect.toBe...` inside
// toEqual), hence no augmentation of AsymmetricMatchersContaining.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends EquivalenceMatchers<void> {}
}
