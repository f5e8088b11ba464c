/**
 * Candidate equivalence classes of AIG variables by simulation signature, up
 * to complement.
 *
 * Each variable has a fixed phase (its value under the first pattern); its
 * normalised value is its value XOR phase, so a variable and its complement
 * normalise alike. Variables with equal normalised values on every pattern
 * simulated so far share a class. Var 0 (constant false) takes part, so its
 * class holds the candidate constants.
 *
 * Invariants: each class lists its members in increasing variable order and
 * has at least two; the first member is the representative; refinement only
 * ever splits classes.
 * @module
 */

/** Candidate classes; see the module comment. */
export class SimClasses {
  /** Class index of each variable, -1 when alone. */
  private readonly classOf: Int32Array;
  private readonly lists: number[][] = [];
  /** Classes that may still matter (some member not yet passed by the sweep). */
  private active: number[] = [];

  private constructor(
    numVars: number,
    /** Phase of each variable: its value under pattern 0. */
    readonly phase: Uint8Array,
  ) {
    this.classOf = new Int32Array(numVars).fill(-1);
  }

  /**
   * Classes of variables 0 .. numVars-1 from a simulation (`words` words per
   * variable, variable v at [v*words, (v+1)*words)).
   */
  static fromSimulation(values: Uint32Array, words: number, numVars: number): SimClasses {
    const phase = new Uint8Array(numVars);
    for (let v = 0; v < numVars; v++) phase[v] = values[v * words] & 1;
    const c = new SimClasses(numVars, phase);
    const buckets = new Map<number, number[]>();
    for (let v = 0; v < numVars; v++) {
      const mask = phase[v] ? 0xffffffff : 0;
      let h = 0x811c9dc5;
      for (let w = v * words, e = w + words; w < e; w++) h = Math.imul(h ^ ((values[w] ^ mask) >>> 0), 0x01000193) ^ (h >>> 15);
      const b = buckets.get(h);
      if (b) b.push(v);
      else buckets.set(h, [v]);
    }
    for (const b of buckets.values()) {
      if (b.length < 2) continue;
      // Separate hash collisions by exact comparison with each group's first member.
      const groups: number[][] = [];
      for (const v of b) {
        const g = groups.find((gr) => sameNormalised(values, words, phase, gr[0], v));
        if (g) g.push(v);
        else groups.push([v]);
      }
      for (const g of groups) if (g.length >= 2) c.addClass(g);
    }
    return c;
  }

  /** Number of classes (of two or more members). */
  get numClasses(): number {
    let n = 0;
    for (const l of this.lists) if (l.length >= 2) n++;
    return n;
  }

  /** Number of candidate pairs (members that are not representatives). */
  get numCandidates(): number {
    let n = 0;
    for (const l of this.lists) if (l.length >= 2) n += l.length - 1;
    return n;
  }

  /** The representative of v's class when it is not v itself, else -1. */
  repr(v: number): number {
    const c = this.classOf[v];
    if (c < 0) return -1;
    const r = this.lists[c][0];
    return r === v ? -1 : r;
  }

  /** Members of v's class (v alone when it has none). */
  members(v: number): readonly number[] {
    const c = this.classOf[v];
    return c < 0 ? [v] : this.lists[c];
  }

  /**
   * Split classes by one more word of simulation (`word[v]` for every
   * variable). Classes whose members are all below `from` are dropped from
   * further refinement: a sweep that has passed them never asks again.
   * Returns the number of classes split.
   */
  refine(word: Uint32Array, from: number): number {
    const phase = this.phase;
    let splits = 0;
    const still: number[] = [];
    for (const c of this.active) {
      const list = this.lists[c];
      if (list.length < 2 || list[list.length - 1] < from) continue;
      const r = list[0];
      const key = (word[r] ^ (phase[r] ? 0xffffffff : 0)) >>> 0;
      let same = true;
      for (let i = 1; i < list.length; i++) {
        const v = list[i];
        if ((word[v] ^ (phase[v] ? 0xffffffff : 0)) >>> 0 !== key) {
          same = false;
          break;
        }
      }
      if (same) {
        still.push(c);
        continue;
      }
      splits++;
      const groups = new Map<number, number[]>();
      for (const v of list) {
        const k = (word[v] ^ (phase[v] ? 0xffffffff : 0)) >>> 0;
        const g = groups.get(k);
        if (g) g.push(v);
        else groups.set(k, [v]);
      }
      let first = true;
      for (const g of groups.values()) {
        if (g.length < 2) {
          this.classOf[g[0]] = -1;
        } else if (first) {
          // Reuse index c for the first surviving group.
          this.lists[c] = g;
          still.push(c);
          first = false;
        } else {
          still.push(this.addClass(g, false));
        }
      }
      if (first) this.lists[c] = [];
    }
    this.active = still;
    return splits;
  }

  private addClass(members: number[], activate = true): number {
    const c = this.lists.length;
    this.lists.push(members);
    for (const v of members) this.classOf[v] = c;
    if (activate) this.active.push(c);
    return c;
  }
}

function sameNormalised(values: Uint32Array, words: number, phase: Uint8Array, a: number, b: number): boolean {
  const m = (phase[a] ^ phase[b]) !== 0 ? 0xffffffff : 0;
  for (let w = 0; w < words; w++) if (((values[a * words + w] ^ values[b * words + w]) >>> 0) !== m) return false;
  return true;
}
