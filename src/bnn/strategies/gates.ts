/**
 * AIG -> BNN, strategy `gates`: the seed paper's construction, one neuron per
 * AND node.
 *
 * In +-1 terms AND(a, b) = sign(a + b - 1): fan-in 2, bias -1. A complemented
 * fanin is a -1 weight. A neuron may also realise the complement of its node
 * (all weights and the bias negated: sign(-a - b + 1) = NAND), which is exact
 * because the bias parity (odd) differs from the fan-in parity (even), so the
 * sum is never 0. Each node's polarity is chosen by a vote of the literals
 * that must appear as signals (output bits, tensor-hint bits), so they rarely
 * need a neuron of their own. Those that still do get one:
 * - the other polarity of an AND node: a twin neuron with the same inputs and
 *   negated weights and bias (same layer, so the depth does not grow);
 * - a complemented input bit: an inverter (k=1, weight -1, bias 0);
 * - a constant: k=0, bias +1 (true) or -1 (false).
 * Every neuron obeys the parity rule (checked by {@link BnnBuilder}).
 *
 * `layered`: a strictly layered BNN, every neuron reading only the previous
 * layer (input bits are layer 0) and every output bit in the last layer.
 * Nodes are placed by {@link scheduleLayers}; a signal needed further down is
 * carried by pass-through neurons (k=1, weight +1, bias 0: parity 0 != 1);
 * the last hop to an output may use weight -1, so complemented outputs cost
 * nothing extra there.
 * @module
 */
import { type Aig, type Lit } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';
import { BnnBuilder } from '../builder.js';
import type { Bnn } from '../types.js';
import { scheduleLayers } from './schedule.js';

/** An AIG whose inputs and outputs are grouped into named ports (a `Circuit` is one). */
export interface PortedAig {
  readonly aig: Aig;
  readonly inputs: readonly { readonly name: string; readonly width: number }[];
  readonly outputs: readonly { readonly name: string; readonly width: number }[];
}

/** Parameters of {@link aigToBnnGates}. */
export interface GatesParams {
  /** Strictly layered result (default false). */
  readonly layered?: boolean;
  /** Name of the BNN (default `'bnn'`). */
  readonly name?: string;
  /**
   * Literals of named tensors (e.g. a bit-blaster's map) to record in
   * `bnn.tensors`. A tensor with a bit outside the outputs' cone is omitted.
   */
  readonly hints?: ReadonlyMap<string, readonly Lit[]>;
  /** Provenance copied into `bnn.meta`. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Layered only: move nodes later when that saves pass-through neurons (default true). */
  readonly retime?: boolean;
}

/** What {@link aigToBnnGates} built. */
export interface GatesStats {
  /** AND nodes in the outputs' cone (each became one neuron). */
  readonly andNodes: number;
  readonly neurons: number;
  readonly synapses: number;
  /** Twin neurons giving the other polarity of an AND node. */
  readonly twins: number;
  /** Inverters of input bits. */
  readonly inverters: number;
  readonly constants: number;
  /** Pass-through neurons (layered only). */
  readonly passThrough: number;
  /** Neurons that exist only to give a tensor-hint bit a signal. */
  readonly hintNeurons: number;
  /** Hint tensors left out because a bit is outside the outputs' cone. */
  readonly hintsOmitted: readonly string[];
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
  const t = new GatesTranslation(circuit, params);
  return t.run();
}

/** The state of one translation; `run` is the whole algorithm. */
class GatesTranslation {
  private readonly aig: Aig;
  private readonly layered: boolean;
  private readonly b: BnnBuilder;
  private readonly live: Uint8Array;
  /** Layer of each variable's gate neuron (inputs 0). */
  private layer: Uint32Array = new Uint32Array(0);
  /** Last layer (layered mode: where outputs live). */
  private depth = 0;
  /** 1 where the node's neuron computes the complement of the node. */
  private readonly pol: Uint8Array;
  /** Builder signal of each variable's neuron (or input bit); -1 if none. */
  private readonly sig: Int32Array;
  /** Layered: pass-through copies of variable v, copy i at layer layer[v] + 1 + i. */
  private readonly chains = new Map<number, number[]>();
  /** Cache of extra neurons by key (twins, inverters, constants, final copies). */
  private readonly extra = new Map<string, number>();
  private counts = { twins: 0, inverters: 0, constants: 0, passThrough: 0 };

