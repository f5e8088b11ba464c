/**
 * The in-memory back end of {@link TermBuilder}: Z3 expressions in the
 * shared context of {@link Z3Handle}.
 * @module
 */
import type { BitVec, Bool } from 'z3-solver';
import { type CardinalityStyle, type TermBuilder, atLeastByCount } from './terms.js';
import type { Z3Handle } from './z3.js';

/** A Z3 Boolean expression. */
export type Z3Bool = Bool<'main'>;
/** A Z3 bit-vector expression. */
export type Z3BitVec = BitVec<number, 'main'>;

/**
 * Make a term builder over Z3 expressions. Inputs become Boolean constants
 * named as given; every other term is an anonymous Z3 expression (Z3 shares
 * equal terms itself). Cardinality constraints as `cardinality` says
 * (default `portable`, a narrow count; `z3`, Z3's AtLeast).
 */
export function z3Terms(z3: Z3Handle, cardinality: CardinalityStyle = 'portable'): TermBuilder<Z3Bool, Z3BitVec> {
  const c = z3.ctx;
  const T = c.Bool.val(true);
  const F = c.Bool.val(false);
  const builder: TermBuilder<Z3Bool, Z3BitVec> = {
    bool: (v) => (v ? T : F),
    input: (name) => c.Bool.const(name),
    not: (a) => c.Not(a),
    and: (xs) => (xs.length === 0 ? T : xs.length === 1 ? xs[0] : c.And(...xs)),
    or: (xs) => (xs.length === 0 ? F : xs.length === 1 ? xs[0] : c.Or(...xs)),
    xor: (a, b) => c.Xor(a, b),
    ite: (cond, a, b) => c.If(cond, a, b) as Z3Bool,
    atLeast: (xs, k) => (cardinality === 'z3' ? c.AtLeast(xs as [Z3Bool, ...Z3Bool[]], k) : atLeastByCount(builder, xs, k)),
    bvConst: (v, w) => c.BitVec.val(BigInt.asUintN(w, v), w),
    bvFromBits: (bits) => {
      const one = c.BitVec.val(1, 1);
      const zero = c.BitVec.val(0, 1);
      const parts = bits.map((b) => c.If(b, one, zero) as Z3BitVec).reverse();
      return parts.length === 1 ? parts[0] : c.Concat(...parts);
    },
    bvBit: (v, i) => c.Extract(i, i, v).eq(c.BitVec.val(1, 1)),
    bvWidth: (v) => v.size(),
    bvExtract: (v, hi, lo) => c.Extract(hi, lo, v),
    bvConcat: (hi, lo) => c.Concat(hi, lo),
    bvSignExt: (v, n) => (n === 0 ? v : v.signExt(n)),
    bvZeroExt: (v, n) => (n === 0 ? v : v.zeroExt(n)),
    bvAdd: (a, b) => a.add(b),
    bvSub: (a, b) => a.sub(b),
    bvMul: (a, b) => a.mul(b),
    bvIte: (cond, a, b) => c.If(cond, a, b) as Z3BitVec,
    bvEq: (a, b) => a.eq(b),
    bvSlt: (a, b) => a.slt(b),
    bvUlt: (a, b) => a.ult(b),
  };
  return builder;
}
