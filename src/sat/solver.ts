/**
 * A CDCL SAT solver in flat typed arrays, built for many small incremental
 * queries (SAT sweeping) as well as single hard ones.
 *
 * Conventions: variables are 0 .. numVars-1; a literal is `2 * var + neg`
 * (the AIG convention), so `lit ^ 1` is its negation.
 *
 * Techniques: two watched literals with blocker literals and implicit binary
 * clauses; first-UIP learning with recursive clause minimisation; EVSIDS with
 * a binary heap; phase saving; glucose-style restarts (fast vs slow moving
 * average of learnt-clause LBD); learnt-clause deletion by LBD then activity;
 * solving under assumptions with a final-conflict core; optional DRUP proof
 * log ({@link SatSolver.proof}) checked by `checkDrup` in `drup.ts`.
 *
 * Invariants:
 * - clause storage is one Int32Array arena; a clause at reference `c` has the
 *   header `[size, flags, activity]` at `c .. c+2` and its literals after it;
 * - every clause of size >= 2 is watched by its first two literals; a watch is
 *   the pair `(2 * cref + isBinary, blocker)` in the list of the watched literal,
 *   visited when that literal becomes false;
 * - the reason of a variable implied by a long clause is that clause, with the
 *   implied literal in position 0; binary reasons keep their order (analysis
 *   skips the implied variable instead of relying on positions);
 * - reasons of level-0 variables are never read, so clauses may be deleted at
 *   level 0 even when they were reasons there.
 * @module
 */

/** Outcome of {@link SatSolver.solve}. */
export type SatResult = 'sat' | 'unsat' | 'unknown';

/** Budget of one {@link SatSolver.solve} call. */
export interface SolveLimits {
  /** Give up ('unknown') after this many conflicts in this call. */
  readonly conflictLimit?: number;
  /** Give up ('unknown') once `performance.now()` passes this (milliseconds). */
  readonly deadline?: number;
}

/** Options of {@link SatSolver}. */
export interface SatSolverOptions {
  /** Record a DRUP proof of every clause learnt or deleted (default false). */
  readonly proof?: boolean;
  /** Conflicts before the first learnt-clause reduction (default 2000; each later interval is 300 longer). */
  readonly reduceInterval?: number;
}

/** Counters since the solver was made. */
export interface SatStats {
  /** Calls of solve. */
  solves: number;
  conflicts: number;
  decisions: number;
  /** Literals propagated (taken off the trail). */
  propagations: number;
  restarts: number;
  /** Learnt-clause database reductions. */
  reductions: number;
  /** Clauses learnt (units included). */
  learnts: number;
}

/** Proof log entry tags (see {@link SatSolver.proof}). */
export const PROOF_INPUT = 0;
/** A clause derived by the solver (must be RUP). */
export const PROOF_ADD = 1;
/** A clause the solver forgets. */
export const PROOF_DELETE = 2;

const HDR = 3;
const F_LEARNT = 1;
const F_DELETED = 2;
const LBD_SHIFT = 2;
const NONE = -1;
const VAR_DECAY = 0.95;
const CLA_DECAY = 0.999;

/**
 * An incremental CDCL SAT solver.
 *
 * @example
 * ```ts
 * import { SatSolver } from 'bnn-universal';
 * const s = new SatSolver();
 * const a = s.newVar(), b = s.newVar();
 * s.addClause([2 * a, 2 * b]);          // a or b
 * s.addClause([2 * a + 1]);             // not a
 * console.log(s.solve());               // 'sat'
 * console.log(s.modelValue(2 * b));     // true
 * console.log(s.solve(Int32Array.of(2 * b + 1))); // 'unsat' under assumption not b
 * ```
 */
export class SatSolver {
  /** Counters since construction. */
  readonly stats: SatStats = { solves: 0, conflicts: 0, decisions: 0, propagations: 0, restarts: 0, reductions: 0, learnts: 0 };

