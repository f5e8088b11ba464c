/**
 * A deliberately broken conversion: it folds the ReLU even when the dense
 * layer wraps on overflow. These tests FAIL by design, to show what a caught
 * bug looks like: fast-check's seed and shrunk network, then the checker's
 * replayed counterexample and the first tensor where the models diverge.
 * Run them with `npm run test:broken`.
 */
import { readFileSync } from 'node:fs';
import { preservesSemantics } from 'bnn-universal/testing';
import { expect, test } from 'vitest';
import { foldReluUnchecked, type NetworkFile } from '../src/fold-relu.js';
import { denseReluArb } from './dense-relu-arb.js';

test('BROKEN: folding through a wrapping dense layer is caught by the matcher', async () => {
  const net: NetworkFile = JSON.parse(readFileSync(new URL('../models/dense-relu-wrap.json', import.meta.url), 'utf8'));
  await expect(net).toBeEquivalentTo(foldReluUnchecked(net));
});

test('BROKEN: ... and by the preservesSemantics contract on random networks', async () => {
  await preservesSemantics(foldReluUnchecked, { arbitrary: denseReluArb(['wrap']), numRuns: 200 });
});
