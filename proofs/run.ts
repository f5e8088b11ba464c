/**
 * `npm run proofs`: check the paper's statements and print a table of
 * theorem, method, result and time. Exits non-zero when any check fails.
 * Arguments select theorems by id (default: all).
 * @module
 */
import { shutdownZ3 } from '../src/smt/z3.js';
import { allThreeInput, nandIsANeuron, sampleFourInput } from './completeness.js';
import { parityRule } from './parity.js';
import type { Theorem } from './theorem.js';
import { oneNeuronFunctions, smallestXor } from './two-input.js';
import { wordGenerators } from './words.js';

/** Every theorem, in the order they are printed. */
export const THEOREMS: readonly Theorem[] = [oneNeuronFunctions, smallestXor, nandIsANeuron, allThreeInput, sampleFourInput, parityRule, wordGenerators];

/** One row of the table. */
interface Row {
  readonly theorem: Theorem;
  readonly ok: boolean;
  readonly account: string;
  readonly seconds: number;
}

function table(rows: readonly Row[]): string {
  const head = ['theorem', 'method', 'result', 'time'];
  const cells = rows.map((r) => [r.theorem.id, r.theorem.method, r.ok ? 'proved' : 'FAILED', `${r.seconds.toFixed(2)} s`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => !THEOREMS.some((t) => t.id === a));
  if (unknown.length) {
    process.stderr.write(`proofs: unknown theorem ${unknown.join(', ')}; expected ids ${THEOREMS.map((t) => t.id).join(', ')}\n`);
    return 2;
  }
  const chosen = args.length ? THEOREMS.filter((t) => args.includes(t.id)) : THEOREMS;
  const rows: Row[] = [];
  for (const theorem of chosen) {
    const start = performance.now();
    let ok = true;
    let account: string;
    try {
      account = await theorem.check();
    } catch (e) {
      ok = false;
      account = e instanceof Error ? e.message : String(e);
    }
    const row = { theorem, ok, account, seconds: (performance.now() - start) / 1000 };
    rows.push(row);
    process.stdout.write(`${ok ? 'proved' : 'FAILED'}  ${theorem.id}: ${theorem.statement}\n        ${account}\n`);
  }
  process.stdout.write(`\n${table(rows)}\n`);
  const failed = rows.filter((r) => !r.ok).length;
  process.stdout.write(failed ? `\n${failed} of ${rows.length} FAILED\n` : `\nall ${rows.length} proved\n`);
  await shutdownZ3();
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`proofs: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(4);
  },
);
