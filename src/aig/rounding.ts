/**
 * Rounding and overflow on words: the circuits of the exact semantics in
 * src/fixed/requantize.ts (roundShift, fitRange, requantize), and the fused
 * accumulate-and-round that the bit-blaster uses for every requantizing layer.
 *
 * The fused form rests on two facts about the rounding modes: each is
 * floor((acc + c) / 2^s) for a constant c (floor, ceil, half-up, half-down;
 * half-even after one tie fix), so the rounding joins the accumulator's
 * constant and costs no adder; and each is monotone with round(0) = 0, so
 * relu(round(acc)) = round(relu(acc)) and the ReLU can act on the narrower
 * rounded word. Under a ReLU, trunc equals floor and half-away equals half-up
 * (they differ only on negative accumulators, which become 0 either way).
 * @module
 */
import { type Aig, FALSE, type Lit, constLit, not } from './aig.js';
import { roundShift } from '../fixed/requantize.js';
import { type FixedType, type OverflowMode, type RoundingMode, maxRaw, minRaw } from '../fixed/types.js';
import {
  type Term,
  type Word,
  constWord,
  gtWords,
  ltWords,
  makeWord,
  orAll,
  reluWord,
  shiftLeft,
  shiftRightFloor,
  signedWidth,
  sumBitsModulo,
  sumRange,
  sumWords,
  wordBit,
  wordToBits,
} from './words.js';

/**
 * The rounding of a / 2^s by `mode`, exactly as {@link roundShift}; for
 * s <= 0 it is a * 2^-s. For s > 0: q = floor(a / 2^s) plus an increment
 * decided by the dropped bits r (r_top = bit s-1, sticky = OR of the bits
 * below it), the sign and, for half-even, q's parity.
 */
export function roundShiftWord(g: Aig, a: Word, s: number, mode: RoundingMode): Word {
  if (s <= 0) return shiftLeft(a, -s);
  const lo = roundShift(a.lo, s, mode);
  const hi = roundShift(a.hi, s, mode);
  if (lo === hi) return constWord(lo);
  const q = shiftRightFloor(a, s);
  const n = a.bits.length;
  const sign = wordBit(a, n - 1);
  // Bits at and above n are copies of the sign, so n of them decide an OR.
  const low = (m: number): Lit[] => a.bits.slice(0, Math.min(m, n));
  const top = wordBit(a, s - 1);
  let inc: Lit;
  switch (mode) {
    case 'floor':
      inc = FALSE;
      break;
    case 'ceil':
      inc = orAll(g, low(s));
      break;
    case 'trunc':
      inc = g.and(sign, orAll(g, low(s)));
      break;
    case 'half-up':
      inc = top;
      break;
    case 'half-down':
      inc = g.and(top, orAll(g, low(s - 1)));
      break;
    case 'half-even':
      inc = g.and(top, g.or(orAll(g, low(s - 1)), wordBit(a, s)));
      break;
    case 'half-away':
      inc = g.and(top, g.or(orAll(g, low(s - 1)), not(sign)));
      break;
  }
  const incWord = makeWord([inc, FALSE], 0n, 1n);
  return sumWords(
    g,
    [
      { word: q, coeff: 1n },
      { word: incWord, coeff: 1n },
    ],
    0n,
    { known: { lo, hi } },
  );
}

/** Clamp to the range of `t` (the `saturate` overflow mode). */
export function saturateWord(g: Aig, a: Word, t: FixedType): Word {
  const tmin = minRaw(t);
  const tmax = maxRaw(t);
  if (a.lo >= tmin && a.hi <= tmax) return a;
  const over = a.hi > tmax ? gtWords(g, a, constWord(tmax)) : FALSE;
  const under = a.lo < tmin ? ltWords(g, a, constWord(tmin)) : FALSE;
  const lo = a.lo < tmin ? tmin : a.lo > tmax ? tmax : a.lo;
  const hi = a.hi > tmax ? tmax : a.hi < tmin ? tmin : a.hi;
  if (lo === hi) return constWord(lo);
  const n = signedWidth(lo, hi);
  const bits: Lit[] = [];
  for (let i = 0; i < n; i++) {
    const bmax = constLit(((tmax >> BigInt(i)) & 1n) === 1n);
    const bmin = constLit(((tmin >> BigInt(i)) & 1n) === 1n);
    bits.push(g.mux(over, bmax, g.mux(under, bmin, wordBit(a, i))));
  }
  return makeWord(bits, lo, hi);
}

