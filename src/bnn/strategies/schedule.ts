/**
 * Layer assignment for the neurons of a netlist ({@link NeuronNetlist}).
 *
 * ASAP (a neuron one layer below its deepest source) gives the least depth. In a
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
 * Invariant of the result: every neuron's layer exceeds its sources' layers,
 * inputs are layer 0, and no neuron exceeds `depth`.
 * @module
 */
import type { NeuronNetlist } from './netlist.js';

/** Options of {@link scheduleLayers}. */
export interface ScheduleParams {
  /** Keep ASAP layers (no retiming). */
  readonly asap: boolean;
  /** Smallest depth to report (layered BNNs with outputs need at least 1). */
  readonly minDepth: number;
}

/** Layers of the netlist's nodes (by node id; inputs 0) and the depth (last layer). */
export interface Schedule {
  readonly layer: Uint32Array;
  readonly depth: number;
}

/**
 * Assign layers to the neurons of a netlist.
 *
 * Retiming is one greedy pass in reverse topological order: node v may sit
 * anywhere in [1 + max source layer, min reader layer - 1] (outputs: up to
 * the depth). Later saves one copy of v per layer; it costs one copy of a
 * source per layer once v becomes that source's latest reader. So the best
 * place is just after the earliest of the sources' latest other readers
 * (clamped to the range): from there on each step costs at least as much as
 * it saves.
 */
export function scheduleLayers(nl: NeuronNetlist, params: ScheduleParams): Schedule {
  const layer = new Uint32Array(nl.numNodes);
  const N = nl.node.length;
  for (let i = 0; i < N; i++) {
    let L = 0;
    for (let j = nl.fanStart[i]; j < nl.fanStart[i + 1]; j++) L = Math.max(L, layer[nl.src[j]]);
    layer[nl.node[i]] = L + 1;
  }
  // The last layer: below every neuron, not only the outputs' (a strategy may keep a neuron
  // that no output reads, e.g. for a tensor hint, and it must fit in the layers too).
  let depth = params.minDepth;
  for (let i = 0; i < N; i++) depth = Math.max(depth, layer[nl.node[i]]);
  if (!params.asap) retime(nl, layer, depth);
  return { layer, depth };
}

function retime(nl: NeuronNetlist, layer: Uint32Array, depth: number): void {
  const n = nl.numNodes;
  const N = nl.node.length;
  // minCons[u]: earliest layer reading u among readers already placed for good. Readers come
  // later in topological order, so when u's turn comes (reverse order) it is exact. Outputs
  // read at depth + 1 (an output node may sit in the last layer itself).
  const minCons = new Uint32Array(n).fill(0xffffffff);
  // maxCons[u]: latest layer reading u (placed readers final, the others still ASAP); an
  // output needs u carried to the last layer, like a reader at depth.
  const maxCons = new Uint32Array(n);
  for (const o of nl.outputs) {
    const v = o >>> 1;
    minCons[v] = depth + 1;
    maxCons[v] = depth;
  }
  for (let i = 0; i < N; i++) {
    const L = layer[nl.node[i]];
    for (let j = nl.fanStart[i]; j < nl.fanStart[i + 1]; j++) if (L > maxCons[nl.src[j]]) maxCons[nl.src[j]] = L;
  }
  for (let i = N - 1; i >= 0; i--) {
    const v = nl.node[i];
    const j0 = nl.fanStart[i];
    const j1 = nl.fanStart[i + 1];
    const lo = layer[v]; // ASAP: the sources have not moved yet
    const hi = Math.min(minCons[v] - 1, depth);
    // t: the layer up to which a source is carried anyway, without v; take the earliest.
    let t = 0xffffffff;
    for (let j = j0; j < j1; j++) {
      const u = nl.src[j];
      t = Math.min(t, Math.max(maxCons[u] - 1, layer[u]));
    }
    const x = j1 === j0 ? hi : Math.max(lo, Math.min(hi, t + 1));
    layer[v] = x;
    for (let j = j0; j < j1; j++) {
      const u = nl.src[j];
      if (x > maxCons[u]) maxCons[u] = x;
      if (x < minCons[u]) minCons[u] = x;
    }
  }
}
