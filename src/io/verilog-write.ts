/**
 * Structural Verilog writer: a circuit as one module of `assign` statements
 * over AND gates, with ports `input [N-1:0] x` (the port convention) that
 * Yosys and other tools read. Positional (unnamed) ports are written as
 * `in` and `out`.
 * @module
 */
import { TRUE } from '../aig/aig.js';
import { BnnuError } from '../errors.js';
import type { Circuit, PortSpec } from '../verify/model.js';
import { POSITIONAL } from './ports.js';

/** Verilog-2005 and common SystemVerilog keywords a port must not be named plainly. */
const KEYWORDS = new Set(
  ('always and assign automatic begin buf bufif0 bufif1 case casex casez cell cmos config deassign default defparam design disable edge else end endcase ' +
    'endconfig endfunction endgenerate endmodule endprimitive endspecify endtable endtask event for force forever fork function generate genvar highz0 ' +
    'highz1 if ifnone incdir include initial inout input instance integer join large liblist library localparam macromodule medium module nand negedge ' +
    'nmos nor noshowcancelled not notif0 notif1 or output parameter pmos posedge primitive pull0 pull1 pulldown pullup pulsestyle_ondetect ' +
    'pulsestyle_onevent rcmos real realtime reg release repeat rnmos rpmos rtran rtranif0 rtranif1 scalared showcancelled signed small specify specparam ' +
    'strong0 strong1 supply0 supply1 table task time tran tranif0 tranif1 tri tri0 tri1 triand trior trireg unsigned use uwire vectored wait wand weak0 ' +
    'weak1 while wire wor xnor xor logic bit byte int shortint longint var type typedef struct union enum interface modport class package import export ' +
    'return break continue const static virtual string void chandle property sequence assert assume cover final alias do foreach inside unique priority').split(' '),
);

/** A name as a Verilog identifier: plain when it can be, escaped (`\name `) otherwise. */
export function verilogIdentifier(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) && !KEYWORDS.has(name)) return name;
  if (name === '' || /\s/.test(name)) throw new BnnuError('input', `cannot write ${JSON.stringify(name)} as a Verilog name (empty or with white space)`);
  return `\\${name} `;
}

/**
 * Write a circuit as a structural Verilog module: `input [N-1:0] x` per input
 * port, one `assign` per AND gate in the outputs' cones, one per output bit.
 * @example
 * ```ts
 * import { Aig, writeVerilog } from 'bnn-universal';
 * const g = new Aig(); const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * writeVerilog({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] });
 * // module top(input [1:0] x, output [0:0] y); ... assign y[0] = n3; endmodule
 * ```
 */
export function writeVerilog(c: Circuit, moduleName = 'top'): string {
  const g = c.aig;
  const named = (ports: readonly PortSpec[], fallback: string) => ports.map((p) => (p.name === POSITIONAL ? { ...p, name: fallback } : p));
  const ins = named(c.inputs, 'in');
  const outs = named(c.outputs, 'out');
  const all = [...ins, ...outs].map((p) => p.name);
  if (new Set(all).size !== all.length) throw new BnnuError('input', `cannot write Verilog: two ports named alike (${all.join(', ')})`);
  let prefix = 'n';
  while (all.some((n) => new RegExp(`^${prefix}\\d+$`).test(n))) prefix = `_${prefix}`;
  const ref = new Map<number, string>();
  let k = 0;
  for (const p of ins) for (let i = 0; i < p.width; i++) ref.set(g.inputs[k++], `${verilogIdentifier(p.name)}[${i}]`);
  const lit = (l: number) => (l >>> 1 === 0 ? (l === TRUE ? "1'b1" : "1'b0") : `${l & 1 ? '~' : ''}${ref.get(l >>> 1)}`);
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) if (live[v] && g.isAnd(v)) live[g.fanin0[v] >>> 1] = live[g.fanin1[v] >>> 1] = 1;
  const wires: string[] = [];
  const body: string[] = [];
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const w = `${prefix}${v}`;
    wires.push(w);
    body.push(`  assign ${w} = ${lit(g.fanin0[v])} & ${lit(g.fanin1[v])};`);
    ref.set(v, w);
  }
  k = 0;
  for (const p of outs) for (let i = 0; i < p.width; i++) body.push(`  assign ${verilogIdentifier(p.name)}[${i}] = ${lit(g.outputs[k++])};`);
  const decl = [...ins.map((p) => `input [${p.width - 1}:0] ${verilogIdentifier(p.name)}`), ...outs.map((p) => `output [${p.width - 1}:0] ${verilogIdentifier(p.name)}`)];
  const lines = ['// written by bnn-universal', `module ${verilogIdentifier(moduleName)}(${decl.join(', ')});`];
  for (let i = 0; i < wires.length; i += 16) lines.push(`  wire ${wires.slice(i, i + 16).join(', ')};`);
  lines.push(...body, 'endmodule');
  return lines.join('\n') + '\n';
}