/** Reduce modulo 2^bits, two's complement when signed (the `wrap` overflow mode). */
export function wrapWord(a: Word, t: FixedType): Word {
  const tmin = minRaw(t);
  const tmax = maxRaw(t);
  if (a.lo >= tmin && a.hi <= tmax) return a;
  const low = wordToBits(a, t.bits);
  return t.signed ? makeWord(low) : makeWord([...low, FALSE]);
}

/** Fit the range of `t` by `mode` ({@link saturateWord} or {@link wrapWord}). */
export function fitWord(g: Aig, a: Word, t: FixedType, mode: OverflowMode): Word {
  return mode === 'saturate' ? saturateWord(g, a, t) : wrapWord(a, t);
}

/**
 * Steps 3 and 4 of the layer arithmetic on a word: rescale an accumulator
 * with `accFrac` fractional bits to `t` and fit its range; the circuit of
 * `requantize`.
 */
export function requantizeWord(g: Aig, acc: Word, accFrac: number, t: FixedType, rounding: RoundingMode, overflow: OverflowMode): Word {
  return fitWord(g, roundShiftWord(g, acc, accFrac - t.frac, rounding), t, overflow);
}

/**
 * The constant c with round(acc / 2^s) = floor((acc + c) / 2^s), for the
 * modes that have one (half-even: up to the tie fix); undefined otherwise.
 */
function roundingConstant(mode: RoundingMode, s: number): bigint | undefined {
  const half = 1n << BigInt(s - 1);
  switch (mode) {
    case 'floor':
      return 0n;
    case 'ceil':
      return (1n << BigInt(s)) - 1n;
    case 'half-up':
    case 'half-even':
      return half;
    case 'half-down':
      return half - 1n;
    default:
      return undefined;
  }
}

/**
 * Steps 1-3 of the layer arithmetic as one circuit:
 * roundShift(act(sum(coeff * word) + constant), shift, mode), with act the
 * identity or ReLU. The result is exact for all operand values in their
 * intervals (see the module comment for how rounding and ReLU are fused).
 *
 * @example
 * ```ts
 * import { Aig, accumulateWord, wordFromBits } from 'bnn-universal';
 * const g = new Aig();
 * const x = wordFromBits([g.addInput(), g.addInput(), g.addInput(), g.addInput()], true);
 * const y = accumulateWord(g, [{ word: x, coeff: 3n }], 1n, true, 2, 'half-even'); // round(relu(3x + 1) / 4)
 * [y.lo, y.hi]; // [0n, 6n]  (22 / 4 = 5.5 rounds to the even 6)
 * ```
 */
export function accumulateWord(g: Aig, terms: readonly Term[], constant: bigint, relu: boolean, shift: number, mode: RoundingMode): Word {
  if (shift <= 0) {
    const acc = sumWords(g, terms, constant);
    return shiftLeft(relu ? reluWord(g, acc) : acc, -shift);
  }
  const [lo, hi] = sumRange(terms, constant);
  const act = (v: bigint) => (relu && v < 0n ? 0n : v);
  const rlo = roundShift(act(lo), shift, mode);
  const rhi = roundShift(act(hi), shift, mode);
  if (rlo === rhi) return constWord(rlo);
  const m: RoundingMode = relu && mode === 'trunc' ? 'floor' : relu && mode === 'half-away' ? 'half-up' : mode;
  const c = roundingConstant(m, shift);
  let q: Word;
  if (c === undefined) {
    q = roundShiftWord(g, sumWords(g, terms, constant), shift, m);
  } else if (m === 'half-even') {
    // floor((acc + half) / 2^s) is half-up; on a tie (the low s bits of the
    // biased sum all 0) it is the odd one of the two candidates exactly when
    // half-even wants the even one, which is it with bit 0 cleared.
    const t = sumWords(g, terms, constant + c);
    const tie = not(orAll(g, wordToBits(t, shift).slice(0, t.bits.length)));
    const up = shiftRightFloor(t, shift);
    const bits = [...wordToBits(up, up.bits.length + 1)];
    bits[0] = g.and(bits[0], not(tie));
    q = makeWord(bits, roundShift(lo, shift, m), roundShift(hi, shift, m));
  } else {
    q = sumWords(g, terms, constant + c, { shift });
  }
  const r = relu ? reluWord(g, q) : q;
  if (r.lo < rlo || r.hi > rhi) return makeWord(r.bits, rlo, rhi);
  return r;
}

