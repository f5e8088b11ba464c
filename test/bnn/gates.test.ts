import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aig, type Lit, not } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import { evaluateBnnSignals } from '../../src/bnn/evaluate.js';
import { bnnStats } from '../../src/bnn/stats.js';
import { aigToBnnGates, type PortedAig } from '../../src/bnn/strategies/gates.js';
import type { Bnn } from '../../src/bnn/types.js';
import { aigArb } from '../../src/testing/bnn-arbitraries.js';
import { expectTranslatorStructure } from './structure.js';

/** Split the AIG's inputs and outputs into ports of the given sizes (cycled), for port handling. */
function ports(aig: Aig, split: number): PortedAig {
  const group = (n: number, prefix: string) => {
    const out: { name: string; width: number }[] = [];
    for (let i = 0; i < n; ) {
      const w = Math.min(split, n - i);
      out.push({ name: `${prefix}${out.length}`, width: w });
      i += w;
    }
    return out;
  };
  return { aig, inputs: group(aig.inputs.length, 'x'), outputs: group(aig.outputs.length, 'y') };
}

/** Value of literal l for input pattern p (bit i of p = input i), by AIG simulation. */
function aigLitValues(aig: Aig): (l: number, p: number) => number {
  const n = aig.inputs.length;
  const words = Math.max(1, (1 << n) >>> 5);
  const inputs = new Uint32Array(n * words);
  for (let i = 0; i < n; i++) for (let p = 0; p < 1 << n; p++) if ((p >> i) & 1) inputs[i * words + (p >>> 5)] |= 1 << (p & 31);
  const val = simulateAig(aig, inputs, words);
  return (l, p) => ((val[(l >>> 1) * words + (p >>> 5)] >>> (p & 31)) & 1) ^ (l & 1);
}

const checkStructure = expectTranslatorStructure;

const arbCase = fc.record({
  aig: aigArb({ maxInputs: 6, maxAnds: 40, maxOutputs: 6 }),
  split: fc.integer({ min: 1, max: 4 }),
  layered: fc.boolean(),
  hintPicks: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), { maxLength: 3 }),
});

