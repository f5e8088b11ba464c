import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Aig, FALSE, TRUE } from '../../src/aig/aig.js';
import {
  type Word,
  addWords,
  constWord,
  csdDigits,
  eqWords,
  geWords,
  gtWords,
  leWords,
  ltWords,
  makeWord,
  maxAll,
  maxWords,
  mulConst,
  muxWord,
  negWord,
  reluWord,
  shiftLeft,
  shiftRightFloor,
  signExtend,
  signedWidth,
  subWords,
  sumBitsModulo,
  sumWords,
  wordFromBits,
  zeroExtend,
} from '../../src/aig/words.js';
import { fullAdder, halfAdder } from '../../src/aig/compress.js';
import { accumulateWord, fitWord, requantizeTerms, requantizeWord, roundShiftWord, saturateWord, wrapWord } from '../../src/aig/rounding.js';
import { fitRange, requantize, roundShift } from '../../src/fixed/requantize.js';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES } from '../../src/fixed/types.js';
import { type Operand, allCombos, checkPredicate, checkWordOp, combosFor, expectCanonical, makeBench, randomCombos, simulateBench } from './harness.js';

const WIDTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const SIGNS = [false, true];
const operands: Operand[] = WIDTHS.flatMap((bits) => SIGNS.map((signed) => ({ bits, signed })));
const big = (x: bigint, y: bigint) => (x > y ? x : y);

/** All operand pairs of widths 1..12; exhaustive up to 2^13 combinations, else 200 random ones. */
function forAllPairs(run: (ops: Operand[], combos: bigint[][]) => void): void {
  let seed = 1;
  for (const a of operands) for (const b of operands) run([a, b], combosFor([a, b], 1 << 13, 200, seed++));
}

/** All single operands of widths 1..12, exhaustively. */
function forAllSingles(run: (ops: Operand[], combos: bigint[][]) => void): void {
  for (const a of operands) run([a], allCombos([a]));
}

describe('helpers', () => {
  test('signedWidth is the smallest two\'s complement width', () => {
    for (let lo = -70n; lo <= 70n; lo++) {
      for (let hi = lo; hi <= 70n; hi++) {
        const n = signedWidth(lo, hi);
        const fits = (m: number) => m === 0 ? lo === 0n && hi === 0n : lo >= -(1n << BigInt(m - 1)) && hi < 1n << BigInt(m - 1);
        expect(fits(n)).toBe(true);
        if (n > 0) expect(fits(n - 1)).toBe(false);
      }
    }
  });

  test('csdDigits recode c with non-adjacent digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }), (c) => {
        const d = csdDigits(c);
        expect(d.reduce((s, [k, x]) => s + BigInt(x) * (1n << BigInt(k)), 0n)).toBe(c);
        for (let i = 1; i < d.length; i++) expect(d[i][0] - d[i - 1][0]).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  test('constWord and makeWord are canonical', () => {
    for (let v = -300n; v <= 300n; v++) {
      const w = constWord(v);
      expectCanonical(w);
      const g = new Aig();
      const b = makeBench([{ bits: 1, signed: false }]);
      expect(simulateBench(b, [[0n]]).value(w.bits, 0)).toBe(v);
      void g;
    }
    const g = new Aig();
    const x = [g.addInput(), g.addInput(), g.addInput(), g.addInput()];
    expectCanonical(makeWord(x, 0n, 5n));
    expect(makeWord(x, 0n, 5n).bits).toEqual([x[0], x[1], x[2], FALSE]);
    expect(makeWord(x, -3n, -1n).bits).toEqual([x[0], x[1], TRUE]);
    // constant bits narrow the range: 1?0 unsigned-with-sign = [1, 3]... here x1 free
    const w = makeWord([TRUE, x[1], FALSE]);
    expect([w.lo, w.hi]).toEqual([1n, 3n]);
  });

  test('signExtend and zeroExtend widen (and truncate) raw bits', () => {
    const g = new Aig();
    const x = [g.addInput(), g.addInput(), g.addInput()];
    expect(signExtend(x, 5)).toEqual([x[0], x[1], x[2], x[2], x[2]]);
    expect(zeroExtend(x, 5)).toEqual([x[0], x[1], x[2], FALSE, FALSE]);
    expect(signExtend(x, 2)).toEqual([x[0], x[1]]);
    expect(zeroExtend(x, 2)).toEqual([x[0], x[1]]);
    expect(signExtend([], 2)).toEqual([FALSE, FALSE]);
    for (const signed of SIGNS) {
      const ops = [{ bits: 3, signed }];
      checkWordOp(ops, allCombos(ops), (_g, [w]) => wordFromBits((signed ? signExtend : zeroExtend)(w.bits.slice(0, 3), 7), true), ([v]) => v, 'extend');
    }
  });

  test('adders: node counts and truth tables', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
    const before = g.numAnds;
    const [s, co] = fullAdder(g, a, b, c);
    expect(g.numAnds - before).toBe(7);
    const g2 = new Aig();
    const [a2, b2] = [g2.addInput(), g2.addInput()];
    halfAdder(g2, a2, b2);
    expect(g2.numAnds).toBe(3);
    const [s1, c1] = fullAdder(g2, a2, b2, TRUE);
    expect(g2.numAnds).toBe(3); // shares the half adder's nodes
    const bench = { g, inputs: [[a], [b], [c]], words: [] as Word[] };
    const combos = allCombos([{ bits: 1, signed: false }, { bits: 1, signed: false }, { bits: 1, signed: false }]);
    const sim = simulateBench(bench, combos);
    combos.forEach(([x, y, z], p) => {
      expect(BigInt(sim.bit(s, p) + 2 * sim.bit(co, p))).toBe(x + y + z);
    });
    const sim2 = simulateBench({ g: g2, inputs: [[a2], [b2]], words: [] }, combos.slice(0, 4));
    combos.slice(0, 4).forEach(([x, y], p) => expect(BigInt(sim2.bit(s1, p) + 2 * sim2.bit(c1, p))).toBe(x + y + 1n));
  });
});

