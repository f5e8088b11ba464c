/**
 * The SAT fallback of a local claim too wide to enumerate: the claim's cone
 * (leaves free), the claim's negation built from the SMT encodings of the
 * fixed-point semantics over an AIG ({@link aigTerms}), and the project's
 * CDCL solver under a conflict limit. `unsat` proves the claim; `sat` refutes
 * it for some values of the leaves; running out of budget is `unknown`.
 * @module
 */
import { Aig, FALSE, type Lit, TRUE, not } from '../../aig/aig.js';
import type { TraceOp } from '../../bitblast/trace.js';
import { NeuronOp } from '../../bnn/simulate.js';
import { atLeast } from '../../bnn/to-aig.js';
import { AigCnf } from '../../sat/aig-cnf.js';
import { SatSolver } from '../../sat/solver.js';
import { sweepMiter } from '../sweep/fraig.js';
import { buildMiter } from '../sweep/miter.js';
import { fitRangeTerm, roundShiftTerm } from '../../smt/encode-fixed.js';
import { type IntTerm, constInt, greaterThanConst, lessThanConst, mulConst, rawToInt, relu, resizeMod, sumInts } from '../../smt/int-terms.js';
import type { TermBuilder } from '../../smt/terms.js';
import { type BitVector, aigTerms } from './aig-terms.js';
import { type AdderLits, type CheckOutcome, type OpCheck, type SameCheck, type SumCheck, type WordLits, deepening, sameAttempts } from './checks.js';
import type { ConeEvaluator } from './cone.js';
import type { ProofLit } from './proof-circuit.js';

/** Budget of one SAT fallback. */
export interface SatLimits {
  /** Most cone neurons encoded. */
  readonly maxCone: number;
  /** Conflicts per solver call. */
  readonly conflicts: number;
  /** `performance.now()` deadline in milliseconds. */
  readonly deadline?: number;
}

/** Defaults: cones of up to 200k neurons, 50k conflicts per call. */
export const SAT_LIMITS: SatLimits = { maxCone: 200_000, conflicts: 50_000 };

type T = TermBuilder<Lit, BitVector>;

/** The cone of one claim as AIG logic over fresh inputs for its leaves. */
class ConeAig {
  readonly g = new Aig(1024);
  readonly T: T = aigTerms(this.g);
  private readonly sig = new Map<number, Lit>();

  constructor(private readonly ev: ConeEvaluator) {
    const p = ev.p;
    for (const s of ev.leaves) this.sig.set(s, this.g.addInput(`s${s}`));
    for (const s of ev.neurons) {
      const n = s - p.numInputBits;
      const ls: Lit[] = [];
      for (let j = p.fanStart[n]; j < p.fanStart[n + 1]; j++) ls.push(this.lit(2 * p.src[j] + p.neg[j]));
      this.sig.set(s, atLeast(this.g, ls, p.threshold[n]));
    }
  }

  /** The AIG literal of a proof literal of the cone, its cut, or a constant. */
  lit(l: ProofLit): Lit {
    const s = l >>> 1;
    let x = this.sig.get(s);
    if (x === undefined) {
      const p = this.ev.p;
      const op = s >= p.numInputBits ? p.op[s - p.numInputBits] : -1;
      if (op === NeuronOp.Const0) x = FALSE;
      else if (op === NeuronOp.Const1) x = TRUE;
      else throw new Error(`sat-check: literal ${l} outside the cone`);
    }
    return (x ^ (l & 1)) as Lit;
  }

  /** A word's bits as an exact integer term (range: all values of its width). */
  int(w: WordLits): IntTerm<BitVector> {
    const m = w.bits.length;
    if (m === 0) return constInt(this.T, 0n);
    const half = 1n << BigInt(m - 1);
    return { v: w.bits.map((b) => this.lit(b)), lo: -half, hi: half - 1n };
  }

