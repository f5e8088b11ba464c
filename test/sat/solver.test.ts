import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDrup } from '../../src/sat/drup.js';
import { SatSolver } from '../../src/sat/solver.js';

type Cnf = number[][];

/** Brute force: is there an assignment of n variables satisfying the clauses (and the units)? */
function bruteForce(n: number, cnf: Cnf, assumptions: number[] = []): boolean {
  const all = [...cnf, ...assumptions.map((a) => [a])];
  for (let m = 0; m < 1 << n; m++) {
    if (all.every((c) => c.some((l) => (((m >>> (l >>> 1)) & 1) === 1) !== ((l & 1) === 1)))) return true;
  }
  return false;
}

function satisfies(s: SatSolver, cnf: Cnf): boolean {
  return cnf.every((c) => c.some((l) => s.modelValue(l)));
}

function load(n: number, cnf: Cnf, proof = false, reduceInterval?: number): SatSolver {
  const s = new SatSolver({ proof, reduceInterval });
  for (let i = 0; i < n; i++) s.newVar();
  for (const c of cnf) s.addClause(c);
  return s;
}

const clauseArb = (n: number, k: number) =>
  fc.array(fc.integer({ min: 0, max: 2 * n - 1 }), { minLength: 1, maxLength: k });
const cnfArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({ n: fc.constant(n), cnf: fc.array(clauseArb(n, 3), { minLength: 0, maxLength: 6 * n }) }),
);

/** Pigeonhole: p pigeons into p-1 holes; var(i,j) = pigeon i in hole j. */
function pigeonhole(p: number): { n: number; cnf: Cnf } {
  const h = p - 1;
  const v = (i: number, j: number) => i * h + j;
  const cnf: Cnf = [];
  for (let i = 0; i < p; i++) cnf.push(Array.from({ length: h }, (_, j) => 2 * v(i, j)));
  for (let j = 0; j < h; j++)
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) cnf.push([2 * v(a, j) + 1, 2 * v(b, j) + 1]);
  return { n: p * h, cnf };
}

