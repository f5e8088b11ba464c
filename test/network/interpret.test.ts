/**
 * The reference interpreter: hand-checked cases for each operator, input
 * checks, and agreement with an independent implementation over exact
 * rationals on random networks.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import type { FixedType, RoundingMode } from '../../src/fixed/types.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { validateNetwork } from '../../src/network/read.js';
import type { Network } from '../../src/network/types.js';
import { cnnNetworkArb, denseNetworkArb, networkInputsArb } from '../../src/testing/arbitraries.js';

type J = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const s = (bits: number, frac: number) => ({ signed: true, bits, frac });
const u = (bits: number, frac: number) => ({ signed: false, bits, frac });

/** A one-layer network from input specs and a layer (output `y`). */
function net1(inputs: [string, number[], FixedType][], layer: J): Network {
  return validateNetwork(
    {
      format: 'fixed-point-network/1',
      name: 't',
      inputs: inputs.map(([name, shape, type]) => ({ name, shape, type })),
      layers: [{ name: 'L', output: 'y', ...layer }],
      outputs: ['y'],
    },
    't.json',
  );
}

/** Run a one-layer network; inputs as plain numbers. */
function run(net: Network, inputs: Record<string, number[]>): number[] {
  const m = new Map(Object.entries(inputs).map(([k, v]) => [k, v.map(BigInt)]));
  return interpretNetwork(net, m).get('y')!.map(Number);
}

