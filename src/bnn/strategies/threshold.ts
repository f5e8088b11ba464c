/**
 * AIG -> BNN, strategy `threshold`: map the AIG onto threshold neurons that
 * cover up to three inputs each, instead of one neuron per AND node.
 *
 * A binarized neuron over k distinct literals with bias b fires iff at least
 * t = ceil((k - b) / 2) of them are true; with b = k - 2t + 1 its bias parity
 * differs from k, so the sum is never 0. Every function of at most 3 inputs
 * of that form (AND3, OR3, MAJ3, AND2 of literals, ...) found as a cut of the
 * AIG becomes one neuron. One more pattern, the full adder's sum: for
 * literals l1, l2, l3 with m = MAJ(l1, l2, l3) we have l1 + l2 + l3 = 2m + s
 * where s = l1 XOR l2 XOR l3, and in +-1 terms
 * L1 + L2 + L3 - M - M' = 2s - 1 (M' a second copy of the MAJ neuron), so
 * s = sign(L1 + L2 + L3 - M - M') with bias 0 and fan-in 5. A full adder,
 * 7 AND nodes in the AIG, becomes 3 neurons (carry, its copy, sum).
 *
 * Choice of cuts: area flow (each node takes the cut minimising its cost plus
 * its leaves' costs shared by their fanout), then the cover from the outputs
 * and the tensor-hint bits (which must stay signals). The netlist then goes
 * through the same emitter as `gates` (polarities, layers, outputs, hints).
 * @module
 */
import type { Aig, Lit } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';
import type { Bnn } from '../types.js';
import { type CutSet, LEAF_TT, enumerateCuts } from './cuts.js';
import { type EmitParams, type EmitStats, emitNetlist } from './emit.js';
import type { PortedAig } from './gates.js';
import { NetlistBuilder, type NeuronNetlist, outputCone } from './netlist.js';

/** How a cut function is realised. */
type Match =
  /** At least t of the literals leaf[pos[i]] ^ negs[i]. */
  | { readonly kind: 'thr'; readonly pos: readonly number[]; readonly negs: readonly number[]; readonly t: number }
  /** Parity of all three leaves (XOR3 or XNOR3). */
  | { readonly kind: 'xor3' };

/** Whether truth table tt (3 variables) depends on variable i. */
function dependsOn(tt: number, i: number): boolean {
  for (let m = 0; m < 8; m++) if (!((m >> i) & 1) && ((tt >> m) & 1) !== ((tt >> (m | (1 << i))) & 1)) return true;
  return false;
}

/** Truth table of "at least t of the literals". */
function atLeastTt(pos: readonly number[], negs: readonly number[], t: number): number {
  let tt = 0;
  for (let m = 0; m < 8; m++) {
    let c = 0;
    pos.forEach((p, i) => (c += ((m >> p) & 1) ^ negs[i]));
    if (c >= t) tt |= 1 << m;
  }
  return tt;
}

/** The match of every 3-variable function, or undefined. */
const MATCHES: readonly (Match | undefined)[] = Array.from({ length: 256 }, (_, tt) => {
  const pos = [0, 1, 2].filter((i) => dependsOn(tt, i));
  const k = pos.length;
  for (let mask = 0; mask < 1 << k; mask++) {
    const negs = pos.map((_, i) => (mask >> i) & 1);
    for (let t = 0; t <= k + 1; t++) if (atLeastTt(pos, negs, t) === tt) return { kind: 'thr', pos, negs, t } as Match;
  }
  return tt === 0x96 || tt === 0x69 ? ({ kind: 'xor3' } as Match) : undefined;
});

/** Leaf positions a match reads (its support; all three for a sum), by truth table. */
const USED: readonly (readonly number[] | undefined)[] = MATCHES.map((m) => (m === undefined ? undefined : m.kind === 'thr' ? m.pos : [0, 1, 2]));

