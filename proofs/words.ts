/**
 * The word-level generators of the bit-blaster (src/aig/words.ts and
 * src/aig/rounding.ts) equal their bit-vector meaning for every input, for
 * every width from 1 to 16, proved with Z3.
 *
 * Each claim builds the generator's AIG on fresh input words, encodes that
 * AIG as Boolean terms, and compares it with the operation's meaning written
 * with Z3's own bit-vector operations on wide (48-bit) integers, where no
 * intermediate value can overflow. Rounding modes are written here in their
 * additive textbook form (e.g. half-up = floor((a + 2^(s-1)) / 2^s)), unlike
 * both the bit-blaster and the SMT encoding, which decide an increment from
 * the dropped bits. The claim also checks that the value lies in the
 * interval [lo, hi] the generator declares for its result.
 * @module
 */
import { Aig, type Lit } from '../src/aig/aig.js';
import { roundShiftWord, saturateWord, wrapWord } from '../src/aig/rounding.js';
import { type Word, addWords, eqWords, geWords, gtWords, leWords, ltWords, maxWords, mulConst, muxWord, negWord, reluWord, subWords, sumWords, wordFromBits } from '../src/aig/words.js';
import { type FixedType, ROUNDING_MODES, type RoundingMode, formatType, maxRaw, minRaw } from '../src/fixed/types.js';
import { encodeAig } from '../src/smt/encode-aig.js';
import { type Z3BitVec, type Z3Bool, z3Terms } from '../src/smt/z3-terms.js';
import { type Z3Handle, checkSat, withZ3 } from '../src/smt/z3.js';
import { type Theorem, ensure } from './theorem.js';

/** Width of the integers the meanings are computed in. */
const M = 48;
/** Widths every generator is proved for. */
const WIDTHS = Array.from({ length: 16 }, (_, i) => i + 1);

/** An input word of a claim. */
export interface InputSpec {
  readonly width: number;
  readonly signed: boolean;
}

/** One claim: a generator on input words against its meaning. */
export interface Claim {
  readonly label: string;
  readonly inputs: readonly InputSpec[];
  /** Extra free Boolean inputs (a mux select). */
  readonly selects?: number;
  readonly build: (g: Aig, words: Word[], selects: Lit[]) => Word | Lit;
  /** The meaning on M-bit integers (inputs already extended), a value or a truth value. */
  readonly meaning: (z3: Z3Handle, xs: Z3BitVec[], selects: Z3Bool[]) => Z3BitVec | Z3Bool;
}

/** Prove one claim; returns false when Z3 finds an input where the generator is wrong (or cannot decide). */
export async function proveClaim(c: Claim): Promise<boolean> {
  return withZ3(async (z3) => {
    const T = z3Terms(z3);
    const g = new Aig();
    const bitsIn = c.inputs.map((s, k) => Array.from({ length: s.width }, (_, i) => T.input(`w${k}[${i}]`)));
    const selIn = Array.from({ length: c.selects ?? 0 }, (_, i) => T.input(`s${i}`));
    const words = c.inputs.map((s) => wordFromBits(Array.from({ length: s.width }, () => g.addInput()), s.signed));
    const sels = selIn.map(() => g.addInput());
    const out = c.build(g, words, sels);
    const outBits = typeof out === 'number' ? [out] : out.bits;
    outBits.forEach((l) => g.addOutput(l));
    const encoded = encodeAig(T, g, [...bitsIn.flat(), ...selIn]);
    const xs = c.inputs.map((s, k) => {
      const v = T.bvFromBits(bitsIn[k]);
      return s.signed ? T.bvSignExt(v, M - s.width) : T.bvZeroExt(v, M - s.width);
    });
    const want = c.meaning(z3, xs, selIn);
    const s = new z3.ctx.Solver();
    if (typeof out === 'number') {
      s.add(T.xor(encoded[0], want as Z3Bool));
    } else {
      const got = encoded.length === 0 ? T.bvConst(0n, M) : T.bvSignExt(T.bvFromBits(encoded), M - encoded.length);
      const w = want as Z3BitVec;
      s.add(T.or([T.not(T.bvEq(got, w)), T.bvSlt(w, T.bvConst(out.lo, M)), T.bvSlt(T.bvConst(out.hi, M), w)]));
    }
    return (await checkSat(z3, s)).status === 'unsat';
  });
}

