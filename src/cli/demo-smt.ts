/**
 * The demo's last step: prove the translated BNN equal to the network again,
 * this time with Z3 (a miter built from the network's semantics, not from
 * the bit-blaster), and write a certificate that `bnnu recheck` re-runs.
 * Files go to a fresh temporary directory, named in the output.
 * @module
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InternalError } from '../errors.js';
import { proveAndCertify } from './certify.js';
import type { DemoStep } from './commands/demo.js';
import { writeBnnFile } from './commands/translate.js';
import { makeProgress } from './progress.js';

/** Prove with SMT and certify (see the module description). */
export const smtCertificateStep: DemoStep = {
  title: 'prove it again with Z3 (SMT miter from the network semantics) and write a certificate',
  async run(ctx) {
    if (!ctx.network || !ctx.bnn) throw new InternalError('demo: the SMT step needs the network and its BNN (step order)');
    const dir = mkdtempSync(join(tmpdir(), 'bnnu-demo-'));
    const bnnFile = join(dir, 'mlp4.bnn.json');
    const certificate = join(dir, 'mlp4.certificate.json');
    writeBnnFile(bnnFile, ctx.bnn);
    ctx.say('Z3 (WebAssembly) decides a miter of both models over all 2^16 inputs at once (about half a minute)');
    const progress = makeProgress('smt');
    let run;
    try {
      run = await proveAndCertify(join(ctx.root, ctx.example), bnnFile, certificate, { onProgress: (d, t, label) => progress.update(d, t, label) });
    } finally {
      progress.done();
    }
    const r = run.result;
    for (const n of r.notes ?? []) ctx.say(n);
    ctx.say(`verdict: ${r.verdict} (${r.method}, ${r.seconds.toFixed(1)} s)`);
    ctx.say(`certificate: ${certificate}`);
    ctx.say(`check it again any time: bnnu recheck ${certificate}`);
    if (r.verdict === 'different') ctx.exitCode ||= 1;
    if (r.verdict === 'unknown') ctx.exitCode ||= 3;
  },
};
