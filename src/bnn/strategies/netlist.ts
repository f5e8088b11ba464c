/**
 * A neuron netlist: what an AIG -> BNN strategy decides (which neurons, over
 * which nodes), before the shared emitter ({@link emitNetlist}) chooses
 * polarities, layers, pass-through neurons and output signals.
 *
 * Node ids: 0 is constant false; AIG variables keep their numbers (so AIG
 * literals `2 * var + c` are netlist literals); a strategy may append extra
 * nodes after the AIG's variables (e.g. a second copy of a neuron).
 *
 * Each neuron node v computes, in its positive polarity, the threshold rule
 * `sum(w_i a_i) + bias >= 0` over its sources, w_i = -1 where `neg` is 1.
 * Invariants (checked by {@link checkNetlist}): sources are input or neuron
 * nodes appearing earlier (inputs anywhere), distinct within a neuron; bias
 * parity differs from fan-in parity, so the emitter may negate a neuron (all
 * weights and the bias) to get the exact complement.
 * @module
 */
import type { Aig } from '../../aig/aig.js';
import { InternalError } from '../../errors.js';

/** A DAG of threshold neurons over node ids. */
export interface NeuronNetlist {
  /** Node ids are 0 .. numNodes-1; 0 is constant false. */
  readonly numNodes: number;
  /** Input nodes in port order: input bit i is node inputs[i]. */
  readonly inputs: readonly number[];
  /** Output literals (`2 * node + complemented`), ports concatenated. */
  readonly outputs: readonly number[];
  /** Node of neuron i; neurons are in topological order. */
  readonly node: Uint32Array;
  /** Fan-in of neuron i is [fanStart[i], fanStart[i+1]). */
  readonly fanStart: Uint32Array;
  /** Source node of each synapse. */
  readonly src: Uint32Array;
  /** 1 where the synapse weight is -1 (positive polarity of the neuron). */
  readonly neg: Uint8Array;
  /** Bias of neuron i (positive polarity). */
  readonly bias: Int32Array;
}

/** Builds a {@link NeuronNetlist} in growable typed arrays. */
export class NetlistBuilder {
  private node = new Uint32Array(1024);
  private fanStart = new Uint32Array(1025);
  private src = new Uint32Array(2048);
  private neg = new Uint8Array(2048);
  private bias = new Int32Array(1024);
  private count = 0;
  private synapses = 0;
  /** Next free node id for extra nodes. */
  private nextNode: number;

  /** @param numAigVars node ids below this are the AIG's variables. */
  constructor(
    numAigVars: number,
    private readonly inputs: readonly number[],
  ) {
    this.nextNode = numAigVars;
  }

  /** A fresh node id after the AIG's variables (and earlier fresh ids). */
  freshNode(): number {
    return this.nextNode++;
  }

  /** Add the neuron of node v (after every neuron it reads). */
  add(v: number, sources: readonly number[], negs: readonly number[], bias: number): void {
    this.reserve(sources.length);
    for (let i = 0; i < sources.length; i++) {
      this.src[this.synapses] = sources[i];
      this.neg[this.synapses++] = negs[i];
    }
    this.close(v, bias);
  }

  /** Add a two-input neuron of node v (no temporary arrays). */
  add2(v: number, a: number, negA: number, b: number, negB: number, bias: number): void {
    this.reserve(2);
    this.src[this.synapses] = a;
    this.neg[this.synapses++] = negA;
    this.src[this.synapses] = b;
    this.neg[this.synapses++] = negB;
    this.close(v, bias);
  }

  private reserve(k: number): void {
    if (this.count + 1 >= this.node.length) {
      const n = this.node.length * 2;
      this.node = grow(this.node, new Uint32Array(n));
      this.bias = grow(this.bias, new Int32Array(n));
      this.fanStart = grow(this.fanStart, new Uint32Array(n + 1));
    }
    while (this.synapses + k > this.src.length) {
      const n = this.src.length * 2;
      this.src = grow(this.src, new Uint32Array(n));
      this.neg = grow(this.neg, new Uint8Array(n));
    }
  }

  private close(v: number, bias: number): void {
    this.node[this.count] = v;
    this.bias[this.count] = bias;
    this.fanStart[++this.count] = this.synapses;
  }

  /** The netlist, checked ({@link checkNetlist}). */
  finish(outputs: readonly number[]): NeuronNetlist {
    const nl: NeuronNetlist = {
      numNodes: this.nextNode,
      inputs: this.inputs,
      outputs,
      node: this.node.slice(0, this.count),
      fanStart: this.fanStart.slice(0, this.count + 1),
      src: this.src.slice(0, this.synapses),
      neg: this.neg.slice(0, this.synapses),
      bias: this.bias.slice(0, this.count),
    };
    checkNetlist(nl);
    return nl;
  }
}

function grow<T extends Uint32Array | Uint8Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old as never);
  return fresh;
}

/** Throw an internal error unless the netlist obeys the invariants above. */
export function checkNetlist(nl: NeuronNetlist): void {
  const state = new Uint8Array(nl.numNodes); // 1 input, 2 neuron placed
  for (const v of nl.inputs) state[v] = 1;
  const lastReader = new Int32Array(nl.numNodes).fill(-1); // repeated sources within a neuron
  for (let i = 0; i < nl.node.length; i++) {
    const v = nl.node[i];
    if (v === 0 || v >= nl.numNodes || state[v]) throw new InternalError(`netlist: neuron ${i} has node ${v} (constant, out of range or repeated)`);
    const k = nl.fanStart[i + 1] - nl.fanStart[i];
    if ((Math.abs(nl.bias[i]) & 1) === (k & 1)) throw new InternalError(`netlist: node ${v} has bias ${nl.bias[i]} of the parity of its fan-in ${k}`);
    for (let j = nl.fanStart[i]; j < nl.fanStart[i + 1]; j++) {
      const u = nl.src[j];
      if (u >= nl.numNodes || !state[u] || lastReader[u] === i) throw new InternalError(`netlist: node ${v} reads node ${u} (not earlier, or twice)`);
      lastReader[u] = i;
    }
    state[v] = 2;
  }
  for (const o of nl.outputs) if (o >>> 1 !== 0 && !state[o >>> 1]) throw new InternalError(`netlist: output literal ${o} has no node`);
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