const S = (w: number): InputSpec => ({ width: w, signed: true });
const U = (w: number): InputSpec => ({ width: w, signed: false });
const k = (z3: Z3Handle, v: bigint) => z3.ctx.BitVec.val(BigInt.asUintN(M, v), M);
const If = (z3: Z3Handle, c: Z3Bool, a: Z3BitVec, b: Z3BitVec) => z3.ctx.If(c, a, b) as Z3BitVec;
/** floor(a / 2^s) for s >= 0 (arithmetic shift). */
const floorDiv = (z3: Z3Handle, a: Z3BitVec, s: number) => a.shr(k(z3, BigInt(s)));

/** a / 2^s rounded by `mode`, additively: floor((a + c) / 2^s) for the right c, with the two sign- or parity-dependent modes built from those. */
function roundMeaning(z3: Z3Handle, a: Z3BitVec, s: number, mode: RoundingMode): Z3BitVec {
  if (s <= 0) return a.mul(k(z3, 1n << BigInt(-s)));
  const d = 1n << BigInt(s);
  const h = d >> 1n;
  const floor = floorDiv(z3, a, s);
  const ceil = floorDiv(z3, a.add(k(z3, d - 1n)), s);
  const halfUp = floorDiv(z3, a.add(k(z3, h)), s);
  const halfDown = floorDiv(z3, a.add(k(z3, h - 1n)), s);
  const negative = a.slt(k(z3, 0n));
  switch (mode) {
    case 'floor':
      return floor;
    case 'ceil':
      return ceil;
    case 'trunc':
      return If(z3, negative, ceil, floor);
    case 'half-up':
      return halfUp;
    case 'half-down':
      return halfDown;
    case 'half-even': {
      const tie = a.sub(floor.mul(k(z3, d))).eq(k(z3, h));
      const odd = halfUp.extract(0, 0).eq(z3.ctx.BitVec.val(1, 1));
      return If(z3, z3.ctx.And(tie, odd), halfUp.sub(k(z3, 1n)), halfUp);
    }
    case 'half-away':
      return If(z3, negative, halfDown, halfUp);
  }
}

