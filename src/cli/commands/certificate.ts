/**
 * `bnnu certificate SUBCOMMAND`: work with certificate files.
 * - `show CERT.json [--json]`: what it proves, about which files, how;
 * - `merge SHARD.json... -o FULL.json [--json]`: join a sharded proof's
 *   partial certificates, checking every obligation is covered once.
 * Subcommands live in {@link SUBCOMMANDS}; each takes the remaining
 * arguments and returns the exit code.
 * @module
 */
import { BnnuError } from '../../errors.js';
import type { Certificate } from '../../verify/certificate.js';
import { parseCommandArgs, printJson } from '../options.js';
import { readCertificateFile } from './recheck.js';

/** A subcommand: a one-line summary and its main. */
export interface Subcommand {
  readonly summary: string;
  main(args: string[]): Promise<number>;
}

/** A certificate as text lines. */
export function describeCertificate(c: Certificate, path: string): string[] {
  const lines = [
    `certificate ${path}`,
    `verdict:        ${c.verdict}${c.shard ? ` (partial: shard ${c.shard.index} of ${c.shard.count})` : ''}${c.reason ? ` (${c.reason})` : ''}`,
    `method:         ${c.method} (asked for ${c.requestedMethod}${c.timeoutSec !== undefined ? `, time limit ${c.timeoutSec} s` : ''}), ${c.seconds.toFixed(2)} s`,
    `reference:      ${c.reference.path} (${c.reference.kind}) sha256 ${c.reference.sha256}`,
    `implementation: ${c.implementation.path} (${c.implementation.kind}) sha256 ${c.implementation.sha256}`,
    `tools:          ${c.tool}${c.z3 ? `, ${c.z3}` : ''}`,
    `date:           ${c.date}`,
    `obligations:    ${c.obligations.length}`,
  ];
  for (const ob of c.obligations) lines.push(`  ${ob.id}: ${ob.result} by ${ob.method} in ${ob.seconds.toFixed(3)} s: ${ob.claim}`);
  if (c.counterexample) lines.push(`counterexample inputs (bits, least significant first): ${Object.entries(c.counterexample.inputs).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return lines;
}

/** The subcommands of `bnnu certificate`. */
export const SUBCOMMANDS: Record<string, Subcommand> = {
  show: {
    summary: 'print what a certificate records',
    async main(args) {
      const { values, positionals } = parseCommandArgs('certificate show', args, { json: { type: 'boolean' } }, ['CERT.json']);
      const cert = readCertificateFile(positionals[0]);
      if (values.json) printJson(cert);
      else process.stdout.write(describeCertificate(cert, positionals[0]).join('\n') + '\n');
      return 0;
    },
  },
  merge: {
    summary: 'join shard certificates (verify --shard I/N) into one: merge A.json B.json ... -o FULL.json',
    main: async (args) => (await import('../certificate-merge.js')).mergeMain(args),
  },
};

function usage(): string {
  return ['usage: bnnu certificate SUBCOMMAND ...', '', ...Object.entries(SUBCOMMANDS).map(([n, s]) => `  ${n.padEnd(8)}${s.summary}`)].join('\n');
}

/** `bnnu certificate`. */
export async function main(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(usage() + '\n');
    return sub === undefined ? 2 : 0;
  }
  const cmd = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!cmd) throw new BnnuError('usage', `certificate: unknown subcommand ${JSON.stringify(sub)}; expected one of ${Object.keys(SUBCOMMANDS).join(', ')}`);
  return cmd.main(rest);
}
