import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateNetwork } from '../../src/network/read.js';
import { translateNetwork } from '../../src/translate/translate.js';
import { proveTranslation } from '../../src/verify/compositional.js';
import { planProof } from '../../src/verify/compositional/plan.js';

test('cnn', async () => {
  const f = 'examples/cnn-tiny.json';
  const net = validateNetwork(JSON.parse(readFileSync('/work/main/' + f, 'utf8')), f);
  console.log(JSON.stringify(net.layers.map(l => ({...l, weights: undefined, bias: undefined}))));
  const { bnn } = translateNetwork(net, { layered: false });
  const plan = planProof(net, bnn);
  const r = await proveTranslation(net, bnn, { jobs: 1, timeoutSec: 20 });
  const sorted = [...r.obligations].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
  console.log(sorted);
  for (const o of sorted.slice(0, 3)) {
    const j = plan.jobs.find(j => j.id === o.id)!;
    console.log(o.id, j.checks.map(c => c.kind === 'sum' ? {kind: c.kind, n: c.n, lits: c.lits.length} : c.kind === 'op' ? {kind: c.kind, ins: c.inputs.map(w => w.bits.length)} : c.kind));
  }
}, 100000);
