/**
 * The arithmetic of fixed-point-network/1 (rounding, overflow, requantize):
 * hand-worked tables per mode, and properties against an independent
 * definition over exact rationals.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fitRange, requantize, roundShift } from '../../src/fixed/requantize.js';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES, type RoundingMode, maxRaw, minRaw } from '../../src/fixed/types.js';

/**
 * Hand-worked cases: [acc, s, expected] meaning round(acc / 2^s).
 * Values divided by 4 (s = 2): 10/4 = 2.5, -10/4 = -2.5, 6/4 = 1.5, 7/4 = 1.75,
 * -7/4 = -1.75, 5/4 = 1.25, -5/4 = -1.25, 2/4 = 0.5, -2/4 = -0.5, 8/4 = 2;
 * s = 1: 3/2 = 1.5, -3/2 = -1.5, 1/2 = 0.5, -1/2 = -0.5;
 * s <= 0: no rounding, acc * 2^-s.
 */
const CASES: [bigint, number, Record<RoundingMode, bigint>][] = [
  [10n, 2, { floor: 2n, ceil: 3n, trunc: 2n, 'half-up': 3n, 'half-down': 2n, 'half-even': 2n, 'half-away': 3n }],
  [-10n, 2, { floor: -3n, ceil: -2n, trunc: -2n, 'half-up': -2n, 'half-down': -3n, 'half-even': -2n, 'half-away': -3n }],
  [6n, 2, { floor: 1n, ceil: 2n, trunc: 1n, 'half-up': 2n, 'half-down': 1n, 'half-even': 2n, 'half-away': 2n }],
  [-6n, 2, { floor: -2n, ceil: -1n, trunc: -1n, 'half-up': -1n, 'half-down': -2n, 'half-even': -2n, 'half-away': -2n }],
  [7n, 2, { floor: 1n, ceil: 2n, trunc: 1n, 'half-up': 2n, 'half-down': 2n, 'half-even': 2n, 'half-away': 2n }],
  [-7n, 2, { floor: -2n, ceil: -1n, trunc: -1n, 'half-up': -2n, 'half-down': -2n, 'half-even': -2n, 'half-away': -2n }],
  [5n, 2, { floor: 1n, ceil: 2n, trunc: 1n, 'half-up': 1n, 'half-down': 1n, 'half-even': 1n, 'half-away': 1n }],
  [-5n, 2, { floor: -2n, ceil: -1n, trunc: -1n, 'half-up': -1n, 'half-down': -1n, 'half-even': -1n, 'half-away': -1n }],
  [2n, 2, { floor: 0n, ceil: 1n, trunc: 0n, 'half-up': 1n, 'half-down': 0n, 'half-even': 0n, 'half-away': 1n }],
  [-2n, 2, { floor: -1n, ceil: 0n, trunc: 0n, 'half-up': 0n, 'half-down': -1n, 'half-even': 0n, 'half-away': -1n }],
  [8n, 2, { floor: 2n, ceil: 2n, trunc: 2n, 'half-up': 2n, 'half-down': 2n, 'half-even': 2n, 'half-away': 2n }],
  [-8n, 2, { floor: -2n, ceil: -2n, trunc: -2n, 'half-up': -2n, 'half-down': -2n, 'half-even': -2n, 'half-away': -2n }],
  [3n, 1, { floor: 1n, ceil: 2n, trunc: 1n, 'half-up': 2n, 'half-down': 1n, 'half-even': 2n, 'half-away': 2n }],
  [-3n, 1, { floor: -2n, ceil: -1n, trunc: -1n, 'half-up': -1n, 'half-down': -2n, 'half-even': -2n, 'half-away': -2n }],
  [1n, 1, { floor: 0n, ceil: 1n, trunc: 0n, 'half-up': 1n, 'half-down': 0n, 'half-even': 0n, 'half-away': 1n }],
  [-1n, 1, { floor: -1n, ceil: 0n, trunc: 0n, 'half-up': 0n, 'half-down': -1n, 'half-even': 0n, 'half-away': -1n }],
  // A tiny value far below one unit: 1/256 and -1/256.
  [1n, 8, { floor: 0n, ceil: 1n, trunc: 0n, 'half-up': 0n, 'half-down': 0n, 'half-even': 0n, 'half-away': 0n }],
  [-1n, 8, { floor: -1n, ceil: 0n, trunc: 0n, 'half-up': 0n, 'half-down': 0n, 'half-even': 0n, 'half-away': 0n }],
  // s = 0: the integer itself; s < 0: multiplied, never rounded.
  [-7n, 0, { floor: -7n, ceil: -7n, trunc: -7n, 'half-up': -7n, 'half-down': -7n, 'half-even': -7n, 'half-away': -7n }],
  [3n, -2, { floor: 12n, ceil: 12n, trunc: 12n, 'half-up': 12n, 'half-down': 12n, 'half-even': 12n, 'half-away': 12n }],
  [-3n, -5, { floor: -96n, ceil: -96n, trunc: -96n, 'half-up': -96n, 'half-down': -96n, 'half-even': -96n, 'half-away': -96n }],
  [0n, 3, { floor: 0n, ceil: 0n, trunc: 0n, 'half-up': 0n, 'half-down': 0n, 'half-even': 0n, 'half-away': 0n }],
];

