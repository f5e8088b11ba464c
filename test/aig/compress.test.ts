import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Aig, type Lit, aigLevels, not } from '../../src/aig/aig.js';
import { compressColumns, levelOf } from '../../src/aig/compress.js';
import { allCombos, simulateBench } from './harness.js';

describe('compressColumns', () => {
  test('sums columns of bits and a constant modulo 2^n (random columns, exhaustive inputs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 30 }),
        fc.bigInt({ min: -300n, max: 300n }),
        (nIn, placed, k) => {
          const g = new Aig();
          const ins = Array.from({ length: nIn }, () => g.addInput());
          const n = 1 + (placed.length % 7);
          const columns: Lit[][] = Array.from({ length: n }, () => []);
          for (const [i, col, c] of placed) columns[col % n].push(c ? not(ins[i % nIn]) : ins[i % nIn]);
          const copy = columns.map((c) => [...c]);
          const out = compressColumns(g, columns, BigInt.asUintN(n, k));
          expect(out.length).toBe(n);
          const ops = ins.map(() => ({ bits: 1, signed: false }));
          const combos = allCombos(ops);
          const sim = simulateBench({ g, inputs: ins.map((l) => [l]), words: [] }, combos);
          combos.forEach((_, p) => {
            let want = k;
            copy.forEach((col, j) => col.forEach((l) => (want += BigInt(sim.bit(l, p)) << BigInt(j))));
            let got = 0n;
            out.forEach((l, j) => (got += BigInt(sim.bit(l, p)) << BigInt(j)));
            expect(got).toBe(BigInt.asUintN(n, want));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a constant one is spent in a 3-node full adder', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
    compressColumns(g, [[a, b, c], []], 1n);
    // Column 0: FA(a, b, 1) = 3 nodes, then a half adder of its sum and c = 3;
    // column 1: a half adder of the two carries = 3. (Without the constant
    // rule it would be FA(a, b, c) = 7, a free half adder, then 3: 10.)
    expect(g.numAnds).toBe(9);
  });

  test('the adder tree is shallow: 64 one-bit terms reach depth < 40', () => {
    const g = new Aig();
    const ins = Array.from({ length: 64 }, () => g.addInput());
    const cols: Lit[][] = Array.from({ length: 7 }, () => []);
    cols[0] = [...ins];
    const out = compressColumns(g, cols, 0n);
    const lv = aigLevels(g);
    expect(Math.max(...out.map((l) => lv[l >>> 1]))).toBeLessThan(40);
  });

  test('levelOf agrees with aigLevels as the graph grows', () => {
    const g = new Aig(2);
    const ins = Array.from({ length: 6 }, () => g.addInput());
    let pool: Lit[] = [...ins];
    for (let round = 0; round < 5; round++) {
      const next = pool.map((l, i) => g.xor(l, pool[(i + 1) % pool.length]));
      pool = next;
      const lv = aigLevels(g);
      for (const l of pool) expect(levelOf(g, l)).toBe(lv[l >>> 1]);
    }
  });
});
