/**
 * `bnnu recheck CERT.json`: re-run the check a certificate records. Fails
 * with exit 2 when a model file is missing or its SHA-256 differs from the
 * recorded one; otherwise reports and exits like `verify` (0, 1, 3). A new
 * verdict that contradicts the recorded one (equivalent against different)
 * means one of the two runs is wrong: exit 4.
 * @module
 */
import { BnnuError, InputError, InternalError } from '../../errors.js';
import { parseJsonText } from '../../io/json.js';
import { readModelBytes } from '../../io/load.js';
import { type Certificate, certifiedModelPath, sha256File, validateCertificate } from '../../verify/certificate.js';
import type { MethodName } from '../../verify/types.js';
import { verifyFiles } from '../certify.js';
import { parseCommandArgs, positiveNumber, printJson } from '../options.js';
import { makeProgress } from '../progress.js';
import { verdictExitCode, verdictJson, verdictText } from '../verify-report.js';

const USAGE = `usage: bnnu recheck CERT.json [--timeout SEC] [--jobs N] [--json]

Re-run the check recorded in CERT.json (written by bnnu verify --certificate)
on the same files, found relative to the certificate's directory. Exit 2 when
a file is missing or has changed since (its SHA-256 differs); otherwise exit
as verify does: 0 equivalent, 1 different, 3 unknown.

  --timeout SEC   time limit (default: the certificate's)
  --jobs N        worker threads
  --json          print one JSON document`;

/** Read and validate a certificate file (exit 2 on any problem). */
export function readCertificateFile(path: string): Certificate {
  return validateCertificate(parseJsonText(readModelBytes(path).toString('utf8'), path), path);
}

/** Fail with exit 2 unless both model files still have their recorded hashes. */
export function checkHashes(cert: Certificate, certPath: string): { ref: string; impl: string } {
  const paths = { ref: certifiedModelPath(cert.reference, certPath), impl: certifiedModelPath(cert.implementation, certPath) };
  for (const [side, m, path] of [['reference', cert.reference, paths.ref], ['implementation', cert.implementation, paths.impl]] as const) {
    readModelBytes(path); // missing or unreadable: exit 2 naming the file
    const now = sha256File(path);
    if (now !== m.sha256) throw new InputError(certPath, `${side}.sha256`, `the hash of ${path} when the certificate was written (${m.sha256})`, `${now}: the file has changed`);
  }
  return paths;
}

/** The method to re-run: the one that decided, when it is an engine name. */
function methodOf(cert: Certificate): MethodName {
  const engines: readonly string[] = ['exhaustive', 'smt', 'sweep', 'compositional'];
  return engines.includes(cert.method) ? (cert.method as MethodName) : cert.requestedMethod;
}

/** `bnnu recheck`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: o, positionals } = parseCommandArgs('recheck', args, { timeout: { type: 'string' }, jobs: { type: 'string' }, json: { type: 'boolean' } }, ['CERT.json']);
  const certPath = positionals[0];
  const cert = readCertificateFile(certPath);
  const paths = checkHashes(cert, certPath);
  const jobs = positiveNumber('recheck', 'jobs', o.jobs);
  if (jobs !== undefined && !Number.isInteger(jobs)) throw new BnnuError('usage', `recheck: --jobs: expected a positive integer, found ${JSON.stringify(o.jobs)}`);
  const progress = makeProgress('recheck');
  let run;
  try {
    run = await verifyFiles(paths.ref, paths.impl, {
      method: methodOf(cert),
      timeoutSec: positiveNumber('recheck', 'timeout', o.timeout) ?? cert.timeoutSec,
      jobs,
      shard: cert.shard,
      top: cert.reference.top ?? cert.implementation.top,
      onProgress: (d, t, label) => progress.update(d, t, label),
    });
  } finally {
    progress.done();
  }
  const { ref, impl, result } = run;
  const was = cert.verdict;
  const now = result.verdict;
  if ((was === 'equivalent' && now === 'different') || (was === 'different' && now === 'equivalent')) {
    throw new InternalError(`recheck of ${certPath}: the certificate says ${was}, but the check now says ${now} on the same files`);
  }
  const lines = [`certificate: ${certPath} (${was} by ${cert.method}, ${cert.date}, ${cert.tool}${cert.z3 ? `, ${cert.z3}` : ''}); files unchanged`];
  if (was !== now) lines.push(`note: the certificate says ${was}; this run says ${now}`);
  if (o.json) printJson({ ...verdictJson(ref, impl, result), certificate: { path: certPath, verdict: was, method: cert.method, date: cert.date, filesUnchanged: true } });
  else process.stdout.write(verdictText(ref, impl, result, { lines }));
  return verdictExitCode(now);
}
