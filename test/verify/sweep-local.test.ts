import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aig, type Lit, not } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import { aigArb } from '../../src/testing/bnn-arbitraries.js';
import { SimClasses } from '../../src/verify/sweep/classes.js';
import { LocalChecker } from '../../src/verify/sweep/local.js';

/** Truth tables of every variable over all inputs (at most 5 inputs: one word). */
function tables(g: Aig): Uint32Array {
  const n = g.inputs.length;
  const iw = Uint32Array.from({ length: n }, (_, i) => {
    let w = 0;
    for (let p = 0; p < 32; p++) if ((p >>> i) & 1) w |= 1 << p;
    return w >>> 0;
  });
  return simulateAig(g, iw, 1);
}

const litTable = (t: Uint32Array, l: number) => (t[l >>> 1] ^ -(l & 1)) >>> 0;

describe('LocalChecker', () => {
  it('proves re-associated and De Morgan forms equal', () => {
    const g = new Aig();
    const [a, b, c, d] = [g.addInput(), g.addInput(), g.addInput(), g.addInput()];
    const x = g.and(g.and(a, b), g.and(c, d));
    const y = g.and(a, g.and(b, g.and(c, d)));
    const ch = new LocalChecker(g);
    expect(ch.check(x, y, 100, 1000)).toBe('equal');
    expect(ch.check(g.or(a, b), not(g.and(not(a), not(b))), 100, 1000)).toBe('equal');
    expect(ch.check(g.xor(a, b), g.or(g.and(a, not(b)), g.and(not(a), b)), 100, 1000)).toBe('equal');
    expect(ch.check(x, g.and(a, b), 100, 1000)).toBe('unknown');
    // A region larger than allowed is not tried.
    expect(ch.check(x, y, 1, 1000)).toBe('unknown');
  });

  it('says unknown where equality needs the shared cone (the cut values are not all reachable)', () => {
    const g = new Aig();
    const [a, b] = [g.addInput(), g.addInput()];
    const s = g.and(a, b); // shared cut point
    const x = g.and(s, a); // == s
    const y = g.and(s, g.or(a, b)); // == s, but as functions of (s, a, b) x == y needs s -> a
    expect(litTable(tables(g), x)).toBe(litTable(tables(g), y));
    expect(new LocalChecker(g).check(x, y, 100, 1000)).toBe('unknown');
  });

  it('is sound on random graphs: every equal answer is confirmed by truth tables', () => {
    let equal = 0;
    fc.assert(
      fc.property(aigArb({ maxInputs: 5, maxAnds: 40 }), fc.nat(), fc.nat(), (g, i, j) => {
        const x = (i % (2 * g.numVars)) as Lit;
        const y = (j % (2 * g.numVars)) as Lit;
        const r = new LocalChecker(g).check(x, y, 50, 1000);
        if (r === 'equal') {
          equal++;
          const t = tables(g);
          expect(litTable(t, x)).toBe(litTable(t, y));
        }
      }),
      { numRuns: 500 },
    );
    expect(equal).toBeGreaterThan(0);
  });
});

describe('SimClasses', () => {
  it('groups variables by simulation up to complement, and refinement only splits', () => {
    fc.assert(
      fc.property(aigArb({ maxInputs: 5, maxAnds: 30 }), (g) => {
        const t = tables(g);
        const c = SimClasses.fromSimulation(t, 1, g.numVars);
        const norm = (v: number) => (t[v] ^ (c.phase[v] ? 0xffffffff : 0)) >>> 0;
        for (let v = 0; v < g.numVars; v++) {
          // Exhaustive simulation: classes are exactly the equivalences up to complement.
          const same = c.members(v);
          for (let u = 0; u < g.numVars; u++) expect(same.includes(u)).toBe(norm(u) === norm(v));
          const r = c.repr(v);
          if (r >= 0) expect(r).toBe(Math.min(...same));
        }
        // Refining by the same patterns changes nothing.
        expect(c.refine(t, 0)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
