/**
 * Words: integers as vectors of AIG literals, with a known value range.
 *
 * A {@link Word} is always signed: its bits are a two's complement number,
 * least significant bit first. Unsigned data gets a constant-false top bit,
 * which costs nothing because constants fold away in {@link Aig.and}.
 *
 * Every word carries an interval `[lo, hi]` that contains its value for every
 * input of the circuit (BigInt interval arithmetic, so exact). The interval
 * is what sizes results exactly: a sum of words is computed modulo 2^n for the
 * smallest n that holds its interval, so no bit is wasted and no carry is lost.
 *
 * Invariants of a word (established by {@link makeWord}, kept by every
 * generator here):
 * - `bits.length === signedWidth(lo, hi)` (0 bits only for the constant 0);
 * - if `lo >= 0` the top bit is the constant false, if `hi < 0` the constant
 *   true; if `lo === hi` all bits are constants;
 * - each generator's result is correct whenever its operands' values lie in
 *   their intervals (it may rely on that, e.g. to drop bits). This is the
 *   contract a compositional proof checks operation by operation.
 *
 * The arithmetic generators (add, subtract, negate, constant multiples) all go
 * through {@link sumWords}, a multi-operand adder that compresses bit columns
 * with full and half adders.
 * @module
 */
import { InternalError } from '../errors.js';
import { type Aig, FALSE, type Lit, TRUE, constLit, not } from './aig.js';
import { compressColumns } from './compress.js';

/** An integer as two's complement literals (LSB first) with a known range. */
export interface Word {
  /** Two's complement bits, least significant first; length `signedWidth(lo, hi)`. */
  readonly bits: readonly Lit[];
  /** Smallest value the word can take. */
  readonly lo: bigint;
  /** Largest value the word can take. */
  readonly hi: bigint;
}

/** A word times a constant: one operand of {@link sumWords}. */
export interface Term {
  /** The operand. */
  readonly word: Word;
  /** Its constant coefficient (any integer; 0 drops the term). */
  readonly coeff: bigint;
}

/**
 * Smallest n such that every integer in [lo, hi] is an n-bit two's complement
 * number; 0 for the interval [0, 0].
 *
 * @example
 * ```ts
 * import { signedWidth } from 'bnn-universal';
 * signedWidth(0n, 7n);  // 4
 * signedWidth(-8n, 7n); // 4
 * signedWidth(-1n, -1n); // 1
 * ```
 */
export function signedWidth(lo: bigint, hi: bigint): number {
  if (lo > hi) throw new InternalError(`empty interval [${lo}, ${hi}]`);
  const need = (v: bigint): number => (v >= 0n ? bitLength(v) + (v === 0n ? 0 : 1) : bitLength(-v - 1n) + 1);
  return Math.max(need(lo), need(hi));
}

/** Number of bits of a non-negative bigint (0 for 0). */
function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/** Bit i of a word, reading past the top as sign extension (0 for an empty word). */
export function wordBit(w: Word, i: number): Lit {
  const n = w.bits.length;
  return n === 0 ? FALSE : w.bits[i < n ? i : n - 1];
}

/** The low `width` bits of a word, sign-extended when it is narrower (a wrap to `width` bits). */
export function wordToBits(w: Word, width: number): Lit[] {
  const out: Lit[] = [];
  for (let i = 0; i < width; i++) out.push(wordBit(w, i));
  return out;
}

/**
 * The word of a constant.
 *
 * @example
 * ```ts
 * import { constWord } from 'bnn-universal';
 * constWord(-3n).bits; // [1, 0, 1]  (TRUE, FALSE, TRUE = 101b = -3 in 3 bits)
 * ```
 */
export function constWord(v: bigint): Word {
  const n = signedWidth(v, v);
  const bits: Lit[] = [];
  for (let i = 0; i < n; i++) bits.push(constLit(((v >> BigInt(i)) & 1n) === 1n));
  return { bits, lo: v, hi: v };
}

