/**
 * One layer of a network as word operations: the element words of its
 * output tensor from the element words of its inputs, exactly as
 * shared/spec/fixed-point-network.md says ("Arithmetic").
 *
 * Each output element of a requantizing layer is one word operation
 * (`requantize`): the exact accumulator (sized from intervals, zero weights
 * and padding dropped), the activation, the rounding and the range fit.
 * maxpool2d is one `max` per window; flatten reuses the words. Every
 * operation is recorded in the trace when one is kept.
 * @module
 */
import type { Aig } from '../aig/aig.js';
import { type CompressionLog, logCompressions } from '../aig/compress.js';
import { requantizeTerms } from '../aig/rounding.js';
import { type Term, type Word, maxAll } from '../aig/words.js';
import { InternalError } from '../errors.js';
import type { AddLayer, Conv2dLayer, DenseLayer, Layer, MaxPool2dLayer, Network, Requantizing } from '../network/types.js';
import type { TraceOp, TraceRecorder } from './trace.js';

/** What a layer needs: the graph, the element words so far, and the trace. */
export interface BlastContext {
  readonly g: Aig;
  readonly net: Network;
  readonly words: ReadonlyMap<string, readonly Word[]>;
  readonly trace?: TraceRecorder;
}

/** Where an operation belongs, for the trace. */
interface Place {
  readonly layer: string;
  readonly tensor: string;
  readonly element: number;
}

/** The element words of `layer`'s output. */
export function blastLayer(ctx: BlastContext, layer: Layer): Word[] {
  switch (layer.op) {
    case 'dense':
      return blastDense(ctx, layer);
    case 'conv2d':
      return blastConv(ctx, layer);
    case 'maxpool2d':
      return blastMaxPool(ctx, layer);
    case 'add':
      return blastAdd(ctx, layer);
    case 'requant': {
      const frac = tensorOf(ctx, layer.input).type.frac;
      return wordsOf(ctx, layer.input).map((x, k) => finishElement(ctx, layer, [{ word: x, coeff: 1n }], 0n, frac, at(layer, k)));
    }
    case 'flatten':
      return [...wordsOf(ctx, layer.input)];
  }
}

function wordsOf(ctx: BlastContext, name: string): readonly Word[] {
  const w = ctx.words.get(name);
  if (!w) throw new InternalError(`bitblast: tensor ${name} used before it is computed`);
  return w;
}

function tensorOf(ctx: BlastContext, name: string) {
  const t = ctx.net.tensors.get(name);
  if (!t) throw new InternalError(`bitblast: unknown tensor ${name}`);
  return t;
}

const at = (layer: Layer, element: number): Place => ({ layer: layer.name, tensor: layer.output, element });

/** Record `op` (when tracing) and return its output. */
function record(ctx: BlastContext, op: TraceOp, inputs: readonly Word[], output: Word, p: Place, compressions?: readonly CompressionLog[]): Word {
  return ctx.trace ? ctx.trace.record(op, inputs, output, p.layer, p.tensor, p.element, compressions) : output;
}

/**
 * Steps 1-4 of the layer arithmetic for one element: the exact accumulator
 * sum(terms) + constant (in units of 2^-accFrac), the activation, the rescale
 * to the output frac by rounding, the range fit; one circuit, one trace entry.
 */
function finishElement(ctx: BlastContext, q: Requantizing, terms: readonly Term[], constant: bigint, accFrac: number, p: Place): Word {
  const spec = { relu: q.activation === 'relu', shift: accFrac - q.type.frac, rounding: q.rounding, type: q.type, overflow: q.overflow };
  const op: TraceOp = { kind: 'requantize', coeffs: terms.map((t) => t.coeff), constant, ...spec };
  const build = () => requantizeTerms(ctx.g, terms, constant, spec);
  // The trace keeps the adder structure too, for the compositional prover:
  // the first compression logged is the accumulator's sum.
  const logs: CompressionLog[] | undefined = ctx.trace ? [] : undefined;
  const out = logs ? logCompressions(logs, build) : build();
  return record(
    ctx,
    op,
    terms.map((t) => t.word),
    out,
    p,
    logs,
  );
}