/** Parameters of {@link aigToBnnThreshold}: those of the emitter. */
export type ThresholdParams = EmitParams;

/** What {@link aigToBnnThreshold} built. */
export interface ThresholdStats extends EmitStats {
  /** AND nodes in the outputs' cone. */
  readonly andNodes: number;
  /** Threshold neurons of the cover (one per chosen cut, full-adder sums excluded). */
  readonly thresholdNeurons: number;
  /** Full-adder sum neurons (fan-in 5). */
  readonly sumNeurons: number;
  /** Extra MAJ neurons feeding sums (a copy of a carry, or both MAJ neurons when there is no carry to share). */
  readonly majCopies: number;
}

/**
 * Translate an AIG into an equivalent BNN of threshold neurons over up to
 * three inputs (plus fan-in-5 full-adder sums).
 * @example
 * ```ts
 * import { Aig, aigToBnnThreshold, evaluateBnnOutputs } from 'bnn-universal';
 * const g = new Aig();
 * const [a, b, c] = [g.addInput(), g.addInput(), g.addInput()];
 * g.addOutput(g.xor(g.xor(a, b), c)); // full adder: sum
 * g.addOutput(g.maj(a, b, c)); // and carry
 * const { bnn } = aigToBnnThreshold({ aig: g, inputs: [{ name: 'x', width: 3 }], outputs: [{ name: 'y', width: 2 }] });
 * console.log(g.numAnds, bnn.numNeurons, Array.from(evaluateBnnOutputs(bnn, [1, 1, 0]))); // 8 3 [ 0, 1 ]
 * ```
 */
export function aigToBnnThreshold(circuit: PortedAig, params: ThresholdParams = {}): { bnn: Bnn; stats: ThresholdStats } {
  const hintLits = [...(params.hints?.values() ?? [])].flat();
  const { netlist, counts } = thresholdNetlist(circuit.aig, hintLits);
  const { bnn, stats } = emitNetlist(netlist, circuit, params);
  return { bnn, stats: { ...stats, ...counts } };
}

/** The chosen cut of every node: a slot of the {@link CutSet}, -1 for none. */
type Choice = Int32Array;

/** The leaves a node's chosen cut reads (its match's support). */
function usedLeaves(cuts: CutSet, slot: number): number[] {
  return USED[cuts.tt[slot]]!.map((p) => cuts.leaves[3 * slot + p]);
}

/** The leaves of a cut slot, all of them. */
function cutLeaves(cuts: CutSet, slot: number): number[] {
  return Array.from(cuts.leaves.subarray(3 * slot, 3 * slot + cuts.size[slot]));
}

/**
 * The threshold netlist of an AIG's output cone. `keep` lists literals whose
 * nodes must stay signals (tensor hints).
 */
export function thresholdNetlist(g: Aig, keep: readonly Lit[] = []): { netlist: NeuronNetlist; counts: Omit<ThresholdStats, keyof EmitStats> } {
  const live = outputCone(g);
  const cuts = enumerateCuts(g, live);
  // Area flow needs each node's fanout in the final mapping, which the mapping decides.
  // Start from the AIG's fanouts and re-map with the fanouts of the previous cover,
  // keeping the cover with the fewest neurons.
  let refs = aigRefs(g, live);
  let best = chooseCuts(g, live, cuts, refs);
  let required = cover(g, live, cuts, best, keep);
  let size = coverSize(g, cuts, best, required);
  for (let pass = 0; pass < MAPPING_PASSES; pass++) {
    refs = blendRefs(refs, coverRefs(g, cuts, best, required));
    const b2 = chooseCuts(g, live, cuts, refs);
    const r2 = cover(g, live, cuts, b2, keep);
    const s2 = coverSize(g, cuts, b2, r2);
    if (s2 >= size) break;
    [best, required, size] = [b2, r2, s2];
  }
  // Carries to share with sums: a required MAJ3 neuron over each leaf triple.
  const majOf = new Map<string, number>();
  for (let v = 1; v < g.numVars; v++) {
    if (!required[v]) continue;
    const m = MATCHES[cuts.tt[best[v]]]!;
    if (m.kind === 'thr' && m.pos.length === 3 && m.t === 2) majOf.set(cutLeaves(cuts, best[v]).join(','), v);
  }
  const b = new NetlistBuilder(g.numVars, g.inputs);
  const counts = { andNodes: 0, thresholdNeurons: 0, sumNeurons: 0, majCopies: 0 };
  for (let v = 1; v < g.numVars; v++) if (live[v] && g.isAnd(v)) counts.andNodes++;
  for (const v of mappedOrder(g, cuts, best, required, majOf)) {
    const slot = best[v];
    const m = MATCHES[cuts.tt[slot]]!;
    if (m.kind === 'thr') {
      b.add(v, usedLeaves(cuts, slot), [...m.negs], m.pos.length - 2 * m.t + 1);
      counts.thresholdNeurons++;
    } else {
      addSum(b, v, cutLeaves(cuts, slot), cuts.tt[slot], cuts, best, majOf, counts);
    }
  }
  return { netlist: b.finish(g.outputs), counts };
}

