/**
 * SAT sweeping of a miter (functional reduction, "fraiging").
 *
 * 1. Random simulation: output pairs that differ give a counterexample at
 *    once; otherwise the simulation signatures give candidate classes of
 *    equal (or complementary) nodes.
 * 2. In topological order each miter node is rebuilt in a reduced AIG (the
 *    "fraig") over already merged fanins; a node with a candidate partner is
 *    checked against it with the incremental SAT solver under a conflict
 *    limit. Proved: the node is replaced by its partner, so every later proof
 *    sees simpler, shared structure. Refuted: the counterexample and 31
 *    neighbours (one input bit flipped each) are simulated (guided
 *    simulation), which splits classes, and the node tries its new partner.
 * 3. Each output pair is proved equal in the reduced AIG without a conflict
 *    limit (only the deadline).
 *
 * Soundness: a node is merged only after both directions of its equivalence
 * are unsat, so the fraig computes the same function as the miter at every
 * node; 'equivalent' is reported only when every output pair has been
 * proved. Every counterexample is re-simulated on the miter before it is
 * believed (a failure is an internal error, never a verdict).
 * @module
 */
import { Aig, type Lit } from '../../aig/aig.js';
import { simulateAig } from '../../aig/simulate.js';
import { InternalError } from '../../errors.js';
import { AigCnf } from '../../sat/aig-cnf.js';
import { checkDrup } from '../../sat/drup.js';
import { SatSolver } from '../../sat/solver.js';
import { SimClasses } from './classes.js';
import { LocalChecker } from './local.js';
import { type Miter, SIDE_A, SIDE_B } from './miter.js';

/** Parameters of {@link sweepMiter}, with defaults. */
export interface SweepParams {
  /** 32-pattern words of random simulation per node (default 32, i.e. 1024 patterns). */
  readonly simWords?: number;
  /**
   * Up to this many inputs (default 16), and when it fits in 2^24 words of
   * simulation, simulate every input pattern instead of random ones: equal
   * signatures are then proofs, and no SAT call is needed.
   */
  readonly exhaustiveInputs?: number;
  /** Seed of the pattern generator (default 1); runs are deterministic per seed. */
  readonly seed?: number;
  /** Conflict limit per candidate pair across the two circuits (default 500). */
  readonly conflictLimit?: number;
  /**
   * Largest difference region (nodes) tried by a local proof before the
   * global SAT query (default 2000; 0 turns local proofs off). See local.ts.
   */
  readonly localNodes?: number;
  /** Conflict limit of a local proof (default 1000; few local proofs need more than 100, few fail at 1000). */
  readonly localConflictLimit?: number;
  /** Restrict the solver's decisions to the cones of each query (default true). */
  readonly scopeDecisions?: boolean;
  /** Conflict limit for pairs inside one circuit, incl. candidate constants of one circuit (default 100). */
  readonly sameSideConflictLimit?: number;
  /** Conflict limit for pairs with a priority node (default 20000). */
  readonly priorityConflictLimit?: number;
  /**
   * Candidate cut points: named groups of miter literals (e.g. the bits of a
   * reference network's tensor). Pairs involving them get the priority
   * conflict limit, and the outcome reports how many were matched by
   * simulation and proved equal to a node of side `otherSide`.
   */
  readonly cuts?: readonly CutGroup[];
  /** Side bit (SIDE_A or SIDE_B of the miter) that cut points are matched against. */
  readonly otherSide?: number;
  /** Give up ('unknown') once performance.now() passes this. */
  readonly deadline?: number;
  /**
   * Start a fresh solver once it holds more than this many variables
   * (default 2000) and has answered `recycleCalls` queries since the last
   * fresh start (default 200): a small solver keeps its decisions near the
   * current query's cone.
   */
  readonly recycleVars?: number;
  /** See `recycleVars`. */
  readonly recycleCalls?: number;
  /**
   * Log DRUP proofs in every solver and check them with the independent
   * checker (checkDrup) before the solver is dropped; a proof that does not
   * check is an internal error (default false: slow, meant for tests).
   */
  readonly checkProofs?: boolean;
  /** Called as nodes are swept: (done, total, label). */
  readonly onProgress?: (done: number, total: number, label?: string) => void;
}