  constructor(
    private readonly circuit: PortedAig,
    private readonly params: GatesParams,
  ) {
    this.aig = circuit.aig;
    this.layered = params.layered ?? false;
    const widthIn = circuit.inputs.reduce((s, p) => s + p.width, 0);
    const widthOut = circuit.outputs.reduce((s, p) => s + p.width, 0);
    if (widthIn !== this.aig.inputs.length || widthOut !== this.aig.outputs.length) {
      throw new InternalError(`gates: ports (${widthIn} in, ${widthOut} out) do not match the AIG (${this.aig.inputs.length} in, ${this.aig.outputs.length} out)`);
    }
    this.b = new BnnBuilder(
      circuit.inputs.map((p) => ({ name: p.name, bits: p.width })),
      { strictLayers: this.layered },
      Math.max(16, this.aig.numVars),
    );
    this.live = outputCone(this.aig);
    this.pol = new Uint8Array(this.aig.numVars);
    this.sig = new Int32Array(this.aig.numVars).fill(-1);
    this.aig.inputs.forEach((v, i) => (this.sig[v] = i));
  }

  run(): GatesResult {
    const g = this.aig;
    const s = scheduleLayers(g, this.live, { asap: !this.layered || this.params.retime === false, minDepth: this.layered ? 1 : 0 });
    this.layer = s.layer;
    this.depth = s.depth;
    this.choosePolarities();
    let andNodes = 0;
    for (let v = 1; v < g.numVars; v++) {
      if (!this.live[v] || !g.isAnd(v)) continue;
      this.sig[v] = this.gateNeuron(v, this.pol[v]);
      andNodes++;
    }
    const outputSignals = new Map<Lit, number>();
    const outBits = g.outputs.map((l) => {
      const s = this.outputSignal(l);
      outputSignals.set(l, s);
      return s;
    });
    const before = this.b.numNeurons;
    const { tensors, omitted } = this.hintSignals(outputSignals);
    const hintNeurons = this.b.numNeurons - before;
    let k = 0;
    const outputs = this.circuit.outputs.map((p) => ({ name: p.name, bits: outBits.slice(k, (k += p.width)) }));
    const bnn = this.b.build({ name: this.params.name ?? 'bnn', outputs, tensors: this.params.hints ? tensors : undefined, meta: this.params.meta });
    const stats: GatesStats = {
      andNodes,
      neurons: bnn.numNeurons,
      synapses: bnn.fanStart[bnn.numNeurons],
      ...this.counts,
      hintNeurons,
      hintsOmitted: omitted,
    };
    return { bnn, stats };
  }

  /**
   * Polarity vote: each literal that must be a signal as it is votes for its
   * node's polarity. Fanins never vote: a -1 weight absorbs a complement for
   * free. In layered mode only outputs in the last layer vote, since the last
   * pass-through hop can negate for free.
   */
  private choosePolarities(): void {
    const g = this.aig;
    const vote = new Int32Array(g.numVars);
    const cast = (l: number) => {
      const v = l >>> 1;
      if (this.live[v] && g.isAnd(v)) vote[v] += l & 1 ? 1 : -1;
    };
    for (const l of g.outputs) if (!this.layered || this.layer[l >>> 1] === this.depth) cast(l);
    for (const lits of this.params.hints?.values() ?? []) for (const l of lits) cast(l);
    for (let v = 1; v < g.numVars; v++) this.pol[v] = vote[v] > 0 ? 1 : 0;
  }

  /** A neuron computing AND node v (p = 0) or its complement (p = 1). */
  private gateNeuron(v: number, p: number): number {
    const g = this.aig;
    const fa = g.fanin0[v];
    const fb = g.fanin1[v];
    const ua = fa >>> 1;
    const ub = fb >>> 1;
    if (ua === 0 || ub === 0 || ua === ub) throw new InternalError(`gates: AND node ${v} has fanins ${fa}, ${fb} (not folded)`);
    const L = this.layer[v];
    // Effective complement of each fanin relative to the signal that carries it.
    const ca = (fa & 1) ^ this.pol[ua];
    const cb = (fb & 1) ^ this.pol[ub];
    return this.b.addNeuron2(L, this.signalAt(ua, L - 1), ca ^ p, this.signalAt(ub, L - 1), cb ^ p, p ? 1 : -1);
  }

