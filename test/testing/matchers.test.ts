import { describe, expect, test } from 'vitest';
import { installMatchers, toBeEquivalentTo } from '../../src/testing/matchers.js';
import { MLP4_PATH, mlp4, mlp4Mutant } from './fixtures.js';

// Without an argument, installMatchers finds the running worker's expect.
installMatchers();

describe('toBeEquivalentTo', () => {
  test('passes on equivalent models', async () => {
    await expect(MLP4_PATH).toBeEquivalentTo(mlp4(), { method: 'exhaustive' });
  });

  test('fails on a broken model with the replayed counterexample', async () => {
    const failure = expect(mlp4()).toBeEquivalentTo(mlp4Mutant(1, 0, 0));
    await expect(failure).rejects.toThrow(/expected equivalent models, but\nverdict: different/);
    await expect(expect(mlp4()).toBeEquivalentTo(mlp4Mutant(1, 0, 0))).rejects.toThrow(/counterexample \(replayed on both models\)[\s\S]*differing output bits/);
  });

  test('.not passes only on a shown difference', async () => {
    await expect(mlp4()).not.toBeEquivalentTo(mlp4Mutant(1, 0, 0));
    await expect(expect(mlp4()).not.toBeEquivalentTo(MLP4_PATH)).rejects.toThrow(/expected the models to differ, but they were proven equivalent/);
  });

  test('installMatchers with an explicit expect, and the bare matcher function', async () => {
    installMatchers(expect);
    const r = await toBeEquivalentTo.call({ isNot: false }, mlp4(), mlp4Mutant(0, 0, 0));
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('first diverging tensor: h');
  });

  test('installMatchers refuses a target without extend', () => {
    expect(() => installMatchers({} as never)).toThrow(/no vitest expect found/);
  });
});
