/**
 * From the checked dataflow to the local claims of each obligation.
 *
 * One obligation per trace entry the dataflow uses (claim 1 for it), plus
 * one per output tensor (the BNN's output port bits are the tensor's bits).
 *
 * A `requantize` entry (a dot product: dozens of input words, far too wide
 * to enumerate, then activation, rounding and range fit) is split along the
 * adder structure the bit-blaster logged for its accumulator sum:
 * (a) bookkeeping, checked here symbolically: the bits dropped into the
 *     columns, weighted 2^column, plus the constant, equal
 *     sum(coeff_i * in_i) + constant + offset as polynomials in the proof
 *     literals, modulo 2^n (each variable's coefficient and the constant
 *     agree mod 2^n), for one constant offset (the rounding constant folded
 *     in by the bit-blaster);
 * (b) each adder, on the proof circuit: a + b + c = sum + 2 * carry for all
 *     values of a, b, c (a carry leaving the width: the parity only); so
 *     replaying the adders keeps "weighted column bits + k = acc + offset
 *     (mod 2^n)" true for the circuit's values;
 * (c) the end: over all values of the bits left in the columns, the output
 *     word is the element arithmetic R(acc) for the acc in the exact
 *     accumulator interval [lo, hi] congruent to their weighted sum minus the
 *     offset: unique when 2^n > hi - lo; otherwise R must depend on acc mod
 *     2^n only, which holds for wrap without ReLU and a rounding that
 *     commutes with adding multiples of 2^shift (floor, ceil, half-up,
 *     half-down, half-even; any mode for shift <= 0) when n - shift >= bits:
 *     adding 2^n to acc adds 2^(n - shift), a multiple of 2^bits, to the
 *     rounded value, which wrapping removes.
 * (a)-(c) give claim 1 for the entry. When any step does not apply, the
 * entry is checked as one word operation instead (exhaustive or SAT).
 * @module
 */
import type { Aig, Lit } from '../../aig/aig.js';
import { type CompressionLog, SUM_NOT_BUILT } from '../../aig/compress.js';
import { type Word, wordBit } from '../../aig/words.js';
import { type TraceEntry, type TraceOp, evalTraceOp } from '../../bitblast/trace.js';
import { fitRange, roundShift } from '../../fixed/requantize.js';
import type { Bnn } from '../../bnn/types.js';
import type { Network } from '../../network/types.js';
import type { LocalCheck, WordLits } from './checks.js';
import type { CompressionCheck, WordValues } from './compression.js';
import type { WindowData } from './window.js';
import type { Dataflow } from './dataflow.js';
import type { AigMap, ProofBuilder, ProofLit } from './proof-circuit.js';
import { mod } from './semantics.js';

/** An obligation: a stable id, what it claims, and the local checks that prove it. */
export interface Job {
  readonly id: string;
  readonly claim: string;
  readonly checks: readonly LocalCheck[];
  /** A single claim that implies all of `checks`, tried when they fail. */
  readonly fallback?: LocalCheck;
  /** Why the obligation is checked the slow way, if it is. */
  readonly note?: string;
  /** Set when the obligation was decided while it was built (no checks then). */
  readonly decided?: { readonly result: 'proved' | 'refuted' | 'unknown'; readonly detail: string; readonly method: string };
}

/** Proof literals and interval of a word. */
function lits(am: AigMap, w: Word): WordLits {
  return { bits: w.bits.map((l) => am.lit(l)), lo: w.lo, hi: w.hi };
}

/** How many producer levels deeper cuts reach back. */
const DEEPER_LEVELS = 3;

/** The entry that produced each word (by its literals), first producer first. */
function producers(df: Dataflow): Map<string, TraceEntry> {
  const producer = new Map<string, TraceEntry>();
  for (const { entry } of df.used) {
    const key = entry.output.bits.join(',');
    if (!producer.has(key)) producer.set(key, entry);
  }
  return producer;
}