describe('hand-checked cases, one operator at a time', () => {
  test('dense: exact products, bias aligned to F = Fx + Fw, then requantized', () => {
    // x = [1.5, -1] (s4.1 raw [3, -2]); w = [[0.5, 0.25]] (s4.2 raw [[2, 1]]); b = 0.5 (s8.1 raw 1).
    // acc = 3*2 + (-2)*1 = 4 units of 2^-3, plus bias 1 * 2^(3-1) = 4: 8/8 = 1.0. To s4.1: raw 2.
    const n = net1([['x', [2], s(4, 1)]], { op: 'dense', input: 'x', weights: { type: s(4, 2), values: [[2, 1]] }, bias: { type: s(8, 1), values: [1] }, type: s(4, 1) });
    expect(run(n, { x: [3, -2] })).toEqual([2]);
    // x = [0.5, 1]: acc = 2 + 2 + 4 = 8 -> same; x = [-1.5, 0.5] (raw -3, 1): -6 + 1 + 4 = -1 (= -0.125) -> floor to s4.1: -1 (-0.5).
    expect(run(n, { x: [-3, 1] })).toEqual([-1]);
  });

  test('dense: negative weight frac, relu on the exact accumulator, each rounding mode', () => {
    // w frac -1: raw 3 means 6. x s4.0. acc frac F = -1: acc = 3*x; real = 6x. Output s8.1 -> s = -2: acc * 4.
    const n = net1([['x', [1], s(4, 0)]], { op: 'dense', input: 'x', weights: { type: s(3, -1), values: [[3]] }, type: s(8, 1) });
    expect(run(n, { x: [2] })).toEqual([24]); // 12.0 in s8.1
    expect(run(n, { x: [-2] })).toEqual([-24]);
    const relu = net1([['x', [1], s(4, 0)]], { op: 'dense', input: 'x', weights: { type: s(3, -1), values: [[3]] }, activation: 'relu', type: s(8, 1) });
    expect(run(relu, { x: [-2] })).toEqual([0]);
    // x raw 5 at frac 0, w = 0.25 (s4.2 raw 1): acc = 5 units of 2^-2 = 1.25; to frac 0 each mode; bias -0.5 -> 0.75 ... use acc = 1.25 and -1.25.
    const want: Record<RoundingMode, [number, number]> = {
      floor: [1, -2],
      ceil: [2, -1],
      trunc: [1, -1],
      'half-up': [1, -1],
      'half-down': [1, -1],
      'half-even': [1, -1],
      'half-away': [1, -1],
    };
    for (const [mode, [pos, neg]] of Object.entries(want)) {
      const m = net1([['x', [1], s(4, 0)]], { op: 'dense', input: 'x', weights: { type: s(4, 2), values: [[1]] }, type: s(4, 0), rounding: mode });
      expect([mode, run(m, { x: [5] }), run(m, { x: [-5] })]).toEqual([mode, [pos], [neg]]);
    }
  });

  test('dense: saturate and wrap on the output type', () => {
    const mk = (overflow: string) => net1([['x', [2], s(4, 0)]], { op: 'dense', input: 'x', weights: { type: s(4, 0), values: [[7, 7]] }, type: s(6, 0), overflow });
    expect(run(mk('saturate'), { x: [7, 3] })).toEqual([31]); // 70 -> 31
    expect(run(mk('wrap'), { x: [7, 3] })).toEqual([6]); // 70 mod 64 = 6
    expect(run(mk('wrap'), { x: [-8, -3] })).toEqual([-13]); // -77 + 64 = -13
    expect(run(mk('saturate'), { x: [-8, -3] })).toEqual([-32]);
  });

  // x is [1, 3, 3] holding 1..9 (s8.0).
  const grid = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const conv = (extra: J, weights: J, shape = [1, 3, 3]) => net1([['x', shape, s(8, 0)]], { op: 'conv2d', input: 'x', weights: { type: s(4, 0), values: weights }, type: s(8, 0), ...extra });
  const diag = [[[[1, 0], [0, 1]]]];

  test('conv2d: plain 2x2 kernel', () => {
    expect(run(conv({}, diag), { x: grid })).toEqual([1 + 5, 2 + 6, 4 + 8, 5 + 9]);
  });

  test('conv2d: padding [top, left, bottom, right] reads raw 0 outside', () => {
    // padding top 1, left 1: OH = OW = 3; out(i,j) = x(i-1, j-1) + x(i, j) (0 outside).
    expect(run(conv({ padding: [1, 1, 0, 0] }, diag), { x: grid })).toEqual([1, 2, 3, 4, 1 + 5, 2 + 6, 7, 4 + 8, 5 + 9]);
    // padding bottom 1 only: OH = 3, OW = 2; last row reads x(2, j) + 0.
    expect(run(conv({ padding: [0, 0, 1, 0] }, diag), { x: grid })).toEqual([6, 8, 12, 14, 7, 8]);
  });

  test('conv2d: stride and dilation', () => {
    expect(run(conv({ stride: [2, 2] }, [[[[1]]]]), { x: grid })).toEqual([1, 3, 7, 9]);
    expect(run(conv({ dilation: [2, 2] }, diag), { x: grid })).toEqual([1 + 9]);
    expect(run(conv({ dilation: [1, 2], stride: [2, 1] }, [[[[1, 1]]]]), { x: grid })).toEqual([1 + 3, 7 + 9]);
  });

  test('conv2d: groups split input and output channels', () => {
    // x = [2, 1, 1] = [a, b]; groups 2: out0 = 3a (channel 0), out1 = -b (channel 1), out2 = 2b.
    const g = net1([['x', [2, 1, 1], s(8, 0)]], { op: 'conv2d', input: 'x', weights: { type: s(4, 0), values: [[[[3]]], [[[-1]]]] }, groups: 2, type: s(8, 0) });
    expect(run(g, { x: [5, 7] })).toEqual([15, -7]);
    const g1 = net1([['x', [2, 1, 1], s(8, 0)]], { op: 'conv2d', input: 'x', weights: { type: s(4, 0), values: [[[[3]], [[1]]]] }, type: s(8, 0) });
    expect(run(g1, { x: [5, 7] })).toEqual([22]);
    // 4 input channels, 2 groups, 4 outputs: outputs 0,1 read channels 0,1; outputs 2,3 read channels 2,3.
    const w = [[[[1]], [[0]]], [[[0]], [[1]]], [[[1]], [[1]]], [[[1]], [[-1]]]];
    const g4 = net1([['x', [4, 1, 1], s(8, 0)]], { op: 'conv2d', input: 'x', weights: { type: s(4, 0), values: w }, groups: 2, type: s(8, 0) });
    expect(run(g4, { x: [1, 2, 3, 4] })).toEqual([1, 2, 7, -1]);
  });

  test('conv2d: bias per output channel, aligned to the accumulator frac', () => {
    // x frac 1, w frac 1 -> F = 2; bias s4.0 raw 1 -> 4 units. x raw 2 (1.0) * w raw 2 (1.0) = 4 units -> 8 = 2.0.
    const n = net1([['x', [1, 1, 1], s(4, 1)]], { op: 'conv2d', input: 'x', weights: { type: s(4, 1), values: [[[[2]]]] }, bias: { type: s(4, 0), values: [1] }, type: s(6, 0) });
    expect(run(n, { x: [2] })).toEqual([2]);
  });

  test('maxpool2d: largest raw value per window, type unchanged', () => {
    const n = net1([['x', [1, 2, 4], s(4, 3)]], { op: 'maxpool2d', input: 'x', kernel: [2, 2] });
    expect(run(n, { x: [1, 5, 2, 0, 3, -1, 7, 4] })).toEqual([5, 7]);
    expect(run(n, { x: [-8, -5, -2, -3, -6, -7, -4, -2] })).toEqual([-5, -2]);
    const overlapping = net1([['x', [1, 1, 3], s(4, 0)]], { op: 'maxpool2d', input: 'x', kernel: [1, 2], stride: [1, 1] });
    expect(run(overlapping, { x: [1, 3, 2] })).toEqual([3, 3]);
    const channels = net1([['x', [2, 1, 2], s(4, 0)]], { op: 'maxpool2d', input: 'x', kernel: [1, 2] });
    expect(run(channels, { x: [1, -3, -4, -2] })).toEqual([1, -2]);
    expect(channels.tensors.get('y')!.type).toEqual(s(4, 0));
  });

  test('add: operands aligned exactly to the larger frac', () => {
    // a = 1.5 (s4.1 raw 3), b = -0.625 (s4.3 raw -5): acc = 3*4 - 5 = 7 units of 1/8 = 0.875.
    const mk = (rounding: string, type = s(4, 1)) => net1([['a', [1], s(4, 1)], ['b', [1], s(4, 3)]], { op: 'add', inputs: ['a', 'b'], type, rounding });
    expect(run(mk('floor'), { a: [3], b: [-5] })).toEqual([1]); // 0.5
    expect(run(mk('half-up'), { a: [3], b: [-5] })).toEqual([2]); // 1.0
    expect(run(mk('floor', s(6, 3)), { a: [3], b: [-5] })).toEqual([7]); // exact
    expect(run(mk('floor', s(8, 5)), { a: [3], b: [-5] })).toEqual([28]); // s < 0: shifted left
    const relu = net1([['a', [2], s(4, 0)]], { op: 'add', inputs: ['a', 'a'], activation: 'relu', type: s(5, 0) });
    expect(run(relu, { a: [-3, 3] })).toEqual([0, 6]);
  });

  test('requant: a cast, a clip, a standalone relu; shift <= 0 multiplies', () => {
    const up = net1([['x', [2], s(4, 0)]], { op: 'requant', input: 'x', type: s(8, 2) });
    expect(run(up, { x: [3, -8] })).toEqual([12, -32]);
    const clip = net1([['x', [3], s(8, 0)]], { op: 'requant', input: 'x', type: u(2, 0) });
    expect(run(clip, { x: [-5, 2, 9] })).toEqual([0, 2, 3]);
    const relu = net1([['x', [2], s(4, 0)]], { op: 'requant', input: 'x', activation: 'relu', type: s(4, 0) });
    expect(run(relu, { x: [-3, 2] })).toEqual([0, 2]);
    const coarse = net1([['x', [2], s(8, 0)]], { op: 'requant', input: 'x', type: s(4, -2), rounding: 'half-even' });
    expect(run(coarse, { x: [6, 10] })).toEqual([2, 2]); // 1.5 -> 2, 2.5 -> 2 (units of 4)
  });

  test('flatten: same values, shape [numel]', () => {
    const n = net1([['x', [2, 2], s(4, 0)]], { op: 'flatten', input: 'x' });
    expect(run(n, { x: [1, -2, 3, -4] })).toEqual([1, -2, 3, -4]);
    expect(n.tensors.get('y')).toEqual({ name: 'y', shape: [4], type: s(4, 0) });
  });

  test('every tensor is returned, inputs included, and inputs are copied', () => {
    const n = validateNetwork(JSON.parse('{"format":"fixed-point-network/1","name":"t","inputs":[{"name":"x","shape":[2],"type":{"signed":true,"bits":4,"frac":0}}],"layers":[{"name":"a","op":"requant","input":"x","output":"h","type":{"signed":true,"bits":4,"frac":1}},{"name":"b","op":"flatten","input":"h","output":"y"}],"outputs":["y"]}'), 't');
    const x = [1n, -2n];
    const out = interpretNetwork(n, new Map([['x', x]]));
    expect([...out.keys()]).toEqual(['x', 'h', 'y']);
    expect(out.get('h')).toEqual([2n, -4n]);
    out.get('x')![0] = 5n;
    expect(x[0]).toBe(1n);
  });
});

