/**
 * `expectEquivalent`: the checker as a test assertion. It passes only on a
 * proof; a counterexample or an unknown verdict (time limit) fails.
 * @module
 */
import { type CheckResult, checkEquivalence } from '../verify/check.js';
import type { MethodName } from '../verify/types.js';
import { type ModelLike, toModel } from './models.js';
import { formatVerdict } from './report.js';

/** Options of {@link expectEquivalent} and `toBeEquivalentTo`. */
export interface EquivalenceOptions {
  /** Checker method (default `auto`: exhaustive for small inputs, else a prover). */
  readonly method?: MethodName;
  /** Time limit in seconds; hitting it fails with verdict `unknown`. */
  readonly timeoutSec?: number;
}

/**
 * The error {@link expectEquivalent} throws. Its message is the full report
 * (verdict, replayed counterexample, first diverging tensor); `result` is the
 * checker's answer for programmatic use.
 */
export class EquivalenceError extends Error {
  constructor(
    message: string,
    /** The checker's answer (`different` or `unknown`). */
    readonly result: CheckResult,
  ) {
    super(message);
    this.name = 'EquivalenceError';
  }
}

/**
 * Run the checker on two models and return its answer with a readable report.
 * Never throws for a verdict; throws for bad input (a `BnnuError`, e.g. ports
 * that do not match).
 */
export async function checkModels(a: ModelLike, b: ModelLike, options: EquivalenceOptions = {}): Promise<{ result: CheckResult; report: string }> {
  const ref = await toModel(a, '<reference>');
  const impl = await toModel(b, '<implementation>');
  const result = await checkEquivalence(ref, impl, { method: options.method, timeoutSec: options.timeoutSec });
  return { result, report: formatVerdict(ref, impl, result) };
}

/**
 * Assert that `a` and `b` compute the same function on every input. Resolves
 * with the checker's answer when it proves them equivalent; otherwise rejects
 * with an {@link EquivalenceError} whose message shows the verdict and, for a
 * difference, the counterexample (replayed on both models) and the first
 * tensor where they diverge. A time limit is a failure with verdict `unknown`.
 *
 * @param a the reference: a file path, network/BNN JSON object, IR or Model
 * @param b the implementation, in any of the same forms
 * @example
 * ```ts
 * import { expectEquivalent } from 'bnn-universal/testing';
 * const r = await expectEquivalent('examples/mlp4.json', 'examples/mlp4.json');
 * console.log(r.verdict); // equivalent
 * ```
 */
export async function expectEquivalent(a: ModelLike, b: ModelLike, options: EquivalenceOptions = {}): Promise<CheckResult> {
  const { result, report } = await checkModels(a, b, options);
  if (result.verdict !== 'equivalent') throw new EquivalenceError(`expected equivalent models, but\n${report}`, result);
  return result;
}