describe('binary generators, all widths 1..12', () => {
  test('add', () => forAllPairs((ops, cs) => checkWordOp(ops, cs, (g, [a, b]) => addWords(g, a, b), ([x, y]) => x + y, 'add')));
  test('sub', () => forAllPairs((ops, cs) => checkWordOp(ops, cs, (g, [a, b]) => subWords(g, a, b), ([x, y]) => x - y, 'sub')));
  test('max', () => forAllPairs((ops, cs) => checkWordOp(ops, cs, (g, [a, b]) => maxWords(g, a, b), ([x, y]) => big(x, y), 'max')));
  test('lt, le, gt, ge, eq', () =>
    forAllPairs((ops, cs) => {
      checkPredicate(ops, cs, (g, [a, b]) => ltWords(g, a, b), ([x, y]) => x < y, 'lt');
      checkPredicate(ops, cs, (g, [a, b]) => leWords(g, a, b), ([x, y]) => x <= y, 'le');
      checkPredicate(ops, cs, (g, [a, b]) => gtWords(g, a, b), ([x, y]) => x > y, 'gt');
      checkPredicate(ops, cs, (g, [a, b]) => geWords(g, a, b), ([x, y]) => x >= y, 'ge');
      checkPredicate(ops, cs, (g, [a, b]) => eqWords(g, a, b), ([x, y]) => x === y, 'eq');
    }));
  test('mux', () =>
    forAllPairs((ops, cs) => {
      const sel: Operand = { bits: 1, signed: false };
      const combos = cs.flatMap((c) => [[0n, ...c], [1n, ...c]]);
      checkWordOp([sel, ...ops], combos, (g, [s, a, b]) => muxWord(g, s.bits[0], a, b), ([s, x, y]) => (s ? x : y), 'mux');
    }));
});

