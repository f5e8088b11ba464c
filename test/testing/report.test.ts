import { describe, expect, test } from 'vitest';
import { tensorToBits } from '../../src/fixed/bits.js';
import { toModel } from '../../src/testing/models.js';
import { firstDivergingTensor, formatVerdict } from '../../src/testing/report.js';
import type { CheckResult } from '../../src/verify/check.js';

const s4 = { signed: true, bits: 4, frac: 0 };

/** x -> h (requant to `hType`) -> y (requant to s4.0, optionally with a ReLU). */
function chain(hType: object, relu: boolean) {
  return {
    format: 'fixed-point-network/1',
    name: 'chain',
    inputs: [{ name: 'x', shape: [1], type: s4 }],
    layers: [
      { name: 'L1', op: 'requant', input: 'x', output: 'h', type: hType },
      { name: 'L2', op: 'requant', input: 'h', output: 'y', type: s4, ...(relu ? { activation: 'relu' } : {}) },
    ],
    outputs: ['y'],
  };
}

const inputs = (x: bigint) => new Map([['x', tensorToBits([x], s4)]]);

describe('firstDivergingTensor', () => {
  test('a tensor whose type changed but whose values did not is not a divergence', async () => {
    const ref = await toModel(chain(s4, false));
    const impl = await toModel(chain({ signed: true, bits: 5, frac: 1 }, true)); // h doubled in raw, same real value
    const d = firstDivergingTensor(ref, impl, inputs(-3n));
    expect(d).toEqual({ tensor: 'y', layer: 'L2', reference: '-3', implementation: '0' });
  });

  test('a real change of value is reported in each side\'s own type', async () => {
    const ref = await toModel(chain(s4, false));
    const impl = await toModel(chain({ signed: true, bits: 4, frac: -1 }, false)); // h rounded to even numbers
    expect(firstDivergingTensor(ref, impl, inputs(3n))).toEqual({ tensor: 'h', layer: 'L1', reference: '3', implementation: '1' });
    expect(firstDivergingTensor(ref, impl, inputs(2n))).toBeUndefined(); // 2 is representable: no divergence
  });

  test('no tensors on a side (a BNN without hints): nothing to locate', async () => {
    const bnn = {
      format: 'bnn/1', name: 'b', inputs: [{ name: 'x', bits: 4 }],
      layers: [{ neurons: [{ inputs: [0], weights: [1], bias: 0 }] }],
      outputs: [{ name: 'y', bits: [4, 1, 2, 3] }],
    };
    expect(firstDivergingTensor(await toModel(chain(s4, false)), await toModel(bnn), inputs(-3n))).toBeUndefined();
  });
});

test('formatVerdict for unknown shows the reason, for equivalent only the head', async () => {
  const m = await toModel(chain(s4, false));
  const unknown: CheckResult = { verdict: 'unknown', method: 'smt', seconds: 2, reason: 'time limit of 1 s reached' };
  expect(formatVerdict(m, m, unknown)).toBe('verdict: unknown (method smt, 2.00 s)\n  reason: time limit of 1 s reached');
  expect(formatVerdict(m, m, { verdict: 'equivalent', method: 'exhaustive', seconds: 0.5 })).toBe('verdict: equivalent (method exhaustive, 0.50 s)');
});