/** Counters of one sweep (times in seconds, wall clock). */
export interface SweepStats {
  /** AND nodes and inputs of the miter. */
  nodes: number;
  inputs: number;
  /** Whether every input pattern was simulated (then simulation alone decided). */
  exhaustive: boolean;
  /** Candidate classes after random simulation, and their non-representative members. */
  classes: number;
  candidates: number;
  /** Calls of the global incremental solver (two per pair proved there). */
  satCalls: number;
  /** Candidate pairs proved equal and merged (locally or globally). */
  proved: number;
  /** Candidate pairs separated by a SAT counterexample. */
  refuted: number;
  /** Candidate pairs left unmerged at the conflict limit. */
  undecided: number;
  /** Nodes that became their partner by structural hashing alone. */
  structural: number;
  /** Pairs not asked again (same question undecided before, or over budget). */
  skipped: number;
  /** Pairs proved by a local proof, and local proofs attempted. */
  localProofs: number;
  localAttempts: number;
  /** Guided simulations (one per counterexample). */
  refinements: number;
  /** Output pairs, and how many were proved equal. */
  outputPairs: number;
  outputsProved: number;
  /** AND nodes of the reduced AIG. */
  fraigNodes: number;
  /** Fresh global solvers started. */
  solverRecycles: number;
  /** DRUP proofs checked (with `checkProofs`). */
  proofsChecked: number;
  /** Conflicts in the global solver. */
  globalConflicts: number;
  localSec: number;
  globalSec: number;
  simulationSec: number;
  sweepSec: number;
  outputSec: number;
}

/** A named group of miter literals that are candidate cut points. */
export interface CutGroup {
  readonly name: string;
  /** Miter literals (-1 for bits not in the miter). */
  readonly lits: Int32Array;
}

/** How one cut group fared. */
export interface CutReport {
  readonly name: string;
  /** Bits in the miter. */
  readonly bits: number;
  /** Bits that are constant by simulation. */
  readonly constant: number;
  /** Non-constant bits whose simulation class holds a node of the other side. */
  readonly matched: number;
  /** Indices (into the group's literals) of the non-constant bits that were not matched. */
  readonly unmatched: readonly number[];
  /** Bits proved equal to a node of the other side (up to complement) or proved constant. */
  readonly proved: number;
}

/** Result of {@link sweepMiter}. */
export type SweepOutcome = (
  | { readonly status: 'equivalent' }
  | { readonly status: 'different'; readonly inputs: Uint8Array; readonly pair: number }
  | { readonly status: 'unknown'; readonly reason: string }
) & {
  readonly stats: SweepStats;
  /** Fraig literal of every miter variable: two nodes with the same literal (up to complement) are proved equal. */
  readonly fraigLit: Int32Array;
  /** One report per cut group, when cuts were given and the sweep got past simulation. */
  readonly cuts: readonly CutReport[];
};

type Proof = 'equal' | 'differ' | 'unknown';

/**
 * Decide whether each output pair of the miter is equal for all inputs.
 *
 * @example
 * ```ts
 * import { Aig, buildMiter, not, sweepMiter } from 'bnn-universal';
 * const a = new Aig(); const x = a.addInput(), y = a.addInput(); a.addOutput(a.xor(x, y));
 * const b = new Aig(); const p = b.addInput(), q = b.addInput(); b.addOutput(b.or(b.and(p, not(q)), b.and(not(p), q)));
 * console.log(sweepMiter(buildMiter(a, b)).status); // 'equivalent'
 * ```
 */
export function sweepMiter(miter: Miter, params: SweepParams = {}): SweepOutcome {
  return new Sweeper(miter, params).run();
}

