/**
 * Deterministic random 4-bit networks for the benches: MLPs of any layer
 * sizes and a small CNN, from a fixed seed (xorshift32), validated.
 */
import { validateNetwork } from '../src/network/read.js';
import type { Network } from '../src/network/types.js';
import { prng as rng } from '../proofs/theorem.js';

/**
 * A 4-bit MLP with layer sizes `sizes` (input first): inputs s4.2, weights
 * s4.2 uniform in [-8, 7], biases s8.4, hidden layers ReLU to u4.2, output
 * s4.2, half-even rounding, saturation.
 */
export function randomMlp(sizes: readonly number[], seed: number): Network {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const s4 = { signed: true, bits: 4, frac: 2 };
  const layers = sizes.slice(1).map((out, i) => {
    const n = sizes[i];
    const last = i === sizes.length - 2;
    return {
      name: `fc${i + 1}`,
      op: 'dense',
      input: i === 0 ? 'x' : `h${i}`,
      output: last ? 'y' : `h${i + 1}`,
      weights: { type: s4, values: Array.from({ length: out }, () => Array.from({ length: n }, () => int(-8, 7))) },
      bias: { type: { signed: true, bits: 8, frac: 4 }, values: Array.from({ length: out }, () => int(-128, 127)) },
      activation: last ? 'identity' : 'relu',
      type: last ? s4 : { signed: false, bits: 4, frac: 2 },
      rounding: 'half-even',
      overflow: 'saturate',
    };
  });
  const json = {
    format: 'fixed-point-network/1',
    name: `mlp-${sizes.join('-')}`,
    inputs: [{ name: 'x', shape: [sizes[0]], type: s4 }],
    layers,
    outputs: ['y'],
  };
  return validateNetwork(json, json.name);
}

/**
 * A 4-bit CNN: input [1, size, size] s4.2, conv2d 3x3 to `channels`
 * channels (ReLU, u4.2), maxpool2d 2x2, flatten, dense to 10 (s4.2).
 */
export function randomCnn(seed: number, size = 8, channels = 4): Network {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const s4 = { signed: true, bits: 4, frac: 2 };
  const u4 = { signed: false, bits: 4, frac: 2 };
  const bias = (n: number) => ({ type: { signed: true, bits: 8, frac: 4 }, values: Array.from({ length: n }, () => int(-128, 127)) });
  const pooled = channels * Math.floor((size - 2) / 2) ** 2;
  const kernel = () => Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => int(-8, 7)));
  const json = {
    format: 'fixed-point-network/1',
    name: `cnn-1x${size}x${size}-c${channels}-p2-d10`,
    inputs: [{ name: 'x', shape: [1, size, size], type: s4 }],
    layers: [
      { name: 'conv', op: 'conv2d', input: 'x', output: 'c', weights: { type: s4, values: Array.from({ length: channels }, () => [kernel()]) }, bias: bias(channels), activation: 'relu', type: u4, rounding: 'half-even' },
      { name: 'pool', op: 'maxpool2d', input: 'c', output: 'p', kernel: [2, 2] },
      { name: 'flat', op: 'flatten', input: 'p', output: 'f' },
      { name: 'fc', op: 'dense', input: 'f', output: 'y', weights: { type: s4, values: Array.from({ length: 10 }, () => Array.from({ length: pooled }, () => int(-8, 7))) }, bias: bias(10), type: s4, rounding: 'half-even' },
    ],
    outputs: ['y'],
  };
  return validateNetwork(json, json.name);
}
