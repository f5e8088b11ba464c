import { describe, expect, it } from 'vitest';
import { Aig, not } from '../../src/aig/aig.js';
import { evaluateAig } from '../../src/aig/simulate.js';
import { BnnuError } from '../../src/errors.js';
import { alignModelPorts } from '../../src/io/align.js';
import { circuitWithPortsLike, groupBits, parseBitName, permuteAig } from '../../src/io/ports.js';
import type { Circuit, Model, PortSpec } from '../../src/verify/model.js';
import { expectInputError, truthTables } from './helpers.js';

const place = (i: number) => `bit ${i}`;

/** A circuit whose outputs copy its inputs (so bit moves are visible), with the given ports. */
function wires(inputs: PortSpec[], outputs: PortSpec[] = inputs): Circuit {
  const g = new Aig();
  const n = inputs.reduce((s, p) => s + p.width, 0);
  const lits = Array.from({ length: n }, () => g.addInput());
  outputs.flatMap((p) => Array.from({ length: p.width })).forEach((_, i) => g.addOutput(lits[i % n]));
  return { aig: g, inputs, outputs };
}

describe('parseBitName', () => {
  it('splits a trailing [index] and leaves other names whole', () => {
    expect(parseBitName('x[3]')).toEqual({ port: 'x', index: 3 });
    expect(parseBitName('c')).toEqual({ port: 'c', index: null });
    expect(parseBitName('a[1][2]')).toEqual({ port: 'a[1]', index: 2 });
    expect(parseBitName('[3]')).toEqual({ port: '[3]', index: null });
    expect(parseBitName('x[99999999999]').index).toBe(Infinity);
  });
});

describe('groupBits', () => {
  it('groups x[i] into ports of width max i + 1, in order of first appearance', () => {
    const r = groupBits(['b[1]', 'x', 'b[0]', 'c[0]'], 'f', 'input', place);
    expect(r.ports).toEqual([{ name: 'b', width: 2 }, { name: 'x', width: 1 }, { name: 'c', width: 1 }]);
    expect(r.order).toEqual([2, 0, 1, 3]);
  });

  it('makes one positional port when no bit is named', () => {
    expect(groupBits(['', '', ''], 'f', 'output', place)).toEqual({ ports: [{ name: '', width: 3 }], order: [0, 1, 2] });
    expect(groupBits([], 'f', 'output', place)).toEqual({ ports: [], order: [] });
  });

  it('refuses gaps, repeats, mixed naming and absurd indices, naming the port', () => {
    expectInputError(() => groupBits(['x[0]', 'x[2]'], 'f', 'input', place), /^f: input port "x": expected bits x\[0\] \.\. x\[2\], each once, found no x\[1\]$/);
    expectInputError(() => groupBits(['x[1]', 'x[1]'], 'f', 'output', place), /^f: bit 1: expected each bit of output port "x" named once/);
    expectInputError(() => groupBits(['x[0]', 'x'], 'f', 'input', place), /^f: bit 1: .*found "x" after "x\[0\]" \(input 0\)/);
    expectInputError(() => groupBits(['x[0]', ''], 'f', 'input', place), /^f: bit 1: expected a name for input 1 \(name every input or none\), found no name$/);
    expectInputError(() => groupBits(['x[999999999]'], 'f', 'input', place), /expected a bit index up to/);
  });
});

describe('circuitWithPortsLike', () => {
  const like = { file: 'net.json', inputs: [{ name: 'x', width: 2 }, { name: 'w', width: 1 }], outputs: [{ name: 'y', width: 3 }] };

  it('slices positional bits by the other side\'s widths and takes its names', () => {
    const c = circuitWithPortsLike(wires([{ name: '', width: 3 }]), 'c.aag', like);
    expect(c.inputs).toEqual(like.inputs);
    expect(c.outputs).toEqual(like.outputs);
  });

  it('refuses positional bits whose total width differs, naming both files', () => {
    expect(() => circuitWithPortsLike(wires([{ name: '', width: 4 }], [{ name: '', width: 3 }]), 'c.aag', like)).toThrow(
      new BnnuError('input', 'port mismatch: c.aag has 4 unnamed input bits, taken in order, but net.json has 3 input bits: x (2), w (1)'),
    );
  });

  it('reorders named ports into the other side\'s order, moving the bits with them', () => {
    const c = wires([{ name: 'w', width: 1 }, { name: 'x', width: 2 }], [{ name: 'y', width: 3 }]);
    // Outputs copy inputs: y = [w, x0, x1].
    const r = circuitWithPortsLike(c, 'c.aag', like);
    expect(r.inputs).toEqual(like.inputs);
    expect(Array.from(evaluateAig(r.aig, [1, 0, 0]))).toEqual([0, 1, 0]); // x0 = 1 lands on y[1]
    expect(Array.from(evaluateAig(r.aig, [0, 0, 1]))).toEqual([1, 0, 0]); // w = 1 lands on y[0]
  });

  it('leaves other mismatches for matchPorts to report', () => {
    const c = wires([{ name: 'x', width: 3 }], [{ name: 'y', width: 3 }]);
    expect(circuitWithPortsLike(c, 'c.aag', like).inputs).toEqual([{ name: 'x', width: 3 }]);
  });
});