/** One sweep; holds the reduced AIG, the solver and the classes. */
class Sweeper {
  private readonly g: Aig;
  private readonly words: number;
  private readonly rand: () => number;
  private readonly deadline: number;
  private readonly stats: SweepStats;
  private readonly fraig: Aig;
  private readonly fmap: Int32Array;
  private solver!: SatSolver;
  private cnf!: AigCnf;
  private callsSinceRecycle = 0;
  private classes!: SimClasses;
  private readonly oneWord: Uint32Array;
  private readonly patternWords: Uint32Array;
  private readonly cex: Uint8Array;
  private readonly priority: Uint8Array | undefined;
  private readonly local: LocalChecker;
  /** Per fraig variable: the target it failed to be proved equal to (undecided), else -1. */
  private readonly failedWith: Int32Array;
  private cutReports: CutReport[] = [];

  constructor(
    private readonly m: Miter,
    private readonly params: SweepParams,
  ) {
    this.g = m.aig;
    const nIn = this.g.inputs.length;
    const all = nIn <= (params.exhaustiveInputs ?? 16) && 2 ** Math.max(0, nIn - 5) * this.g.numVars <= 2 ** 24;
    this.stats = emptyStats(this.g.numVars - 1 - nIn, nIn, m.pairs.length >> 1);
    this.stats.exhaustive = all;
    this.words = all ? 2 ** Math.max(0, nIn - 5) : Math.max(1, params.simWords ?? 32);
    this.rand = xorshift(params.seed ?? 1);
    this.deadline = params.deadline ?? Infinity;
    const n = this.g.numVars;
    this.fraig = new Aig(Math.max(16, n));
    this.local = new LocalChecker(this.fraig, params.checkProofs === true);
    this.failedWith = new Int32Array(n + 1).fill(-1);
    this.fmap = new Int32Array(n).fill(-1);
    this.oneWord = new Uint32Array(n);
    this.patternWords = new Uint32Array(this.g.inputs.length);
    this.cex = new Uint8Array(this.g.inputs.length);
    if (params.cuts?.length) {
      this.priority = new Uint8Array(n);
      for (const c of params.cuts) for (const l of c.lits) if (l >= 0) this.priority[l >>> 1] = 1;
    }
    this.newSolver();
  }

  run(): SweepOutcome {
    let t = performance.now();
    const early = this.randomSimulation();
    this.stats.simulationSec = (performance.now() - t) / 1000;
    if (early) return early;
    t = performance.now();
    const swept = this.sweep();
    this.stats.sweepSec = (performance.now() - t) / 1000;
    if (swept) return swept;
    t = performance.now();
    const r = this.proveOutputs();
    this.stats.outputSec = (performance.now() - t) / 1000;
    if (r.status === 'equivalent') this.checkProof(this.solver, 'global');
    this.stats.fraigNodes = this.fraig.numAnds;
    return r;
  }

  private outcome(o: { status: 'equivalent' } | { status: 'different'; inputs: Uint8Array; pair: number } | { status: 'unknown'; reason: string }): SweepOutcome {
    this.stats.fraigNodes = this.fraig.numAnds;
    this.stats.localAttempts = this.local.regions;
    this.stats.proofsChecked += this.local.proofsChecked;
    this.reportCuts();
    return { ...o, stats: this.stats, fraigLit: this.fmap, cuts: this.cutReports };
  }

