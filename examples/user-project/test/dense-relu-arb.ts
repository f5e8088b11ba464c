/**
 * An arbitrary for the pattern the conversion is about — a dense layer
 * followed by a ReLU requant of the same type — built from bnn-universal's
 * fixed-point arbitraries. Sizes stay small (at most 9 input bits) so each
 * case is proved exhaustively in milliseconds.
 */
import fc from 'fast-check';
import { fixedTypeArb, rawValueArb } from 'bnn-universal/testing';
import type { NetworkFile } from '../src/fold-relu.js';

const ROUNDING = ['floor', 'ceil', 'trunc', 'half-up', 'half-down', 'half-even', 'half-away'] as const;

export function denseReluArb(overflows: readonly ('saturate' | 'wrap')[] = ['saturate', 'wrap']): fc.Arbitrary<NetworkFile> {
  const shape = fc.record({
    n: fc.integer({ min: 1, max: 3 }),
    out: fc.integer({ min: 1, max: 2 }),
    xType: fixedTypeArb({ maxBits: 3 }),
    wType: fixedTypeArb({ maxBits: 4 }),
    yType: fixedTypeArb({ maxBits: 4 }),
    rounding: fc.constantFrom(...ROUNDING),
    overflow: fc.constantFrom(...overflows),
  });
  return shape.chain((s) =>
    fc.array(fc.array(rawValueArb(s.wType).map(Number), { minLength: s.n, maxLength: s.n }), { minLength: s.out, maxLength: s.out }).map(
      (weights): NetworkFile => ({
        format: 'fixed-point-network/1',
        name: 'dense-relu',
        inputs: [{ name: 'x', shape: [s.n], type: s.xType }],
        layers: [
          { name: 'fc', op: 'dense', input: 'x', output: 'acc', weights: { type: s.wType, values: weights }, type: s.yType, rounding: s.rounding, overflow: s.overflow },
          { name: 'relu', op: 'requant', input: 'acc', output: 'y', activation: 'relu', type: s.yType },
        ],
        outputs: ['y'],
      }),
    ),
  );
}
