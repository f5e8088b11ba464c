/**
 * Tseitin encoding of AIG nodes into a {@link SatSolver}, on demand: asking
 * for the SAT literal of an AIG literal encodes exactly the part of its fanin
 * cone that is not encoded yet.
 *
 * Invariants: an AIG variable is encoded at most once; when it is, all of its
 * fanin cone is; the AIG may grow (append-only) between calls.
 * @module
 */
import type { Aig } from '../aig/aig.js';
import type { SatSolver } from './solver.js';

/**
 * Lazy AIG-to-CNF map over one solver.
 *
 * @example
 * ```ts
 * import { Aig, AigCnf, SatSolver, not } from 'bnn-universal';
 * const g = new Aig();
 * const a = g.addInput(), b = g.addInput();
 * const x = g.and(a, b), y = g.and(b, not(a));
 * const s = new SatSolver();
 * const cnf = new AigCnf(g, s);
 * // Can x and y both be true? No: they disagree on a.
 * console.log(s.solve(Int32Array.of(cnf.lit(x), cnf.lit(y)))); // 'unsat'
 * ```
 */
export class AigCnf {
  /** SAT variable of each encoded AIG variable, -1 where not encoded. */
  private satVar: Int32Array;
  private stack = new Int32Array(64);
  private mark = new Int32Array(0);
  private markStamp = 0;
  private readonly clause2 = [0, 0];
  private readonly clause3 = [0, 0, 0];

  constructor(
    readonly aig: Aig,
    readonly solver: SatSolver,
  ) {
    this.satVar = new Int32Array(Math.max(16, aig.numVars)).fill(-1);
  }

  /** SAT literal of an AIG literal, encoding its cone as needed. */
  lit(aigLit: number): number {
    const v = aigLit >>> 1;
    if (v >= this.satVar.length || this.satVar[v] < 0) this.encode(v);
    return 2 * this.satVar[v] + (aigLit & 1);
  }

  /** Whether an AIG variable already has a SAT variable. */
  isEncoded(aigVar: number): boolean {
    return aigVar < this.satVar.length && this.satVar[aigVar] >= 0;
  }

  /** AIG variable -> SAT variable, or -1 when not encoded. */
  satVarOf(aigVar: number): number {
    return aigVar < this.satVar.length ? this.satVar[aigVar] : -1;
  }

  /**
   * SAT variables of the fanin cones of the given AIG literals (encoding
   * them first): the decision scope of a query about those literals
   * (see {@link SatSolver.setDecisionScope}).
   */
  coneVars(aigLits: readonly number[]): Int32Array {
    for (const l of aigLits) this.lit(l);
    if (this.mark.length < this.satVar.length) this.mark = new Int32Array(this.satVar.length);
    const stamp = ++this.markStamp;
    const g = this.aig;
    const out: number[] = [];
    const stack: number[] = aigLits.map((l) => l >>> 1);
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (this.mark[v] === stamp) continue;
      this.mark[v] = stamp;
      out.push(this.satVar[v]);
      if (g.isAnd(v)) stack.push(g.fanin0[v] >>> 1, g.fanin1[v] >>> 1);
    }
    return Int32Array.from(out);
  }

  /** Encode variable `root` and the unencoded part of its cone (iterative post-order). */
  private encode(root: number): void {
    const g = this.aig;
    if (g.numVars > this.satVar.length) {
      const bigger = new Int32Array(Math.max(g.numVars, this.satVar.length * 2)).fill(-1);
      bigger.set(this.satVar);
      this.satVar = bigger;
    }
    const sv = this.satVar;
    const f0 = g.fanin0;
    const f1 = g.fanin1;
    let sp = 0;
    this.stack[sp++] = root;
    while (sp > 0) {
      const v = this.stack[sp - 1];
      if (sv[v] >= 0) {
        sp--;
        continue;
      }
      if (v === 0) {
        sv[0] = this.solver.newVar();
        this.solver.addClause([2 * sv[0] + 1]);
        sp--;
        continue;
      }
      if (!g.isAnd(v)) {
        sv[v] = this.solver.newVar();
        sp--;
        continue;
      }
      const a = f0[v] >>> 1;
      const b = f1[v] >>> 1;
      if (sv[a] < 0 || sv[b] < 0) {
        if (sp + 2 > this.stack.length) {
          const s = new Int32Array(this.stack.length * 2);
          s.set(this.stack);
          this.stack = s;
        }
        if (sv[a] < 0) this.stack[sp++] = a;
        if (sv[b] < 0) this.stack[sp++] = b;
        continue;
      }
      sp--;
      this.encodeAnd(v, 2 * sv[a] + (f0[v] & 1), 2 * sv[b] + (f1[v] & 1));
    }
  }

  /** x = a AND b: (!x | a), (!x | b), (x | !a | !b). */
  private encodeAnd(v: number, a: number, b: number): void {
    const s = this.solver;
    const x = 2 * s.newVar();
    this.satVar[v] = x >>> 1;
    const c2 = this.clause2;
    c2[0] = x ^ 1;
    c2[1] = a;
    s.addClause(c2);
    c2[1] = b;
    s.addClause(c2);
    const c3 = this.clause3;
    c3[0] = x;
    c3[1] = a ^ 1;
    c3[2] = b ^ 1;
    s.addClause(c3);
  }
}
