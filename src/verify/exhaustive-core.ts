/**
 * The inner loop of the exhaustive engine, shared by the main thread and the
 * worker threads: two models lowered to plain typed arrays ("programs"),
 * simulated side by side over a range of input patterns, 32 per word.
 *
 * Pattern numbering: pattern p assigns bit i of p to input bit i (input bits
 * in port order, each port least significant bit first). Word g, lane j holds
 * pattern 32*g + j: input bits 0..4 are the fixed lane masks, input bit i >= 5
 * is all-ones or all-zeros in word g according to bit i-5 of g. The first
 * differing lane of the first differing word is therefore the smallest
 * differing pattern.
 * @module
 */
import type { Aig } from '../aig/aig.js';
import { type BnnProgram, compileBnn, simulateBnnProgram } from '../bnn/simulate.js';
import type { Bnn } from '../bnn/types.js';

/** An AIG's output cone, renumbered: 0 constant, 1..I inputs, then AND nodes in order. */
export interface AigProgram {
  readonly kind: 'aig';
  readonly numInputs: number;
  readonly numAnds: number;
  /** Fanin literals (in the renumbered space) of AND node j (node I + 1 + j). */
  readonly fanin0: Uint32Array;
  readonly fanin1: Uint32Array;
  /** Output literals, renumbered. */
  readonly outputs: Uint32Array;
}

/** One side of a comparison. */
export type SideProgram = AigProgram | (BnnProgram & { readonly kind: 'bnn' });

/** Everything a worker needs: both sides and the input width. */
export interface ExhaustiveJob {
  readonly ref: SideProgram;
  readonly impl: SideProgram;
  readonly numInputs: number;
}

/** Lower an AIG's output cone to an {@link AigProgram}. */
export function aigProgram(g: Aig): AigProgram {
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) {
    if (live[v] && g.isAnd(v)) {
      live[g.fanin0[v] >>> 1] = 1;
      live[g.fanin1[v] >>> 1] = 1;
    }
  }
  const map = new Uint32Array(g.numVars); // old var -> new node
  g.inputs.forEach((v, i) => (map[v] = i + 1));
  const f0: number[] = [];
  const f1: number[] = [];
  let next = g.inputs.length + 1;
  const tr = (l: number) => (map[l >>> 1] << 1) | (l & 1);
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    f0.push(tr(g.fanin0[v]));
    f1.push(tr(g.fanin1[v]));
    map[v] = next++;
  }
  return {
    kind: 'aig',
    numInputs: g.inputs.length,
    numAnds: f0.length,
    fanin0: Uint32Array.from(f0),
    fanin1: Uint32Array.from(f1),
    outputs: Uint32Array.from(g.outputs, tr),
  };
}

/** Lower a BNN to a side program. */
export function bnnSide(bnn: Bnn): SideProgram {
  return { kind: 'bnn', ...compileBnn(bnn) };
}

/** Gates (AND nodes or neurons) of a side: the unit of the engine's speed figure. */
export function sideGates(p: SideProgram): number {
  return p.kind === 'aig' ? p.numAnds : p.numNeurons;
}

function sideSignals(p: SideProgram): number {
  return p.kind === 'aig' ? p.numInputs + 1 + p.numAnds : p.numInputBits + p.numNeurons;
}

/**
 * Words per signal simulated at once, a power of 2. Longer inner loops win
 * (measured: 64 words run 2.5x faster than 4 on a 10k-gate pair, even though
 * the values then outgrow L2), so take up to 128 while the buffers stay under 32 MB.
 */
export function blockWords(job: ExhaustiveJob, totalWords: number): number {
  const signals = sideSignals(job.ref) + sideSignals(job.impl);
  let w = 1;
  while (w < 128 && w * 2 <= totalWords && signals * w * 2 * 4 <= 1 << 25) w *= 2;
  return w;
}

const LANES = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];

/**
 * Simulates both sides over ranges of words, reusing its buffers.
 * Not thread-safe; one per thread.
 */
