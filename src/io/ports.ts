/**
 * Ports of circuits read from files: grouping named bits into ports, and
 * lining a circuit's ports up with another model's.
 *
 * The convention (shared/spec/fixed-point-network.md): a port `x` of N bits has
 * its bits named `x[0]` .. `x[N-1]`, least significant first; without names,
 * bits are taken in order. Decisions made here:
 * - A bit named without an index (`c`, as Yosys names 1-bit ports) is a port
 *   of width 1. A port is named either with indices or without, not both.
 * - Every index 0 .. max must occur exactly once; a gap or a repeat is exit 2
 *   naming the port.
 * - Ports are ordered by the first appearance of one of their bits; the
 *   circuit's AIG inputs and outputs are permuted into port order (bit i of
 *   port p at offset(p) + i), the invariant {@link Circuit} relies on.
 * - When no bit of a side (inputs or outputs) has a name, the side is one
 *   *positional* port named `''` ({@link POSITIONAL}). Naming some bits but
 *   not others is exit 2.
 * - {@link circuitWithPortsLike} matches a positional side to the other
 *   model's ports by slicing the bits in that model's port order by its
 *   widths (exit 2, naming both files, when the total widths differ); it
 *   reorders a named side into the other model's port order when both have
 *   the same port names. Anything else is left to `matchPorts`, which
 *   reports the mismatch with both sides named.
 * @module
 */
import { Aig, type Lit } from '../aig/aig.js';
import { BnnuError, InputError, InternalError } from '../errors.js';
import type { Circuit, PortSpec } from '../verify/model.js';

/** Name of a positional port: a side of a circuit whose bits have no names. */
export const POSITIONAL = '';

/** Largest bit index accepted in a name such as `x[123]`. */
export const MAX_BIT_INDEX = 1 << 28;

/** A bit name split into its port and index (`null` when there is no index). */
export interface BitName {
  readonly port: string;
  readonly index: number | null;
}

/**
 * Split a bit name: `x[3]` is bit 3 of port `x`; `c` is the single bit of
 * port `c`; only a trailing `[digits]` is an index (`a[1][2]` is bit 2 of
 * port `a[1]`).
 * @example
 * ```ts
 * import { parseBitName } from 'bnn-universal';
 * parseBitName('x[3]'); // { port: 'x', index: 3 }
 * parseBitName('c');    // { port: 'c', index: null }
 * ```
 */
export function parseBitName(name: string): BitName {
  const m = /^(.+)\[(\d+)\]$/s.exec(name);
  if (!m) return { port: name, index: null };
  const index = m[2].length > 10 ? Infinity : Number(m[2]);
  return { port: m[1], index };
}

/** The bit name of bit `i` of a port (`x[i]`); positional ports have none. */
export function bitName(port: string, i: number): string {
  return port === POSITIONAL ? '' : `${port}[${i}]`;
}

/** Ports of one side and where each port bit sits among the original bits. */
export interface PortGrouping {
  readonly ports: PortSpec[];
  /** `order[k]` is the original position of port-order bit k. */
  readonly order: number[];
}

/**
 * Group the names of one side's bits (inputs or outputs, in file order) into
 * ports. `place(i)` locates bit i in the file for messages.
 */
export function groupBits(names: readonly string[], file: string, kind: 'input' | 'output', place: (i: number) => string): PortGrouping {
  const named = names.filter((n) => n !== '').length;
  if (named === 0) {
    const ports = names.length === 0 ? [] : [{ name: POSITIONAL, width: names.length }];
    return { ports, order: names.map((_, i) => i) };
  }
  if (named !== names.length) {
    const i = names.indexOf('');
    throw new InputError(file, place(i), `a name for ${kind} ${i} (name every ${kind} or none)`, 'no name');
  }
  const byPort = new Map<string, { bits: Map<number, number>; scalar: number }>();
  names.forEach((name, i) => {
    const { port, index } = parseBitName(name);
    let p = byPort.get(port);
    if (!p) byPort.set(port, (p = { bits: new Map(), scalar: -1 }));
    if (index !== null && index > MAX_BIT_INDEX) throw new InputError(file, place(i), `a bit index up to ${MAX_BIT_INDEX}`, JSON.stringify(name));
    const prev = index === null ? (p.scalar >= 0 ? p.scalar : p.bits.size > 0 ? p.bits.values().next().value! : -1) : p.scalar >= 0 ? p.scalar : (p.bits.get(index) ?? -1);
    if (prev >= 0) {
      throw new InputError(file, place(i), `each bit of ${kind} port ${JSON.stringify(port)} named once (${port} for a 1-bit port, or ${port}[0], ${port}[1], ...)`, `${JSON.stringify(name)} after ${JSON.stringify(names[prev])} (${kind} ${prev})`);
    }
    if (index === null) p.scalar = i;
    else p.bits.set(index, i);
  });
  const ports: PortSpec[] = [];
  const order: number[] = [];
  for (const [name, p] of byPort) {
    if (p.scalar >= 0) {
      ports.push({ name, width: 1 });
      order.push(p.scalar);
      continue;
    }
    const width = Math.max(...p.bits.keys()) + 1;
    for (let k = 0; k < width; k++) {
      const pos = p.bits.get(k);
      if (pos === undefined) {
        throw new InputError(file, `${kind} port ${JSON.stringify(name)}`, `bits ${name}[0] .. ${name}[${width - 1}], each once`, `no ${name}[${k}]`);
      }
      order.push(pos);
    }
    ports.push({ name, width });
  }
  return { ports, order };
}

