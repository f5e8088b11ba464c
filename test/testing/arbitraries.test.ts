/** The public network arbitraries: valid output, coverage, and respected bounds. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ROUNDING_MODES, maxRaw, minRaw } from '../../src/fixed/types.js';
import { validateNetwork } from '../../src/network/read.js';
import { numel } from '../../src/network/types.js';
import {
  type NetworkJson,
  cnnNetworkArb,
  denseNetworkArb,
  fixedTypeArb,
  networkInputsArb,
  rawValueArb,
  tensorValuesArb,
} from '../../src/testing/arbitraries.js';

describe('value arbitraries', () => {
  test('fixedTypeArb respects its bounds', () => {
    fc.assert(
      fc.property(fixedTypeArb({ minBits: 3, maxBits: 9, minFrac: -5, maxFrac: 2, signed: false }), (t) => {
        expect(t.signed).toBe(false);
        expect(t.bits >= 3 && t.bits <= 9 && t.frac >= -5 && t.frac <= 2).toBe(true);
      }),
    );
  });
  test('rawValueArb stays in range and reaches both ends', () => {
    const t = { signed: true, bits: 3, frac: 0 };
    const seen = new Set<bigint>();
    fc.assert(
      fc.property(rawValueArb(t), (v) => {
        seen.add(v);
        expect(v >= minRaw(t) && v <= maxRaw(t)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(seen.has(-4n) && seen.has(3n)).toBe(true);
  });
  test('tensorValuesArb and networkInputsArb give numel values per tensor', () => {
    fc.assert(
      fc.property(tensorValuesArb({ shape: [2, 3], type: { signed: false, bits: 1, frac: 0 } }), (v) => {
        expect(v.length).toBe(6);
      }),
    );
    const net = { inputs: [{ name: 'a', shape: [2], type: { signed: true, bits: 2, frac: 0 } }, { name: 'b', shape: [1, 3], type: { signed: false, bits: 5, frac: 1 } }] };
    fc.assert(
      fc.property(networkInputsArb(net), (m) => {
        expect([...m].map(([k, v]) => [k, v.length])).toEqual([['a', 2], ['b', 3]]);
      }),
    );
  });
});

/** Features seen over many generated networks. */
function survey(arb: fc.Arbitrary<NetworkJson>, runs: number) {
  const seen = new Set<string>();
  fc.assert(
    fc.property(arb, (j) => {
      const net = validateNetwork(j, 'generated');
      for (const l of j.layers) {
        seen.add(`op:${l.op}`);
        for (const k of ['rounding', 'overflow', 'activation']) seen.add(k in l ? `${k}:${l[k]}` : `${k}:absent`);
        for (const k of ['stride', 'padding', 'dilation', 'groups', 'bias']) if (k in l) seen.add(`has:${k}`);
      }
      for (const t of net.tensors.values()) {
        if (t.type.frac < 0) seen.add('frac<0');
        if (t.type.frac > t.type.bits) seen.add('frac>bits');
      }
      if (j.outputs.some((o) => j.inputs.some((i) => i.name === o))) seen.add('output-is-input');
    }),
    { numRuns: runs },
  );
  return seen;
}

describe('network arbitraries', () => {
  test('denseNetworkArb: valid, and covers dense, requant, add, flatten, every mode, absent fields, odd fracs', () => {
    const seen = survey(denseNetworkArb({ maxLayers: 4 }), 400);
    for (const f of ['op:dense', 'op:requant', 'op:add', 'op:flatten', 'has:bias', 'frac<0', 'frac>bits', 'rounding:absent', 'overflow:absent', 'activation:relu', 'overflow:wrap', ...ROUNDING_MODES.map((m) => `rounding:${m}`)]) {
      expect([f, seen.has(f)]).toEqual([f, true]);
    }
  });
  test('cnnNetworkArb: valid, and covers every operator and conv2d option', () => {
    const seen = survey(cnnNetworkArb({ maxLayers: 4 }), 400);
    for (const f of ['op:conv2d', 'op:maxpool2d', 'op:add', 'op:requant', 'op:flatten', 'op:dense', 'has:stride', 'has:padding', 'has:dilation', 'has:groups', 'has:bias']) {
      expect([f, seen.has(f)]).toEqual([f, true]);
    }
  });
  test('bounds are respected', () => {
    fc.assert(
      fc.property(denseNetworkArb({ maxLayers: 2, maxWidth: 2, maxBits: 3, maxInputs: 2 }), (j) => {
        const net = validateNetwork(j, 'g');
        expect(net.layers.length).toBeLessThanOrEqual(2);
        expect(net.inputs.length).toBeLessThanOrEqual(2);
        for (const t of net.tensors.values()) expect(t.type.bits).toBeLessThanOrEqual(3);
        for (const t of net.inputs) expect(numel(t.shape)).toBeLessThanOrEqual(4);
      }),
    );
    fc.assert(
      fc.property(cnnNetworkArb({ maxLayers: 2, maxWidth: 3, maxChannels: 2 }), (j) => {
        const net = validateNetwork(j, 'g');
        expect(net.layers.length).toBeLessThanOrEqual(4); // 2 + the optional flatten/dense head
        const [c, h, w] = net.inputs[0].shape;
        expect(c <= 2 && h <= 3 && w <= 3).toBe(true);
        for (const t of net.tensors.values()) if (t.shape.length === 3) expect(t.shape[0]).toBeLessThanOrEqual(2);
      }),
    );
  });
  test('default sizes stay small enough to bit-blast and prove', () => {
    fc.assert(
      fc.property(fc.oneof(denseNetworkArb(), cnnNetworkArb()), (j) => {
        const net = validateNetwork(j, 'g');
        const bits = net.inputs.reduce((s, t) => s + numel(t.shape) * t.type.bits, 0);
        expect(bits).toBeLessThanOrEqual(2 * 3 * 3 * 4);
      }),
    );
  });
});