/** Deterministic pseudo-random generator for larger instances. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function random3Sat(n: number, m: number, seed: number): Cnf {
  const r = lcg(seed);
  return Array.from({ length: m }, () => Array.from({ length: 3 }, () => Math.floor(r() * 2 * n)));
}

describe('SatSolver', () => {
  it('agrees with brute force on random small CNFs, with valid models and DRUP proofs', () => {
    fc.assert(
      fc.property(cnfArb, ({ n, cnf }) => {
        const s = load(n, cnf, true);
        const r = s.solve();
        expect(r).toBe(bruteForce(n, cnf) ? 'sat' : 'unsat');
        if (r === 'sat') expect(satisfies(s, cnf)).toBe(true);
        else expect(checkDrup(s.proof(), []).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with brute force on random 3-SAT near the threshold (n = 16)', () => {
    let sat = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const cnf = random3Sat(16, 68, seed);
      const s = load(16, cnf, true);
      const r = s.solve();
      expect(r).toBe(bruteForce(16, cnf) ? 'sat' : 'unsat');
      if (r === 'sat') {
        sat++;
        expect(satisfies(s, cnf)).toBe(true);
      } else expect(checkDrup(s.proof(), [])).toEqual({ ok: true });
    }
    expect(sat).toBeGreaterThan(0);
    expect(sat).toBeLessThan(60);
  });

  it('solves larger random 3-SAT instances with checked models and proofs', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const n = 120;
      const cnf = random3Sat(n, Math.round(4.26 * n), seed * 7919);
      const s = load(n, cnf, true);
      const r = s.solve();
      expect(r).not.toBe('unknown');
      if (r === 'sat') expect(satisfies(s, cnf)).toBe(true);
      else expect(checkDrup(s.proof(), [])).toEqual({ ok: true });
    }
  });

  it('refutes pigeonhole formulas with a checked proof', () => {
    for (let p = 2; p <= 7; p++) {
      const { n, cnf } = pigeonhole(p);
      const s = load(n, cnf, true);
      expect(s.solve()).toBe('unsat');
      expect(checkDrup(s.proof(), [])).toEqual({ ok: true });
    }
  });

  it('gives an unsat core of pigeonhole clauses under selector assumptions', () => {
    for (let p = 3; p <= 6; p++) {
      const { n, cnf } = pigeonhole(p);
      // Extra satisfiable clauses that are not needed for the contradiction.
      const extra: Cnf = [[0, 1], [2, 3]];
      const all = [...cnf, ...extra];
      const s = new SatSolver({ proof: true });
      for (let i = 0; i < n; i++) s.newVar();
      const sel = all.map(() => s.newVar());
      all.forEach((c, i) => s.addClause([...c, 2 * sel[i] + 1]));
      const assumptions = Int32Array.from(sel, (v) => 2 * v);
      expect(s.solve(assumptions)).toBe('unsat');
      const core = s.core();
      expect(core.length).toBeGreaterThan(0);
      for (const l of core) expect(assumptions).toContain(l);
      // The proof ends in the negated core, as a checked clause.
      expect(checkDrup(s.proof(), Array.from(core, (l) => l ^ 1)).ok).toBe(true);
      // The core's clauses alone are unsatisfiable; dropping the selectors all at once is satisfiable.
      const coreClauses = all.filter((_, i) => core.includes(2 * sel[i]));
      expect(load(n, coreClauses).solve()).toBe('unsat');
      expect(s.solve(Int32Array.from(sel.slice(cnf.length), (v) => 2 * v))).toBe('sat');
      // The solver remains usable: same assumptions, same answer.
      expect(s.solve(assumptions)).toBe('unsat');
    }
  });

  it('solves incrementally under assumptions, agreeing with brute force', () => {
    fc.assert(
      fc.property(
        cnfArb,
        fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(clauseArb(12, 3), { maxLength: 6 }),
        ({ n, cnf }, assumptionSets, extraClauses) => {
          const s = new SatSolver({ proof: true });
          for (let i = 0; i < n; i++) s.newVar();
          const clauses: Cnf = [];
          const addMore = (c: number[]) => {
            const cc = c.map((l) => l % (2 * n));
            clauses.push(cc);
            s.addClause(cc);
          };
          cnf.forEach(addMore);
          assumptionSets.forEach((set, k) => {
            if (k < extraClauses.length) addMore(extraClauses[k]);
            const as = set.map((l) => l % (2 * n));
            const r = s.solve(Int32Array.from(as));
            expect(r).toBe(bruteForce(n, clauses, as) ? 'sat' : 'unsat');
            if (r === 'sat') {
              expect(satisfies(s, clauses)).toBe(true);
              for (const a of as) expect(s.modelValue(a)).toBe(true);
            } else {
              const core = Array.from(s.core());
              for (const l of core) expect(as).toContain(l);
              expect(bruteForce(n, clauses, core)).toBe(false);
              expect(checkDrup(s.proof(), core.map((l) => l ^ 1)).ok).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers unknown when the conflict limit or the deadline is hit, and can go on', () => {
    const { n, cnf } = pigeonhole(9);
    const s = load(n, cnf);
    expect(s.solve(undefined, { conflictLimit: 50 })).toBe('unknown');
    expect(s.stats.conflicts).toBeGreaterThanOrEqual(50);
    expect(s.solve(undefined, { deadline: performance.now() - 1 })).toBe('unknown');
    const small = load(pigeonhole(5).n, pigeonhole(5).cnf);
    expect(small.solve(undefined, { conflictLimit: 1e6 })).toBe('unsat');
  });

  it('handles units, duplicates, tautologies and the empty clause', () => {
    const s = new SatSolver();
    const a = s.newVar();
    const b = s.newVar();
    expect(s.addClause([2 * a, 2 * a, 2 * b])).toBe(true);
    expect(s.addClause([2 * a, 2 * a + 1])).toBe(true);
    expect(s.addClause([2 * a + 1])).toBe(true);
    expect(s.solve()).toBe('sat');
    expect(s.modelValue(2 * b)).toBe(true);
    expect(s.solve(Int32Array.of(2 * b + 1))).toBe('unsat');
    expect(Array.from(s.core())).toEqual([2 * b + 1]);
    expect(s.addClause([2 * b + 1])).toBe(false);
    expect(s.okay).toBe(false);
    expect(s.solve()).toBe('unsat');
    expect(() => s.addClause([10])).not.toThrow(); // already unsat: nothing to check
    const t = new SatSolver();
    t.newVar();
    expect(t.addClause([])).toBe(false);
    expect(() => new SatSolver().addClause([0])).toThrow(RangeError);
    expect(() => t.modelValue(0)).toThrow();
  });

  it('keeps its clause database sound through reductions and compaction', () => {
    // Frequent learnt-clause reductions and arena compactions.
    const { n, cnf } = pigeonhole(7);
    const s = load(n, cnf, true, 100);
    expect(s.solve()).toBe('unsat');
    expect(s.stats.reductions).toBeGreaterThanOrEqual(2);
    expect(checkDrup(s.proof(), []).ok).toBe(true);
  });
});

describe('checkDrup', () => {
  it('rejects a derived clause that is not implied', () => {
    // x0 or x1 does not imply x0.
    const proof = Int32Array.of(0, 2, 0, 2, 1, 1, 0);
    expect(checkDrup(proof).ok).toBe(false);
    expect(checkDrup(Int32Array.of(0, 2, 0, 2), [0]).ok).toBe(false);
    expect(checkDrup(Int32Array.of(0, 2, 0, 2, 0, 1, 3), [0]).ok).toBe(true);
  });

  it('forgets deleted clauses', () => {
    const proof = Int32Array.of(0, 1, 0, 2, 1, 0);
    expect(checkDrup(proof, [0]).ok).toBe(false);
  });
});

describe('decision scope', () => {
  it('answers like the unscoped solver, and scoped models satisfy the clauses inside the scope', () => {
    fc.assert(
      fc.property(cnfArb, fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), ({ n, cnf }, as, inScope) => {
        const scope = Array.from({ length: n }, (_, v) => v).filter((v) => inScope[v]);
        const assumptions = Int32Array.from(as, (l) => l % (2 * n));
        const plain = load(n, cnf);
        const scoped = load(n, cnf);
        scoped.setDecisionScope(scope);
        const r = scoped.solve(assumptions);
        const inside = (c: number[]) => c.every((l) => scope.includes(l >>> 1));
        if (r === 'sat') {
          // Every clause over scope variables only is satisfied; nothing is claimed beyond.
          for (const c of cnf.filter(inside)) expect(c.some((l) => scoped.modelLiteralValue(l) === 1)).toBe(true);
          for (const a of assumptions) expect(scoped.modelLiteralValue(a)).toBe(1);
        } else {
          expect(r).toBe('unsat');
          expect(plain.solve(assumptions)).toBe('unsat');
        }
        // With the scope lifted, models are total again.
        scoped.setDecisionScope(null);
        const r2 = scoped.solve(assumptions);
        expect(r2).toBe(plain.solve(assumptions));
        if (r2 === 'sat') for (let v = 0; v < n; v++) expect(scoped.modelLiteralValue(2 * v)).not.toBe(-1);
      }),
      { numRuns: 300 },
    );
  });
});
