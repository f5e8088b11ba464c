/**
 * The text back end of {@link TermBuilder}: SMT-LIB 2 (logic QF_BV), one
 * `define-fun` per distinct composite term so the text stays linear in the
 * size of the formula however much the terms share.
 *
 * Cardinality constraints are written either as a count of 0/1 bit-vectors
 * compared with k (standard QF_BV, readable by cvc5 and any SMT-LIB 2
 * solver) or as Z3's `(_ at-least k)` (see {@link CardinalityStyle}).
 * @module
 */
import { InternalError } from '../errors.js';
import { type CardinalityStyle, type TermBuilder, atLeastByCount } from './terms.js';

export type { CardinalityStyle };

/** A Boolean term: an atom (`true`, `false`, a name, or `(not name)`). */
export type TextBool = string;
/** A bit-vector term: an atom and its width. */
export interface TextBitVec {
  readonly s: string;
  readonly w: number;
}

/** SMT-LIB symbol for a name: bare when simple, else quoted with `|...|`. */
export function smtSymbol(name: string): string {
  if (/^[A-Za-z~!@$%^&*_+=<>.?/-][A-Za-z0-9~!@$%^&*_+=<>.?/-]*$/.test(name)) return name;
  if (/[|\\]/.test(name)) throw new InternalError(`SMT-LIB symbol cannot contain | or \\: ${JSON.stringify(name)}`);
  return `|${name}|`;
}

/**
 * An SMT-LIB 2 text builder. Call the {@link TermBuilder} methods, then
 * {@link TextTerms.script} with the asserted term.
 */
export class TextTerms implements TermBuilder<TextBool, TextBitVec> {
  private readonly decls: string[] = [];
  private readonly defs: string[] = [];
  private readonly shared = new Map<string, string>();
  private readonly names = new Set<string>();

  constructor(private readonly cardinality: CardinalityStyle = 'portable') {}

  private define(sort: string, expr: string): string {
    const key = `${sort} ${expr}`;
    const hit = this.shared.get(key);
    if (hit) return hit;
    const name = `t${this.shared.size}`;
    this.shared.set(key, name);
    this.defs.push(`(define-fun ${name} () ${sort} ${expr})`);
    return name;
  }

  private defBool(expr: string): TextBool {
    return this.define('Bool', expr);
  }

  private defBv(expr: string, w: number): TextBitVec {
    return { s: this.define(`(_ BitVec ${w})`, expr), w };
  }

  bool(v: boolean): TextBool {
    return v ? 'true' : 'false';
  }

  input(name: string): TextBool {
    // A name that cannot be an SMT-LIB symbol (it holds | or \) gets a
    // generated one, with a comment saying which input it is.
    const quotable = !/[|\\]/.test(name);
    const sym = quotable ? smtSymbol(name) : `|input ${this.decls.length}|`;
    if (this.names.has(sym) || /^t[0-9]+$/.test(sym)) throw new InternalError(`duplicate or reserved SMT input name ${name}`);
    this.names.add(sym);
    this.decls.push(`(declare-const ${sym} Bool)${quotable ? '' : ` ; ${JSON.stringify(name).replace(/[\r\n]/g, ' ')}`}`);
    return sym;
  }

  not(a: TextBool): TextBool {
    if (a === 'true') return 'false';
    if (a === 'false') return 'true';
    if (a.startsWith('(not ')) return a.slice(5, -1);
    return `(not ${a})`;
  }

  and(xs: readonly TextBool[]): TextBool {
    if (xs.includes('false')) return 'false';
    const ys = xs.filter((x) => x !== 'true');
    if (ys.length === 0) return 'true';
    if (ys.length === 1) return ys[0];
    return this.defBool(`(and ${ys.join(' ')})`);
  }

  or(xs: readonly TextBool[]): TextBool {
    if (xs.includes('true')) return 'true';
    const ys = xs.filter((x) => x !== 'false');
    if (ys.length === 0) return 'false';
    if (ys.length === 1) return ys[0];
    return this.defBool(`(or ${ys.join(' ')})`);
  }

  xor(a: TextBool, b: TextBool): TextBool {
    if (a === 'false') return b;
    if (b === 'false') return a;
    if (a === 'true') return this.not(b);
    if (b === 'true') return this.not(a);
    return this.defBool(`(xor ${a} ${b})`);
  }

  ite(c: TextBool, a: TextBool, b: TextBool): TextBool {
    if (c === 'true' || a === b) return a;
    if (c === 'false') return b;
    return this.defBool(`(ite ${c} ${a} ${b})`);
  }

