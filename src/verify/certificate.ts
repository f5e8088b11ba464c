/**
 * Certificates: what a check proved, about which files, how, when, and with
 * which tools, so that `bnnu recheck` can re-run it and notice when a model
 * file has changed.
 *
 * Format `bnnu-certificate/1` (JSON):
 * - `reference`, `implementation`: each model's `path` (relative to the
 *   certificate's directory, so a directory can be moved whole), `sha256` of
 *   the file's bytes, `kind`, and the Verilog `top` when one was given;
 * - `verdict`, `method` (the engine that decided), `requestedMethod`,
 *   `timeoutSec`, `seconds`;
 * - `obligations`: every proof obligation with a stable `id` (sorted by id),
 *   its `claim`, `result` (`proved` | `refuted` | `unknown`), `method` and
 *   solver `seconds`. Merging shards is a union of obligations by id;
 * - `shard`: present on a partial certificate that covers shard `index` of
 *   `count` (1-based) of the obligations; its verdict is never `equivalent`;
 * - `counterexample`: for `different`, the input port bits (strings, least
 *   significant bit first) that separate the models;
 * - `tool` (bnn-universal version), `z3` (Z3 version, when Z3 ran), `date`
 *   (ISO 8601).
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError, describeValue } from '../errors.js';
import { bitsToString } from '../fixed/bits.js';
import type { CheckResult } from './check.js';
import type { MethodName, Obligation, PortBits, ShardSpec } from './types.js';

/** The format tag of certificate files. */
export const CERTIFICATE_FORMAT = 'bnnu-certificate/1';

/** One model a certificate speaks about. */
export interface CertifiedModel {
  /** Path relative to the certificate's directory (or absolute). */
  readonly path: string;
  /** SHA-256 of the file's bytes, lowercase hex. */
  readonly sha256: string;
  readonly kind: 'network' | 'bnn' | 'circuit';
  /** Verilog top module, when one was given. */
  readonly top?: string;
}

/** A certificate (see the module description for the meaning of each field). */
export interface Certificate {
  readonly format: typeof CERTIFICATE_FORMAT;
  readonly verdict: 'equivalent' | 'different' | 'unknown';
  readonly method: string;
  readonly requestedMethod: MethodName;
  readonly reference: CertifiedModel;
  readonly implementation: CertifiedModel;
  readonly obligations: readonly Obligation[];
  readonly shard?: ShardSpec;
  readonly timeoutSec?: number;
  readonly seconds: number;
  readonly reason?: string;
  readonly counterexample?: { readonly inputs: Readonly<Record<string, string>> };
  readonly tool: string;
  readonly z3?: string;
  readonly date: string;
}

/** SHA-256 of a file's bytes, lowercase hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A model file as the certificate at `certPath` records it. */
export function certifiedModel(file: string, kind: CertifiedModel['kind'], certPath: string, top?: string): CertifiedModel {
  const path = relative(dirname(resolve(certPath)), resolve(file)) || file;
  return { path, sha256: sha256File(file), kind, ...(top !== undefined ? { top } : {}) };
}

/** Where a certified model's file is, given the certificate's own path. */
export function certifiedModelPath(m: CertifiedModel, certPath: string): string {
  return isAbsolute(m.path) ? m.path : resolve(dirname(resolve(certPath)), m.path);
}

/** What {@link makeCertificate} needs besides the check result. */
export interface CertificateContext {
  readonly reference: CertifiedModel;
  readonly implementation: CertifiedModel;
  readonly requestedMethod: MethodName;
  readonly timeoutSec?: number;
  readonly shard?: ShardSpec;
  readonly tool: string;
  readonly z3?: string;
  readonly date?: Date;
}

/** Port bits as strings, least significant bit first. */
function bitStrings(p: PortBits): Record<string, string> {
  return Object.fromEntries([...p].map(([k, v]) => [k, bitsToString(v)]));
}

