/**
 * Any model (network, BNN, circuit) as Boolean terms over its input port
 * bits, and the miter of two models.
 * @module
 */
import { InternalError } from '../errors.js';
import { type Model, type PortSpec, modelInputs, modelOutputs } from '../verify/model.js';
import { encodeAig } from './encode-aig.js';
import { encodeBnnOutputs } from './encode-bnn.js';
import { encodeNetwork, networkOutputBits } from './encode-network.js';
import type { TermBuilder } from './terms.js';

/** Boolean terms per port, one per bit, least significant first. */
export type PortTerms<B> = Map<string, B[]>;

/** Concatenate port terms in port order. */
function flatten<B>(ports: readonly PortSpec[], bits: PortTerms<B>): B[] {
  return ports.flatMap((p) => {
    const b = bits.get(p.name);
    if (!b || b.length !== p.width) throw new InternalError(`port ${p.name} needs ${p.width} bit terms`);
    return b;
  });
}

/** Split a flat term list into ports. */
function split<B>(ports: readonly PortSpec[], flat: readonly B[]): PortTerms<B> {
  const out: PortTerms<B> = new Map();
  let off = 0;
  for (const p of ports) {
    out.set(p.name, flat.slice(off, off + p.width));
    off += p.width;
  }
  return out;
}

/** The output port bits of `m` as terms over the given input port bits. */
export function encodeModel<B, V>(T: TermBuilder<B, V>, m: Model, inputs: PortTerms<B>): PortTerms<B> {
  switch (m.kind) {
    case 'network':
      return networkOutputBits(T, m.network, encodeNetwork(T, m.network, inputs));
    case 'bnn':
      return encodeBnnOutputs(T, m.bnn, flatten(modelInputs(m), inputs));
    case 'circuit':
      return split(m.circuit.outputs, encodeAig(T, m.circuit.aig, flatten(m.circuit.inputs, inputs)));
  }
}

/** Free Boolean inputs for every input port bit of `m`, named `PORT[i]`. */
export function declareInputs<B, V>(T: TermBuilder<B, V>, ports: readonly PortSpec[]): PortTerms<B> {
  return new Map(ports.map((p) => [p.name, Array.from({ length: p.width }, (_, i) => T.input(`${p.name}[${i}]`))]));
}

/** A miter: shared inputs and a term true exactly where the models differ. */
export interface Miter<B> {
  readonly inputs: PortTerms<B>;
  /** True iff some output bit of the two models differs. */
  readonly differ: B;
  /** Number of output bits compared. */
  readonly outputBits: number;
}

/**
 * Build the miter of `ref` and `impl` (ports must already match, see
 * `matchPorts`): both read the same input bits; `differ` is the disjunction
 * over all output bits of ref XOR impl. Unsatisfiable iff equivalent.
 */
export function buildMiter<B, V>(T: TermBuilder<B, V>, ref: Model, impl: Model): Miter<B> {
  const inputs = declareInputs(T, modelInputs(ref));
  const a = encodeModel(T, ref, inputs);
  const b = encodeModel(T, impl, inputs);
  const diffs: B[] = [];
  for (const p of modelOutputs(ref)) {
    const x = a.get(p.name)!;
    const y = b.get(p.name);
    if (!y || y.length !== x.length) throw new InternalError(`miter: output ${p.name} has ${x.length} bits in ${ref.file} and ${y?.length ?? 0} in ${impl.file}`);
    for (let i = 0; i < x.length; i++) diffs.push(T.xor(x[i], y[i]));
  }
  return { inputs, differ: T.or(diffs), outputBits: diffs.length };
}