/**
 * A word from literals that hold a two's complement number of `bits.length`
 * bits whose value is known to lie in [lo, hi] (defaults: the full range of
 * that width). Narrows the interval by the constant bits, then trims or
 * sign-extends to the canonical width and pins the sign bit when it is known.
 */
export function makeWord(bits: readonly Lit[], lo?: bigint, hi?: bigint): Word {
  const [blo, bhi] = bitsRange(bits);
  const l = lo === undefined || lo < blo ? blo : lo;
  const h = hi === undefined || hi > bhi ? bhi : hi;
  if (l > h) throw new InternalError(`word range [${lo}, ${hi}] excludes every value of its bits`);
  if (l === h) return constWord(l);
  const n = signedWidth(l, h);
  const src: Word = { bits, lo: blo, hi: bhi };
  const out = wordToBits(src, n);
  if (l >= 0n) out[n - 1] = FALSE;
  else if (h < 0n) out[n - 1] = TRUE;
  return { bits: out, lo: l, hi: h };
}

/**
 * The interval of a two's complement bit vector given which bits are
 * constant: each bit contributes 0 or its weight independently.
 */
function bitsRange(bits: readonly Lit[]): [bigint, bigint] {
  let lo = 0n;
  let hi = 0n;
  bits.forEach((b, i) => {
    const w = i === bits.length - 1 ? -(1n << BigInt(i)) : 1n << BigInt(i);
    if (b === TRUE) {
      lo += w;
      hi += w;
    } else if (b !== FALSE) {
      if (w < 0n) lo += w;
      else hi += w;
    }
  });
  return [lo, hi];
}

/**
 * A word from raw literals of a signed (two's complement) or unsigned number.
 *
 * @example
 * ```ts
 * import { Aig, wordFromBits } from 'bnn-universal';
 * const g = new Aig();
 * const x = wordFromBits([g.addInput(), g.addInput()], false);
 * [x.lo, x.hi, x.bits.length]; // [0n, 3n, 3]  (a constant-false sign bit is added)
 * ```
 */
export function wordFromBits(bits: readonly Lit[], signed: boolean): Word {
  return signed ? makeWord(bits) : makeWord([...bits, FALSE]);
}

/** w * 2^k: k zero bits below (k >= 0). */
export function shiftLeft(w: Word, k: number): Word {
  if (k < 0) throw new InternalError(`shiftLeft by ${k}`);
  if (w.lo === w.hi) return constWord(w.lo << BigInt(k));
  return { bits: [...new Array<Lit>(k).fill(FALSE), ...w.bits], lo: w.lo << BigInt(k), hi: w.hi << BigInt(k) };
}

/** floor(w / 2^k), the arithmetic right shift: drops k low bits (k >= 0). */
export function shiftRightFloor(w: Word, k: number): Word {
  if (k < 0) throw new InternalError(`shiftRightFloor by ${k}`);
  const lo = w.lo >> BigInt(k);
  const hi = w.hi >> BigInt(k);
  const n = signedWidth(lo, hi);
  const bits: Lit[] = [];
  for (let i = 0; i < n; i++) bits.push(wordBit(w, i + k));
  return makeWord(bits, lo, hi);
}

/** Sign-extend (or truncate) raw bits to `width`. */
export function signExtend(bits: readonly Lit[], width: number): Lit[] {
  return wordToBits({ bits, lo: 0n, hi: 0n }, width);
}

/** Zero-extend (or truncate) raw bits to `width`. */
export function zeroExtend(bits: readonly Lit[], width: number): Lit[] {
  const out: Lit[] = [];
  for (let i = 0; i < width; i++) out.push(i < bits.length ? bits[i] : FALSE);
  return out;
}

// ---------------------------------------------------------------------------
// Adders and the multi-operand sum

/**
 * Non-adjacent form of c (canonical signed digits): c = sum d_i 2^i with
 * d_i in {-1, 0, 1} and no two adjacent digits nonzero, so it has the fewest
 * nonzero digits. Returns [shift, digit] pairs, low first.
 */
