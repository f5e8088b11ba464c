/**
 * Checking two model files end to end, as `verify`, `recheck` and the demo
 * do: load both, line up their ports, optionally write the miter as SMT-LIB 2,
 * run the checker, and optionally write a certificate.
 * @module
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { alignModelPorts } from '../io/align.js';
import { loadModel } from '../io/load.js';
import { toolVersion } from '../version.js';
import { certificateToText, certifiedModel, makeCertificate } from '../verify/certificate.js';
import { type CheckResult, checkEquivalence, matchPorts } from '../verify/check.js';
import type { Model } from '../verify/model.js';
import { SMT_MITER_ID } from '../verify/smt.js';
import type { MethodName, ShardSpec } from '../verify/types.js';

/** Options of {@link verifyFiles}. */
export interface VerifyFilesOptions {
  readonly method?: MethodName;
  readonly timeoutSec?: number;
  readonly jobs?: number;
  readonly shard?: ShardSpec;
  /** Verilog top module (for both files). */
  readonly top?: string;
  readonly onProgress?: (done: number, total: number, label?: string) => void;
  /** Write a certificate here. */
  readonly certificate?: string;
  /** Write the miter as SMT-LIB 2 into this directory (one file per obligation). */
  readonly emitSmt2?: string;
}

/** What {@link verifyFiles} did. */
export interface VerifyFilesResult {
  readonly ref: Model;
  readonly impl: Model;
  readonly result: CheckResult;
  /** Files written, by what they are (`certificate`, `smt2`). */
  readonly written: Record<string, string | string[]>;
}

/** Write a text file via a temporary name, so a failure leaves no half file. */
export function writeTextFile(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(path, 'file', 'a writable path', (e as NodeJS.ErrnoException).code ?? String(e));
  }
}

/** Load two model files and line up their ports (exit 2 when they cannot match). */
export async function loadPair(refPath: string, implPath: string, top?: string, timeoutSec?: number): Promise<{ ref: Model; impl: Model }> {
  const start = performance.now();
  const left = () => (timeoutSec === undefined ? undefined : Math.max(0, timeoutSec - (performance.now() - start) / 1000));
  const a = await loadModel(refPath, { top, timeoutSec: left() });
  const b = await loadModel(implPath, { top, timeoutSec: left() });
  const pair = alignModelPorts(a, b);
  matchPorts(pair.ref, pair.impl);
  return pair;
}

/**
 * Check `refPath` against `implPath` and write what was asked (SMT-LIB before
 * the check, so a native solver can take over after a timeout; the
 * certificate after it).
 */
export async function verifyFiles(refPath: string, implPath: string, o: VerifyFilesOptions = {}): Promise<VerifyFilesResult> {
  // Hash before loading and again after the check: the certificate must name
  // exactly the bytes that were checked.
  const certified = () =>
    o.certificate === undefined ? undefined : [certifiedModel(refPath, 'network', o.certificate, o.top), certifiedModel(implPath, 'network', o.certificate, o.top)];
  if (o.certificate !== undefined && !existsSync(dirname(resolve(o.certificate)))) {
    // fail before a long check, not after it
    throw new InputError(o.certificate, 'file', 'a path in an existing directory', `no directory ${dirname(resolve(o.certificate))}`);
  }
  const before = certified();
  // --timeout bounds the whole run, reading Verilog through Yosys included.
  const start = performance.now();
  const left = () => (o.timeoutSec === undefined ? undefined : Math.max(0, o.timeoutSec - (performance.now() - start) / 1000));
  const { ref, impl } = await loadPair(refPath, implPath, o.top, left());
  const written: Record<string, string | string[]> = {};
  if (o.emitSmt2 !== undefined) written.smt2 = await emitSmt2(ref, impl, o.emitSmt2);
  const method = o.method ?? 'auto';
  const result = await checkEquivalence(ref, impl, { method, timeoutSec: left(), jobs: o.jobs, shard: o.shard, onProgress: o.onProgress });
  if (o.certificate !== undefined) {
    const after = certified()!;
    before!.forEach((m, i) => {
      if (m.sha256 !== after[i].sha256) throw new InputError([refPath, implPath][i], 'file', 'a file that stays the same while it is checked', 'a file that changed');
    });
    let z3: string | undefined;
    if (result.method === 'smt') z3 = await (await import('../smt/z3.js')).z3Version();
    const cert = makeCertificate(result, {
      reference: certifiedModel(refPath, ref.kind, o.certificate, o.top),
      implementation: certifiedModel(implPath, impl.kind, o.certificate, o.top),
      requestedMethod: method,
      timeoutSec: o.timeoutSec,
      shard: o.shard,
      tool: toolVersion(),
      z3,
    });
    writeTextFile(o.certificate, certificateToText(cert));
    written.certificate = o.certificate;
  }
  return { ref, impl, result, written };
}

/** Write the miter of the pair as `DIR/miter.smt2`; returns the files written. */
async function emitSmt2(ref: Model, impl: Model, dir: string): Promise<string[]> {
  const { writeSmt2 } = await import('../smt/smt2.js');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(dir, 'directory', 'a directory that can be created', (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const file = join(dir, `${SMT_MITER_ID}.smt2`);
  writeTextFile(file, writeSmt2(ref, impl));
  return [file];
}

/**
 * Prove two model files equal with Z3 and write a certificate: what
 * `bnnu demo` does after its exhaustive proof.
 */
export function proveAndCertify(refPath: string, implPath: string, certificate: string, options: Omit<VerifyFilesOptions, 'method' | 'certificate'> = {}): Promise<VerifyFilesResult> {
  return verifyFiles(refPath, implPath, { ...options, method: 'smt', certificate });
}
