/**
 * Column compression: the core of the multi-operand adder of
 * `sumWords`. Column j holds bits of weight 2^j; full adders turn three
 * bits of a column into one bit there and a carry in the next column, half
 * adders two bits, until one bit per column is left: the sum modulo 2^n.
 *
 * Which bits are combined decides the depth, not the size: every full adder
 * removes one bit, so the number of adders is fixed by the bit count. Taking
 * the three shallowest bits of a column each time (the "three-greedy" rule)
 * keeps the adder tree shallow, and the deepest of the three goes to the
 * full adder's fast input. Constant ones are kept as a count per column and
 * spent where they are cheapest (a full adder with a constant input is 3 AND
 * nodes instead of 7; a half adder with one is free).
 * @module
 */
import { type Aig, FALSE, type Lit, TRUE, constLit, not } from './aig.js';

/** Levels of AIG variables, extended incrementally as the graph grows (vars are topological). */
const levelCache = new WeakMap<Aig, { lv: Uint32Array; done: number }>();

/** Level of a literal's variable: 0 for inputs and the constant, 1 + the deeper fanin for an AND. */
export function levelOf(g: Aig, l: Lit): number {
  const v = l >>> 1;
  let c = levelCache.get(g);
  if (!c) {
    c = { lv: new Uint32Array(Math.max(1024, g.numVars * 2)), done: 1 };
    levelCache.set(g, c);
  }
  if (v >= c.done) {
    if (c.lv.length < g.numVars) {
      const lv = new Uint32Array(g.numVars * 2);
      lv.set(c.lv);
      c.lv = lv;
    }
    const { lv } = c;
    for (let u = c.done; u < g.numVars; u++) {
      if (!g.isAnd(u)) continue;
      const a = lv[g.fanin0[u] >>> 1];
      const b = lv[g.fanin1[u] >>> 1];
      lv[u] = (a > b ? a : b) + 1;
    }
    c.done = g.numVars;
  }
  return c.lv[v];
}

/** Half adder: [sum, carry] of a + b (3 AND nodes, none with a constant). */
export function halfAdder(g: Aig, a: Lit, b: Lit): [Lit, Lit] {
  const both = g.and(a, b);
  const none = g.and(not(a), not(b));
  return [g.and(not(both), not(none)), both];
}

/**
 * Full adder: [sum, carry] of a + b + c in 7 AND nodes sharing the XOR's
 * halves; 3 nodes when one input is the constant true, and a half adder when
 * one is false. `c` is the fast input: its paths to sum and carry are 2
 * levels long, those of a and b 4.
 */
export function fullAdder(g: Aig, a: Lit, b: Lit, c: Lit): [Lit, Lit] {
  if (a === TRUE || a === FALSE) [a, c] = [c, a];
  else if (b === TRUE || b === FALSE) [b, c] = [c, b];
  if (c === FALSE) return halfAdder(g, a, b);
  const both = g.and(a, b);
  const none = g.and(not(a), not(b));
  const t = g.and(not(both), not(none)); // a ^ b
  if (c === TRUE) return [not(t), not(none)]; // a + b + 1 = 2*(a|b) + !(a^b)
  const ct = g.and(c, t);
  const nct = g.and(not(c), not(t));
  return [g.and(not(ct), not(nct)), g.or(both, ct)];
}

/** A min-heap of literals keyed by (level, arrival order). */
class LitHeap {
  private keys: number[] = [];
  private lits: Lit[] = [];
  private seq = 0;

  get size(): number {
    return this.lits.length;
  }

  push(l: Lit, level: number): void {
    // Exact in a double: level < 2^26, seq < 2^26 per column.
    const key = level * 67108864 + this.seq++;
    let i = this.lits.length;
    this.keys.push(key);
    this.lits.push(l);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.keys[i] = this.keys[p];
      this.lits[i] = this.lits[p];
      i = p;
    }
    this.keys[i] = key;
    this.lits[i] = l;
  }

  pop(): Lit {
    const top = this.lits[0];
    const key = this.keys.pop()!;
    const l = this.lits.pop()!;
    const n = this.lits.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let m = 2 * i + 1;
        if (m >= n) break;
        if (m + 1 < n && this.keys[m + 1] < this.keys[m]) m++;
        if (this.keys[m] >= key) break;
        this.keys[i] = this.keys[m];
        this.lits[i] = this.lits[m];
        i = m;
      }
      this.keys[i] = key;
      this.lits[i] = l;
    }
    return top;
  }
}