  atLeast(xs: readonly TextBool[], k: number): TextBool {
    if (!(k >= 1 && k <= xs.length)) throw new InternalError(`atLeast(${xs.length} terms, ${k})`);
    if (this.cardinality === 'z3') return this.defBool(`((_ at-least ${k}) ${xs.join(' ')})`);
    return atLeastByCount(this, xs, k);
  }

  bvConst(v: bigint, w: number): TextBitVec {
    return { s: bvLiteral(v, w), w };
  }

  bvFromBits(bits: readonly TextBool[]): TextBitVec {
    const parts = bits.map((b) => (b === 'true' ? '#b1' : b === 'false' ? '#b0' : `(ite ${b} #b1 #b0)`)).reverse();
    return this.defBv(parts.length === 1 ? parts[0] : `(concat ${parts.join(' ')})`, bits.length);
  }

  bvBit(v: TextBitVec, i: number): TextBool {
    return this.defBool(`(= ((_ extract ${i} ${i}) ${v.s}) #b1)`);
  }

  bvWidth(v: TextBitVec): number {
    return v.w;
  }

  bvExtract(v: TextBitVec, hi: number, lo: number): TextBitVec {
    if (lo === 0 && hi === v.w - 1) return v;
    return this.defBv(`((_ extract ${hi} ${lo}) ${v.s})`, hi - lo + 1);
  }

  bvConcat(hi: TextBitVec, lo: TextBitVec): TextBitVec {
    return this.defBv(`(concat ${hi.s} ${lo.s})`, hi.w + lo.w);
  }

  bvSignExt(v: TextBitVec, n: number): TextBitVec {
    return n === 0 ? v : this.defBv(`((_ sign_extend ${n}) ${v.s})`, v.w + n);
  }

  bvZeroExt(v: TextBitVec, n: number): TextBitVec {
    return n === 0 ? v : this.defBv(`((_ zero_extend ${n}) ${v.s})`, v.w + n);
  }

  bvAdd(a: TextBitVec, b: TextBitVec): TextBitVec {
    return this.defBv(`(bvadd ${a.s} ${b.s})`, sameWidth(a, b));
  }

  bvSub(a: TextBitVec, b: TextBitVec): TextBitVec {
    return this.defBv(`(bvsub ${a.s} ${b.s})`, sameWidth(a, b));
  }

  bvMul(a: TextBitVec, b: TextBitVec): TextBitVec {
    return this.defBv(`(bvmul ${a.s} ${b.s})`, sameWidth(a, b));
  }

  bvIte(c: TextBool, a: TextBitVec, b: TextBitVec): TextBitVec {
    const w = sameWidth(a, b);
    if (c === 'true' || a.s === b.s) return a;
    if (c === 'false') return b;
    return this.defBv(`(ite ${c} ${a.s} ${b.s})`, w);
  }

  bvEq(a: TextBitVec, b: TextBitVec): TextBool {
    sameWidth(a, b);
    return this.defBool(`(= ${a.s} ${b.s})`);
  }

  bvSlt(a: TextBitVec, b: TextBitVec): TextBool {
    sameWidth(a, b);
    return this.defBool(`(bvslt ${a.s} ${b.s})`);
  }

  bvUlt(a: TextBitVec, b: TextBitVec): TextBool {
    sameWidth(a, b);
    return this.defBool(`(bvult ${a.s} ${b.s})`);
  }

  /**
   * The complete script: header comments, logic, declarations, definitions,
   * `(assert goal)` and `(check-sat)`.
   */
  script(goal: TextBool, comments: readonly string[] = []): string {
    // Z3's at-least is outside every standard logic; Z3 picks its own then.
    const logic = this.cardinality === 'portable' ? ['(set-logic QF_BV)'] : [];
    return [...comments.map((c) => `; ${c.replace(/[\r\n]+/g, ' ')}`), ...logic, ...this.decls, ...this.defs, `(assert ${goal})`, '(check-sat)', ''].join('\n');
  }
}

/** A bit-vector literal `(_ bvN w)` of width w for value N = v mod 2^w. */
function bvLiteral(v: bigint, w: number): string {
  if (!(w >= 1)) throw new InternalError(`bit-vector width ${w}`);
  return `(_ bv${BigInt.asUintN(w, v)} ${w})`;
}

function sameWidth(a: TextBitVec, b: TextBitVec): number {
  if (a.w !== b.w) throw new InternalError(`bit-vector widths differ: ${a.w} vs ${b.w}`);
  return a.w;
}