export function csdDigits(c: bigint): [number, 1 | -1][] {
  const out: [number, 1 | -1][] = [];
  for (let i = 0; c !== 0n; i++, c >>= 1n) {
    if ((c & 1n) === 0n) continue;
    const d = (c & 3n) === 3n ? -1 : 1; // c = 3 mod 4: take -1 and carry
    out.push([i, d]);
    c -= BigInt(d);
  }
  return out;
}

/** Recodings of small coefficients (weights repeat, so each is recoded once). */
const csdCache = new Map<bigint, [number, 1 | -1][]>();

function csdDigitsCached(c: bigint): [number, 1 | -1][] {
  let d = csdCache.get(c);
  if (!d) {
    d = csdDigits(c);
    if (c > -65536n && c < 65536n) csdCache.set(c, d);
  }
  return d;
}

/** Exact interval of sum(coeff * word) + constant. */
export function sumRange(terms: readonly Term[], constant = 0n): [bigint, bigint] {
  let lo = constant;
  let hi = constant;
  for (const { word, coeff } of terms) {
    if (coeff >= 0n) {
      lo += coeff * word.lo;
      hi += coeff * word.hi;
    } else {
      lo += coeff * word.hi;
      hi += coeff * word.lo;
    }
  }
  return [lo, hi];
}

/**
 * sum(coeff * word) + constant, exactly, as one multi-operand adder.
 *
 * Each coefficient is recoded in canonical signed digits, so a term becomes a
 * few shifted copies of its word's bits. A bit of negative weight is
 * rewritten -b*2^k = (!b)*2^k - 2^k, leaving only positive bits plus one
 * folded constant. The bits are dropped into columns modulo 2^n, n the width
 * of the exact result interval (optionally narrowed by `known`, which the
 * caller guarantees), and each column is compressed with full and half adders
 * (shallowest bits first, so the adder tree stays shallow) down to one bit.
 * With `shift`, the result is floor(sum / 2^shift) and the dropped columns
 * build only their carries.
 *
 * @example
 * ```ts
 * import { Aig, sumWords, wordFromBits } from 'bnn-universal';
 * const g = new Aig();
 * const x = wordFromBits([g.addInput(), g.addInput(), g.addInput()], true); // [-4, 3]
 * const y = sumWords(g, [{ word: x, coeff: -3n }], 5n); // -3x + 5
 * [y.lo, y.hi]; // [-4n, 17n]
 * ```
 */
export function sumWords(g: Aig, terms: readonly Term[], constant = 0n, options: SumOptions = {}): Word {
  const { known, shift = 0 } = options;
  if (shift < 0) throw new InternalError(`sumWords: shift ${shift}`);
  let [lo, hi] = sumRange(terms, constant);
  if (known) {
    if (known.lo > lo) lo = known.lo;
    if (known.hi < hi) hi = known.hi;
  }
  if (lo > hi) throw new InternalError(`sumWords: known range excludes the sum's range`);
  const qlo = lo >> BigInt(shift);
  const qhi = hi >> BigInt(shift);
  if (qlo === qhi) return constWord(qlo);
  const n = signedWidth(lo, hi);
  // Columns below `shift` are dropped: only their carries are built.
  const bits = sumColumns(g, terms, constant, n, Math.min(shift, n - 1));
  return shiftRightFloor({ bits, lo, hi }, shift);
}

/**
 * The low m bits of sum(coeff * word) + constant, i.e. the sum modulo 2^m, as
 * raw literals (no interval: every m-bit pattern may occur). Bits below
 * `firstNeeded` are left FALSE (only their carries are built). Costs no more
 * than the exact sum and less when m is below its width: columns at and above
 * m are never built.
 */