/** Area flow: for each live AND node, the matched cut of least cost (own neurons + leaves' costs shared by their fanout). */
function chooseCuts(g: Aig, live: Uint8Array, cuts: CutSet, refs: Float64Array): Choice {
  const flow = new Float64Array(g.numVars);
  const best = new Int32Array(g.numVars).fill(-1);
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    let bestFlow = Infinity;
    for (let c = 0; c < cuts.count[v]; c++) {
      const slot = v * cuts.maxCuts + c;
      const used = USED[cuts.tt[slot]];
      if (!used) continue;
      // A sum costs itself and a copy of its carry (the carry is usually needed anyway).
      let f = used.length === 3 && MATCHES[cuts.tt[slot]]!.kind === 'xor3' ? 2 : 1;
      for (const p of used) {
        const l = cuts.leaves[3 * slot + p];
        f += flow[l] / Math.max(1, refs[l]);
      }
      if (f < bestFlow) {
        bestFlow = f;
        best[v] = slot;
      }
    }
    if (best[v] < 0) throw new InternalError(`threshold: node ${v} has no matched cut`);
    flow[v] = bestFlow;
  }
  return best;
}

/** Re-mapping passes after the first (each keeps its result only if the cover shrinks). */
const MAPPING_PASSES = 6;

/** Fanout of every node in the AIG (outputs count as readers). */
function aigRefs(g: Aig, live: Uint8Array): Float64Array {
  const refs = new Float64Array(g.numVars);
  for (const o of g.outputs) refs[o >>> 1]++;
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    refs[g.fanin0[v] >>> 1]++;
    refs[g.fanin1[v] >>> 1]++;
  }
  return refs;
}

/** Fanout of every node in a cover (outputs count as readers). */
function coverRefs(g: Aig, cuts: CutSet, best: Choice, required: Uint8Array): Float64Array {
  const refs = new Float64Array(g.numVars);
  for (const o of g.outputs) refs[o >>> 1]++;
  for (let v = 1; v < g.numVars; v++) if (required[v]) for (const l of usedLeaves(cuts, best[v])) refs[l]++;
  return refs;
}

/** Mix old and new fanout estimates (as ABC's mappers do) so that re-mapping settles instead of oscillating. */
function blendRefs(old: Float64Array, fresh: Float64Array): Float64Array {
  return old.map((o, i) => (o + 2 * fresh[i]) / 3);
}

/** Neurons a cover needs: one per node, one more per sum (the carry copy). */
function coverSize(g: Aig, cuts: CutSet, best: Choice, required: Uint8Array): number {
  let n = 0;
  for (let v = 1; v < g.numVars; v++) if (required[v]) n += MATCHES[cuts.tt[best[v]]]!.kind === 'thr' ? 1 : 2;
  return n;
}

