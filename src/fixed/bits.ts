/**
 * The bit-level port convention: element k of a tensor occupies port bits
 * [k*B, (k+1)*B), least significant bit first, two's complement when signed.
 * @module
 */
import { BnnuError } from '../errors.js';
import type { FixedType } from './types.js';

/**
 * Lay raw tensor values out as port bits (one byte 0/1 per bit).
 * @example
 * ```ts
 * import { tensorToBits } from 'bnn-universal';
 * tensorToBits([-1n, 2n], { signed: true, bits: 3, frac: 0 }); // Uint8Array [1,1,1, 0,1,0]
 * ```
 */
export function tensorToBits(values: readonly bigint[], t: FixedType): Uint8Array {
  const out = new Uint8Array(values.length * t.bits);
  values.forEach((v, k) => {
    const u = BigInt.asUintN(t.bits, v);
    for (let i = 0; i < t.bits; i++) out[k * t.bits + i] = Number((u >> BigInt(i)) & 1n);
  });
  return out;
}

/**
 * Read raw tensor values back from port bits; the inverse of {@link tensorToBits}.
 * @example
 * ```ts
 * import { bitsToTensor } from 'bnn-universal';
 * bitsToTensor(Uint8Array.from([1,1,1, 0,1,0]), { signed: true, bits: 3, frac: 0 }); // [-1n, 2n]
 * ```
 */
export function bitsToTensor(bits: ArrayLike<number>, t: FixedType): bigint[] {
  if (bits.length % t.bits !== 0) throw new BnnuError('internal', `port of ${bits.length} bits is not a multiple of ${t.bits}`);
  const out: bigint[] = [];
  for (let k = 0; k < bits.length / t.bits; k++) {
    let u = 0n;
    for (let i = t.bits - 1; i >= 0; i--) u = (u << 1n) | BigInt(bits[k * t.bits + i] & 1);
    out.push(t.signed ? BigInt.asIntN(t.bits, u) : u);
  }
  return out;
}

/** A port's bits as a string of 0/1, least significant bit first (the CLI's form). */
export function bitsToString(bits: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bits.length; i++) s += bits[i] ? '1' : '0';
  return s;
}