describe('input checks', () => {
  const n = net1([['x', [3], s(4, 2)]], { op: 'requant', input: 'x', type: s(4, 0) });
  const err = (m: Map<string, bigint[]>): InputError => {
    try {
      interpretNetwork(n, m, { file: 'net.json' });
    } catch (e) {
      return e as InputError;
    }
    throw new Error('no error');
  };
  test('missing, extra, mis-sized, out of range', () => {
    expect(err(new Map()).message).toBe('net.json: --input x: expected 3 raw values of type s4.2 (shape [3]), found nothing');
    expect(err(new Map([['x', [1n, 2n]]])).message).toBe('net.json: --input x: expected 3 raw values of type s4.2 (shape [3]), found 2 values');
    expect(err(new Map([['x', [1n, 2n, 8n]]])).message).toBe('net.json: --input x[2]: expected an integer in [-8, 7] (type s4.2), found 8');
    expect(err(new Map([['x', [1n, 2n, 3n]], ['z', [1n]]])).message).toBe('net.json: --input z: expected one of the network\'s inputs (x), found the unknown input "z"');
    expect(err(new Map()).exitCode).toBe(2);
    expect(err(new Map([['x', [1n, 2, 3n] as bigint[]]])).found).toBe('2 (a number; raw values are BigInts)');
  });
});

