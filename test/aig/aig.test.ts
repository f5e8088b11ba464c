import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Aig, FALSE, type Lit, TRUE, aigDepth, aigLevels, aigStats, cleanupAig, isComplemented, litVar, mkLit, not } from '../../src/aig/aig.js';
import { evaluateAig, litWords, simulateAig } from '../../src/aig/simulate.js';
import { InternalError } from '../../src/errors.js';

/** Naive evaluation of a literal by recursion over the fanins (the reference). */
function naiveValue(g: Aig, l: number, inputs: ArrayLike<number>): number {
  const v = l >>> 1;
  let x: number;
  if (v === 0) x = 0;
  else if (g.isInput(v)) x = inputs[g.inputs.indexOf(v)] & 1;
  else x = naiveValue(g, g.fanin0[v], inputs) & naiveValue(g, g.fanin1[v], inputs);
  return x ^ (l & 1);
}

/** Every assignment of n inputs, as 0/1 arrays (pattern p: bit i of p). */
const assignments = (n: number) => Array.from({ length: 1 << n }, (_, p) => Array.from({ length: n }, (_, i) => (p >> i) & 1));

describe('literals', () => {
  test('encode variable and complement', () => {
    const l = mkLit(5, true);
    expect(l).toBe(11);
    expect(litVar(l)).toBe(5);
    expect(isComplemented(l)).toBe(true);
    expect(not(l)).toBe(10);
    expect(not(FALSE)).toBe(TRUE);
  });
});

describe('and: constant folding and structural hashing', () => {
  test('trivial cases fold and create no node', () => {
    const g = new Aig();
    const a = g.addInput();
    expect(g.and(a, FALSE)).toBe(FALSE);
    expect(g.and(FALSE, a)).toBe(FALSE);
    expect(g.and(a, TRUE)).toBe(a);
    expect(g.and(TRUE, not(a))).toBe(not(a));
    expect(g.and(a, a)).toBe(a);
    expect(g.and(a, not(a))).toBe(FALSE);
    expect(g.or(a, not(a))).toBe(TRUE);
    expect(g.xor(a, a)).toBe(FALSE);
    expect(g.xor(a, TRUE)).toBe(not(a));
    expect(g.numAnds).toBe(0);
  });

  test('the same pair in either order is one node', () => {
    const g = new Aig();
    const a = g.addInput(), b = g.addInput();
    const x = g.and(a, not(b));
    expect(g.and(not(b), a)).toBe(x);
    expect(g.numAnds).toBe(1);
    expect(g.and(a, b)).not.toBe(x);
    expect(g.numAnds).toBe(2);
    expect(g.fanin0[litVar(x)]).toBeLessThan(g.fanin1[litVar(x)]);
  });

  test('hashing survives growth from the smallest capacities', () => {
    for (const cap of [0, 1, 2, 3]) {
      const g = new Aig(cap);
      const ins = Array.from({ length: 40 }, () => g.addInput());
      const made = new Map<string, Lit>();
      for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) made.set(`${i},${j}`, g.and(ins[i], not(ins[j])));
      const n = g.numAnds;
      expect(n).toBe((40 * 39) / 2);
      for (let i = 0; i < 40; i++) for (let j = i + 1; j < 40; j++) expect(g.and(not(ins[j]), ins[i])).toBe(made.get(`${i},${j}`));
      expect(g.numAnds).toBe(n);
    }
  });

  test('literals out of range are an internal error', () => {
    const g = new Aig();
    const a = g.addInput();
    expect(() => g.and(a, mkLit(7))).toThrow(InternalError);
    expect(() => g.addOutput(mkLit(3))).toThrow(InternalError);
  });
});

describe('derived gates', () => {
  test('or, xor, xnor, mux, maj: truth tables and sizes', () => {
    const g = new Aig();
    const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
    const outs = { or: g.or(a, b), xor: g.xor(a, b), xnor: g.xnor(a, b), mux: g.mux(a, b, c), maj: g.maj(a, b, c) };
    for (const x of assignments(3)) {
      const [va, vb, vc] = x;
      expect(naiveValue(g, outs.or, x)).toBe(va | vb);
      expect(naiveValue(g, outs.xor, x)).toBe(va ^ vb);
      expect(naiveValue(g, outs.xnor, x)).toBe(1 ^ va ^ vb);
      expect(naiveValue(g, outs.mux, x)).toBe(va ? vb : vc);
      expect(naiveValue(g, outs.maj, x)).toBe(va + vb + vc >= 2 ? 1 : 0);
    }
  });

  test('mux with constant or complementary data inputs is small and right', () => {
    const consts = (s: Lit, e: Lit) => [TRUE, FALSE, s, e, not(e)];
    const g = new Aig();
    const [s, e, t0] = [g.addInput(), g.addInput(), g.addInput()];
    for (const t of [...consts(s, e), t0]) {
      for (const f of [...consts(s, t0), e]) {
        const before = g.numAnds;
        const m = g.mux(s, t, f);
        expect(g.numAnds - before).toBeLessThanOrEqual(3);
        for (const x of assignments(3)) expect(naiveValue(g, m, x)).toBe(x[0] ? naiveValue(g, t, x) : naiveValue(g, f, x));
      }
    }
    const h = new Aig();
    const [hs, he] = [h.addInput(), h.addInput()];
    h.mux(hs, TRUE, he);
    expect(h.numAnds).toBe(1);
  });
});

type RandomAigSpec = typeof aigArb extends fc.Arbitrary<infer T> ? T : never;

