/**
 * From a neuron netlist to a BNN: the part every AIG -> BNN strategy shares.
 *
 * - Polarity: a neuron may realise its node or the complement (all weights
 *   and the bias negated: exact, since bias parity != fan-in parity means the
 *   sum is never 0). Each node's polarity is chosen by a vote of the literals
 *   that must appear as signals (output bits, tensor-hint bits); sources
 *   never vote, since a -1 weight absorbs a complement for free.
 * - Literals still needing the other polarity get a neuron of their own: a
 *   twin (same sources, negated weights and bias, same layer, so the depth
 *   does not grow), an inverter for an input bit (k=1, weight -1, bias 0), a
 *   constant (k=0, bias +1 or -1).
 * - Layers: ASAP (the least depth). `layered`: strictly layered, every neuron
 *   reading only the previous layer (input bits are layer 0) and every output
 *   in the last layer; nodes are placed by {@link scheduleLayers} and signals
 *   carried by pass-through neurons (k=1, weight +1, bias 0: parity 0 != 1);
 *   the last hop to an output may use weight -1, so complemented outputs cost
 *   nothing extra there.
 * Every neuron obeys the parity rule (checked by {@link BnnBuilder}).
 * @module
 */
import type { Lit } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';
import { BnnBuilder } from '../builder.js';
import type { Bnn } from '../types.js';
import type { NeuronNetlist } from './netlist.js';
import { scheduleLayers } from './schedule.js';

/** Port names and widths of the BNN to build. */
export interface EmitPorts {
  readonly inputs: readonly { readonly name: string; readonly width: number }[];
  readonly outputs: readonly { readonly name: string; readonly width: number }[];
}

/** Parameters of {@link emitNetlist}. */
export interface EmitParams {
  /** Strictly layered result (default false). */
  readonly layered?: boolean;
  /** Name of the BNN (default `'bnn'`). */
  readonly name?: string;
  /**
   * Literals (netlist literals: AIG literals) of named tensors to record in
   * `bnn.tensors`. A tensor with a bit that has no node in the netlist is omitted.
   */
  readonly hints?: ReadonlyMap<string, readonly Lit[]>;
  /** Provenance copied into `bnn.meta`. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Layered only: move nodes later when that saves pass-through neurons (default true). */
  readonly retime?: boolean;
}

/** What {@link emitNetlist} added around the netlist's own neurons. */
export interface EmitStats {
  /** Neurons of the netlist (one each). */
  readonly netlistNeurons: number;
  readonly neurons: number;
  readonly synapses: number;
  /** Twin neurons giving the other polarity of a node. */
  readonly twins: number;
  /** Inverters of input bits. */
  readonly inverters: number;
  readonly constants: number;
  /** Pass-through neurons (layered only). */
  readonly passThrough: number;
  /** Neurons that exist only to give a tensor-hint bit a signal. */
  readonly hintNeurons: number;
  /** Hint tensors left out because a bit has no node. */
  readonly hintsOmitted: readonly string[];
}

/** Turn a neuron netlist into a BNN with the given ports. */
export function emitNetlist(nl: NeuronNetlist, ports: EmitPorts, params: EmitParams = {}): { bnn: Bnn; stats: EmitStats } {
  return new Emitter(nl, ports, params).run();
}

/** The state of one emission; `run` is the whole algorithm. */
class Emitter {
  private readonly layered: boolean;
  private readonly b: BnnBuilder;
  /** Netlist neuron index of each node; -1 for inputs, the constant and unused ids. */
  private readonly index: Int32Array;
  private layer: Uint32Array = new Uint32Array(0);
  /** Last layer (layered mode: where outputs live). */
  private depth = 0;
  /** 1 where the node's neuron computes the complement of the node. */
  private readonly pol: Uint8Array;
  /** Builder signal of each node's neuron (or input bit); -1 if none yet. */
  private readonly sig: Int32Array;
  /** Layered: pass-through copies of node v, copy i at layer layer[v] + 1 + i. */
  private readonly chains = new Map<number, number[]>();
  /** Cache of extra neurons by key (twins, inverters, constants, final copies). */
  private readonly extra = new Map<string, number>();
  private counts = { twins: 0, inverters: 0, constants: 0, passThrough: 0 };

  constructor(
    private readonly nl: NeuronNetlist,
    private readonly ports: EmitPorts,
    private readonly params: EmitParams,
  ) {
    this.layered = params.layered ?? false;
    const widthIn = ports.inputs.reduce((s, p) => s + p.width, 0);
    const widthOut = ports.outputs.reduce((s, p) => s + p.width, 0);
    if (widthIn !== nl.inputs.length || widthOut !== nl.outputs.length) {
      throw new InternalError(`emit: ports (${widthIn} in, ${widthOut} out) do not match the netlist (${nl.inputs.length} in, ${nl.outputs.length} out)`);
    }
    this.b = new BnnBuilder(
      ports.inputs.map((p) => ({ name: p.name, bits: p.width })),
      { strictLayers: this.layered },
      Math.max(16, nl.node.length + nl.inputs.length),
    );
    this.index = new Int32Array(nl.numNodes).fill(-1);
    nl.node.forEach((v, i) => (this.index[v] = i));
    this.pol = new Uint8Array(nl.numNodes);
    this.sig = new Int32Array(nl.numNodes).fill(-1);
    nl.inputs.forEach((v, i) => (this.sig[v] = i));
  }