  /** Random patterns; a differing output pair ends the check, else classes are built. */
  private randomSimulation(): SweepOutcome | null {
    const W = this.words;
    const nIn = this.g.inputs.length;
    const inputWords = this.stats.exhaustive ? allPatterns(nIn, W) : this.randomPatterns(nIn, W);
    const values = simulateAig(this.g, inputWords, W);
    // Classes first, so the cut report also explains an early difference.
    this.classes = SimClasses.fromSimulation(values, W, this.g.numVars);
    this.stats.classes = this.classes.numClasses;
    this.stats.candidates = this.classes.numCandidates;
    this.matchCuts();
    const pairs = this.m.pairs;
    for (let p = 0; p < pairs.length; p += 2) {
      for (let w = 0; w < W; w++) {
        const a = pairs[p];
        const b = pairs[p + 1];
        const diff = (values[(a >>> 1) * W + w] ^ -(a & 1) ^ values[(b >>> 1) * W + w] ^ -(b & 1)) >>> 0;
        if (diff === 0) continue;
        const bit = 31 - Math.clz32(diff & -diff);
        const inputs = new Uint8Array(nIn);
        for (let i = 0; i < nIn; i++) inputs[i] = (inputWords[i * W + w] >>> bit) & 1;
        return this.outcome({ status: 'different', inputs, pair: p >> 1 });
      }
    }
    // Every pattern simulated and the outputs agree on all of them: that is a proof.
    if (this.stats.exhaustive) {
      this.stats.outputsProved = this.stats.outputPairs;
      return this.outcome({ status: 'equivalent' });
    }
    return null;
  }

  private randomPatterns(nIn: number, W: number): Uint32Array {
    const inputWords = new Uint32Array(nIn * W);
    for (let i = 0; i < inputWords.length; i++) inputWords[i] = (this.rand() * 0x100000000) >>> 0;
    // Pattern 0 all zeros and pattern 1 all ones: cheap corner cases.
    for (let i = 0; i < nIn; i++) inputWords[i * W] = (inputWords[i * W] & ~3) | 2;
    return inputWords;
  }

  /** Count cut bits whose simulation class holds a node of the other side. */
  private matchCuts(): void {
    const other = this.params.otherSide ?? 0;
    const side = this.m.side;
    for (const c of this.params.cuts ?? []) {
      let bits = 0;
      let constant = 0;
      const unmatched: number[] = [];
      c.lits.forEach((l, i) => {
        if (l < 0) return;
        bits++;
        const members = this.classes.members(l >>> 1);
        if (members[0] === 0) constant++;
        else if (!members.some((u) => (side[u] & other) !== 0)) unmatched.push(i);
      });
      this.cutReports.push({ name: c.name, bits, constant, matched: bits - constant - unmatched.length, unmatched, proved: 0 });
    }
  }

  /** Fill in `proved`: cut bits whose fraig node is constant or also the fraig node of an other-side node. */
  private reportCuts(): void {
    if (this.cutReports.length === 0) return;
    if (this.stats.exhaustive) {
      // Simulation over every input: a match is a proof.
      this.cutReports = this.cutReports.map((r) => ({ ...r, proved: r.constant + r.matched }));
      return;
    }
    const other = this.params.otherSide ?? 0;
    const hit = new Uint8Array(this.fraig.numVars);
    for (let u = 1; u < this.fmap.length; u++) if ((this.m.side[u] & other) !== 0 && this.fmap[u] >= 0) hit[this.fmap[u] >>> 1] = 1;
    this.cutReports = this.cutReports.map((r, i) => {
      let proved = 0;
      for (const l of this.params.cuts![i].lits) {
        if (l < 0 || this.fmap[l >>> 1] < 0) continue;
        const f = this.fmap[l >>> 1] >>> 1;
        if (f === 0 || hit[f]) proved++;
      }
      return { ...r, proved };
    });
  }

  private newSolver(): void {
    if (this.solver) this.checkProof(this.solver, 'global');
    this.solver = new SatSolver({ proof: this.params.checkProofs === true });
    this.cnf = new AigCnf(this.fraig, this.solver);
    this.callsSinceRecycle = 0;
  }

  /** With `checkProofs`: every clause the solver derived (each unsat answer's core included) must be RUP. */
  private checkProof(solver: SatSolver, what: string): void {
    if (!this.params.checkProofs) return;
    const r = checkDrup(solver.proof());
    if (!r.ok) throw new InternalError(`SAT sweeping: ${what} solver proof does not check: ${r.reason}`);
    this.stats.proofsChecked++;
  }

