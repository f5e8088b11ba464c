import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aig, type Lit, not } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import { evaluateBnnSignals } from '../../src/bnn/evaluate.js';
import { bnnStats } from '../../src/bnn/stats.js';
import { enumerateCuts, expandTt } from '../../src/bnn/strategies/cuts.js';
import { aigToBnnGates } from '../../src/bnn/strategies/gates.js';
import { outputCone } from '../../src/bnn/strategies/netlist.js';
import { aigToBnnThreshold } from '../../src/bnn/strategies/threshold.js';
import { aigArb } from '../../src/testing/bnn-arbitraries.js';
import { expectTranslatorStructure } from './structure.js';

/** Value of literal l for input pattern p (bit i of p = input i), by AIG simulation. */
function aigLitValues(aig: Aig): (l: number, p: number) => number {
  const n = aig.inputs.length;
  const words = Math.max(1, (1 << n) >>> 5);
  const inputs = new Uint32Array(n * words);
  for (let i = 0; i < n; i++) for (let p = 0; p < 1 << n; p++) if ((p >> i) & 1) inputs[i * words + (p >>> 5)] |= 1 << (p & 31);
  const val = simulateAig(aig, inputs, words);
  return (l, p) => ((val[(l >>> 1) * words + (p >>> 5)] >>> (p & 31)) & 1) ^ (l & 1);
}

const ports = (g: Aig) => ({ aig: g, inputs: [{ name: 'x', width: g.inputs.length }], outputs: [{ name: 'y', width: g.outputs.length }] });

/** An AIG of ripple-carry adders: a + b (+ c), all n-bit, outputs every sum bit and the carry. */
function adder(n: number, three: boolean): Aig {
  const g = new Aig();
  const word = () => Array.from({ length: n }, () => g.addInput());
  const [a, b] = [word(), word()];
  const c = three ? word() : undefined;
  const add = (x: Lit[], y: Lit[]) => {
    let carry = 0 as Lit;
    const s: Lit[] = [];
    for (let i = 0; i < x.length; i++) {
      s.push(g.xor(g.xor(x[i], y[i]), carry));
      carry = g.maj(x[i], y[i], carry);
    }
    return [...s, carry];
  };
  const sum = add(a, b);
  const out = c ? add(sum, [...c, 0 as Lit]) : sum;
  out.forEach((l) => g.addOutput(l));
  return g;
}

