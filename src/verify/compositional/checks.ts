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
 * Full and half adders: for each, a + b + c = s + 2 * co. Packed as
 * [a, b, c, s, co] per adder; co = -1 when the carry leaves the sum's width,
 * and then only a + b + c = s (mod 2) is claimed.
 */
export interface AddersCheck {
  readonly kind: 'adders';
  readonly adders: Int32Array;
}

/**
 * The end of a column-compressed sum: with u = (sum of 2^col * lit over the
 * remaining column bits + k) mod 2^n, and acc the least integer in [lo, hi]
 * with acc = u - offset (mod 2^n), the output word is evalTraceOp(op, [acc])
 * (`op`: the element arithmetic with one coefficient 1 and constant 0),
 * inside its interval. acc is the only candidate when 2^n > hi - lo; else
 * the caller has established that op's value depends on acc mod 2^n only.
 */
export interface SumCheck {
  readonly kind: 'sum';
  readonly lits: Int32Array;
  readonly cols: Int32Array;
  readonly k: bigint;
  readonly n: number;
  readonly offset: bigint;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly op: TraceOp;
  readonly output: WordLits;
  /** Deeper cuts to retry with when the claim fails at its own (see {@link OpCheck.deeper}). */
  readonly deeper: readonly (readonly ProofLit[])[];
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
  readonly cut: readonly ProofLit[];
}

/** Any local claim. */
export type LocalCheck = AddersCheck | SumCheck | OpCheck | SameCheck;