export function sumBitsModulo(g: Aig, terms: readonly Term[], constant: bigint, m: number, firstNeeded = 0): Lit[] {
  const [lo, hi] = sumRange(terms, constant);
  const n = signedWidth(lo, hi);
  if (n >= m) return sumColumns(g, terms, constant, m, firstNeeded);
  // The exact sum fits n < m bits: sign-extend it (n >= 1 unless it is 0).
  const exact = sumColumns(g, terms, constant, n, Math.min(firstNeeded, n - 1));
  return wordToBits({ bits: exact, lo, hi }, m);
}

/**
 * sum(coeff * word) + constant modulo 2^n as n literals: every bit placed in
 * its column (negative weights as complemented bits plus a constant), then
 * the columns compressed.
 */
function sumColumns(g: Aig, terms: readonly Term[], constant: bigint, n: number, firstNeeded: number): Lit[] {
  const columns: Lit[][] = Array.from({ length: n }, () => []);
  let k = constant;
  // Per column, the net count of constant units (+1 per true bit, -1 per
  // negative bit); folded into k once, to keep BigInt work per column, not per bit.
  const units = new Float64Array(n);
  for (const { word, coeff } of terms) {
    if (coeff === 0n) continue;
    if (word.lo === word.hi) {
      k += coeff * word.lo;
      continue;
    }
    for (const [e, digit] of csdDigitsCached(coeff)) {
      const m = word.bits.length;
      for (let i = 0; i < m && i + e < n; i++) {
        const negative = (i === m - 1) !== (digit < 0);
        const b = word.bits[i];
        const pos = i + e;
        if (b === FALSE || b === TRUE) {
          if (b === TRUE) units[pos] += negative ? -1 : 1;
        } else if (negative) {
          columns[pos].push(not(b));
          units[pos]--;
        } else columns[pos].push(b);
      }
    }
  }
  for (let j = 0; j < n; j++) if (units[j] !== 0) k += BigInt(units[j]) << BigInt(j);
  return compressColumns(g, columns, BigInt.asUintN(n, k), firstNeeded);
}

/** Options of {@link sumWords}. */
export interface SumOptions {
  /** An interval the caller guarantees for the sum (narrows its width). */
  readonly known?: { readonly lo: bigint; readonly hi: bigint };
  /** Return floor(sum / 2^shift) (default 0); the low sum bits are not built. */
  readonly shift?: number;
}

/** a + b, exactly. */
export function addWords(g: Aig, a: Word, b: Word): Word {
  return sumWords(g, [
    { word: a, coeff: 1n },
    { word: b, coeff: 1n },
  ]);
}

/** a - b, exactly. */
export function subWords(g: Aig, a: Word, b: Word): Word {
  return sumWords(g, [
    { word: a, coeff: 1n },
    { word: b, coeff: -1n },
  ]);
}

/** -a, exactly. */
export function negWord(g: Aig, a: Word): Word {
  return sumWords(g, [{ word: a, coeff: -1n }]);
}

/** a * c for a constant c, exactly (canonical signed digits: shifts and adds). */
export function mulConst(g: Aig, a: Word, c: bigint): Word {
  return sumWords(g, [{ word: a, coeff: c }]);
}

// ---------------------------------------------------------------------------
// Comparison and selection

/**
 * a < b (or a <= b when `orEqual`), by the borrow chain of a - b on the common
 * width with sign bits swapped (one majority per bit; one AND per bit when b
 * is a constant). Decided by the intervals alone when they do not overlap.
 */
function lessThan(g: Aig, a: Word, b: Word, orEqual: boolean): Lit {
  if (orEqual ? a.hi <= b.lo : a.hi < b.lo) return TRUE;
  if (orEqual ? a.lo > b.hi : a.lo >= b.hi) return FALSE;
  const n = Math.max(a.bits.length, b.bits.length, 1);
  let borrow = constLit(orEqual);
  for (let i = 0; i < n; i++) {
    let x = wordBit(a, i);
    let y = wordBit(b, i);
    if (i === n - 1) [x, y] = [y, x]; // signed order = unsigned order with sign bits flipped
    borrow = g.maj(not(x), y, borrow);
  }
  return borrow;
}