describe('aigToBnnGates', () => {
  it('computes the AIG function on every input, obeys bnn/1 and the parity rule (layered and not)', () => {
    fc.assert(
      fc.property(arbCase, ({ aig, split, layered, hintPicks }) => {
        const hints = new Map<string, Lit[]>(hintPicks.map((ps, i) => [`t${i}`, ps.map((p) => (p % (2 * aig.numVars)) as Lit)]));
        const { bnn, stats } = aigToBnnGates(ports(aig, split), { layered, hints, name: 'g' });
        checkStructure(bnn, layered);
        const lit = aigLitValues(aig);
        const n = aig.inputs.length;
        const outBits = bnn.outputs.flatMap((p) => Array.from(p.bits));
        expect(outBits.length).toBe(aig.outputs.length);
        for (let p = 0; p < 1 << n; p++) {
          const sig = evaluateBnnSignals(bnn, Array.from({ length: n }, (_, i) => (p >> i) & 1));
          aig.outputs.forEach((o, k) => expect(sig[outBits[k]]).toBe(lit(o, p)));
          for (const [name, lits] of hints) {
            const ids = bnn.tensors![name];
            if (ids === undefined) continue;
            lits.forEach((l, k) => expect(sig[ids[k]]).toBe(lit(l, p)));
          }
        }
        // Omitted hints are exactly those with a bit outside the outputs' cone.
        expect(new Set([...stats.hintsOmitted, ...Object.keys(bnn.tensors!)])).toEqual(new Set(hints.keys()));
        expect(stats.neurons).toBe(bnn.numNeurons);
        expect(stats.neurons).toBe(stats.andNodes + stats.twins + stats.inverters + stats.constants + stats.passThrough);
      }),
      { numRuns: 400 },
    );
  });

  it('realises complemented outputs by polarity choice, without extra neurons', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
    const ab = g.and(a, b);
    g.addOutput(not(ab)); // NAND
    g.addOutput(not(g.and(not(ab), c))); // OR(ab, !c)
    const { bnn, stats } = aigToBnnGates({ aig: g, inputs: [{ name: 'x', width: 3 }], outputs: [{ name: 'y', width: 2 }] });
    expect(stats).toMatchObject({ andNodes: 2, neurons: 2, twins: 0, inverters: 0, constants: 0 });
    expect(bnnStats(bnn)).toMatchObject({ neurons: 2, synapses: 4, depth: 2 });
    // NAND as one neuron: -a - b + 1 >= 0
    expect(Array.from(bnn.neg.subarray(0, 2))).toEqual([1, 1]);
    expect(bnn.bias[0]).toBe(1);
  });

  it('gives both polarities of one node by a twin neuron in the same layer', () => {
    const g = new Aig();
    const [a, b] = [g.addInput(), g.addInput()];
    const ab = g.and(a, b);
    g.addOutput(ab);
    g.addOutput(not(ab));
    g.addOutput(not(a));
    g.addOutput(g.and(a, not(a))); // constant false
    g.addOutput(not(g.and(a, not(a)))); // constant true
    const { bnn, stats } = aigToBnnGates({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 5 }] });
    expect(stats).toMatchObject({ andNodes: 1, twins: 1, inverters: 1, constants: 2 });
    expect(bnnStats(bnn).depth).toBe(1);
    for (let p = 0; p < 4; p++) {
      const [x0, x1] = [p & 1, p >> 1];
      const sig = evaluateBnnSignals(bnn, [x0, x1]);
      expect(Array.from(bnn.outputs[0].bits, (s) => sig[s])).toEqual([x0 & x1, 1 - (x0 & x1), 1 - x0, 0, 1]);
    }
  });

  it('layered: carries signals by pass-through neurons and puts every output in the last layer', () => {
    const g = new Aig();
    const x = Array.from({ length: 4 }, () => g.addInput());
    const deep = g.and(g.and(g.and(x[0], x[1]), x[2]), x[3]);
    g.addOutput(deep);
    g.addOutput(not(x[0])); // input, complemented: carried to the last layer, negated on the last hop
    g.addOutput(g.and(x[0], x[1])); // a shallow node
    const { bnn, stats } = aigToBnnGates({ aig: g, inputs: [{ name: 'x', width: 4 }], outputs: [{ name: 'y', width: 3 }] }, { layered: true });
    checkStructure(bnn, true);
    expect(bnn.layerStart.length - 1).toBe(3);
    expect(stats.passThrough).toBeGreaterThan(0);
    expect(stats.inverters).toBe(0);
  });

  it('layered: a circuit without AND nodes still gets one layer, outputs in it', () => {
    const g = new Aig();
    const a = g.addInput();
    g.addOutput(a);
    g.addOutput(not(a));
    g.addOutput(0 as Lit);
    const { bnn } = aigToBnnGates({ aig: g, inputs: [{ name: 'x', width: 1 }], outputs: [{ name: 'y', width: 3 }] }, { layered: true });
    checkStructure(bnn, true);
    expect(bnn.layerStart.length - 1).toBe(1);
    expect(Array.from(bnn.outputs[0].bits, (s) => evaluateBnnSignals(bnn, [1])[s])).toEqual([1, 0, 0]);
  });

  it('retiming never changes the function and saves pass-through neurons on a chain-heavy circuit', () => {
    // A balanced tree over 16 inputs; x0 and x1 are also read next to the root, so they are
    // carried down anyway, and `side` (ASAP in layer 1) is best computed just before its reader.
    const g = new Aig();
    const x = Array.from({ length: 16 }, () => g.addInput());
    let level = x;
    while (level.length > 1) level = level.flatMap((l, i) => (i % 2 ? [] : [g.and(l, level[i + 1])]));
    const side = g.and(x[0], not(x[1]));
    g.addOutput(g.and(level[0], side));
    g.addOutput(g.and(level[0], x[0]));
    g.addOutput(g.and(level[0], not(x[1])));
    const c = { aig: g, inputs: [{ name: 'x', width: 16 }], outputs: [{ name: 'y', width: 3 }] };
    const asap = aigToBnnGates(c, { layered: true, retime: false });
    const retimed = aigToBnnGates(c, { layered: true });
    checkStructure(asap.bnn, true);
    checkStructure(retimed.bnn, true);
    expect(retimed.stats.passThrough).toBeLessThan(asap.stats.passThrough);
    for (const p of [0, 0xffff, 0xfffd, 0x1234, 0xfffe]) {
      const bits = Array.from({ length: 16 }, (_, i) => (p >> i) & 1);
      const out = (b: Bnn) => Array.from(b.outputs[0].bits, (s) => evaluateBnnSignals(b, bits)[s]);
      expect(out(retimed.bnn)).toEqual(out(asap.bnn));
    }
  });
});