/** The jobs of every used trace entry. */
export function entryJobs(df: Dataflow, am: AigMap, pb: ProofBuilder): Job[] {
  const producer = producers(df);
  const images: Images = { of: new Map(), budget: IMAGE_BUDGET };
  return df.used.map(({ id, entry }) => {
    const claim = `${entry.layer}: ${describe(entry.op)} of ${entry.tensor}[${entry.element}] is exact on the BNN`;
    const deeper = deeperCuts(entry, producer, am);
    const whole = opCheck(entry, am, deeper);
    if (entry.op.kind !== 'requantize') return { id, claim, checks: [whole] };
    const r = requantizeJob(entry, am, pb, deeper, inputValues(entry, producer, images, am));
    if (typeof r === 'string') return { id, claim, checks: [whole], note: r };
    // Should the adder route fail (correlated cut signals), the whole operation is tried too.
    return { id, claim, ...r, fallback: whole };
  });
}

/**
 * Cuts at the inputs of the entries that produced e's input words, then at
 * theirs, and so on (network input words stay): see {@link OpCheck.deeper}.
 */
function deeperCuts(e: TraceEntry, producer: ReadonlyMap<string, TraceEntry>, am: AigMap): ProofLit[][] {
  const cuts: ProofLit[][] = [];
  let words: readonly Word[] = e.inputs;
  for (let level = 0; level < DEEPER_LEVELS; level++) {
    let changed = false;
    const next = words.flatMap((w) => {
      const key = w.bits.join(',');
      const p = producer.get(key);
      if (!p || p === e || p.inputs.some((x) => x.bits.join(',') === key)) return [w];
      changed = true;
      return p.inputs;
    });
    if (!changed) break;
    words = next;
    cuts.push([...new Set(words.flatMap((w) => w.bits.map((b) => am.lit(b))))]);
  }
  return cuts;
}

function describe(op: TraceOp): string {
  switch (op.kind) {
    case 'requantize': {
      const t = op.type;
      return `requantize (${op.coeffs.length} terms${op.relu ? ', relu' : ''}, shift ${op.shift}, ${op.rounding}, ${t.signed ? 's' : 'u'}${t.bits}.${t.frac}, ${op.overflow})`;
    }
    case 'max':
      return 'max';
  }
}

function opCheck(e: TraceEntry, am: AigMap, deeper: ProofLit[][]): LocalCheck {
  return { kind: 'op', op: e.op, inputs: e.inputs.map((w) => lits(am, w)), output: lits(am, e.output), deeper };
}

type RequantizeOp = Extract<TraceOp, { kind: 'requantize' }>;

/** Exact interval of sum(coeffs * inputs) + constant. */
function accRange(e: TraceEntry): [bigint, bigint] {
  const op = e.op as RequantizeOp;
  let lo = op.constant;
  let hi = op.constant;
  e.inputs.forEach((w, i) => {
    const c = op.coeffs[i];
    lo += c >= 0n ? c * w.lo : c * w.hi;
    hi += c >= 0n ? c * w.hi : c * w.lo;
  });
  return [lo, hi];
}

/**
 * Checks of a requantize entry, or a decision made here, or a string when
 * the adder route does not apply (the caller then checks the whole op).
 */
function requantizeJob(e: TraceEntry, am: AigMap, pb: ProofBuilder, deeper: ProofLit[][], inputValues: WordValues[]): Pick<Job, 'checks'> | Pick<Job, 'checks' | 'decided'> | string {
  const op = e.op as RequantizeOp;
  const [lo, hi] = accRange(e);
  const out = lits(am, e.output);
  if (out.bits.every((b) => b === pb.FALSE || b === pb.TRUE)) {
    const decided = constantRequantize(op, lo, hi, out, pb);
    if (decided) return decided;
  }
  const main = e.compressions?.[0];
  if (!main) return 'no adder log';
  const full = main.columns.length;
  if (full === 0) return 'an empty sum';
  // Where R(acc) depends on acc mod 2^m only (wrap), the columns from m up cannot change the
  // output: the sum is claimed modulo 2^m, and the adders of those columns are left out.
  const m = Math.max(1, op.shift + op.type.bits);
  const n = m < full && periodic(op, m) ? m : full;
  if (1n << BigInt(n) <= hi - lo && !periodic(op, n)) return `${n} columns cannot hold the range`;
  const offset = bookkeeping(e, main, am, pb, n);
  if (offset === undefined) return 'the columns are not the weighted input bits';
  const replay = replayAdders(main, am, pb, n);
  if (typeof replay === 'string') return replay;
  const post: RequantizeOp = { ...op, coeffs: [1n], constant: 0n };
  const check: CompressionCheck = {
    kind: 'compression',
    n,
    initLits: Int32Array.from(replay.initLits),
    initCols: Int32Array.from(replay.initCols),
    k: mod(main.constant, 1n << BigInt(n)),
    adders: Int32Array.from(replay.adders),
    FALSE: pb.FALSE,
    TRUE: pb.TRUE,
    offset,
    lo,
    hi,
    op: post,
    output: out,
    deeper,
    window: windowOf(e, main, am.aig, n),
    inputValues,
  };
  return { checks: [check] };
}

