/**
 * Compatibility module for benches written against it (bench/sweep.ts): the
 * shared 4-bit MLP generator with the benches' usual seed, and the table helpers.
 */
import type { Network } from '../src/network/types.js';
import { randomMlp as generate } from './random-networks.js';

export { median, printTable } from './report.js';

/** A 4-bit MLP of the given layer sizes (bench/random-networks.ts), seed 12345 by default. */
export function randomMlp(sizes: readonly number[], seed = 12345): Network {
  return generate(sizes, seed);
}
