/**
 * fast-check arbitraries for binarized networks (`bnn/1` JSON objects) and
 * And-Inverter Graphs.
 *
 * Both are generated as flat records of small integers that are *mapped* into
 * a valid object (sources taken modulo the number of signals available, and
 * so on), so every generated value is valid by construction and fast-check's
 * shrinking of the integers and arrays yields smaller valid values.
 * @module
 */
import fc from 'fast-check';
import { Aig, type Lit } from '../aig/aig.js';
import type { BnnJson } from '../bnn/write.js';
import type { Circuit } from '../verify/model.js';

/** Size constraints of {@link bnnArb}. Every bound is inclusive. */
export interface BnnConstraints {
  /** Most input ports (default 2); at least one is generated. */
  readonly maxInputPorts?: number;
  /** Most input bits in total over all ports (default 6). */
  readonly maxInputBits?: number;
  /** Fewest and most layers (defaults 1 and 3). */
  readonly minLayers?: number;
  readonly maxLayers?: number;
  /** Most neurons per layer (default 4); each layer has at least one. */
  readonly maxNeuronsPerLayer?: number;
  /** Most inputs per neuron (default 4). */
  readonly maxFanIn?: number;
  /** Largest |bias| (default 4). */
  readonly maxBias?: number;
  /** Most output ports (default 2) and bits per output port (default 4). */
  readonly maxOutputPorts?: number;
  readonly maxOutputBits?: number;
  /**
   * Give every neuron a bias whose parity differs from its fan-in, so no sum
   * can be 0 (what the translator writes). Default false: any integer bias.
   */
  readonly paritySafe?: boolean;
}

/** The raw record a BNN is built from (shrinks as integers and arrays do). */
interface BnnSeed {
  inputs: number[];
  layers: { picks: number[]; negs: boolean[]; bias: number }[][];
  outputs: number[][];
}

function buildBnn(seed: BnnSeed, paritySafe: boolean, maxInputBits: number, maxBias: number): BnnJson {
  const inputs: { name: string; bits: number }[] = [];
  let numInputBits = 0;
  for (const w of seed.inputs) {
    const bits = Math.min(w, maxInputBits - numInputBits);
    if (bits <= 0) break;
    inputs.push({ name: `x${inputs.length}`, bits });
    numInputBits += bits;
  }
  let available = numInputBits; // neurons read only earlier layers' signals
  const layers = seed.layers.map((layer) => {
    const neurons = layer.map(({ picks, negs, bias }) => {
      const sources = [...new Set(picks.map((p) => p % available))];
      const weights = sources.map((_, i) => (negs[i] ? -1 : 1));
      let b = bias;
      if (paritySafe && (sources.length + b) % 2 === 0) b = b < maxBias ? b + 1 : b - 1;
      return { inputs: sources, weights, bias: b };
    });
    available += neurons.length;
    return { neurons };
  });
  const outputs = seed.outputs.map((bits, i) => ({ name: `y${i}`, bits: bits.map((p) => p % available) }));
  return { format: 'bnn/1', name: 'random-bnn', inputs, layers, outputs };
}

/**
 * Random valid `bnn/1` objects (plain JSON, ready for `JSON.stringify` or
 * `toModel`). Neurons read distinct signals of earlier layers; output bits may
 * be any signal, including input bits.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bnnArb } from 'bnn-universal/testing';
 * const [bnn] = fc.sample(bnnArb({ paritySafe: true }), { numRuns: 1, seed: 1 });
 * console.log(bnn.format); // bnn/1
 * ```
 */
export function bnnArb(constraints: BnnConstraints = {}): fc.Arbitrary<BnnJson> {
  const maxInputBits = constraints.maxInputBits ?? 6;
  const maxFanIn = constraints.maxFanIn ?? 4;
  const maxBias = constraints.maxBias ?? 4;
  const neuron = fc.record({
    picks: fc.array(fc.nat(), { maxLength: maxFanIn }),
    negs: fc.array(fc.boolean(), { minLength: maxFanIn, maxLength: maxFanIn }),
    bias: fc.integer({ min: -maxBias, max: maxBias }),
  });
  const seed = fc.record({
    inputs: fc.array(fc.integer({ min: 1, max: maxInputBits }), { minLength: 1, maxLength: constraints.maxInputPorts ?? 2 }),
    layers: fc.array(fc.array(neuron, { minLength: 1, maxLength: constraints.maxNeuronsPerLayer ?? 4 }), {
      minLength: constraints.minLayers ?? 1,
      maxLength: constraints.maxLayers ?? 3,
    }),
    outputs: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: constraints.maxOutputBits ?? 4 }), {
      minLength: 1,
      maxLength: constraints.maxOutputPorts ?? 2,
    }),
  });
  return seed.map((s) => buildBnn(s, constraints.paritySafe ?? false, maxInputBits, maxBias));
}

/** Size constraints of {@link aigArb} and {@link circuitArb}. */
export interface AigConstraints {
  /** Fewest and most primary inputs (defaults 1 and 6). */
  readonly minInputs?: number;
  readonly maxInputs?: number;
  /** Most AND gates requested (default 24; constant folding and hashing may build fewer). */
  readonly maxAnds?: number;
  /** Fewest and most outputs (defaults 1 and 4). */
  readonly minOutputs?: number;
  readonly maxOutputs?: number;
}

interface AigSeed {
  inputs: number;
  ands: [number, number][];
  outputs: number[];
}

/** Literal chosen by `p` among the `n` variables built so far (var 0 = constant false). */
const pickLit = (p: number, n: number): Lit => ((p % (2 * n)) as Lit);

function buildAig(seed: AigSeed): Aig {
  const g = new Aig(16);
  for (let i = 0; i < seed.inputs; i++) g.addInput(`x[${i}]`);
  for (const [a, b] of seed.ands) g.and(pickLit(a, g.numVars), pickLit(b, g.numVars));
  seed.outputs.forEach((p, i) => g.addOutput(pickLit(p, g.numVars), `y[${i}]`));
  return g;
}

function aigSeed(c: AigConstraints): fc.Arbitrary<AigSeed> {
  return fc.record({
    inputs: fc.integer({ min: c.minInputs ?? 1, max: c.maxInputs ?? 6 }),
    ands: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: c.maxAnds ?? 24 }),
    outputs: fc.array(fc.nat(), { minLength: c.minOutputs ?? 1, maxLength: c.maxOutputs ?? 4 }),
  });
}

/**
 * Random And-Inverter Graphs: inputs named `x[i]`, outputs `y[i]`; gates read
 * any earlier literal (constants included), outputs any literal.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { aigArb } from 'bnn-universal/testing';
 * const [g] = fc.sample(aigArb({ maxInputs: 3 }), { numRuns: 1, seed: 7 });
 * console.log(g.inputs.length <= 3); // true
 * ```
 */
export function aigArb(constraints: AigConstraints = {}): fc.Arbitrary<Aig> {
  return aigSeed(constraints).map(buildAig);
}

/**
 * Random circuits: an {@link aigArb} graph with one input port `x` (all
 * inputs) and one output port `y` (all outputs), usable as a checker model.
 */
export function circuitArb(constraints: AigConstraints = {}): fc.Arbitrary<Circuit> {
  return aigArb(constraints).map((aig) => ({
    aig,
    inputs: [{ name: 'x', width: aig.inputs.length }],
    outputs: [{ name: 'y', width: aig.outputs.length }],
  }));
}