// ---- An independent implementation of the spec over exact rationals ----

/** A rational number num/den with den > 0. */
interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const q = (n: bigint, d = 1n): Q => (d < 0n ? { n: -n, d: -d } : { n, d });
const pow2 = (e: number): Q => (e >= 0 ? q(2n ** BigInt(e)) : q(1n, 2n ** BigInt(-e)));
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
/** The real value of a raw integer of frac f. */
const real = (raw: bigint | number, f: number): Q => mul(q(BigInt(raw)), pow2(-f));

/** Round a rational to an integer by mode, choosing between its two neighbouring integers. */
function roundQ(v: Q, mode: RoundingMode): bigint {
  let lo = v.n / v.d;
  if (lo * v.d > v.n) lo -= 1n; // floor
  if (lo * v.d === v.n) return lo;
  const hi = lo + 1n;
  const c = cmp(add(v, q(-lo)), q(1n, 2n)); // fractional part vs 1/2
  const neg = v.n < 0n;
  switch (mode) {
    case 'floor':
      return lo;
    case 'ceil':
      return hi;
    case 'trunc':
      return neg ? hi : lo;
    default:
      if (c < 0) return lo;
      if (c > 0) return hi;
      return { 'half-up': hi, 'half-down': lo, 'half-even': lo % 2n === 0n ? lo : hi, 'half-away': neg ? lo : hi }[mode];
  }
}

