/**
 * The bit-blaster's own circuit for one requantize operation (its "window":
 * the AND nodes from the accumulator's column bits up to the output word), as
 * a second route to the end claim of a compression when the BNN merged the
 * last adders into its output logic.
 *
 * A BNN whose neurons cover several gates (strategy `threshold`) may compute
 * the output word straight from bits several adders before the final column
 * bits, so the only cut where its cone closes is a wide replay state S, and
 * the end claim over S (output = R(acc), acc from the sum of S's bits) is an
 * adder-tree-against-arithmetic miter that SAT finds hard. The window splits
 * it into three easy claims, for all values of their free signals:
 * - E3: the BNN's output bits equal the window's output bits computed from
 *   S (two circuits of the same structure: SAT sweeping);
 * - E2: each window adder between S and the final state is an adder;
 * - E1: the window's output from its final column bits is R(acc) (a few
 *   bits: exhaustive).
 * Given the invariant at S (sum of S's bits = acc + offset mod 2^n, from the
 * adder claims already proved on the BNN), E2 carries it to the window's final
 * bits, E1 gives the window's output, E3 the BNN's. The window is only ever
 * fed values, never trusted: every step is checked.
 *
 * E3 ranges over the values of S that the operation's input words can
 * produce: where S holds bits of an input word with fewer values than its
 * bits (a word made by a requantize holds a value of that arithmetic's
 * image, e.g. only even values and the saturated maximum after a left
 * shift), those bits are not free but decoded from fresh variables, one
 * code per value the word can hold. A BNN whose mapper saw the word's
 * producer (a cut across the layer boundary) may be simpler than the window
 * on the other values (a constant neuron where the window has
 * "bit 0 and not bit 2" of a word that is only ever even or 15), so E3 with
 * those bits free would be false. On every network input the state's
 * values are among those decoded (the words hold their values), which is all
 * the argument needs.
 * @module
 */
import { Aig, FALSE, type Lit, TRUE } from '../../aig/aig.js';
import { simulateAig } from '../../aig/simulate.js';
import { atLeast } from '../../bnn/to-aig.js';
import { buildMiter } from '../sweep/miter.js';
import { sweepMiter } from '../sweep/fraig.js';
import type { CheckOutcome, SumCheck, WordLits } from './checks.js';
import type { WordValues } from './compression.js';
import type { ConeEvaluator } from './cone.js';
import type { ProofLit } from './proof-circuit.js';
import { type OpSemantics, mod } from './semantics.js';

/** The window of one operation, in the bit-blast's AIG literals. */
export interface WindowData {
  /** AND nodes (variables) in topological order, with their fanin literals. */
  readonly vars: Int32Array;
  readonly f0: Int32Array;
  readonly f1: Int32Array;
  /** AIG literal of each initial column bit (parallel to the check's initial bits). */
  readonly init: Int32Array;
  /** Six per adder: column, a, b, c, sum (-1: not built), carry, as AIG literals. */
  readonly adders: Int32Array;
  /** AIG literals of the output word's bits. */
  readonly out: Int32Array;
}

/** A bit of a replay state: its proof literal and window literal (-1: a sum that was never built). */
export interface WindowBit {
  readonly lit: ProofLit;
  readonly w: number;
  readonly col: number;
}

/** What the end claim is about: the sum check's claim, without its column bits. */
export type EndClaim = Pick<SumCheck, 'n' | 'offset' | 'lo' | 'hi' | 'op' | 'output'>;

/** Most final column bits E1 enumerates. */
const E1_BITS = 20;

/**
 * The end claim through the window, from replay state `state` (with constant
 * k): the final state minus the adders `redo` (ascending), which the window
 * replays. `state` should be a cut where the BNN's cone of the output bits
 * closes.
 */
