/**
 * BLIF reader and writer (Berkeley Logic Interchange Format), combinational
 * subset: `.model`, `.inputs`, `.outputs`, `.names` covers, `.subckt` of
 * models in the same file (flattened; the first model is the top), `.end`,
 * plus Yosys's `.conn` buffers. Comments (`#`) and line continuations (`\`)
 * are handled; `.latch`, `.gate`, `.exdc` and `.search` are refused with a
 * message that says why. Purely informational directives (`.attr`,
 * `.param`, `.cname`, timing data) are ignored.
 *
 * Cover semantics: each line `PLANE BIT` is a cube over the `.names` inputs
 * (`1` the input, `0` its complement, `-` either); all lines of one cover
 * have the same BIT: `1` lists the on-set (the output is the OR of the
 * cubes), `0` the off-set (the output is its complement). A `.names y` with
 * no lines is constant 0, with the single line `1` constant 1.
 * @module
 */
import { Aig, FALSE, type Lit, TRUE, not } from '../aig/aig.js';
import { BnnuError, InputError, describeValue } from '../errors.js';
import type { Circuit } from '../verify/model.js';
import { bitName, circuitFromNamedAig } from './ports.js';

/** Largest number of signals after flattening `.subckt`s. */
export const MAX_BLIF_SIGNALS = 1 << 22;

/** One logical line: its tokens and the (first) physical line it came from. */
interface Line {
  readonly toks: string[];
  readonly line: number;
}

/** A `.names` cover, a `.subckt` instance or a `.conn` buffer inside a model. */
type Def =
  | { kind: 'names'; inputs: string[]; output: string; cubes: string[]; onset: boolean; line: number }
  | { kind: 'subckt'; model: string; conns: [string, string][]; line: number }
  | { kind: 'conn'; from: string; to: string; line: number };

interface Model {
  readonly name: string;
  readonly line: number;
  inputs: [string, number][];
  outputs: [string, number][];
  defs: Def[];
  blackbox: boolean;
}

/** Split text into logical lines: comments removed, continuations joined, blank lines dropped. */
function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  const phys = text.split('\n');
  let pending: string[] = [];
  let start = 0;
  phys.forEach((raw, i) => {
    let s = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const hash = s.indexOf('#');
    if (hash >= 0) s = s.slice(0, hash);
    if (pending.length === 0) start = i + 1;
    const cont = s.trimEnd().endsWith('\\');
    if (cont) s = s.trimEnd().slice(0, -1);
    pending.push(s);
    if (cont && i < phys.length - 1) return;
    const toks = pending.join(' ').trim().split(/\s+/).filter((t) => t !== '');
    pending = [];
    if (toks.length) out.push({ toks, line: start });
  });
  return out;
}

const IGNORED = new Set(['.attr', '.param', '.cname', '.area', '.delay', '.wire_load_slope', '.input_arrival', '.output_required', '.input_drive', '.output_load', '.max_input_load']);
const REFUSED: Record<string, string> = {
  '.latch': 'a combinational circuit (no .latch); bnnu checks combinational logic only',
  '.mlatch': 'a combinational circuit (no .mlatch); bnnu checks combinational logic only',
  '.gate': 'logic as .names covers (.gate needs a cell library; write the netlist with .names, e.g. Yosys write_blif without -gates)',
  '.exdc': 'no external don\'t-care network (.exdc)',
  '.search': 'all models in one file (.search is not supported)',
  '.clock': 'a combinational circuit (no .clock); bnnu checks combinational logic only',
};