describe('unary generators, all widths 1..12, exhaustive', () => {
  test('neg, relu', () =>
    forAllSingles((ops, cs) => {
      checkWordOp(ops, cs, (g, [a]) => negWord(g, a), ([x]) => -x, 'neg');
      checkWordOp(ops, cs, (g, [a]) => reluWord(g, a), ([x]) => big(x, 0n), 'relu');
    }));

  test('shifts', () =>
    forAllSingles((ops, cs) => {
      for (const k of [0, 1, 2, 5, 13]) {
        checkWordOp(ops, cs, (_g, [a]) => shiftLeft(a, k), ([x]) => x << BigInt(k), `shl ${k}`);
        checkWordOp(ops, cs, (_g, [a]) => shiftRightFloor(a, k), ([x]) => x >> BigInt(k), `sra ${k}`);
      }
    }));

  test('multiply by constants', () => {
    const consts = [0n, 1n, -1n, 2n, -2n, 3n, -3n, 5n, 7n, -7n, -8n, 11n, 127n, -128n, 255n, 1000n, -12345n];
    forAllSingles((ops, cs) => {
      for (const c of consts) checkWordOp(ops, cs, (g, [a]) => mulConst(g, a, c), ([x]) => x * c, `mul ${c}`);
    });
  });

  test('rounding right shift, every mode and shift 0..14, and left shifts', () =>
    forAllSingles((ops, cs) => {
      for (const mode of ROUNDING_MODES) {
        for (let s = -2; s <= 14; s++) {
          checkWordOp(ops, cs, (g, [a]) => roundShiftWord(g, a, s, mode), ([x]) => roundShift(x, s, mode), `${mode} ${s}`);
        }
      }
    }));

  test('accumulateWord on one word, every mode, relu or not, shifts -2..13 (exhaustive to 8 bits)', () =>
    operands.forEach((a, i) => {
      const ops = [a];
      const cs = combosFor(ops, 256, 200, i + 1).concat(extremes(ops));
      for (const mode of ROUNDING_MODES) {
        for (const relu of [false, true]) {
          for (const [c, k] of [[1n, 0n], [3n, -5n], [-7n, 2n]]) {
            for (let s = -2; s <= 13; s += 3) {
              checkWordOp(ops, cs, (g, [a]) => accumulateWord(g, [{ word: a, coeff: c }], k, relu, s, mode), ([x]) => {
                const acc = c * x + k;
                return roundShift(relu && acc < 0n ? 0n : acc, s, mode);
              }, `acc ${mode} ${relu} ${c} ${k} ${s}`);
            }
          }
        }
      }
    }));

  test('requantizeTerms on one word: every mode and overflow, shifts -3..9, to s3/u2 (exhaustive to 8 bits)', () =>
    operands.forEach((a, i) => {
      const ops = [a];
      const cs = combosFor(ops, 256, 200, i + 7).concat(extremes(ops));
      const types: FixedType[] = [
        { signed: true, bits: 3, frac: 0 },
        { signed: false, bits: 2, frac: 0 },
      ];
      for (const rounding of ROUNDING_MODES) {
        for (const overflow of OVERFLOW_MODES) {
          for (const type of types) {
            for (const relu of [false, true]) {
              for (let s = -3; s <= 9; s += 3) {
                checkWordOp(ops, cs, (g, [w]) => requantizeTerms(g, [{ word: w, coeff: -3n }], 5n, { relu, shift: s, rounding, type, overflow }), ([x]) => {
                  const acc = -3n * x + 5n;
                  return requantize(relu && acc < 0n ? 0n : acc, s, type, rounding, overflow);
                }, `rq ${rounding} ${overflow} ${JSON.stringify(type)} ${relu} ${s}`);
              }
            }
          }
        }
      }
    }));

  test('saturate and wrap to every type of 1..6 bits', () => {
    const types: FixedType[] = [1, 2, 3, 4, 6].flatMap((bits) => SIGNS.map((signed) => ({ signed, bits, frac: 0 })));
    forAllSingles((ops, cs) => {
      for (const t of types) {
        checkWordOp(ops, cs, (g, [a]) => saturateWord(g, a, t), ([x]) => fitRange(x, t, 'saturate'), `sat ${JSON.stringify(t)}`);
        checkWordOp(ops, cs, (_g, [a]) => wrapWord(a, t), ([x]) => fitRange(x, t, 'wrap'), `wrap ${JSON.stringify(t)}`);
      }
    });
  });
});

