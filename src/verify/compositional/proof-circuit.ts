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
 * literal: AIG input i is BNN input bit i; an AND node is the first BNN
 * neuron found to compute it from the literals its sources carry (any
 * strategy whose neurons compute AIG nodes over small cuts: `gates`,
 * `threshold`), else a ghost AND of its fanins. The map is a hint only:
 * every claim about mapped literals is checked.
 * @module
 */
import type { Aig, Lit } from '../../aig/aig.js';
import { atLeast } from '../../bnn/to-aig.js';
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

/** Builds the proof circuit of one BNN and maps AIG literals onto it. */
export class ProofBuilder {
  readonly base: BnnProgram;
  readonly bnnSignals: number;
  /** Proof literal of constant false / true (the first ghost). */
  readonly FALSE: ProofLit;
  readonly TRUE: ProofLit;
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
  }

  /** Number of ghost gates so far (the constant included). */
  get numGhosts(): number {
    return this.ghosts;
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
   * Map every variable of `g` to a proof literal by local function matching
   * (see {@link NeuronMatcher}). Returns the map; unmatched variables get
   * ghost gates when {@link AigMap.lit} first asks for them.
   */
  mapAig(g: Aig): AigMap {
    if (g.inputs.length !== this.base.numInputBits) throw new InternalError(`proof circuit: AIG has ${g.inputs.length} inputs, BNN ${this.base.numInputBits}`);
    const map = new NeuronMatcher(g, this.base, this.FALSE).run();
    return new AigMap(this, g, map);
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

/** {@link NeuronMatcher} result: a source of the neuron has no literal. */
const UNMAPPED_SOURCE = -2;

/** Most leaves of a neuron's cut for function matching (truth tables in one 32-bit word). */
const MAX_CUT = 5;
/** Most AIG nodes explored above a cut. */
const MAX_CLOSURE = 512;

/**
 * Which AIG literal each BNN neuron computes, found neuron by neuron in
 * signal order: the literals its sources carry (inputs: the AIG inputs)
 * form a cut of the AIG; the neuron's threshold function over the cut's
 * truth tables is compared with the AIG nodes the cut determines (the nodes
 * whose fanins all lie in the cut or among such nodes). A 2-input AND/OR
 * neuron is looked up directly by its fanin pair. Sources that are
 * themselves functions of the other sources (the carry a full-adder sum
 * neuron reads) are dropped from the cut first. Exact but only a hint:
 * every claim built on it is checked.
 */
class NeuronMatcher {
  /** AIG literal each BNN signal computes, or -1. */
  private readonly rmap: Int32Array;
  /** Proof literal of each AIG variable (positive polarity), or -1. */
  private readonly fmap: Int32Array;
  /**
   * The bit-blast's AND nodes by fanin pair, keyed over the literals of the
   * AIG as it was before {@link synthesize} appended to it (`pairBase`: a
   * fixed bound, so a key names one pair for good; keys scaled by the
   * growing `numVars` would let a later pair hit an unrelated node).
   */
  private readonly pairs = new Map<number, number>();
  private readonly pairBase: number;
  private fanStart?: Uint32Array;
  private fanout?: Uint32Array;
  private readonly tt = new Map<number, number>();
  /** Fanouts of AIG nodes added after the fanout lists were built. */
  private readonly extraFanouts = new Map<number, number[]>();

  constructor(
    private readonly g: Aig,
    private readonly p: BnnProgram,
    private readonly FALSE: ProofLit,
  ) {
    this.rmap = new Int32Array(p.numInputBits + p.numNeurons).fill(-1);
    this.fmap = new Int32Array(g.numVars).fill(-1);
    this.fmap[0] = FALSE;
    g.inputs.forEach((v, i) => {
      this.rmap[i] = 2 * v;
      this.fmap[v] = 2 * i;
    });
    this.pairBase = 2 * g.numVars;
    for (let v = 1; v < g.numVars; v++) if (g.isAnd(v)) this.pairs.set(this.pairKey(g.fanin0[v], g.fanin1[v]), v);
  }

  /** The key of an unordered pair of literals below `pairBase` (injective there). */
  private pairKey(a: number, b: number): number {
    return a < b ? a * this.pairBase + b : b * this.pairBase + a;
  }

  /** The bit-blast's AND node with fanins a and b, if any (a synthesized literal is no bit-blast fanin). */
  private andOf(a: number, b: number): number | undefined {
    return a < this.pairBase && b < this.pairBase ? this.pairs.get(this.pairKey(a, b)) : undefined;
  }

  run(): Int32Array {
    const p = this.p;
    for (let n = 0; n < p.numNeurons; n++) {
      const s = p.numInputBits + n;
      let lit = this.match(n);
      if (lit === UNMAPPED_SOURCE) continue;
      if (lit < 0) lit = this.synthesize(n);
      this.rmap[s] = lit;
      const v = lit >>> 1;
      if (v > 0 && this.fmap[v] < 0) this.fmap[v] = 2 * s + (lit & 1);
    }
    return this.fmap;
  }

  /**
   * A neuron no AIG node matches (e.g. the majority a full-adder sum neuron
   * reads, when the adder's carry was never built) still gets a literal: its
   * threshold function of its sources' literals, added to the AIG (append
   * only; the bit-blast's own nodes are untouched), so that the neurons
   * reading it can be matched in turn.
   */
  private synthesize(n: number): number {
    const p = this.p;
    const g = this.g;
    const before = g.numVars;
    const seen: Lit[] = [];
    for (let j = p.fanStart[n]; j < p.fanStart[n + 1]; j++) seen.push((this.rmap[p.src[j]] ^ p.neg[j]) as Lit);
    const lit = atLeast(g, seen, p.threshold[n]);
    if (this.fanStart) {
      for (let v = before; v < g.numVars; v++) {
        for (const f of [g.fanin0[v] >>> 1, g.fanin1[v] >>> 1]) {
          let list = this.extraFanouts.get(f);
          if (!list) this.extraFanouts.set(f, (list = []));
          list.push(v);
        }
      }
    }
    return lit;
  }

  /** The AIG literal neuron n computes, -1 when none matches, UNMAPPED_SOURCE when a source has none. */
  private match(n: number): number {
    const p = this.p;
    const j0 = p.fanStart[n];
    const k = p.fanStart[n + 1] - j0;
    const op = p.op[n];
    if (op === NeuronOp.Const0) return 0;
    if (op === NeuronOp.Const1) return 1;
    const seen: number[] = [];
    for (let j = j0; j < j0 + k; j++) {
      const l = this.rmap[p.src[j]];
      if (l < 0) return UNMAPPED_SOURCE;
      seen.push(l ^ p.neg[j]);
    }
    if (op === NeuronOp.Buf) return seen[0];
    if (op === NeuronOp.And2 || op === NeuronOp.Or2) {
      const or = op === NeuronOp.Or2 ? 1 : 0; // x OR y = NOT(!x AND !y)
      const v = this.andOf(seen[0] ^ or, seen[1] ^ or);
      if (v !== undefined) return 2 * v + or;
    }
    return this.matchFunction(seen, p.threshold[n]);
  }

  /** Match "at least t of `seen`" against the AIG nodes its cut determines. */
  private matchFunction(seen: readonly number[], t: number): number {
    let cut = [...new Set(seen.map((l) => l >>> 1))].filter((v) => v > 0);
    if (cut.length > MAX_CUT + 2) return -1;
    // Drop cut variables that the others determine (e.g. a carry next to its adder's inputs).
    for (const v of [...cut].sort((a, b) => b - a)) {
      const rest = cut.filter((u) => u !== v);
      if (rest.length > 0 && this.closure(rest, v)) cut = rest;
    }
    if (cut.length > MAX_CUT || !this.closure(cut, -1)) return -1;
    const m = cut.length;
    const rows = 1 << m;
    const full = rows === 32 ? 0xffffffff : (1 << rows) - 1;
    const ttOf = (l: number) => ((l >>> 1 === 0 ? 0 : this.tt.get(l >>> 1)!) ^ (l & 1 ? full : 0)) >>> 0;
    const lits = seen.map(ttOf);
    let want = 0;
    for (let r = 0; r < rows; r++) {
      let c = 0;
      for (const x of lits) c += (x >>> r) & 1;
      if (c >= t) want |= 1 << r;
    }
    want >>>= 0;
    if (want === 0) return 0;
    if (want === full) return 1;
    for (const [v, x] of this.tt) {
      if (x === want) return 2 * v;
      if ((x ^ full) >>> 0 === want) return 2 * v + 1;
    }
    return -1;
  }

  /**
   * Truth tables (over `cut`, variable i = bit i of the row) of the cut and
   * every AND node it determines, into `this.tt`. With `target` >= 0, only
   * whether target is determined. False when the exploration is too large.
   */
  private closure(cut: readonly number[], target: number): boolean {
    const g = this.g;
    this.buildFanouts();
    const tt = this.tt;
    tt.clear();
    const rows = 1 << cut.length;
    cut.forEach((v, i) => {
      let x = 0;
      for (let r = 0; r < rows; r++) if ((r >> i) & 1) x |= 1 << r;
      tt.set(v, x >>> 0);
    });
    const full = rows === 32 ? 0xffffffff : (1 << rows) - 1;
    const queue = [...cut];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      const built = u < this.fanStart!.length - 1 ? this.fanout!.subarray(this.fanStart![u], this.fanStart![u + 1]) : [];
      for (const w of [...built, ...(this.extraFanouts.get(u) ?? [])]) {
        if (tt.has(w)) continue;
        const a = g.fanin0[w];
        const b = g.fanin1[w];
        const ta = tt.get(a >>> 1);
        const tb = tt.get(b >>> 1);
        if (ta === undefined || tb === undefined) continue;
        tt.set(w, ((ta ^ (a & 1 ? full : 0)) & (tb ^ (b & 1 ? full : 0))) >>> 0);
        if (w === target) return true;
        if (tt.size > MAX_CLOSURE) return false;
        queue.push(w);
      }
    }
    return target < 0;
  }

  /** Fanouts of every AIG variable (CSR), built on first use. */
  private buildFanouts(): void {
    if (this.fanStart) return;
    const g = this.g;
    const count = new Uint32Array(g.numVars + 1);
    for (let v = 1; v < g.numVars; v++) {
      if (!g.isAnd(v)) continue;
      count[g.fanin0[v] >>> 1]++;
      count[g.fanin1[v] >>> 1]++;
    }
    const start = new Uint32Array(g.numVars + 1);
    for (let v = 0; v < g.numVars; v++) start[v + 1] = start[v] + count[v];
    const fill = start.slice(0, g.numVars);
    const out = new Uint32Array(start[g.numVars]);
    for (let v = 1; v < g.numVars; v++) {
      if (!g.isAnd(v)) continue;
      out[fill[g.fanin0[v] >>> 1]++] = v;
      out[fill[g.fanin1[v] >>> 1]++] = v;
    }
    this.fanStart = start;
    this.fanout = out;
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

  /** The AIG the map is for. */
  get aig(): Aig {
    return this.g;
  }

  /** The proof literal of an AIG literal. */
  lit(l: Lit | number): ProofLit {
    const v = l >>> 1;
    if (this.map[v] < 0) this.ghost(v);
    return this.map[v] ^ (l & 1);
  }

  /** Map an unmapped variable v to proof literal l (its positive polarity), found another way (a checked hint). */
  seed(v: number, l: ProofLit): void {
    if (this.map[v] < 0) this.map[v] = l;
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
