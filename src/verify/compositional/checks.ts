/**
 * The local claims of the compositional prover, as plain data (so they can
 * be sent to worker threads), and their exhaustive check on cones of the
 * proof circuit.
 *
 * Every claim is universally quantified over the leaves of its cone (see
 * cone.ts), and the integer meaning of every word operation comes from
 * {@link evalTraceOp}, i.e. from src/fixed/requantize.ts, the semantics the
 * reference interpreter uses.
 * @module
 */
import type { TraceOp } from '../../bitblast/trace.js';
import type { CompressionCheck } from './compression.js';
import type { ConeEvaluator } from './cone.js';
import type { ProofLit } from './proof-circuit.js';
import { OpSemantics, checkSafe, mod } from './semantics.js';

/** A word of the proof circuit: two's complement proof literals and an interval. */
export interface WordLits {
  readonly bits: readonly ProofLit[];
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * The end of a column-compressed sum (checked at a cut given with it, where
 * the column bits are free or computed): with u = (sum of 2^col * lit over the
 * remaining column bits + k) mod 2^n, and acc the least integer in [lo, hi]
 * with acc = u - offset (mod 2^n), the output word is evalTraceOp(op, [acc])
 * (`op`: the element arithmetic with one coefficient 1 and constant 0),
 * inside its interval. acc is the only candidate when 2^n > hi - lo; else
 * the caller has established that op's value depends on acc mod 2^n only.
 */
export interface SumCheck {
  readonly kind: 'sum';
  /** Column bits (a replay state of the compression) and their columns. */
  readonly lits: Int32Array;
  readonly cols: Int32Array;
  readonly k: bigint;
  readonly n: number;
  readonly offset: bigint;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly op: TraceOp;
  readonly output: WordLits;
}

/** A word operation: for all inputs in their intervals, output = evalTraceOp(op, inputs), inside its interval. */
export interface OpCheck {
  readonly kind: 'op';
  readonly op: TraceOp;
  readonly inputs: readonly WordLits[];
  readonly output: WordLits;
  /**
   * Deeper cuts (the inputs of the operations that produced the inputs, and
   * so on), tried in order when the claim fails with the input bits free:
   * structural hashing can tie an operation's gates to the logic computing
   * its inputs, and then some values of the free input bits never occur.
   * With a deeper cut the input words are computed, not free; the claim is
   * the same relation between input and output words.
   */
  readonly deeper: readonly (readonly ProofLit[])[];
}

/** BNN signals equal to proof literals: pairs [signal, literal]; cones cut at `cut`. */
export interface SameCheck {
  readonly kind: 'same';
  readonly pairs: Int32Array;
  /**
   * Cuts to try, in order, after the literal's own signal (where chains of
   * buffers and inverters close): typically the inputs of the word's
   * producer, deeper producers' inputs, and finally none (the network
   * inputs), where the two cones cannot disagree spuriously.
   */
  readonly cuts: readonly (readonly ProofLit[])[];
}

/** Any local claim. */
export type LocalCheck = CompressionCheck | OpCheck | SameCheck;

/** Outcome of one check: a verdict and, when not proved, why. */
export interface CheckOutcome {
  readonly result: 'proved' | 'refuted' | 'unknown';
  readonly detail?: string;
  /** For `unknown` because the cone or the enumeration is too large (a fallback may help). */
  readonly tooLarge?: boolean;
  /** For `unknown` because the cone does not close at the cut (it reaches other network inputs). */
  readonly open?: boolean;
  /** For `unknown` because a SAT call ran out of conflicts (a larger budget may decide it). */
  readonly budget?: boolean;
}

/** Limits of exhaustive checking. */
export interface ExhaustiveLimits {
  /** Most free variables enumerated. */
  readonly maxLeaves: number;
  /** Most cone neurons. */
  readonly maxCone: number;
  /** Most (cone neurons x words) simulated. */
  readonly maxWork: number;
}

/** Defaults: 2^16 patterns at most (beyond that SAT is faster), cones of up to 50k neurons. */
export const EXHAUSTIVE_LIMITS: ExhaustiveLimits = { maxLeaves: 16, maxCone: 50_000, maxWork: 1 << 26 };

/** Words simulated at a time. */
const CHUNK = 256;

const PROVED: CheckOutcome = { result: 'proved' };

/** Check an op or same claim by enumerating its cone's leaves (compressions: see compression.ts). */
export function checkExhaustively(ev: ConeEvaluator, sem: OpSemantics, c: OpCheck | SameCheck, lim: ExhaustiveLimits = EXHAUSTIVE_LIMITS): CheckOutcome {
  switch (c.kind) {
    case 'same':
      return checkSame(ev, c, lim);
    case 'op':
      return deepening(c, (cut, read) => checkWords(ev, lim, c.output, cut, read, (r) => opPredicate(sem, c, r)));
  }
}

/** The end claim of a compression at one replay state (all its bits are free signals). */
export function checkSumAt(ev: ConeEvaluator, sem: OpSemantics, c: SumCheck, cut: readonly ProofLit[], lim: ExhaustiveLimits): CheckOutcome {
  return checkWords(ev, lim, c.output, cut, Array.from(c.lits), (r) => sumPredicate(sem, c, r), true);
}

/** The literals a word claim reads besides its output. */
export function claimInputs(c: OpCheck): ProofLit[] {
  return c.inputs.flatMap((w) => w.bits);
}

/**
 * Try a word claim at its own cut, then at each deeper cut while it is
 * refuted (or too large, which a deeper cut does not cure: stop there).
 */
export function deepening(c: OpCheck, attempt: (cut: readonly ProofLit[], reads: readonly ProofLit[]) => CheckOutcome): CheckOutcome {
  const reads = claimInputs(c);
  let r = attempt(reads, reads);
  for (const cut of c.deeper) {
    if (r.result !== 'refuted' && !r.open) break;
    const again = attempt(cut, reads);
    r = again.result === 'refuted' ? { ...again, detail: `${r.detail} (also with a deeper cut)` } : again;
  }
  return r;
}

/** Prepare a cone within the limits, or say why not. */
function prepare(ev: ConeEvaluator, outputs: readonly ProofLit[], cut: readonly ProofLit[], lim: ExhaustiveLimits, reachedOnly = false, closedOnly = false): CheckOutcome | undefined {
  const f = ev.prepare(outputs, cut, lim.maxCone, reachedOnly);
  if (f) return { result: 'unknown', tooLarge: true, detail: `cone of more than ${lim.maxCone} neurons` };
  if (closedOnly && ev.escapes(cut).length > 0) return { result: 'unknown', open: true, detail: 'its cone does not close at the cut' };
  if (ev.numLeaves > lim.maxLeaves) return { result: 'unknown', tooLarge: true, detail: `${ev.numLeaves} free signals (limit ${lim.maxLeaves})` };
  if (ev.neurons.length * ev.totalWords > lim.maxWork) return { result: 'unknown', tooLarge: true, detail: `${ev.neurons.length} neurons x 2^${ev.numLeaves} patterns` };
  return undefined;
}

/** Run `perWord(w)` over all simulated words, chunk by chunk; stops at the first failure message. */
function sweep(ev: ConeEvaluator, perWord: (w: number, first: number) => string | undefined): string | undefined {
  const total = ev.totalWords;
  for (let first = 0; first < total; first += CHUNK) {
    const count = Math.min(CHUNK, total - first);
    ev.simulate(first, count);
    for (let w = 0; w < count; w++) {
      const bad = perWord(w, first + w);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** An adder: inputs a, b, c, sum s, carry co (-1: the carry leaves the width, only the parity is claimed). */
export type AdderLits = readonly [ProofLit, ProofLit, ProofLit, ProofLit, number];

/**
 * a + b + c = s + 2 * co for every value of the cut's signals the cone of
 * s, co (and a, b, c, computed when not in the cut) reaches; `open` when the
 * cone reaches network inputs outside the cut.
 */
export function checkAdderAt(ev: ConeEvaluator, adder: AdderLits, cut: readonly ProofLit[], lim: ExhaustiveLimits): CheckOutcome {
  const [x, y, z, s, co] = adder;
  const outs = co >= 0 ? [s, co, x, y, z] : [s, x, y, z];
  const stop = prepare(ev, outs, cut, lim, true, true);
  if (stop) return stop;
  const bad = sweep(ev, (w) => {
    const vx = ev.litWord(x, w), vy = ev.litWord(y, w), vz = ev.litWord(z, w);
    if ((ev.litWord(s, w) ^ vx ^ vy ^ vz) !== 0) return 'wrong sum bit';
    if (co >= 0 && (ev.litWord(co, w) ^ ((vx & vy) | (vz & (vx | vy)))) >>> 0 !== 0) return 'wrong carry bit';
    return undefined;
  });
  return bad ? { result: 'refuted', detail: `${bad} for some values of the cut` } : PROVED;
}

function checkSame(ev: ConeEvaluator, c: SameCheck, lim: ExhaustiveLimits): CheckOutcome {
  const p = c.pairs;
  for (let i = 0; i < p.length; i += 2) {
    const o = 2 * p[i];
    const l = p[i + 1];
    if (o === l) continue; // the same literal
    const r = sameAttempts(c, l, (cut) => {
      const stop = prepare(ev, [o, l], cut, lim, true);
      if (stop) return stop;
      const bad = sweep(ev, (w) => ((ev.litWord(o, w) ^ ev.litWord(l, w)) !== 0 ? 'differs' : undefined));
      return bad ? { result: 'refuted', detail: `signal ${p[i]} differs from its tensor bit for some values of the cut` } : PROVED;
    });
    if (r.result !== 'proved') return { ...r, detail: `bit ${i / 2}: ${r.detail}` };
  }
  return PROVED;
}

/**
 * Try `attempt` at the cuts of a same-check in order (l's own signal first)
 * until one proves it. A refutation at a cut may be spurious (the cut's
 * signals may be correlated), so the next cut is tried; a cut too large to
 * decide ends the attempts (deeper cuts are larger still).
 */
export function sameAttempts(c: SameCheck, l: ProofLit, attempt: (cut: readonly ProofLit[]) => CheckOutcome): CheckOutcome {
  let r: CheckOutcome = { result: 'unknown', detail: 'no cut tried' };
  for (const cut of [[l], ...c.cuts]) {
    r = attempt(cut);
    if (r.result === 'proved' || r.tooLarge) return r;
  }
  return r;
}

/** 2^i, exact in doubles for i < 64. */
const POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** i);

/** Per pattern: undefined (not a case of the claim), true (holds) or what went wrong. */
type Predicate = (lane: LaneReader) => boolean | string | undefined;

/**
 * Reads values of one lane of the current simulated word. The literals a
 * predicate reads are registered up front ({@link index}), and their words
 * are fetched once per simulated word ({@link load}), not once per lane.
 */
export class LaneReader {
  lane = 0;
  private readonly lits: ProofLit[] = [];
  private cache = new Uint32Array(0);
  constructor(private readonly ev: ConeEvaluator) {}
  /** Register literals; returns their indices for {@link bit} and {@link value}. */
  index(ls: readonly ProofLit[]): Int32Array {
    const out = Int32Array.from(ls, (l) => this.lits.push(l) - 1);
    this.cache = new Uint32Array(this.lits.length);
    return out;
  }
  /** Fetch the words of every registered literal for simulated word w. */
  load(w: number): void {
    for (let i = 0; i < this.lits.length; i++) this.cache[i] = this.ev.litWord(this.lits[i], w);
  }
  bit(i: number): number {
    return (this.cache[i] >>> this.lane) & 1;
  }
  /** Two's complement value of a word (registered indices; a safe integer: width checked by the caller). */
  value(bits: Int32Array): number {
    const m = bits.length;
    if (m === 0) return 0;
    const c = this.cache;
    const lane = this.lane;
    let v = 0;
    for (let i = 0; i < m - 1; i++) v += ((c[bits[i]] >>> lane) & 1) * POW2[i];
    return v - ((c[bits[m - 1]] >>> lane) & 1) * POW2[m - 1];
  }
}

/** Check a predicate over every pattern of the cone of `output` cut at `cut`. */
function checkWords(
  ev: ConeEvaluator,
  lim: ExhaustiveLimits,
  output: WordLits,
  cut: readonly ProofLit[],
  reads: readonly ProofLit[],
  make: (r: LaneReader) => Predicate | string,
  closedOnly = false,
): CheckOutcome {
  const stop = prepare(ev, [...output.bits, ...reads], cut, lim, false, closedOnly);
  if (stop) return stop;
  const r = new LaneReader(ev);
  const pred = make(r);
  if (typeof pred === 'string') return { result: 'unknown', tooLarge: true, detail: pred };
  const lanes = ev.numLeaves >= 5 ? 32 : 2 ** ev.numLeaves;
  const bad = sweep(ev, (w) => {
    r.load(w);
    for (let j = 0; j < lanes; j++) {
      r.lane = j;
      const ok = pred(r);
      if (typeof ok === 'string') return ok;
    }
    return undefined;
  });
  return bad ? { result: 'refuted', detail: bad } : PROVED;
}

/** The word claim of a word operation, pattern by pattern. */
function opPredicate(sem: OpSemantics, c: OpCheck, r: LaneReader): Predicate | string {
  const words = [...c.inputs, c.output];
  const unsafe = words.find((w) => !checkSafe(w));
  if (unsafe) return `a word of ${unsafe.bits.length} bits is too wide for exhaustive checking`;
  const los = c.inputs.map((w) => Number(w.lo));
  const his = c.inputs.map((w) => Number(w.hi));
  const olo = Number(c.output.lo);
  const ohi = Number(c.output.hi);
  const vals = new Array<number>(c.inputs.length);
  const ins = c.inputs.map((w) => r.index(w.bits));
  const outBits = r.index(c.output.bits);
  return () => {
    for (let i = 0; i < ins.length; i++) {
      const v = r.value(ins[i]);
      if (v < los[i] || v > his[i]) return undefined;
      vals[i] = v;
    }
    const want = sem.eval(c.op, vals);
    const got = r.value(outBits);
    if (got !== want) return `inputs ${vals.join(', ')}: output ${got}, expected ${want}`;
    if (got < olo || got > ohi) return `inputs ${vals.join(', ')}: output ${got} outside [${olo}, ${ohi}]`;
    return true;
  };
}

/** The end-of-sum claim, pattern by pattern. */
function sumPredicate(sem: OpSemantics, c: SumCheck, r: LaneReader): Predicate | string {
  if (c.n > 40 || !checkSafe(c.output) || !checkSafe({ lo: c.lo, hi: c.hi })) return `a ${c.n}-bit sum is too wide for exhaustive checking`;
  const size = 2 ** c.n;
  const k = Number(mod(c.k, BigInt(size)));
  const off = Number(mod(c.offset + c.lo, BigInt(size)));
  const lo = Number(c.lo);
  const hi = Number(c.hi);
  const olo = Number(c.output.lo);
  const ohi = Number(c.output.hi);
  const weights = Array.from(c.cols, (j) => 2 ** j);
  const lits = r.index(Array.from(c.lits));
  const outBits = r.index(c.output.bits);
  return () => {
    let u = k;
    for (let i = 0; i < lits.length; i++) if (r.bit(lits[i])) u += weights[i];
    // acc = lo + ((u - offset - lo) mod 2^n); exact in doubles: u < 2^46 (at most 20 leaves, n <= 40).
    let d = (u - off) % size;
    if (d < 0) d += size;
    const acc = lo + d;
    if (acc > hi) return undefined;
    const want = sem.requant(c.op, acc);
    const got = r.value(outBits);
    if (got !== want) return `accumulator ${acc}: output ${got}, expected ${want}`;
    if (got < olo || got > ohi) return `accumulator ${acc}: output ${got} outside [${olo}, ${ohi}]`;
    return true;
  };
}