/** Parse the lines into models, checking each directive's shape. */
function parseModels(lines: Line[], file: string): Model[] {
  const models: Model[] = [];
  let cur: Model | null = null;
  let cover: Extract<Def, { kind: 'names' }> | null = null;
  const fail = (l: Line, expected: string, found: string): never => {
    throw new InputError(file, `line ${l.line}`, expected, found);
  };
  const need = (l: Line): Model => cur ?? fail(l, '.model before any other directive', describeValue(l.toks[0]));
  for (const l of lines) {
    const d = l.toks[0];
    if (!d.startsWith('.')) {
      if (!cover) throw new InputError(file, `line ${l.line}`, 'a directive such as .names, .inputs or .end', describeValue(l.toks.join(' ')));
      addCube(cover, l, fail);
      continue;
    }
    cover = null;
    if (d === '.model') {
      if (l.toks.length > 2) fail(l, '.model NAME', describeValue(l.toks.join(' ')));
      const name = l.toks[1] ?? `model@${l.line}`;
      if (models.some((m) => m.name === name)) fail(l, 'model names that are unique in the file', `a second model ${JSON.stringify(name)}`);
      cur = { name, line: l.line, inputs: [], outputs: [], defs: [], blackbox: false };
      models.push(cur);
    } else if (d === '.inputs' || d === '.outputs') {
      const list = d === '.inputs' ? need(l).inputs : need(l).outputs;
      for (const t of l.toks.slice(1)) list.push([t, l.line]);
    } else if (d === '.names') {
      if (l.toks.length < 2) fail(l, '.names IN... OUT', 'no signal names');
      cover = { kind: 'names', inputs: l.toks.slice(1, -1), output: l.toks[l.toks.length - 1], cubes: [], onset: true, line: l.line };
      need(l).defs.push(cover);
    } else if (d === '.subckt') {
      if (l.toks.length < 2) fail(l, '.subckt MODEL FORMAL=ACTUAL...', 'no model name');
      const conns = l.toks.slice(2).map((t): [string, string] => {
        const eq = t.indexOf('=');
        if (eq <= 0 || eq === t.length - 1) fail(l, 'connections FORMAL=ACTUAL', describeValue(t));
        return [t.slice(0, eq), t.slice(eq + 1)];
      });
      need(l).defs.push({ kind: 'subckt', model: l.toks[1], conns, line: l.line });
    } else if (d === '.conn') {
      if (l.toks.length !== 3) fail(l, '.conn FROM TO', describeValue(l.toks.join(' ')));
      need(l).defs.push({ kind: 'conn', from: l.toks[1], to: l.toks[2], line: l.line });
    } else if (d === '.end') {
      need(l);
      cur = null;
    } else if (d === '.blackbox') {
      need(l).blackbox = true;
    } else if (REFUSED[d]) {
      fail(l, REFUSED[d], d);
    } else if (!IGNORED.has(d) && !d.startsWith('.default_')) {
      fail(l, 'a BLIF directive (.model, .inputs, .outputs, .names, .subckt, .end)', describeValue(d));
    }
  }
  if (models.length === 0) throw new InputError(file, 'line 1', 'a .model', 'no model in the file');
  return models;
}

function addCube(cover: Extract<Def, { kind: 'names' }>, l: Line, fail: (l: Line, e: string, f: string) => never): void {
  const n = cover.inputs.length;
  const [plane, bit] = n === 0 ? ['', l.toks[0]] : l.toks;
  if ((n === 0 && l.toks.length !== 1) || (n > 0 && l.toks.length !== 2)) {
    fail(l, n === 0 ? 'a constant cover line "1" or "0"' : `a cover line of ${n} characters from 0, 1, - and an output bit`, describeValue(l.toks.join(' ')));
  }
  if (plane.length !== n || !/^[01-]*$/.test(plane)) fail(l, `an input plane of ${n} characters from 0, 1, -`, describeValue(plane));
  if (bit !== '0' && bit !== '1') fail(l, 'an output bit 0 or 1', describeValue(bit));
  const onset = bit === '1';
  if (cover.cubes.length > 0 && onset !== cover.onset) {
    fail(l, `output bit ${cover.onset ? 1 : 0} like the cover's earlier lines (a cover lists its on-set or its off-set)`, bit);
  }
  cover.onset = onset;
  cover.cubes.push(plane);
}

/** The flat netlist: every signal with at most one driver. */
interface Flat {
  readonly names: string[];
  /** Line of the driver (or of the first use while undriven). */
  readonly lines: number[];
  /** Driver: -1 none, -2 primary input, else index into `nodes`. */
  readonly driver: number[];
  readonly nodes: ({ kind: 'names'; fanins: number[]; cubes: string[]; onset: boolean } | { kind: 'buf'; fanins: number[] })[];
}

