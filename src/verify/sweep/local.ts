/**
 * Local equivalence checks: is x == y as functions of the nodes where their
 * fanin cones meet?
 *
 * Walking both cones downwards in decreasing variable order (a topological
 * order, so every fanout of a node is seen before the node), a node reached
 * from both x and y, an input or the constant becomes a cut point; the nodes
 * reached from one side only form the "difference region". The region is
 * encoded into a small fresh solver with the cut points as free variables.
 *
 * Soundness: freeing internal nodes only adds behaviours, so 'equal' here
 * (both directions unsat) implies x == y in the AIG. A satisfiable answer
 * proves nothing (the cut values may be unreachable) and is reported as
 * 'unknown', for the caller to settle globally.
 * @module
 */
import type { Aig } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';
import { checkDrup } from '../../sat/drup.js';
import { SatSolver } from '../../sat/solver.js';

/**
 * Reusable local checker over one (growing) AIG.
 *
 * @example
 * ```ts
 * import { Aig, LocalChecker } from 'bnn-universal';
 * const g = new Aig();
 * const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
 * const x = g.and(g.and(a, b), c), y = g.and(a, g.and(b, c));
 * console.log(new LocalChecker(g).check(x, y, 100, 1000)); // 'equal'
 * ```
 */
export class LocalChecker {
  private tag = new Uint8Array(0);
  private satVar = new Int32Array(0);
  private heap: number[] = [];
  private touched: number[] = [];
  /** Regions encoded so far (for statistics). */
  regions = 0;
  /** DRUP proofs checked so far (with `checkProofs`). */
  proofsChecked = 0;

  /** @param checkProofs log and check a DRUP proof of every 'equal' answer (slow; for tests). */
  constructor(
    private readonly g: Aig,
    private readonly checkProofs = false,
  ) {}

  /**
   * 'equal' when x == y is proved on a difference region of at most
   * `maxNodes` nodes, else 'unknown'.
   */
  check(x: number, y: number, maxNodes: number, conflictLimit: number): 'equal' | 'unknown' {
    const g = this.g;
    if (this.tag.length < g.numVars) {
      this.tag = new Uint8Array(g.numVars * 2);
      this.satVar = new Int32Array(g.numVars * 2).fill(-1);
    }
    const region: number[] = [];
    const cut: number[] = [];
    const ok = this.collect(x >>> 1, y >>> 1, maxNodes, region, cut);
    let result: 'equal' | 'unknown' = 'unknown';
    if (ok) {
      this.regions++;
      result = this.solve(x, y, region, cut, conflictLimit);
    }
    for (const v of this.touched) {
      this.tag[v] = 0;
      this.satVar[v] = -1;
    }
    this.touched.length = 0;
    return result;
  }

  /** Fill `region` (increasing order) and `cut`; false when the region outgrows maxNodes. */
  private collect(vx: number, vy: number, maxNodes: number, region: number[], cut: number[]): boolean {
    const g = this.g;
    const tag = this.tag;
    const heap = this.heap;
    heap.length = 0;
    const reach = (v: number, side: number) => {
      if (tag[v] === 0) {
        this.touched.push(v);
        heapPush(heap, v);
      }
      tag[v] |= side;
    };
    reach(vx, 1);
    reach(vy, 2);
    while (heap.length > 0) {
      const v = heapPop(heap);
      if (tag[v] === 3 || !g.isAnd(v)) {
        cut.push(v);
        continue;
      }
      region.push(v);
      if (region.length > maxNodes) return false;
      reach(g.fanin0[v] >>> 1, tag[v]);
      reach(g.fanin1[v] >>> 1, tag[v]);
    }
    region.reverse();
    return true;
  }

  private solve(x: number, y: number, region: number[], cut: number[], conflictLimit: number): 'equal' | 'unknown' {
    const g = this.g;
    const s = new SatSolver({ proof: this.checkProofs });
    const sv = this.satVar;
    for (const v of cut) {
      sv[v] = s.newVar();
      if (v === 0) s.addClause([2 * sv[v] + 1]);
    }
    const lit = (l: number) => 2 * sv[l >>> 1] + (l & 1);
    for (const v of region) {
      const o = 2 * (sv[v] = s.newVar());
      const a = lit(g.fanin0[v]);
      const b = lit(g.fanin1[v]);
      s.addClause([o ^ 1, a]);
      s.addClause([o ^ 1, b]);
      s.addClause([o, a ^ 1, b ^ 1]);
    }
    const X = lit(x);
    const Y = lit(y);
    for (const assumption of [Int32Array.of(X, Y ^ 1), Int32Array.of(X ^ 1, Y)]) {
      if (s.solve(assumption, { conflictLimit }) !== 'unsat') return 'unknown';
    }
    if (this.checkProofs) {
      const r = checkDrup(s.proof());
      if (!r.ok) throw new InternalError(`local equivalence proof does not check: ${r.reason}`);
      this.proofsChecked++;
    }
    return 'equal';
  }
}

function heapPush(h: number[], v: number): void {
  let i = h.length;
  h.push(v);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p] >= v) break;
    h[i] = h[p];
    i = p;
  }
  h[i] = v;
}

function heapPop(h: number[]): number {
  const top = h[0];
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && h[c + 1] > h[c]) c++;
      if (h[c] <= last) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
  }
  return top;
}
