/**
 * Test harness for word generators: build a circuit over fresh input words,
 * simulate it bit-parallel on a batch of input values, and decode every
 * result word back to a BigInt, so generators can be compared with exact
 * BigInt arithmetic.
 */
import { expect } from 'vitest';
import { Aig, type Lit } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import { type Word, signedWidth, wordFromBits } from '../../src/aig/words.js';

/** An input operand: a raw bit vector, signed or not. */
export interface Operand {
  readonly bits: number;
  readonly signed: boolean;
}

/** The value range of an operand. */
export function operandRange(o: Operand): [bigint, bigint] {
  return o.signed ? [-(1n << BigInt(o.bits - 1)), (1n << BigInt(o.bits - 1)) - 1n] : [0n, (1n << BigInt(o.bits)) - 1n];
}

/** Every combination of values of the operands (row-major over operands). */
export function allCombos(ops: readonly Operand[]): bigint[][] {
  let out: bigint[][] = [[]];
  for (const o of ops) {
    const [lo, hi] = operandRange(o);
    const next: bigint[][] = [];
    for (const prefix of out) for (let v = lo; v <= hi; v++) next.push([...prefix, v]);
    out = next;
  }
  return out;
}

/** Deterministic pseudo-random values for operands (xorshift, seeded). */
export function randomCombos(ops: readonly Operand[], count: number, seed: number): bigint[][] {
  let s = seed >>> 0 || 1;
  const next32 = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  const out: bigint[][] = [];
  for (let k = 0; k < count; k++) {
    out.push(
      ops.map((o) => {
        let u = 0n;
        for (let i = 0; i < o.bits; i += 32) u |= BigInt(next32()) << BigInt(i);
        u = BigInt.asUintN(o.bits, u);
        return o.signed ? BigInt.asIntN(o.bits, u) : u;
      }),
    );
  }
  return out;
}

/** A circuit under test: the graph, its input words and their literals. */
export interface Bench {
  readonly g: Aig;
  readonly words: Word[];
  readonly inputs: Lit[][];
}

/** Fresh AIG inputs for each operand, wrapped as words. */
export function makeBench(ops: readonly Operand[]): Bench {
  const g = new Aig(64);
  const inputs = ops.map((o) => Array.from({ length: o.bits }, () => g.addInput()));
  return { g, inputs, words: inputs.map((bits, i) => wordFromBits(bits, ops[i].signed)) };
}

/**
 * Simulate the bench on the given value combinations and return a reader:
 * `value(lits, p)` decodes literals (two's complement) for pattern p,
 * `bit(lit, p)` one literal.
 */
export function simulateBench(b: Bench, combos: readonly bigint[][]) {
  const P = combos.length;
  const W = Math.max(1, Math.ceil(P / 32));
  const nIn = b.inputs.reduce((s, x) => s + x.length, 0);
  const inWords = new Uint32Array(nIn * W);
  let base = 0;
  b.inputs.forEach((lits, o) => {
    const n = lits.length;
    for (let p = 0; p < P; p++) {
      const u = BigInt.asUintN(n, combos[p][o]);
      const mask = 1 << (p & 31);
      const at = p >>> 5;
      if (n <= 52) {
        // Number arithmetic is exact below 2^53 and much faster than BigInt.
        let x = Number(u);
        for (let i = 0; i < n && x > 0; i++, x = Math.floor(x / 2)) if (x % 2 === 1) inWords[(base + i) * W + at] |= mask;
      } else {
        for (let i = 0; i < n; i++) if ((u >> BigInt(i)) & 1n) inWords[(base + i) * W + at] |= mask;
      }
    }
    base += n;
  });
  // Inputs were created first and in operand order, so input index = flat bit index.
  const val = simulateAig(b.g, inWords, W);
  const bit = (l: Lit, p: number): number => ((val[(l >>> 1) * W + (p >>> 5)] >>> (p & 31)) & 1) ^ (l & 1);
  const value = (lits: readonly Lit[], p: number): bigint => {
    const n = lits.length;
    if (n === 0) return 0n;
    if (n <= 48) {
      let v = 0;
      for (let i = n - 1; i >= 0; i--) v = v * 2 + bit(lits[i], p);
      if (bit(lits[n - 1], p)) v -= 2 ** n;
      return BigInt(v);
    }
    let u = 0n;
    for (let i = n - 1; i >= 0; i--) u = (u << 1n) | BigInt(bit(lits[i], p));
    return BigInt.asIntN(n, u);
  };
  return { bit, value, patterns: P };
}

/** The structural invariants every word must keep (see src/aig/words.ts). */
export function expectCanonical(w: Word): void {
  expect(w.lo <= w.hi).toBe(true);
  expect(w.bits.length).toBe(signedWidth(w.lo, w.hi));
  const top = w.bits[w.bits.length - 1];
  if (w.lo >= 0n && w.bits.length > 0) expect(top).toBe(0);
  if (w.hi < 0n) expect(top).toBe(1);
  if (w.lo === w.hi) expect(w.bits.every((l) => l <= 1)).toBe(true);
}

/**
 * Build `f` over words for `ops`, simulate on `combos` and check the result
 * word equals `ref` and lies in its interval, for every combination.
 */
export function checkWordOp(ops: readonly Operand[], combos: readonly bigint[][], f: (g: Aig, ws: Word[]) => Word, ref: (vs: bigint[]) => bigint, label = ''): void {
  const b = makeBench(ops);
  const w = f(b.g, b.words);
  expectCanonical(w);
  const sim = simulateBench(b, combos);
  for (let p = 0; p < combos.length; p++) {
    const want = ref(combos[p]);
    const got = sim.value(w.bits, p);
    if (got !== want || got < w.lo || got > w.hi) {
      expect({ label, ops, inputs: combos[p], got, range: [w.lo, w.hi] }).toEqual({ label, ops, inputs: combos[p], got: want, range: [w.lo, w.hi] });
    }
  }
}

/** Like {@link checkWordOp} for generators that return one literal (comparisons). */
export function checkPredicate(ops: readonly Operand[], combos: readonly bigint[][], f: (g: Aig, ws: Word[]) => Lit, ref: (vs: bigint[]) => boolean, label = ''): void {
  const b = makeBench(ops);
  const l = f(b.g, b.words);
  const sim = simulateBench(b, combos);
  for (let p = 0; p < combos.length; p++) {
    const want = ref(combos[p]) ? 1 : 0;
    const got = sim.bit(l, p);
    if (got !== want) expect({ label, ops, inputs: combos[p], got }).toEqual({ label, ops, inputs: combos[p], got: want });
  }
}

/** Exhaustive combinations when they number at most `limit`, else `count` random ones. */
export function combosFor(ops: readonly Operand[], limit: number, count: number, seed: number): bigint[][] {
  const total = ops.reduce((s, o) => s * 2 ** o.bits, 1);
  return total <= limit ? allCombos(ops) : randomCombos(ops, count, seed);
}