  private nVars = 0;
  private cap = 0;
  // Clause arena; `memF` views the same buffer to store activities as float32.
  private mem = new Int32Array(1 << 12);
  private memF = new Float32Array(this.mem.buffer);
  private memTop = 0;
  private wasted = 0;
  private origs = new Int32Array(64);
  private nOrigs = 0;
  private learnts = new Int32Array(64);
  private nLearnts = 0;
  // Per literal.
  private watches: Int32Array[] = [];
  private watchN = new Int32Array(0);
  private val = new Int8Array(0);
  // Per variable.
  private level = new Int32Array(0);
  private reason = new Int32Array(0);
  private polarity = new Uint8Array(0);
  private seen = new Uint8Array(0);
  private activity = new Float64Array(0);
  private heap = new Int32Array(0);
  private heapPos = new Int32Array(0);
  private heapN = 0;
  // Trail.
  private trail = new Int32Array(0);
  private trailN = 0;
  private qhead = 0;
  private trailLim = new Int32Array(16);
  private nLevels = 0;
  // Analysis scratch.
  private learntBuf = new Int32Array(64);
  private addBuf = new Int32Array(16);
  private learntN = 0;
  private stack = new Int32Array(64);
  private toClear = new Int32Array(64);
  private toClearN = 0;
  private lbdStamp = new Int32Array(0);
  private lbdCounter = 0;
  // Heuristics state.
  private varInc = 1;
  private claInc = 1;
  private emaFast = 0;
  private emaSlow = 0;
  private conflictsSinceRestart = 0;
  private nextReduce = 2000;
  private reduceInterval = 2000;
  private simplifiedTrail = -1;
  private ok = true;
  private coreLits: number[] = [];
  // Decision scope (setDecisionScope): epoch 0 = none.
  private scopeMark = new Int32Array(0);
  private scopeEpoch = 0;
  private parked: number[] = [];
  private hasModel = false;
  // Proof log.
  private readonly logging: boolean;
  private proofBuf = new Int32Array(0);
  private proofN = 0;
  private unitsLogged = 0;

  constructor(options: SatSolverOptions = {}) {
    this.logging = options.proof === true;
    this.reduceInterval = this.nextReduce = Math.max(1, options.reduceInterval ?? 2000);
    if (this.logging) this.proofBuf = new Int32Array(1024);
  }

  /** Number of variables. */
  get numVars(): number {
    return this.nVars;
  }

  /** Number of clauses currently stored (original and learnt). */
  get numClauses(): number {
    return this.nOrigs + this.nLearnts;
  }

  /** False once the clauses alone are unsatisfiable (no assumptions needed). */
  get okay(): boolean {
    return this.ok;
  }

  /** Create a variable; returns its index. */
  newVar(): number {
    const v = this.nVars;
    if (v === this.cap) this.grow(Math.max(16, this.cap * 2));
    this.nVars++;
    this.watches[2 * v] = new Int32Array(4);
    this.watches[2 * v + 1] = new Int32Array(4);
    this.level[v] = 0;
    this.reason[v] = NONE;
    this.polarity[v] = 1;
    this.activity[v] = 0;
    this.heapPos[v] = NONE;
    this.heapInsert(v);
    return v;
  }

  /**
   * Add a clause (literals over existing variables). Returns false when the
   * clause set became unsatisfiable. Drops any model of the last call.
   */
  addClause(lits: ArrayLike<number>): boolean {
    return this.add(lits, PROOF_INPUT);
  }

  /**
   * Add a clause that the caller knows to follow from the clauses already
   * given (e.g. an equivalence just proved by two 'unsat' answers). Same as
   * {@link addClause}, except that the proof log records it as derived, so a
   * proof checker verifies the claim instead of trusting it.
   */
  addLemma(lits: ArrayLike<number>): boolean {
    return this.add(lits, PROOF_ADD);
  }

  private add(lits: ArrayLike<number>, tag: number): boolean {
    this.cancelUntil(0);
    this.hasModel = false;
    if (this.logging) this.logClause(tag, lits, 0, lits.length);
    if (!this.ok) return false;
    // Copy, sort (insertion sort: clauses are short), drop duplicates and
    // level-0 false literals; detect tautologies.
    const m = lits.length;
    if (this.addBuf.length < m) this.addBuf = new Int32Array(2 * m);
    const buf = this.addBuf;
    for (let i = 0; i < m; i++) {
      const l = lits[i];
      if (!(l >= 0 && l >>> 1 < this.nVars && Number.isInteger(l))) throw new RangeError(`SAT literal ${l} out of range`);
      let j = i;
      for (; j > 0 && buf[j - 1] > l; j--) buf[j] = buf[j - 1];
      buf[j] = l;
    }
    let n = 0;
    let prev = -1;
    for (let i = 0; i < m; i++) {
      const l = buf[i];
      const v = this.val[l];
      if (v === 1 || l === (prev ^ 1)) return true;
      if (v === -1 || l === prev) continue;
      buf[n++] = prev = l;
    }
    if (n < lits.length && this.logging) this.logClause(PROOF_ADD, buf, 0, n);
    if (n === 0) {
      this.ok = false;
      return false;
    }
    if (n === 1) {
      this.assign(buf[0], NONE);
      this.ok = this.propagate() === NONE;
      if (!this.ok && this.logging) this.logClause(PROOF_ADD, buf, 0, 0);
      return this.ok;
    }
    const c = this.allocClause(buf, n, false, 0);
    this.pushOrig(c);
    this.attach(c);
    return true;
  }

