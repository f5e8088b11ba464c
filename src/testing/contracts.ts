/**
 * Reusable contract tests, as fast-check properties that run the checker:
 * "a transformation preserves semantics" and "a writer and a reader
 * round-trip". They resolve when the contract holds on every generated case
 * and reject with fast-check's report (seed, shrunk case) whose cause is the
 * checker's report (replayed counterexample, first diverging tensor).
 * @module
 */
import fc from 'fast-check';
import type { MethodName } from '../verify/types.js';
import { expectEquivalent } from './expect.js';
import type { ModelLike } from './models.js';

/** Options shared by the contracts. */
export interface ContractOptions<T> {
  /** The generated inputs (e.g. `denseNetworkArb()`). */
  readonly arbitrary: fc.Arbitrary<T>;
  /** Number of generated cases (default 25). */
  readonly numRuns?: number;
  /** Checker method for each pair (default `auto`). */
  readonly method?: MethodName;
  /** Checker time limit per pair, in seconds; `unknown` fails the contract. */
  readonly timeoutSec?: number;
  /** fast-check seed, to replay a failure it printed. */
  readonly seed?: number;
  /** fast-check path, with `seed`, to replay exactly the shrunk case. */
  readonly path?: string;
}

/**
 * Run a property; on failure, throw fast-check's report (seed, path, shrunk
 * case) followed by the failing check's own message (fast-check 4 keeps the
 * latter only as the error's `cause`, which some reporters do not print).
 */
async function assertProperty<T>(property: fc.IAsyncPropertyWithHooks<[T]>, parameters: fc.Parameters<[T]>): Promise<void> {
  try {
    await fc.assert(property, parameters);
  } catch (e) {
    const cause = e instanceof Error ? e.cause : undefined;
    if (!(e instanceof Error) || !(cause instanceof Error)) throw e;
    throw new ContractError(`${e.message}\n\n${cause.message}`, cause);
  }
}

/** A contract that does not hold: fast-check's report, then the checker's. */
export class ContractError extends Error {
  constructor(message: string, cause: Error) {
    super(message, { cause });
    this.name = 'ContractError';
  }
}

function runnerParameters<T>(o: ContractOptions<T>): fc.Parameters<[T]> {
  return { numRuns: o.numRuns ?? 25, ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.path !== undefined ? { path: o.path } : {}) };
}

/**
 * Contract: `transform` returns a model equivalent to its input, for every
 * generated input. Each (original, transformed) pair goes to the checker.
 *
 * @param transform the conversion under test; may be async; returns any
 *   model form ({@link ModelLike}: JSON object, IR, Model, file path)
 * @example
 * ```ts
 * import { preservesSemantics, denseNetworkArb } from 'bnn-universal/testing';
 * // The identity transformation preserves semantics:
 * await preservesSemantics((net) => net, { arbitrary: denseNetworkArb(), numRuns: 5 });
 * ```
 */
export async function preservesSemantics<T extends ModelLike>(
  transform: (model: T) => ModelLike | Promise<ModelLike>,
  options: ContractOptions<T>,
): Promise<void> {
  const check = { method: options.method, timeoutSec: options.timeoutSec };
  const property = fc.asyncProperty(options.arbitrary, async (original) => {
    await expectEquivalent(original, await transform(original), check);
  });
  await assertProperty(property, runnerParameters(options));
}

/** Options of {@link roundTrips}. */
export interface RoundTripOptions<T, R> extends ContractOptions<T> {
  /**
   * When is what was read back "the same" as the original? Return false or
   * throw to fail. Default: the checker proves them equivalent (same function),
   * which suits formats that do not preserve structure.
   */
  readonly same?: (original: T, readBack: R) => boolean | void | Promise<boolean | void>;
}

/**
 * Contract: reading back what `write` produced gives the same thing, for every
 * generated value.
 *
 * @param write serialises a value (to text, bytes, a file path...)
 * @param read parses it back
 * @example
 * ```ts
 * import { roundTrips, bnnArb } from 'bnn-universal/testing';
 * await roundTrips((bnn) => JSON.stringify(bnn), (text) => JSON.parse(text), { arbitrary: bnnArb(), numRuns: 5 });
 * ```
 */
export async function roundTrips<T, W, R>(
  write: (value: T) => W | Promise<W>,
  read: (written: W) => R | Promise<R>,
  options: RoundTripOptions<T, R>,
): Promise<void> {
  const same =
    options.same ??
    (async (a: T, b: R) => {
      await expectEquivalent(a as ModelLike, b as ModelLike, { method: options.method, timeoutSec: options.timeoutSec });
    });
  const property = fc.asyncProperty(options.arbitrary, async (value) => {
    const back = await read(await write(value));
    if ((await same(value, back)) === false) throw new Error('round trip: the value read back is not the same as the one written');
  });
  await assertProperty(property, runnerParameters(options));
}
