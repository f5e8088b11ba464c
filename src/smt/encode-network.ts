/**
 * A fixed-point network as bit-vector terms, straight from the semantics of
 * `fixed-point-network/1` (shared/spec/fixed-point-network.md): exact
 * accumulators whose widths come from BigInt value ranges, the activation,
 * then rounding and overflow (./encode-fixed.ts).
 *
 * Independent of the bit-blaster on purpose: the SMT engine compares this
 * encoding with a BNN or circuit, so a bug in the bit-blaster cannot hide in
 * the proof.
 * @module
 */
import { InternalError } from '../errors.js';
import type { FixedType } from '../fixed/types.js';
import type { AddLayer, Conv2dLayer, DenseLayer, Layer, MaxPool2dLayer, Network, RequantLayer, TensorSpec } from '../network/types.js';
import { numel } from '../network/types.js';
import { requantizeTerm } from './encode-fixed.js';
import { type IntTerm, constInt, mulConst, rawToInt, relu, shiftLeft, sumInts } from './int-terms.js';
import type { TermBuilder } from './terms.js';

/** Raw elements of every tensor, row-major, each a `type.bits`-wide term. */
export type TensorTerms<V> = Map<string, V[]>;

/**
 * Encode `net` with the given input port bits (for each input tensor,
 * numel * bits Boolean terms in port order). Returns every tensor's raw
 * elements, inputs included.
 */
export function encodeNetwork<B, V>(T: TermBuilder<B, V>, net: Network, inputBits: ReadonlyMap<string, readonly B[]>): TensorTerms<V> {
  const tensors: TensorTerms<V> = new Map();
  for (const spec of net.inputs) {
    const bits = inputBits.get(spec.name);
    const B = spec.type.bits;
    if (!bits || bits.length !== numel(spec.shape) * B) throw new InternalError(`encodeNetwork: input ${spec.name} needs ${numel(spec.shape) * B} bits`);
    tensors.set(spec.name, Array.from({ length: numel(spec.shape) }, (_, k) => T.bvFromBits(bits.slice(k * B, (k + 1) * B))));
  }
  for (const layer of net.layers) tensors.set(layer.output, encodeLayer(T, net, layer, tensors));
  return tensors;
}

/** The output port bits of `net` (tensors in `outputs` order, port convention). */
export function networkOutputBits<B, V>(T: TermBuilder<B, V>, net: Network, tensors: TensorTerms<V>): Map<string, B[]> {
  const out = new Map<string, B[]>();
  for (const name of net.outputs) {
    const bits: B[] = [];
    for (const e of tensors.get(name)!) for (let i = 0; i < T.bvWidth(e); i++) bits.push(T.bvBit(e, i));
    out.set(name, bits);
  }
  return out;
}

function spec(net: Network, name: string): TensorSpec {
  const s = net.tensors.get(name);
  if (!s) throw new InternalError(`network has no tensor ${name}`);
  return s;
}

function encodeLayer<B, V>(T: TermBuilder<B, V>, net: Network, layer: Layer, tensors: TensorTerms<V>): V[] {
  const get = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new InternalError(`layer ${layer.name} reads ${name} before it is computed`);
    return t;
  };
  switch (layer.op) {
    case 'dense':
      return encodeDense(T, layer, get(layer.input), spec(net, layer.input).type);
    case 'conv2d':
      return encodeConv2d(T, layer, get(layer.input), spec(net, layer.input), spec(net, layer.output));
    case 'maxpool2d':
      return encodeMaxPool(T, layer, get(layer.input), spec(net, layer.input), spec(net, layer.output));
    case 'add':
      return encodeAdd(T, layer, get(layer.inputs[0]), spec(net, layer.inputs[0]).type, get(layer.inputs[1]), spec(net, layer.inputs[1]).type);
    case 'requant':
      return encodeRequant(T, layer, get(layer.input), spec(net, layer.input).type);
    case 'flatten':
      return get(layer.input).slice();
  }
}

/** bias * 2^(F - Fb) as a constant term (0 without a bias). */
function biasTerm<B, V>(T: TermBuilder<B, V>, layer: DenseLayer | Conv2dLayer, o: number, accFrac: number): IntTerm<V> {
  if (!layer.bias) return constInt(T, 0n);
  const shift = accFrac - layer.bias.type.frac;
  if (shift < 0) throw new InternalError(`layer ${layer.name}: bias frac exceeds accumulator frac`);
  return constInt(T, BigInt(layer.bias.values[o]) << BigInt(shift));
}

function encodeDense<B, V>(T: TermBuilder<B, V>, layer: DenseLayer, x: readonly V[], tx: FixedType): V[] {
  const F = tx.frac + layer.weights.type.frac;
  const xs = x.map((e) => rawToInt(T, e, tx));
  return layer.weights.values.map((row, o) => {
    if (row.length !== xs.length) throw new InternalError(`layer ${layer.name}: weight row ${o} has ${row.length} entries for ${xs.length} inputs`);
    const terms = row.map((w, j) => mulConst(T, xs[j], BigInt(w)));
    terms.push(biasTerm(T, layer, o, F));
    return finish(T, layer, sumInts(T, terms), F);
  });
}

