import { describe, expect, it } from 'vitest';
import { Aig, not } from '../../src/aig/aig.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { BnnuError } from '../../src/errors.js';
import { MAX_DOT_NODES, bnnToDot, circuitToDot } from '../../src/io/dot.js';

describe('circuitToDot', () => {
  it('draws inputs, the AND gates in the outputs\' cones and outputs, complemented edges dashed', () => {
    const g = new Aig();
    const [a, b] = [g.addInput(), g.addInput()];
    const y = g.and(a, not(b));
    g.and(b, g.addInput()); // outside every output's cone
    g.addOutput(not(y));
    g.addOutput(0 as typeof y);
    const dot = circuitToDot({ aig: g, inputs: [{ name: 'x', width: 3 }], outputs: [{ name: '', width: 2 }] }, 'c');
    expect(dot).toBe(
      [
        'digraph "c" {',
        '  rankdir=BT;',
        '  node [shape=circle, fontsize=10];',
        '  { rank=same;',
        '    v1 [label="x[0]", shape=triangle];',
        '    v2 [label="x[1]", shape=triangle];',
        '    v4 [label="x[2]", shape=triangle];',
        '  }',
        '  v0 [label="0", shape=box];',
        '  v3 [label="3"];',
        '  v1 -> v3;',
        '  v2 -> v3 [style=dashed];',
        '  { rank=same;',
        '    o0 [label="out[0]", shape=invtriangle];',
        '    o1 [label="out[1]", shape=invtriangle];',
        '  }',
        '  v3 -> o0 [style=dashed];',
        '  v0 -> o1;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses graphs too large to draw', () => {
    const g = new Aig();
    for (let i = 0; i <= MAX_DOT_NODES; i++) g.addInput();
    expect(() => circuitToDot({ aig: g, inputs: [{ name: 'x', width: g.inputs.length }], outputs: [] })).toThrow(BnnuError);
  });
});

describe('bnnToDot', () => {
  it('draws neurons with their biases, layers side by side, -1 weights dashed', () => {
    const bnn = readBnnJson(
      {
        format: 'bnn/1',
        name: 'nand',
        inputs: [{ name: 'x', bits: 2 }],
        layers: [{ neurons: [{ inputs: [0, 1], weights: [-1, 1], bias: 1 }] }],
        outputs: [{ name: 'y', bits: [2, 0] }],
      },
      'nand.json',
    );
    expect(bnnToDot(bnn)).toBe(
      [
        'digraph "nand" {',
        '  rankdir=LR;',
        '  node [shape=circle, fontsize=10];',
        '  { rank=same;',
        '    s0 [label="x[0]", shape=box];',
        '    s1 [label="x[1]", shape=box];',
        '  }',
        '  { rank=same;',
        '    s2 [label="1"];',
        '  }',
        '  s0 -> s2 [style=dashed];',
        '  s1 -> s2;',
        '  { rank=same;',
        '    o0_0 [label="y[0]", shape=box];',
        '    o0_1 [label="y[1]", shape=box];',
        '  }',
        '  s2 -> o0_0;',
        '  s0 -> o0_1;',
        '}',
        '',
      ].join('\n'),
    );
  });
});