  /**
   * Search for an assignment satisfying the clauses and the assumption
   * literals. 'unknown' when a limit stops the search. After 'sat', read the
   * model with {@link modelValue} (valid until the next change); after
   * 'unsat', {@link core} gives the assumptions that were needed.
   */
  solve(assumptions: Int32Array = new Int32Array(0), limits: SolveLimits = {}): SatResult {
    this.cancelUntil(0);
    this.hasModel = false;
    this.coreLits = [];
    this.stats.solves++;
    if (!this.ok) return 'unsat';
    for (let i = 0; i < assumptions.length; i++) {
      const a = assumptions[i];
      if (a < 0 || a >>> 1 >= this.nVars) throw new RangeError(`SAT assumption ${a} out of range`);
    }
    if (this.propagate() !== NONE) {
      this.ok = false;
      if (this.logging) this.logClause(PROOF_ADD, this.learntBuf, 0, 0);
      return 'unsat';
    }
    this.simplify();
    this.unpark();
    const r = this.search(assumptions, limits);
    if (r === 'sat') this.hasModel = true;
    else this.cancelUntil(0);
    return r;
  }

  /**
   * Decide only on these variables from now on (null: on all). Meant for
   * circuit CNFs: with the scope a fanin-closed cone of Tseitin-encoded
   * nodes, 'sat' means every scope variable is assigned consistently with
   * the clauses (so the cone's inputs reproduce its values), while variables
   * outside the scope may stay unassigned ({@link modelValue} then reads
   * false). 'unsat' answers are unaffected: they never depend on decisions.
   */
  setDecisionScope(vars: ArrayLike<number> | null): void {
    this.hasModel = false;
    if (vars === null) {
      this.scopeEpoch = 0;
      return;
    }
    if (this.scopeMark.length < this.cap) {
      const m = new Int32Array(this.cap);
      m.set(this.scopeMark);
      this.scopeMark = m;
    }
    this.scopeEpoch++;
    for (let i = 0; i < vars.length; i++) this.scopeMark[vars[i]] = this.scopeEpoch;
  }

  /** Value of a literal in the model of the last 'sat' answer. */
  modelValue(lit: number): boolean {
    if (!this.hasModel) throw new Error('SatSolver.modelValue: no model (last solve was not sat, or the solver changed)');
    return this.val[lit] === 1;
  }

  /** Like {@link modelValue}, but 1 (true), 0 (false) or -1 (left unassigned under a decision scope). */
  modelLiteralValue(lit: number): number {
    if (!this.hasModel) throw new Error('SatSolver.modelLiteralValue: no model (last solve was not sat, or the solver changed)');
    const v = this.val[lit];
    return v === 0 ? -1 : v === 1 ? 1 : 0;
  }

  /**
   * After 'unsat' under assumptions: a subset of the assumption literals that
   * is already unsatisfiable with the clauses (empty when the clauses alone are).
   */
  core(): Int32Array {
    return Int32Array.from(this.coreLits);
  }

  /**
   * The DRUP proof log so far (only with `{proof: true}`): a sequence of
   * entries `tag, n, lit_1 .. lit_n`, tag one of {@link PROOF_INPUT}
   * (a clause given to {@link addClause}), {@link PROOF_ADD} (a derived
   * clause, reverse-unit-propagation implied by the clauses before it) or
   * {@link PROOF_DELETE}.
   */
  proof(): Int32Array {
    return this.proofBuf.slice(0, this.proofN);
  }

  // ---------------------------------------------------------------- search