/** Output raw value for real accumulator value v under a requantizing layer. */
function outRaw(v: Q, l: J): bigint {
  const act = l.activation === 'relu' && v.n < 0n ? q(0n) : v;
  const r = roundQ(mul(act, pow2(l.type.frac)), l.rounding ?? 'floor');
  const t = l.type;
  const lo = t.signed ? -(2n ** BigInt(t.bits - 1)) : 0n;
  const span = 2n ** BigInt(t.bits);
  if ((l.overflow ?? 'saturate') === 'saturate') return r < lo ? lo : r > lo + span - 1n ? lo + span - 1n : r;
  return lo + ((((r - lo) % span) + span) % span);
}

/**
 * Evaluate the JSON network directly: real values, no shifts, no validator IR.
 * Tensors are {shape, frac, raw[]}.
 */
function rationalEval(j: J, inputs: Map<string, bigint[]>): Map<string, bigint[]> {
  const T = new Map<string, { shape: number[]; frac: number; raw: bigint[] }>();
  for (const t of j.inputs) T.set(t.name, { shape: t.shape, frac: t.type.frac, raw: inputs.get(t.name)! });
  const flat = (v: J): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
  for (const l of j.layers) {
    let shape: number[];
    let frac: number;
    let raw: bigint[];
    if (l.op === 'dense') {
      const x = T.get(l.input)!;
      const w = l.weights.values as number[][];
      raw = w.map((row, o) => {
        let acc = l.bias ? real(l.bias.values[o], l.bias.type.frac) : q(0n);
        row.forEach((wv, i) => (acc = add(acc, mul(real(wv, l.weights.type.frac), real(x.raw[i], x.frac)))));
        return outRaw(acc, l);
      });
      shape = [w.length];
      frac = l.type.frac;
    } else if (l.op === 'conv2d') {
      const x = T.get(l.input)!;
      const [C, H, W] = x.shape;
      const w = l.weights.values as number[][][][];
      const [sh, sw] = l.stride ?? [1, 1];
      const [pt, pl, pb, pr] = l.padding ?? [0, 0, 0, 0];
      const [dh, dw] = l.dilation ?? [1, 1];
      const g = l.groups ?? 1;
      const O = w.length;
      const KH = w[0][0].length;
      const KW = w[0][0][0].length;
      const OH = Math.floor((H + pt + pb - dh * (KH - 1) - 1) / sh) + 1;
      const OW = Math.floor((W + pl + pr - dw * (KW - 1) - 1) / sw) + 1;
      // Pad explicitly: a (H+pt+pb) x (W+pl+pr) grid of real values, zeros around.
      const at = (c: number, y: number, z: number): Q => {
        const yy = y - pt;
        const zz = z - pl;
        return yy < 0 || yy >= H || zz < 0 || zz >= W ? q(0n) : real(x.raw[(c * H + yy) * W + zz], x.frac);
      };
      raw = [];
      for (let o = 0; o < O; o++) {
        const group = Math.floor(o / (O / g));
        for (let i = 0; i < OH; i++) {
          for (let k = 0; k < OW; k++) {
            let acc = l.bias ? real(l.bias.values[o], l.bias.type.frac) : q(0n);
            for (let ci = 0; ci < C / g; ci++) {
              for (let a = 0; a < KH; a++) {
                for (let b = 0; b < KW; b++) acc = add(acc, mul(real(w[o][ci][a][b], l.weights.type.frac), at(group * (C / g) + ci, i * sh + a * dh, k * sw + b * dw)));
              }
            }
            raw.push(outRaw(acc, l));
          }
        }
      }
      shape = [O, OH, OW];
      frac = l.type.frac;
    } else if (l.op === 'maxpool2d') {
      const x = T.get(l.input)!;
      const [C, H, W] = x.shape;
      const [kh, kw] = l.kernel;
      const [sh, sw] = l.stride ?? l.kernel;
      const OH = Math.floor((H - kh) / sh) + 1;
      const OW = Math.floor((W - kw) / sw) + 1;
      raw = [];
      for (let c = 0; c < C; c++) {
        for (let i = 0; i < OH; i++) {
          for (let k = 0; k < OW; k++) {
            const window: bigint[] = [];
            for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) window.push(x.raw[(c * H + i * sh + a) * W + k * sw + b]);
            raw.push(window.reduce((m, v) => (v > m ? v : m)));
          }
        }
      }
      shape = [C, OH, OW];
      frac = x.frac;
    } else if (l.op === 'add') {
      const a = T.get(l.inputs[0])!;
      const b = T.get(l.inputs[1])!;
      raw = a.raw.map((v, k) => outRaw(add(real(v, a.frac), real(b.raw[k], b.frac)), l));
      shape = a.shape;
      frac = l.type.frac;
    } else if (l.op === 'requant') {
      const x = T.get(l.input)!;
      raw = x.raw.map((v) => outRaw(real(v, x.frac), l));
      shape = x.shape;
      frac = l.type.frac;
    } else {
      const x = T.get(l.input)!;
      raw = [...x.raw];
      shape = [flat(x.shape).reduce((p, v) => p * v, 1)];
      frac = x.frac;
    }
    T.set(l.output, { shape, frac, raw });
  }
  return new Map([...T].map(([k, v]) => [k, v.raw]));
}

