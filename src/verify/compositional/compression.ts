/**
 * Checking one logged column compression on the proof circuit: every adder's
 * relation, then the end claim (the rounded, fitted output word from the sum
 * of the bits left in the columns).
 *
 * Each claim is checked on a cone cut at a *state* of the replay: the
 * multiset of column bits alive after the first t adders. A state is a
 * consistent cut for the compression: its bits are free, and every later
 * adder is a function of them alone, so a correct BNN satisfies the claim
 * for every value of the state's bits. The state just before the claim is
 * tried first (for a one-neuron-per-gate BNN the cone closes there at once);
 * when the BNN reads past it (a BNN whose neurons cover several gates may
 * skip a bit of the state and read the bits it was made from), the cone does
 * not close there, and earlier states are tried (1, 2, 4, ... adders back),
 * down to the initial columns. Exhaustive for up to 16 free signals, SAT
 * beyond.
 *
 * The invariant behind the end claim: with k_t the constant of state t,
 * sum(2^col * bit) + k_t = acc + offset (mod 2^n) holds for the initial
 * columns (bookkeeping, checked when the check was built) and is kept by
 * every adder whose relation holds, at every state.
 * @module
 */
import type { TraceOp } from '../../bitblast/trace.js';
import { type CheckOutcome, type ExhaustiveLimits, type SumCheck, type WordLits, checkAdderAt, checkSumAt } from './checks.js';
import type { ConeEvaluator } from './cone.js';
import type { ProofLit } from './proof-circuit.js';
import { type SatLimits, satAdderAt, satSumAt } from './sat-check.js';
import { type OpSemantics, mod } from './semantics.js';
import { type WindowData, endThroughWindow } from './window.js';

/** A logged compression, mapped onto the proof circuit, and the claim at its end. */
export interface CompressionCheck {
  readonly kind: 'compression';
  /** Width: the sum is kept modulo 2^n. */
  readonly n: number;
  /** The initial columns: literal and column of each bit, and the constant. */
  readonly initLits: Int32Array;
  readonly initCols: Int32Array;
  readonly k: bigint;
  /**
   * Six numbers per adder: column, a, b, c, sum, carry (proof literals;
   * constants are the proof circuit's constant literals). The carry of the
   * top column leaves the width.
   */
  readonly adders: Int32Array;
  /** Literals of constant false and true in the proof circuit. */
  readonly FALSE: ProofLit;
  readonly TRUE: ProofLit;
  /** The end claim: see {@link SumCheck}. */
  readonly offset: bigint;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly op: TraceOp;
  readonly output: WordLits;
  /**
   * Cuts behind the initial columns (the inputs of the operations that made
   * the input words, and so on), for a BNN whose neurons reach across the
   * operation's inputs: see {@link OpCheck.deeper}.
   */
  readonly deeper: readonly (readonly ProofLit[])[];
  /** The bit-blaster's own circuit of the operation (a second route to the end claim: window.ts). */
  readonly window: WindowData;
  /**
   * Values some input words can hold, fewer than their intervals (a word
   * made by a requantize holds a value of its arithmetic's image): the
   * window's E3 is checked for the values of the state that agree with them.
   */
  readonly inputValues: readonly WordValues[];
}

/**
 * The values an input word can hold on every network input (two's
 * complement over its proof literals, top bit negative), ascending.
 */
export interface WordValues {
  readonly bits: readonly ProofLit[];
  readonly values: readonly number[];
}

/** Most cut refinements per claim. */
const ROUNDS = 24;

/** One column bit of a replay state: literal, column, and the adder that made it (-1: initial). */
interface Occurrence {
  readonly lit: ProofLit;
  readonly col: number;
  readonly prod: number;
  /** The bit's literal in the window (bit-blast AIG), -1 for a sum never built. */
  readonly w: number;
}

/**
 * The replay of a compression as a DAG: which adder consumed which bit made
 * by which adder, so that states can be formed by undoing any set of adders
 * closed under "consumes a bit it made".
 */
class Replay {
  /** Inputs consumed by each adder (non-constant), with their producers. */
  readonly consumed: Occurrence[][] = [];
  /** Bits made by each adder (inside the width, non-constant). */
  readonly made: Occurrence[][] = [];
  /** Adders that consumed a bit made by each adder. */
  readonly consumers: number[][] = [];
  /** Change of the constant k by each adder. */
  readonly dk: bigint[] = [];
  /** Unconsumed bits after the adders applied so far: key -> producers. */
  private readonly alive = new Map<number, number[]>();
  /** Window literal of each bit, by key and producer. */
  private readonly wOf = new Map<string, number>();
  k: bigint;
  time = 0;