  /** Topological sweep: rebuild each node in the fraig, merge it into its proved partner. */
  private sweep(): SweepOutcome | null {
    const g = this.g;
    const n = g.numVars;
    const fmap = this.fmap;
    fmap[0] = 0;
    for (let i = 0; i < g.inputs.length; i++) fmap[g.inputs[i]] = this.fraig.addInput(g.inputNames[i]);
    const progressStep = Math.max(1, n >> 6);
    for (let v = 1; v < n; v++) {
      if (!g.isAnd(v)) continue;
      if ((v & 63) === 0 && performance.now() > this.deadline) return this.outcome({ status: 'unknown', reason: 'timeout during SAT sweeping' });
      if (this.params.onProgress && v % progressStep === 0) this.params.onProgress(v, n, 'sweep');
      const f0 = g.fanin0[v];
      const f1 = g.fanin1[v];
      fmap[v] = this.fraig.and((fmap[f0 >>> 1] ^ (f0 & 1)) as Lit, (fmap[f1 >>> 1] ^ (f1 & 1)) as Lit);
      const early = this.mergeNode(v);
      if (early) return early;
    }
    return null;
  }

  /**
   * Try to merge node v (already in the fraig) into its class representative;
   * on a counterexample, refine and try the new representative.
   */
  private mergeNode(v: number): SweepOutcome | null {
    const fmap = this.fmap;
    const phase = this.classes.phase;
    const fv = fmap[v];
    for (;;) {
      const r = this.classes.repr(v);
      if (r < 0) return null;
      const target = fmap[r] ^ phase[v] ^ phase[r];
      if (fv === target) {
        this.stats.structural++;
        return null;
      }
      // Already asked (this fraig node against this target) and undecided, or
      // structurally equal to another member that was: asking again costs the same.
      const limit = this.limitFor(v, r);
      if (this.failedWith[fv >>> 1] === (target ^ (fv & 1)) || this.sharesFraigNode(v, fv) || limit <= 0) {
        this.stats.skipped++;
        return null;
      }
      const res = this.prove(fv, target, limit);
      if (res === 'equal') {
        fmap[v] = target;
        this.stats.proved++;
        return null;
      }
      if (res === 'unknown') {
        this.stats.undecided++;
        this.failedWith[fv >>> 1] = target ^ (fv & 1);
        return null;
      }
      this.stats.refuted++;
      const early = this.refineWithCex(v, r);
      if (early) return early;
    }
  }

  /**
   * Conflict limit for the pair (v, r): cut points get the most effort, pairs
   * across the two circuits the normal limit, and pairs inside one circuit
   * (its own redundancies, optional for the verdict) the least.
   */
  private limitFor(v: number, r: number): number {
    const p = this.params;
    if (this.priority && (this.priority[v] !== 0 || this.priority[r] !== 0)) return p.priorityConflictLimit ?? 20000;
    const side = this.m.side;
    return (side[v] | side[r]) === (SIDE_A | SIDE_B) ? (p.conflictLimit ?? 500) : (p.sameSideConflictLimit ?? 100);
  }

  /** Whether v's fraig node is already that of an earlier member of its class other than the representative. */
  private sharesFraigNode(v: number, fv: number): boolean {
    const members = this.classes.members(v);
    const phase = this.classes.phase;
    for (let i = 1, k = 0; i < members.length && members[i] < v && k < 64; i++, k++) {
      const u = members[i];
      if ((this.fmap[u] ^ phase[u] ^ phase[v]) === fv) return true;
    }
    return false;
  }

  /** Prove fraig literals x == y; on 'differ' the counterexample is in this.cex. */
  private prove(x: number, y: number, conflictLimit: number): Proof {
    if (this.proveLocally(x, y)) return 'equal';
    const t = performance.now();
    const r = this.proveGlobally(x, y, conflictLimit);
    this.stats.globalSec += (performance.now() - t) / 1000;
    return r;
  }