  private search(assumptions: Int32Array, limits: SolveLimits): SatResult {
    const conflictLimit = limits.conflictLimit ?? Infinity;
    const deadline = limits.deadline ?? Infinity;
    const hasDeadline = deadline !== Infinity;
    if (hasDeadline && performance.now() > deadline) return 'unknown';
    let conflicts = 0;
    for (;;) {
      const confl = this.propagate();
      if (confl !== NONE) {
        conflicts++;
        this.stats.conflicts++;
        this.conflictsSinceRestart++;
        if (this.nLevels === 0) {
          this.ok = false;
          if (this.logging) this.logClause(PROOF_ADD, this.learntBuf, 0, 0);
          return 'unsat';
        }
        this.learnFrom(confl);
        if (conflicts >= conflictLimit) return 'unknown';
        if (hasDeadline && (conflicts & 63) === 0 && performance.now() > deadline) return 'unknown';
        continue;
      }
      if (this.shouldRestart()) {
        this.stats.restarts++;
        this.conflictsSinceRestart = 0;
        this.cancelUntil(0);
        if (hasDeadline && performance.now() > deadline) return 'unknown';
      }
      if (this.stats.conflicts >= this.nextReduce) {
        // Reduction runs at level 0, where no clause is a reason that is read.
        this.cancelUntil(0);
        this.reduceLearnts();
        this.reduceInterval += 300;
        this.nextReduce = this.stats.conflicts + this.reduceInterval;
        continue;
      }
      let next = NONE;
      while (this.nLevels < assumptions.length) {
        const a = assumptions[this.nLevels];
        const va = this.val[a];
        if (va === 1) {
          this.newLevel();
        } else if (va === -1) {
          this.analyzeFinal(a ^ 1);
          return 'unsat';
        } else {
          next = a;
          break;
        }
      }
      if (next === NONE) {
        next = this.pickBranch();
        if (next === NONE) return 'sat';
        this.stats.decisions++;
        if (hasDeadline && (this.stats.decisions & 4095) === 0 && performance.now() > deadline) return 'unknown';
      }
      this.newLevel();
      this.assign(next, NONE);
    }
  }

  /** Glucose-style: restart when recent LBDs are clearly worse than the long-run average. */
  private shouldRestart(): boolean {
    return this.conflictsSinceRestart >= 50 && this.emaFast > 1.25 * this.emaSlow;
  }

  private learnFrom(confl: number): void {
    const bt = this.analyze(confl);
    const n = this.learntN;
    const buf = this.learntBuf;
    this.cancelUntil(bt);
    if (this.logging) this.logClause(PROOF_ADD, buf, 0, n);
    if (n === 1) {
      this.assign(buf[0], NONE);
    } else {
      const lbd = this.computeLbd(buf, n);
      const c = this.allocClause(buf, n, true, lbd);
      this.pushLearnt(c);
      this.attach(c);
      this.bumpClause(c);
      this.assign(buf[0], c);
      this.updateEma(lbd);
    }
    this.stats.learnts++;
    this.varInc /= VAR_DECAY;
    this.claInc /= CLA_DECAY;
  }

  private updateEma(lbd: number): void {
    const k = this.stats.conflicts;
    const slow = k < 8192 ? 1 / k : 1 / 8192;
    const fast = k < 32 ? 1 / k : 1 / 32;
    this.emaSlow += slow * (lbd - this.emaSlow);
    this.emaFast += fast * (lbd - this.emaFast);
  }

  // ----------------------------------------------------------- propagation

  private assign(lit: number, from: number): void {
    const v = lit >>> 1;
    this.val[lit] = 1;
    this.val[lit ^ 1] = -1;
    this.level[v] = this.nLevels;
    this.reason[v] = from;
    this.trail[this.trailN++] = lit;
  }

  /** Unit propagation; returns a conflicting clause reference or NONE. */
  private propagate(): number {
    const val = this.val;
    const mem = this.mem;
    const trail = this.trail;
    const level = this.level;
    const reason = this.reason;
    const watches = this.watches;
    const watchN = this.watchN;
    const lvl = this.nLevels;
    let confl = NONE;
    let qhead = this.qhead;
    let trailN = this.trailN;
    while (qhead < trailN) {
      const falseLit = trail[qhead++] ^ 1;
      const ws = watches[falseLit];
      const n = watchN[falseLit];
      let i = 0;
      let j = 0;
      while (i < n) {
        const w = ws[i];
        const blocker = ws[i + 1];
        i += 2;
        const vb = val[blocker];
        if (vb === 1) {
          ws[j++] = w;
          ws[j++] = blocker;
          continue;
        }
        if ((w & 1) === 1) {
          // Binary clause: the blocker is the other literal.
          ws[j++] = w;
          ws[j++] = blocker;
          if (vb === 0) {
            const v = blocker >>> 1;
            val[blocker] = 1;
            val[blocker ^ 1] = -1;
            level[v] = lvl;
            reason[v] = w >>> 1;
            trail[trailN++] = blocker;
          } else {
            confl = w >>> 1;
            break;
          }
          continue;
        }
        const c = w >>> 1;
        const base = c + HDR;
        let first = mem[base];
        if (first === falseLit) {
          first = mem[base + 1];
          mem[base] = first;
          mem[base + 1] = falseLit;
        }
        const vf = val[first];
        if (first !== blocker && vf === 1) {
          ws[j++] = w;
          ws[j++] = first;
          continue;
        }
        const end = base + mem[c];
        let k = base + 2;
        while (k < end && val[mem[k]] === -1) k++;
        if (k < end) {
          const l = mem[k];
          mem[base + 1] = l;
          mem[k] = falseLit;
          this.pushWatch(l, w, first);
          continue;
        }
        ws[j++] = w;
        ws[j++] = first;
        if (vf === -1) {
          confl = c;
          break;
        }
        const v = first >>> 1;
        val[first] = 1;
        val[first ^ 1] = -1;
        level[v] = lvl;
        reason[v] = c;
        trail[trailN++] = first;
      }
      if (confl !== NONE) {
        while (i < n) ws[j++] = ws[i++];
        watchN[falseLit] = j;
        qhead = trailN;
        break;
      }
      watchN[falseLit] = j;
    }
    this.stats.propagations += qhead - this.qhead;
    this.qhead = qhead;
    this.trailN = trailN;
    return confl;
  }

