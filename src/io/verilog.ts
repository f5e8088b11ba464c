/**
 * Verilog reader, through Yosys (the adapter in yosys.ts): read, check,
 * flatten, synthesise, map to an AIG, and read the AIG back as a circuit.
 *
 * The flow (one Yosys run):
 * `read_verilog -sv`, `hierarchy -check` (`-top` or `-auto-top`), `proc`,
 * `flatten`, `check -assert` (undriven or multiply driven wires are errors),
 * a refusal of registers and latches (combinational logic only), `portlist`
 * (the port order), a mapping to gates ({@link VERILOG_FLOWS}), `aigmap`,
 * `setundef -zero`, `write_aiger -symbols`.
 *
 * Ports: module ports in declaration order; bit i of a port is Yosys's bit i,
 * i.e. `x[i]` for `input [N-1:0] x` (for other ranges, bit 0 is the least
 * significant, rightmost bit). `inout` ports are refused.
 *
 * Semantics: what Yosys synthesises. Values Yosys treats as don't-care (`x`)
 * may be chosen freely by its optimisations; those left are 0.
 * @module
 */
import { basename } from 'node:path';
import { Aig, type Lit } from '../aig/aig.js';
import { BnnuError, InputError, InternalError } from '../errors.js';
import type { Circuit, PortSpec } from '../verify/model.js';
import { readAiger } from './aiger.js';
import { type YosysFiles, type YosysRunOptions, runYosysScript, yosysError } from './yosys.js';

/** Options of {@link readVerilog}. */
export interface VerilogOptions {
  /** The top module; by default Yosys picks the root of the hierarchy. */
  readonly top?: string;
  /**
   * How Yosys maps the design to gates (see {@link VERILOG_FLOWS}): `light`
   * (default) keeps the design's own structure and is 2-3 times faster;
   * `synth` runs Yosys's full `synth` script with ABC, as a synthesis tool
   * would, and usually gives a smaller AIG for behavioural code.
   */
  readonly flow?: 'light' | 'synth';
  /** Give up after this many seconds: a `limit` error, exit 3 (see {@link YosysRunOptions}). */
  readonly timeoutSec?: number;
}

/**
 * The Yosys commands that map a checked, flattened design to fine-grained
 * gates, per flow. `light` is coarse optimisation (constant folding, width
 * reduction, arithmetic extraction, memories) and the generic `techmap`;
 * structural netlists pass through it nearly unchanged, so their internal
 * wires survive as AIG nodes (useful hints for checkers).
 */
export const VERILOG_FLOWS = {
  light: ['opt_expr', 'opt_clean', 'wreduce', 'alumacc', 'opt -fast', 'memory', 'opt -fast', 'techmap', 'opt -fast'],
  synth: ['synth -flatten TOP'],
} as const;

const SEQUENTIAL = 't:$*dff* t:$*dlatch* t:$sr t:$ff';
const SEQUENTIAL_GATES = 't:$_*DFF* t:$_DLATCH* t:$_SR_* t:$_FF_';

/**
 * Read Verilog (behavioural or gate level) into a circuit with Yosys.
 * Errors (exit 2) carry Yosys's message and, when it gives one, the line.
 * @example
 * ```ts
 * import { readVerilog } from 'bnn-universal';
 * const c = await readVerilog('module m(input [1:0] x, output y); assign y = &x; endmodule', 'm.v');
 * console.log(c.inputs); // [{ name: 'x', width: 2 }]
 * ```
 */
export async function readVerilog(text: string, file: string, options: VerilogOptions = {}): Promise<Circuit> {
  const top = options.top;
  if (top !== undefined && !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(top)) {
    throw new BnnuError('usage', `--top: expected a Verilog module name, found ${JSON.stringify(top)}`);
  }
  const vfs = /^[A-Za-z0-9_.-]+$/.test(basename(file)) ? basename(file) : 'input.v';
  const topArg = top ? `-top ${top}` : '-auto-top';
  const script = [
    `read_verilog -sv ${vfs}`,
    `hierarchy -check ${topArg}`,
    'proc',
    'flatten',
    'opt_clean',
    'check -assert',
    'tee -q -o ports.txt portlist',
    `tee -q -o sequential.txt select -list ${SEQUENTIAL.split(' ').join(' ')} %u %u %u %co:+[Q] w:* %i`,
    `select -assert-none ${SEQUENTIAL}`,
    ...VERILOG_FLOWS[options.flow ?? 'light'].map((c) => c.replace('TOP', topArg)),
    `select -assert-none ${SEQUENTIAL_GATES}`,
    'aigmap',
    'opt_clean',
    'setundef -zero',
    'write_aiger -symbols out.aig',
  ];
  const r = await runYosysScript(script, { [vfs]: text }, { timeoutSec: options.timeoutSec, what: file });
  if (!r.ok) throw sequentialError(r.files, r.log, file) ?? yosysError(r.log, file, vfs);
  const ports = parsePortlist(text0(r.files['ports.txt']), file);
  const aig = r.files['out.aig'];
  if (!(aig instanceof Uint8Array)) throw new InternalError('Yosys wrote no AIGER file');
  let raw: Circuit;
  try {
    raw = readAiger(Buffer.from(aig), `${file} (as synthesised by Yosys)`);
  } catch (e) {
    throw new InternalError(`cannot read the AIG Yosys made from ${file}: ${(e as Error).message}`);
  }
  return withPortOrder(raw, ports, file);
}