  constructor(private readonly c: CompressionCheck) {
    this.k = c.k;
    c.initLits.forEach((l, i) => this.put(l, c.initCols[i], -1, c.window.init[i]));
  }

  /** Add a bit made by `prod`; constants go to k. Returns the occurrence, if a bit. */
  private put(l: ProofLit, col: number, prod: number, w: number): Occurrence | undefined {
    if (col >= this.c.n || l === this.c.FALSE) return undefined;
    if (l === this.c.TRUE) {
      this.k += 1n << BigInt(col);
      return undefined;
    }
    const key = l * 128 + col;
    let list = this.alive.get(key);
    if (!list) this.alive.set(key, (list = []));
    list.push(prod);
    this.wOf.set(`${key}:${prod}`, w);
    return { lit: l, col, prod, w };
  }

  /** Apply the next adder (its inputs were checked to be present when the check was built). */
  apply(): void {
    const t = this.time++;
    const a = this.c.adders;
    const j = a[6 * t];
    const k0 = this.k;
    const consumed: Occurrence[] = [];
    for (const l of [a[6 * t + 1], a[6 * t + 2], a[6 * t + 3]]) {
      if (l === this.c.FALSE) continue;
      if (l === this.c.TRUE) {
        this.k -= 1n << BigInt(j);
        continue;
      }
      const list = this.alive.get(l * 128 + j)!;
      const prod = list.pop()!;
      if (list.length === 0) this.alive.delete(l * 128 + j);
      consumed.push({ lit: l, col: j, prod, w: this.wOf.get(`${l * 128 + j}:${prod}`)! });
      if (prod >= 0) this.consumers[prod].push(t);
    }
    const w = this.c.window.adders;
    const made = [this.put(a[6 * t + 4], j, t, w[6 * t + 4]), this.put(a[6 * t + 5], j + 1, t, w[6 * t + 5])].filter((o): o is Occurrence => o !== undefined);
    this.consumed.push(consumed);
    this.made.push(made);
    this.consumers.push([]);
    this.dk.push(this.k - k0);
  }

  /**
   * The state after the adders applied so far with the adders of `undo`
   * (closed under consumers among those applied) undone: its bits and
   * constant (mod 2^n).
   */
  state(undo: ReadonlySet<number>): State {
    const bits: Occurrence[] = [];
    for (const [key, prods] of this.alive) for (const prod of prods) if (!undo.has(prod)) bits.push({ lit: Math.floor(key / 128), col: key % 128, prod, w: this.wOf.get(`${key}:${prod}`)! });
    let k = this.k;
    for (const u of undo) {
      for (const o of this.consumed[u]) if (!undo.has(o.prod)) bits.push(o);
      k -= this.dk[u];
    }
    return { bits, k: mod(k, 1n << BigInt(this.c.n)), redo: [...undo].sort((x, y) => x - y) };
  }

  /** `undo` plus every applied adder that consumed (transitively) a bit made by one of them. */
  close(undo: Set<number>): Set<number> {
    const stack = [...undo];
    while (stack.length) {
      for (const w of this.consumers[stack.pop()!]) {
        if (!undo.has(w)) {
          undo.add(w);
          stack.push(w);
        }
      }
    }
    return undo;
  }
}

/** A replay state: its bits, constant, and the adders undone to reach it (ascending). */
interface State {
  readonly bits: Occurrence[];
  readonly k: bigint;
  readonly redo: number[];
}

/** Limits for both ways of deciding a claim. */
export interface CompressionLimits {
  readonly exhaustive: ExhaustiveLimits;
  readonly sat: SatLimits;
  /**
   * An adder claim SAT gives up on is tried once more with this many times
   * the conflicts (1: not retried). An adder still open after that ends the
   * check, so at most one retry per operation is spent in vain. Adder claims
   * are small, and the rare hard one (a wide cone of a threshold BNN) usually
   * needs only a few times the budget; end claims are arithmetic miters,
   * where more budget rarely helps, so they are not retried.
   */
  readonly escalation: number;
}

/** An attempt at one cut: the outcome (open when the cone does not close there). */
type Attempt = (cut: readonly ProofLit[], state: State, atState: boolean) => CheckOutcome;

/**
 * Check a compression: each adder in order, then the end claim, each at the
 * replay state just before it, refined where the BNN bypasses it.
 */
