/**
 * Exact integers as bit-vector terms: a term together with a BigInt range
 * [lo, hi] that contains every value it can take.
 *
 * Invariant of an {@link IntTerm}: the term is the two's complement encoding
 * of its value, and its width is at least {@link signedWidth}(lo, hi), so no
 * value is ever cut off. Sums are computed modulo 2^W where W is the width of
 * the *result's* range: each operand only needs to be right modulo 2^W
 * (sign-extended or truncated to W bits), and since the exact result fits in
 * W signed bits the modular result is the exact one.
 * @module
 */
import { InternalError } from '../errors.js';
import { type FixedType, maxRaw, minRaw } from '../fixed/types.js';
import type { TermBuilder } from './terms.js';

/** An exact integer term and a range containing all its values. */
export interface IntTerm<V> {
  readonly v: V;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** Fewest bits w >= 1 whose signed range [-2^(w-1), 2^(w-1)-1] holds [lo, hi]. */
export function signedWidth(lo: bigint, hi: bigint): number {
  if (lo > hi) throw new InternalError(`empty range [${lo}, ${hi}]`);
  let w = 1;
  while (lo < -(1n << BigInt(w - 1)) || hi > (1n << BigInt(w - 1)) - 1n) w++;
  return w;
}

/** `x mod 2^w` as a w-bit term: sign-extend a narrower term, truncate a wider one. */
export function resizeMod<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, w: number): V {
  const have = T.bvWidth(x.v);
  return have < w ? T.bvSignExt(x.v, w - have) : have > w ? T.bvExtract(x.v, w - 1, 0) : x.v;
}

/** A term with range [lo, hi] and value `v mod 2^W` for the range's width W. */
function make<B, V>(T: TermBuilder<B, V>, lo: bigint, hi: bigint, mk: (w: number) => V): IntTerm<V> {
  if (lo === hi) return constInt(T, lo);
  return { v: mk(signedWidth(lo, hi)), lo, hi };
}

/** The constant c. */
export function constInt<B, V>(T: TermBuilder<B, V>, c: bigint): IntTerm<V> {
  return { v: T.bvConst(c, signedWidth(c, c)), lo: c, hi: c };
}

/** The integer value of a raw tensor element of type `t` (its port bits). */
export function rawToInt<B, V>(T: TermBuilder<B, V>, raw: V, t: FixedType): IntTerm<V> {
  if (T.bvWidth(raw) !== t.bits) throw new InternalError(`raw element of ${T.bvWidth(raw)} bits for a ${t.bits}-bit type`);
  return { v: t.signed ? raw : T.bvZeroExt(raw, 1), lo: minRaw(t), hi: maxRaw(t) };
}

/** Sum of any number of terms (0 for none), exact. */
export function sumInts<B, V>(T: TermBuilder<B, V>, xs: readonly IntTerm<V>[]): IntTerm<V> {
  const vary = xs.filter((x) => x.lo !== x.hi);
  let c = 0n;
  for (const x of xs) if (x.lo === x.hi) c += x.lo;
  if (vary.length === 0) return constInt(T, c);
  const lo = xs.reduce((s, x) => s + x.lo, 0n);
  const hi = xs.reduce((s, x) => s + x.hi, 0n);
  return make(T, lo, hi, (w) => {
    let acc = resizeMod(T, vary[0], w);
    for (let i = 1; i < vary.length; i++) acc = T.bvAdd(acc, resizeMod(T, vary[i], w));
    return c === 0n ? acc : T.bvAdd(acc, T.bvConst(c, w));
  });
}

/** x * c for a constant c, exact. */
export function mulConst<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, c: bigint): IntTerm<V> {
  if (c === 0n) return constInt(T, 0n);
  if (c === 1n) return x;
  const a = x.lo * c;
  const b = x.hi * c;
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return make(T, lo, hi, (w) => T.bvMul(resizeMod(T, x, w), T.bvConst(c, w)));
}

/** x * 2^k for k >= 0, exact (zeros appended below). */
export function shiftLeft<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, k: number): IntTerm<V> {
  if (k === 0) return x;
  const f = 1n << BigInt(k);
  return { v: T.bvConcat(x.v, T.bvConst(0n, k)), lo: x.lo * f, hi: x.hi * f };
}

/** max(x, 0). */
export function relu<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>): IntTerm<V> {
  if (x.lo >= 0n) return x;
  if (x.hi <= 0n) return constInt(T, 0n);
  const w = T.bvWidth(x.v);
  const zero = T.bvConst(0n, w);
  return { v: T.bvIte(T.bvSlt(x.v, zero), zero, x.v), lo: 0n, hi: x.hi };
}

/** Whether x < c for a constant c (signed comparison at a width holding both). */
export function lessThanConst<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, c: bigint): B {
  if (x.hi < c) return T.bool(true);
  if (x.lo >= c) return T.bool(false);
  const w = Math.max(T.bvWidth(x.v), signedWidth(c, c));
  return T.bvSlt(resizeMod(T, x, w), T.bvConst(c, w));
}

/** Whether x > c for a constant c. */
export function greaterThanConst<B, V>(T: TermBuilder<B, V>, x: IntTerm<V>, c: bigint): B {
  if (x.lo > c) return T.bool(true);
  if (x.hi <= c) return T.bool(false);
  const w = Math.max(T.bvWidth(x.v), signedWidth(c, c));
  return T.bvSlt(T.bvConst(c, w), resizeMod(T, x, w));
}
