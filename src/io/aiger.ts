/**
 * AIGER reader and writers (https://fmv.jku.at/aiger/), ASCII `aag` and
 * binary `aig`, header versions 1 (`M I L O A`) and 1.9 (`M I L O A B C J F`).
 *
 * Only combinational circuits are accepted: latches, bad-state properties,
 * invariant constraints, justice and fairness sections are refused with a
 * message that says so. Bit names from the symbol table are grouped into
 * ports by the convention of {@link groupBits}.
 *
 * Errors name the place: `line N` in the text parts (header, literals,
 * symbols of an `aag`), `byte N` (0-based offset) in a binary `aig` from its
 * AND section on.
 * @module
 */
import { Aig, type Lit } from '../aig/aig.js';
import { InputError, describeValue } from '../errors.js';
import type { Circuit } from '../verify/model.js';
import { bitName, circuitFromNamedAig } from './ports.js';

/** Largest variable index (M) accepted; keeps literals inside 32 bits and memory bounded. */
export const MAX_AIGER_VARS = 1 << 26;

/** The header fields, version 1.9 ones 0 when absent. */
interface Header {
  readonly binary: boolean;
  readonly M: number;
  readonly I: number;
  readonly L: number;
  readonly O: number;
  readonly A: number;
}

/** A cursor over the file's lines that knows where it is. */
class Cursor {
  pos = 0;
  line = 0;
  /** Whether places are reported as byte offsets (binary part of an `aig`). */
  byBytes = false;
  constructor(
    readonly bytes: Buffer,
    readonly file: string,
  ) {}

  get place(): string {
    return this.byBytes ? `byte ${this.pos}` : `line ${this.line + 1}`;
  }

  /** The next line (without its newline), or null at the end of the file. */
  next(): { text: string; place: string } | null {
    if (this.pos >= this.bytes.length) return null;
    const place = this.place;
    let end = this.bytes.indexOf(10, this.pos);
    if (end < 0) end = this.bytes.length;
    const text = this.bytes.toString('utf8', this.pos, end > this.pos && this.bytes[end - 1] === 13 ? end - 1 : end);
    this.pos = end + 1;
    this.line++;
    return { text, place };
  }

  /** The next line, which must exist (`what` says what it should hold). */
  need(what: string): { text: string; place: string } {
    const l = this.next();
    if (!l) throw new InputError(this.file, this.place, what, 'the end of the file');
    return l;
  }

  fail(place: string, expected: string, found: string): never {
    throw new InputError(this.file, place, expected, found);
  }
}

/** Parse an unsigned decimal token (`what` names it in the message). */
function unsigned(cur: Cursor, place: string, tok: string | undefined, what: string): number {
  if (tok === undefined || !/^\d+$/.test(tok) || tok.length > 10) cur.fail(place, what, describeValue(tok));
  return Number(tok);
}

function readHeader(cur: Cursor): Header {
  const first = cur.next();
  const expected = 'an AIGER header "aag M I L O A" or "aig M I L O A" (optionally followed by B C J F)';
  if (!first) cur.fail('line 1', expected, 'an empty file');
  const toks = first.text.trim().split(/\s+/);
  if ((toks[0] !== 'aag' && toks[0] !== 'aig') || toks.length < 6 || toks.length > 10) cur.fail('line 1', expected, describeValue(first.text));
  const n = toks.slice(1).map((t, i) => unsigned(cur, 'line 1', t, `a count for ${'MILOABCJF'[i]} in the header`));
  const [M, I, L, O, A, B = 0, C = 0, J = 0, F = 0] = n;
  const binary = toks[0] === 'aig';
  const limit = Math.min(MAX_AIGER_VARS, 16 * cur.bytes.length + 4096);
  if (M > limit) cur.fail('line 1', `at most ${limit} variables (M) in a file of ${cur.bytes.length} bytes`, `M = ${M}`);
  if (binary && M !== I + L + A) cur.fail('line 1', 'M = I + L + A in a binary AIGER file', `M = ${M}, I + L + A = ${I + L + A}`);
  const refuse: [number, string][] = [
    [L, 'latches (L)'],
    [B, 'bad-state properties (B)'],
    [C, 'invariant constraints (C)'],
    [J, 'justice properties (J)'],
    [F, 'fairness constraints (F)'],
  ];
  for (const [count, what] of refuse) {
    if (count > 0) cur.fail('line 1', `a combinational circuit with no ${what}; bnnu checks combinational logic only`, `${count} ${what}`);
  }
  const lines = (binary ? 0 : I + A) + O;
  if (lines > cur.bytes.length || (binary && 2 * A > cur.bytes.length)) {
    cur.fail('line 1', `counts that fit in a file of ${cur.bytes.length} bytes`, `I = ${I}, O = ${O}, A = ${A}`);
  }
  return { binary, M, I, L, O, A };
}