  /** A local proof on the difference region (see local.ts); records the equivalence when it succeeds. */
  private proveLocally(x: number, y: number): boolean {
    const localNodes = this.params.localNodes ?? 2000;
    if (localNodes <= 0) return false;
    const t = performance.now();
    const ok = this.local.check(x, y, localNodes, this.params.localConflictLimit ?? 1000) === 'equal';
    this.stats.localSec += (performance.now() - t) / 1000;
    if (!ok) return false;
    this.stats.localProofs++;
    // A local result is no lemma of the global solver's own proof: when proofs are checked, keep them apart.
    if (!this.params.checkProofs && this.cnf.isEncoded(x >>> 1) && this.cnf.isEncoded(y >>> 1)) this.addEquivalence(this.cnf.lit(x), this.cnf.lit(y));
    return true;
  }

  /** Both directions of x != y in the incremental solver over the whole fraig. */
  private proveGlobally(x: number, y: number, conflictLimit: number): Proof {
    if (++this.callsSinceRecycle > (this.params.recycleCalls ?? 200) && this.solver.numVars > (this.params.recycleVars ?? 2000)) {
      this.newSolver();
      this.stats.solverRecycles++;
    }
    const X = this.cnf.lit(x);
    const Y = this.cnf.lit(y);
    // Decide only inside the two cones: other variables cannot matter to x != y.
    if (this.params.scopeDecisions ?? true) this.solver.setDecisionScope(this.cnf.coneVars([x, y]));
    const limits = { conflictLimit, deadline: this.deadline };
    for (const assumption of [Int32Array.of(X, Y ^ 1), Int32Array.of(X ^ 1, Y)]) {
      this.stats.satCalls++;
      const c0 = this.solver.stats.conflicts;
      const r = this.solver.solve(assumption, limits);
      this.stats.globalConflicts += this.solver.stats.conflicts - c0;
      if (r === 'unknown') return 'unknown';
      if (r === 'sat') {
        this.readCex();
        return 'differ';
      }
    }
    this.addEquivalence(X, Y);
    return 'equal';
  }

  /** Record a proved equivalence of SAT literals for later queries (implied clauses: sound). */
  private addEquivalence(X: number, Y: number): void {
    this.solver.addLemma([X ^ 1, Y]);
    this.solver.addLemma([X, Y ^ 1]);
  }

  /**
   * Input values of the last model. Inputs outside the query's cones (not
   * encoded, or left unassigned under the decision scope) get random values:
   * they cannot change x or y.
   */
  private readCex(): void {
    const ins = this.fraig.inputs;
    for (let i = 0; i < ins.length; i++) {
      const sv = this.cnf.satVarOf(ins[i]);
      const value = sv >= 0 ? this.solver.modelLiteralValue(2 * sv) : -1;
      this.cex[i] = value >= 0 ? value : this.rand() < 0.5 ? 1 : 0;
    }
  }

  /**
   * Simulate the counterexample and 31 neighbours on the miter; check the
   * outputs; split the classes. The counterexample must separate v from r.
   */
  private refineWithCex(v: number, r: number): SweepOutcome | null {
    const nIn = this.cex.length;
    const pw = this.patternWords;
    for (let i = 0; i < nIn; i++) pw[i] = this.cex[i] ? 0xffffffff : 0;
    for (let k = 1; k < 32 && nIn > 0; k++) {
      const i = Math.floor(this.rand() * nIn);
      pw[i] ^= 1 << k;
    }
    const val = simulateAig(this.g, pw, 1, this.oneWord);
    const phase = this.classes.phase;
    if ((((val[v] ^ val[r]) & 1) ^ phase[v] ^ phase[r]) === 0) {
      throw new InternalError(`SAT sweeping: counterexample for nodes ${r} and ${v} does not separate them in simulation`);
    }
    const early = this.checkOutputsOnWord(val, pw);
    if (early) return early;
    this.stats.refinements++;
    this.classes.refine(val, v);
    return null;
  }

