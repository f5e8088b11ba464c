/**
 * `bnn-universal/testing`: guard your own model conversions with the checker,
 * from the test tools you already use.
 *
 * - fast-check arbitraries for fixed-point types and values, networks, BNNs
 *   and AIGs, with size constraints, that shrink to small cases;
 * - {@link expectEquivalent} and the vitest matcher `toBeEquivalentTo`
 *   (registered by {@link installMatchers}) that pass only on a proof and
 *   fail with the replayed counterexample and the first diverging tensor;
 * - contract helpers: {@link preservesSemantics} and {@link roundTrips}.
 *
 * fast-check is needed at run time; vitest only for {@link installMatchers}.
 *
 * @example
 * ```ts
 * import { expectEquivalent } from 'bnn-universal/testing';
 * await expectEquivalent('examples/mlp4.json', 'examples/mlp4.json'); // resolves: proven equivalent
 * ```
 * @module
 */
export * from './arbitraries.js';
export * from './bnn-arbitraries.js';
export type { BnnJson, BnnNeuronJson } from '../bnn/write.js';
export * from './models.js';
export * from './report.js';
export * from './expect.js';
export * from './matchers.js';
export * from './contracts.js';