  /**
   * The signal carrying variable u (in its neuron's polarity) for a reader in
   * layer `layer + 1`. Not layered: the neuron itself. Layered: the copy in
   * exactly `layer`, creating pass-through neurons as needed.
   */
  private signalAt(u: number, layer: number): number {
    const s = this.sig[u];
    if (s < 0) throw new InternalError(`gates: variable ${u} has no neuron yet`);
    const home = this.layer[u];
    if (!this.layered || layer === home) return s;
    if (layer < home) throw new InternalError(`gates: variable ${u} of layer ${home} read from layer ${layer + 1}`);
    let chain = this.chains.get(u);
    if (!chain) this.chains.set(u, (chain = []));
    while (home + chain.length < layer) {
      const prev = chain.length ? chain[chain.length - 1] : s;
      chain.push(this.b.addNeuron1(home + chain.length + 1, prev, false, 0));
      this.counts.passThrough++;
    }
    return chain[layer - home - 1];
  }

  /** The signal of an output literal (layered: in the last layer). */
  private outputSignal(l: number): number {
    const u = l >>> 1;
    if (u === 0) return this.constant(l === 1, this.layered ? this.depth : 1);
    const c = (l & 1) ^ this.pol[u];
    if (!this.layered || (this.aig.isAnd(u) && this.layer[u] === this.depth)) return this.literalSignal(l);
    // Layered, u below the last layer: a final hop into the last layer, negating if needed.
    return this.cached(`out:${l}`, () => {
      this.counts.passThrough++;
      return this.b.addNeuron1(this.depth, this.signalAt(u, this.depth - 1), c, 0);
    });
  }

  /** A signal equal to literal l (no layer constraint beyond the builder's). */
  private literalSignal(l: number): number {
    const u = l >>> 1;
    if (u === 0) return this.constant(l === 1, 1);
    const c = (l & 1) ^ this.pol[u];
    if (c === 0) return this.sig[u];
    if (this.aig.isInput(u)) {
      return this.cached(`inv:${u}`, () => {
        this.counts.inverters++;
        return this.b.addNeuron1(1, this.sig[u], true, 0);
      });
    }
    return this.cached(`twin:${u}`, () => {
      this.counts.twins++;
      return this.gateNeuron(u, this.pol[u] ^ 1);
    });
  }

  private constant(value: boolean, layer: number): number {
    return this.cached(`const:${value}:${layer}`, () => {
      this.counts.constants++;
      return this.b.addConstant(layer, value);
    });
  }

  private cached(key: string, make: () => number): number {
    let s = this.extra.get(key);
    if (s === undefined) this.extra.set(key, (s = make()));
    return s;
  }

  /** Signals of the hint tensors; a tensor with a bit outside the cone is omitted. */
  private hintSignals(outputSignals: ReadonlyMap<Lit, number>): { tensors: Record<string, number[]>; omitted: string[] } {
    const tensors: Record<string, number[]> = Object.create(null);
    const omitted: string[] = [];
    for (const [name, lits] of this.params.hints ?? []) {
      const usable = lits.every((l) => {
        const v = l >>> 1;
        return v < this.aig.numVars && (v === 0 || this.aig.isInput(v) || this.live[v] === 1);
      });
      if (!usable) {
        omitted.push(name);
        continue;
      }
      tensors[name] = lits.map((l) => outputSignals.get(l) ?? this.literalSignal(l));
    }
    return { tensors, omitted };
  }
}

/** Variables in the transitive fanin of the outputs (1 = live). */
export function outputCone(g: Aig): Uint8Array {
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) {
      live[g.fanin0[v] >>> 1] = 1;
      live[g.fanin1[v] >>> 1] = 1;
    }
  }
  return live;
}
