/**
 * Lining up the ports of two models before they are compared (the circuit
 * side of port matching; see ports.ts for the convention and decisions).
 * @module
 */
import type { Model, PortSpec } from '../verify/model.js';
import { modelInputs, modelOutputs } from '../verify/model.js';
import { POSITIONAL, type SideLike, permuteAig, sideLike } from './ports.js';

/**
 * Line up the ports of a pair of models before they are compared: a circuit
 * side takes its names and order from the other model (see
 * {@link circuitWithPortsLike}). A network or BNN is never changed. When
 * both are circuits, the implementation follows the reference unless only
 * the reference is positional.
 */
export function alignModelPorts(ref: Model, impl: Model): { ref: Model; impl: Model } {
  const positional = (ports: readonly PortSpec[]) => ports.length === 1 && ports[0].name === POSITIONAL;
  const sides = [
    { kind: 'input', ref: modelInputs(ref), impl: modelInputs(impl) },
    { kind: 'output', ref: modelOutputs(ref), impl: modelOutputs(impl) },
  ] as const;
  const moves = sides.map((s) => {
    if (impl.kind === 'circuit' && (ref.kind !== 'circuit' || !positional(s.ref) || positional(s.impl))) {
      return { impl: sideLike(s.impl, s.ref, s.kind, impl.file, ref.file) };
    }
    if (ref.kind === 'circuit') return { ref: sideLike(s.ref, s.impl, s.kind, ref.file, impl.file) };
    return {};
  });
  const apply = (m: Model, [i, o]: (SideLike | undefined)[]): Model => {
    if (m.kind !== 'circuit' || (!i && !o)) return m;
    const c = m.circuit;
    const aig = i?.order || o?.order ? permuteAig(c.aig, i?.order, o?.order) : c.aig;
    return { ...m, circuit: { aig, inputs: i?.ports ?? c.inputs, outputs: o?.ports ?? c.outputs } };
  };
  return { ref: apply(ref, moves.map((x) => x.ref)), impl: apply(impl, moves.map((x) => x.impl)) };
}
