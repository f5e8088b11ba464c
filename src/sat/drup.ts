/**
 * An independent, deliberately simple checker for the DRUP proof logs of
 * {@link SatSolver} (shares no code with it).
 *
 * Every derived clause must be RUP (reverse unit propagation): assigning the
 * negation of its literals and propagating the clauses present at that point
 * must give a conflict. Input clauses are trusted; deletions remove one copy.
 * Then the final claim (e.g. the negated assumption core of an 'unsat'
 * answer, or the empty clause) is checked the same way.
 * @module
 */
import { PROOF_ADD, PROOF_DELETE, PROOF_INPUT } from './solver.js';

/** Result of {@link checkDrup}. */
export type DrupResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Check a proof log (`tag, n, lits...` entries) and, when given, a final
 * clause that must follow from the clauses at the end of the log.
 *
 * @example
 * ```ts
 * import { SatSolver, checkDrup } from 'bnn-universal';
 * const s = new SatSolver({ proof: true });
 * const a = s.newVar();
 * s.addClause([2 * a]);
 * s.addClause([2 * a + 1]);
 * s.solve();                              // 'unsat'
 * console.log(checkDrup(s.proof(), []).ok); // true: the empty clause follows
 * ```
 */
export function checkDrup(proof: Int32Array, claim?: ArrayLike<number>): DrupResult {
  const db = new ClauseDb();
  let i = 0;
  while (i < proof.length) {
    const tag = proof[i];
    const n = proof[i + 1];
    const lits = Array.from(proof.subarray(i + 2, i + 2 + n));
    if (tag === PROOF_ADD && !db.isRup(lits)) return { ok: false, reason: `derived clause at offset ${i} [${lits.join(' ')}] is not RUP` };
    if (tag === PROOF_INPUT || tag === PROOF_ADD) db.add(lits);
    else if (tag === PROOF_DELETE) db.remove(lits);
    else return { ok: false, reason: `bad tag ${tag} at offset ${i}` };
    i += 2 + n;
  }
  if (claim && !db.isRup(Array.from(claim))) return { ok: false, reason: `final clause [${Array.from(claim).join(' ')}] is not RUP` };
  return { ok: true };
}

/** Clauses with occurrence lists; a clause is a sorted literal array. */
class ClauseDb {
  private clauses: (number[] | null)[] = [];
  private byKey = new Map<string, number[]>();
  private occurs = new Map<number, number[]>();
  private units: number[] = [];

  add(lits: number[]): void {
    const c = [...new Set(lits)].sort((a, b) => a - b);
    const id = this.clauses.length;
    this.clauses.push(c);
    const key = c.join(',');
    const ids = this.byKey.get(key);
    if (ids) ids.push(id);
    else this.byKey.set(key, [id]);
    for (const l of c) {
      const o = this.occurs.get(l);
      if (o) o.push(id);
      else this.occurs.set(l, [id]);
    }
    if (c.length <= 1) this.units.push(id);
  }

  remove(lits: number[]): void {
    const key = [...new Set(lits)].sort((a, b) => a - b).join(',');
    const ids = this.byKey.get(key);
    const id = ids?.pop();
    if (id !== undefined) this.clauses[id] = null;
  }

  /** Does unit propagation from the negation of `lits` reach a conflict? */
  isRup(lits: number[]): boolean {
    const queue: number[] = []; // literals set true, in order; also what to undo
    try {
      return this.propagateFrom(lits, queue);
    } finally {
      for (const l of queue) this.value[l >>> 1] = 0;
    }
  }

  /** Per variable: 0 unassigned, 1 true, -1 false. */
  private value = new Int8Array(64);

  private truth(l: number): number {
    const v = this.value[l >>> 1];
    return l & 1 ? -v : v;
  }

  private setTrue(l: number, queue: number[]): boolean {
    const v = l >>> 1;
    if (v >= this.value.length) {
      const bigger = new Int8Array(Math.max(2 * this.value.length, v + 1));
      bigger.set(this.value);
      this.value = bigger;
    }
    const t = this.truth(l);
    if (t < 0) return false;
    if (t === 0) {
      this.value[v] = l & 1 ? -1 : 1;
      queue.push(l);
    }
    return true;
  }

  private propagateFrom(lits: number[], queue: number[]): boolean {
    for (const l of lits) if (!this.setTrue(l ^ 1, queue)) return true;
    for (const id of this.units) {
      const c = this.clauses[id];
      if (c === null) continue;
      if (c.length === 0 || !this.setTrue(c[0], queue)) return true;
    }
    for (let q = 0; q < queue.length; q++) {
      for (const id of this.occurs.get(queue[q] ^ 1) ?? []) {
        const c = this.clauses[id];
        if (c === null) continue;
        let unassigned = -1;
        let count = 0;
        let satisfied = false;
        for (const l of c) {
          const t = this.truth(l);
          if (t > 0) {
            satisfied = true;
            break;
          }
          if (t === 0) {
            count++;
            unassigned = l;
          }
        }
        if (satisfied) continue;
        if (count === 0) return true;
        if (count === 1) this.setTrue(unassigned, queue);
      }
    }
    return false;
  }
}