export function endThroughWindow(ev: ConeEvaluator, sem: OpSemantics, win: WindowData, claim: EndClaim, state: readonly WindowBit[], redo: readonly number[], k: bigint, words: readonly WordValues[] = []): CheckOutcome {
  const e3 = sameOutputs(ev, win, claim.output, state, words);
  if (e3.result !== 'proved') return { ...e3, detail: `window: the BNN's output is not the window's: ${e3.detail}` };
  // E2 and the replay of the window from S to the final state.
  const bits = state.map((b) => ({ w: b.w, col: b.col }));
  let kk = k;
  const a = win.adders;
  for (const t of redo) {
    const j = a[6 * t];
    const ins = [a[6 * t + 1], a[6 * t + 2], a[6 * t + 3]];
    for (const l of ins) {
      if (l === FALSE) continue;
      if (l === TRUE) {
        kk -= 1n << BigInt(j);
        continue;
      }
      const i = bits.findIndex((b) => b.w === l && b.col === j);
      if (i < 0) return { result: 'unknown', detail: `window: adder ${t} takes a bit the state does not hold` };
      bits.splice(i, 1);
    }
    const s = a[6 * t + 4];
    const co = a[6 * t + 5];
    if (s >= 0 && !adderHolds(win, ins, s, j + 1 < claim.n ? co : -1)) return { result: 'refuted', detail: `window: adder ${t} is not an adder` };
    for (const [l, col] of [
      [s, j],
      [co, j + 1],
    ] as const) {
      if (col >= claim.n || l === FALSE) continue;
      if (l === TRUE) kk += 1n << BigInt(col);
      else bits.push({ w: l, col }); // a sum never built (-1) stays a free bit: nothing reads it
    }
  }
  return finalClaim(sem, win, claim, bits, mod(kk, 1n << BigInt(claim.n)));
}

/** A local AIG of window nodes above a cut (window variable -> local literal). */
function copyWindow(win: WindowData, g: Aig, cut: Map<number, Lit>): boolean {
  for (let i = 0; i < win.vars.length; i++) {
    const v = win.vars[i];
    if (cut.has(v)) continue;
    const a = cut.get(win.f0[i] >>> 1);
    const b = cut.get(win.f1[i] >>> 1);
    if (a === undefined || b === undefined) continue; // below the cut or unreachable from it
    cut.set(v, g.and((a ^ (win.f0[i] & 1)) as Lit, (b ^ (win.f1[i] & 1)) as Lit));
  }
  return true;
}

/** A window (AIG) literal in a local AIG: constants stay, variables through the map. */
const litOf = (m: Map<number, Lit>, l: number): Lit | undefined => (l === FALSE || l === TRUE ? (l as Lit) : m.get(l >>> 1) === undefined ? undefined : ((m.get(l >>> 1)! ^ (l & 1)) as Lit));

/** A proof literal in a local AIG, through a map from signals. */
const proofLitOf = (m: Map<number, Lit>, l: ProofLit): Lit | undefined => (m.get(l >>> 1) === undefined ? undefined : ((m.get(l >>> 1)! ^ (l & 1)) as Lit));

/**
 * How the state's signals are given values in E3: `free` ones are inputs;
 * each group (the state's bits of one input word with fewer values than
 * bits) is decoded from k fresh inputs by truth tables, code c giving the
 * word's pattern number min(c, patterns - 1).
 */
interface StatePlan {
  readonly free: readonly number[];
  readonly groups: readonly { readonly k: number; readonly signals: readonly number[]; readonly tables: readonly Uint8Array[] }[];
}

/** Most state signals of one word that are decoded together. */
const GROUP_SIGNALS = 16;

/**
 * The plan for the state's signals: a word's signals are decoded from the
 * patterns its values give them (every position of a signal agreeing), when
 * those are not all patterns; a signal belongs to one group at most.
 */