function encodeConv2d<B, V>(T: TermBuilder<B, V>, layer: Conv2dLayer, x: readonly V[], sx: TensorSpec, so: TensorSpec): V[] {
  const [C, H, W] = sx.shape;
  const O = layer.weights.values.length;
  const Cg = C / layer.groups;
  const Og = O / layer.groups;
  const KH = layer.weights.values[0][0].length;
  const KW = layer.weights.values[0][0][0].length;
  const [sh, sw] = layer.stride;
  const [top, left, bottom, right] = layer.padding;
  const [dh, dw] = layer.dilation;
  const OH = Math.floor((H + top + bottom - dh * (KH - 1) - 1) / sh) + 1;
  const OW = Math.floor((W + left + right - dw * (KW - 1) - 1) / sw) + 1;
  checkShape(layer, so, [O, OH, OW]);
  const F = sx.type.frac + layer.weights.type.frac;
  const xs = x.map((e) => rawToInt(T, e, sx.type));
  const out: V[] = [];
  for (let o = 0; o < O; o++) {
    const g = Math.floor(o / Og);
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const terms: IntTerm<V>[] = [biasTerm(T, layer, o, F)];
        for (let c = 0; c < Cg; c++) {
          for (let ky = 0; ky < KH; ky++) {
            const iy = oy * sh - top + ky * dh;
            if (iy < 0 || iy >= H) continue; // padding: raw 0 contributes nothing
            for (let kx = 0; kx < KW; kx++) {
              const ix = ox * sw - left + kx * dw;
              if (ix < 0 || ix >= W) continue;
              const w = layer.weights.values[o][c][ky][kx];
              terms.push(mulConst(T, xs[((g * Cg + c) * H + iy) * W + ix], BigInt(w)));
            }
          }
        }
        out.push(finish(T, layer, sumInts(T, terms), F));
      }
    }
  }
  return out;
}

function encodeMaxPool<B, V>(T: TermBuilder<B, V>, layer: MaxPool2dLayer, x: readonly V[], sx: TensorSpec, so: TensorSpec): V[] {
  const [C, H, W] = sx.shape;
  const [kh, kw] = layer.kernel;
  const [sh, sw] = layer.stride;
  const OH = Math.floor((H - kh) / sh) + 1;
  const OW = Math.floor((W - kw) / sw) + 1;
  checkShape(layer, so, [C, OH, OW]);
  const less = (a: V, b: V) => (sx.type.signed ? T.bvSlt(a, b) : T.bvUlt(a, b));
  const out: V[] = [];
  for (let c = 0; c < C; c++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        let m: V | undefined;
        for (let ky = 0; ky < kh; ky++) {
          for (let kx = 0; kx < kw; kx++) {
            const e = x[(c * H + oy * sh + ky) * W + ox * sw + kx];
            m = m === undefined ? e : T.bvIte(less(m, e), e, m);
          }
        }
        out.push(m!);
      }
    }
  }
  return out;
}

function encodeAdd<B, V>(T: TermBuilder<B, V>, layer: AddLayer, a: readonly V[], ta: FixedType, b: readonly V[], tb: FixedType): V[] {
  if (a.length !== b.length) throw new InternalError(`layer ${layer.name}: add of ${a.length} and ${b.length} elements`);
  const F = Math.max(ta.frac, tb.frac);
  return a.map((ea, k) => {
    const x = shiftLeft(T, rawToInt(T, ea, ta), F - ta.frac);
    const y = shiftLeft(T, rawToInt(T, b[k], tb), F - tb.frac);
    return finish(T, layer, sumInts(T, [x, y]), F);
  });
}

function encodeRequant<B, V>(T: TermBuilder<B, V>, layer: RequantLayer, x: readonly V[], tx: FixedType): V[] {
  return x.map((e) => finish(T, layer, rawToInt(T, e, tx), tx.frac));
}

/** Activation, then rounding and overflow into the layer's type. */
function finish<B, V>(T: TermBuilder<B, V>, layer: DenseLayer | Conv2dLayer | AddLayer | RequantLayer, acc: IntTerm<V>, accFrac: number): V {
  const a = layer.activation === 'relu' ? relu(T, acc) : acc;
  return requantizeTerm(T, a, accFrac, layer.type, layer.rounding, layer.overflow);
}

function checkShape(layer: Layer, so: TensorSpec, want: readonly number[]): void {
  if (so.shape.length !== want.length || so.shape.some((d, i) => d !== want[i])) {
    throw new InternalError(`layer ${layer.name}: output shape [${so.shape}] differs from [${want}]`);
  }
}
