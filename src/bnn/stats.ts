/**
 * Size and shape of a BNN.
 * @module
 */
import type { Bnn } from './types.js';

/** Size and shape figures of a BNN (see {@link bnnStats}). */
export interface BnnStats {
  /** Number of neurons. */
  readonly neurons: number;
  /** Number of synapses (connections, each weight +1 or -1). */
  readonly synapses: number;
  /** Number of layers in the file. */
  readonly layers: number;
  /** Longest path of neurons: 0 for none; a neuron reading only inputs (or nothing) is at depth 1. */
  readonly depth: number;
  /** Neurons in the largest layer. */
  readonly widestLayer: number;
  /** Largest fan-in of a neuron (0 when there are no neurons). */
  readonly maxFanIn: number;
}

/**
 * Neurons, synapses, layers, depth (longest neuron path), widest layer and
 * largest fan-in of a BNN.
 * @example
 * ```ts
 * import { bnnStats, readBnnJson } from 'bnn-universal';
 * const bnn = readBnnJson({ format: 'bnn/1', name: 'xor', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [1, -1], bias: -1 }, { inputs: [0, 1], weights: [-1, 1], bias: -1 }] },
 *            { neurons: [{ inputs: [2, 3], weights: [1, 1], bias: 1 }] }],
 *   outputs: [{ name: 'y', bits: [4] }] }, 'xor.json');
 * console.log(bnnStats(bnn)); // { neurons: 3, synapses: 6, layers: 2, depth: 2, widestLayer: 2, maxFanIn: 2 }
 * ```
 */
export function bnnStats(bnn: Bnn): BnnStats {
  const I = bnn.numInputBits;
  const depthOf = new Uint32Array(I + bnn.numNeurons);
  let depth = 0;
  let maxFanIn = 0;
  for (let n = 0; n < bnn.numNeurons; n++) {
    let d = 0;
    const j0 = bnn.fanStart[n];
    const j1 = bnn.fanStart[n + 1];
    for (let j = j0; j < j1; j++) d = Math.max(d, depthOf[bnn.src[j]]);
    depthOf[I + n] = d + 1;
    depth = Math.max(depth, d + 1);
    maxFanIn = Math.max(maxFanIn, j1 - j0);
  }
  let widestLayer = 0;
  for (let l = 0; l + 1 < bnn.layerStart.length; l++) widestLayer = Math.max(widestLayer, bnn.layerStart[l + 1] - bnn.layerStart[l]);
  return { neurons: bnn.numNeurons, synapses: bnn.fanStart[bnn.numNeurons], layers: bnn.layerStart.length - 1, depth, widestLayer, maxFanIn };
}
