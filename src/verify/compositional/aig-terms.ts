/**
 * A {@link TermBuilder} over an AIG: Booleans are literals, bit-vectors are
 * arrays of literals (least significant first). It lets the SMT encodings of
 * the fixed-point semantics (src/smt/encode-fixed.ts, int-terms.ts) be
 * decided by the project's own SAT solver.
 *
 * The arithmetic is deliberately plain (ripple-carry adders, shift-and-add
 * multiplication, borrow-chain comparison) and shares no code with the
 * bit-blaster's word generators, so a bug there cannot hide here.
 * @module
 */
import { type Aig, FALSE, type Lit, TRUE, not } from '../../aig/aig.js';
import { atLeast } from '../../bnn/to-aig.js';
import { InternalError } from '../../errors.js';
import type { TermBuilder } from '../../smt/terms.js';

/** A bit-vector term: literals, least significant first. */
export type BitVector = readonly Lit[];

function sameWidth(a: BitVector, b: BitVector, what: string): void {
  if (a.length !== b.length) throw new InternalError(`${what}: widths ${a.length} and ${b.length}`);
}

/** Make a term builder that adds its terms to `g`. */
export function aigTerms(g: Aig): TermBuilder<Lit, BitVector> {
  const andAll = (xs: readonly Lit[]): Lit => xs.reduce((acc, x) => g.and(acc, x), TRUE);
  const orAll = (xs: readonly Lit[]): Lit => not(andAll(xs.map(not)));
  const add = (a: BitVector, b: BitVector, carryIn: Lit): Lit[] => {
    sameWidth(a, b, 'bvAdd');
    const out: Lit[] = [];
    let c = carryIn;
    for (let i = 0; i < a.length; i++) {
      out.push(g.xor(g.xor(a[i], b[i]), c));
      c = g.maj(a[i], b[i], c);
    }
    return out;
  };
  /** a < b unsigned: the borrow out of a - b. */
  const ult = (a: BitVector, b: BitVector): Lit => {
    sameWidth(a, b, 'bvUlt');
    let borrow: Lit = FALSE;
    for (let i = 0; i < a.length; i++) borrow = g.maj(not(a[i]), b[i], borrow);
    return borrow;
  };
  return {
    bool: (v) => (v ? TRUE : FALSE),
    input: (name) => g.addInput(name),
    not,
    and: andAll,
    or: orAll,
    xor: (a, b) => g.xor(a, b),
    ite: (c, a, b) => g.mux(c, a, b),
    atLeast: (xs, k) => atLeast(g, xs, k),
    bvConst: (v, w) => Array.from({ length: w }, (_, i) => ((BigInt.asUintN(w, v) >> BigInt(i)) & 1n ? TRUE : FALSE)),
    bvFromBits: (bits) => bits.slice(),
    bvBit: (v, i) => v[i],
    bvWidth: (v) => v.length,
    bvExtract: (v, hi, lo) => v.slice(lo, hi + 1),
    bvConcat: (hi, lo) => [...lo, ...hi],
    bvSignExt: (v, n) => [...v, ...new Array<Lit>(n).fill(v[v.length - 1])],
    bvZeroExt: (v, n) => [...v, ...new Array<Lit>(n).fill(FALSE)],
    bvAdd: (a, b) => add(a, b, FALSE),
    bvSub: (a, b) => add(a, b.map(not), TRUE),
    bvMul: (a, b) => {
      sameWidth(a, b, 'bvMul');
      let acc: Lit[] = a.map(() => FALSE);
      for (let i = 0; i < b.length; i++) {
        if (b[i] === FALSE) continue;
        const row = a.map((_, j) => (j < i ? FALSE : g.and(a[j - i], b[i])));
        acc = add(acc, row, FALSE);
      }
      return acc;
    },
    bvIte: (c, a, b) => {
      sameWidth(a, b, 'bvIte');
      return a.map((x, i) => g.mux(c, x, b[i]));
    },
    bvEq: (a, b) => {
      sameWidth(a, b, 'bvEq');
      return andAll(a.map((x, i) => g.xnor(x, b[i])));
    },
    bvSlt: (a, b) => {
      sameWidth(a, b, 'bvSlt');
      // Signed order is unsigned order with the sign bits flipped.
      const n = a.length;
      const flip = (v: BitVector) => [...v.slice(0, n - 1), not(v[n - 1])];
      return ult(flip(a), flip(b));
    },
    bvUlt: ult,
  };
}
