/**
 * The Verilog reader runs Yosys (WebAssembly); each run takes 0.05-0.5 s
 * after the first (about 2 s to compile the module), so these tests are few.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BnnuError, InputError } from '../../src/errors.js';
import { writeVerilog } from '../../src/io/verilog-write.js';
import { readVerilog } from '../../src/io/verilog.js';
import type { Circuit } from '../../src/verify/model.js';
import { circuitWithPortsArb, expectSameCircuit, truthTables } from './helpers.js';

async function inputError(text: string, pattern: RegExp, top?: string): Promise<void> {
  let err: unknown;
  try {
    await readVerilog(text, 'dir/design.v', { top });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as Error).message).toMatch(pattern);
}

/** Output ports of a circuit as integers (unsigned, LSB first) for input pattern p. */
function outputsAt(c: Circuit, p: number): number[] {
  const tables = truthTables(c);
  const out: number[] = [];
  let k = 0;
  for (const port of c.outputs) {
    let v = 0;
    for (let i = 0; i < port.width; i++) v |= tables[k++][p] << i;
    out.push(v);
  }
  return out;
}

describe('readVerilog', () => {
  it('reads behavioural Verilog with a submodule: ports in declaration order, x[i] = bit i', async () => {
    const c = await readVerilog(
      `module add2(input [2:0] a, input [2:0] b, output [3:0] s); assign s = a + b; endmodule
       module top(input [2:0] b, input [2:0] a, input neg, output [3:0] s, output z);
         wire [3:0] t;
         add2 u(.a(a), .b(b), .s(t));
         assign s = neg ? -t : t;
         assign z = (a == b);
       endmodule`,
      'top.v',
    );
    expect(c.inputs).toEqual([{ name: 'b', width: 3 }, { name: 'a', width: 3 }, { name: 'neg', width: 1 }]);
    expect(c.outputs).toEqual([{ name: 's', width: 4 }, { name: 'z', width: 1 }]);
    for (let p = 0; p < 128; p++) {
      const [b, a, neg] = [p & 7, (p >> 3) & 7, p >> 6];
      expect(outputsAt(c, p)).toEqual([(neg ? -(a + b) : a + b) & 15, a === b ? 1 : 0]);
    }
  });

  it('reads gate-level Verilog (primitives), picks the module named by top, with the full synth flow', async () => {
    const text = `module other(input a, output y); assign y = ~a; endmodule
      module fa(input [2:0] x, output [1:0] y);
        wire t1, t2, t3;
        xor g1(t1, x[0], x[1]);
        xor g2(y[0], t1, x[2]);
        and g3(t2, x[0], x[1]);
        and g4(t3, t1, x[2]);
        or g5(y[1], t2, t3);
      endmodule`;
    const c = await readVerilog(text, 'fa.v', { top: 'fa', flow: 'synth' });
    expect(c.inputs).toEqual([{ name: 'x', width: 3 }]);
    for (let p = 0; p < 8; p++) expect(outputsAt(c, p)).toEqual([(p & 1) + ((p >> 1) & 1) + (p >> 2)]);
  });

  it('keeps unused input ports and numbers offset ranges from their least significant bit', async () => {
    const c = await readVerilog('module m(input [7:4] x, input [1:0] unused, output [0:1] y); assign y = {x[7], x[4]}; endmodule', 'm.v');
    expect(c.inputs).toEqual([{ name: 'x', width: 4 }, { name: 'unused', width: 2 }]);
    // y is declared [0:1]: its least significant bit is y[1] = x[4], i.e. port bit 0 = x bit 0.
    expect(outputsAt(c, 0b0001)).toEqual([0b01]);
    expect(outputsAt(c, 0b1000)).toEqual([0b10]);
  });

  it('reports syntax errors with the line and Yosys\'s message', async () => {
    await inputError('module m(input a, output y);\n  assign y = a +;\nendmodule\n', /^dir\/design\.v: line 2: expected Verilog that Yosys accepts, found Yosys error: syntax error/);
  });

  it('refuses registers and latches, naming what they drive', async () => {
    await inputError('module m(input clk, input [1:0] d, output reg [1:0] q); always @(posedge clk) q <= d; endmodule', /design: expected combinational logic only .*found registers or latches driving q/);
    await inputError('module m(input en, input d, output reg q); always @* if (en) q = d; endmodule', /found registers or latches driving q/);
  });

  it('refuses undriven wires, unknown modules, inout ports and a missing top', async () => {
    await inputError('module m(input a, output y); wire u; assign y = a & u; endmodule', /expected a design in which every used wire has exactly one driver, found Yosys error: Wire m\.u is used but has no driver/);
    await inputError('module m(input a, output y); sub s(.a(a), .y(y)); endmodule', /Yosys error: Module `sub' referenced in module `m' in cell `s' is not part of the design/);
    await inputError('module m(inout a, output y); assign y = a; endmodule', /module m: expected input and output ports only, found inout port a/);
    await inputError('module m(input a, output y); assign y = a; endmodule', /Yosys error: Module `nope' not found/, 'nope');
  });

  it('refuses a top name that is not a module name, as a usage error', async () => {
    await expect(readVerilog('module m(); endmodule', 'm.v', { top: 'm; shell' })).rejects.toThrow(BnnuError);
  });

  it('with a time limit, runs Yosys on a worker thread: the same circuit in time, a limit error (exit 3) past it', async () => {
    const text = 'module m(input [2:0] x, output [1:0] y); assign y = x[0] + x[1] + x[2]; endmodule';
    const c = await readVerilog(text, 'm.v', { timeoutSec: 600 });
    for (let p = 0; p < 8; p++) expect(outputsAt(c, p)).toEqual([(p & 1) + ((p >> 1) & 1) + (p >> 2)]);
    const late = await readVerilog(text, 'm.v', { timeoutSec: 0.001 }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(BnnuError);
    expect(late).toMatchObject({ code: 'limit', exitCode: 3, message: 'Yosys did not finish reading m.v within the time limit of 0.001 s' });
    // errors in the design still come back as located input errors
    const bad = await readVerilog('module m(input a, output y);\n  assign y = a +;\nendmodule\n', 'bad.v', { timeoutSec: 600 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
    expect((bad as Error).message).toMatch(/^bad\.v: line 2: expected Verilog that Yosys accepts/);
  });
});

describe('writeVerilog', () => {
  it('escapes names that are not plain identifiers', async () => {
    const c = await readVerilog('module m(input [1:0] a, output y); assign y = ^a; endmodule', 'm.v');
    const renamed: Circuit = { aig: c.aig, inputs: [{ name: 'input', width: 2 }], outputs: [{ name: 'y.out', width: 1 }] };
    const text = writeVerilog(renamed, 'module');
    expect(text).toContain('input [1:0] \\input ');
    expect(text).toContain('output [0:0] \\y.out ');
    expectSameCircuit(renamed, await readVerilog(text, 'w.v'));
  });

  it('round-trip through Yosys: write, synthesise, read back gives the same function', async () => {
    await fc.assert(
      fc.asyncProperty(circuitWithPortsArb(5, 20), async (c) => {
        const back = await readVerilog(writeVerilog(c), 'rt.v');
        const rename = (ps: Circuit['inputs'], side: string) => ps.map((p) => ({ name: p.name || side, width: p.width }));
        expectSameCircuit({ aig: c.aig, inputs: rename(c.inputs, 'in'), outputs: rename(c.outputs, 'out') }, back);
      }),
      { numRuns: 6 },
    );
  });
});
