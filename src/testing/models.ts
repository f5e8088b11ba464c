/**
 * Turning what a user's test has at hand (a file path, a parsed JSON object,
 * an IR, a circuit) into a checker {@link Model}.
 * @module
 */
import { Aig } from '../aig/aig.js';
import type { Bnn } from '../bnn/types.js';
import { describeValue, InputError } from '../errors.js';
import { loadModel, modelFromJson } from '../io/load.js';
import type { Network } from '../network/types.js';
import type { Circuit, Model } from '../verify/model.js';

/**
 * Anything {@link expectEquivalent} and the matcher accept as a model:
 * - a {@link Model} (as returned by `loadModel`);
 * - a file path (any format `bnnu` reads: `.json`, `.aag`, `.aig`, `.blif`, `.v`);
 * - a parsed `fixed-point-network/1` or `bnn/1` JSON object (validated first);
 * - a validated {@link Network} or {@link Bnn} IR;
 * - a {@link Circuit} (an AIG with its ports).
 */
export type ModelLike = Model | string | Network | Bnn | Circuit | object;

/**
 * Resolve a {@link ModelLike} into a validated {@link Model}. `label` names the
 * model in error messages when it is not a file.
 *
 * @example
 * ```ts
 * import { toModel } from 'bnn-universal/testing';
 * const m = await toModel('examples/mlp4.json');
 * console.log(m.kind); // network
 * ```
 */
export async function toModel(x: ModelLike, label = '<model>'): Promise<Model> {
  if (typeof x === 'string') return loadModel(x);
  if (x === null || typeof x !== 'object') throw new InputError(label, 'model', 'a file path or a model object', describeValue(x));
  const o = x as Record<string, unknown>;
  if ((o.kind === 'network' || o.kind === 'bnn' || o.kind === 'circuit') && typeof o.file === 'string') return x as Model;
  if (o.aig instanceof Aig && Array.isArray(o.inputs) && Array.isArray(o.outputs)) {
    return { kind: 'circuit', file: label, format: 'aig', circuit: x as Circuit };
  }
  if (o.format === 'fixed-point-network/1' && o.tensors instanceof Map) return { kind: 'network', file: label, network: x as Network };
  if (o.format === 'bnn/1' && o.layerStart instanceof Uint32Array) return { kind: 'bnn', file: label, bnn: x as Bnn };
  // Round-trip through JSON text so that what is validated is exactly what a
  // file with this content would hold (no undefined fields, no prototypes).
  let text: string;
  try {
    text = JSON.stringify(x);
  } catch (e) {
    throw new InputError(label, 'model', 'a JSON-serialisable object', (e as Error).message.split('\n')[0]);
  }
  return modelFromJson(JSON.parse(text) as unknown, label);
}
