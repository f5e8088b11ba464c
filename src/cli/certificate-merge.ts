/**
 * `bnnu certificate merge A.json B.json ... -o FULL.json`: join the partial
 * certificates of a sharded compositional proof. The models are read again
 * (their hashes must still match) to list the proof's obligations, which the
 * shards must cover exactly once each (src/verify/merge.ts).
 * @module
 */
import { InputError } from '../errors.js';
import { toolVersion } from '../version.js';
import { certificateToText, certifiedModel } from '../verify/certificate.js';
import { type ShardFile, mergeShardCertificates } from '../verify/merge.js';
import { loadPair, writeTextFile } from './certify.js';
import { checkHashes, readCertificateFile } from './commands/recheck.js';
import { parseCommandArgs, printJson } from './options.js';

/** `bnnu certificate merge`. */
export async function mergeMain(args: string[]): Promise<number> {
  const { values: o, positionals } = parseCommandArgs('certificate merge', args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' } }, ['SHARD.json...']);
  if (o.output === undefined) throw new InputError('certificate merge', '-o', 'the path of the merged certificate', 'none');
  const shards: ShardFile[] = positionals.map((path) => ({ path, cert: readCertificateFile(path) }));
  const first = shards[0];
  const paths = checkHashes(first.cert, first.path);
  if (first.cert.method !== 'compositional') throw new InputError(first.path, 'method', 'compositional (the method that shards)', first.cert.method);
  const { ref, impl } = await loadPair(paths.ref, paths.impl, first.cert.reference.top ?? first.cert.implementation.top);
  const { compositionalObligationIds } = await import('../verify/compositional.js');
  const pair = ref.kind === 'network' && impl.kind === 'bnn' ? { net: ref.network, bnn: impl.bnn } : impl.kind === 'network' && ref.kind === 'bnn' ? { net: impl.network, bnn: ref.bnn } : undefined;
  if (!pair) throw new InputError(first.path, 'reference', 'a network and a BNN', `a ${ref.kind} and a ${impl.kind}`);
  const merged = mergeShardCertificates(shards, {
    allIds: compositionalObligationIds(pair.net, pair.bnn),
    reference: certifiedModel(paths.ref, ref.kind, o.output, first.cert.reference.top),
    implementation: certifiedModel(paths.impl, impl.kind, o.output, first.cert.implementation.top),
    tool: toolVersion(),
  });
  writeTextFile(o.output, certificateToText(merged));
  const proved = merged.obligations.filter((x) => x.result === 'proved').length;
  if (o.json) printJson({ verdict: merged.verdict, certificate: o.output, shards: shards.length, obligations: merged.obligations.length, proved });
  else {
    process.stdout.write(
      `merged ${shards.length} shards into ${o.output}: ${merged.obligations.length} obligations, each covered once, ${proved} proved\n` +
        `${merged.verdict}${merged.reason ? `: ${merged.reason}` : ` (method ${merged.method})`}\n`,
    );
  }
  return merged.verdict === 'equivalent' ? 0 : merged.verdict === 'different' ? 1 : 3;
}