function statePlan(signals: readonly number[], words: readonly WordValues[]): StatePlan {
  const inState = new Set(signals);
  const left = new Set(signals);
  const groups: { k: number; signals: number[]; tables: Uint8Array[] }[] = [];
  for (const w of words) {
    const pos = new Map<number, number[]>();
    let taken = false;
    w.bits.forEach((l, j) => {
      const s = l >>> 1;
      if (!inState.has(s)) return;
      if (!left.has(s)) taken = true;
      let list = pos.get(s);
      if (!list) pos.set(s, (list = []));
      list.push(j);
    });
    if (taken || pos.size === 0 || pos.size > GROUP_SIGNALS) continue;
    const sigs = [...pos.keys()];
    const size = 2 ** w.bits.length;
    const patterns = new Set<number>();
    for (const v of w.values) {
      const u = ((v % size) + size) % size; // two's complement bits of v
      let pat = 0;
      let ok = true;
      sigs.forEach((sg, i) => {
        const vals = pos.get(sg)!.map((j) => (Math.floor(u / 2 ** j) & 1) ^ (w.bits[j] & 1));
        if (vals.some((x) => x !== vals[0])) ok = false;
        pat |= vals[0] << i;
      });
      if (ok) patterns.add(pat);
    }
    // No value fits (the word cannot be what it claims): leave its signals free.
    if (patterns.size === 0 || patterns.size === 2 ** sigs.length) continue;
    const list = [...patterns].sort((x, y) => x - y);
    const k = Math.ceil(Math.log2(list.length));
    const tables = sigs.map((_, i) => Uint8Array.from({ length: 2 ** k }, (_, c) => (list[Math.min(c, list.length - 1)] >>> i) & 1));
    groups.push({ k, signals: sigs, tables });
    for (const sg of sigs) left.delete(sg);
  }
  return { free: signals.filter((sg) => left.has(sg)), groups };
}

/** The literal of each state signal in g (inputs in the same order on every call). */
function stateLits(g: Aig, plan: StatePlan): Map<number, Lit> {
  const m = new Map<number, Lit>();
  for (const sg of plan.free) m.set(sg, g.addInput());
  for (const grp of plan.groups) {
    const code = Array.from({ length: grp.k }, () => g.addInput());
    grp.signals.forEach((sg, i) => m.set(sg, lookup(g, code, grp.tables[i], 0, grp.k)));
  }
  return m;
}

/** Entries lo .. lo + 2^k - 1 of a truth table over code[0 .. k-1] (bit i of the row: code[i]). */
function lookup(g: Aig, code: readonly Lit[], t: Uint8Array, lo: number, k: number): Lit {
  if (k === 0) return t[lo] ? TRUE : FALSE;
  const e = lookup(g, code, t, lo, k - 1);
  const h = lookup(g, code, t, lo + 2 ** (k - 1), k - 1);
  return g.mux(code[k - 1], h, e);
}

/**
 * E3: for all values of the state's signals that the input words can
 * produce (see {@link statePlan}; every value where nothing is known), the
 * BNN's output bits are the window's.
 */
function sameOutputs(ev: ConeEvaluator, win: WindowData, output: WordLits, state: readonly WindowBit[], words: readonly WordValues[]): CheckOutcome {
  const signals = [...new Set(state.map((b) => b.lit >>> 1))];
  const cut = signals.map((s) => 2 * s);
  if (ev.prepare(output.bits, cut, 200_000, true) || ev.escapes(cut).length > 0) return { result: 'unknown', detail: 'the BNN cone does not close at the state' };
  const p = ev.p;
  const a = new Aig(1024);
  const b = new Aig(1024);
  // Both sides give each state signal the same function of the same inputs (free, or decoded).
  const plan = statePlan(signals, words);
  const inA = stateLits(a, plan);
  const inB = stateLits(b, plan);
  // A window bit w holding proof literal l (value(w) = value(l)) is its signal's literal,
  // complemented as l and w say.
  const wmap = new Map<number, Lit>();
  for (const bit of state) if (bit.w >= 0) wmap.set(bit.w >>> 1, (inB.get(bit.lit >>> 1)! ^ (bit.lit & 1) ^ (bit.w & 1)) as Lit);
  for (const s of ev.neurons) {
    const n = s - p.numInputBits;
    const ls: Lit[] = [];
    for (let j = p.fanStart[n]; j < p.fanStart[n + 1]; j++) {
      const x = inA.get(p.src[j]);
      if (x === undefined) return { result: 'unknown', detail: 'the BNN cone reads outside the state' };
      ls.push((x ^ p.neg[j]) as Lit);
    }
    inA.set(s, atLeast(a, ls, p.threshold[n]));
  }
  copyWindow(win, b, wmap);
  for (let i = 0; i < output.bits.length; i++) {
    const la = proofLitOf(inA, output.bits[i]);
    const lb = litOf(wmap, win.out[i]);
    if (la === undefined || lb === undefined) return { result: 'unknown', detail: `output bit ${i} outside the cones` };
    a.addOutput(la);
    b.addOutput(lb);
  }
  const r = sweepMiter(buildMiter(a, b));
  return r.status === 'equivalent' ? { result: 'proved' } : r.status === 'different' ? { result: 'refuted', detail: 'SAT sweeping found different outputs' } : { result: 'unknown', detail: r.reason };
}

