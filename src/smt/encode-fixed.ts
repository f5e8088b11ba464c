/**
 * Steps 3 and 4 of the layer arithmetic of `fixed-point-network/1` as
 * bit-vector terms: rounding an exact accumulator acc / 2^s by each rounding
 * mode, and fitting the result into a type by saturation or wrapping.
 *
 * Each rounding mode is written from its definition: with q = floor(acc / 2^s)
 * (the high bits) and rem = acc - q * 2^s (the low s bits, 0 <= rem < 2^s),
 * the result is q or q + 1, and the mode decides which from rem, the sign of
 * acc and the parity of q. This file does not share code with the bit-blaster
 * or the reference interpreter, so a bug in either cannot hide here.
 * @module
 */
import type { FixedType, OverflowMode, RoundingMode } from '../fixed/types.js';
import { maxRaw, minRaw } from '../fixed/types.js';
import { type IntTerm, greaterThanConst, lessThanConst, resizeMod, shiftLeft, signedWidth } from './int-terms.js';
import type { TermBuilder } from './terms.js';

/**
 * The exact rational x / 2^s rounded by `mode` (for s <= 0: x * 2^-s, exact).
 */
export function roundShiftTerm<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, s: number, mode: RoundingMode): IntTerm<V> {
  if (s <= 0) return shiftLeft(T, x, -s);
  const S = BigInt(s);
  const W = Math.max(T.bvWidth(x.v), s + 1);
  const a = resizeMod(T, x, W);
  const q = { v: T.bvExtract(a, W - 1, s), lo: x.lo >> S, hi: x.hi >> S };
  if (mode === 'floor') return q;
  const bit = (i: number) => T.bvBit(a, i);
  const lowBits = (n: number) => (n === 0 ? T.bool(false) : T.not(T.bvEq(T.bvExtract(a, n - 1, 0), T.bvConst(0n, n))));
  const negative = bit(W - 1);
  const remNonzero = lowBits(s); // rem > 0
  const halfBit = bit(s - 1); // rem >= 2^(s-1)
  const aboveHalf = T.and([halfBit, lowBits(s - 1)]); // rem > 2^(s-1)
  const tie = T.and([halfBit, T.not(lowBits(s - 1))]); // rem == 2^(s-1)
  let up: B;
  switch (mode) {
    case 'ceil':
      up = remNonzero;
      break;
    case 'trunc':
      up = T.and([negative, remNonzero]);
      break;
    case 'half-up':
      up = halfBit;
      break;
    case 'half-down':
      up = aboveHalf;
      break;
    case 'half-even':
      up = T.or([aboveHalf, T.and([tie, bit(s)])]);
      break;
    case 'half-away':
      up = T.or([aboveHalf, T.and([tie, T.not(negative)])]);
      break;
  }
  const lo = q.lo;
  const hi = q.hi + 1n;
  const w = signedWidth(lo, hi);
  const inc = T.bvIte(up, T.bvConst(1n, w), T.bvConst(0n, w));
  return { v: T.bvAdd(resizeMod(T, q, w), inc), lo, hi };
}

/**
 * x brought into the range of `t` by `mode` (clamp or modulo 2^bits), as the
 * raw port bits of type `t` (a `t.bits`-wide term).
 */
export function fitRangeTerm<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, t: FixedType, mode: OverflowMode): V {
  if (mode === 'wrap') return resizeMod(T, x, t.bits);
  const min = minRaw(t);
  const max = maxRaw(t);
  if (x.lo >= min && x.hi <= max) return resizeMod(T, x, t.bits);
  const W = Math.max(T.bvWidth(x.v), signedWidth(min, max));
  const clamped = T.bvIte(
    lessThanConst(T, x, min),
    T.bvConst(min, W),
    T.bvIte(greaterThanConst(T, x, max), T.bvConst(max, W), resizeMod(T, x, W)),
  );
  return resizeMod(T, { v: clamped, lo: min, hi: max }, t.bits);
}

/**
 * Steps 3 and 4 together: rescale an accumulator with `accFrac` fractional
 * bits to type `t` by `rounding`, then fit by `overflow`.
 */
export function requantizeTerm<B, V>(T: TermBuilder<B, V>, acc: IntTerm<V>, accFrac: number, t: FixedType, rounding: RoundingMode, overflow: OverflowMode): V {
  return fitRangeTerm(T, roundShiftTerm(T, acc, accFrac - t.frac, rounding), t, overflow);
}