/** Largest accumulator interval whose image is enumerated, and largest image kept. */
const IMAGE_ACCS = 1 << 16;
const IMAGE_VALUES = 1 << 12;
/** Accumulator values enumerated for images in one plan (about 0.4 µs each); past it, words stay unconstrained. */
const IMAGE_BUDGET = 1 << 20;

/** Images of the producers computed so far, and the enumeration budget left. */
interface Images {
  readonly of: Map<TraceEntry, number[] | undefined>;
  budget: number;
}

/**
 * The values e's input words can hold, where they are fewer than their
 * intervals: a word made by a requantize entry p of the proof holds
 * R_p(acc) for an acc in p's accumulator interval (claim 1 for p, on every
 * input), so it lies in the image of R_p over that interval, computed with
 * requantize.ts. A left shift (accumulator frac below the output frac)
 * leaves gaps: only multiples of 2^-shift, and the saturated ends.
 */
function inputValues(e: TraceEntry, producer: ReadonlyMap<string, TraceEntry>, images: Images, am: AigMap): WordValues[] {
  const out: WordValues[] = [];
  for (const w of e.inputs) {
    const p = producer.get(w.bits.join(','));
    if (!p || p === e || p.op.kind !== 'requantize') continue;
    if (!images.of.has(p)) images.of.set(p, imageOf(p, images));
    const values = images.of.get(p);
    if (values && BigInt(values.length) < w.hi - w.lo + 1n) out.push({ bits: w.bits.map((b) => am.lit(b)), values });
  }
  return out;
}

/** {R_p(acc) : acc in p's accumulator interval}, ascending, or undefined when too large to list. */
function imageOf(p: TraceEntry, images: Images): number[] | undefined {
  const op = p.op as RequantizeOp;
  const [lo, hi] = accRange(p);
  if (hi - lo >= BigInt(Math.min(IMAGE_ACCS, images.budget))) return undefined;
  images.budget -= Number(hi - lo) + 1;
  const post: RequantizeOp = { ...op, coeffs: [1n], constant: 0n };
  const values = new Set<bigint>();
  for (let acc = lo; acc <= hi; acc++) values.add(evalTraceOp(post, [acc]));
  if (values.size > IMAGE_VALUES || [...values].some((v) => v < p.output.lo || v > p.output.hi)) return undefined;
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(Number);
}

/**
 * The bit-blaster's circuit of a requantize entry: the AND nodes below its
 * output bits and its adders' outputs, down to the initial column bits and
 * the input words' bits (see window.ts). Its adders are those of the
 * columns below n, like the check's.
 */
function windowOf(e: TraceEntry, main: CompressionLog, g: Aig, n: number): WindowData {
  const stop = new Set<number>();
  for (const col of main.columns) for (const l of col) stop.add(l >>> 1);
  for (const w of e.inputs) for (const l of w.bits) stop.add(l >>> 1);
  const roots: number[] = [...e.output.bits];
  for (let i = 0; i < main.adders.length; i += 6) roots.push(main.adders[i + 4], main.adders[i + 5]);
  const seen = new Set<number>();
  const stack = roots.map((l) => l >>> 1).filter((v) => v > 0);
  while (stack.length) {
    const v = stack.pop()!;
    if (v <= 0 || seen.has(v) || stop.has(v) || !g.isAnd(v)) continue;
    seen.add(v);
    stack.push(g.fanin0[v] >>> 1, g.fanin1[v] >>> 1);
  }
  const vars = Int32Array.from([...seen].sort((a, b) => a - b));
  return {
    vars,
    f0: Int32Array.from(vars, (v) => g.fanin0[v]),
    f1: Int32Array.from(vars, (v) => g.fanin1[v]),
    init: Int32Array.from(main.columns.flat()),
    adders: Int32Array.from(addersBelow(main.adders, n)),
    out: Int32Array.from(e.output.bits),
  };
}

