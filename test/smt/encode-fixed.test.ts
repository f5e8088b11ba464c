import { afterAll, describe, expect, it } from 'vitest';
import { requantize, roundShift } from '../../src/fixed/requantize.js';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES, formatType, maxRaw, minRaw } from '../../src/fixed/types.js';
import { requantizeTerm, roundShiftTerm } from '../../src/smt/encode-fixed.js';
import { rawToInt } from '../../src/smt/int-terms.js';
import { type Z3BitVec, z3Terms } from '../../src/smt/z3-terms.js';
import { getZ3, shutdownZ3 } from '../../src/smt/z3.js';

afterAll(shutdownZ3);

/** One claim: for every raw x of type `t`, term(x) = table(x). */
interface Claim {
  readonly label: string;
  readonly t: FixedType;
  readonly term: (x: Z3BitVec) => Z3BitVec;
  readonly table: (v: bigint) => bigint;
}

/**
 * Prove every claim with Z3, one query per claim (one query for all of them
 * is much slower: the solver then searches a disjunction): the table (from
 * the reference semantics) becomes an if-then-else chain of constants over
 * the claim's input x, and "term differs from table" must be unsat. On sat,
 * name the claim and the raw value that differs.
 */
async function proveAll(claims: readonly Claim[]): Promise<void> {
  const z3 = await getZ3();
  const T = z3Terms(z3);
  for (const c of claims) {
    const x = z3.ctx.BitVec.const('x', c.t.bits);
    const got = c.term(x);
    const w = got.size();
    let want: Z3BitVec = T.bvConst(c.table(minRaw(c.t)), w);
    for (let v = minRaw(c.t) + 1n; v <= maxRaw(c.t); v++) want = T.bvIte(T.bvEq(x, T.bvConst(v, c.t.bits)), T.bvConst(c.table(v), w), want);
    const s = new z3.ctx.Solver();
    s.add(got.neq(want));
    const r = await s.check();
    if (r === 'sat') expect.fail(`${c.label}: differs at raw bits ${(s.model().eval(x, true) as Z3BitVec & { value(): bigint }).value()}`);
    expect(r, c.label).toBe('unsat');
  }
}

const types: FixedType[] = [];
for (const signed of [true, false]) for (const bits of [1, 3, 6]) types.push({ signed, bits, frac: 0 });

describe('rounding as bit-vector terms', () => {
  for (const mode of ROUNDING_MODES) {
    it(`${mode} equals roundShift for every value of small types and shifts -2..9`, async () => {
      const T = z3Terms(await getZ3());
      const claims: Claim[] = [];
      for (const t of types) {
        for (const s of [-2, 0, 1, 2, 3, 5, 9]) {
          claims.push({
            label: `${mode} ${formatType(t)} shift ${s}`,
            t,
            // compared as 24-bit two's complement, sign-extended from the term's own width
            term: (x) => {
              const r = roundShiftTerm(T, rawToInt(T, x, t), s, mode);
              return T.bvSignExt(r.v, 24 - T.bvWidth(r.v));
            },
            table: (v) => roundShift(v, s, mode),
          });
        }
      }
      await proveAll(claims);
    });
  }
});

describe('requantize as bit-vector terms', () => {
  const outs: FixedType[] = [
    { signed: true, bits: 1, frac: 0 },
    { signed: true, bits: 3, frac: 1 },
    { signed: false, bits: 1, frac: -1 },
    { signed: false, bits: 3, frac: 2 },
  ];
  for (const overflow of OVERFLOW_MODES) {
    it(`${overflow}: equals requantize for every value, rounding mode and small output type`, async () => {
      const T = z3Terms(await getZ3());
      const claims: Claim[] = [];
      for (const t of [types[2], types[4]]) {
        for (const out of outs) {
          for (const rounding of ROUNDING_MODES) {
            for (const accFrac of [0, 2]) {
              claims.push({
                label: `${formatType(t)} acc frac ${accFrac} -> ${formatType(out)} ${rounding} ${overflow}`,
                t,
                term: (x) => requantizeTerm(T, rawToInt(T, x, t), accFrac, out, rounding, overflow),
                table: (v) => requantize(v, accFrac, out, rounding, overflow),
              });
            }
          }
        }
      }
      await proveAll(claims);
    });
  }
});