/** a < b (values, i.e. signed). */
export function ltWords(g: Aig, a: Word, b: Word): Lit {
  return lessThan(g, a, b, false);
}

/** a <= b. */
export function leWords(g: Aig, a: Word, b: Word): Lit {
  return lessThan(g, a, b, true);
}

/** a > b. */
export function gtWords(g: Aig, a: Word, b: Word): Lit {
  return lessThan(g, b, a, false);
}

/** a >= b. */
export function geWords(g: Aig, a: Word, b: Word): Lit {
  return lessThan(g, b, a, true);
}

/** a == b. */
export function eqWords(g: Aig, a: Word, b: Word): Lit {
  if (a.hi < b.lo || b.hi < a.lo) return FALSE;
  if (a.lo === a.hi && b.lo === b.hi) return TRUE; // overlapping constants are equal
  const n = Math.max(a.bits.length, b.bits.length);
  const eqs: Lit[] = [];
  for (let i = 0; i < n; i++) eqs.push(g.xnor(wordBit(a, i), wordBit(b, i)));
  return andAll(g, eqs);
}

/** AND of many literals as a balanced tree (shallow); TRUE for none. */
export function andAll(g: Aig, lits: readonly Lit[]): Lit {
  if (lits.length === 0) return TRUE;
  let layer = [...lits];
  while (layer.length > 1) {
    const next: Lit[] = [];
    for (let i = 0; i + 1 < layer.length; i += 2) next.push(g.and(layer[i], layer[i + 1]));
    if (layer.length % 2 === 1) next.push(layer[layer.length - 1]);
    layer = next;
  }
  return layer[0];
}

/** OR of many literals as a balanced tree; FALSE for none. */
export function orAll(g: Aig, lits: readonly Lit[]): Lit {
  return not(andAll(g, lits.map(not)));
}

/** s ? t : e, bit by bit on the common width. */
export function muxWord(g: Aig, s: Lit, t: Word, e: Word): Word {
  if (s === TRUE) return t;
  if (s === FALSE) return e;
  const lo = t.lo < e.lo ? t.lo : e.lo;
  const hi = t.hi > e.hi ? t.hi : e.hi;
  const n = signedWidth(lo, hi);
  const bits: Lit[] = [];
  for (let i = 0; i < n; i++) bits.push(g.mux(s, wordBit(t, i), wordBit(e, i)));
  return makeWord(bits, lo, hi);
}

/** max(a, b). */
export function maxWords(g: Aig, a: Word, b: Word): Word {
  if (a.lo >= b.hi) return a;
  if (b.lo >= a.hi) return b;
  const m = muxWord(g, ltWords(g, a, b), b, a);
  return makeWord(m.bits, a.lo > b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi);
}

/** Maximum of one or more words, as a balanced tree of {@link maxWords}. */
export function maxAll(g: Aig, ws: readonly Word[]): Word {
  if (ws.length === 0) throw new InternalError('maxAll of no words');
  let layer = [...ws];
  while (layer.length > 1) {
    const next: Word[] = [];
    for (let i = 0; i + 1 < layer.length; i += 2) next.push(maxWords(g, layer[i], layer[i + 1]));
    if (layer.length % 2 === 1) next.push(layer[layer.length - 1]);
    layer = next;
  }
  return layer[0];
}

/** max(a, 0): every bit ANDed with the inverted sign. */
export function reluWord(g: Aig, a: Word): Word {
  if (a.lo >= 0n) return a;
  if (a.hi <= 0n) return constWord(0n);
  const sign = wordBit(a, a.bits.length - 1);
  const n = signedWidth(0n, a.hi);
  const bits: Lit[] = [];
  for (let i = 0; i < n; i++) bits.push(g.and(wordBit(a, i), not(sign)));
  return makeWord(bits, 0n, a.hi);
}
