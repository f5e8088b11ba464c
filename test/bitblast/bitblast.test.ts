import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { aigStats } from '../../src/aig/aig.js';
import { signedWidth, wordToBits } from '../../src/aig/words.js';
import { bitblastNetwork } from '../../src/bitblast/bitblast.js';
import { evalTraceOp } from '../../src/bitblast/trace.js';
import { tensorToBits } from '../../src/fixed/bits.js';
import { requantize } from '../../src/fixed/requantize.js';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES, maxRaw, minRaw } from '../../src/fixed/types.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { readNetworkFile, validateNetwork } from '../../src/network/read.js';
import type { Network } from '../../src/network/types.js';
import { type NetworkJson, cnnNetworkArb, denseNetworkArb, networkInputsArb } from '../../src/testing/arbitraries.js';
import { simulateBatch } from './sim.js';

type Inputs = Map<string, bigint[]>;

/**
 * Bit-blast `net` (with its trace), simulate the batch, and check every bit of
 * every tensor against the reference interpreter, the port layout, and every
 * trace entry against its meaning and intervals.
 */
function checkNetwork(net: Network, batch: readonly Inputs[]): void {
  const r = bitblastNetwork(net, { trace: true });
  const sim = simulateBatch(net, r, batch);
  const g = r.circuit.aig;
  // Ports and names follow the convention.
  expect(r.circuit.inputs.map((p) => p.name)).toEqual(net.inputs.map((t) => t.name));
  expect(r.circuit.outputs.map((p) => p.name)).toEqual([...net.outputs]);
  let k = 0;
  for (const p of r.circuit.inputs) for (let i = 0; i < p.width; i++) expect(g.inputNames[k++]).toBe(`${p.name}[${i}]`);
  k = 0;
  for (const p of r.circuit.outputs) {
    const lits = r.tensorLits.get(p.name)!;
    expect(p.width).toBe(lits.length);
    for (let i = 0; i < p.width; i++, k++) {
      expect(g.outputNames[k]).toBe(`${p.name}[${i}]`);
      expect(g.outputs[k]).toBe(lits[i]);
    }
  }
  expect(g.outputs.length).toBe(k);
  const trace = r.trace!;
  batch.forEach((inputs, p) => {
    const want = interpretNetwork(net, inputs);
    for (const [name, spec] of net.tensors) {
      const lits = r.tensorLits.get(name)!;
      expect(lits.length, name).toBe(want.get(name)!.length * spec.type.bits);
      const got = sim.bits(lits, p);
      const exp = Array.from(tensorToBits(want.get(name)!, spec.type));
      if (got.join('') !== exp.join('')) expect({ tensor: name, inputs, got }).toEqual({ tensor: name, inputs, got: exp });
    }
    for (const e of trace.entries) {
      const ins = e.inputs.map((w) => sim.value(w.bits, p));
      ins.forEach((v, i) => expect(v >= e.inputs[i].lo && v <= e.inputs[i].hi).toBe(true));
      const out = sim.value(e.output.bits, p);
      expect(out).toBe(evalTraceOp(e.op, ins));
      expect(out >= e.output.lo && out <= e.output.hi).toBe(true);
    }
  });
  // Each entry's output is a function of its input words' literals alone, so
  // a prover can cut there: walking its cone from the output never reaches a
  // primary input that is not one of the entry's input bits.
  for (const e of trace.entries) {
    const cut = new Set(e.inputs.flatMap((w) => w.bits.map((l) => l >>> 1)));
    const stack = e.output.bits.map((l) => l >>> 1);
    const seen = new Set<number>();
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (v === 0 || cut.has(v) || seen.has(v)) continue;
      seen.add(v);
      expect(g.isInput(v), `${e.layer}[${e.element}] ${e.op.kind} reads input var ${v} outside its operands`).toBe(false);
      stack.push(g.fanin0[v] >>> 1, g.fanin1[v] >>> 1);
    }
  }
  for (const [name, ws] of trace.tensors) {
    const spec = net.tensors.get(name)!;
    expect(ws.flatMap((w) => wordToBits(w, spec.type.bits))).toEqual(r.tensorLits.get(name));
    for (const w of ws) expect(w.bits.length).toBe(signedWidth(w.lo, w.hi));
  }
}

/** A validated random network with a batch of 1..48 random inputs. */
const caseArb = (netArb: fc.Arbitrary<NetworkJson>) =>
  netArb.chain((json) => fc.tuple(fc.constant(json), fc.array(networkInputsArb(json), { minLength: 1, maxLength: 48 })));

