import { describe, expect, test } from 'vitest';
import { BnnuError } from '../../src/errors.js';
import { loadModel } from '../../src/io/load.js';
import { EquivalenceError, expectEquivalent } from '../../src/testing/expect.js';
import { MLP4_PATH, mlp4, mlp4Mutant, outputsOn } from './fixtures.js';

describe('expectEquivalent', () => {
  test('resolves on a proof, whatever form the models come in', async () => {
    const r = await expectEquivalent(MLP4_PATH, mlp4(), { method: 'exhaustive' });
    expect(r.verdict).toBe('equivalent');
    await expectEquivalent(await loadModel(MLP4_PATH), MLP4_PATH);
  });

  test('rejects a changed weight with the replayed counterexample and the first diverging tensor', async () => {
    const mutant = mlp4Mutant(0, 2, 1);
    const err = await expectEquivalent(mlp4(), mutant, { method: 'exhaustive' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EquivalenceError);
    const e = err as EquivalenceError;
    expect(e.result.verdict).toBe('different');
    expect(e.message).toMatch(/verdict: different \(method exhaustive/);
    expect(e.message).toContain('counterexample (replayed on both models):');
    expect(e.message).toMatch(/inputs:\n {4}x = -?\d+,-?\d+,-?\d+,-?\d+  \(s4\.2\)/);
    expect(e.message).toMatch(/differing output bits \(LSB first\):\n {4}y: \d/);
    // The mutated weight is in fc1, so the first tensor to differ is h.
    expect(e.message).toContain('first diverging tensor: h (output of layer fc1)');

    // The counterexample really separates the two networks (checked here
    // with the interpreter, independently of the checker's own replay).
    const cex = e.result.counterexample!;
    const a = outputsOn(mlp4(), cex.inputs).get('y')!;
    const b = outputsOn(mutant, cex.inputs).get('y')!;
    expect(a).not.toEqual(b);
    // and the report shows those very outputs.
    expect(e.message).toContain(`y = ${a.join(',')}  (s4.2)`);
    expect(e.message).toContain(`y = ${b.join(',')}  (s4.2)`);
  });

  test('a change in the last layer diverges first at the output', async () => {
    const err = (await expectEquivalent(mlp4(), mlp4Mutant(1, 1, 3)).catch((e: unknown) => e)) as EquivalenceError;
    expect(err.message).toContain('first diverging tensor: y (output of layer fc2)');
  });

  test('the report says how to reproduce the counterexample on the sides that are files', async () => {
    const err = (await expectEquivalent(MLP4_PATH, mlp4Mutant(1, 2, 2)).catch((e: unknown) => e)) as EquivalenceError;
    const x = err.result.counterexample!.inputs.get('x')!;
    expect(err.message).toMatch(/reproduce with:\n {4}bnnu eval \S+mlp4\.json --input x=-?\d+,-?\d+,-?\d+,-?\d+$/);
    expect(err.message.match(/bnnu eval/g)).toHaveLength(1); // the mutant is not a file
    expect(x.length).toBe(16);
  });

  test('bad input is an input error, not a verdict', async () => {
    const other = mlp4();
    other.inputs[0].name = 'z';
    other.layers[0].input = 'z';
    const err = await expectEquivalent(mlp4(), other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BnnuError);
    expect(err).not.toBeInstanceOf(EquivalenceError);
    expect((err as Error).message).toMatch(/port mismatch/);
  });
});