/** A word over fresh inputs of `bits` bits, claimed to lie in [lo, hi]; combos drawn from that interval. */
function narrowed(bits: number, lo: bigint, hi: bigint) {
  const ops: Operand[] = [{ bits, signed: true }];
  const combos: bigint[][] = [];
  for (let v = lo; v <= hi; v++) combos.push([v]);
  return { ops, combos, word: (w: Word) => makeWord(w.bits, lo, hi) };
}

describe('generators on words with narrowed intervals', () => {
  test('every interval of 6-bit values: relu, rounding, fit, requantize, sum', () => {
    const t: FixedType = { signed: true, bits: 3, frac: 0 };
    const u: FixedType = { signed: false, bits: 2, frac: 0 };
    for (let lo = -32n; lo < 32n; lo += 3n) {
      for (let hi = lo; hi < 32n; hi += 5n) {
        const n = narrowed(6, lo, hi);
        checkWordOp(n.ops, n.combos, (g, [a]) => reluWord(g, n.word(a)), ([x]) => big(x, 0n), 'relu');
        checkWordOp(n.ops, n.combos, (g, [a]) => sumWords(g, [{ word: n.word(a), coeff: -3n }], 7n), ([x]) => 7n - 3n * x, 'sum');
        for (const mode of ROUNDING_MODES) {
          for (const s of [1, 2, 3, 7]) checkWordOp(n.ops, n.combos, (g, [a]) => roundShiftWord(g, n.word(a), s, mode), ([x]) => roundShift(x, s, mode), mode);
        }
        for (const ty of [t, u]) {
          for (const o of OVERFLOW_MODES) checkWordOp(n.ops, n.combos, (g, [a]) => fitWord(g, n.word(a), ty, o), ([x]) => fitRange(x, ty, o), o);
        }
      }
    }
  });
});

/** Random operand of any width 1..maxBits. */
const operandArb = (maxBits: number) => fc.record({ bits: fc.integer({ min: 1, max: maxBits }), signed: fc.boolean() });