/**
 * An upper bound on the nodes flattening `m` creates (memoised per model;
 * Infinity for unknown or recursive models, which `flatten` reports), so a
 * file whose models instantiate each other exponentially is refused before
 * any work is done.
 */
function flatSize(m: Model, byName: Map<string, Model>, memo: Map<string, number>): number {
  const known = memo.get(m.name);
  if (known !== undefined) return known;
  memo.set(m.name, Infinity); // while visiting: a recursive instance counts as unbounded
  let n = m.inputs.length + m.outputs.length;
  for (const d of m.defs) {
    if (d.kind !== 'subckt') n += 1 + (d.kind === 'names' ? d.inputs.length : 1);
    else {
      const child = byName.get(d.model);
      n += d.conns.length + (child ? flatSize(child, byName, memo) : 0);
    }
  }
  memo.set(m.name, n);
  return n;
}

/** Flatten the top model and its `.subckt`s into one netlist. */
function flatten(models: Model[], file: string): { flat: Flat; inputs: number[]; outputs: number[]; top: Model } {
  const byName = new Map(models.map((m) => [m.name, m]));
  const flat: Flat = { names: [], lines: [], driver: [], nodes: [] };
  const newSignal = (name: string, line: number): number => {
    if (flat.names.length >= MAX_BLIF_SIGNALS) throw new InputError(file, `line ${line}`, `at most ${MAX_BLIF_SIGNALS} signals after flattening .subckt`, 'more');
    flat.names.push(name);
    flat.lines.push(line);
    flat.driver.push(-1);
    return flat.names.length - 1;
  };
  const drive = (id: number, driver: number, line: number) => {
    if (flat.driver[id] !== -1) {
      throw new InputError(file, `line ${line}`, `one driver for signal ${JSON.stringify(flat.names[id])}`, `a second one (the first is at line ${flat.lines[id]})`);
    }
    flat.driver[id] = driver;
    flat.lines[id] = line;
  };
  const top = models[0];
  const size = flatSize(top, byName, new Map());
  if (size > MAX_BLIF_SIGNALS && Number.isFinite(size)) {
    throw new InputError(file, `line ${top.line}`, `at most ${MAX_BLIF_SIGNALS} signals after flattening .subckt`, `model ${JSON.stringify(top.name)} flattening to about ${size.toPrecision(3)}`);
  }
  let instances = 0;
  const expand = (m: Model, bound: Map<string, number>, prefix: string, stack: string[]): Map<string, number> => {
    const scope = new Map(bound);
    const sig = (name: string, line: number) => scope.get(name) ?? (scope.set(name, newSignal(prefix + name, line)), scope.get(name)!);
    const target = (name: string, line: number) => {
      if (m !== top && bound.has(name)) throw new InputError(file, `line ${line}`, `a signal other than the inputs of model ${JSON.stringify(m.name)}`, `a driver for input ${JSON.stringify(name)}`);
      return sig(name, line);
    };
    for (const d of m.defs) {
      if (d.kind === 'names') {
        const fanins = d.inputs.map((s) => sig(s, d.line));
        flat.nodes.push({ kind: 'names', fanins, cubes: d.cubes, onset: d.onset });
        drive(target(d.output, d.line), flat.nodes.length - 1, d.line);
      } else if (d.kind === 'conn') {
        flat.nodes.push({ kind: 'buf', fanins: [sig(d.from, d.line)] });
        drive(target(d.to, d.line), flat.nodes.length - 1, d.line);
      } else {
        const child = byName.get(d.model);
        const at = `line ${d.line}`;
        if (!child) throw new InputError(file, at, `a model defined in this file (${[...byName.keys()].join(', ')})`, `.subckt ${JSON.stringify(d.model)}`);
        if (stack.includes(child.name)) throw new InputError(file, at, 'models that do not instantiate themselves', `${[...stack, child.name].join(' -> ')}`);
        if (child.blackbox) throw new InputError(file, at, 'a model with logic', `.subckt of black box ${JSON.stringify(child.name)}`);
        const formals = new Set([...child.inputs, ...child.outputs].map(([n]) => n));
        const env = new Map<string, number>();
        for (const [formal, actual] of d.conns) {
          if (!formals.has(formal)) throw new InputError(file, at, `a formal of model ${JSON.stringify(child.name)} (${[...formals].join(', ')})`, JSON.stringify(formal));
          if (child.inputs.some(([n]) => n === formal)) env.set(formal, sig(actual, d.line));
        }
        for (const [formal] of child.inputs) {
          if (!env.has(formal)) throw new InputError(file, at, `a connection for input ${JSON.stringify(formal)} of model ${JSON.stringify(child.name)}`, 'none');
        }
        const outs = expand(child, env, `${prefix}${child.name}#${instances++}/`, [...stack, child.name]);
        for (const [formal, actual] of d.conns) {
          if (!child.outputs.some(([n]) => n === formal)) continue;
          flat.nodes.push({ kind: 'buf', fanins: [outs.get(formal)!] });
          drive(target(actual, d.line), flat.nodes.length - 1, d.line);
        }
      }
    }
    const result = new Map<string, number>();
    for (const [name, line] of m.outputs) result.set(name, sig(name, line));
    return result;
  };
  const bound = new Map<string, number>();
  const inputs = top.inputs.map(([name, line]) => {
    if (bound.has(name)) throw new InputError(file, `line ${line}`, 'each input listed once', `${JSON.stringify(name)} again`);
    const id = newSignal(name, line);
    flat.driver[id] = -2;
    bound.set(name, id);
    return id;
  });
  const outMap = expand(top, bound, '', [top.name]);
  const outputs = top.outputs.map(([name]) => outMap.get(name)!);
  return { flat, inputs, outputs, top };
}