/** What {@link requantizeTerms} does to an accumulator: steps 2-4 of the layer arithmetic. */
export interface RequantizeSpec {
  /** ReLU on the exact accumulator (else identity). */
  readonly relu: boolean;
  /** Accumulator frac minus output frac: rounding right shift if > 0, left shift if <= 0. */
  readonly shift: number;
  readonly rounding: RoundingMode;
  /** Output type. */
  readonly type: FixedType;
  readonly overflow: OverflowMode;
}

/**
 * One requantized element from its exact accumulator sum(terms) + constant:
 * fitRange(roundShift(act(acc), shift, rounding), type, overflow), the
 * circuit of steps 1-4 of the layer arithmetic.
 *
 * Under `wrap` (no ReLU, a rounding that folds into a constant) only the
 * output's B bits of the rounded sum matter, so only the columns below
 * shift + B are built; otherwise it is {@link accumulateWord} then
 * {@link fitWord}.
 *
 * @example
 * ```ts
 * import { Aig, requantizeTerms, wordFromBits } from 'bnn-universal';
 * const g = new Aig();
 * const x = wordFromBits([g.addInput(), g.addInput(), g.addInput(), g.addInput()], true);
 * const t = { signed: true, bits: 3, frac: 0 };
 * const y = requantizeTerms(g, [{ word: x, coeff: 5n }], 0n, { relu: false, shift: 1, rounding: 'floor', type: t, overflow: 'wrap' });
 * [y.lo, y.hi]; // [-4n, 3n]
 * ```
 */
export function requantizeTerms(g: Aig, terms: readonly Term[], constant: bigint, spec: RequantizeSpec): Word {
  const { relu, shift, rounding, type, overflow } = spec;
  if (overflow === 'wrap' && !relu) {
    const w = wrappedSum(g, terms, constant, shift, rounding, type);
    if (w) return w;
  }
  return fitWord(g, accumulateWord(g, terms, constant, relu, shift, rounding), type, overflow);
}

/**
 * wrap(round(acc / 2^shift)) from the low shift + B bits of the accumulator
 * alone; undefined when that does not apply (the result already fits, or the
 * rounding needs the accumulator's sign).
 */
function wrappedSum(g: Aig, terms: readonly Term[], constant: bigint, shift: number, mode: RoundingMode, t: FixedType): Word | undefined {
  const [lo, hi] = sumRange(terms, constant);
  if (roundShift(lo, shift, mode) >= minRaw(t) && roundShift(hi, shift, mode) <= maxRaw(t)) return undefined;
  const B = t.bits;
  let bits: Lit[];
  if (shift <= 0) {
    const low = sumBitsModulo(g, terms, constant, Math.max(0, B + shift));
    bits = [...new Array<Lit>(Math.min(B, -shift)).fill(FALSE), ...low];
  } else {
    const c = roundingConstant(mode, shift);
    if (c === undefined) return undefined;
    const raw = sumBitsModulo(g, terms, constant + c, shift + B, mode === 'half-even' ? 0 : shift);
    bits = raw.slice(shift);
    if (mode === 'half-even') {
      // As in accumulateWord: on a tie the half-up result is odd exactly when it must step down to the even one.
      const tie = not(orAll(g, raw.slice(0, shift)));
      bits[0] = g.and(bits[0], not(tie));
    }
  }
  return t.signed ? makeWord(bits) : makeWord([...bits, FALSE]);
}