/** Where each variable is defined: 0 undefined, 1 input, 2 AND. */
interface Definitions {
  readonly kind: Uint8Array;
  /** For AND variables, the file's fanin literals. */
  readonly rhs0: Uint32Array;
  readonly rhs1: Uint32Array;
  /** Place of each AND's definition, for messages. */
  readonly andPlace: Map<number, string>;
}

/** Parse one literal of at most 2M+1. */
function literal(cur: Cursor, place: string, tok: string | undefined, M: number, what: string): number {
  const l = unsigned(cur, place, tok, `${what}: a literal (unsigned integer)`);
  if (l > 2 * M + 1) cur.fail(place, `${what}: a literal at most 2M+1 = ${2 * M + 1}`, String(l));
  return l;
}

/**
 * Read an AIGER file (ASCII `aag` or binary `aig`, told apart by its header)
 * into a circuit. Throws {@link InputError} (exit 2) naming the line or byte.
 * @example
 * ```ts
 * import { readAiger } from 'bnn-universal';
 * const c = readAiger(Buffer.from('aag 3 2 0 1 1\n2\n4\n6\n6 2 4\ni0 x[0]\ni1 x[1]\no0 y[0]\n'), 'and.aag');
 * console.log(c.inputs); // [{ name: 'x', width: 2 }]
 * ```
 */
export function readAiger(bytes: Buffer, file: string): Circuit {
  const cur = new Cursor(bytes, file);
  const h = readHeader(cur);
  const defs: Definitions = { kind: new Uint8Array(h.M + 1), rhs0: new Uint32Array(h.M + 1), rhs1: new Uint32Array(h.M + 1), andPlace: new Map() };
  const inputLits: number[] = [];
  const inputPlaces: string[] = [];
  if (h.binary) {
    for (let i = 0; i < h.I; i++) {
      inputLits.push(2 * (i + 1));
      defs.kind[i + 1] = 1;
    }
  } else {
    for (let i = 0; i < h.I; i++) {
      const { text, place } = cur.need(`input ${i} of ${h.I}`);
      const l = literal(cur, place, text.trim(), h.M, `input ${i}`);
      if (l < 2 || l & 1) cur.fail(place, `input ${i}: an even literal >= 2`, String(l));
      if (defs.kind[l >>> 1]) cur.fail(place, `input ${i}: a variable not defined before`, `variable ${l >>> 1} again`);
      defs.kind[l >>> 1] = 1;
      inputLits.push(l);
      inputPlaces.push(place);
    }
  }
  const outputLits: number[] = [];
  const outputPlaces: string[] = [];
  for (let i = 0; i < h.O; i++) {
    const { text, place } = cur.need(`output ${i} of ${h.O}`);
    outputLits.push(literal(cur, place, text.trim(), h.M, `output ${i}`));
    outputPlaces.push(place);
  }
  const order = h.binary ? readBinaryAnds(cur, h, defs) : readAsciiAnds(cur, h, defs);
  const names = readSymbols(cur, h);
  const g = new Aig(Math.max(16, h.I + h.A + 1));
  const map = new Uint32Array(h.M + 1);
  inputLits.forEach((l, i) => (map[l >>> 1] = g.addInput(names.inputs[i] ?? '')));
  const tr = (l: number): Lit => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (const v of order) map[v] = g.and(tr(defs.rhs0[v]), tr(defs.rhs1[v]));
  outputLits.forEach((l, i) => {
    if (l > 1 && !defs.kind[l >>> 1]) cur.fail(outputPlaces[i], `output ${i}: a literal of an input or an AND gate`, `${l} (variable ${l >>> 1} is never defined)`);
    g.addOutput(tr(l), names.outputs[i] ?? '');
  });
  const placeOf = (places: string[], sym: Map<number, string>, kind: string) => (i: number) => sym.get(i) ?? places[i] ?? `${kind} ${i}`;
  return circuitFromNamedAig(g, file, placeOf(inputPlaces, names.inputPlaces, 'input'), placeOf(outputPlaces, names.outputPlaces, 'output'));
}