describe('agreement with an independent rational implementation', () => {
  const cases = (arb: fc.Arbitrary<J>) =>
    arb.chain((j) => {
      const net = validateNetwork(j, 'generated');
      return networkInputsArb(net).map((inputs) => ({ j, net, inputs }));
    });
  test('random dense networks: every tensor agrees', () => {
    fc.assert(
      fc.property(cases(denseNetworkArb({ maxLayers: 5, maxWidth: 4, maxBits: 8, maxInputs: 2, minFrac: -4, maxFrac: 12 })), ({ j, net, inputs }) => {
        expect(interpretNetwork(net, inputs)).toEqual(rationalEval(j, inputs));
      }),
      { numRuns: 400 },
    );
  });
  test('random CNNs: every tensor agrees', () => {
    fc.assert(
      fc.property(cases(cnnNetworkArb({ maxLayers: 4, maxWidth: 5, maxBits: 6, maxChannels: 3 })), ({ j, net, inputs }) => {
        expect(interpretNetwork(net, inputs)).toEqual(rationalEval(j, inputs));
      }),
      { numRuns: 300 },
    );
  });
  test('the examples agree too', async () => {
    const { readFileSync } = await import('node:fs');
    for (const f of ['examples/mlp4.json', 'examples/cnn-tiny.json']) {
      const j = JSON.parse(readFileSync(f, 'utf8'));
      const net = validateNetwork(j, f);
      fc.assert(
        fc.property(networkInputsArb(net), (inputs) => {
          expect(interpretNetwork(net, inputs)).toEqual(rationalEval(j, inputs));
        }),
        { numRuns: 30 },
      );
    }
  });
});

describe('random valid networks never throw on valid inputs, and outputs fit their types', () => {
  test('wide types, 32 bits, extreme fracs', () => {
    fc.assert(
      fc.property(
        fc.oneof(denseNetworkArb({ maxBits: 32, minFrac: -40, maxFrac: 40, maxLayers: 4 }), cnnNetworkArb({ maxBits: 32, minFrac: -40, maxFrac: 40 })).chain((j) => {
          const net = validateNetwork(j, 'g');
          return networkInputsArb(net).map((inputs) => ({ net, inputs }));
        }),
        ({ net, inputs }) => {
          const out = interpretNetwork(net, inputs);
          for (const [name, t] of net.tensors) {
            const v = out.get(name)!;
            expect(v.length).toBe(t.shape.reduce((a, b) => a * b, 1));
            const lo = t.type.signed ? -(2n ** BigInt(t.type.bits - 1)) : 0n;
            const hi = t.type.signed ? 2n ** BigInt(t.type.bits - 1) - 1n : 2n ** BigInt(t.type.bits) - 1n;
            for (const x of v) expect(x >= lo && x <= hi).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