/** The bias of output o in units of 2^-accFrac (0 without bias). */
function biasTerm(layer: DenseLayer | Conv2dLayer, o: number, accFrac: number): bigint {
  if (!layer.bias) return 0n;
  const s = accFrac - layer.bias.type.frac;
  if (s < 0) throw new InternalError(`bitblast: ${layer.name}: bias frac exceeds the accumulator's`);
  return BigInt(layer.bias.values[o]) << BigInt(s);
}

function blastDense(ctx: BlastContext, layer: DenseLayer): Word[] {
  const x = wordsOf(ctx, layer.input);
  const frac = tensorOf(ctx, layer.input).type.frac + layer.weights.type.frac;
  return layer.weights.values.map((row, o) => {
    if (row.length !== x.length) throw new InternalError(`bitblast: ${layer.name}: weight row ${o} has ${row.length} values for ${x.length} inputs`);
    const terms: Term[] = [];
    row.forEach((w, i) => {
      if (w !== 0) terms.push({ word: x[i], coeff: BigInt(w) });
    });
    return finishElement(ctx, layer, terms, biasTerm(layer, o, frac), frac, at(layer, o));
  });
}

function blastConv(ctx: BlastContext, layer: Conv2dLayer): Word[] {
  const x = wordsOf(ctx, layer.input);
  const inp = tensorOf(ctx, layer.input);
  const [, h, w] = inp.shape;
  const [oc, oh, ow] = tensorOf(ctx, layer.output).shape;
  const frac = inp.type.frac + layer.weights.type.frac;
  const cPerGroup = layer.weights.values[0].length;
  const oPerGroup = oc / layer.groups;
  const [sh, sw] = layer.stride;
  const [top, left] = layer.padding;
  const [dh, dw] = layer.dilation;
  const out: Word[] = [];
  for (let o = 0; o < oc; o++) {
    const firstChannel = Math.floor(o / oPerGroup) * cPerGroup;
    const kernel = layer.weights.values[o];
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const terms: Term[] = [];
        kernel.forEach((plane, ci) =>
          plane.forEach((row, ki) =>
            row.forEach((wv, kj) => {
              const y = i * sh - top + ki * dh;
              const z = j * sw - left + kj * dw;
              // Padded positions are raw 0: they vanish like zero weights.
              if (wv !== 0 && y >= 0 && y < h && z >= 0 && z < w) terms.push({ word: x[((firstChannel + ci) * h + y) * w + z], coeff: BigInt(wv) });
            }),
          ),
        );
        out.push(finishElement(ctx, layer, terms, biasTerm(layer, o, frac), frac, at(layer, out.length)));
      }
    }
  }
  return out;
}

function blastMaxPool(ctx: BlastContext, layer: MaxPool2dLayer): Word[] {
  const x = wordsOf(ctx, layer.input);
  const [, h, w] = tensorOf(ctx, layer.input).shape;
  const [c, oh, ow] = tensorOf(ctx, layer.output).shape;
  const [kh, kw] = layer.kernel;
  const [sh, sw] = layer.stride;
  const out: Word[] = [];
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        const window: Word[] = [];
        for (let ki = 0; ki < kh; ki++) for (let kj = 0; kj < kw; kj++) window.push(x[(ch * h + i * sh + ki) * w + j * sw + kj]);
        out.push(record(ctx, { kind: 'max' }, window, maxAll(ctx.g, window), at(layer, out.length)));
      }
    }
  }
  return out;
}

function blastAdd(ctx: BlastContext, layer: AddLayer): Word[] {
  const [na, nb] = layer.inputs;
  const a = wordsOf(ctx, na);
  const b = wordsOf(ctx, nb);
  if (a.length !== b.length) throw new InternalError(`bitblast: ${layer.name}: operands of ${a.length} and ${b.length} elements`);
  const fa = tensorOf(ctx, na).type.frac;
  const fb = tensorOf(ctx, nb).type.frac;
  const frac = Math.max(fa, fb);
  const ca = 1n << BigInt(frac - fa);
  const cb = 1n << BigInt(frac - fb);
  return a.map((x, k) => {
    const terms: Term[] = [
      { word: x, coeff: ca },
      { word: b[k], coeff: cb },
    ];
    return finishElement(ctx, layer, terms, 0n, frac, at(layer, k));
  });
}