describe('roundShift: hand-worked table per rounding mode', () => {
  for (const mode of ROUNDING_MODES) {
    test(mode, () => {
      for (const [acc, s, want] of CASES) expect([acc, s, roundShift(acc, s, mode)]).toEqual([acc, s, want[mode]]);
    });
  }
});

const S4: FixedType = { signed: true, bits: 4, frac: 0 };
const U4: FixedType = { signed: false, bits: 4, frac: 0 };
const S1: FixedType = { signed: true, bits: 1, frac: 0 };
/** [value, type, saturate, wrap] */
const OVERFLOW_CASES: [bigint, FixedType, bigint, bigint][] = [
  [7n, S4, 7n, 7n],
  [8n, S4, 7n, -8n],
  [-8n, S4, -8n, -8n],
  [-9n, S4, -8n, 7n],
  [16n, S4, 7n, 0n],
  [23n, S4, 7n, 7n],
  [-17n, S4, -8n, -1n],
  [15n, U4, 15n, 15n],
  [16n, U4, 15n, 0n],
  [-1n, U4, 0n, 15n],
  [37n, U4, 15n, 5n],
  [1n, S1, 0n, -1n],
  [-2n, S1, -1n, 0n],
  [2n ** 40n + 3n, { signed: true, bits: 32, frac: 0 }, 2n ** 31n - 1n, 3n],
];

describe('fitRange: hand-worked table per overflow mode', () => {
  test('saturate', () => {
    for (const [v, t, sat] of OVERFLOW_CASES) expect([v, t, fitRange(v, t, 'saturate')]).toEqual([v, t, sat]);
  });
  test('wrap', () => {
    for (const [v, t, , wrap] of OVERFLOW_CASES) expect([v, t, fitRange(v, t, 'wrap')]).toEqual([v, t, wrap]);
  });
});

// ---- An independent definition over exact rationals ----

/** floor(n / d) for d > 0, by truncating division then correcting. */
function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d > n ? q - 1n : q;
}

/**
 * Round the rational n/d (d > 0) to an integer by `mode`, defined by the two
 * neighbouring integers and their distances (no shifts involved).
 */
function roundRational(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const lo = floorDiv(n, d);
  const hi = lo + 1n;
  if (lo * d === n) return lo;
  const distLo = n - lo * d; // distance to lo, times d
  const distHi = hi * d - n;
  const towardZero = n < 0n ? hi : lo;
  const awayFromZero = n < 0n ? lo : hi;
  switch (mode) {
    case 'floor':
      return lo;
    case 'ceil':
      return hi;
    case 'trunc':
      return towardZero;
    default:
      if (distLo < distHi) return lo;
      if (distHi < distLo) return hi;
      if (mode === 'half-up') return hi;
      if (mode === 'half-down') return lo;
      if (mode === 'half-even') return lo % 2n === 0n ? lo : hi;
      return awayFromZero;
  }
}

