/**
 * `bnnu verify REF IMPL`: prove two models compute the same output bits on
 * every input, or show an input where they differ (replayed on both), or say
 * `unknown` when a limit was hit. Exit 0 equivalent, 1 different, 2 bad
 * input (ports that do not match), 3 unknown, 4 internal error.
 * @module
 */
import { BnnuError } from '../../errors.js';
import type { MethodName, ShardSpec } from '../../verify/types.js';
import { verifyFiles } from '../certify.js';
import { parseCommandArgs, positiveNumber, printJson } from '../options.js';
import { makeProgress } from '../progress.js';
import { verdictExitCode, verdictJson, verdictText } from '../verify-report.js';

const USAGE = `usage: bnnu verify REF IMPL [--method auto|exhaustive|smt|sweep|compositional]
                   [--timeout SEC] [--jobs N] [--certificate CERT.json]
                   [--emit-smt2 DIR] [--top MODULE] [--json]

Prove that REF and IMPL (networks, BNNs, AIGER, BLIF or Verilog files,
matched port by port by name and width) give the same output bits on every
input, or print an input where they differ.

  --method NAME        auto (default: exhaustive for small input spaces;
                       compositional for a network and a BNN with tensor
                       hints; sweep for two circuits; else SMT), exhaustive,
                       smt (Z3 miter), sweep (SAT sweeping), compositional
                       (operation by operation, adder by adder)
  --timeout SEC        give up after SEC seconds: verdict unknown, exit 3
  --jobs N             worker threads (default: all cores)
  --shard I/N          decide only shard I of N of the obligations (1-based;
                       compositional); merge the shards' certificates
  --certificate FILE   write a certificate (hashes, method, obligations,
                       versions, date); re-run it with bnnu recheck FILE
  --emit-smt2 DIR      also write the miter as DIR/miter.smt2 for a native
                       solver (unsat = equivalent)
  --top MODULE         Verilog top module
  --json               print one JSON document

The last line of the text output starts with the verdict: equivalent,
different or unknown. Exit codes: 0 equivalent, 1 different, 2 bad input,
3 unknown, 4 internal error.`;

const METHODS: readonly MethodName[] = ['auto', 'exhaustive', 'smt', 'sweep', 'compositional'];

/** Parse `--shard I/N`. */
export function parseShard(v: string | undefined): ShardSpec | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) throw new BnnuError('usage', `verify: --shard: expected I/N with 1 <= I <= N, found ${JSON.stringify(v)}`);
  return { index, count };
}

/** `bnnu verify`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: o, positionals } = parseCommandArgs(
    'verify',
    args,
    {
      method: { type: 'string', default: 'auto' },
      timeout: { type: 'string' },
      jobs: { type: 'string' },
      shard: { type: 'string' },
      certificate: { type: 'string' },
      'emit-smt2': { type: 'string' },
      top: { type: 'string' },
      json: { type: 'boolean' },
    },
    ['REF', 'IMPL'],
  );
  const method = o.method as MethodName;
  if (!METHODS.includes(method)) throw new BnnuError('usage', `verify: --method: expected one of ${METHODS.join(', ')}, found ${JSON.stringify(o.method)}`);
  const jobs = positiveNumber('verify', 'jobs', o.jobs);
  if (jobs !== undefined && !Number.isInteger(jobs)) throw new BnnuError('usage', `verify: --jobs: expected a positive integer, found ${JSON.stringify(o.jobs)}`);
  const progress = makeProgress('verify');
  let run;
  try {
    run = await verifyFiles(positionals[0], positionals[1], {
      method,
      timeoutSec: positiveNumber('verify', 'timeout', o.timeout),
      jobs,
      shard: parseShard(o.shard),
      top: o.top,
      certificate: o.certificate,
      emitSmt2: o['emit-smt2'],
      onProgress: (d, t, label) => progress.update(d, t, label),
    });
  } finally {
    progress.done();
  }
  const { ref, impl, result, written } = run;
  if (o.json) printJson(verdictJson(ref, impl, result, { written }));
  else process.stdout.write(verdictText(ref, impl, result, { written }));
  return verdictExitCode(result.verdict);
}
