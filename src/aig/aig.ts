/**
 * And-Inverter Graph in flat typed arrays, after ABC.
 *
 * Invariants:
 * - a literal is `2 * var + complement`; var 0 is constant false, so literal 0
 *   is false and literal 1 is true;
 * - variables are numbered in creation order, which is a topological order:
 *   every AND node's fanins have smaller variables;
 * - AND fanins are ordered (`fanin0 < fanin1`) and structurally hashed, so the
 *   same pair is never built twice; constants and trivial cases
 *   (x & x, x & !x, x & 1, x & 0) are folded on insert and never stored.
 * @module
 */
import { InternalError } from '../errors.js';

/** A literal: 2 * variable + complement bit. */
export type Lit = number & { readonly __brand: 'Lit' };
/** A variable (node) index. */
export type Var = number & { readonly __brand: 'Var' };

/** Constant false literal. */
export const FALSE = 0 as Lit;
/** Constant true literal. */
export const TRUE = 1 as Lit;
/** Marks an input in the fanin arrays. */
const INPUT = 0xffffffff;

/** Variable of a literal. */
export const litVar = (l: Lit): Var => (l >>> 1) as Var;
/** Whether a literal is complemented. */
export const isComplemented = (l: Lit): boolean => (l & 1) === 1;
/** Complement of a literal. */
export const not = (l: Lit): Lit => (l ^ 1) as Lit;
/** Literal of a variable, optionally complemented. */
export const mkLit = (v: number, complemented = false): Lit => ((v << 1) | (complemented ? 1 : 0)) as Lit;
/** Literal for a Boolean constant. */
export const constLit = (b: boolean): Lit => (b ? TRUE : FALSE);

/**
 * A mutable And-Inverter Graph. Build with {@link Aig.addInput} and
 * {@link Aig.and}; read with the typed arrays.
 *
 * @example
 * ```ts
 * import { Aig } from 'bnn-universal';
 * const g = new Aig();
 * const a = g.addInput('a'), b = g.addInput('b');
 * g.addOutput(g.xor(a, b), 'y');
 * console.log(g.numAnds); // 3
 * ```
 */
export class Aig {
  /** fanin0[v] for AND node v; 0xffffffff for inputs; 0 for the constant. */
  fanin0: Uint32Array;
  /** fanin1[v] for AND node v. */
  fanin1: Uint32Array;
  /** Number of variables in use, including var 0. */
  numVars = 1;
  /** Input variables, in port order. */
  readonly inputs: number[] = [];
  /** Input names (parallel to `inputs`), '' when unnamed. */
  readonly inputNames: string[] = [];
  /** Output literals, in port order. */
  readonly outputs: Lit[] = [];
  /** Output names (parallel to `outputs`), '' when unnamed. */
  readonly outputNames: string[] = [];
  private table: Int32Array;
  private tableCount = 0;

  /** @param capacity initial number of variables to allocate for (the arrays grow as needed). */
  constructor(capacity = 1024) {
    // At least 2 slots: var 0 (the constant) always exists, and newVar grows
    // the arrays only when they are exactly full.
    capacity = Math.max(2, Math.floor(capacity) || 0);
    this.fanin0 = new Uint32Array(capacity);
    this.fanin1 = new Uint32Array(capacity);
    this.table = new Int32Array(nextPow2(capacity * 2));
  }

  /** Number of AND nodes. */
  get numAnds(): number {
    return this.numVars - 1 - this.inputs.length;
  }

  /** Whether variable v is a primary input. */
  isInput(v: number): boolean {
    return v > 0 && this.fanin0[v] === INPUT;
  }

  /** Whether variable v is an AND node. */
  isAnd(v: number): boolean {
    return v > 0 && this.fanin0[v] !== INPUT;
  }

  /** Add a primary input; returns its positive literal. */
  addInput(name = ''): Lit {
    const v = this.newVar();
    this.fanin0[v] = INPUT;
    this.fanin1[v] = INPUT;
    this.inputs.push(v);
    this.inputNames.push(name);
    return mkLit(v);
  }

  /** Add a primary output. */
  addOutput(lit: Lit, name = ''): void {
    this.checkLit(lit);
    this.outputs.push(lit);
    this.outputNames.push(name);
  }

  /** a AND b, with constant folding and structural hashing. */
  and(a: Lit, b: Lit): Lit {
    if (a > b) [a, b] = [b, a];
    if (a === FALSE) return FALSE;
    if (a === TRUE) return b;
    if (a === b) return a;
    if ((a ^ 1) === b) return FALSE;
    const mask = this.table.length - 1;
    let h = hashPair(a, b) & mask;
    for (;;) {
      const v = this.table[h];
      if (v === 0) break;
      if (this.fanin0[v] === a && this.fanin1[v] === b) return mkLit(v);
      h = (h + 1) & mask;
    }
    this.checkLit(a);
    this.checkLit(b);
    const v = this.newVar();
    this.fanin0[v] = a;
    this.fanin1[v] = b;
    this.table[h] = v;
    if (++this.tableCount * 2 > this.table.length) this.rehash();
    return mkLit(v);
  }

  /** a OR b. */
  or(a: Lit, b: Lit): Lit {
    return not(this.and(not(a), not(b)));
  }

