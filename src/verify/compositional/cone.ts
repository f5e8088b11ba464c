/**
 * Cones of the proof circuit, cut at chosen signals, and their bit-parallel
 * simulation over every assignment of the cut.
 *
 * A local claim is checked on the cone of its output signals, walking back
 * through neuron sources until a signal of the cut, a network input bit, or
 * a source-free neuron (a constant). Every leaf reached (cut signals and any
 * other input bits: "escapes") is a free variable: the claim is checked for
 * all 2^leaves assignments, so it holds whatever values the leaves take in
 * the real circuit. That is what makes cut-based claims sound however the
 * cut was chosen.
 *
 * Pattern numbering: leaf i takes bit i of the pattern number; word w, lane
 * j is pattern 32 * w + j, so leaves 0..4 are fixed lane masks and leaf
 * i >= 5 is all-ones or all-zeros in word w according to bit i - 5 of w.
 * @module
 */
import { NeuronOp } from '../../bnn/simulate.js';
import type { ProofLit, ProofProgram } from './proof-circuit.js';

/** Lane masks of the first five leaves. */
const LANE_MASKS = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];

/** Why a cone could not be prepared. */
export type ConeFailure = { readonly tooBig: true; readonly neurons: number };

/**
 * One reusable cone evaluator per proof circuit (scratch arrays are sized
 * once). Usage: {@link prepare}, then {@link simulate} word ranges and read
 * literal words with {@link litWord}.
 */
export class ConeEvaluator {
  private readonly stamp: Int32Array;
  /** Cut signals that become leaves only when the cone reaches them. */
  private readonly cutMark: Int32Array;
  private readonly slotOf: Int32Array;
  private cur = 0;
  /** Leaf signals of the prepared cone (cut signals reached or not, then escapes). */
  leaves: number[] = [];
  /** Neurons of the prepared cone (signal ids, ascending). */
  neurons: number[] = [];
  private values = new Uint32Array(1024);
  private words = 0;
  private stack: number[] = [];

  constructor(readonly p: ProofProgram) {
    const n = p.numInputBits + p.numNeurons;
    this.stamp = new Int32Array(n);
    this.cutMark = new Int32Array(n);
    this.slotOf = new Int32Array(n);
  }

  /** Number of free variables of the prepared cone. */
  get numLeaves(): number {
    return this.leaves.length;
  }

  /** Words needed to hold every assignment of the leaves. */
  get totalWords(): number {
    return this.leaves.length <= 5 ? 1 : 2 ** (this.leaves.length - 5);
  }

  /**
   * Collect the cone of `outputs` cut at `cut` (both proof literals).
   * Constant literals need no cone. Fails when more than `limit` neurons.
   * Every cut signal is a leaf, or with `reachedOnly` only those the cone
   * reaches (enough when the claim reads nothing but `outputs`).
   */
  prepare(outputs: readonly ProofLit[], cut: readonly ProofLit[], limit: number, reachedOnly = false): ConeFailure | undefined {
    const p = this.p;
    const cur = this.nextStamp();
    const stamp = this.stamp;
    this.leaves = [];
    this.neurons = [];
    for (const l of cut) {
      const s = l >>> 1;
      if (stamp[s] === cur || this.cutMark[s] === cur || this.isConstant(s)) continue;
      if (reachedOnly) {
        this.cutMark[s] = cur;
        continue;
      }
      stamp[s] = cur;
      this.slotOf[s] = this.leaves.length;
      this.leaves.push(s);
    }
    const stack = this.stack;
    stack.length = 0;
    for (const l of outputs) stack.push(l >>> 1);
    const escapes: number[] = [];
    while (stack.length) {
      const s = stack.pop()!;
      if (stamp[s] === cur) continue;
      stamp[s] = cur;
      if (this.cutMark[s] === cur) {
        this.slotOf[s] = this.leaves.length;
        this.leaves.push(s);
        continue;
      }
      if (s < p.numInputBits) {
        escapes.push(s);
        continue;
      }
      this.neurons.push(s);
      if (this.neurons.length > limit) return { tooBig: true, neurons: this.neurons.length };
      const n = s - p.numInputBits;
      for (let j = p.fanStart[n]; j < p.fanStart[n + 1]; j++) if (stamp[p.src[j]] !== cur) stack.push(p.src[j]);
    }
    escapes.sort((a, b) => a - b);
    for (const s of escapes) {
      this.slotOf[s] = this.leaves.length;
      this.leaves.push(s);
    }
    this.neurons.sort((a, b) => a - b);
    this.neurons.forEach((s, i) => (this.slotOf[s] = this.leaves.length + i));
    return undefined;
  }

  /** A fresh stamp value (resetting the stamp arrays when they wrap). */
  private nextStamp(): number {
    if (++this.cur === 0x7fffffff) {
      this.stamp.fill(0);
      this.cutMark.fill(0);
      this.cur = 1;
    }
    return this.cur;
  }

  /** Whether the last prepared cone (or fan-in walk) reached signal s. */
  reached(s: number): boolean {
    return this.stamp[s] === this.cur;
  }