/**
 * The structure of one column compression, kept for proofs (see
 * {@link logCompressions}): the columns and constant it started from and
 * every adder it built, in order.
 */
export interface CompressionLog {
  /** Column j: the bits of weight 2^j it was given (constant literals allowed). */
  readonly columns: readonly (readonly Lit[])[];
  /** The constant it was given. */
  readonly constant: bigint;
  /**
   * Six numbers per adder: column j, inputs a, b, c (c = FALSE for a half
   * adder), sum (stays in column j; {@link SUM_NOT_BUILT} for the carry-only
   * adders below `firstNeeded`), carry (goes to column j + 1, dropped at the
   * top). Each satisfies a + b + c = sum + 2 * carry.
   */
  readonly adders: number[];
}

/** The sum entry of a carry-only adder in {@link CompressionLog.adders}. */
export const SUM_NOT_BUILT = -1;

/** Where compressions are logged while {@link logCompressions} runs. */
let sink: CompressionLog[] | undefined;

/**
 * Run `build`, appending a {@link CompressionLog} to `logs` for every column
 * compression it performs (the bit-blaster's trace keeps them for the
 * compositional prover). Logging changes nothing in the circuit.
 */
export function logCompressions<T>(logs: CompressionLog[], build: () => T): T {
  const outer = sink;
  sink = logs;
  try {
    return build();
  } finally {
    sink = outer;
  }
}

function startLog(columns: readonly (readonly Lit[])[], k: bigint): number[] | undefined {
  if (!sink) return undefined;
  const log: CompressionLog = { columns: columns.map((c) => c.slice()), constant: k, adders: [] };
  sink.push(log);
  return log.adders;
}

/**
 * Reduce bit columns plus a constant k to one n-bit number modulo 2^n
 * (n = columns.length; column j holds bits of weight 2^j; constant literals
 * are allowed). Returns the n sum bits, LSB first; the bits below
 * `firstNeeded` are left FALSE and only their carries are built. The columns
 * are consumed.
 */
export function compressColumns(g: Aig, columns: Lit[][], k: bigint, firstNeeded = 0): Lit[] {
  const n = columns.length;
  const log = startLog(columns, k);
  const ones = new Float64Array(n + 1); // constant-one bits per column
  for (let j = 0; j < n; j++) if (((k >> BigInt(j)) & 1n) === 1n) ones[j]++;
  const out: Lit[] = [];
  for (let j = 0; j < n; j++) {
    const heap = new LitHeap();
    const add = (col: number, l: Lit): void => {
      if (col >= n || l === FALSE) return;
      if (l === TRUE) ones[col]++;
      else if (col === j) heap.push(l, levelOf(g, l));
      else columns[col].push(l);
    };
    for (const l of columns[j]) add(j, l);
    columns[j] = [];
    for (;;) {
      if (ones[j] >= 2) {
        ones[j + 1] += Math.floor(ones[j] / 2);
        ones[j] %= 2;
      }
      const items = heap.size + ones[j];
      if (items <= 2) break;
      if (ones[j] === 1 && items <= 4) {
        // The constant joins the last full adder (3 nodes instead of 7).
        ones[j] = 0;
        const a = heap.pop();
        const b = heap.pop();
        const [s, c] = fullAdder(g, a, b, TRUE);
        log?.push(j, a, b, TRUE, s, c);
        add(j, s);
        add(j + 1, c);
      } else {
        const a = heap.pop();
        const b = heap.pop();
        const d = heap.pop();
        const [s, c] = fullAdder(g, a, b, d);
        log?.push(j, a, b, d, s, c);
        add(j, s);
        add(j + 1, c);
      }
    }
    if (j < firstNeeded) {
      // Only the carry of the last two items matters.
      if (heap.size + ones[j] === 2) {
        const a = heap.pop();
        const b = heap.size > 0 ? heap.pop() : TRUE;
        const c = g.and(a, b);
        log?.push(j, a, b, FALSE, SUM_NOT_BUILT, c);
        add(j + 1, c);
      }
      out.push(FALSE);
    } else if (heap.size + ones[j] === 2) {
      const a = heap.pop();
      const b = heap.size > 0 ? heap.pop() : TRUE;
      const [s, c] = halfAdder(g, a, b);
      log?.push(j, a, b, FALSE, s, c);
      out.push(s);
      add(j + 1, c);
    } else out.push(heap.size === 1 ? heap.pop() : constLit(ones[j] === 1));
  }
  return out;
}