/**
 * Whether R(acc) depends on acc mod 2^n only (see the module comment, (c)):
 * wrap, no ReLU, n - shift >= bits, and for shift > 0 a rounding with
 * roundShift(x + m * 2^shift) = roundShift(x) + m for even m.
 */
function periodic(op: RequantizeOp, n: number): boolean {
  const invariant = op.shift <= 0 || ['floor', 'ceil', 'half-up', 'half-down', 'half-even'].includes(op.rounding);
  return op.overflow === 'wrap' && !op.relu && invariant && n - op.shift >= op.type.bits;
}

/**
 * A constant output word c: claim 1 holds when P(acc) = roundShift(act(acc))
 * takes one value on all of [lo, hi] and fitRange of it is c. P is monotone
 * non-decreasing (ReLU is, and every rounding mode of x / 2^s is), so
 * P(lo) = P(hi) suffices. When that fails the claim may still hold (the
 * input bits may not reach every value of their intervals): undefined, and
 * the caller checks it bit by bit.
 */
function constantRequantize(op: RequantizeOp, lo: bigint, hi: bigint, out: WordLits, pb: ProofBuilder): Pick<Job, 'checks' | 'decided'> | undefined {
  let c = 0n;
  out.bits.forEach((b, i) => {
    if (b === pb.TRUE) c += i === out.bits.length - 1 ? -(1n << BigInt(i)) : 1n << BigInt(i);
  });
  const P = (acc: bigint) => roundShift(op.relu && acc < 0n ? 0n : acc, op.shift, op.rounding);
  if (P(lo) !== P(hi) || fitRange(P(lo), op.type, op.overflow) !== c || c < out.lo || c > out.hi) return undefined;
  return { checks: [], decided: { result: 'proved', detail: `constant ${c}: the accumulator's interval [${lo}, ${hi}] rounds to one value`, method: 'interval' } };
}

/** A linear polynomial over proof signals: coefficient per signal, plus a constant. */
class Poly {
  readonly coeff = new Map<number, bigint>();
  constant = 0n;
  constructor(private readonly pb: ProofBuilder) {}
  /** Add c * value(l). */
  add(l: ProofLit, c: bigint): void {
    if (l === this.pb.FALSE) return;
    if (l === this.pb.TRUE) {
      this.constant += c;
      return;
    }
    const s = l >>> 1;
    if (l & 1) {
      this.constant += c; // value(!x) = 1 - x
      c = -c;
    }
    this.coeff.set(s, (this.coeff.get(s) ?? 0n) + c);
  }
}

/**
 * Step (a): the offset c with columns + k = sum(coeff_i * in_i) + constant + c
 * (mod 2^n) as polynomials, or undefined when no such constant exists.
 */
function bookkeeping(e: TraceEntry, main: CompressionLog, am: AigMap, pb: ProofBuilder, n: number): bigint | undefined {
  const op = e.op as RequantizeOp;
  const m = 1n << BigInt(n);
  const p = new Poly(pb);
  main.columns.forEach((col, j) => {
    for (const l of col) p.add(am.lit(l), 1n << BigInt(j));
  });
  p.constant += main.constant;
  e.inputs.forEach((w, i) => {
    const c = op.coeffs[i];
    w.bits.forEach((b, t) => p.add(am.lit(b), -c * (t === w.bits.length - 1 ? -(1n << BigInt(t)) : 1n << BigInt(t))));
  });
  p.constant -= op.constant;
  for (const v of p.coeff.values()) if (mod(v, m) !== 0n) return undefined;
  return mod(p.constant, m);
}