describe('cut enumeration', () => {
  it('each cut truth table is the node function of its leaves', () => {
    fc.assert(
      fc.property(aigArb({ maxInputs: 5, maxAnds: 30 }), (g) => {
        const lit = aigLitValues(g);
        const live = outputCone(g);
        const cuts = enumerateCuts(g, live, 4);
        for (let v = 1; v < g.numVars; v++) {
          if (!live[v] || !g.isAnd(v)) continue;
          expect(cuts.count[v]).toBeGreaterThan(0);
          // the structural cut (or a cut inside it) is always kept
          const fanins = [g.fanin0[v] >>> 1, g.fanin1[v] >>> 1];
          let structural = false;
          for (let c = 0; c < cuts.count[v]; c++) {
            const s = v * cuts.maxCuts + c;
            const leaves = Array.from(cuts.leaves.subarray(3 * s, 3 * s + cuts.size[s]));
            expect([...leaves].sort((x, y) => x - y)).toEqual(leaves);
            if (leaves.every((l) => fanins.includes(l))) structural = true;
            for (let p = 0; p < 1 << g.inputs.length; p++) {
              let m = 0;
              leaves.forEach((l, i) => (m |= lit(2 * l, p) << i));
              expect((cuts.tt[s] >> m) & 1).toBe(lit(2 * v, p));
            }
          }
          expect(structural).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('expandTt re-indexes variables', () => {
    expect(expandTt(0xaa, [5], [3, 5, 9])).toBe(0xcc); // leaf 5 is variable 1 of [3, 5, 9]
    expect(expandTt(0x88, [3, 9], [3, 5, 9])).toBe(0xa0); // AND(3, 9) over [3, 5, 9]
  });
});

describe('aigToBnnThreshold', () => {
  it('computes the AIG function on every input and obeys bnn/1 and the parity rule (layered and not)', () => {
    fc.assert(
      fc.property(aigArb({ maxInputs: 6, maxAnds: 50, maxOutputs: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 4 }), (g, layered, hintPicks) => {
        const hints = new Map<string, Lit[]>([['t', hintPicks.map((p) => (p % (2 * g.numVars)) as Lit)]]);
        const { bnn, stats } = aigToBnnThreshold(ports(g), { layered, hints });
        expectTranslatorStructure(bnn, layered);
        const lit = aigLitValues(g);
        const outBits = Array.from(bnn.outputs[0].bits);
        for (let p = 0; p < 1 << g.inputs.length; p++) {
          const sig = evaluateBnnSignals(bnn, Array.from({ length: g.inputs.length }, (_, i) => (p >> i) & 1));
          g.outputs.forEach((o, k) => expect(sig[outBits[k]]).toBe(lit(o, p)));
          const t = bnn.tensors!.t;
          if (t) hints.get('t')!.forEach((l, k) => expect(sig[t[k]]).toBe(lit(l, p)));
        }
        expect(stats.neurons).toBe(bnn.numNeurons);
      }),
      { numRuns: 400 },
    );
  });

  it('full adder: 3 neurons (carry, its copy, a fan-in-5 sum) where gates needs one per AND', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
    g.addOutput(g.xor(g.xor(a, b), c));
    g.addOutput(g.maj(a, b, c));
    const { bnn, stats } = aigToBnnThreshold(ports(g));
    expect(stats).toMatchObject({ thresholdNeurons: 1, sumNeurons: 1, majCopies: 1, twins: 0 });
    expect(bnn.numNeurons).toBe(3);
    expect(aigToBnnGates(ports(g)).bnn.numNeurons).toBe(g.numAnds);
    expect(g.numAnds).toBeGreaterThanOrEqual(7);
    for (let p = 0; p < 8; p++) {
      const bits = [p & 1, (p >> 1) & 1, p >> 2];
      const sig = evaluateBnnSignals(bnn, bits);
      const n = bits[0] + bits[1] + bits[2];
      expect(Array.from(bnn.outputs[0].bits, (s) => sig[s])).toEqual([n & 1, n >> 1]);
    }
  });

  it('ripple-carry adders shrink to about 3 neurons per full adder, and stay exact', () => {
    for (const [n, three] of [[4, false], [4, true], [6, true]] as const) {
      const g = adder(n, three);
      const t = aigToBnnThreshold(ports(g));
      const gates = aigToBnnGates(ports(g));
      expectTranslatorStructure(t.bnn, false);
      expect(t.bnn.numNeurons).toBeLessThan(gates.bnn.numNeurons * 0.6);
      expect(bnnStats(t.bnn).depth).toBeLessThan(bnnStats(gates.bnn).depth);
      const lit = aigLitValues(g);
      for (const p of [0, 1, 2 ** g.inputs.length - 1, 0x5a5a5 % 2 ** g.inputs.length, 12345 % 2 ** g.inputs.length]) {
        const sig = evaluateBnnSignals(t.bnn, Array.from({ length: g.inputs.length }, (_, i) => Math.floor(p / 2 ** i) & 1));
        g.outputs.forEach((o, k) => expect(sig[t.bnn.outputs[0].bits[k]]).toBe(lit(o, p)));
      }
    }
  });

  it('merges AND trees into one wider neuron', () => {
    const g = new Aig();
    const x = Array.from({ length: 3 }, () => g.addInput());
    g.addOutput(not(g.and(g.and(x[0], not(x[1])), x[2]))); // NAND3 with one negated input
    const { bnn } = aigToBnnThreshold(ports(g));
    expect(bnn.numNeurons).toBe(1);
    expect(bnn.fanStart[1]).toBe(3);
  });
});
