/**
 * A model is anything the checker compares: a fixed-point network, a BNN or a
 * combinational circuit (AIG read from AIGER, BLIF or Verilog). Each has named
 * input and output ports of fixed widths (the port convention of
 * shared/spec/fixed-point-network.md), and a reference evaluator used to
 * replay counterexamples.
 * @module
 */
import type { Aig } from '../aig/aig.js';
import { evaluateAig } from '../aig/simulate.js';
import { evaluateBnnOutputs } from '../bnn/evaluate.js';
import type { Bnn } from '../bnn/types.js';
import { InternalError } from '../errors.js';
import { bitsToTensor, tensorToBits } from '../fixed/bits.js';
import type { FixedType } from '../fixed/types.js';
import { interpretNetwork } from '../network/interpret.js';
import { type Network, numel } from '../network/types.js';
import type { PortBits } from './types.js';

/** A port: name, width in bits and, for network tensors, shape and type. */
export interface PortSpec {
  readonly name: string;
  readonly width: number;
  readonly type?: FixedType;
  readonly shape?: readonly number[];
}

/** A circuit with its ports: AIG inputs and outputs grouped in port order. */
export interface Circuit {
  readonly aig: Aig;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
}

/** Any model the checker accepts. `file` names it in messages. */
export type Model =
  | { readonly kind: 'network'; readonly file: string; readonly network: Network }
  | { readonly kind: 'bnn'; readonly file: string; readonly bnn: Bnn }
  | { readonly kind: 'circuit'; readonly file: string; readonly circuit: Circuit; readonly format: string };

/** Input ports of a model, in port order. */
export function modelInputs(m: Model): readonly PortSpec[] {
  switch (m.kind) {
    case 'network':
      return m.network.inputs.map((t) => ({ name: t.name, width: numel(t.shape) * t.type.bits, type: t.type, shape: t.shape }));
    case 'bnn':
      return m.bnn.inputs.map((p) => ({ name: p.name, width: p.bits }));
    case 'circuit':
      return m.circuit.inputs;
  }
}

/** Output ports of a model, in port order. */
export function modelOutputs(m: Model): readonly PortSpec[] {
  switch (m.kind) {
    case 'network':
      return m.network.outputs.map((name) => {
        const t = m.network.tensors.get(name)!;
        return { name, width: numel(t.shape) * t.type.bits, type: t.type, shape: t.shape };
      });
    case 'bnn':
      return m.bnn.outputs.map((p) => ({ name: p.name, width: p.bits.length }));
    case 'circuit':
      return m.circuit.outputs;
  }
}

/** Total number of input bits. */
export function inputWidth(m: Model): number {
  return modelInputs(m).reduce((s, p) => s + p.width, 0);
}

/**
 * Evaluate a model on input port bits with its reference evaluator (network
 * interpreter, BNN evaluator, AIG simulation). This is what replays
 * counterexamples, so it uses the simplest evaluator of each kind.
 */
export function evaluateModel(m: Model, inputs: PortBits): PortBits {
  const ins = modelInputs(m);
  for (const p of ins) {
    const b = inputs.get(p.name);
    if (!b || b.length !== p.width) throw new InternalError(`evaluateModel: input ${p.name} needs ${p.width} bits`);
  }
  const out: PortBits = new Map();
  switch (m.kind) {
    case 'network': {
      const values = new Map<string, bigint[]>();
      for (const p of ins) values.set(p.name, bitsToTensor(inputs.get(p.name)!, p.type!));
      const res = interpretNetwork(m.network, values);
      for (const p of modelOutputs(m)) out.set(p.name, tensorToBits(res.get(p.name)!, p.type!));
      return out;
    }
    case 'bnn': {
      const flat = concatPorts(ins, inputs);
      const bits = evaluateBnnOutputs(m.bnn, flat);
      return splitPorts(modelOutputs(m), bits);
    }
    case 'circuit': {
      const flat = concatPorts(ins, inputs);
      return splitPorts(m.circuit.outputs, evaluateAig(m.circuit.aig, flat));
    }
  }
}

/** Concatenate port bits in port order. */
export function concatPorts(ports: readonly PortSpec[], values: PortBits): Uint8Array {
  const total = ports.reduce((s, p) => s + p.width, 0);
  const flat = new Uint8Array(total);
  let off = 0;
  for (const p of ports) {
    flat.set(values.get(p.name)!, off);
    off += p.width;
  }
  return flat;
}

/** Split a flat bit vector into ports, in port order. */
export function splitPorts(ports: readonly PortSpec[], flat: Uint8Array): PortBits {
  const out: PortBits = new Map();
  let off = 0;
  for (const p of ports) {
    out.set(p.name, flat.slice(off, off + p.width));
    off += p.width;
  }
  return out;
}
