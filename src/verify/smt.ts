/**
 * The `smt` engine: one miter over all output bits, decided by Z3
 * (src/smt/). `unsat` is a proof of equivalence (one obligation); `sat`
 * yields input bits that the driver replays before reporting them; a
 * timeout or solver failure is `unknown`.
 * @module
 */
import { proveMiter } from '../smt/prove.js';
import type { Engine, EngineResult, Obligation } from './types.js';

/** Stable id of the single obligation of the `smt` engine. */
export const SMT_MITER_ID = 'miter';

/**
 * The SMT engine.
 * @example
 * ```ts
 * import { loadModel, checkEquivalence } from 'bnn-universal';
 * const net = await loadModel('examples/mlp4.json');
 * const r = await checkEquivalence(net, net, { method: 'smt' });
 * console.log(r.verdict); // 'equivalent'
 * ```
 */
export const smtEngine: Engine = {
  name: 'smt',
  async check(ref, impl, options): Promise<EngineResult> {
    const r = await proveMiter(ref, impl, { timeoutSec: options.timeoutSec, onProgress: options.onProgress });
    const notes = [`Z3 miter over ${r.outputBits} output bits: encoded in ${r.buildSeconds.toFixed(2)} s, solved in ${r.solveSeconds.toFixed(2)} s`];
    const obligation = (result: Obligation['result']): Obligation => ({
      id: SMT_MITER_ID,
      claim: `all ${r.outputBits} output bits of ${ref.file} and ${impl.file} agree on every input`,
      result,
      method: 'smt',
      seconds: r.buildSeconds + r.solveSeconds,
    });
    switch (r.status) {
      case 'unsat':
        return { verdict: 'equivalent', method: 'smt', obligations: [obligation('proved')], notes };
      case 'sat':
        return { verdict: 'different', method: 'smt', inputs: r.inputs!, notes };
      case 'unknown':
        return { verdict: 'unknown', method: 'smt', reason: r.reason ?? 'Z3 returned unknown', obligations: [obligation('unknown')], notes };
    }
  },
};
