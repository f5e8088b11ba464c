/**
 * Cut enumeration with truth tables, for cuts of at most 3 leaves.
 *
 * A cut of node v is a set of nodes (leaves) such that every path from an
 * input to v passes through a leaf; v is then a function of the leaves. The
 * function is kept as an 8-bit truth table over the leaves in order: leaf i
 * is the variable with pattern {@link LEAF_TT}[i] (0xaa, 0xcc, 0xf0); with
 * fewer than 3 leaves the table does not depend on the missing ones.
 *
 * Enumeration is bottom-up (cuts of v from pairs of its fanins' cuts, the
 * trivial cut {u} of each fanin included), keeping at most `maxCuts` per node,
 * smallest first, dominated cuts dropped, and always the structural cut
 * {fanin0, fanin1} (or the cut that dominates it), so every node has a cut
 * whose function is an AND of two literals at most.
 *
 * Storage is flat typed arrays (this runs over every node of large circuits):
 * cut c of node v is slot v * maxCuts + c, its leaves at 3 * slot .. + 2
 * (sorted, -1 padded).
 * @module
 */
import type { Aig } from '../../aig/aig.js';

/** Truth-table patterns of leaves 0, 1, 2. */
export const LEAF_TT = [0xaa, 0xcc, 0xf0] as const;

/** The non-trivial cuts of every node. */
export interface CutSet {
  readonly maxCuts: number;
  /** Number of stored cuts of node v. */
  readonly count: Uint8Array;
  /** Leaves of cut slot s at [3s, 3s + size[s]), sorted. */
  readonly leaves: Int32Array;
  readonly size: Uint8Array;
  /** Truth table of the node over the cut's leaves. */
  readonly tt: Uint8Array;
}

/** Re-express a truth table over `from` leaves as one over `to` leaves (`from` a subset of `to`). */
export function expandTt(tt: number, from: readonly number[], to: readonly number[]): number {
  const pos = from.map((l) => to.indexOf(l));
  return expandByPositions(tt, pos[0] ?? -1, pos[1] ?? -1, pos[2] ?? -1);
}

/** {@link expandTt} with the positions of the (up to 3) source leaves in the target given (-1: absent). */
function expandByPositions(tt: number, p0: number, p1: number, p2: number): number {
  return EXPAND[(tt << 6) | ((p0 + 1) << 4) | ((p1 + 1) << 2) | (p2 + 1)];
}

/** {@link expandByPositions} for every table and positions, precomputed (16 KiB). */
const EXPAND = (() => {
  const t = new Uint8Array(256 * 64);
  for (let tt = 0; tt < 256; tt++) {
    for (let c = 0; c < 64; c++) t[(tt << 6) | c] = expandSlow(tt, ((c >> 4) & 3) - 1, ((c >> 2) & 3) - 1, (c & 3) - 1);
  }
  return t;
})();

function expandSlow(tt: number, p0: number, p1: number, p2: number): number {
  let out = 0;
  for (let m = 0; m < 8; m++) {
    let idx = 0;
    if (p0 >= 0) idx |= (m >> p0) & 1;
    if (p1 >= 0) idx |= ((m >> p1) & 1) << 1;
    if (p2 >= 0) idx |= ((m >> p2) & 1) << 2;
    out |= ((tt >> idx) & 1) << m;
  }
  return out;
}

/** Scratch space for the cuts of one node while they are being found. */
class Found {
  n = 0;
  readonly leaves = new Int32Array(3 * 128);
  readonly size = new Uint8Array(128);
  readonly tt = new Uint8Array(128);
  readonly alive = new Uint8Array(128);
  /** OR of 1 << (leaf & 31): a cut can only be a subset of another if its signature is. */
  readonly sig = new Uint32Array(128);
}

function signature(m: Int32Array, size: number): number {
  let s = 0;
  for (let k = 0; k < size; k++) s |= 1 << (m[k] & 31);
  return s >>> 0;
}

/**
 * Cuts of every live AND node (`live[v] = 1`). Inputs have only their
 * trivial cut, which is implicit (not stored).
 */
