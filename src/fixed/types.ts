/**
 * Fixed-point types and their exact ranges.
 *
 * A value of type `{signed, bits: B, frac: F}` is stored as a raw integer r
 * and means r * 2^-F. Invariant: 1 <= B <= 32; F is any integer.
 * @module
 */

/** A fixed-point type: raw integers of `bits` bits, scaled by 2^-frac. */
export interface FixedType {
  readonly signed: boolean;
  readonly bits: number;
  readonly frac: number;
}

/** The seven rounding modes of `fixed-point-network/1`. */
export const ROUNDING_MODES = ['floor', 'ceil', 'trunc', 'half-up', 'half-down', 'half-even', 'half-away'] as const;
/** How an exact rational is rounded to an integer. */
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/** The two overflow modes of `fixed-point-network/1`. */
export const OVERFLOW_MODES = ['saturate', 'wrap'] as const;
/** How an integer outside a type's range is brought back into it. */
export type OverflowMode = (typeof OVERFLOW_MODES)[number];

/**
 * Smallest raw value of a type.
 * @example
 * ```ts
 * import { minRaw } from 'bnn-universal';
 * minRaw({ signed: true, bits: 4, frac: 0 }); // -8n
 * ```
 */
export function minRaw(t: FixedType): bigint {
  return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
}

/**
 * Largest raw value of a type.
 * @example
 * ```ts
 * import { maxRaw } from 'bnn-universal';
 * maxRaw({ signed: false, bits: 4, frac: 0 }); // 15n
 * ```
 */
export function maxRaw(t: FixedType): bigint {
  return t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
}

/** Whether raw integer `v` lies in the range of `t`. */
export function inRange(v: bigint, t: FixedType): boolean {
  return v >= minRaw(t) && v <= maxRaw(t);
}

/** `{signed,bits,frac}` as a short string, e.g. `s4.2` or `u8.-1`. */
export function formatType(t: FixedType): string {
  return `${t.signed ? 's' : 'u'}${t.bits}.${t.frac}`;
}