/** Outcome of one check: a verdict and, when not proved, why. */
export interface CheckOutcome {
  readonly result: 'proved' | 'refuted' | 'unknown';
  readonly detail?: string;
  /** For `unknown` because the cone or the enumeration is too large (a fallback may help). */
  readonly tooLarge?: boolean;
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

/** Check one claim by enumerating its cone's leaves. */
export function checkExhaustively(ev: ConeEvaluator, sem: OpSemantics, c: LocalCheck, lim: ExhaustiveLimits = EXHAUSTIVE_LIMITS): CheckOutcome {
  switch (c.kind) {
    case 'adders':
      return checkAdders(ev, c, lim);
    case 'same':
      return checkSame(ev, c, lim);
    case 'op':
      return deepening(c, (cut, read) => checkWords(ev, lim, c.output, cut, read, (r) => opPredicate(sem, c, r)));
    case 'sum':
      return deepening(c, (cut, read) => checkWords(ev, lim, c.output, cut, read, (r) => sumPredicate(sem, c, r)));
  }
}

/** The literals a word claim reads besides its output. */
export function claimInputs(c: OpCheck | SumCheck): ProofLit[] {
  return c.kind === 'op' ? c.inputs.flatMap((w) => w.bits) : Array.from(c.lits);
}

/**
 * Try a word claim at its own cut, then at each deeper cut while it is
 * refuted (or too large, which a deeper cut does not cure: stop there).
 */
export function deepening(c: OpCheck | SumCheck, attempt: (cut: readonly ProofLit[], reads: readonly ProofLit[]) => CheckOutcome): CheckOutcome {
  const reads = claimInputs(c);
  let r = attempt(reads, reads);
  for (const cut of c.deeper) {
    if (r.result !== 'refuted') break;
    const again = attempt(cut, reads);
    r = again.result === 'refuted' ? { ...again, detail: `${r.detail} (also with a deeper cut)` } : again;
  }
  return r;
}

/** Prepare a cone within the limits, or say why not. */
function prepare(ev: ConeEvaluator, outputs: readonly ProofLit[], cut: readonly ProofLit[], lim: ExhaustiveLimits, reachedOnly = false): CheckOutcome | undefined {
  const f = ev.prepare(outputs, cut, lim.maxCone, reachedOnly);
  if (f) return { result: 'unknown', tooLarge: true, detail: `cone of more than ${lim.maxCone} neurons` };
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

/** Rounds of cut widening before an adder's claim counts as failed. */
const WIDEN_ROUNDS = 3;

/**
 * Each adder's relation, on the cone of its outputs cut at its inputs. The
 * adder's inputs are free there, but they may be correlated in the circuit
 * (structural hashing can make one input another adder's carry of the same
 * bits, and the adder's gates then reuse that carry's gates); when the
 * relation fails for free inputs, the cut is widened by replacing inputs
 * that earlier adders produced with those adders' inputs, a few times.
 */
function checkAdders(ev: ConeEvaluator, c: AddersCheck, lim: ExhaustiveLimits): CheckOutcome {
  const a = c.adders;
  const producer = new Map<number, number>(); // signal of an adder output -> adder offset
  for (let i = 0; i < a.length; i += 5) {
    const [x, y, z, s, co] = [a[i], a[i + 1], a[i + 2], a[i + 3], a[i + 4]];
    const outs = co >= 0 ? [s, co] : [s];
    let cut = [x, y, z];
    let r: CheckOutcome | undefined;
    for (let round = 0; ; round++) {
      r = checkAdder(ev, x, y, z, s, co, outs, cut, lim);
      if (r.result === 'proved' || round === WIDEN_ROUNDS) break;
      const wider = cut.flatMap((l) => {
        const p = producer.get(l >>> 1);
        return p === undefined ? [l] : [a[p], a[p + 1], a[p + 2]];
      });
      if (wider.length === cut.length && wider.every((l, k) => l === cut[k])) break;
      cut = wider;
    }
    if (r.result !== 'proved') return { ...r, detail: `adder ${i / 5} (literals ${x}, ${y}, ${z} -> ${s}, ${co}): ${r.detail}` };
    for (const l of outs) if (!producer.has(l >>> 1)) producer.set(l >>> 1, i);
  }
  return PROVED;
}

function checkAdder(ev: ConeEvaluator, x: ProofLit, y: ProofLit, z: ProofLit, s: ProofLit, co: ProofLit, outs: ProofLit[], cut: ProofLit[], lim: ExhaustiveLimits): CheckOutcome {
  const stop = prepare(ev, [...outs, x, y, z], cut, lim);
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
    const stop = prepareSame(ev, o, l, c.cut, lim);
    if (stop) return { ...stop, detail: `bit ${i / 2}: ${stop.detail}` };
    const bad = sweep(ev, (w) => ((ev.litWord(o, w) ^ ev.litWord(l, w)) !== 0 ? 'differs' : undefined));
    if (bad) return { result: 'refuted', detail: `bit ${i / 2}: signal ${p[i]} differs from its tensor bit` };
  }
  return PROVED;
}

/** 2^i, exact in doubles for i < 64. */
const POW2 = Float64Array.from({ length: 64 }, (_, i) => 2 ** i);

/** Fan-in explored to find where the cones of two equal signals meet. */
const MEET_LIMIT = 4096;

/**
 * The cone on which `o = l` is checked. First cut at l's own signal (a chain
 * of buffers and inverters closes there); else cut where the two cones meet
 * (their common signals: a twin neuron and its original share their
 * sources); else at the given cut (the inputs of the word's producer).
 */
function prepareSame(ev: ConeEvaluator, o: ProofLit, l: ProofLit, cut: readonly ProofLit[], lim: ExhaustiveLimits): CheckOutcome | undefined {
  if (!prepare(ev, [o], [l], lim) && ev.escapes([l]).length === 0) return undefined;
  const a = ev.fanin([o], MEET_LIMIT);
  const b = a && ev.fanin([l], MEET_LIMIT);
  if (a && b) {
    const inA = new Set(a);
    const meet = b.filter((s) => inA.has(s) && s !== o >>> 1 && s !== l >>> 1).map((s) => 2 * s);
    if (!prepare(ev, [o, l], meet, lim, true)) return undefined;
  }
  return prepare(ev, [o, l], cut, lim, true);
}

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
): CheckOutcome {
  const stop = prepare(ev, [...output.bits, ...reads], cut, lim);
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
