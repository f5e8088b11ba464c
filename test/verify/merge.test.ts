import { describe, expect, it } from 'vitest';
import { BnnuError } from '../../src/errors.js';
import { CERTIFICATE_FORMAT, type Certificate, type CertifiedModel } from '../../src/verify/certificate.js';
import { type ShardFile, mergeShardCertificates } from '../../src/verify/merge.js';
import type { Obligation } from '../../src/verify/types.js';

const ref: CertifiedModel = { path: 'net.json', sha256: 'a'.repeat(64), kind: 'network' };
const impl: CertifiedModel = { path: 'net.bnn.json', sha256: 'b'.repeat(64), kind: 'bnn' };
const ids = ['inputs', 'L0/y[0]/requantize', 'L0/y[1]/requantize', 'dataflow/L0', 'outputs/y'];

const ob = (id: string, result: Obligation['result'] = 'proved'): Obligation => ({ id, claim: `claim ${id}`, result, method: 'exhaustive', seconds: 0.01 });

function shard(index: number, count: number, obligations: Obligation[], over: Partial<Certificate> = {}): ShardFile {
  const cert: Certificate = {
    format: CERTIFICATE_FORMAT,
    verdict: 'unknown',
    method: 'compositional',
    requestedMethod: 'compositional',
    reference: ref,
    implementation: impl,
    obligations,
    shard: { index, count },
    seconds: 1,
    reason: 'partial',
    tool: 'bnn-universal test',
    date: '2026-01-01T00:00:00.000Z',
    ...over,
  };
  return { cert, path: `shard${index}.json` };
}

const ctx = { allIds: ids, reference: ref, implementation: impl, tool: 'bnn-universal test' };
/** The usual split: position i of the sorted ids goes to shard (i mod n) + 1. */
const split = (n: number, result: (id: string) => Obligation['result'] = () => 'proved') =>
  Array.from({ length: n }, (_, s) => shard(s + 1, n, [...ids].sort().filter((_, i) => i % n === s).map((id) => ob(id, result(id)))));

describe('merging shard certificates', () => {
  it('gives equivalent when the shards cover every obligation once and all are proved', () => {
    const m = mergeShardCertificates(split(3), ctx);
    expect(m.verdict).toBe('equivalent');
    expect(m.shard).toBeUndefined();
    expect(m.obligations.map((o) => o.id)).toEqual([...ids].sort());
    expect(m.seconds).toBe(3);
  });

  it('gives unknown when an obligation is not proved, different when a shard found a difference', () => {
    expect(mergeShardCertificates(split(2, (id) => (id === 'outputs/y' ? 'unknown' : 'proved')), ctx).verdict).toBe('unknown');
    const parts = split(2);
    parts[1] = { ...parts[1], cert: { ...parts[1].cert, verdict: 'different', counterexample: { inputs: { x: '0101' } } } };
    const m = mergeShardCertificates(parts, ctx);
    expect(m.verdict).toBe('different');
    expect(m.counterexample).toEqual({ inputs: { x: '0101' } });
  });

  const fails = (shards: ShardFile[], pattern: RegExp) => {
    let err: unknown;
    try {
      mergeShardCertificates(shards, ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BnnuError);
    expect((err as Error).message).toMatch(pattern);
  };

  it('rejects a missing or repeated shard, mixed shard counts and non-shard certificates', () => {
    fails(split(3).slice(0, 2), /no shard 3/);
    const parts = split(2);
    fails([parts[0], parts[0], parts[1]], /shard\.index.*also in/);
    fails([split(2)[0], split(3)[1]], /shard\.count/);
    fails([{ ...parts[0], cert: { ...parts[0].cert, shard: undefined } }, parts[1]], /without shard/);
  });

  it('rejects shards of other files or another method', () => {
    const parts = split(2);
    fails([parts[0], { ...parts[1], cert: { ...parts[1].cert, implementation: { ...impl, sha256: 'c'.repeat(64) } } }], /implementation\.sha256/);
    fails([parts[0], { ...parts[1], cert: { ...parts[1].cert, method: 'smt' } }], /method/);
  });

  it('rejects an obligation covered twice, one that is not in the proof, and one covered by no shard', () => {
    const parts = split(2);
    fails([parts[0], shard(2, 2, [...parts[1].cert.obligations, parts[0].cert.obligations[0]])], /no other shard covers/);
    fails([parts[0], shard(2, 2, [...parts[1].cert.obligations, ob('L9/z[0]/max')])], /an obligation of this proof/);
    fails([parts[0], shard(2, 2, parts[1].cert.obligations.slice(1))], /missing/);
  });
});
