import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateAig } from '../../src/aig/simulate.js';
import { evaluateBnnSignals } from '../../src/bnn/evaluate.js';
import { readBnnJson } from '../../src/bnn/read.js';
import { encodeAig } from '../../src/smt/encode-aig.js';
import { encodeBnnSignals, firingThreshold } from '../../src/smt/encode-bnn.js';
import { z3Terms } from '../../src/smt/z3-terms.js';
import { getZ3, shutdownZ3 } from '../../src/smt/z3.js';
import { aigArb, bnnArb } from '../../src/testing/bnn-arbitraries.js';

afterAll(shutdownZ3);

/** Input assignment number a of n bits (bit i of a). */
const assignment = (a: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (a >> i) & 1);

describe('firing threshold', () => {
  it('is the least t with 2t - k + b >= 0, for every k <= 12 and |b| <= 16', () => {
    for (let k = 0; k <= 12; k++) {
      for (let b = -16; b <= 16; b++) {
        let least = 0;
        while (2 * least - k + b < 0) least++;
        const t = Number(firingThreshold(k, b));
        expect(Math.max(t, 0), `k=${k} b=${b}`).toBe(least);
      }
    }
  });
  it('is exact for biases beyond 2^53 / 2', () => {
    expect(firingThreshold(3, -(2 ** 53 - 1))).toBe(2n ** 52n + 1n);
  });
});

describe('BNN encoding', () => {
  it.each(['portable', 'z3'] as const)('gives every signal the value of the reference evaluator on every input (cardinality %s)', async (style) => {
    const z3 = await getZ3();
    await fc.assert(
      fc.asyncProperty(bnnArb({ maxBias: 7, maxFanIn: 5, maxInputBits: 5 }), async (json) => {
        const bnn = readBnnJson(json, 'random.bnn.json');
        const T = z3Terms(z3, style);
        const ins = Array.from({ length: bnn.numInputBits }, (_, i) => T.input(`i${i}`));
        const sig = encodeBnnSignals(T, bnn, ins);
        const solver = new z3.ctx.Solver();
        for (let a = 0; a < 2 ** bnn.numInputBits; a++) {
          const bits = assignment(a, bnn.numInputBits);
          expect(await solver.check(...ins.map((x, i) => (bits[i] ? x : x.not())))).toBe('sat');
          const m = solver.model();
          const got = sig.map((s) => (z3.ctx.isTrue(m.eval(s, true)) ? 1 : 0));
          expect(got).toEqual(Array.from(evaluateBnnSignals(bnn, bits)));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('AIG encoding', () => {
  it('gives every output the value of AIG simulation on every input', async () => {
    const z3 = await getZ3();
    await fc.assert(
      fc.asyncProperty(aigArb({ maxInputs: 5, maxAnds: 30 }), async (g) => {
        const T = z3Terms(z3);
        const ins = g.inputs.map((_, i) => T.input(`i${i}`));
        const outs = encodeAig(T, g, ins);
        const solver = new z3.ctx.Solver();
        for (let a = 0; a < 2 ** ins.length; a++) {
          const bits = assignment(a, ins.length);
          expect(await solver.check(...ins.map((x, i) => (bits[i] ? x : x.not())))).toBe('sat');
          const m = solver.model();
          expect(outs.map((o) => (z3.ctx.isTrue(m.eval(o, true)) ? 1 : 0))).toEqual(Array.from(evaluateAig(g, bits)));
        }
      }),
      { numRuns: 60 },
    );
  });
});