  /**
   * a XOR b (three AND nodes): !(a & b) & !(!a & !b). This form shares its
   * first node with `and(a, b)` and its second with `or(a, b)`, which is what
   * adders need (a half adder is then 3 nodes, a full adder 7).
   */
  xor(a: Lit, b: Lit): Lit {
    return this.and(not(this.and(a, b)), not(this.and(not(a), not(b))));
  }

  /** a XNOR b. */
  xnor(a: Lit, b: Lit): Lit {
    return not(this.xor(a, b));
  }

  /** s ? t : e (three AND nodes; one when a data input is constant). */
  mux(s: Lit, t: Lit, e: Lit): Lit {
    if (t === e) return t;
    if (t === TRUE) return this.or(s, e);
    if (t === FALSE) return this.and(not(s), e);
    if (e === TRUE) return this.or(not(s), t);
    if (e === FALSE) return this.and(s, t);
    if (t === not(e)) return this.xor(s, e);
    return this.or(this.and(s, t), this.and(not(s), e));
  }

  /** Majority of three (the carry of a full adder). */
  maj(a: Lit, b: Lit, c: Lit): Lit {
    return this.or(this.and(a, b), this.and(c, this.or(a, b)));
  }

  private newVar(): number {
    if (this.numVars >= this.fanin0.length) {
      const n = this.fanin0.length * 2;
      const f0 = new Uint32Array(n);
      f0.set(this.fanin0);
      const f1 = new Uint32Array(n);
      f1.set(this.fanin1);
      this.fanin0 = f0;
      this.fanin1 = f1;
    }
    return this.numVars++;
  }

  private checkLit(l: Lit): void {
    if (!Number.isInteger(l) || l < 0 || l >>> 1 >= this.numVars) throw new InternalError(`AIG literal ${l} out of range`);
  }

  private rehash(): void {
    const t = new Int32Array(this.table.length * 2);
    const mask = t.length - 1;
    for (let v = 1; v < this.numVars; v++) {
      if (this.fanin0[v] === INPUT) continue;
      let h = hashPair(this.fanin0[v], this.fanin1[v]) & mask;
      while (t[h] !== 0) h = (h + 1) & mask;
      t[h] = v;
    }
    this.table = t;
  }
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Level (depth) of every variable: inputs and the constant are 0, an AND is
 * one more than its deeper fanin.
 */
export function aigLevels(g: Aig): Uint32Array {
  const lv = new Uint32Array(g.numVars);
  for (let v = 1; v < g.numVars; v++) {
    if (!g.isAnd(v)) continue;
    const a = lv[g.fanin0[v] >>> 1];
    const b = lv[g.fanin1[v] >>> 1];
    lv[v] = (a > b ? a : b) + 1;
  }
  return lv;
}

/** Depth of the AIG: the largest level among its outputs. */
export function aigDepth(g: Aig): number {
  const lv = aigLevels(g);
  let d = 0;
  for (const o of g.outputs) d = Math.max(d, lv[o >>> 1]);
  return d;
}

/**
 * A copy of `g` without AND nodes outside the fanin cones of the outputs.
 * Inputs are all kept, in order. Returns the new graph and the literal map
 * from old variables to new literals (-1 for removed nodes).
 */
export function cleanupAig(g: Aig): { aig: Aig; map: Int32Array } {
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) {
      live[g.fanin0[v] >>> 1] = 1;
      live[g.fanin1[v] >>> 1] = 1;
    }
  }
  const out = new Aig(Math.max(16, g.numVars));
  const map = new Int32Array(g.numVars).fill(-1);
  map[0] = 0;
  g.inputs.forEach((v, i) => (map[v] = out.addInput(g.inputNames[i])));
  const tr = (l: number): Lit => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (let v = 1; v < g.numVars; v++) {
    if (live[v] && g.isAnd(v)) map[v] = out.and(tr(g.fanin0[v]), tr(g.fanin1[v]));
  }
  g.outputs.forEach((o, i) => out.addOutput(tr(o), g.outputNames[i]));
  return { aig: out, map };
}

/** Size figures of an AIG, as reported by `bnnu info` and the benches. */
export interface AigStats {
  /** Primary inputs. */
  readonly inputs: number;
  /** Primary outputs. */
  readonly outputs: number;
  /** AND nodes stored, including any outside the output cones. */
  readonly ands: number;
  /** AND nodes in the fanin cones of the outputs (what {@link cleanupAig} keeps). */
  readonly liveAnds: number;
  /** Largest output level ({@link aigDepth}). */
  readonly depth: number;
}

/**
 * Count inputs, outputs, AND nodes (all and live) and depth.
 *
 * @example
 * ```ts
 * import { Aig, aigStats, not } from 'bnn-universal';
 * const g = new Aig();
 * const a = g.addInput('a'), b = g.addInput('b');
 * g.and(a, not(b)); // dangling
 * g.addOutput(g.xor(a, b), 'y');
 * console.log(aigStats(g)); // { inputs: 2, outputs: 1, ands: 4, liveAnds: 3, depth: 2 }
 * ```
 */
export function aigStats(g: Aig): AigStats {
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  let liveAnds = 0;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) {
      liveAnds++;
      live[g.fanin0[v] >>> 1] = 1;
      live[g.fanin1[v] >>> 1] = 1;
    }
  }
  return { inputs: g.inputs.length, outputs: g.outputs.length, ands: g.numAnds, liveAnds, depth: aigDepth(g) };
}