/** Nodes that get a neuron: the outputs' and kept literals' nodes, and recursively the leaves their cuts read. */
function cover(g: Aig, live: Uint8Array, cuts: CutSet, best: Choice, keep: readonly Lit[]): Uint8Array {
  const required = new Uint8Array(g.numVars);
  const mark = (v: number) => {
    if (v < g.numVars && live[v] && g.isAnd(v)) required[v] = 1;
  };
  for (const o of g.outputs) mark(o >>> 1);
  for (const l of keep) mark(l >>> 1);
  for (let v = g.numVars - 1; v > 0; v--) if (required[v]) for (const l of usedLeaves(cuts, best[v])) mark(l);
  return required;
}

/**
 * Required nodes in an order where every neuron comes after what it reads: its
 * leaves and, for a sum, the carry it shares (which may have a larger variable
 * number than the sum). Iterative depth-first post-order.
 */
function mappedOrder(g: Aig, cuts: CutSet, best: Choice, required: Uint8Array, majOf: ReadonlyMap<string, number>): number[] {
  const deps = (v: number): number[] => {
    const d = usedLeaves(cuts, best[v]).filter((l) => required[l]);
    if (MATCHES[cuts.tt[best[v]]]!.kind === 'xor3') {
      const m = majOf.get(cutLeaves(cuts, best[v]).join(','));
      if (m !== undefined) d.push(m);
    }
    return d;
  };
  const state = new Uint8Array(g.numVars); // 1 on the stack, 2 done
  const order: number[] = [];
  for (let root = 1; root < g.numVars; root++) {
    if (!required[root] || state[root]) continue;
    const stack: [number, number[]][] = [[root, deps(root)]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = top[1].pop();
      if (next === undefined) {
        stack.pop();
        state[top[0]] = 2;
        order.push(top[0]);
      } else if (state[next] === 0) {
        state[next] = 1;
        stack.push([next, deps(next)]);
      } else if (state[next] === 1) {
        throw new InternalError(`threshold: cycle through node ${next}`);
      }
    }
  }
  return order;
}

/** The full-adder sum of node v over its 3 leaves, reading two MAJ neurons (a shared carry and a copy, or two new ones). */
function addSum(
  b: NetlistBuilder,
  v: number,
  leaves: readonly number[],
  tt: number,
  cuts: CutSet,
  best: Choice,
  majOf: ReadonlyMap<string, number>,
  counts: { sumNeurons: number; majCopies: number },
): void {
  const carry = majOf.get(leaves.join(','));
  // The MAJ's literals: the carry's own polarities, or plain leaves for new MAJ neurons.
  const p = carry !== undefined ? (MATCHES[cuts.tt[best[carry]]] as { negs: readonly number[] }).negs : [0, 0, 0];
  const m1 = carry ?? b.freshNode();
  if (carry === undefined) {
    b.add(m1, leaves, [...p], 0);
    counts.majCopies++;
  }
  const m2 = b.freshNode();
  b.add(m2, leaves, [...p], 0); // MAJ3: k = 3, t = 2, bias 3 - 4 + 1 = 0
  counts.majCopies++;
  // s = l1 ^ l2 ^ l3 = sign(L1 + L2 + L3 - M - M'); the node is s or its complement.
  const s = (LEAF_TT[0] ^ (p[0] ? 0xff : 0)) ^ (LEAF_TT[1] ^ (p[1] ? 0xff : 0)) ^ (LEAF_TT[2] ^ (p[2] ? 0xff : 0));
  if (s !== tt && (s ^ 0xff) !== tt) throw new InternalError(`threshold: node ${v} is not the parity of its leaves`);
  const flip = s === tt ? 0 : 1;
  b.add(v, [...leaves, m1, m2], [p[0] ^ flip, p[1] ^ flip, p[2] ^ flip, 1 ^ flip, 1 ^ flip], 0);
  counts.sumNeurons++;
}