  /** Leaves that are not among `cut` (inputs reached by the cone). */
  escapes(cut: readonly ProofLit[]): number[] {
    const inCut = new Set(cut.map((l) => l >>> 1));
    return this.leaves.filter((s) => !inCut.has(s));
  }

  private isConstant(s: number): boolean {
    const p = this.p;
    if (s < p.numInputBits) return false;
    const op = p.op[s - p.numInputBits];
    return op === NeuronOp.Const0 || op === NeuronOp.Const1;
  }

  /**
   * Simulate `count` words of patterns starting at word `first` (every leaf
   * and cone neuron). Afterwards {@link litWord} reads words 0..count-1.
   */
  simulate(first: number, count: number): void {
    const slots = this.leaves.length + this.neurons.length;
    if (this.values.length < slots * count) this.values = new Uint32Array(slots * count * 2);
    this.words = count;
    const v = this.values;
    for (let i = 0; i < this.leaves.length; i++) {
      const base = i * count;
      for (let w = 0; w < count; w++) v[base + w] = i < 5 ? LANE_MASKS[i] : ((first + w) >>> (i - 5)) & 1 ? 0xffffffff : 0;
    }
    for (const s of this.neurons) this.evalNeuron(s, count);
  }

  /** Word w (of the last {@link simulate}) of a proof literal in the cone or the cut. */
  litWord(l: ProofLit, w: number): number {
    const s = l >>> 1;
    if (this.isConstant(s)) {
      const one = this.p.op[s - this.p.numInputBits] === NeuronOp.Const1;
      return (one ? 0xffffffff : 0) ^ (l & 1 ? 0xffffffff : 0);
    }
    if (this.stamp[s] !== this.cur) throw new Error(`cone: literal ${l} is outside the prepared cone`);
    const x = this.values[this.slotOf[s] * this.words + w];
    return (l & 1 ? ~x : x) >>> 0;
  }

  private evalNeuron(s: number, W: number): void {
    const p = this.p;
    const n = s - p.numInputBits;
    const v = this.values;
    const out = this.slotOf[s] * W;
    const j0 = p.fanStart[n];
    const j1 = p.fanStart[n + 1];
    const src = (j: number) => this.slotOf[p.src[j]] * W;
    const mask = (j: number) => (p.neg[j] ? 0xffffffff : 0);
    switch (p.op[n]) {
      case NeuronOp.Const0:
        v.fill(0, out, out + W);
        return;
      case NeuronOp.Const1:
        v.fill(0xffffffff, out, out + W);
        return;
      case NeuronOp.Buf: {
        const a = src(j0), ma = mask(j0);
        for (let w = 0; w < W; w++) v[out + w] = v[a + w] ^ ma;
        return;
      }
      case NeuronOp.And2: {
        const a = src(j0), b = src(j0 + 1), ma = mask(j0), mb = mask(j0 + 1);
        for (let w = 0; w < W; w++) v[out + w] = (v[a + w] ^ ma) & (v[b + w] ^ mb);
        return;
      }
      case NeuronOp.Or2: {
        const a = src(j0), b = src(j0 + 1), ma = mask(j0), mb = mask(j0 + 1);
        for (let w = 0; w < W; w++) v[out + w] = (v[a + w] ^ ma) | (v[b + w] ^ mb);
        return;
      }
      case NeuronOp.Maj3: {
        const a = src(j0), b = src(j0 + 1), c = src(j0 + 2);
        const ma = mask(j0), mb = mask(j0 + 1), mc = mask(j0 + 2);
        for (let w = 0; w < W; w++) {
          const x = v[a + w] ^ ma, y = v[b + w] ^ mb, z = v[c + w] ^ mc;
          v[out + w] = (x & y) | (z & (x | y));
        }
        return;
      }
      case NeuronOp.AndN:
      case NeuronOp.OrN: {
        const isAnd = p.op[n] === NeuronOp.AndN;
        for (let w = 0; w < W; w++) {
          let acc = isAnd ? 0xffffffff : 0;
          for (let j = j0; j < j1; j++) {
            const x = v[src(j) + w] ^ mask(j);
            acc = isAnd ? acc & x : acc | x;
          }
          v[out + w] = acc;
        }
        return;
      }
      default:
        this.evalCount(n, out, W);
    }
  }

  /** General threshold: count true literals per lane (bit-sliced), compare with t. */
  private evalCount(n: number, out: number, W: number): void {
    const p = this.p;
    const v = this.values;
    const j0 = p.fanStart[n];
    const j1 = p.fanStart[n + 1];
    const t = p.threshold[n];
    const nb = 32 - Math.clz32(j1 - j0);
    const planes = new Uint32Array(nb);
    for (let w = 0; w < W; w++) {
      planes.fill(0);
      for (let j = j0; j < j1; j++) {
        let carry = v[this.slotOf[p.src[j]] * W + w] ^ (p.neg[j] ? 0xffffffff : 0);
        for (let b = 0; carry !== 0 && b < nb; b++) {
          const c = planes[b] & carry;
          planes[b] ^= carry;
          carry = c;
        }
      }
      let ge = 0xffffffff;
      for (let b = 0; b < nb; b++) ge = (t >>> b) & 1 ? planes[b] & ge : planes[b] | ge;
      v[out + w] = ge;
    }
  }
}
