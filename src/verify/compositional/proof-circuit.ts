/**
 * The proof circuit of the compositional prover: the BNN itself, plus
 * "ghost" gates that the prover may add to name values the BNN does not
 * compute (dead bits of the bit-blast, sum bits the adder never built).
 *
 * Why ghosts are harmless: a ghost gate reads only signals with smaller ids
 * and nothing in the BNN reads a ghost, so adding ghosts changes no BNN
 * signal and no BNN output. Every claim the prover checks is a claim about
 * the proof circuit, which agrees with the BNN on every BNN signal.
 *
 * Literals of the proof circuit ("proof literals") are `2 * signal + c`, the
 * AIG convention. Signal ids: the BNN's (inputs, then neurons), then ghosts;
 * the first ghost is the constant false, so {@link ProofBuilder.FALSE} and
 * `TRUE` are ordinary literals.
 *
 * {@link ProofBuilder.mapAig} gives every AIG literal of a bit-blast a proof
 * literal, by structure: AIG input i is BNN input bit i; an AND node whose
 * fanins are mapped is the first 2-input BNN neuron computing the AND of
 * those two literals (seen through buffers and inverters), else a ghost AND.
 * The map is a hint only: every claim about mapped literals is checked.
 * @module
 */
import type { Aig, Lit } from '../../aig/aig.js';
import { type BnnProgram, NeuronOp, compileBnn } from '../../bnn/simulate.js';
import type { Bnn } from '../../bnn/types.js';
import { InternalError } from '../../errors.js';

/** A proof literal: `2 * signal + complemented`. */
export type ProofLit = number;

/** The finished proof circuit: a {@link BnnProgram} whose neurons include the ghosts. */
export interface ProofProgram extends BnnProgram {
  /** Signals below this id are the BNN's own (inputs and neurons); the rest are ghosts. */
  readonly bnnSignals: number;
}

/** Growable typed-array lists. */
class IntList {
  a: Int32Array;
  n = 0;
  constructor(cap = 64) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/**
 * Builds the proof circuit of one BNN and maps AIG literals onto it.
 *
 * Invariant: `canon[s]` is a proof literal equal to signal s by the neuron
 * rule alone: s itself, or, when s is a buffer or inverter (fan-in 1,
 * threshold 1), the canonical literal of its source (complemented for an
 * inverter), or a constant when s can never (or always) fire.
 */
export class ProofBuilder {
  readonly base: BnnProgram;
  readonly bnnSignals: number;
  /** Proof literal of constant false / true (the first ghost). */
  readonly FALSE: ProofLit;
  readonly TRUE: ProofLit;
  private readonly canon: Int32Array;
  private ghostSrc = new IntList();
  private ghostNeg = new IntList();
  private ghostOp = new IntList();
  private ghostFan = new IntList();
  private ghosts = 0;

  constructor(bnn: Bnn) {
    this.base = compileBnn(bnn);
    this.bnnSignals = bnn.numInputBits + bnn.numNeurons;
    this.ghostFan.push(0);
    this.FALSE = 2 * this.addGhost(NeuronOp.Const0, []);
    this.TRUE = this.FALSE + 1;
    this.canon = this.canonicalLiterals();
  }

  /** Number of ghost gates so far (the constant included). */
  get numGhosts(): number {
    return this.ghosts;
  }

  /** The canonical proof literal of a BNN signal (see the class invariant). */
  canonical(signal: number): ProofLit {
    return this.canon[signal];
  }

  private canonicalLiterals(): Int32Array {
    const p = this.base;
    const canon = new Int32Array(this.bnnSignals);
    for (let s = 0; s < p.numInputBits; s++) canon[s] = 2 * s;
    for (let n = 0; n < p.numNeurons; n++) {
      const s = p.numInputBits + n;
      const j = p.fanStart[n];
      switch (p.op[n]) {
        case NeuronOp.Const0:
          canon[s] = this.FALSE;
          break;
        case NeuronOp.Const1:
          canon[s] = this.TRUE;
          break;
        case NeuronOp.Buf:
          canon[s] = canon[p.src[j]] ^ p.neg[j];
          break;
        default:
          canon[s] = 2 * s;
      }
    }
    return canon;
  }

  /** Append a ghost gate; returns its signal id. Sources must be existing signals. */
  private addGhost(op: number, lits: readonly ProofLit[]): number {
    const id = this.bnnSignals + this.ghosts;
    for (const l of lits) {
      if (l < 0 || l >>> 1 >= id) throw new InternalError(`ghost gate reads literal ${l} (id ${id})`);
      this.ghostSrc.push(l >>> 1);
      this.ghostNeg.push(l & 1);
    }
    this.ghostOp.push(op);
    this.ghostFan.push(this.ghostSrc.n);
    this.ghosts++;
    return id;
  }

  /** A ghost AND of two proof literals (folding constants and equal literals). */
  ghostAnd(a: ProofLit, b: ProofLit): ProofLit {
    if (a === this.FALSE || b === this.FALSE || a === (b ^ 1)) return this.FALSE;
    if (a === this.TRUE || a === b) return b;
    if (b === this.TRUE) return a;
    return 2 * this.addGhost(NeuronOp.And2, [a, b]);
  }

  /** A ghost XOR of two proof literals. */
  ghostXor(a: ProofLit, b: ProofLit): ProofLit {
    const both = this.ghostAnd(a, b);
    const none = this.ghostAnd(a ^ 1, b ^ 1);
    return this.ghostAnd(both ^ 1, none ^ 1);
  }