describe('permuteAig', () => {
  it('keeps the function under the permutation', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput('a'), g.addInput('b'), g.addInput('c')];
    g.addOutput(g.and(a, g.or(b, c)), 'p');
    g.addOutput(b, 'q');
    const p = permuteAig(g, [2, 0, 1], [1, 0]);
    expect(p.inputNames).toEqual(['c', 'a', 'b']);
    expect(p.outputNames).toEqual(['q', 'p']);
    for (let x = 0; x < 8; x++) {
      const bits = [x & 1, (x >> 1) & 1, (x >> 2) & 1];
      const orig = evaluateAig(g, bits);
      expect(Array.from(evaluateAig(p, [bits[2], bits[0], bits[1]]))).toEqual([orig[1], orig[0]]);
    }
  });
});

describe('alignModelPorts', () => {
  const circuit = (c: Circuit, file: string): Model => ({ kind: 'circuit', file, circuit: c, format: 'aiger' });
  const bnn: Model = {
    kind: 'bnn',
    file: 'b.json',
    bnn: {
      format: 'bnn/1', name: 'b', inputs: [{ name: 'x', bits: 2 }], numInputBits: 2, numNeurons: 0,
      layerStart: Uint32Array.from([0]), fanStart: Uint32Array.from([0]), src: new Uint32Array(0), neg: new Uint8Array(0),
      bias: new Float64Array(0), outputs: [{ name: 'y', bits: Uint32Array.from([1, 0]) }],
    },
  };

  it('names a positional circuit after a BNN and never changes the BNN', () => {
    const r = alignModelPorts(bnn, circuit(wires([{ name: '', width: 2 }]), 'c.aag'));
    expect(r.ref).toBe(bnn);
    expect(r.impl.kind === 'circuit' && r.impl.circuit.inputs).toEqual([{ name: 'x', width: 2 }]);
    expect(r.impl.kind === 'circuit' && r.impl.circuit.outputs).toEqual([{ name: 'y', width: 2 }]);
  });

  it('names a positional reference circuit after a named implementation circuit', () => {
    const named = circuit(wires([{ name: 'b', width: 1 }, { name: 'a', width: 1 }]), 'n.aag');
    const r = alignModelPorts(circuit(wires([{ name: '', width: 2 }]), 'p.aag'), named);
    expect(r.impl).toBe(named);
    expect(r.ref.kind === 'circuit' && r.ref.circuit.inputs.map((p) => p.name)).toEqual(['b', 'a']);
  });

  it('reorders a named implementation circuit into the reference circuit\'s port order', () => {
    const ref = circuit(wires([{ name: 'a', width: 1 }, { name: 'b', width: 2 }], [{ name: 'z', width: 1 }, { name: 'y', width: 1 }]), 'r.aag');
    const g = new Aig();
    const [b0, b1, a] = [g.addInput(), g.addInput(), g.addInput()];
    g.addOutput(g.and(b0, not(a))); // y = b0 & !a
    g.addOutput(b1); // z = b1
    const impl = circuit({ aig: g, inputs: [{ name: 'b', width: 2 }, { name: 'a', width: 1 }], outputs: [{ name: 'y', width: 1 }, { name: 'z', width: 1 }] }, 'i.aag');
    const r = alignModelPorts(ref, impl);
    const c = (r.impl as Extract<Model, { kind: 'circuit' }>).circuit;
    expect(c.inputs.map((p) => p.name)).toEqual(['a', 'b']);
    expect(c.outputs.map((p) => p.name)).toEqual(['z', 'y']);
    // Inputs now a, b0, b1 and outputs z, y.
    expect(Array.from(evaluateAig(c.aig, [0, 1, 0]))).toEqual([0, 1]);
    expect(Array.from(evaluateAig(c.aig, [1, 1, 0]))).toEqual([0, 0]);
    expect(Array.from(evaluateAig(c.aig, [0, 0, 1]))).toEqual([1, 0]);
  });
});