describe('random networks: every tensor bit equals the reference interpreter', () => {
  test('dense networks (dense, requant, add, flatten)', () => {
    fc.assert(
      fc.property(caseArb(denseNetworkArb({ maxLayers: 4, maxWidth: 4, maxBits: 6, maxInputs: 2 })), ([json, batch]) => {
        checkNetwork(validateNetwork(json, 'generated'), batch);
      }),
      { numRuns: 150 },
    );
  });

  test('CNNs (conv2d with stride/padding/dilation/groups, maxpool2d, add, requant, flatten + dense)', () => {
    fc.assert(
      fc.property(caseArb(cnnNetworkArb({ maxLayers: 3, maxWidth: 4, maxBits: 5, maxChannels: 3 })), ([json, batch]) => {
        checkNetwork(validateNetwork(json, 'generated'), batch);
      }),
      { numRuns: 100 },
    );
  });

  test('wide types (up to 16 bits, fracs far outside the width)', () => {
    fc.assert(
      fc.property(caseArb(denseNetworkArb({ maxLayers: 2, maxWidth: 3, maxBits: 16, minFrac: -20, maxFrac: 30 })), ([json, batch]) => {
        checkNetwork(validateNetwork(json, 'generated'), batch);
      }),
      { numRuns: 60 },
    );
  });
});

/** A one-layer network: requant (or dense with weight 1 and bias) from `from` to `to`. */
function singleLayer(from: FixedType, to: FixedType, rounding: string, overflow: string, activation: string): Network {
  return validateNetwork(
    {
      format: 'fixed-point-network/1',
      name: 'one',
      inputs: [{ name: 'x', shape: [1], type: from }],
      layers: [{ name: 'q', op: 'requant', input: 'x', output: 'y', type: to, rounding, overflow, activation }],
      outputs: ['y'],
    },
    'inline',
  );
}

describe('requantization, exhaustively over the input type', () => {
  const from: FixedType[] = [
    { signed: true, bits: 7, frac: 3 },
    { signed: false, bits: 6, frac: -2 },
    { signed: true, bits: 3, frac: 9 },
  ];
  const to: FixedType[] = [
    { signed: true, bits: 4, frac: 0 },
    { signed: false, bits: 3, frac: 1 },
    { signed: true, bits: 2, frac: -3 },
    { signed: true, bits: 5, frac: 12 },
    { signed: false, bits: 1, frac: 5 },
  ];
  for (const rounding of ROUNDING_MODES) {
    test(`rounding ${rounding}, both overflow modes, identity and relu`, () => {
      for (const f of from) {
        for (const t of to) {
          for (const overflow of OVERFLOW_MODES) {
            for (const activation of ['identity', 'relu']) {
              const net = singleLayer(f, t, rounding, overflow, activation);
              const batch: Inputs[] = [];
              for (let v = minRaw(f); v <= maxRaw(f); v++) batch.push(new Map([['x', [v]]]));
              const r = bitblastNetwork(net);
              const sim = simulateBatch(net, r, batch);
              batch.forEach((inp, p) => {
                const x = inp.get('x')![0];
                const want = requantize(activation === 'relu' && x < 0n ? 0n : x, f.frac, t, rounding as never, overflow as never);
                const got = sim.bits(r.tensorLits.get('y')!, p);
                expect(got, `${x} ${JSON.stringify(t)}`).toEqual(Array.from(tensorToBits([want], t)));
              });
            }
          }
        }
      }
    });
  }
});