/** Signals in an order where drivers' fanins come first; undriven signals and cycles are input errors. */
function topologicalOrder(flat: Flat, file: string): number[] {
  const n = flat.names.length;
  const state = new Uint8Array(n);
  const order: number[] = [];
  const stack: number[] = [];
  const fanins = (s: number) => (flat.driver[s] >= 0 ? flat.nodes[flat.driver[s]].fanins : []);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    stack.push(root);
    state[root] = 1;
    while (stack.length) {
      const s = stack[stack.length - 1];
      if (flat.driver[s] === -1) {
        throw new InputError(file, `line ${flat.lines[s]}`, 'signals defined by .inputs, .names or .subckt', `${JSON.stringify(flat.names[s])}, which is never defined`);
      }
      const next = fanins(s).find((u) => state[u] !== 2);
      if (next === undefined) {
        state[s] = 2;
        order.push(s);
        stack.pop();
      } else if (state[next] === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        const shown = cycle.slice(0, 8).map((u) => `${flat.names[u]} (line ${flat.lines[u]})`).join(' -> ');
        throw new InputError(file, `line ${flat.lines[next]}`, 'an acyclic circuit', `a cycle through ${shown}${cycle.length > 8 ? ` and ${cycle.length - 8} more` : ''}`);
      } else {
        state[next] = 1;
        stack.push(next);
      }
    }
  }
  return order;
}