/** E2 for one window adder: a + b + c = s + 2 * co over all 8 values of a, b, c. */
function adderHolds(win: WindowData, ins: readonly number[], s: number, co: number): boolean {
  const g = new Aig(64);
  const cut = new Map<number, Lit>();
  const vals: Lit[] = ins.map((l) => {
    if (l === FALSE || l === TRUE) return l as Lit;
    if (!cut.has(l >>> 1)) cut.set(l >>> 1, g.addInput());
    return (cut.get(l >>> 1)! ^ (l & 1)) as Lit;
  });
  copyWindow(win, g, cut);
  const ls = litOf(cut, s);
  const lco = co >= 0 ? litOf(cut, co) : FALSE;
  if (ls === undefined || lco === undefined) return false;
  [...vals, ls, lco].forEach((l) => g.addOutput(l));
  const m = g.inputs.length;
  const words = new Uint32Array(m);
  for (let i = 0; i < m; i++) words[i] = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0][i];
  const v = simulateAig(g, words, 1);
  const w = (l: Lit) => (v[l >>> 1] ^ (l & 1 ? 0xffffffff : 0)) >>> 0;
  const [x, y, z, sum, carry] = g.outputs.map(w);
  const okSum = (sum ^ x ^ y ^ z) >>> 0 === 0;
  const okCarry = co < 0 || (carry ^ ((x & y) | (z & (x | y)))) >>> 0 === 0;
  return okSum && okCarry;
}

/** E1: the window's output from the final column bits is R(acc), for every value of those bits. */
function finalClaim(sem: OpSemantics, win: WindowData, claim: EndClaim, bits: readonly { w: number; col: number }[], k: bigint): CheckOutcome {
  const g = new Aig(1024);
  const cut = new Map<number, Lit>();
  const leaf: Lit[] = bits.map((b) => {
    if (b.w < 0) return g.addInput(); // a sum never built: free
    if (!cut.has(b.w >>> 1)) cut.set(b.w >>> 1, g.addInput());
    return (cut.get(b.w >>> 1)! ^ (b.w & 1)) as Lit;
  });
  copyWindow(win, g, cut);
  const out = Array.from(win.out, (l) => litOf(cut, l));
  if (out.some((l) => l === undefined)) return { result: 'unknown', detail: 'window: the output is not a function of the final column bits' };
  const m = g.inputs.length;
  if (m > E1_BITS || claim.n > 40) return { result: 'unknown', detail: `window: ${m} final column bits` };
  const words = Math.max(1, 2 ** (m - 5));
  const inputs = new Uint32Array(m * words);
  for (let i = 0; i < m; i++) for (let w = 0; w < words; w++) inputs[i * words + w] = i < 5 ? [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000][i] : (w >>> (i - 5)) & 1 ? 0xffffffff : 0;
  const v = simulateAig(g, inputs, words);
  const bit = (l: Lit, p: number) => ((v[(l >>> 1) * words + (p >>> 5)] >>> (p & 31)) & 1) ^ (l & 1);
  const size = 2 ** claim.n;
  const off = Number(mod(claim.offset + claim.lo, BigInt(size)));
  const lo = Number(claim.lo);
  const hi = Number(claim.hi);
  const kk = Number(k);
  for (let p = 0; p < 2 ** m; p++) {
    let u = kk;
    leaf.forEach((l, i) => {
      if (bit(l, p)) u += 2 ** bits[i].col;
    });
    let d = (u - off) % size;
    if (d < 0) d += size;
    const acc = lo + d;
    if (acc > hi) continue;
    const ob = out as Lit[];
    let got = 0;
    for (let i = 0; i < ob.length - 1; i++) got += bit(ob[i], p) * 2 ** i;
    if (ob.length > 0) got -= bit(ob[ob.length - 1], p) * 2 ** (ob.length - 1);
    const want = sem.requant(claim.op, acc);
    if (got !== want || got < Number(claim.output.lo) || got > Number(claim.output.hi)) return { result: 'refuted', detail: `window: accumulator ${acc}: output ${got}, expected ${want}` };
  }
  return { result: 'proved' };
}