  /**
   * Map every variable of `g` to a proof literal by structure (see the
   * module comment). Returns `map[v]`, the proof literal of the positive
   * literal of v, or -1 where no BNN neuron matched (use {@link AigMap.lit},
   * which then builds ghosts).
   */
  mapAig(g: Aig): AigMap {
    const p = this.base;
    if (g.inputs.length !== p.numInputBits) throw new InternalError(`proof circuit: AIG has ${g.inputs.length} inputs, BNN ${p.numInputBits}`);
    const index = this.andIndex();
    const map = new Int32Array(g.numVars).fill(-1);
    map[0] = this.FALSE;
    g.inputs.forEach((v, i) => (map[v] = 2 * i));
    const span = 2 * (this.bnnSignals + 1);
    for (let v = 1; v < g.numVars; v++) {
      if (!g.isAnd(v)) continue;
      const a = map[g.fanin0[v] >>> 1];
      const b = map[g.fanin1[v] >>> 1];
      if (a < 0 || b < 0) continue;
      const x = a ^ (g.fanin0[v] & 1);
      const y = b ^ (g.fanin1[v] & 1);
      const hit = index.get(x < y ? x * span + y : y * span + x);
      if (hit !== undefined) map[v] = hit;
    }
    return new AigMap(this, g, map);
  }

  /**
   * Index of the BNN's 2-input AND/OR neurons by the (canonical) literals
   * they see: key (x, y) -> the proof literal equal to x AND y. First (lowest
   * id) neuron wins.
   */
  private andIndex(): Map<number, ProofLit> {
    const p = this.base;
    const span = 2 * (this.bnnSignals + 1);
    const index = new Map<number, ProofLit>();
    for (let n = 0; n < p.numNeurons; n++) {
      const op = p.op[n];
      if (op !== NeuronOp.And2 && op !== NeuronOp.Or2) continue;
      const j = p.fanStart[n];
      let x = this.canon[p.src[j]] ^ p.neg[j];
      let y = this.canon[p.src[j + 1]] ^ p.neg[j + 1];
      let out = 2 * (p.numInputBits + n);
      if (op === NeuronOp.Or2) {
        // x OR y = NOT(!x AND !y)
        x ^= 1;
        y ^= 1;
        out ^= 1;
      }
      if (x >>> 1 >= this.bnnSignals || y >>> 1 >= this.bnnSignals) continue; // a constant source
      const key = x < y ? x * span + y : y * span + x;
      if (!index.has(key)) index.set(key, out);
    }
    return index;
  }

  /** The finished proof circuit (the builder stays usable; later ghosts need a new build). */
  build(): ProofProgram {
    const p = this.base;
    const nb = p.numNeurons;
    const ng = this.ghosts;
    const synapses = p.fanStart[nb];
    const fanStart = new Uint32Array(nb + ng + 1);
    fanStart.set(p.fanStart);
    for (let i = 1; i <= ng; i++) fanStart[nb + i] = synapses + this.ghostFan.a[i];
    const src = new Uint32Array(synapses + this.ghostSrc.n);
    src.set(p.src.subarray(0, synapses));
    src.set(this.ghostSrc.a.subarray(0, this.ghostSrc.n), synapses);
    const neg = new Uint8Array(synapses + this.ghostNeg.n);
    neg.set(p.neg.subarray(0, synapses));
    neg.set(this.ghostNeg.a.subarray(0, this.ghostNeg.n), synapses);
    const op = new Uint8Array(nb + ng);
    op.set(p.op);
    op.set(this.ghostOp.a.subarray(0, ng), nb);
    const threshold = new Uint32Array(nb + ng);
    threshold.set(p.threshold);
    for (let i = 0; i < ng; i++) threshold[nb + i] = this.ghostOp.a[i] === NeuronOp.And2 ? 2 : 1;
    return { numInputBits: p.numInputBits, numNeurons: nb + ng, fanStart, src, neg, op, threshold, outputs: p.outputs, bnnSignals: this.bnnSignals };
  }
}

/**
 * AIG literals -> proof literals for one bit-blast. Structural matches come
 * from {@link ProofBuilder.mapAig}; an unmatched AND node gets a ghost AND of
 * its fanins' proof literals when first asked for.
 */
export class AigMap {
  /** Number of AIG variables that needed a ghost. */
  ghostVars = 0;

  constructor(
    private readonly pb: ProofBuilder,
    private readonly g: Aig,
    private readonly map: Int32Array,
  ) {}

  /** The proof literal of an AIG literal. */
  lit(l: Lit | number): ProofLit {
    const v = l >>> 1;
    if (this.map[v] < 0) this.ghost(v);
    return this.map[v] ^ (l & 1);
  }

  /** Whether variable v matched a BNN signal (or is an input or the constant). */
  matched(v: number): boolean {
    return this.map[v] >= 0 && this.map[v] >>> 1 < this.pb.bnnSignals;
  }

  /** Give v (and any unmapped fanins) ghost gates, fanins first, without recursion. */
  private ghost(root: number): void {
    const g = this.g;
    const stack = [root];
    while (stack.length) {
      const v = stack[stack.length - 1];
      if (this.map[v] >= 0) {
        stack.pop();
        continue;
      }
      if (!g.isAnd(v)) throw new InternalError(`proof map: AIG variable ${v} is neither input nor AND`);
      const a = g.fanin0[v] >>> 1;
      const b = g.fanin1[v] >>> 1;
      if (this.map[a] < 0 || this.map[b] < 0) {
        if (this.map[a] < 0) stack.push(a);
        if (this.map[b] < 0) stack.push(b);
        continue;
      }
      stack.pop();
      this.map[v] = this.pb.ghostAnd(this.map[a] ^ (g.fanin0[v] & 1), this.map[b] ^ (g.fanin1[v] & 1));
      this.ghostVars++;
    }
  }
}