  /** lo <= x <= hi. */
  inRange(x: IntTerm<BitVector>, lo: bigint, hi: bigint): Lit {
    return this.T.and([not(lessThanConst(this.T, x, lo)), not(greaterThanConst(this.T, x, hi))]);
  }

  /** x = y as integers. */
  equal(x: IntTerm<BitVector>, y: IntTerm<BitVector>): Lit {
    const W = Math.max(x.v.length, y.v.length, 1);
    return this.T.bvEq(resizeMod(this.T, x, W), resizeMod(this.T, y, W));
  }
}

/** Decide an op or same claim with SAT (pair by pair for equalities). */
export function checkBySat(ev: ConeEvaluator, c: OpCheck | SameCheck, lim: SatLimits = SAT_LIMITS): CheckOutcome {
  switch (c.kind) {
    case 'same': {
      const p = c.pairs;
      for (let i = 0; i < p.length; i += 2) {
        const o = 2 * p[i];
        const l = p[i + 1];
        if (o === l) continue;
        const r = sameAttempts(c, l, (cut) => sweepSame(ev, o, l, cut, lim));
        if (r.result !== 'proved') return { ...r, detail: `bit ${i / 2}: ${r.detail}` };
      }
      return { result: 'proved' };
    }
    case 'op':
      return deepening(c, (cut, reads) => solve(ev, [...c.output.bits, ...reads], cut, lim, (q) => opViolation(q, c)));
  }
}

/**
 * o = l for all values of the cut, by SAT sweeping (the two cones are a BNN's
 * neurons and the bit-blaster's gates for the same function: sweeping proves
 * their internal points equal one by one, where one SAT call on the outputs
 * would struggle).
 */
function sweepSame(ev: ConeEvaluator, o: ProofLit, l: ProofLit, cut: readonly ProofLit[], lim: SatLimits): CheckOutcome {
  if (ev.prepare([o, l], cut, lim.maxCone, true)) return { result: 'unknown', tooLarge: true, detail: `cone of more than ${lim.maxCone} neurons` };
  const sides = [o, l].map((root) => {
    const q = new ConeAig(ev);
    q.g.addOutput(q.lit(root));
    return q.g;
  });
  const r = sweepMiter(buildMiter(sides[0], sides[1]), { deadline: lim.deadline });
  if (r.status === 'equivalent') return { result: 'proved' };
  if (r.status === 'different') return { result: 'refuted', detail: 'SAT sweeping found values of the cut signals where they differ' };
  return { result: 'unknown', detail: `SAT sweeping: ${r.reason}` };
}

/** An adder's relation at a cut, by SAT (see checkAdderAt). */
export function satAdderAt(ev: ConeEvaluator, adder: AdderLits, cut: readonly ProofLit[], lim: SatLimits): CheckOutcome {
  const [x, y, z, s, co] = adder;
  const outs = co >= 0 ? [s, co, x, y, z] : [s, x, y, z];
  return solve(
    ev,
    outs,
    cut,
    lim,
    (q) => {
      const [vx, vy, vz] = [q.lit(x), q.lit(y), q.lit(z)];
      const sumBad = q.g.xor(q.lit(s), q.g.xor(q.g.xor(vx, vy), vz));
      return co >= 0 ? q.T.or([sumBad, q.g.xor(q.lit(co), q.g.maj(vx, vy, vz))]) : sumBad;
    },
    true,
  );
}

/** The end claim of a compression at a replay state, by SAT (see checkSumAt). */
export function satSumAt(ev: ConeEvaluator, c: SumCheck, cut: readonly ProofLit[], lim: SatLimits): CheckOutcome {
  return solve(ev, [...c.output.bits, ...Array.from(c.lits)], cut, lim, (q) => sumViolation(q, c));
}

