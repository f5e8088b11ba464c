/**
 * An `unknown` verdict (a time or size limit) must never pass: not through
 * expectEquivalent, not through the matcher, not through `.not`. The checker
 * is replaced by one that always answers unknown, so the test does not depend
 * on how fast an engine is.
 */
import { describe, expect, test, vi } from 'vitest';
import { EquivalenceError, expectEquivalent } from '../../src/testing/expect.js';
import { installMatchers } from '../../src/testing/matchers.js';
import { preservesSemantics } from '../../src/testing/contracts.js';
import { bnnArb } from '../../src/testing/bnn-arbitraries.js';
import { MLP4_PATH } from './fixtures.js';

vi.mock('../../src/verify/check.js', () => ({
  checkEquivalence: vi.fn(async (_a: unknown, _b: unknown, o: { method?: string; timeoutSec?: number }) => ({
    verdict: 'unknown',
    method: o.method ?? 'smt',
    seconds: 1.5,
    reason: `time limit of ${o.timeoutSec ?? '?'} s reached`,
  })),
}));

installMatchers(expect);

describe('unknown never passes', () => {
  test('expectEquivalent rejects with the verdict and the reason', async () => {
    const err = (await expectEquivalent(MLP4_PATH, MLP4_PATH, { method: 'smt', timeoutSec: 1 }).catch((e: unknown) => e)) as EquivalenceError;
    expect(err).toBeInstanceOf(EquivalenceError);
    expect(err.result.verdict).toBe('unknown');
    expect(err.message).toContain('verdict: unknown (method smt');
    expect(err.message).toContain('reason: time limit of 1 s reached');
  });

  test('the matcher fails, with and without .not', async () => {
    await expect(expect(MLP4_PATH).toBeEquivalentTo(MLP4_PATH, { timeoutSec: 2 })).rejects.toThrow(/verdict: unknown/);
    await expect(expect(MLP4_PATH).not.toBeEquivalentTo(MLP4_PATH, { timeoutSec: 2 })).rejects.toThrow(/verdict: unknown/);
  });

  test('a contract fails on unknown', async () => {
    await expect(preservesSemantics((b) => b, { arbitrary: bnnArb(), numRuns: 3, seed: 1 })).rejects.toThrow(/verdict: unknown/);
  });
});