  private pushWatch(lit: number, w: number, blocker: number): void {
    let ws = this.watches[lit];
    const n = this.watchN[lit];
    if (n + 2 > ws.length) {
      const bigger = new Int32Array(ws.length * 2);
      bigger.set(ws);
      this.watches[lit] = ws = bigger;
    }
    ws[n] = w;
    ws[n + 1] = blocker;
    this.watchN[lit] = n + 2;
  }

  private attach(c: number): void {
    const mem = this.mem;
    const a = mem[c + HDR];
    const b = mem[c + HDR + 1];
    const bin = mem[c] === 2 ? 1 : 0;
    this.pushWatch(a, 2 * c + bin, b);
    this.pushWatch(b, 2 * c + bin, a);
  }

  private newLevel(): void {
    if (this.nLevels === this.trailLim.length) this.trailLim = growI32(this.trailLim, this.trailLim.length * 2);
    // Assumptions that already hold open empty levels, so levels can outnumber variables.
    if (this.nLevels + 1 >= this.lbdStamp.length) this.lbdStamp = growI32(this.lbdStamp, 2 * (this.nLevels + 1));
    this.trailLim[this.nLevels++] = this.trailN;
  }

  private cancelUntil(lvl: number): void {
    if (this.nLevels <= lvl) return;
    const stop = this.trailLim[lvl];
    for (let i = this.trailN - 1; i >= stop; i--) {
      const l = this.trail[i];
      const v = l >>> 1;
      this.val[l] = 0;
      this.val[l ^ 1] = 0;
      this.polarity[v] = l & 1;
      if (this.heapPos[v] === NONE) this.heapInsert(v);
    }
    this.trailN = this.qhead = stop;
    this.nLevels = lvl;
  }

  // -------------------------------------------------------------- analysis

  /**
   * First-UIP analysis of a conflict; leaves the minimised learnt clause in
   * learntBuf (asserting literal first, a literal of the backjump level second)
   * and returns the backjump level.
   */
  private analyze(confl: number): number {
    const mem = this.mem;
    const seen = this.seen;
    const level = this.level;
    const trail = this.trail;
    const lvl = this.nLevels;
    this.learntN = 1;
    let pathC = 0;
    let p = NONE;
    let idx = this.trailN - 1;
    let c = confl;
    do {
      if ((mem[c + 1] & F_LEARNT) !== 0) this.bumpClause(c);
      const end = c + HDR + mem[c];
      for (let k = c + HDR; k < end; k++) {
        const q = mem[k];
        const v = q >>> 1;
        if (p !== NONE && v === p >>> 1) continue;
        if (seen[v] === 0 && level[v] > 0) {
          this.bumpVar(v);
          seen[v] = 1;
          if (level[v] >= lvl) pathC++;
          else this.pushLearntLit(q);
        }
      }
      while (seen[trail[idx] >>> 1] === 0) idx--;
      p = trail[idx--];
      c = this.reason[p >>> 1];
      seen[p >>> 1] = 0;
      pathC--;
    } while (pathC > 0);
    this.learntBuf[0] = p ^ 1;
    this.minimise();
    return this.placeBackjumpLiteral();
  }

  private pushLearntLit(l: number): void {
    if (this.learntN === this.learntBuf.length) this.learntBuf = growI32(this.learntBuf, this.learntN * 2);
    this.learntBuf[this.learntN++] = l;
  }