function solve(ev: ConeEvaluator, outputs: readonly ProofLit[], cut: readonly ProofLit[], lim: SatLimits, violation: (q: ConeAig) => Lit, reachedOnly = false): CheckOutcome {
  if (ev.prepare(outputs, cut, lim.maxCone, reachedOnly)) return { result: 'unknown', tooLarge: true, detail: `cone of more than ${lim.maxCone} neurons` };
  if (cut.length > 0 && ev.escapes(cut).length > 0) return { result: 'unknown', open: true, detail: 'its cone does not close at the cut' };
  const q = new ConeAig(ev);
  const bad = violation(q);
  if (bad === FALSE) return { result: 'proved' };
  const solver = new SatSolver();
  const cnf = new AigCnf(q.g, solver);
  const r = solver.solve(Int32Array.of(cnf.lit(bad)), { conflictLimit: lim.conflicts, deadline: lim.deadline });
  if (r === 'unsat') return { result: 'proved' };
  if (r === 'sat') return { result: 'refuted', detail: 'SAT found values of the cut signals that violate it' };
  return { result: 'unknown', budget: true, detail: `SAT gave up after ${solver.stats.conflicts} conflicts` };
}

/** Some inputs in their intervals, and the output is not the operation's value inside its interval. */
function opViolation(q: ConeAig, c: OpCheck): Lit {
  const T = q.T;
  const xs = c.inputs.map((w) => q.int(w));
  const assume = xs.map((x, i) => q.inRange(x, c.inputs[i].lo, c.inputs[i].hi));
  const ref = reference(T, c.op, xs);
  const out = q.int(c.output);
  const ok = T.and([q.equal(out, ref), q.inRange(out, c.output.lo, c.output.hi)]);
  return T.and([...assume, not(ok)]);
}

/** The meaning of a word operation as a term (src/smt encodings). */
function reference(T: T, op: TraceOp, xs: readonly IntTerm<BitVector>[]): IntTerm<BitVector> {
  switch (op.kind) {
    case 'max':
      return xs.reduce((m, x) => {
        const W = Math.max(m.v.length, x.v.length, 1);
        const a = resizeMod(T, m, W);
        const b = resizeMod(T, x, W);
        return { v: T.bvIte(T.bvSlt(a, b), b, a), lo: m.lo > x.lo ? m.lo : x.lo, hi: m.hi > x.hi ? m.hi : x.hi };
      });
    case 'requantize': {
      const acc = sumInts(T, [...xs.map((x, i) => mulConst(T, x, op.coeffs[i])), constInt(T, op.constant)]);
      return requantizeInt(T, op, acc);
    }
  }
}

/** fitRange(roundShift(act(acc), shift, rounding), type, overflow) as an exact integer term. */
function requantizeInt(T: T, op: Extract<TraceOp, { kind: 'requantize' }>, acc: IntTerm<BitVector>): IntTerm<BitVector> {
  const r = roundShiftTerm(T, op.relu ? relu(T, acc) : acc, op.shift, op.rounding);
  return rawToInt(T, fitRangeTerm(T, r, op.type, op.overflow), op.type);
}

/** Some column bits give an accumulator in [lo, hi] whose rounding is not the output. */
function sumViolation(q: ConeAig, c: SumCheck): Lit {
  const T = q.T;
  let u = T.bvConst(c.k, c.n);
  c.lits.forEach((l, i) => {
    const j = c.cols[i];
    const v = T.bvConst(0n, c.n).slice();
    v[j] = q.lit(l);
    u = T.bvAdd(u, v);
  });
  const d = T.bvSub(u, T.bvConst(c.offset + c.lo, c.n));
  const acc = sumInts(T, [{ v: T.bvZeroExt(d, 1), lo: 0n, hi: (1n << BigInt(c.n)) - 1n }, constInt(T, c.lo)]);
  const valid = not(greaterThanConst(T, acc, c.hi));
  if (c.op.kind !== 'requantize') throw new Error('sat-check: a sum check of a non-requantize operation');
  const ref = requantizeInt(T, c.op, acc);
  const out = q.int(c.output);
  const ok = T.and([q.equal(out, ref), q.inRange(out, c.output.lo, c.output.hi)]);
  return T.and([valid, not(ok)]);
}