describe('the example network and sizes', () => {
  test('examples/mlp4.json on 4096 inputs', () => {
    const net = readNetworkFile('examples/mlp4.json');
    const t = net.inputs[0].type;
    const batch: Inputs[] = [];
    for (let p = 0; p < 4096; p++) {
      const q = (p * 40503) % 65536; // a permutation of the 16-bit input space
      batch.push(new Map([['x', [0, 1, 2, 3].map((i) => BigInt.asIntN(t.bits, BigInt((q >> (4 * i)) & 15)))]]));
    }
    checkNetwork(net, batch.slice(0, 256));
    const r = bitblastNetwork(net);
    const sim = simulateBatch(net, r, batch);
    const y = net.outputs[0];
    batch.forEach((inp, p) => {
      expect(sim.bits(r.tensorLits.get(y)!, p)).toEqual(Array.from(tensorToBits(interpretNetwork(net, inp).get(y)!, net.tensors.get(y)!.type)));
    });
  });

  test('zero weights and constant results cost no nodes', () => {
    const net = validateNetwork(
      {
        format: 'fixed-point-network/1',
        name: 'zero',
        inputs: [{ name: 'x', shape: [3], type: { signed: true, bits: 4, frac: 0 } }],
        layers: [
          {
            name: 'd', op: 'dense', input: 'x', output: 'y',
            weights: { type: { signed: true, bits: 4, frac: 0 }, values: [[0, 0, 0], [0, 0, 0]] },
            bias: { type: { signed: true, bits: 4, frac: 0 }, values: [3, -5] },
            type: { signed: true, bits: 3, frac: 0 },
          },
        ],
        outputs: ['y'],
      },
      'inline',
    );
    const r = bitblastNetwork(net);
    expect(r.circuit.aig.numAnds).toBe(0);
    expect(r.tensorLits.get('y')).toEqual([1, 1, 0, 0, 0, 1]); // 3 and saturate(-5) = -4, LSB first
  });

  test('accumulators are sized from the exact interval', () => {
    const json = {
      format: 'fixed-point-network/1',
      name: 'acc',
      inputs: [{ name: 'x', shape: [3], type: { signed: false, bits: 4, frac: 0 } }],
      layers: [
        {
          name: 'd', op: 'dense', input: 'x', output: 'y',
          weights: { type: { signed: true, bits: 4, frac: 0 }, values: [[3, -2, 0]] },
          bias: { type: { signed: true, bits: 8, frac: 0 }, values: [7] },
          type: { signed: true, bits: 8, frac: 0 }, overflow: 'wrap',
        },
      ],
      outputs: ['y'],
    };
    const r = bitblastNetwork(validateNetwork(json, 'inline'), { trace: true });
    const [e] = r.trace!.entries;
    // 3*[0,15] - 2*[0,15] + 7 fits s8, so the wrap is the identity and the
    // element is the exact 7-bit accumulator.
    expect([e.output.lo, e.output.hi]).toEqual([7n - 30n, 45n + 7n]);
    expect(e.output.bits.length).toBe(7);
    expect(e.inputs.length).toBe(2); // the zero weight is gone
    // Two 5-bit terms (3x as 4x - x, -2x) and one 4-bit term into 7 columns:
    // at most 7 nodes per bit beyond the result's.
    expect(r.circuit.aig.numAnds).toBeLessThanOrEqual(7 * (5 + 5 + 4 + 4));
  });

  test('wrap builds only the columns the output keeps', () => {
    const json = (overflow: string) => ({
      format: 'fixed-point-network/1',
      name: 'wrap',
      inputs: [{ name: 'x', shape: [8], type: { signed: true, bits: 8, frac: 0 } }],
      layers: [
        {
          name: 'd', op: 'dense', input: 'x', output: 'y',
          weights: { type: { signed: true, bits: 8, frac: 0 }, values: [[93, -77, 55, 101, -33, 17, 66, -121]] },
          type: { signed: true, bits: 4, frac: -2 }, overflow, rounding: 'half-even',
        },
      ],
      outputs: ['y'],
    });
    const wrap = bitblastNetwork(validateNetwork(json('wrap'), 'inline')).circuit.aig.numAnds;
    const sat = bitblastNetwork(validateNetwork(json('saturate'), 'inline')).circuit.aig.numAnds;
    expect(wrap).toBeLessThan(sat * 0.8); // 6 of 19 accumulator columns
    const net = validateNetwork(json('wrap'), 'inline');
    const batch = Array.from({ length: 200 }, (_, p) => new Map([['x', Array.from({ length: 8 }, (_, i) => BigInt(((p * 97 + i * 31) % 256) - 128))]]));
    const r = bitblastNetwork(net);
    const sim = simulateBatch(net, r, batch);
    batch.forEach((inp, p) => expect(sim.bits(r.tensorLits.get('y')!, p)).toEqual(Array.from(tensorToBits(interpretNetwork(net, inp).get('y')!, net.tensors.get('y')!.type))));
  });

  test('hidden tensors and trace are optional extras', () => {
    const net = readNetworkFile('examples/mlp4.json');
    const a = bitblastNetwork(net);
    const b = bitblastNetwork(net, { trace: true });
    expect(a.trace).toBeUndefined();
    expect(aigStats(a.circuit.aig)).toEqual(aigStats(b.circuit.aig));
    expect([...a.tensorLits.keys()].sort()).toEqual([...net.tensors.keys()].sort());
  });
});
