/**
 * Joining the partial certificates of a sharded proof (`verify --shard i/n`
 * run n times, e.g. as a CI matrix or a Slurm array) into one certificate.
 *
 * The merge is checked, not trusted: the shards must be of the same two
 * files (same SHA-256) and the same method, their shard numbers must be
 * exactly 1..n once each, and the union of their obligations must be exactly
 * the proof's obligation list (computed again from the models by the
 * caller), each obligation in exactly one shard. Only then can the verdict be
 * `equivalent`, and only when every obligation is proved.
 * @module
 */
import { InputError } from '../errors.js';
import { CERTIFICATE_FORMAT, type Certificate, type CertifiedModel } from './certificate.js';
import type { Obligation } from './types.js';

/** A shard certificate and the file it came from (for messages). */
export interface ShardFile {
  readonly cert: Certificate;
  readonly path: string;
}

/** What the merged certificate needs besides the shards. */
export interface MergeContext {
  /** Every obligation id of the whole proof, as the engine lists them for these models. */
  readonly allIds: readonly string[];
  /** The two models as the merged certificate records them (paths relative to it). */
  readonly reference: CertifiedModel;
  readonly implementation: CertifiedModel;
  readonly tool: string;
  readonly date?: Date;
}

const same = (a: CertifiedModel, b: CertifiedModel) => a.sha256 === b.sha256 && a.kind === b.kind && a.top === b.top;

/**
 * Merge shard certificates; fails with exit 2 (naming the file and field)
 * when they do not form one complete, consistent proof. `bnnu certificate
 * merge` is the command-line way to call it.
 */
export function mergeShardCertificates(shards: readonly ShardFile[], ctx: MergeContext): Certificate {
  if (shards.length === 0) throw new InputError('certificate merge', 'arguments', 'one or more shard certificates', 'none');
  const first = shards[0];
  const count = first.cert.shard?.count;
  const seenShard = new Map<number, string>();
  for (const { cert, path } of shards) {
    if (!cert.shard) throw new InputError(path, 'shard', 'a partial certificate (written with verify --shard I/N)', 'a certificate without shard');
    if (cert.shard.count !== count) throw new InputError(path, 'shard.count', `${count} (as in ${first.path})`, String(cert.shard.count));
    const dup = seenShard.get(cert.shard.index);
    if (dup !== undefined) throw new InputError(path, 'shard.index', `a shard not given yet`, `shard ${cert.shard.index}, also in ${dup}`);
    seenShard.set(cert.shard.index, path);
    if (!same(cert.reference, ctx.reference)) throw new InputError(path, 'reference.sha256', `the reference of the other shards (${ctx.reference.sha256})`, cert.reference.sha256);
    if (!same(cert.implementation, ctx.implementation)) throw new InputError(path, 'implementation.sha256', `the implementation of the other shards (${ctx.implementation.sha256})`, cert.implementation.sha256);
    if (cert.method !== first.cert.method) throw new InputError(path, 'method', first.cert.method, cert.method);
  }
  for (let i = 1; i <= count!; i++) if (!seenShard.has(i)) throw new InputError('certificate merge', 'shards', `shards 1..${count}`, `no shard ${i}`);
  const obligations = coverAll(shards, ctx.allIds);
  const different = shards.find((s) => s.cert.verdict === 'different');
  const notProved = obligations.filter((o) => o.result !== 'proved');
  const verdict = different ? 'different' : notProved.length === 0 ? 'equivalent' : 'unknown';
  const reason =
    verdict === 'unknown' ? `${notProved.length} of ${obligations.length} obligations not proved: ${notProved.slice(0, 3).map((o) => `${o.id} ${o.result}`).join('; ')}` : undefined;
  const timeouts = shards.map((s) => s.cert.timeoutSec).filter((t): t is number => t !== undefined);
  return {
    format: CERTIFICATE_FORMAT,
    verdict,
    method: first.cert.method,
    requestedMethod: first.cert.requestedMethod,
    reference: ctx.reference,
    implementation: ctx.implementation,
    obligations,
    ...(timeouts.length ? { timeoutSec: Math.max(...timeouts) } : {}),
    seconds: shards.reduce((s, x) => s + x.cert.seconds, 0),
    ...(reason !== undefined ? { reason } : {}),
    ...(different?.cert.counterexample ? { counterexample: different.cert.counterexample } : {}),
    tool: ctx.tool,
    date: (ctx.date ?? new Date()).toISOString(),
  };
}

/** The union of the shards' obligations, checked to be exactly `allIds`, each once. */
function coverAll(shards: readonly ShardFile[], allIds: readonly string[]): Obligation[] {
  const want = new Set(allIds);
  const from = new Map<string, string>();
  const out: Obligation[] = [];
  for (const { cert, path } of shards) {
    cert.obligations.forEach((o, i) => {
      if (!want.has(o.id)) throw new InputError(path, `obligations[${i}].id`, 'an obligation of this proof', JSON.stringify(o.id));
      const other = from.get(o.id);
      if (other !== undefined) throw new InputError(path, `obligations[${i}].id`, 'an obligation no other shard covers', `${JSON.stringify(o.id)}, also in ${other}`);
      from.set(o.id, path);
      out.push(o);
    });
  }
  const missing = allIds.filter((id) => !from.has(id));
  if (missing.length) throw new InputError('certificate merge', 'obligations', `all ${allIds.length} obligations of the proof`, `${missing.length} missing, e.g. ${JSON.stringify(missing[0])}`);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
