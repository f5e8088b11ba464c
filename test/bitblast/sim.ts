/**
 * Simulate a bit-blasted network on a batch of raw input tensors at once
 * (one bit-parallel pattern per batch entry) and read back any literal.
 */
import type { Lit } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import type { BitblastResult } from '../../src/bitblast/bitblast.js';
import { tensorToBits } from '../../src/fixed/bits.js';
import type { Network } from '../../src/network/types.js';

/** Per pattern p: `bit(l, p)` is literal l's value, `value(lits, p)` decodes two's complement. */
export interface Simulation {
  bit(l: Lit, p: number): number;
  value(lits: readonly Lit[], p: number): bigint;
  bits(lits: readonly Lit[], p: number): number[];
}

export function simulateBatch(net: Network, r: BitblastResult, batch: readonly ReadonlyMap<string, readonly bigint[]>[]): Simulation {
  const g = r.circuit.aig;
  const W = Math.max(1, Math.ceil(batch.length / 32));
  const inWords = new Uint32Array(g.inputs.length * W);
  let base = 0;
  for (const t of net.inputs) {
    batch.forEach((inputs, p) => {
      const bits = tensorToBits([...inputs.get(t.name)!], t.type);
      bits.forEach((b, i) => {
        if (b) inWords[(base + i) * W + (p >>> 5)] |= 1 << (p & 31);
      });
    });
    base += r.tensorLits.get(t.name)!.length;
  }
  const val = simulateAig(g, inWords, W);
  const bit = (l: Lit, p: number) => ((val[(l >>> 1) * W + (p >>> 5)] >>> (p & 31)) & 1) ^ (l & 1);
  return {
    bit,
    bits: (lits, p) => lits.map((l) => bit(l, p)),
    value: (lits, p) => {
      let u = 0n;
      for (let i = lits.length - 1; i >= 0; i--) u = (u << 1n) | BigInt(bit(lits[i], p));
      return lits.length === 0 ? 0n : BigInt.asIntN(lits.length, u);
    },
  };
}
