/** networkInfo: MACs, weights, bit counts and tensors. */
import { describe, expect, test } from 'vitest';
import { networkInfo } from '../../src/network/info.js';
import { readNetworkFile } from '../../src/network/read.js';

describe('networkInfo', () => {
  test('mlp4: 4-8-3 dense', () => {
    const i = networkInfo(readNetworkFile('examples/mlp4.json'));
    expect(i.layers.map((l) => [l.name, l.macs, l.weights])).toEqual([
      ['fc1', 32, 40],
      ['fc2', 24, 27],
    ]);
    expect([i.macs, i.weights, i.inputBits, i.outputBits]).toEqual([56, 67, 16, 12]);
    expect(i.tensors.map((t) => [t.name, t.bits, t.producer.kind])).toEqual([
      ['x', 16, 'input'],
      ['h', 32, 'layer'],
      ['y', 12, 'layer'],
    ]);
  });

  test('cnn-tiny: conv MACs count every output element times (C/groups)*KH*KW', () => {
    const i = networkInfo(readNetworkFile('examples/cnn-tiny.json'));
    const by = new Map(i.layers.map((l) => [l.name, l]));
    // conv1: output [4,6,6], groups 2 over 2 channels (1 per group), 3x3 kernel: 144 * 1 * 9.
    expect(by.get('conv1')!.macs).toBe(144 * 9);
    expect(by.get('conv1')!.weights).toBe(4 * 9 + 4);
    // conv2: output [4,3,3], 4 input channels, 2x2 kernel: 36 * 16.
    expect(by.get('conv2')!.macs).toBe(36 * 16);
    expect(by.get('fc')!.macs).toBe(3 * 36);
    for (const n of ['pool1', 'res', 'q', 'flat']) expect(by.get(n)!.macs).toBe(0);
    expect(i.inputBits).toBe(72 * 4);
    expect(i.outputBits).toBe(3 * 8 + 36 * 3);
  });
});