/**
 * Make a circuit from an AIG whose inputs and outputs carry bit names (as the
 * readers build it): groups the names into ports and puts the AIG's inputs
 * and outputs into port order. When bits move, the AIG is rebuilt so that
 * its input variables are 1..n in port order, as in any freshly built AIG.
 * `inputPlace(i)` and `outputPlace(i)` locate bits in the file for messages.
 */
export function circuitFromNamedAig(aig: Aig, file: string, inputPlace: (i: number) => string, outputPlace: (i: number) => string): Circuit {
  const ins = groupBits(aig.inputNames, file, 'input', inputPlace);
  const outs = groupBits(aig.outputNames, file, 'output', outputPlace);
  const moved = (order: number[]) => order.some((o, k) => o !== k);
  const inputsInOrder = aig.inputs.every((v, i) => v === i + 1);
  const g = moved(ins.order) || moved(outs.order) || !inputsInOrder ? permuteAig(aig, ins.order, outs.order) : aig;
  return { aig: g, inputs: ins.ports, outputs: outs.ports };
}

/** Port offsets: where each port starts in the concatenated bits. */
function offsets(ports: readonly PortSpec[]): Map<string, number> {
  const m = new Map<string, number>();
  let off = 0;
  for (const p of ports) {
    m.set(p.name, off);
    off += p.width;
  }
  return m;
}

const total = (ports: readonly PortSpec[]): number => ports.reduce((s, p) => s + p.width, 0);

/** The ports a circuit should take on, and the file they come from (for messages). */
export interface PortsLike {
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
  readonly file: string;
}

/**
 * The circuit with its ports lined up with `like`'s, without changing its
 * function: a positional side is sliced by `like`'s widths and takes its
 * names (and types and shapes); a named side with the same port names is
 * reordered into `like`'s order (and takes types and shapes where the widths
 * agree). Other differences are left for `matchPorts` to report.
 * @example
 * ```ts
 * import { Aig, circuitWithPortsLike } from 'bnn-universal';
 * const g = new Aig();
 * const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * const c = { aig: g, inputs: [{ name: '', width: 2 }], outputs: [{ name: '', width: 1 }] };
 * const like = { file: 'net.json', inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] };
 * circuitWithPortsLike(c, 'and.aag', like).inputs; // [{ name: 'x', width: 2 }]
 * ```
 */
export function circuitWithPortsLike(c: Circuit, file: string, like: PortsLike): Circuit {
  const ins = sideLike(c.inputs, like.inputs, 'input', file, like.file);
  const outs = sideLike(c.outputs, like.outputs, 'output', file, like.file);
  if (!ins.order && !outs.order) return { aig: c.aig, inputs: ins.ports, outputs: outs.ports };
  return { aig: permuteAig(c.aig, ins.order, outs.order), inputs: ins.ports, outputs: outs.ports };
}

/** A side lined up: its ports and, when bits move, `order[k]` = old position of new bit k. */
export interface SideLike {
  readonly ports: readonly PortSpec[];
  readonly order?: number[];
}

/**
 * One side (inputs or outputs) of a circuit lined up with `like`: its new
 * ports and, when bits move, their order (see {@link circuitWithPortsLike}).
 * `kind` says `input` or `output`; the files name both sides in messages.
 */
export function sideLike(own: readonly PortSpec[], like: readonly PortSpec[], kind: string, file: string, likeFile: string): SideLike {
  const positional = own.length === 1 && own[0].name === POSITIONAL;
  if (positional) {
    if (like.length === 1 && like[0].name === POSITIONAL) return { ports: own };
    if (own[0].width !== total(like)) {
      const list = like.map((p) => `${p.name} (${p.width})`).join(', ') || 'none';
      throw new BnnuError('input', `port mismatch: ${file} has ${own[0].width} unnamed ${kind} bits, taken in order, but ${likeFile} has ${total(like)} ${kind} bits: ${list}`);
    }
    return { ports: like.map(describePort) };
  }
  const mine = new Map(own.map((p) => [p.name, p]));
  if (own.length !== like.length || like.some((p) => !mine.has(p.name))) return { ports: own };
  const adopted = like.map((p) => (mine.get(p.name)!.width === p.width ? describePort(p) : mine.get(p.name)!));
  if (own.every((p, i) => p.name === like[i].name)) return { ports: adopted };
  const off = offsets(own);
  const order: number[] = [];
  for (const p of adopted) for (let k = 0; k < p.width; k++) order.push(off.get(p.name)! + k);
  return { ports: adopted, order };
}

function describePort(p: PortSpec): PortSpec {
  return p.type && p.shape ? { name: p.name, width: p.width, type: p.type, shape: p.shape } : { name: p.name, width: p.width };
}

/**
 * A copy of `g` whose input k is old input `inputOrder[k]` and output k is old
 * output `outputOrder[k]` (identity where an order is absent).
 */
export function permuteAig(g: Aig, inputOrder?: readonly number[], outputOrder?: readonly number[]): Aig {
  const out = new Aig(Math.max(16, g.numVars));
  const map = new Int32Array(g.numVars);
  const ins = inputOrder ?? g.inputs.map((_, i) => i);
  if (ins.length !== g.inputs.length) throw new InternalError('permuteAig: input order of the wrong length');
  for (const i of ins) map[g.inputs[i]] = out.addInput(g.inputNames[i]);
  const tr = (l: number): Lit => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (let v = 1; v < g.numVars; v++) if (g.isAnd(v)) map[v] = out.and(tr(g.fanin0[v]), tr(g.fanin1[v]));
  const outs = outputOrder ?? g.outputs.map((_, i) => i);
  if (outs.length !== g.outputs.length) throw new InternalError('permuteAig: output order of the wrong length');
  for (const i of outs) out.addOutput(tr(g.outputs[i]), g.outputNames[i]);
  return out;
}