/**
 * The logged adders (six numbers each, column first) of the columns below n:
 * an adder reads and writes its column and the next, so those of the higher
 * columns never feed the lower ones.
 */
function addersBelow(a: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 6) if (a[i] < n) for (let k = 0; k < 6; k++) out.push(a[i + k]);
  return out;
}

/** Step (b) as data: the initial column bits and the adders, as proof literals. */
interface Replay {
  readonly initLits: number[];
  readonly initCols: number[];
  /** Six per adder: column, a, b, c, sum, carry. */
  readonly adders: number[];
}

/**
 * Map the logged adders onto proof literals and replay them on column
 * multisets, to make sure each consumes bits its column holds (else the log
 * does not describe this sum). A sum the adder did not build becomes a ghost
 * XOR, so the relation of its carry is still checked.
 */
function replayAdders(main: CompressionLog, am: AigMap, pb: ProofBuilder, n: number): Replay | string {
  if (n >= 128) return `${n} columns`;
  const cols = Array.from({ length: n }, () => new Map<ProofLit, number>());
  const put = (j: number, l: ProofLit) => {
    if (j < n && l !== pb.FALSE && l !== pb.TRUE) cols[j].set(l, (cols[j].get(l) ?? 0) + 1);
  };
  const initLits: number[] = [];
  const initCols: number[] = [];
  main.columns.forEach((col, j) =>
    col.forEach((l) => {
      const x = am.lit(l);
      initLits.push(x);
      initCols.push(j);
      put(j, x);
    }),
  );
  const adders: number[] = [];
  const a = addersBelow(main.adders, n);
  for (let i = 0; i < a.length; i += 6) {
    const j = a[i];
    const ins = [am.lit(a[i + 1] as Lit), am.lit(a[i + 2] as Lit), am.lit(a[i + 3] as Lit)];
    for (const l of ins) {
      if (l === pb.FALSE || l === pb.TRUE) continue;
      const c = cols[j].get(l);
      if (!c) return `adder ${i / 6} takes a bit column ${j} does not hold`;
      if (c === 1) cols[j].delete(l);
      else cols[j].set(l, c - 1);
    }
    const s = a[i + 4] === SUM_NOT_BUILT ? pb.ghostXor(pb.ghostXor(ins[0], ins[1]), ins[2]) : am.lit(a[i + 4] as Lit);
    const co = am.lit(a[i + 5] as Lit);
    put(j, s);
    put(j + 1, co);
    adders.push(j, ins[0], ins[1], ins[2], s, co);
  }
  return { initLits, initCols, adders };
}

/**
 * One job per network output: the BNN's port bits are the tensor's bits
 * (element k, bit i: bit i of the element word, sign-extended).
 */
export function outputJobs(net: Network, bnn: Bnn, df: Dataflow, am: AigMap): Job[] {
  const producer = producers(df);
  return net.outputs.map((name, p) => {
    const id = `outputs/${name}`;
    const claim = `output port ${name} of the BNN carries the bits of tensor ${name}`;
    const words = df.words.get(name);
    const port = bnn.outputs[p];
    const B = net.tensors.get(name)!.type.bits;
    if (!words || !port || port.bits.length !== words.length * B) {
      return { id, claim, checks: [], decided: { result: 'unknown', detail: words ? 'port width differs' : 'tensor not established by the dataflow', method: 'glue' } };
    }
    const checks: LocalCheck[] = words.map((w, k) => {
      const pairs: number[] = [];
      for (let i = 0; i < B; i++) pairs.push(port.bits[k * B + i], am.lit(wordBit(w, i)));
      // Cuts for bits that are not buffer copies: the producer's inputs, deeper ones, then the network inputs.
      const p = producer.get(w.bits.join(','));
      const cuts = p ? [[...new Set(p.inputs.flatMap((x) => x.bits.map((b) => am.lit(b))))], ...deeperCuts(p, producer, am)] : [];
      return { kind: 'same', pairs: Int32Array.from(pairs), cuts: [...cuts, []] };
    });
    return { id, claim, checks };
  });
}
