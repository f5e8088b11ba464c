/**
 * The term algebra every SMT encoding is written against: Booleans,
 * fixed-width bit-vectors and cardinality constraints.
 *
 * The encodings (network, BNN, AIG, miter) are generic over this interface,
 * so one encoding feeds two back ends: Z3 terms in memory (the `smt` engine)
 * and SMT-LIB 2 text (export, `verify --emit-smt2`). What is proved in memory
 * and what is written to disk are therefore the same formula.
 *
 * Conventions: bit-vectors are plain bit strings; whether a vector is read as
 * signed or unsigned is decided by the operation (`slt` vs `ult`), as in
 * SMT-LIB. Widths are always >= 1; operations on two vectors require equal
 * widths (the encoders extend explicitly).
 * @module
 */

/**
 * A builder of Boolean terms `B` and bit-vector terms `V`.
 *
 * Implementations may simplify (fold constants, share equal terms) but must
 * keep the meaning of every operation exactly as documented.
 */
export interface TermBuilder<B, V> {
  /** The constant `true` or `false`. */
  bool(value: boolean): B;
  /** A fresh free Boolean variable; `name` must be unique per builder. */
  input(name: string): B;
  /** Negation. */
  not(a: B): B;
  /** Conjunction (true for no arguments). */
  and(xs: readonly B[]): B;
  /** Disjunction (false for no arguments). */
  or(xs: readonly B[]): B;
  /** Exclusive or. */
  xor(a: B, b: B): B;
  /** `c ? a : b`. */
  ite(c: B, a: B, b: B): B;
  /** At least `k` of `xs` are true; requires 1 <= k <= xs.length. */
  atLeast(xs: readonly B[], k: number): B;

  /** The constant `value mod 2^width` as a bit-vector of `width` bits. */
  bvConst(value: bigint, width: number): V;
  /** The bit-vector whose bit i is `bits[i]` (least significant first). */
  bvFromBits(bits: readonly B[]): V;
  /** Bit i of `v` (0 = least significant). */
  bvBit(v: V, i: number): B;
  /** Width of `v` in bits. */
  bvWidth(v: V): number;
  /** Bits hi..lo of `v`, inclusive; width hi - lo + 1. */
  bvExtract(v: V, hi: number, lo: number): V;
  /** `hi` above `lo`: width is the sum of both. */
  bvConcat(hi: V, lo: V): V;
  /** Extend by `n` copies of the sign bit. */
  bvSignExt(v: V, n: number): V;
  /** Extend by `n` zero bits. */
  bvZeroExt(v: V, n: number): V;
  /** Sum modulo 2^width. */
  bvAdd(a: V, b: V): V;
  /** Difference modulo 2^width. */
  bvSub(a: V, b: V): V;
  /** Product modulo 2^width. */
  bvMul(a: V, b: V): V;
  /** `c ? a : b` on bit-vectors. */
  bvIte(c: B, a: V, b: V): V;
  /** Equality. */
  bvEq(a: V, b: V): B;
  /** Signed less-than (two's complement). */
  bvSlt(a: V, b: V): B;
  /** Unsigned less-than. */
  bvUlt(a: V, b: V): B;
}

/**
 * How cardinality constraints "at least k of xs" are written:
 * - `portable`: count the true literals in a narrow bit-vector (ceil(log2(n+1))
 *   bits, so the count cannot overflow) and compare with k. Standard QF_BV.
 *   Measured with the wasm Z3 here it is never much slower than `z3` and
 *   much faster on BNNs with wider neurons (mlp4 vs its `threshold`
 *   translation: 53 s against over 400 s).
 * - `z3`: Z3's native cardinality constraint (`(_ at-least k)`, `AtLeast`),
 *   not standard SMT-LIB.
 */
export type CardinalityStyle = 'portable' | 'z3';

/**
 * "At least k of xs" as a count: the 0/1 values of xs summed (a balanced
 * tree of additions) in a bit-vector wide enough for xs.length, then
 * compared with k. Requires 1 <= k <= xs.length.
 */
export function atLeastByCount<B, V>(T: TermBuilder<B, V>, xs: readonly B[], k: number): B {
  const w = Math.max(1, xs.length.toString(2).length);
  const one = T.bvConst(1n, w);
  const zero = T.bvConst(0n, w);
  let level = xs.map((x) => T.bvIte(x, one, zero));
  while (level.length > 1) {
    const next: V[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(T.bvAdd(level[i], level[i + 1]));
    if (level.length % 2) next.push(level[level.length - 1]);
    level = next;
  }
  return T.not(T.bvUlt(level[0], T.bvConst(BigInt(k), w)));
}
