/**
 * Random small `fixed-point-network/1` networks for the SMT tests, covering
 * every operator, rounding mode, overflow mode and activation, with odd
 * fracs (negative, larger than bits). Built imperatively from fast-check's
 * `gen` so every generated network is valid by construction.
 */
import fc from 'fast-check';
import { ROUNDING_MODES } from '../../src/fixed/types.js';
import { validateNetwork } from '../../src/network/read.js';
import type { Network } from '../../src/network/types.js';

type Gen = fc.GeneratorValue;
type T = { signed: boolean; bits: number; frac: number };

const int = (g: Gen, lo: number, hi: number) => g(fc.integer, { min: lo, max: hi });
const pick = <X>(g: Gen, xs: readonly X[]): X => xs[int(g, 0, xs.length - 1)];
const type = (g: Gen, maxBits = 6): T => ({ signed: g(fc.boolean), bits: int(g, 1, maxBits), frac: int(g, -2, 6) });
const rawIn = (g: Gen, t: T) => (t.signed ? int(g, -(2 ** (t.bits - 1)), 2 ** (t.bits - 1) - 1) : int(g, 0, 2 ** t.bits - 1));
const requant = (g: Gen) => ({
  type: type(g),
  rounding: pick(g, ROUNDING_MODES),
  overflow: pick(g, ['saturate', 'wrap'] as const),
  activation: pick(g, ['identity', 'relu'] as const),
});

/** JSON of a random network (input x: [C,H,W] then a random chain of layers). */
export function randomNetworkJson(g: Gen): object {
  const C = int(g, 1, 2);
  const H = int(g, 1, 3);
  const W = int(g, 1, 3);
  const tx = type(g, 4);
  const layers: object[] = [];
  let cur = { name: 'x', shape: [C, H, W], type: tx };
  let n = 0;
  const nLayers = int(g, 1, 4);
  for (let i = 0; i < nLayers; i++) {
    const out = `t${n++}`;
    const rank3 = cur.shape.length === 3;
    const ops = rank3 ? ['conv2d', 'maxpool2d', 'dense', 'requant', 'add', 'flatten'] : ['dense', 'requant', 'add'];
    const op = pick(g, ops);
    if (op === 'dense') {
      const nIn = cur.shape.reduce((a, b) => a * b, 1);
      const m = int(g, 1, 3);
      const wt = { signed: true, bits: int(g, 1, 4), frac: int(g, -1, 3) };
      const F = cur.type.frac + wt.frac;
      const bt = { signed: true, bits: int(g, 1, 8), frac: F - int(g, 0, 2) };
      const q = requant(g);
      const hasBias = g(fc.boolean);
      layers.push({
        name: `l${i}`, op, input: cur.name, output: out,
        weights: { type: wt, values: Array.from({ length: m }, () => Array.from({ length: nIn }, () => rawIn(g, wt))) },
        ...(hasBias ? { bias: { type: bt, values: Array.from({ length: m }, () => rawIn(g, bt)) } } : {}),
        ...q,
      });
      cur = { name: out, shape: [m], type: q.type };
    } else if (op === 'conv2d') {
      const [c, h, w] = cur.shape;
      const groups = c === 2 && g(fc.boolean) ? 2 : 1;
      const O = groups * int(g, 1, 2);
      const KH = int(g, 1, 2), KW = int(g, 1, 2);
      const pad = [int(g, 0, 1), int(g, 0, 1), int(g, 0, 1), int(g, 0, 1)];
      const stride = [int(g, 1, 2), int(g, 1, 2)];
      const dil = [int(g, 1, 2), int(g, 1, 2)];
      const OH = Math.floor((h + pad[0] + pad[2] - dil[0] * (KH - 1) - 1) / stride[0]) + 1;
      const OW = Math.floor((w + pad[1] + pad[3] - dil[1] * (KW - 1) - 1) / stride[1]) + 1;
      if (OH < 1 || OW < 1) continue;
      const wt = { signed: true, bits: int(g, 1, 3), frac: int(g, -1, 2) };
      const q = requant(g);
      const bt = { signed: true, bits: int(g, 1, 6), frac: cur.type.frac + wt.frac };
      layers.push({
        name: `l${i}`, op, input: cur.name, output: out, stride, padding: pad, dilation: dil, groups,
        weights: { type: wt, values: Array.from({ length: O }, () => Array.from({ length: c / groups }, () => Array.from({ length: KH }, () => Array.from({ length: KW }, () => rawIn(g, wt))))) },
        ...(g(fc.boolean) ? { bias: { type: bt, values: Array.from({ length: O }, () => rawIn(g, bt)) } } : {}),
        ...q,
      });
      cur = { name: out, shape: [O, OH, OW], type: q.type };
    } else if (op === 'maxpool2d') {
      const [c, h, w] = cur.shape;
      const kernel = [int(g, 1, h), int(g, 1, w)];
      const stride = [int(g, 1, 2), int(g, 1, 2)];
      layers.push({ name: `l${i}`, op, input: cur.name, output: out, kernel, stride });
      cur = { name: out, shape: [c, Math.floor((h - kernel[0]) / stride[0]) + 1, Math.floor((w - kernel[1]) / stride[1]) + 1], type: cur.type };
    } else if (op === 'requant') {
      const q = requant(g);
      layers.push({ name: `l${i}`, op, input: cur.name, output: out, ...q });
      cur = { name: out, shape: cur.shape, type: q.type };
    } else if (op === 'add') {
      // add the current tensor to a requantized copy of itself
      const side = `t${n++}`;
      const q1 = requant(g);
      layers.push({ name: `l${i}r`, op: 'requant', input: cur.name, output: side, ...q1 });
      const q = requant(g);
      layers.push({ name: `l${i}`, op, inputs: [cur.name, side], output: out, ...q });
      cur = { name: out, shape: cur.shape, type: q.type };
    } else {
      layers.push({ name: `l${i}`, op: 'flatten', input: cur.name, output: out });
      cur = { name: out, shape: [cur.shape.reduce((a, b) => a * b, 1)], type: cur.type };
    }
  }
  if (layers.length === 0) {
    layers.push({ name: 'only', op: 'requant', input: 'x', output: 'y', ...requant(g) });
    cur = { name: 'y', shape: cur.shape, type: cur.type };
  }
  return { format: 'fixed-point-network/1', name: 'random', inputs: [{ name: 'x', shape: [C, H, W], type: tx }], layers, outputs: [cur.name] };
}

/** An arbitrary of validated random networks. */
export const networkArb: fc.Arbitrary<Network> = fc.gen().map((g) => validateNetwork(randomNetworkJson(g), 'random.json'));

/** Random raw input values for every input tensor of `net`. */
export function randomInputs(net: Network, rnd: () => number): Map<string, bigint[]> {
  const m = new Map<string, bigint[]>();
  for (const t of net.inputs) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    const lo = t.type.signed ? -(2 ** (t.type.bits - 1)) : 0;
    const span = 2 ** t.type.bits;
    m.set(t.name, Array.from({ length: n }, () => BigInt(lo + Math.floor(rnd() * span))));
  }
  return m;
}