  run(): { bnn: Bnn; stats: EmitStats } {
    const nl = this.nl;
    const s = scheduleLayers(nl, { asap: !this.layered || this.params.retime === false, minDepth: this.layered ? 1 : 0 });
    this.layer = s.layer;
    this.depth = s.depth;
    this.choosePolarities();
    for (let i = 0; i < nl.node.length; i++) this.sig[nl.node[i]] = this.neuron(i, this.pol[nl.node[i]]);
    const outputSignals = new Map<number, number>();
    const outBits = nl.outputs.map((l) => {
      const sg = this.outputSignal(l);
      outputSignals.set(l, sg);
      return sg;
    });
    const before = this.b.numNeurons;
    const { tensors, omitted } = this.hintSignals(outputSignals);
    const hintNeurons = this.b.numNeurons - before;
    let k = 0;
    const outputs = this.ports.outputs.map((p) => ({ name: p.name, bits: outBits.slice(k, (k += p.width)) }));
    const bnn = this.b.build({ name: this.params.name ?? 'bnn', outputs, tensors: this.params.hints ? tensors : undefined, meta: this.params.meta });
    const stats: EmitStats = {
      netlistNeurons: nl.node.length,
      neurons: bnn.numNeurons,
      synapses: bnn.fanStart[bnn.numNeurons],
      ...this.counts,
      hintNeurons,
      hintsOmitted: omitted,
    };
    return { bnn, stats };
  }

  /** Whether node v has a neuron in the netlist. */
  private isNeuron(v: number): boolean {
    return v < this.nl.numNodes && this.index[v] >= 0;
  }

  /** Whether node v can be given a signal: the constant, an input bit or a neuron. */
  private hasSignal(v: number): boolean {
    return v === 0 || this.isNeuron(v) || (v < this.nl.numNodes && this.sig[v] >= 0);
  }

  /**
   * Polarity vote over the literals that must be signals as they are. In
   * layered mode only outputs in the last layer vote: the last pass-through
   * hop negates for free.
   */
  private choosePolarities(): void {
    const vote = new Int32Array(this.nl.numNodes);
    const cast = (l: number) => {
      const v = l >>> 1;
      if (this.isNeuron(v)) vote[v] += l & 1 ? 1 : -1;
    };
    for (const l of this.nl.outputs) if (!this.layered || this.layer[l >>> 1] === this.depth) cast(l);
    for (const lits of this.params.hints?.values() ?? []) for (const l of lits) cast(l);
    for (let v = 1; v < this.nl.numNodes; v++) this.pol[v] = vote[v] > 0 ? 1 : 0;
  }

  /** A neuron for netlist neuron i, computing its node (p = 0) or the complement (p = 1). */
  private neuron(i: number, p: number): number {
    const nl = this.nl;
    const L = this.layer[nl.node[i]];
    const j0 = nl.fanStart[i];
    const k = nl.fanStart[i + 1] - j0;
    const bias = p ? -nl.bias[i] : nl.bias[i];
    if (k === 2) {
      // The common case (every gates neuron), without temporary arrays.
      const ua = nl.src[j0];
      const ub = nl.src[j0 + 1];
      return this.b.addNeuron2(L, this.signalAt(ua, L - 1), nl.neg[j0] ^ this.pol[ua] ^ p, this.signalAt(ub, L - 1), nl.neg[j0 + 1] ^ this.pol[ub] ^ p, bias);
    }
    const sources: number[] = [];
    const negs: number[] = [];
    for (let j = j0; j < j0 + k; j++) {
      const u = nl.src[j];
      sources.push(this.signalAt(u, L - 1));
      // The source signal carries u complemented where pol[u] = 1.
      negs.push(nl.neg[j] ^ this.pol[u] ^ p);
    }
    return this.b.addNeuron(L, sources, negs, bias);
  }

  /**
   * The signal carrying node u (in its neuron's polarity) for a reader in
   * layer `layer + 1`. Not layered: the neuron itself. Layered: the copy in
   * exactly `layer`, creating pass-through neurons as needed.
   */
  private signalAt(u: number, layer: number): number {
    const s = this.sig[u];
    if (s < 0) throw new InternalError(`emit: node ${u} has no neuron yet`);
    const home = this.layer[u];
    if (!this.layered || layer === home) return s;
    if (layer < home) throw new InternalError(`emit: node ${u} of layer ${home} read from layer ${layer + 1}`);
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
    if (!this.layered || (this.isNeuron(u) && this.layer[u] === this.depth)) return this.literalSignal(l);
    // Layered, u below the last layer: a final hop into the last layer, negating if needed.
    const c = (l & 1) ^ this.pol[u];
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
    if (!this.isNeuron(u)) {
      return this.cached(`inv:${u}`, () => {
        this.counts.inverters++;
        return this.b.addNeuron1(1, this.sig[u], true, 0);
      });
    }
    return this.cached(`twin:${u}`, () => {
      this.counts.twins++;
      return this.neuron(this.index[u], this.pol[u] ^ 1);
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

  /** Signals of the hint tensors; a tensor with a bit that has no node is omitted. */
  private hintSignals(outputSignals: ReadonlyMap<number, number>): { tensors: Record<string, number[]>; omitted: string[] } {
    const tensors: Record<string, number[]> = Object.create(null);
    const omitted: string[] = [];
    for (const [name, lits] of this.params.hints ?? []) {
      if (!lits.every((l) => this.hasSignal(l >>> 1))) {
        omitted.push(name);
        continue;
      }
      tensors[name] = lits.map((l) => outputSignals.get(l) ?? this.literalSignal(l));
    }
    return { tensors, omitted };
  }
}