function text0(f: string | Uint8Array | undefined): string {
  return f === undefined ? '' : typeof f === 'string' ? f : Buffer.from(f).toString('utf8');
}

/** The registers/latches refusal, when that is why the run failed. */
function sequentialError(files: YosysFiles, log: string, file: string): InputError | undefined {
  if (!/selection is not empty/.test(log)) return undefined;
  const listed = text0(files['sequential.txt'])
    .split('\n')
    .map((l) => l.trim().replace(/^[^/]*\//, ''))
    .filter((l) => l && !l.startsWith('$'));
  const what = listed.length ? `registers or latches driving ${listed.slice(0, 8).join(', ')}${listed.length > 8 ? ', ...' : ''}` : 'registers, latches or memories with write ports';
  return new InputError(file, 'design', 'combinational logic only (bnnu checks circuits without state)', what);
}

/** Ports of the top module from Yosys's `portlist`, in declaration order. */
interface VerilogPorts {
  readonly module: string;
  readonly inputs: PortSpec[];
  readonly outputs: PortSpec[];
}

function parsePortlist(text: string, file: string): VerilogPorts {
  const ports: VerilogPorts = { module: '', inputs: [], outputs: [] };
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const mod = /^module (.+)$/.exec(line);
    if (mod) {
      if (ports.module) throw new InternalError(`Yosys listed ports of two top modules (${ports.module}, ${mod[1]})`);
      (ports as { module: string }).module = mod[1];
      continue;
    }
    const m = /^(input|output|inout) \[(\d+):(\d+)\] (.+)$/.exec(line);
    if (!m) throw new InternalError(`unexpected line in Yosys's portlist: ${JSON.stringify(line)}`);
    const width = Math.abs(Number(m[2]) - Number(m[3])) + 1;
    const name = m[4].replace(/^\\/, '');
    if (m[1] === 'inout') throw new InputError(file, `module ${ports.module}`, 'input and output ports only', `inout port ${name}`);
    (m[1] === 'input' ? ports.inputs : ports.outputs).push({ name, width });
  }
  return ports;
}

/**
 * The circuit with its ports in the module's declaration order. Input ports
 * Yosys dropped (unused) come back as unused inputs; a bit Yosys made an
 * input that is not a port is an error.
 */
function withPortOrder(raw: Circuit, ports: VerilogPorts, file: string): Circuit {
  const offsets = (list: readonly PortSpec[]) => {
    const m = new Map<string, { off: number; width: number }>();
    let off = 0;
    for (const p of list) m.set(p.name, { off, width: p.width }), (off += p.width);
    return m;
  };
  const rawIn = offsets(raw.inputs);
  const rawOut = offsets(raw.outputs);
  for (const p of raw.inputs) {
    if (!ports.inputs.some((q) => q.name === p.name)) {
      throw new InputError(file, `module ${ports.module}`, 'a circuit that depends only on its input ports', `a dependence on ${p.name || 'an unnamed signal'}, which is not an input port`);
    }
  }
  const g = raw.aig;
  const out = new Aig(Math.max(16, g.numVars));
  const map = new Int32Array(g.numVars);
  for (const p of ports.inputs) {
    const at = rawIn.get(p.name);
    if (at && at.width !== p.width) throw new InternalError(`Yosys's AIG has ${at.width} bits for input ${p.name}, the module ${p.width}`);
    for (let i = 0; i < p.width; i++) {
      const lit = out.addInput(`${p.name}[${i}]`);
      if (at) map[g.inputs[at.off + i]] = lit;
    }
  }
  const tr = (l: number): Lit => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (let v = 1; v < g.numVars; v++) if (g.isAnd(v)) map[v] = out.and(tr(g.fanin0[v]), tr(g.fanin1[v]));
  for (const p of ports.outputs) {
    const at = rawOut.get(p.name);
    if (!at || at.width !== p.width) throw new InternalError(`Yosys's AIG has ${at?.width ?? 0} bits for output ${p.name}, the module ${p.width}`);
    for (let i = 0; i < p.width; i++) out.addOutput(tr(g.outputs[at.off + i]), `${p.name}[${i}]`);
  }
  return { aig: out, inputs: ports.inputs, outputs: ports.outputs };
}