/** The certificate of a check result. */
export function makeCertificate(result: CheckResult, c: CertificateContext): Certificate {
  const obligations = [...(result.obligations ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: CERTIFICATE_FORMAT,
    verdict: result.verdict,
    method: result.method,
    requestedMethod: c.requestedMethod,
    reference: c.reference,
    implementation: c.implementation,
    obligations,
    ...(c.shard ? { shard: c.shard } : {}),
    ...(c.timeoutSec !== undefined ? { timeoutSec: c.timeoutSec } : {}),
    seconds: result.seconds,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
    ...(result.counterexample ? { counterexample: { inputs: bitStrings(result.counterexample.inputs) } } : {}),
    tool: c.tool,
    ...(c.z3 !== undefined ? { z3: c.z3 } : {}),
    date: (c.date ?? new Date()).toISOString(),
  };
}

/** The certificate as the text of its file. */
export function certificateToText(cert: Certificate): string {
  return JSON.stringify(cert, null, 2) + '\n';
}

const METHODS: readonly string[] = ['auto', 'exhaustive', 'smt', 'sweep', 'compositional'];
const VERDICTS: readonly string[] = ['equivalent', 'different', 'unknown'];
const RESULTS: readonly string[] = ['proved', 'refuted', 'unknown'];
const KINDS: readonly string[] = ['network', 'bnn', 'circuit'];

type Json = Record<string, unknown>;

/**
 * Validate parsed JSON as a certificate; errors name the file and the field
 * (`obligations[2].result`), exit 2.
 */
export function validateCertificate(json: unknown, file: string): Certificate {
  const fail = (place: string, expected: string, v: unknown): never => {
    throw new InputError(file, place, expected, describeValue(v));
  };
  const obj = (v: unknown, place: string): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : fail(place, 'an object', v));
  const str = (v: unknown, place: string): string => (typeof v === 'string' ? v : fail(place, 'a string', v));
  const num = (v: unknown, place: string): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(place, 'a non-negative number', v));
  const oneOf = (v: unknown, place: string, allowed: readonly string[]): string => (typeof v === 'string' && allowed.includes(v) ? v : fail(place, `one of ${allowed.join(', ')}`, v));
  const o = obj(json, 'certificate');
  if (o.format !== CERTIFICATE_FORMAT) fail('format', JSON.stringify(CERTIFICATE_FORMAT), o.format);
  const verdict = oneOf(o.verdict, 'verdict', VERDICTS) as Certificate['verdict'];
  const method = str(o.method, 'method');
  const requestedMethod = oneOf(o.requestedMethod, 'requestedMethod', METHODS) as MethodName;
  const model = (v: unknown, place: string): CertifiedModel => {
    const m = obj(v, place);
    const sha = str(m.sha256, `${place}.sha256`);
    if (!/^[0-9a-f]{64}$/.test(sha)) fail(`${place}.sha256`, '64 lowercase hex digits', sha);
    return { path: str(m.path, `${place}.path`), sha256: sha, kind: oneOf(m.kind, `${place}.kind`, KINDS) as CertifiedModel['kind'], ...(m.top !== undefined ? { top: str(m.top, `${place}.top`) } : {}) };
  };
  if (!Array.isArray(o.obligations)) fail('obligations', 'an array', o.obligations);
  const obligations = (o.obligations as unknown[]).map((v, i): Obligation => {
    const p = `obligations[${i}]`;
    const b = obj(v, p);
    return { id: str(b.id, `${p}.id`), claim: str(b.claim, `${p}.claim`), result: oneOf(b.result, `${p}.result`, RESULTS) as Obligation['result'], method: str(b.method, `${p}.method`), seconds: num(b.seconds, `${p}.seconds`) };
  });
  let shard: ShardSpec | undefined;
  if (o.shard !== undefined) {
    const s = obj(o.shard, 'shard');
    const count = num(s.count, 'shard.count');
    const index = num(s.index, 'shard.index');
    if (!Number.isInteger(count) || count < 1) fail('shard.count', 'a positive integer', count);
    if (!Number.isInteger(index) || index < 1 || index > count) fail('shard.index', `an integer in [1, ${count}]`, index);
    shard = { index, count };
  }
  let counterexample: Certificate['counterexample'];
  if (o.counterexample !== undefined) {
    const inputs = obj(obj(o.counterexample, 'counterexample').inputs, 'counterexample.inputs');
    for (const [k, v] of Object.entries(inputs)) if (typeof v !== 'string' || !/^[01]*$/.test(v)) fail(`counterexample.inputs.${k}`, 'a string of 0 and 1', v);
    counterexample = { inputs: inputs as Record<string, string> };
  }
  return {
    format: CERTIFICATE_FORMAT,
    verdict,
    method,
    requestedMethod,
    reference: model(o.reference, 'reference'),
    implementation: model(o.implementation, 'implementation'),
    obligations,
    ...(shard ? { shard } : {}),
    ...(o.timeoutSec !== undefined ? { timeoutSec: num(o.timeoutSec, 'timeoutSec') } : {}),
    seconds: num(o.seconds, 'seconds'),
    ...(o.reason !== undefined ? { reason: str(o.reason, 'reason') } : {}),
    ...(counterexample ? { counterexample } : {}),
    tool: str(o.tool, 'tool'),
    ...(o.z3 !== undefined ? { z3: str(o.z3, 'z3') } : {}),
    date: str(o.date, 'date'),
  };
}