  private checkOutputsOnWord(val: Uint32Array, pw: Uint32Array): SweepOutcome | null {
    const pairs = this.m.pairs;
    for (let p = 0; p < pairs.length; p += 2) {
      const a = pairs[p];
      const b = pairs[p + 1];
      const diff = (val[a >>> 1] ^ -(a & 1) ^ val[b >>> 1] ^ -(b & 1)) >>> 0;
      if (diff === 0) continue;
      const bit = 31 - Math.clz32(diff & -diff);
      const inputs = Uint8Array.from(pw, (w) => (w >>> bit) & 1);
      return this.outcome({ status: 'different', inputs, pair: p >> 1 });
    }
    return null;
  }

  /** Prove every output pair in the fraig (no conflict limit). */
  private proveOutputs(): SweepOutcome {
    const pairs = this.m.pairs;
    const fmap = this.fmap;
    const np = pairs.length >> 1;
    let undecided = -1;
    for (let p = 0; p < np; p++) {
      this.params.onProgress?.(p, np, 'outputs');
      const a = pairs[2 * p];
      const b = pairs[2 * p + 1];
      const fa = fmap[a >>> 1] ^ (a & 1);
      const fb = fmap[b >>> 1] ^ (b & 1);
      if (fa === fb) {
        this.stats.outputsProved++;
        continue;
      }
      const res = this.prove(fa, fb, Infinity);
      if (res === 'unknown') {
        if (undecided < 0) undecided = p;
        if (performance.now() > this.deadline) break;
        continue;
      }
      if (res === 'differ') {
        const pw = this.patternWords;
        for (let i = 0; i < pw.length; i++) pw[i] = this.cex[i];
        const val = simulateAig(this.g, pw, 1, this.oneWord);
        const r = this.checkOutputsOnWord(val, pw);
        if (!r) throw new InternalError(`SAT sweeping: counterexample for output pair ${p} does not replay on the miter`);
        return r;
      }
      // Proved: merge b's node into a's, like any other proved pair.
      if (b >>> 1 !== 0) fmap[b >>> 1] = fa ^ (b & 1);
      this.stats.outputsProved++;
    }
    if (undecided >= 0) return this.outcome({ status: 'unknown', reason: `timeout proving output bit ${undecided}` });
    return this.outcome({ status: 'equivalent' });
  }
}

/** Input words enumerating every pattern: bit p of word w of input i is bit i of (32w + p) (mod 2^nIn). */
function allPatterns(nIn: number, W: number): Uint32Array {
  const out = new Uint32Array(nIn * W);
  for (let i = 0; i < nIn; i++) {
    for (let w = 0; w < W; w++) {
      let x = 0;
      for (let p = 0; p < 32; p++) if ((((w * 32 + p) % 2 ** nIn) >>> i) & 1) x |= 1 << p;
      out[i * W + w] = x >>> 0;
    }
  }
  return out;
}

function emptyStats(nodes: number, inputs: number, outputPairs: number): SweepStats {
  const zero = { classes: 0, candidates: 0, satCalls: 0, proved: 0, refuted: 0, undecided: 0, structural: 0, skipped: 0 };
  const local = { localProofs: 0, localAttempts: 0, refinements: 0, outputsProved: 0, fraigNodes: 0, solverRecycles: 0, proofsChecked: 0, globalConflicts: 0 };
  const times = { localSec: 0, globalSec: 0, simulationSec: 0, sweepSec: 0, outputSec: 0 };
  return { nodes, inputs, outputPairs, exhaustive: false, ...zero, ...local, ...times };
}

/** Deterministic xorshift32 generator in [0, 1). */
function xorshift(seed: number): () => number {
  let x = (seed | 0) || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