/** Read `aag` AND lines; returns the AND variables in a topological order. */
function readAsciiAnds(cur: Cursor, h: Header, defs: Definitions): number[] {
  const ands: number[] = [];
  for (let i = 0; i < h.A; i++) {
    const { text, place } = cur.need(`AND gate ${i} of ${h.A}`);
    const toks = text.trim().split(/\s+/);
    if (toks.length !== 3) cur.fail(place, `AND gate ${i}: three literals "lhs rhs0 rhs1"`, describeValue(text));
    const lhs = literal(cur, place, toks[0], h.M, `AND gate ${i} lhs`);
    if (lhs < 2 || lhs & 1) cur.fail(place, `AND gate ${i}: an even lhs literal >= 2`, String(lhs));
    const v = lhs >>> 1;
    if (defs.kind[v]) cur.fail(place, `AND gate ${i}: a variable not defined before`, `variable ${v} again`);
    defs.kind[v] = 2;
    defs.rhs0[v] = literal(cur, place, toks[1], h.M, `AND gate ${i} rhs0`);
    defs.rhs1[v] = literal(cur, place, toks[2], h.M, `AND gate ${i} rhs1`);
    defs.andPlace.set(v, place);
    ands.push(v);
  }
  return topologicalOrder(cur, ands, defs);
}

/**
 * Order AND variables so that fanins come first (an `aag` may list them in
 * any order); an undefined fanin or a cycle is an input error.
 * Iterative DFS: deep circuits must not overflow the stack.
 */
function topologicalOrder(cur: Cursor, ands: number[], defs: Definitions): number[] {
  const state = new Uint8Array(defs.kind.length); // 0 new, 1 on stack, 2 done
  const order: number[] = [];
  const stack: number[] = [];
  for (const root of ands) {
    if (state[root]) continue;
    stack.push(root);
    state[root] = 1;
    while (stack.length) {
      const v = stack[stack.length - 1];
      let pushed = false;
      for (const l of [defs.rhs0[v], defs.rhs1[v]]) {
        const u = l >>> 1;
        if (u === 0 || defs.kind[u] === 1) continue;
        if (defs.kind[u] === 0) cur.fail(defs.andPlace.get(v)!, 'AND gate fanins that are inputs, AND gates or constants', `literal ${l} (variable ${u} is never defined)`);
        if (state[u] === 1) reportCycle(cur, stack, u, defs);
        if (state[u] === 0) {
          state[u] = 1;
          stack.push(u);
          pushed = true;
          break;
        }
      }
      if (!pushed) {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  }
  return order;
}

function reportCycle(cur: Cursor, stack: number[], u: number, defs: Definitions): never {
  const cycle = stack.slice(stack.indexOf(u));
  const shown = cycle.slice(0, 8).map((v) => `${2 * v} (${defs.andPlace.get(v)})`);
  const more = cycle.length > 8 ? ` and ${cycle.length - 8} more` : '';
  cur.fail(defs.andPlace.get(u)!, 'an acyclic circuit', `a cycle through AND gates ${shown.join(', ')}${more}`);
}

/** Read the delta-encoded AND section of a binary `aig`; its order is already topological. */
function readBinaryAnds(cur: Cursor, h: Header, defs: Definitions): number[] {
  cur.byBytes = true;
  const b = cur.bytes;
  const varint = (what: string): number => {
    let x = 0;
    for (let shift = 0; ; shift += 7) {
      if (cur.pos >= b.length) cur.fail(`byte ${cur.pos}`, what, 'the end of the file');
      if (shift > 28) cur.fail(`byte ${cur.pos}`, `${what} of at most 32 bits`, 'a longer encoding');
      const c = b[cur.pos++];
      x += (c & 0x7f) * 2 ** shift;
      if (!(c & 0x80)) return x;
    }
  };
  const order: number[] = [];
  for (let i = 0; i < h.A; i++) {
    const place = `byte ${cur.pos}`;
    const lhs = 2 * (h.I + h.L + i + 1);
    const d0 = varint(`AND gate ${i} (lhs ${lhs}): a delta`);
    const d1 = varint(`AND gate ${i} (lhs ${lhs}): a second delta`);
    if (d0 === 0 || d0 > lhs) cur.fail(place, `AND gate ${i} (lhs ${lhs}): a first delta in 1..${lhs}`, String(d0));
    const rhs0 = lhs - d0;
    if (d1 > rhs0) cur.fail(place, `AND gate ${i} (lhs ${lhs}): a second delta in 0..${rhs0}`, String(d1));
    const v = lhs >>> 1;
    defs.kind[v] = 2;
    defs.rhs0[v] = rhs0;
    defs.rhs1[v] = rhs0 - d1;
    order.push(v);
  }
  return order;
}

/** Names from the symbol table, with where each was given. */
interface Symbols {
  readonly inputs: string[];
  readonly outputs: string[];
  readonly inputPlaces: Map<number, string>;
  readonly outputPlaces: Map<number, string>;
}

/** Read the symbol table up to the comment section (`c`) or the end of the file. */
function readSymbols(cur: Cursor, h: Header): Symbols {
  const s: Symbols = { inputs: [], outputs: [], inputPlaces: new Map(), outputPlaces: new Map() };
  for (;;) {
    const l = cur.next();
    if (!l || l.text === 'c') return s;
    if (l.text === '' && cur.pos >= cur.bytes.length) return s;
    const m = /^([ilobcjf])(\d+) (.*)$/s.exec(l.text);
    if (!m) cur.fail(l.place, 'a symbol ("i0 name", "o0 name"), the comment section ("c") or the end of the file', describeValue(l.text));
    const [, kind, posText, name] = m;
    const pos = Number(posText);
    const count = kind === 'i' ? h.I : kind === 'o' ? h.O : 0;
    if (pos >= count) cur.fail(l.place, `a symbol for one of the ${count} ${kind === 'i' ? 'inputs' : kind === 'o' ? 'outputs' : `"${kind}" entries`}`, `position ${pos}`);
    if (name === '') cur.fail(l.place, 'a non-empty name', 'an empty name');
    const [names, places] = kind === 'i' ? [s.inputs, s.inputPlaces] : [s.outputs, s.outputPlaces];
    if (places.has(pos)) cur.fail(l.place, `one symbol per ${kind === 'i' ? 'input' : 'output'}`, `a second name for ${kind}${pos} (first at ${places.get(pos)})`);
    names[pos] = name;
    places.set(pos, l.place);
  }
}

/** A circuit numbered for AIGER: inputs 1..I, then the ANDs in the outputs' cones, in order. */
interface Numbered {
  readonly I: number;
  /** AND gates as [rhs0, rhs1] file literals with rhs0 >= rhs1, variable I+1+j for gate j. */
  readonly ands: [number, number][];
  readonly outputs: number[];
  readonly symbols: string[];
}

function numberForAiger(c: Circuit): Numbered {
  const g = c.aig;
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) live[g.fanin0[v] >>> 1] = live[g.fanin1[v] >>> 1] = 1;
  }
  const map = new Uint32Array(g.numVars);
  g.inputs.forEach((v, i) => (map[v] = 2 * (i + 1)));
  const tr = (l: number) => map[l >>> 1] ^ (l & 1);
  const ands: [number, number][] = [];
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const a = tr(g.fanin0[v]);
    const b = tr(g.fanin1[v]);
    map[v] = 2 * (g.inputs.length + ands.length + 1);
    ands.push(a > b ? [a, b] : [b, a]);
  }
  const symbols: string[] = [];
  const side = (ports: Circuit['inputs'], tag: string) => {
    let k = 0;
    for (const p of ports) {
      for (let i = 0; i < p.width; i++, k++) {
        const name = bitName(p.name, i);
        if (name) symbols.push(`${tag}${k} ${name}`);
      }
    }
  };
  side(c.inputs, 'i');
  side(c.outputs, 'o');
  return { I: g.inputs.length, ands, outputs: g.outputs.map(tr), symbols };
}