/** OR (or AND) of literals as a balanced tree, keeping the AIG shallow. */
function balanced(g: Aig, lits: Lit[], and: boolean): Lit {
  if (lits.length === 0) return and ? TRUE : FALSE;
  let level = lits;
  while (level.length > 1) {
    const next: Lit[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(and ? g.and(level[i], level[i + 1]) : g.or(level[i], level[i + 1]));
    if (level.length % 2) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

/**
 * Read a BLIF file into a circuit. Throws {@link InputError} (exit 2) with
 * the line for malformed covers, unknown or refused directives, undefined or
 * doubly-driven signals and combinational cycles.
 * @example
 * ```ts
 * import { readBlif } from 'bnn-universal';
 * const c = readBlif('.model m\n.inputs a b\n.outputs y\n.names a b y\n11 1\n.end\n', 'and.blif');
 * console.log(c.inputs.map((p) => p.name)); // ['a', 'b']
 * ```
 */
export function readBlif(text: string, file: string): Circuit {
  const models = parseModels(logicalLines(text), file);
  const { flat, inputs, outputs, top } = flatten(models, file);
  const order = topologicalOrder(flat, file);
  const g = new Aig(Math.max(16, flat.names.length * 2));
  const lit = new Int32Array(flat.names.length).fill(-1);
  for (const id of inputs) lit[id] = g.addInput(flat.names[id]);
  for (const s of order) {
    const d = flat.driver[s];
    if (d < 0) continue;
    const node = flat.nodes[d];
    const ins = node.fanins.map((u) => lit[u] as Lit);
    if (node.kind === 'buf') {
      lit[s] = ins[0];
      continue;
    }
    const cubes = node.cubes.map((plane) => balanced(g, [...plane].flatMap((c, i) => (c === '1' ? [ins[i]] : c === '0' ? [not(ins[i])] : [])), true));
    const sop = balanced(g, cubes, false);
    lit[s] = node.onset ? sop : not(sop);
  }
  top.outputs.forEach(([name], i) => g.addOutput(lit[outputs[i]] as Lit, name));
  const inLine = (i: number) => `line ${top.inputs[i][1]}`;
  const outLine = (i: number) => `line ${top.outputs[i][1]}`;
  return circuitFromNamedAig(g, file, inLine, outLine);
}

/** Whether a name can be written as one BLIF token. */
function blifSafe(name: string): boolean {
  return /^[^\s#\\=]+$/.test(name) && !name.startsWith('.');
}

/**
 * The names of a circuit's port bits as written to BLIF and Verilog: `x[i]`,
 * or `in[i]` / `out[i]` for positional (unnamed) sides.
 */
export function portBitNames(ports: Circuit['inputs'], side: 'in' | 'out'): string[] {
  const names: string[] = [];
  for (const p of ports) for (let i = 0; i < p.width; i++) names.push(bitName(p.name, i) || `${side}[${names.length}]`);
  return names;
}

/**
 * Write a circuit as BLIF: one `.names` per AND gate in the outputs' cones
 * (complemented fanins as `0` in the cube), port bits named `x[0]`, ...
 * (positional sides as `in[k]` / `out[k]`), internal signals `n<var>`.
 * @example
 * ```ts
 * import { Aig, writeBlif } from 'bnn-universal';
 * const g = new Aig(); const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * writeBlif({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] });
 * // '.model top\n.inputs x[0] x[1]\n.outputs y[0]\n.names x[0] x[1] n3\n11 1\n.names n3 y[0]\n1 1\n.end\n'
 * ```
 */
export function writeBlif(c: Circuit, modelName = 'top'): string {
  const g = c.aig;
  const ins = portBitNames(c.inputs, 'in');
  const outs = portBitNames(c.outputs, 'out');
  for (const n of [...ins, ...outs, modelName]) {
    if (!blifSafe(n)) throw new BnnuError('input', `cannot write ${JSON.stringify(n)} as a BLIF name (no spaces, #, \\ or =, not starting with .)`);
  }
  if (new Set([...ins, ...outs]).size !== ins.length + outs.length) throw new BnnuError('input', 'cannot write BLIF: an input and an output port have the same name');
  const name = new Map<number, string>();
  g.inputs.forEach((v, i) => name.set(v, ins[i]));
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) if (live[v] && g.isAnd(v)) live[g.fanin0[v] >>> 1] = live[g.fanin1[v] >>> 1] = 1;
  const lines = [`.model ${modelName}`, `.inputs ${ins.join(' ')}`.trimEnd(), `.outputs ${outs.join(' ')}`.trimEnd()];
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    name.set(v, `n${v}`);
    const a = g.fanin0[v];
    const b = g.fanin1[v];
    lines.push(`.names ${name.get(a >>> 1)} ${name.get(b >>> 1)} n${v}`, `${a & 1 ? 0 : 1}${b & 1 ? 0 : 1} 1`);
  }
  g.outputs.forEach((o, i) => {
    if (o >>> 1 === 0) lines.push(`.names ${outs[i]}`, ...(o === TRUE ? ['1'] : []));
    else lines.push(`.names ${name.get(o >>> 1)} ${outs[i]}`, `${o & 1 ? 0 : 1} 1`);
  });
  lines.push('.end');
  return lines.join('\n') + '\n';
}
