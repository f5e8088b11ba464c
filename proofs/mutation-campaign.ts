/**
 * The larger mutation campaign (not part of `npm test`):
 *   node dist/proofs/mutation-campaign.js [RUNS] [--seed N] [--methods smt,sweep]
 * Mutates random BNNs (flip a weight, change a bias, rewire an input) and
 * random dense networks and CNNs (change a weight by one, change a rounding
 * or overflow mode; checked against the original's translation), decides the
 * truth by exhaustive simulation, and holds every listed checker method to
 * it: `different` exactly when a difference exists (with a counterexample the
 * driver replayed), never `equivalent` for a mutant that differs. `unknown`
 * is counted, not a failure. Exits 1 on any wrong verdict.
 * @module
 */
import fc from 'fast-check';
import { readBnnJson } from '../src/bnn/read.js';
import { bnnToJson } from '../src/bnn/write.js';
import { validateNetwork } from '../src/network/read.js';
import { shutdownZ3 } from '../src/smt/z3.js';
import { type NetworkJson, cnnNetworkArb, denseNetworkArb } from '../src/testing/arbitraries.js';
import { bnnArb } from '../src/testing/bnn-arbitraries.js';
import { translateNetwork } from '../src/translate/translate.js';
import { checkEquivalence } from '../src/verify/check.js';
import { type Model, evaluateModel, inputWidth, modelInputs, splitPorts } from '../src/verify/model.js';
import type { MethodName } from '../src/verify/types.js';
import { bnnMutationArb, mutateBnn, mutateNetwork, netMutationArb } from './mutations.js';

/** Whether two models differ on some input, trying every input. */
function differExhaustively(a: Model, b: Model): boolean {
  const ports = modelInputs(a);
  const n = inputWidth(a);
  for (let v = 0; v < 2 ** n; v++) {
    const ins = splitPorts(ports, Uint8Array.from({ length: n }, (_, i) => (v >> i) & 1));
    const x = evaluateModel(a, ins);
    const y = evaluateModel(b, ins);
    for (const [k, bits] of x) if (bits.some((bit, i) => bit !== y.get(k)![i])) return true;
  }
  return false;
}

/** Tallies per method: verdicts that matched the truth, unknowns, wrong verdicts. */
type Tally = Record<string, { right: number; unknown: number; wrong: number }>;

async function judge(a: Model, b: Model, methods: readonly MethodName[], tally: Tally, label: string): Promise<void> {
  const truth = differExhaustively(a, b) ? 'different' : 'equivalent';
  for (const method of methods) {
    const t = (tally[`${label} ${method} (${truth})`] ??= { right: 0, unknown: 0, wrong: 0 });
    const r = await checkEquivalence(a, b, { method, timeoutSec: 30 });
    if (r.verdict === 'unknown') t.unknown++;
    else if (r.verdict === truth) t.right++;
    else {
      t.wrong++;
      throw new Error(`${method} said ${r.verdict} for a mutant that is ${truth}`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const runs = Number(argv.find((a) => /^\d+$/.test(a)) ?? 1000);
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : Date.now() % 2 ** 31;
  const methodsAt = argv.indexOf('--methods');
  const methods = (methodsAt >= 0 ? argv[methodsAt + 1].split(',') : ['smt']) as MethodName[];
  const tally: Tally = {};
  process.stdout.write(`mutation campaign: ${runs} runs per family, seed ${seed}, methods ${methods.join(', ')}\n`);
  const params = { numRuns: runs, seed, endOnFailure: true };
  const bnnProp = fc.asyncProperty(bnnArb({ maxInputBits: 8, maxBias: 4, maxFanIn: 5, maxLayers: 4, maxNeuronsPerLayer: 6 }), bnnMutationArb, async (json, m) => {
    const mutant = mutateBnn(json, m);
    fc.pre(mutant !== undefined);
    await judge({ kind: 'bnn', file: 'original', bnn: readBnnJson(json, 'original') }, { kind: 'bnn', file: 'mutant', bnn: readBnnJson(mutant!, 'mutant') }, methods, tally, 'bnn');
  });
  const netProp = (arb: fc.Arbitrary<NetworkJson>, label: string) =>
    fc.asyncProperty(arb.filter((j) => inputWidth({ kind: 'network', file: '', network: validateNetwork(j, 'n') }) <= 12), netMutationArb, async (json, m) => {
      const mutantJson = mutateNetwork(json, m);
      fc.pre(mutantJson !== undefined);
      const bnn = translateNetwork(validateNetwork(json, 'original')).bnn;
      const impl: Model = { kind: 'bnn', file: 'original.bnn', bnn: readBnnJson(JSON.parse(JSON.stringify(bnnToJson(bnn))), 'original.bnn') };
      await judge({ kind: 'network', file: 'mutant', network: validateNetwork(mutantJson, 'mutant') }, impl, methods, tally, label);
    });
  let failed = false;
  for (const [label, prop] of [['bnn', bnnProp], ['dense', netProp(denseNetworkArb({ maxBits: 4, maxWidth: 3, maxLayers: 3 }), 'dense')], ['cnn', netProp(cnnNetworkArb({ maxBits: 3, maxWidth: 3, maxLayers: 2 }), 'cnn')]] as const) {
    const start = performance.now();
    const out = await fc.check(prop as fc.IAsyncProperty<unknown>, params);
    process.stdout.write(`${label}: ${out.numRuns} mutants in ${((performance.now() - start) / 1000).toFixed(1)} s${out.failed ? ' FAILED' : ''}\n`);
    if (out.failed) {
      failed = true;
      process.stdout.write(fc.defaultReportMessage(out) + '\n');
    }
  }
  process.stdout.write('\nfamily, method (truth)               right  unknown  wrong\n');
  for (const [k, t] of Object.entries(tally).sort()) process.stdout.write(`${k.padEnd(36)} ${String(t.right).padStart(5)}  ${String(t.unknown).padStart(7)}  ${String(t.wrong).padStart(5)}\n`);
  await shutdownZ3();
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`mutation-campaign: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(4);
  },
);