  /** Drop literals implied by the others (recursive minimisation); clears `seen`. */
  private minimise(): void {
    const buf = this.learntBuf;
    const n = this.learntN;
    this.toClearN = 0;
    let abstract = 0;
    for (let i = 1; i < n; i++) {
      abstract |= 1 << (this.level[buf[i] >>> 1] & 31);
      this.pushToClear(buf[i]);
    }
    let j = 1;
    for (let i = 1; i < n; i++) {
      const l = buf[i];
      if (this.reason[l >>> 1] === NONE || !this.redundant(l, abstract)) buf[j++] = l;
    }
    this.learntN = j;
    for (let i = 0; i < this.toClearN; i++) this.seen[this.toClear[i] >>> 1] = 0;
  }

  private pushToClear(l: number): void {
    if (this.toClearN === this.toClear.length) this.toClear = growI32(this.toClear, this.toClearN * 2);
    this.toClear[this.toClearN++] = l;
  }

  /** Whether literal p of the learnt clause is implied by the other marked literals. */
  private redundant(p: number, abstract: number): boolean {
    const mem = this.mem;
    const seen = this.seen;
    const level = this.level;
    const reason = this.reason;
    const top = this.toClearN;
    let sp = 0;
    this.stack[sp++] = p;
    while (sp > 0) {
      const q = this.stack[--sp];
      const c = reason[q >>> 1];
      const end = c + HDR + mem[c];
      for (let k = c + HDR; k < end; k++) {
        const l = mem[k];
        const v = l >>> 1;
        if (v === q >>> 1 || seen[v] !== 0 || level[v] === 0) continue;
        if (reason[v] !== NONE && ((1 << (level[v] & 31)) & abstract) !== 0) {
          seen[v] = 1;
          if (sp === this.stack.length) this.stack = growI32(this.stack, sp * 2);
          this.stack[sp++] = l;
          this.pushToClear(l);
        } else {
          for (let i = top; i < this.toClearN; i++) seen[this.toClear[i] >>> 1] = 0;
          this.toClearN = top;
          return false;
        }
      }
    }
    return true;
  }

  /** Move a literal of the highest level among buf[1..] to position 1; return that level. */
  private placeBackjumpLiteral(): number {
    const buf = this.learntBuf;
    if (this.learntN === 1) return 0;
    let maxI = 1;
    for (let i = 2; i < this.learntN; i++) {
      if (this.level[buf[i] >>> 1] > this.level[buf[maxI] >>> 1]) maxI = i;
    }
    const t = buf[1];
    buf[1] = buf[maxI];
    buf[maxI] = t;
    return this.level[buf[1] >>> 1];
  }

  private computeLbd(buf: Int32Array, n: number): number {
    const stamp = ++this.lbdCounter;
    let lbd = 0;
    for (let i = 0; i < n; i++) {
      const lv = this.level[buf[i] >>> 1];
      if (this.lbdStamp[lv] !== stamp) {
        this.lbdStamp[lv] = stamp;
        lbd++;
      }
    }
    return lbd;
  }

  /** The assumptions responsible for `p` (a literal on the trail) being true. */
  private analyzeFinal(p: number): void {
    const core: number[] = [p ^ 1];
    if (this.nLevels > 0) {
      const seen = this.seen;
      const mem = this.mem;
      seen[p >>> 1] = 1;
      for (let i = this.trailN - 1; i >= this.trailLim[0]; i--) {
        const l = this.trail[i];
        const v = l >>> 1;
        if (seen[v] === 0) continue;
        const c = this.reason[v];
        if (c === NONE) {
          // Every decision on the trail here is an assumption (assumptions come first).
          core.push(l);
        } else {
          const end = c + HDR + mem[c];
          for (let k = c + HDR; k < end; k++) {
            const u = mem[k] >>> 1;
            if (u !== v && this.level[u] > 0) seen[u] = 1;
          }
        }
        seen[v] = 0;
      }
      seen[p >>> 1] = 0;
    }
    this.coreLits = core;
    if (this.logging) {
      const neg = core.map((l) => l ^ 1);
      this.logClause(PROOF_ADD, neg, 0, neg.length);
    }
  }

  // ----------------------------------------------------------- heuristics

  private bumpVar(v: number): void {
    if ((this.activity[v] += this.varInc) > 1e100) {
      for (let u = 0; u < this.nVars; u++) this.activity[u] *= 1e-100;
      this.varInc *= 1e-100;
    }
    if (this.heapPos[v] !== NONE) this.heapUp(this.heapPos[v]);
  }

