import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aig, not } from '../../src/aig/aig.js';
import { evaluateAig } from '../../src/aig/simulate.js';
import { sweepMiter } from '../../src/verify/sweep/fraig.js';
import { buildMiter } from '../../src/verify/sweep/miter.js';
import { exhaustivelyEqual, multiply, mutate, prefixAdd, rippleAdd, twoOperand } from './sweep-circuits.js';

function differsOn(a: Aig, b: Aig, inputs: Uint8Array): boolean {
  const x = evaluateAig(a, inputs);
  const y = evaluateAig(b, inputs);
  return x.some((v, i) => v !== y[i]);
}

describe('sweepMiter', () => {
  it('proves a ripple-carry adder equal to a parallel-prefix adder', () => {
    for (const n of [1, 2, 5, 16, 32]) {
      const a = twoOperand(n, rippleAdd);
      const b = twoOperand(n, prefixAdd);
      const r = sweepMiter(buildMiter(a, b), { exhaustiveInputs: 0 });
      expect(r.status).toBe('equivalent');
      if (n >= 16) expect(r.stats.proved).toBeGreaterThan(0);
    }
  });

  it('proves multipliers with different adders and swapped operands equal', () => {
    const a = twoOperand(5, (g, x, y) => multiply(g, x, y, rippleAdd));
    const b = twoOperand(5, (g, x, y) => multiply(g, y, x, prefixAdd)); // swapped operands: few internal equivalences
    expect(exhaustivelyEqual(a, b)).toBe(true);
    const r = sweepMiter(buildMiter(a, b), { simWords: 4, exhaustiveInputs: 0 });
    expect(r.status).toBe('equivalent');
    expect(r.stats.outputsProved).toBe(10);
    expect(r.stats.satCalls).toBeGreaterThan(0);
  });

  it('agrees with exhaustive simulation on mutated circuits, with replaying counterexamples', () => {
    const base = twoOperand(5, (g, x, y) => multiply(g, x, y, rippleAdd));
    const other = twoOperand(5, (g, x, y) => multiply(g, y, x, prefixAdd));
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(0 as const, 1 as const), fc.nat({ max: 3 }), fc.boolean(), (k, which, words, exhaustive) => {
        const bad = mutate(other, k, which);
        const r = sweepMiter(buildMiter(base, bad), { simWords: words + 1, seed: k + 1, exhaustiveInputs: exhaustive ? 16 : 0 });
        expect(r.stats.exhaustive).toBe(exhaustive);
        const equal = exhaustivelyEqual(base, bad);
        expect(r.status).toBe(equal ? 'equivalent' : 'different');
        if (r.status === 'different') expect(differsOn(base, bad, r.inputs)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('backs every merge and output proof with a DRUP proof that the independent checker accepts', () => {
    const pairs: [Aig, Aig][] = [
      [twoOperand(8, rippleAdd), twoOperand(8, prefixAdd)],
      [twoOperand(4, (g, x, y) => multiply(g, x, y, rippleAdd)), twoOperand(4, (g, x, y) => multiply(g, y, x, prefixAdd))],
    ];
    for (const [a, b] of pairs) {
      for (const localNodes of [0, 2000]) {
        // Small recycling thresholds: several global solvers, each proof checked when dropped.
        const r = sweepMiter(buildMiter(a, b), { checkProofs: true, localNodes, recycleCalls: 10, recycleVars: 10, exhaustiveInputs: 0 });
        expect(r.status).toBe('equivalent');
        expect(r.stats.proofsChecked).toBeGreaterThan(1);
      }
    }
  });

  it('finds rare differences with SAT, not only by simulation', () => {
    // Differs only when all 40 inputs are 1: random simulation almost never sees it.
    const n = 40;
    const a = new Aig();
    const xa = Array.from({ length: n }, () => a.addInput());
    a.addOutput(xa.reduce((s, x) => a.xor(s, x), 0 as never));
    const b = new Aig();
    const xb = Array.from({ length: n }, () => b.addInput());
    const parity = xb.reduce((s, x) => b.xor(s, x), 0 as never);
    const all = xb.reduce((s, x) => b.and(s, x), 1 as never);
    b.addOutput(b.xor(parity, all));
    const r = sweepMiter(buildMiter(a, b), { simWords: 2 });
    expect(r.status).toBe('different');
    if (r.status === 'different') {
      expect(Array.from(r.inputs)).toEqual(new Array(n).fill(1));
      expect(differsOn(a, b, r.inputs)).toBe(true);
    }
  });

  it('reports unknown, never equivalent, when the deadline has passed', () => {
    const a = twoOperand(12, (g, x, y) => multiply(g, x, y, rippleAdd));
    const b = twoOperand(12, (g, x, y) => multiply(g, y, x, prefixAdd));
    const r = sweepMiter(buildMiter(a, b), { deadline: performance.now() - 1, exhaustiveInputs: 0 });
    expect(r.status).toBe('unknown');
  });

  it('handles constant outputs and circuits without AND nodes', () => {
    const a = new Aig();
    const x = a.addInput();
    a.addOutput(a.and(x, not(x)));
    a.addOutput(x);
    const b = new Aig();
    const y = b.addInput();
    b.addOutput(0 as never);
    b.addOutput(y);
    expect(sweepMiter(buildMiter(a, b)).status).toBe('equivalent');
    const c = new Aig();
    c.addInput();
    c.addOutput(1 as never);
    c.addOutput(0 as never);
    const r = sweepMiter(buildMiter(a, c));
    expect(r.status).toBe('different');
  });

  it('matches and proves cut points', () => {
    // Side A: a ripple adder of two 8-bit numbers then a second ripple add of a third;
    // side B: the same sums with prefix adders. The intermediate sum is a cut point.
    const build = (add: typeof rippleAdd) => {
      const g = new Aig();
      const ins = Array.from({ length: 24 }, () => g.addInput());
      const s1 = add(g, ins.slice(0, 8), ins.slice(8, 16));
      const s2 = add(g, s1.slice(0, 8), ins.slice(16, 24));
      s2.forEach((l) => g.addOutput(l));
      return { g, s1 };
    };
    const A = build(rippleAdd);
    const B = build(prefixAdd);
    const m = buildMiter(A.g, B.g);
    const lits = Int32Array.from(A.s1, (l) => m.mapA[l >>> 1] ^ (l & 1));
    const r = sweepMiter(m, { cuts: [{ name: 's1', lits }], otherSide: 2, exhaustiveInputs: 0 });
    expect(r.status).toBe('equivalent');
    // The carry-out of s1 is unused, so not in the miter.
    expect(r.cuts).toEqual([{ name: 's1', bits: 8, constant: 0, matched: 8, unmatched: [], proved: 8 }]);
  });
});