const COMMENT = 'c\nwritten by bnn-universal\n';

/**
 * Write a circuit as ASCII AIGER (`aag`), with a symbol table naming port
 * bits `x[0]`, `x[1]`, ... Only the AND gates in the outputs' cones are written.
 * @example
 * ```ts
 * import { Aig, writeAigerAscii } from 'bnn-universal';
 * const g = new Aig(); const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * writeAigerAscii({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] });
 * // 'aag 3 2 0 1 1\n2\n4\n6\n6 4 2\ni0 x[0]\ni1 x[1]\no0 y[0]\nc\n...'
 * ```
 */
export function writeAigerAscii(c: Circuit): string {
  const n = numberForAiger(c);
  const lines = [`aag ${n.I + n.ands.length} ${n.I} 0 ${n.outputs.length} ${n.ands.length}`];
  for (let i = 0; i < n.I; i++) lines.push(String(2 * (i + 1)));
  for (const o of n.outputs) lines.push(String(o));
  n.ands.forEach(([a, b], j) => lines.push(`${2 * (n.I + j + 1)} ${a} ${b}`));
  lines.push(...n.symbols);
  return lines.join('\n') + '\n' + COMMENT;
}

/**
 * Write a circuit as binary AIGER (`aig`): ANDs ordered and delta-encoded,
 * with the same symbol table as {@link writeAigerAscii}.
 */
export function writeAigerBinary(c: Circuit): Buffer {
  const n = numberForAiger(c);
  const head = [`aig ${n.I + n.ands.length} ${n.I} 0 ${n.outputs.length} ${n.ands.length}`, ...n.outputs.map(String)].join('\n') + '\n';
  const body: number[] = [];
  const put = (x: number) => {
    while (x >= 0x80) {
      body.push((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    body.push(x);
  };
  n.ands.forEach(([a, b], j) => {
    const lhs = 2 * (n.I + j + 1);
    put(lhs - a);
    put(a - b);
  });
  const tail = (n.symbols.length ? n.symbols.join('\n') + '\n' : '') + COMMENT;
  return Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(body), Buffer.from(tail, 'utf8')]);
}