export class ChunkRunner {
  private readonly words: number;
  private readonly refVal: Uint32Array;
  private readonly implVal: Uint32Array;
  private readonly diff: Uint32Array;

  constructor(
    private readonly job: ExhaustiveJob,
    words: number,
  ) {
    this.words = words;
    this.refVal = new Uint32Array(sideSignals(job.ref) * words);
    this.implVal = new Uint32Array(sideSignals(job.impl) * words);
    this.diff = new Uint32Array(words);
  }

  /**
   * The smallest pattern in words [start, end) where the outputs differ, or
   * -1. `start` and `end` must be multiples of the block size.
   */
  firstDifference(start: number, end: number): number {
    for (let g0 = start; g0 < end; g0 += this.words) {
      this.simulate(this.job.ref, this.refVal, g0);
      this.simulate(this.job.impl, this.implVal, g0);
      const w = this.compare();
      if (w >= 0) return (g0 + w) * 32 + (31 - Math.clz32(this.diff[w] & -this.diff[w]));
    }
    return -1;
  }

  private fillInputs(val: Uint32Array, base: number, g0: number): void {
    const W = this.words;
    for (let i = 0; i < this.job.numInputs; i++) {
      const p = (base + i) * W;
      if (i < 5) {
        val.fill(LANES[i], p, p + W);
      } else {
        const sh = i - 5;
        for (let w = 0; w < W; w++) val[p + w] = ((g0 + w) >>> sh) & 1 ? 0xffffffff : 0;
      }
    }
  }

  private simulate(side: SideProgram, val: Uint32Array, g0: number): void {
    if (side.kind === 'bnn') {
      this.fillInputs(val, 0, g0);
      simulateBnnProgram(side, val, this.words);
    } else {
      val.fill(0, 0, this.words);
      this.fillInputs(val, 1, g0);
      simulateAigProgram(side, val, this.words);
    }
  }

  /** OR of the XOR of every output pair, per word; returns the first nonzero word or -1. */
  private compare(): number {
    const W = this.words;
    const d = this.diff;
    d.fill(0);
    const a = this.job.ref;
    const b = this.job.impl;
    const n = a.outputs.length;
    for (let k = 0; k < n; k++) {
      const [pa, ma] = outputAt(a, k, W);
      const [pb, mb] = outputAt(b, k, W);
      const m = ma ^ mb;
      const va = this.refVal;
      const vb = this.implVal;
      for (let w = 0; w < W; w++) d[w] |= va[pa + w] ^ vb[pb + w] ^ m;
    }
    for (let w = 0; w < W; w++) if (d[w] !== 0) return w;
    return -1;
  }
}

/** Offset and complement mask of output bit k of a side. */
function outputAt(p: SideProgram, k: number, W: number): [number, number] {
  const o = p.outputs[k];
  return p.kind === 'aig' ? [(o >>> 1) * W, -(o & 1) >>> 0] : [o * W, 0];
}

/** Simulate an {@link AigProgram} in place (constant and inputs already filled). */
export function simulateAigProgram(p: AigProgram, val: Uint32Array, W: number): void {
  const f0 = p.fanin0;
  const f1 = p.fanin1;
  let pv = (p.numInputs + 1) * W;
  for (let j = 0; j < p.numAnds; j++, pv += W) {
    const a = f0[j];
    const b = f1[j];
    const pa = (a >>> 1) * W;
    const pb = (b >>> 1) * W;
    // Four loops so the complement never costs an XOR in the inner loop.
    switch (((a & 1) << 1) | (b & 1)) {
      case 0:
        for (let w = 0; w < W; w++) val[pv + w] = val[pa + w] & val[pb + w];
        break;
      case 1:
        for (let w = 0; w < W; w++) val[pv + w] = val[pa + w] & ~val[pb + w];
        break;
      case 2:
        for (let w = 0; w < W; w++) val[pv + w] = ~val[pa + w] & val[pb + w];
        break;
      default:
        for (let w = 0; w < W; w++) val[pv + w] = ~(val[pa + w] | val[pb + w]);
    }
  }
}
