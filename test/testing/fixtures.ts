/** Shared fixtures of the testing-API tests: the 4-bit MLP example and mutants of it. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bitsToTensor } from '../../src/fixed/bits.js';
import { validateNetwork } from '../../src/network/read.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import type { PortBits } from '../../src/verify/types.js';

export const MLP4_PATH = resolve(import.meta.dirname, '../../examples/mlp4.json');

/** A fresh parsed copy of examples/mlp4.json (x: 4 x s4.2 -> h: 8 x u4.2 -> y: 3 x s4.2). */
export function mlp4(): any {
  return JSON.parse(readFileSync(MLP4_PATH, 'utf8'));
}

/** mlp4 with one weight of layer `layer` changed by +1 (kept in range). */
export function mlp4Mutant(layer: 0 | 1, row = 0, col = 0): any {
  const net = mlp4();
  const w = net.layers[layer].weights.values[row];
  w[col] = w[col] < 7 ? w[col] + 1 : w[col] - 1;
  return net;
}

/**
 * Outputs of a network JSON on port-bit inputs, by the reference interpreter,
 * independently of the checker's replay (what a user would do to confirm).
 */
export function outputsOn(json: unknown, inputs: PortBits): Map<string, bigint[]> {
  const net = validateNetwork(json, 'fixture.json');
  const values = new Map(net.inputs.map((t) => [t.name, bitsToTensor(inputs.get(t.name)!, t.type)]));
  const all = interpretNetwork(net, values);
  return new Map(net.outputs.map((o) => [o, all.get(o)!]));
}