/** The claims for width w. */
export function claimsFor(w: number): Claim[] {
  const claims: Claim[] = [];
  for (const [name, b] of [['s', S(w)], ['u', U(w)]] as const) {
    const ins = [S(w), b];
    claims.push(
      { label: `add s${w}+${name}${w}`, inputs: ins, build: (g, [x, y]) => addWords(g, x, y), meaning: (_, [x, y]) => x.add(y) },
      { label: `sub s${w}-${name}${w}`, inputs: ins, build: (g, [x, y]) => subWords(g, x, y), meaning: (_, [x, y]) => x.sub(y) },
      { label: `max s${w},${name}${w}`, inputs: ins, build: (g, [x, y]) => maxWords(g, x, y), meaning: (z3, [x, y]) => If(z3, x.slt(y), y, x) },
      { label: `lt s${w}<${name}${w}`, inputs: ins, build: (g, [x, y]) => ltWords(g, x, y), meaning: (_, [x, y]) => x.slt(y) },
      { label: `le s${w}<=${name}${w}`, inputs: ins, build: (g, [x, y]) => leWords(g, x, y), meaning: (_, [x, y]) => x.sle(y) },
      { label: `gt s${w}>${name}${w}`, inputs: ins, build: (g, [x, y]) => gtWords(g, x, y), meaning: (_, [x, y]) => x.sgt(y) },
      { label: `ge s${w}>=${name}${w}`, inputs: ins, build: (g, [x, y]) => geWords(g, x, y), meaning: (_, [x, y]) => x.sge(y) },
      { label: `eq s${w}==${name}${w}`, inputs: ins, build: (g, [x, y]) => eqWords(g, x, y), meaning: (_, [x, y]) => x.eq(y) },
    );
  }
  claims.push(
    { label: `neg s${w}`, inputs: [S(w)], build: (g, [x]) => negWord(g, x), meaning: (_, [x]) => x.neg() },
    { label: `relu s${w}`, inputs: [S(w)], build: (g, [x]) => reluWord(g, x), meaning: (z3, [x]) => If(z3, x.slt(k(z3, 0n)), k(z3, 0n), x) },
    { label: `mux s${w},u${w}`, inputs: [S(w), U(w)], selects: 1, build: (g, [x, y], [s]) => muxWord(g, s, x, y), meaning: (z3, [x, y], [s]) => If(z3, s, x, y) },
    // a two-operand weighted sum is a hard equivalence for SAT beyond 8 bits
    // (over 30 s at 16); add, sub and mul cover sumWords at every width
    ...(w > 8 ? [] : [{
      label: `sum 3*s${w} - 5*u${w} - 9`,
      inputs: [S(w), U(w)],
      build: (g, [x, y]) => sumWords(g, [{ word: x, coeff: 3n }, { word: y, coeff: -5n }], -9n),
      meaning: (z3: Z3Handle, [x, y]: Z3BitVec[]) => x.mul(k(z3, 3n)).sub(y.mul(k(z3, 5n))).sub(k(z3, 9n)),
    } satisfies Claim]),
  );
  for (const c of [-7n, -1n, 0n, 3n, 6n, 11n, 64n]) {
    claims.push({ label: `mul s${w}*${c}`, inputs: [S(w)], build: (g, [x]) => mulConst(g, x, c), meaning: (z3, [x]) => x.mul(k(z3, c)) });
  }
  for (const s of [...new Set([-1, 1, 2, Math.ceil(w / 2), w, w + 2])]) {
    for (const mode of ROUNDING_MODES) {
      claims.push({ label: `round s${w} / 2^${s} ${mode}`, inputs: [S(w)], build: (g, [x]) => roundShiftWord(g, x, s, mode), meaning: (z3, [x]) => roundMeaning(z3, x, s, mode) });
    }
  }
  const types: FixedType[] = [];
  for (const bits of [...new Set([1, Math.ceil(w / 2), w + 1])]) for (const signed of [true, false]) types.push({ signed, bits, frac: 0 });
  for (const t of types) {
    const lo = minRaw(t);
    const hi = maxRaw(t);
    claims.push(
      { label: `saturate s${w} to ${formatType(t)}`, inputs: [S(w)], build: (g, [x]) => saturateWord(g, x, t), meaning: (z3, [x]) => If(z3, x.slt(k(z3, lo)), k(z3, lo), If(z3, x.sgt(k(z3, hi)), k(z3, hi), x)) },
      {
        label: `wrap s${w} to ${formatType(t)}`,
        inputs: [S(w)],
        build: (_, [x]) => wrapWord(x, t),
        meaning: (_, [x]) => (t.signed ? x.extract(t.bits - 1, 0).signExt(M - t.bits) : x.extract(t.bits - 1, 0).zeroExt(M - t.bits)),
      },
    );
  }
  return claims;
}

/** Each word-level generator equals its meaning, widths 1..16. */
export const wordGenerators: Theorem = {
  id: 'words',
  statement: 'each word-level generator of the bit-blaster (add, sub, negate, constant multiple, two-operand weighted sum (widths 1..8), <, <=, >, >=, ==, mux, max, ReLU, the 7 rounding modes, saturate, wrap) equals its bit-vector meaning on every input, for every width 1..16, and stays in its declared interval',
  method: 'Z3',
  async check() {
    let n = 0;
    for (const w of WIDTHS) {
      for (const c of claimsFor(w)) {
        ensure(await proveClaim(c), `${c.label}: Z3 finds an input where the generator differs from its meaning (or leaves its interval)`);
        n++;
      }
    }
    return `${n} claims proved (widths 1..16)`;
  },
};