  private bumpClause(c: number): void {
    const f = this.memF;
    if ((f[c + 2] += this.claInc) > 1e20) {
      for (let i = 0; i < this.nLearnts; i++) f[this.learnts[i] + 2] *= 1e-20;
      this.claInc *= 1e-20;
    }
  }

  private pickBranch(): number {
    const scoped = this.scopeEpoch !== 0;
    while (this.heapN > 0) {
      const v = this.heapPop();
      if (this.val[2 * v] !== 0) continue;
      if (scoped && this.scopeMark[v] !== this.scopeEpoch) {
        this.parked.push(v);
        continue;
      }
      return 2 * v + this.polarity[v];
    }
    return NONE;
  }

  /** Put variables set aside by a decision scope back into the heap. */
  private unpark(): void {
    for (const v of this.parked) if (this.heapPos[v] === NONE) this.heapInsert(v);
    this.parked.length = 0;
  }

  private heapInsert(v: number): void {
    this.heap[this.heapN] = v;
    this.heapPos[v] = this.heapN;
    this.heapUp(this.heapN++);
  }

  private heapPop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapN];
    this.heapPos[top] = NONE;
    if (this.heapN > 0) {
      heap[0] = last;
      this.heapPos[last] = 0;
      this.heapDown(0);
    }
    return top;
  }

  private heapUp(i: number): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const act = this.activity;
    const v = heap[i];
    const a = act[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = heap[parent];
      if (act[pv] >= a) break;
      heap[i] = pv;
      pos[pv] = i;
      i = parent;
    }
    heap[i] = v;
    pos[v] = i;
  }

  private heapDown(i: number): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const act = this.activity;
    const n = this.heapN;
    const v = heap[i];
    const a = act[v];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && act[heap[child + 1]] > act[heap[child]]) child++;
      if (act[heap[child]] <= a) break;
      heap[i] = heap[child];
      pos[heap[i]] = i;
      i = child;
    }
    heap[i] = v;
    pos[v] = i;
  }

  // ------------------------------------------------------ clause database

  private allocClause(lits: ArrayLike<number>, n: number, learnt: boolean, lbd: number): number {
    const need = this.memTop + HDR + n;
    if (need > this.mem.length) {
      let size = this.mem.length * 2;
      while (size < need) size *= 2;
      this.mem = growI32(this.mem, size);
      this.memF = new Float32Array(this.mem.buffer);
    }
    const c = this.memTop;
    this.mem[c] = n;
    this.mem[c + 1] = (learnt ? F_LEARNT : 0) | (lbd << LBD_SHIFT);
    this.memF[c + 2] = 0;
    for (let i = 0; i < n; i++) this.mem[c + HDR + i] = lits[i];
    this.memTop = need;
    return c;
  }

  private pushOrig(c: number): void {
    if (this.nOrigs === this.origs.length) this.origs = growI32(this.origs, this.nOrigs * 2);
    this.origs[this.nOrigs++] = c;
  }

  private pushLearnt(c: number): void {
    if (this.nLearnts === this.learnts.length) this.learnts = growI32(this.learnts, this.nLearnts * 2);
    this.learnts[this.nLearnts++] = c;
  }

  /** Delete a clause (level 0 only). */
  private deleteClause(c: number): void {
    this.mem[c + 1] |= F_DELETED;
    this.wasted += HDR + this.mem[c];
    if (this.logging) {
      // The clause may be why a level-0 literal holds: log those units first so
      // the proof keeps them after the deletion.
      for (; this.unitsLogged < this.trailN; this.unitsLogged++) this.logClause(PROOF_ADD, this.trail, this.unitsLogged, 1);
      this.logClause(PROOF_DELETE, this.mem, c + HDR, this.mem[c]);
    }
  }

  /** At level 0: forget half of the learnt clauses, keeping glue (LBD <= 2) clauses. */
  private reduceLearnts(): void {
    this.stats.reductions++;
    const mem = this.mem;
    const f = this.memF;
    const cand: number[] = [];
    for (let i = 0; i < this.nLearnts; i++) {
      const c = this.learnts[i];
      if (mem[c] > 2 && mem[c + 1] >>> LBD_SHIFT > 2) cand.push(c);
    }
    cand.sort((a, b) => (mem[b + 1] >>> LBD_SHIFT) - (mem[a + 1] >>> LBD_SHIFT) || f[a + 2] - f[b + 2]);
    const kill = cand.length >> 1;
    for (let i = 0; i < kill; i++) this.deleteClause(cand[i]);
    this.removeDeleted();
  }

  /** At level 0: delete clauses satisfied by level-0 assignments (once per new unit). */
  private simplify(): void {
    if (this.nLevels !== 0 || this.trailN === this.simplifiedTrail) return;
    this.simplifiedTrail = this.trailN;
    const mem = this.mem;
    let any = false;
    for (const [list, n] of [[this.origs, this.nOrigs], [this.learnts, this.nLearnts]] as const) {
      for (let i = 0; i < n; i++) {
        const c = list[i];
        const end = c + HDR + mem[c];
        for (let k = c + HDR; k < end; k++) {
          if (this.val[mem[k]] === 1) {
            this.deleteClause(c);
            any = true;
            break;
          }
        }
      }
    }
    if (any) this.removeDeleted();
  }

  /** Remove deleted clauses from the lists and the watches; compact the arena when worthwhile. */
  private removeDeleted(): void {
    const mem = this.mem;
    const keep = (list: Int32Array, n: number): number => {
      let j = 0;
      for (let i = 0; i < n; i++) if ((mem[list[i] + 1] & F_DELETED) === 0) list[j++] = list[i];
      return j;
    };
    this.nOrigs = keep(this.origs, this.nOrigs);
    this.nLearnts = keep(this.learnts, this.nLearnts);
    for (let l = 0; l < 2 * this.nVars; l++) {
      const ws = this.watches[l];
      const n = this.watchN[l];
      let j = 0;
      for (let i = 0; i < n; i += 2) {
        if ((mem[(ws[i] >>> 1) + 1] & F_DELETED) !== 0) continue;
        ws[j++] = ws[i];
        ws[j++] = ws[i + 1];
      }
      this.watchN[l] = j;
    }
    if (this.wasted * 4 > this.memTop) this.compact();
  }

  /** Move live clauses to the front of the arena (level 0 only: no reasons are read). */
  private compact(): void {
    const mem = this.mem;
    const moved = new Int32Array(this.memTop >>> 1);
    let top = 0;
    const relocate = (list: Int32Array, n: number): void => {
      for (let i = 0; i < n; i++) list[i] = moved[list[i] >>> 1];
    };
    // Clauses are laid out in allocation order; walk the arena once.
    for (let c = 0; c < this.memTop; ) {
      // Read the size before moving: the copy may overwrite mem[c].
      const size = HDR + mem[c];
      if ((mem[c + 1] & F_DELETED) === 0) {
        moved[c >>> 1] = top;
        if (top !== c) mem.copyWithin(top, c, c + size);
        top += size;
      }
      c += size;
    }
    // moved[] is indexed by c/2: clause starts are at least HDR+2 >= 2 apart, so no collisions.
    relocate(this.origs, this.nOrigs);
    relocate(this.learnts, this.nLearnts);
    for (let l = 0; l < 2 * this.nVars; l++) {
      const ws = this.watches[l];
      const n = this.watchN[l];
      for (let i = 0; i < n; i += 2) ws[i] = 2 * moved[ws[i] >>> 2] + (ws[i] & 1);
    }
    for (let i = 0; i < this.trailN; i++) this.reason[this.trail[i] >>> 1] = NONE;
    this.memTop = top;
    this.wasted = 0;
  }

  // ------------------------------------------------------------- plumbing

  private grow(cap: number): void {
    this.cap = cap;
    this.watchN = growI32(this.watchN, 2 * cap);
    this.val = growI8(this.val, 2 * cap);
    this.level = growI32(this.level, cap);
    this.reason = growI32(this.reason, cap);
    this.polarity = growU8(this.polarity, cap);
    this.seen = growU8(this.seen, cap);
    const act = new Float64Array(cap);
    act.set(this.activity);
    this.activity = act;
    this.heap = growI32(this.heap, cap);
    this.heapPos = growI32(this.heapPos, cap);
    this.trail = growI32(this.trail, cap);
    this.lbdStamp = growI32(this.lbdStamp, cap + 1);
  }

  private logClause(tag: number, lits: ArrayLike<number>, from: number, n: number): void {
    const need = this.proofN + 2 + n;
    if (need > this.proofBuf.length) this.proofBuf = growI32(this.proofBuf, Math.max(need, this.proofBuf.length * 2));
    this.proofBuf[this.proofN++] = tag;
    this.proofBuf[this.proofN++] = n;
    for (let i = 0; i < n; i++) this.proofBuf[this.proofN++] = lits[from + i];
  }
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

function growI8(a: Int8Array, n: number): Int8Array<ArrayBuffer> {
  const b = new Int8Array(n);
  b.set(a);
  return b;
}

function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