/** A random AIG: ops pick two earlier literals (by index into the pool) and complements. */
const aigArb = fc.record({
  inputs: fc.integer({ min: 1, max: 8 }),
  ops: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), fc.constantFrom('and', 'or', 'xor', 'mux', 'maj')), { maxLength: 60 }),
  outs: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 }),
});

function buildRandom(spec: RandomAigSpec): Aig {
  const g = new Aig(4);
  const pool: Lit[] = [FALSE, TRUE];
  for (let i = 0; i < spec.inputs; i++) pool.push(g.addInput(`x[${i}]`));
  for (const [i, j, ci, cj, op] of spec.ops) {
    const a = ci ? not(pool[i % pool.length]) : pool[i % pool.length];
    const b = cj ? not(pool[j % pool.length]) : pool[j % pool.length];
    const c = pool[(i + j) % pool.length];
    pool.push(op === 'and' ? g.and(a, b) : op === 'or' ? g.or(a, b) : op === 'xor' ? g.xor(a, b) : op === 'mux' ? g.mux(c, a, b) : g.maj(a, b, c));
  }
  spec.outs.forEach(([k, c], i) => g.addOutput(c ? not(pool[k % pool.length]) : pool[k % pool.length], `y[${i}]`));
  return g;
}

describe('random graphs (fast-check)', () => {
  test('fanins precede their node and are ordered', () => {
    fc.assert(
      fc.property(aigArb, (spec) => {
        const g = buildRandom(spec);
        for (let v = 1; v < g.numVars; v++) {
          if (!g.isAnd(v)) continue;
          expect(g.fanin0[v]).toBeLessThan(g.fanin1[v]);
          expect(g.fanin1[v] >>> 1).toBeLessThan(v);
          expect(g.fanin0[v] >>> 1).toBeGreaterThan(0); // constants are folded
        }
      }),
    );
  });

  test('simulateAig (1 and 3 words) and evaluateAig agree with naive evaluation', () => {
    fc.assert(
      fc.property(aigArb, fc.array(fc.integer(), { minLength: 24, maxLength: 24 }), (spec, rnd) => {
        const g = buildRandom(spec);
        const n = g.inputs.length;
        for (const W of [1, 3]) {
          const inWords = Uint32Array.from({ length: n * W }, (_, k) => rnd[k % rnd.length] * (k + 1));
          const val = simulateAig(g, inWords, W);
          for (let p = 0; p < 32 * W; p += 7) {
            const x = Array.from({ length: n }, (_, i) => (inWords[i * W + (p >>> 5)] >>> (p & 31)) & 1);
            for (const o of g.outputs) {
              expect((litWords(val, o, W)[p >>> 5] >>> (p & 31)) & 1).toBe(naiveValue(g, o, x));
            }
            expect(Array.from(evaluateAig(g, x))).toEqual(g.outputs.map((o) => naiveValue(g, o, x)));
          }
        }
      }),
    );
  });

  test('cleanupAig keeps the functions, all inputs, and only the live nodes', () => {
    fc.assert(
      fc.property(aigArb, (spec) => {
        const g = buildRandom(spec);
        const { aig: h, map } = cleanupAig(g);
        expect(h.inputs.length).toBe(g.inputs.length);
        expect(h.inputNames).toEqual(g.inputNames);
        expect(h.outputNames).toEqual(g.outputNames);
        expect(h.numAnds).toBe(aigStats(g).liveAnds);
        expect(aigStats(h).liveAnds).toBe(h.numAnds);
        for (const x of assignments(Math.min(g.inputs.length, 6)).map((a) => [...a, ...new Array(8).fill(1)].slice(0, g.inputs.length))) {
          expect(Array.from(evaluateAig(h, x))).toEqual(Array.from(evaluateAig(g, x)));
        }
        g.outputs.forEach((o, i) => expect((map[o >>> 1] ^ (o & 1)) >>> 0).toBe(h.outputs[i]));
      }),
    );
  });

  test('levels: inputs 0, an AND one more than its deeper fanin; depth over outputs', () => {
    fc.assert(
      fc.property(aigArb, (spec) => {
        const g = buildRandom(spec);
        const memo = new Map<number, number>();
        const level = (v: number): number => {
          if (!g.isAnd(v)) return 0;
          if (!memo.has(v)) memo.set(v, 1 + Math.max(level(g.fanin0[v] >>> 1), level(g.fanin1[v] >>> 1)));
          return memo.get(v)!;
        };
        const lv = aigLevels(g);
        for (let v = 0; v < g.numVars; v++) expect(lv[v]).toBe(level(v));
        const d = aigDepth(g);
        expect(d).toBe(Math.max(0, ...g.outputs.map((o) => level(o >>> 1))));
        expect(aigStats(g)).toMatchObject({ inputs: g.inputs.length, outputs: g.outputs.length, ands: g.numAnds, depth: d });
      }),
    );
  });
});

test('simulateAig reuses a large enough output buffer and reads missing input words as 0', () => {
  const g = new Aig();
  const a = g.addInput(), b = g.addInput();
  const o = g.or(a, b);
  const buf = new Uint32Array(100).fill(0xdeadbeef);
  const val = simulateAig(g, Uint32Array.from([0b0011]), 1, buf);
  expect(val).toBe(buf);
  expect(litWords(val, o, 1)[0]).toBe(0b0011);
  expect(litWords(val, b, 1)[0]).toBe(0);
});
