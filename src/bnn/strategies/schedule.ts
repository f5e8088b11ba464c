/**
 * Layer assignment for the AND nodes of an AIG when it becomes a BNN.
 *
 * ASAP (a node one layer below its deeper fanin) gives the least depth. In a
 * strictly layered BNN every layer a signal skips costs a pass-through neuron,
 * so {@link scheduleLayers} can then move nodes later (never changing the
 * depth) where that shortens more chains than it lengthens.
 *
 * How good: on the 4-bit MLPs the pass-through count of ASAP (+ this pass)
 * was measured within 11% of the LP optimum of the min-chain retiming problem
 * (HiGHS on mlp4: 1055 vs 949; 8-8-4: 2442 vs 2211); the pass gains 7% on
 * the example CNN. The remaining chains come from the circuit itself
 * (signals produced early and read late, e.g. low sum bits of adders).
 *
 * Invariant of the result: for every live AND node v,
 * layer[v] > layer[fanin] for both fanins, inputs are layer 0, and no live
 * node exceeds `depth`.
 * @module
 */
import type { Aig } from '../../aig/aig.js';

/** Options of {@link scheduleLayers}. */
export interface ScheduleParams {
  /** Keep ASAP layers (no retiming). */
  readonly asap: boolean;
  /** Smallest depth to report (layered BNNs with outputs need at least 1). */
  readonly minDepth: number;
}

/** Layers of the live nodes and the depth (last layer). */
export interface Schedule {
  readonly layer: Uint32Array;
  readonly depth: number;
}

/**
 * Assign layers to the live AND nodes of `g` (`live[v] = 1`).
 *
 * Retiming is one greedy pass in reverse topological order: node v may sit
 * anywhere in [1 + max fanin layer, min consumer layer - 1] (outputs: up to
 * the depth). Later saves one copy of v per layer; it costs one copy of a
 * fanin per layer once v becomes that fanin's latest reader. With two fanins
 * the best place is just after the earlier of the two fanins' latest other
 * readers (clamped to the range).
 */
export function scheduleLayers(g: Aig, live: Uint8Array, params: ScheduleParams): Schedule {
  const n = g.numVars;
  const layer = new Uint32Array(n);
  for (let v = 1; v < n; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const a = layer[g.fanin0[v] >>> 1];
    const b = layer[g.fanin1[v] >>> 1];
    layer[v] = (a > b ? a : b) + 1;
  }
  let depth = params.minDepth;
  for (const o of g.outputs) depth = Math.max(depth, layer[o >>> 1]);
  if (!params.asap) retime(g, live, layer, depth);
  return { layer, depth };
}

function retime(g: Aig, live: Uint8Array, layer: Uint32Array, depth: number): void {
  const n = g.numVars;
  // minCons[u]: earliest layer reading u among readers already placed for good. Readers have
  // larger variable numbers, so when u's turn comes (reverse order) it is exact. Outputs read
  // at depth + 1 (an output node may sit in the last layer itself).
  const minCons = new Uint32Array(n).fill(0xffffffff);
  // maxCons[u]: latest layer reading u (placed readers final, the others still ASAP); an
  // output needs u carried to the last layer, like a reader at depth.
  const maxCons = new Uint32Array(n);
  for (const o of g.outputs) {
    const v = o >>> 1;
    minCons[v] = depth + 1;
    maxCons[v] = depth;
  }
  for (let v = 1; v < n; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    for (const u of [g.fanin0[v] >>> 1, g.fanin1[v] >>> 1]) if (layer[v] > maxCons[u]) maxCons[u] = layer[v];
  }
  for (let v = n - 1; v > 0; v--) {
    if (!live[v] || !g.isAnd(v)) continue;
    const ua = g.fanin0[v] >>> 1;
    const ub = g.fanin1[v] >>> 1;
    const lo = layer[v]; // ASAP: the fanins have not moved yet
    const hi = Math.min(minCons[v] - 1, depth);
    // t_u: the layer up to which fanin u is carried anyway, without v.
    const ta = Math.max(maxCons[ua] - 1, layer[ua]);
    const tb = Math.max(maxCons[ub] - 1, layer[ub]);
    const x = Math.max(lo, Math.min(hi, Math.min(ta, tb) + 1));
    layer[v] = x;
    for (const u of [ua, ub]) {
      if (x > maxCons[u]) maxCons[u] = x;
      if (x < minCons[u]) minCons[u] = x;
    }
  }
}