export function enumerateCuts(g: Aig, live: Uint8Array, maxCuts = 8): CutSet {
  const n = g.numVars;
  const set: CutSet = {
    maxCuts,
    count: new Uint8Array(n),
    leaves: new Int32Array(n * maxCuts * 3).fill(-1),
    size: new Uint8Array(n * maxCuts),
    tt: new Uint8Array(n * maxCuts),
  };
  const f = new Found();
  const m = new Int32Array(4); // merged leaves
  const A = new Int32Array(3); // leaves of the fanin cuts being merged
  const B = new Int32Array(3);
  for (let v = 1; v < n; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const fa = g.fanin0[v];
    const fb = g.fanin1[v];
    const a = fa >>> 1;
    const b = fb >>> 1;
    f.n = 0;
    for (let i = -1; i < set.count[a]; i++) {
      // i = -1: the trivial cut {a}
      const sa = i < 0 ? 1 : set.size[a * maxCuts + i];
      for (let k = 0; k < sa; k++) A[k] = i < 0 ? a : set.leaves[3 * (a * maxCuts + i) + k];
      const ttA = i < 0 ? LEAF_TT[0] : set.tt[a * maxCuts + i];
      for (let j = -1; j < set.count[b]; j++) {
        const sb = j < 0 ? 1 : set.size[b * maxCuts + j];
        for (let k = 0; k < sb; k++) B[k] = j < 0 ? b : set.leaves[3 * (b * maxCuts + j) + k];
        const ttB = j < 0 ? LEAF_TT[0] : set.tt[b * maxCuts + j];
        const size = mergeSorted(A, sa, B, sb, m);
        if (size > 3 || dominated(f, m, size)) continue;
        const ta = expandByPositions(ttA, posOf(m, A[0]), sa > 1 ? posOf(m, A[1]) : -1, sa > 2 ? posOf(m, A[2]) : -1);
        const tb = expandByPositions(ttB, posOf(m, B[0]), sb > 1 ? posOf(m, B[1]) : -1, sb > 2 ? posOf(m, B[2]) : -1);
        addFound(f, m, size, (ta ^ (fa & 1 ? 0xff : 0)) & (tb ^ (fb & 1 ? 0xff : 0)) & 0xff);
      }
    }
    store(set, v, f, a, b);
  }
  return set;
}

/** Sorted union of A[0..na) and B[0..nb) into m; returns its size, or 4 as soon as it exceeds 3. */
function mergeSorted(A: Int32Array, na: number, B: Int32Array, nb: number, m: Int32Array): number {
  let x = 0;
  let y = 0;
  let size = 0;
  while (x < na || y < nb) {
    if (size === 3) return 4;
    const u = x < na ? A[x] : 0x7fffffff;
    const w = y < nb ? B[y] : 0x7fffffff;
    if (u < w) {
      m[size++] = u;
      x++;
    } else if (w < u) {
      m[size++] = w;
      y++;
    } else {
      m[size++] = u;
      x++;
      y++;
    }
  }
  return size;
}

/** Position of leaf l in the merged leaves (l is one of them). */
function posOf(m: Int32Array, l: number): number {
  return l === m[0] ? 0 : l === m[1] ? 1 : 2;
}

/** Whether leaves m[0..size) contain (or equal) a live found cut. */
function dominated(f: Found, m: Int32Array, size: number): boolean {
  const sig = signature(m, size);
  for (let c = 0; c < f.n; c++) if (f.alive[c] && (f.sig[c] & ~sig) === 0 && isSubset(f.leaves, 3 * c, f.size[c], m, 0, size)) return true;
  return false;
}

/** Whether sorted list a (at offset oa, length na) is a subset of sorted list b. */
function isSubset(a: Int32Array, oa: number, na: number, b: Int32Array, ob: number, nb: number): boolean {
  if (na > nb) return false;
  let j = 0;
  for (let i = 0; i < na; i++) {
    while (j < nb && b[ob + j] < a[oa + i]) j++;
    if (j >= nb || b[ob + j] !== a[oa + i]) return false;
  }
  return true;
}

function addFound(f: Found, m: Int32Array, size: number, tt: number): void {
  const sig = signature(m, size);
  for (let c = 0; c < f.n; c++) if (f.alive[c] && (sig & ~f.sig[c]) === 0 && isSubset(m, 0, size, f.leaves, 3 * c, f.size[c])) f.alive[c] = 0;
  if (f.n === f.size.length) return; // scratch full: drop the cut (never the structural one, found first)
  const c = f.n++;
  for (let k = 0; k < 3; k++) f.leaves[3 * c + k] = k < size ? m[k] : -1;
  f.size[c] = size;
  f.tt[c] = tt;
  f.alive[c] = 1;
  f.sig[c] = sig;
}

const STRUCTURAL = new Int32Array(2);

/** Keep the smallest live cuts (up to maxCuts), and the structural cut (or what dominates it). */
function store(set: CutSet, v: number, f: Found, a: number, b: number): void {
  const max = set.maxCuts;
  const structural = STRUCTURAL;
  structural[0] = Math.min(a, b);
  structural[1] = Math.max(a, b);
  let kept = 0;
  let haveStructural = false;
  const put = (c: number) => {
    const s = v * max + kept++;
    for (let k = 0; k < 3; k++) set.leaves[3 * s + k] = f.leaves[3 * c + k];
    set.size[s] = f.size[c];
    set.tt[s] = f.tt[c];
    if (isSubset(f.leaves, 3 * c, f.size[c], structural, 0, 2)) haveStructural = true;
  };
  for (let size = 1; size <= 3; size++) {
    for (let c = 0; c < f.n && kept < max; c++) if (f.alive[c] && f.size[c] === size) put(c);
  }
  if (!haveStructural) {
    // The limit cut it off: replace the last kept cut by it.
    for (let c = 0; c < f.n; c++) {
      if (f.alive[c] && isSubset(f.leaves, 3 * c, f.size[c], structural, 0, 2)) {
        kept = Math.min(kept, max - 1);
        put(c);
        break;
      }
    }
  }
  set.count[v] = kept;
}