describe('wide random cases (fast-check)', () => {
  test('binary ops up to 64 bits', () => {
    fc.assert(
      fc.property(operandArb(64), operandArb(64), fc.integer(), (a, b, seed) => {
        const ops = [a, b];
        const cs = randomCombos(ops, 64, seed).concat(extremes(ops));
        checkWordOp(ops, cs, (g, [x, y]) => addWords(g, x, y), ([x, y]) => x + y);
        checkWordOp(ops, cs, (g, [x, y]) => subWords(g, x, y), ([x, y]) => x - y);
        checkWordOp(ops, cs, (g, [x, y]) => maxWords(g, x, y), ([x, y]) => big(x, y));
        checkPredicate(ops, cs, (g, [x, y]) => ltWords(g, x, y), ([x, y]) => x < y);
        checkPredicate(ops, cs, (g, [x, y]) => leWords(g, x, y), ([x, y]) => x <= y);
        checkPredicate(ops, cs, (g, [x, y]) => eqWords(g, x, y), ([x, y]) => x === y);
      }),
      { numRuns: 60 },
    );
  });

  test('unary ops up to 64 bits, rounding shifts up to 80, constants up to 2^40', () => {
    fc.assert(
      fc.property(
        operandArb(64),
        fc.bigInt({ min: -(1n << 40n), max: 1n << 40n }),
        fc.integer({ min: -10, max: 80 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.record({ signed: fc.boolean(), bits: fc.integer({ min: 1, max: 32 }), frac: fc.constant(0) }),
        fc.integer(),
        (a, c, s, mode, t, seed) => {
          const ops = [a];
          const cs = randomCombos(ops, 64, seed).concat(extremes(ops));
          checkWordOp(ops, cs, (g, [x]) => mulConst(g, x, c), ([x]) => x * c);
          checkWordOp(ops, cs, (g, [x]) => negWord(g, x), ([x]) => -x);
          checkWordOp(ops, cs, (g, [x]) => reluWord(g, x), ([x]) => big(x, 0n));
          checkWordOp(ops, cs, (g, [x]) => roundShiftWord(g, x, s, mode), ([x]) => roundShift(x, s, mode));
          for (const o of OVERFLOW_MODES) {
            checkWordOp(ops, cs, (g, [x]) => requantizeWord(g, x, s, t, mode, o), ([x]) => requantize(x, s, t, mode, o));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  test('multi-operand sums of mixed words and constants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operandArb(20), coeff: fc.bigInt({ min: -300n, max: 300n }) }), { minLength: 1, maxLength: 12 }),
        fc.bigInt({ min: -(1n << 30n), max: 1n << 30n }),
        fc.integer(),
        (terms, constant, seed) => {
          const ops = terms.map((t) => t.op);
          const cs = randomCombos(ops, 96, seed).concat(extremes(ops));
          checkWordOp(
            ops,
            cs,
            (g, ws) => sumWords(g, ws.map((word, i) => ({ word, coeff: terms[i].coeff })), constant),
            (vs) => vs.reduce((s, v, i) => s + v * terms[i].coeff, constant),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  test('sums shifted right: floor(sum / 2^shift) without the low bits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operandArb(12), coeff: fc.bigInt({ min: -40n, max: 40n }) }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: -(1n << 12n), max: 1n << 12n }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer(),
        (terms, constant, shift, seed) => {
          const ops = terms.map((t) => t.op);
          const cs = randomCombos(ops, 64, seed).concat(extremes(ops));
          checkWordOp(
            ops,
            cs,
            (g, ws) => sumWords(g, ws.map((word, i) => ({ word, coeff: terms[i].coeff })), constant, { shift }),
            (vs) => vs.reduce((s, v, i) => s + v * terms[i].coeff, constant) >> BigInt(shift),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  test('accumulateWord = roundShift(act(sum), shift, mode) for every mode', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operandArb(8), coeff: fc.bigInt({ min: -20n, max: 20n }) }), { minLength: 1, maxLength: 5 }),
        fc.bigInt({ min: -(1n << 10n), max: 1n << 10n }),
        fc.boolean(),
        fc.integer({ min: -3, max: 16 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.integer(),
        (terms, constant, relu, shift, mode, seed) => {
          const ops = terms.map((t) => t.op);
          const cs = randomCombos(ops, 96, seed).concat(extremes(ops));
          checkWordOp(
            ops,
            cs,
            (g, ws) => accumulateWord(g, ws.map((word, i) => ({ word, coeff: terms[i].coeff })), constant, relu, shift, mode),
            (vs) => {
              const acc = vs.reduce((s, v, i) => s + v * terms[i].coeff, constant);
              return roundShift(relu && acc < 0n ? 0n : acc, shift, mode);
            },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('sumBitsModulo: the low m bits of a sum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operandArb(12), coeff: fc.bigInt({ min: -40n, max: 40n }) }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: -(1n << 12n), max: 1n << 12n }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer(),
        (terms, constant, m, seed) => {
          const ops = terms.map((t) => t.op);
          const cs = randomCombos(ops, 64, seed).concat(extremes(ops));
          const b = makeBench(ops);
          const bits = sumBitsModulo(b.g, b.words.map((word, i) => ({ word, coeff: terms[i].coeff })), constant, m);
          expect(bits.length).toBe(m);
          const sim = simulateBench(b, cs);
          cs.forEach((vs, p) => {
            const want = BigInt.asUintN(m, vs.reduce((s, v, i) => s + v * terms[i].coeff, constant));
            expect(BigInt.asUintN(m, sim.value(bits, p))).toBe(want);
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('requantizeTerms = requantize(act(sum)) for every mode, overflow and type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operandArb(8), coeff: fc.bigInt({ min: -20n, max: 20n }) }), { minLength: 1, maxLength: 5 }),
        fc.bigInt({ min: -(1n << 10n), max: 1n << 10n }),
        fc.boolean(),
        fc.integer({ min: -6, max: 16 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.constantFrom(...OVERFLOW_MODES),
        fc.record({ signed: fc.boolean(), bits: fc.integer({ min: 1, max: 10 }), frac: fc.constant(0) }),
        fc.integer(),
        (terms, constant, relu, shift, rounding, overflow, type, seed) => {
          const ops = terms.map((t) => t.op);
          const cs = randomCombos(ops, 96, seed).concat(extremes(ops));
          checkWordOp(
            ops,
            cs,
            (g, ws) => requantizeTerms(g, ws.map((word, i) => ({ word, coeff: terms[i].coeff })), constant, { relu, shift, rounding, type, overflow }),
            (vs) => {
              const acc = vs.reduce((s, v, i) => s + v * terms[i].coeff, constant);
              return requantize(relu && acc < 0n ? 0n : acc, shift, type, rounding, overflow);
            },
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('maxAll of many words', () => {
    fc.assert(
      fc.property(fc.array(operandArb(10), { minLength: 1, maxLength: 9 }), fc.integer(), (ops, seed) => {
        const cs = randomCombos(ops, 64, seed).concat(extremes(ops));
        checkWordOp(ops, cs, (g, ws) => maxAll(g, ws), (vs) => vs.reduce(big));
      }),
      { numRuns: 60 },
    );
  });
});

/** Combinations of each operand's min, max, 0 and -1 (where in range). */
function extremes(ops: readonly Operand[]): bigint[][] {
  const pick = (o: Operand) => {
    const lo = o.signed ? -(1n << BigInt(o.bits - 1)) : 0n;
    const hi = o.signed ? (1n << BigInt(o.bits - 1)) - 1n : (1n << BigInt(o.bits)) - 1n;
    return [...new Set([lo, hi, 0n, o.signed ? -1n : 1n, lo + 1n > hi ? hi : lo + 1n])];
  };
  let out: bigint[][] = [[]];
  for (const o of ops) out = out.flatMap((p) => pick(o).map((v) => [...p, v])).slice(0, 256);
  return out;
}

describe('sizes: the generators waste no nodes on the easy cases', () => {
  test('comparisons with a constant cost one node per bit; relu one per value bit', () => {
    const b = makeBench([{ bits: 8, signed: true }]);
    const x = b.words[0];
    ltWords(b.g, x, constWord(37n));
    expect(b.g.numAnds).toBeLessThanOrEqual(8);
    const b2 = makeBench([{ bits: 8, signed: true }]);
    reluWord(b2.g, b2.words[0]);
    expect(b2.g.numAnds).toBe(7);
  });

  test('multiplying by a power of two or adding a zero word costs nothing', () => {
    const b = makeBench([{ bits: 8, signed: true }]);
    mulConst(b.g, b.words[0], 16n);
    mulConst(b.g, b.words[0], -1n * 0n);
    addWords(b.g, b.words[0], constWord(0n));
    expect(b.g.numAnds).toBe(0);
  });

  test('an n-bit by n-bit unsigned add is a ripple adder: n-1 full adders and one half adder', () => {
    const b = makeBench([
      { bits: 8, signed: false },
      { bits: 8, signed: false },
    ]);
    addWords(b.g, b.words[0], b.words[1]);
    expect(b.g.numAnds).toBe(7 * 7 + 3);
  });

  test('a constant sum is a constant word', () => {
    const b = makeBench([{ bits: 5, signed: true }]);
    const w = sumWords(b.g, [
      { word: b.words[0], coeff: 3n },
      { word: b.words[0], coeff: 0n },
    ], 0n, { known: { lo: 6n, hi: 6n } });
    expect(w.bits.every((l) => l <= 1)).toBe(true);
    expect(wordFromBits([TRUE, TRUE], true).lo).toBe(-1n);
    expect(wordFromBits([TRUE, FALSE], true).hi).toBe(1n);
  });
});