export function checkCompression(ev: ConeEvaluator, sem: OpSemantics, c: CompressionCheck, lim: CompressionLimits): CheckOutcome & { sat?: boolean; escalated?: boolean } {
  const rp = new Replay(c);
  let sat = false;
  let escalated = false;
  const bigger: SatLimits = { ...lim.sat, conflicts: lim.sat.conflicts * lim.escalation };
  const a = c.adders;
  const count = a.length / 6;
  for (let t = 0; t < count; t++) {
    const co = a[6 * t] + 1 < c.n ? a[6 * t + 5] : -1;
    const adder = [a[6 * t + 1], a[6 * t + 2], a[6 * t + 3], a[6 * t + 4], co] as const;
    const at = (cut: readonly ProofLit[]): CheckOutcome => {
      const e = checkAdderAt(ev, adder, cut, lim.exhaustive);
      if (!e.tooLarge) return e;
      sat = true;
      const r = satAdderAt(ev, adder, cut, lim.sat);
      if (r.result !== 'unknown' || !r.budget || lim.escalation <= 1) return r;
      escalated = true;
      const again = satAdderAt(ev, adder, cut, bigger);
      return again.result === 'unknown' ? { ...again, detail: `${again.detail} (after ${r.detail})` } : again;
    };
    // The adder's own inputs are a cut of the state: the usual case, and the cheapest.
    const quick = at([adder[0], adder[1], adder[2]]);
    const r = quick.result === 'proved' ? quick : refine(ev, rp, c.deeper, at);
    if (r.result !== 'proved') return { ...r, sat, escalated, detail: `adder ${t} (literals ${adder.join(', ')}): ${r.detail}` };
    rp.apply();
  }
  const r = refine(ev, rp, c.deeper, (cut, st, atState) => {
    const sum: SumCheck = {
      kind: 'sum',
      lits: Int32Array.from(st.bits, (o) => o.lit),
      cols: Int32Array.from(st.bits, (o) => o.col),
      k: st.k,
      n: c.n,
      offset: c.offset,
      lo: c.lo,
      hi: c.hi,
      op: c.op,
      output: c.output,
    };
    const e = checkSumAt(ev, sem, sum, cut, lim.exhaustive);
    if (!e.tooLarge) return e;
    // Too wide to enumerate: the BNN merged the last adders into its output logic. Go through
    // the bit-blaster's own circuit (window.ts) before trying the arithmetic by SAT.
    if (atState) {
      const w = endThroughWindow(ev, sem, c.window, c, st.bits, st.redo, st.k, c.inputValues);
      if (w.result === 'proved') return w;
    }
    sat = true;
    return satSumAt(ev, sum, cut, lim.sat);
  });
  return r.result === 'proved' ? { ...r, sat, escalated } : { ...r, sat, escalated, detail: `end of the sum: ${r.detail}` };
}

/**
 * Try a claim at the current replay state; while its cone does not close
 * there (or the claim fails there), undo the adders whose inputs the cone
 * reached anyway (the BNN computed past their outputs), with everything
 * that consumed their outputs, and try again.
 */
function refine(ev: ConeEvaluator, rp: Replay, deeper: readonly (readonly ProofLit[])[], attempt: Attempt): CheckOutcome {
  const undo = new Set<number>();
  let r: CheckOutcome = { result: 'unknown', detail: 'not tried' };
  let st = rp.state(undo);
  for (let round = 0; round < ROUNDS; round++) {
    r = attempt(
      st.bits.map((o) => o.lit),
      st,
      true,
    );
    if (r.result === 'proved' || r.tooLarge) return r;
    // Closed but undecided (SAT gave up): wider cuts are only harder.
    if (!r.open && r.result === 'unknown') break;
    // Adders whose inputs the cone reached (the BNN computed past their outputs).
    let more: number[] = [];
    for (let t = 0; t < rp.time; t++) if (!undo.has(t) && rp.consumed[t].some((i) => ev.reached(i.lit >>> 1))) more.push(t);
    // Refuted with a closed cone: undo the makers of the bits it did not reach (bypassed or irrelevant).
    if (more.length === 0) more = st.bits.filter((o) => o.prod >= 0 && !ev.reached(o.lit >>> 1)).map((o) => o.prod);
    if (more.length === 0) break;
    for (const u of more) undo.add(u);
    rp.close(undo);
    st = rp.state(undo);
  }
  // Still open at the operation's inputs: the BNN reaches across them; cut further back.
  for (const cut of deeper) {
    if (!r.open && r.result !== 'refuted') break;
    r = attempt(cut, st, false);
    if (r.result === 'proved' || r.tooLarge) return r;
  }
  return r;
}