/** Bring v into the range of t: clamp, or the unique value congruent to v mod 2^bits. */
function fitRational(v: bigint, t: FixedType, overflow: 'saturate' | 'wrap'): bigint {
  const lo = t.signed ? -(2n ** BigInt(t.bits - 1)) : 0n;
  const span = 2n ** BigInt(t.bits);
  const hi = lo + span - 1n;
  if (overflow === 'saturate') return v < lo ? lo : v > hi ? hi : v;
  const m = (((v - lo) % span) + span) % span;
  return lo + m;
}

/**
 * The spec's step 3 and 4 read literally: the real value acc * 2^-accFrac,
 * expressed in units of 2^-Fo, i.e. acc * 2^Fo / 2^accFrac, rounded, fitted.
 */
function requantizeRational(acc: bigint, accFrac: number, t: FixedType, rounding: RoundingMode, overflow: 'saturate' | 'wrap'): bigint {
  const num = acc * 2n ** BigInt(Math.max(0, t.frac - accFrac));
  const den = 2n ** BigInt(Math.max(0, accFrac - t.frac));
  return fitRational(roundRational(num, den, rounding), t, overflow);
}

const typeArb = fc.record({ signed: fc.boolean(), bits: fc.integer({ min: 1, max: 32 }), frac: fc.integer({ min: -40, max: 40 }) });

describe('properties against the rational definition', () => {
  test('roundShift(acc, s) = rational round(acc / 2^s) for every mode', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.integer({ min: -20, max: 80 }), fc.constantFrom(...ROUNDING_MODES), (acc, s, mode) => {
        const want = s >= 0 ? roundRational(acc, 2n ** BigInt(s), mode) : acc * 2n ** BigInt(-s);
        expect(roundShift(acc, s, mode)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  test('ties and near-ties are hit often: small accumulators, small shifts', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -64n, max: 64n }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...ROUNDING_MODES), (acc, s, mode) => {
        expect(roundShift(acc, s, mode)).toBe(roundRational(acc, 2n ** BigInt(s), mode));
      }),
      { numRuns: 3000 },
    );
  });

  test('requantize = the rational definition for random accumulators, fracs and types', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }),
        fc.integer({ min: -40, max: 60 }),
        typeArb,
        fc.constantFrom(...ROUNDING_MODES),
        fc.constantFrom(...OVERFLOW_MODES),
        (acc, accFrac, t, rounding, overflow) => {
          expect(requantize(acc, accFrac, t, rounding, overflow)).toBe(requantizeRational(acc, accFrac, t, rounding, overflow));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('fitRange properties', () => {
  const valueArb = fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n });
  test('the result is in range, and equals the rational definition', () => {
    fc.assert(
      fc.property(valueArb, typeArb, fc.constantFrom(...OVERFLOW_MODES), (v, t, mode) => {
        const r = fitRange(v, t, mode);
        expect(r >= minRaw(t) && r <= maxRaw(t)).toBe(true);
        expect(r).toBe(fitRational(v, t, mode));
      }),
      { numRuns: 2000 },
    );
  });
  test('values in range are unchanged by both modes', () => {
    fc.assert(
      fc.property(typeArb.chain((t) => fc.tuple(fc.constant(t), fc.bigInt({ min: minRaw(t), max: maxRaw(t) }))), fc.constantFrom(...OVERFLOW_MODES), ([t, v], mode) => {
        expect(fitRange(v, t, mode)).toBe(v);
      }),
    );
  });
  test('wrap is congruent modulo 2^bits; saturate is monotone', () => {
    fc.assert(
      fc.property(valueArb, valueArb, typeArb, (a, b, t) => {
        expect((fitRange(a, t, 'wrap') - a) % 2n ** BigInt(t.bits)).toBe(0n);
        if (a <= b) expect(fitRange(a, t, 'saturate') <= fitRange(b, t, 'saturate')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
