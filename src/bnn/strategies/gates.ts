/**
 * AIG -> BNN, strategy `gates`: the seed paper's construction, one neuron per
 * AND node.
 *
 * In +-1 terms AND(a, b) = sign(a + b - 1): fan-in 2, bias -1, and a
 * complemented fanin is a -1 weight. The neurons form a netlist with exactly
 * the AIG's structure (its output cone); {@link emitNetlist} then chooses each
 * neuron's polarity (NAND = sign(-a - b + 1) is as exact as AND), layers,
 * pass-through neurons (`layered`) and the signals of outputs and hints.
 * @module
 */
import type { Aig, Lit } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';
import type { Bnn } from '../types.js';
import { type EmitParams, type EmitStats, emitNetlist } from './emit.js';
import { NetlistBuilder, type NeuronNetlist, outputCone } from './netlist.js';

/** An AIG whose inputs and outputs are grouped into named ports (a `Circuit` is one). */
export interface PortedAig {
  readonly aig: Aig;
  readonly inputs: readonly { readonly name: string; readonly width: number }[];
  readonly outputs: readonly { readonly name: string; readonly width: number }[];
}

/** Parameters of {@link aigToBnnGates}. */
/** Options of {@link aigToBnnGates}: those of every netlist emission. */
export type GatesParams = EmitParams;

/** What {@link aigToBnnGates} built: the emission figures, the netlist's neurons counted as AND nodes. */
export interface GatesStats extends Omit<EmitStats, 'netlistNeurons'> {
  /** AND nodes in the outputs' cone (each became one neuron). */
  readonly andNodes: number;
}

/** Result of {@link aigToBnnGates}. */
export interface GatesResult {
  readonly bnn: Bnn;
  readonly stats: GatesStats;
}

/**
 * Translate an AIG into an equivalent BNN, one neuron per AND node.
 * @example
 * ```ts
 * import { Aig, aigToBnnGates, evaluateBnnOutputs } from 'bnn-universal';
 * const g = new Aig();
 * const a = g.addInput('a'), b = g.addInput('b');
 * g.addOutput(g.xor(a, b), 'y');
 * const { bnn, stats } = aigToBnnGates({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] });
 * console.log(stats.neurons, Array.from(evaluateBnnOutputs(bnn, [1, 0]))); // 3 [ 1 ]
 * ```
 */
export function aigToBnnGates(circuit: PortedAig, params: GatesParams = {}): GatesResult {
  const { bnn, stats } = emitNetlist(gatesNetlist(circuit.aig), circuit, params);
  const { netlistNeurons, ...rest } = stats;
  return { bnn, stats: { andNodes: netlistNeurons, ...rest } };
}

/** The netlist of the gates construction: one neuron (fan-in 2, bias -1) per AND node of the outputs' cone. */
export function gatesNetlist(g: Aig): NeuronNetlist {
  const live = outputCone(g);
  const b = new NetlistBuilder(g.numVars, g.inputs);
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    const fa = g.fanin0[v];
    const fb = g.fanin1[v];
    if (fa >>> 1 === 0 || fb >>> 1 === 0 || fa >>> 1 === fb >>> 1) throw new InternalError(`gates: AND node ${v} has fanins ${fa}, ${fb} (not folded)`);
    b.add2(v, fa >>> 1, fa & 1, fb >>> 1, fb & 1, -1);
  }
  return b.finish(g.outputs);
}
