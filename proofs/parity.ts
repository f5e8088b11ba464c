/**
 * The parity rule: a neuron whose bias parity differs from its fan-in never
 * sees a zero sum, so its output does not depend on the sign(0) convention.
 *
 * The sum of k terms +-1 has the parity of k (each term is odd), so
 * sum + b has the parity of k + b, which is odd when the parities differ,
 * and an odd integer is not 0. Checked two ways with Z3:
 * - for every k up to 64, on k free Boolean inputs with the neuron's sum
 *   written term by term (each a_i contributes +1 or -1) and a free bias of
 *   the other parity, "sum + b = 0" is unsat even modulo 2^w (w bits hold
 *   every sum), hence over the integers;
 * - for all k at once, in linear integer arithmetic: with t of k terms +1
 *   (sum = 2t - k, 0 <= t <= k), no bias of the other parity makes it 0.
 * @module
 */
import { checkSat, withZ3 } from '../src/smt/z3.js';
import { type Theorem, ensure } from './theorem.js';

/** Largest fan-in checked term by term. */
const MAX_K = 64;

/** The parity rule. */
export const parityRule: Theorem = {
  id: 'parity',
  statement: 'a neuron whose bias parity differs from its fan-in parity never has sum(w_i a_i) + b = 0 (every k, every such bias, every input)',
  method: 'Z3',
  check: () =>
    withZ3(async (z3) => {
      const { BitVec, Bool, If, Int, Solver } = z3.ctx;
      for (let k = 0; k <= MAX_K; k++) {
        const w = k.toString(2).length + 2;
        const b = BitVec.const('b', w);
        let sum = b;
        for (let i = 0; i < k; i++) sum = sum.add(If(Bool.const(`a${i}`), BitVec.val(1, w), BitVec.val(-1, w)) as typeof b);
        const s = new Solver();
        // the bias has the other parity: its lowest bit is 1 - (k mod 2)
        s.add(b.extract(0, 0).eq(BitVec.val(1 - (k % 2), 1)), sum.eq(BitVec.val(0, w)));
        const r = await checkSat(z3, s);
        ensure(r.status === 'unsat', `fan-in ${k}: Z3 says ${r.status} for a zero sum`);
      }
      const [t, kk, m] = [Int.const('t'), Int.const('k'), Int.const('m')];
      const all = new Solver();
      // sum = 2t - k; bias = 2m + 1 - k has the other parity; their total is 0?
      all.add(kk.ge(0), t.ge(0), t.le(kk), t.mul(2).sub(kk).add(m.mul(2).add(1).sub(kk)).eq(0));
      const r = await checkSat(z3, all);
      ensure(r.status === 'unsat', `symbolic fan-in: Z3 says ${r.status}`);
      return `term by term for every fan-in 0..${MAX_K} (any bias of the other parity), and symbolically for every fan-in`;
    }),
};
