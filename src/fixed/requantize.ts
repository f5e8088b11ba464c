/**
 * The exact arithmetic of `fixed-point-network/1`: rounding an exact rational
 * acc / 2^s to an integer, and fitting an integer into a type's range.
 *
 * Everything here is BigInt: these functions *are* the semantics that every
 * other part of the toolkit (bit-blaster, SMT encoding, BNN) is checked against.
 * @module
 */
import { type FixedType, type OverflowMode, type RoundingMode, maxRaw, minRaw } from './types.js';

/** floor(a / 2^s) for s >= 0 (BigInt `>>` is an arithmetic, flooring shift). */
function floorShift(a: bigint, s: number): bigint {
  return a >> BigInt(s);
}

/**
 * Round the exact rational `acc / 2^s` to an integer by `mode`.
 * For `s <= 0` the value is the integer `acc * 2^-s` and no rounding happens.
 *
 * @example
 * ```ts
 * import { roundShift } from 'bnn-universal';
 * roundShift(5n, 1, 'half-even');  // 2n  (2.5 -> 2)
 * roundShift(-5n, 1, 'half-away'); // -3n (-2.5 -> -3)
 * roundShift(3n, -2, 'floor');     // 12n
 * ```
 */
export function roundShift(acc: bigint, s: number, mode: RoundingMode): bigint {
  if (s <= 0) return acc << BigInt(-s);
  const q = floorShift(acc, s); // floor
  const rem = acc - (q << BigInt(s)); // 0 <= rem < 2^s
  if (rem === 0n) return q;
  const half = 1n << BigInt(s - 1);
  switch (mode) {
    case 'floor':
      return q;
    case 'ceil':
      return q + 1n;
    case 'trunc':
      return acc < 0n ? q + 1n : q;
    case 'half-up':
      return rem >= half ? q + 1n : q;
    case 'half-down':
      return rem > half ? q + 1n : q;
    case 'half-even':
      if (rem !== half) return rem > half ? q + 1n : q;
      return (q & 1n) === 0n ? q : q + 1n;
    case 'half-away':
      if (rem !== half) return rem > half ? q + 1n : q;
      return acc < 0n ? q : q + 1n;
  }
}

/**
 * Bring an integer into the range of `t` by `mode`: clamp (`saturate`) or
 * reduce modulo 2^bits, two's complement when signed (`wrap`).
 *
 * @example
 * ```ts
 * import { fitRange } from 'bnn-universal';
 * const t = { signed: true, bits: 4, frac: 0 };
 * fitRange(9n, t, 'saturate'); // 7n
 * fitRange(9n, t, 'wrap');     // -7n
 * ```
 */
export function fitRange(v: bigint, t: FixedType, mode: OverflowMode): bigint {
  const lo = minRaw(t);
  const hi = maxRaw(t);
  if (mode === 'saturate') return v < lo ? lo : v > hi ? hi : v;
  const m = BigInt.asUintN(t.bits, v);
  return t.signed ? BigInt.asIntN(t.bits, m) : m;
}

/**
 * Steps 3 and 4 of the layer arithmetic: rescale an exact accumulator with
 * `accFrac` fractional bits to type `t` (rounding by `rounding` when bits are
 * dropped), then fit its range by `overflow`.
 *
 * @example
 * ```ts
 * import { requantize } from 'bnn-universal';
 * requantize(13n, 4, { signed: true, bits: 4, frac: 2 }, 'half-even', 'saturate'); // 3n (13/16 = 0.8125 -> 0.75)
 * ```
 */
export function requantize(acc: bigint, accFrac: number, t: FixedType, rounding: RoundingMode, overflow: OverflowMode): bigint {
  return fitRange(roundShift(acc, accFrac - t.frac, rounding), t, overflow);
}
