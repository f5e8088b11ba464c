import { readFileSync } from 'node:fs';
import type fc from 'fast-check';
import { denseNetworkArb, preservesSemantics } from 'bnn-universal/testing';
import { describe, expect, test } from 'vitest';
import { foldRelu, type NetworkFile } from '../src/fold-relu.js';
import { denseReluArb } from './dense-relu-arb.js';

const model = (name: string): NetworkFile => JSON.parse(readFileSync(new URL(`../models/${name}`, import.meta.url), 'utf8'));

describe('foldRelu', () => {
  test('folds the ReLU into the dense layer', () => {
    const folded = foldRelu(model('dense-relu-saturate.json'));
    expect(folded.layers.map((l) => l.op)).toEqual(['dense']);
    expect(folded.layers[0].activation).toBe('relu');
  });

  test('the folded network computes exactly what the original does', async () => {
    const net = model('dense-relu-saturate.json');
    await expect(net).toBeEquivalentTo(foldRelu(net));
  });

  test('leaves wrapping layers alone', () => {
    expect(foldRelu(model('dense-relu-wrap.json')).layers).toHaveLength(2);
  });

  test('preserves semantics on random dense -> ReLU networks', async () => {
    await preservesSemantics(foldRelu, { arbitrary: denseReluArb(), numRuns: 60 });
  });

  test('preserves semantics on random networks of every kind', async () => {
    // denseNetworkArb yields the library's loose NetworkJson; our conversion
    // declares its own NetworkFile type, so tell TypeScript they match.
    const arbitrary = denseNetworkArb({ maxLayers: 3, maxWidth: 2, maxBits: 3 }) as fc.Arbitrary<unknown> as fc.Arbitrary<NetworkFile>;
    await preservesSemantics(foldRelu, { arbitrary, numRuns: 30 });
  });
});
