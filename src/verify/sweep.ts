/**
 * The `sweep` engine: SAT sweeping on the miter of any two models.
 *
 * Networks are bit-blasted, BNNs turned into threshold circuits, circuits
 * used as they are; the two AIGs share their inputs in one miter, which
 * {@link sweepMiter} decides (random and guided simulation, SAT sweeping with
 * merging, then the output pairs). When one side is a network, its tensors'
 * bits are candidate cut points: internal wires of the other side that match
 * them by simulation are proved equal first (more SAT effort) and reported,
 * e.g. `cut h: 30/32 bits matched, 30 proved`; where a wrong circuit stops
 * matching is the best hint of where it goes wrong.
 *
 * Trust: 'equivalent' rests on the SAT solver's unsat answers and on the
 * bit-blaster; the bit-blast is cross-checked against the network
 * interpreter on random inputs before it is used (a disagreement is an
 * internal error, never a verdict). Counterexamples are replayed by the
 * driver on the reference evaluators.
 * @module
 */
import type { Lit } from '../aig/aig.js';
import { simulateAig } from '../aig/simulate.js';
import { bitblastNetwork } from '../bitblast/bitblast.js';
import { bnnToCircuit } from '../bnn/to-aig.js';
import { InternalError } from '../errors.js';
import { bitsToTensor, tensorToBits } from '../fixed/bits.js';
import { interpretNetwork } from '../network/interpret.js';
import type { Network } from '../network/types.js';
import { type Circuit, type Model, modelInputs, modelOutputs, splitPorts } from './model.js';
import { type CutGroup, type SweepOutcome, type SweepParams, sweepMiter } from './sweep/fraig.js';
import { SIDE_A, SIDE_B, buildMiter } from './sweep/miter.js';
import type { CheckOptions, Engine, EngineResult, Obligation } from './types.js';

/** Stable id of the single obligation of the `sweep` engine. */
export const SWEEP_MITER_ID = 'miter';

/** Random inputs on which a bit-blast is compared with the network interpreter. */
const CROSS_CHECK_PATTERNS = 64;

/** A model as a circuit, with the tensor bits when it came from a network. */
interface Side {
  readonly circuit: Circuit;
  readonly network?: Network;
  readonly tensorLits?: Map<string, Lit[]>;
}

/**
 * The SAT-sweeping engine.
 * @example
 * ```ts
 * import { loadModel, checkEquivalence } from 'bnn-universal';
 * const net = await loadModel('examples/mlp4.json');
 * const r = await checkEquivalence(net, net, { method: 'sweep' });
 * console.log(r.verdict); // 'equivalent'
 * ```
 */
export const sweepEngine: Engine = {
  name: 'sweep',
  async check(ref, impl, options): Promise<EngineResult> {
    return checkBySweeping(ref, impl, options);
  },
};

/**
 * Compare two models by SAT sweeping (what {@link sweepEngine} runs);
 * `params` tunes the sweep (simulation words, conflict limits, seed).
 */
export function checkBySweeping(ref: Model, impl: Model, options: CheckOptions = {}, params: SweepParams = {}): EngineResult {
  const start = performance.now();
  const deadline = options.timeoutSec !== undefined ? start + options.timeoutSec * 1000 : (params.deadline ?? Infinity);
  const a = toSide(ref);
  const b = toSide(impl);
  const notes: string[] = [];
  for (const [s, m] of [[a, ref], [b, impl]] as const) {
    if (s.network && s.tensorLits) notes.push(crossCheckBitblast(s.network, s.circuit, s.tensorLits, m.file));
  }
  const miter = buildMiter(a.circuit.aig, b.circuit.aig);
  // Cut points: the tensors of a network side, matched against the other side.
  const cutSide = a.tensorLits ? { side: a, map: miter.mapA, other: SIDE_B } : b.tensorLits ? { side: b, map: miter.mapB, other: SIDE_A } : undefined;
  const cuts = cutSide ? cutGroups(cutSide.side, cutSide.map) : [];
  const outcome = sweepMiter(miter, { ...params, deadline, cuts, otherSide: cutSide?.other, onProgress: options.onProgress ?? params.onProgress });
  const seconds = (performance.now() - start) / 1000;
  notes.push(statsNote(outcome, seconds));
  if (cutSide) notes.push(...cutNotes(outcome, cutSide.side.network!, cutSide.side === a ? impl.file : ref.file));
  const outputBits = modelOutputs(ref).reduce((s, p) => s + p.width, 0);
  const obligation = (result: Obligation['result']): Obligation => ({
    id: SWEEP_MITER_ID,
    claim: `all ${outputBits} output bits of ${ref.file} and ${impl.file} agree on every input`,
    result,
    method: 'sweep',
    seconds,
  });
  switch (outcome.status) {
    case 'equivalent':
      return { verdict: 'equivalent', method: 'sweep', obligations: [obligation('proved')], notes };
    case 'different':
      return { verdict: 'different', method: 'sweep', inputs: splitPorts(modelInputs(ref), outcome.inputs), notes };
    case 'unknown':
      return { verdict: 'unknown', method: 'sweep', reason: outcome.reason, obligations: [obligation('unknown')], notes };
  }
}

/** Every hidden and output tensor of a network side, as miter literals (-1 where not in the miter). */
function cutGroups(side: Side, map: Int32Array): CutGroup[] {
  const inputs = new Set(side.network!.inputs.map((t) => t.name));
  const cuts: CutGroup[] = [];
  for (const [name, lits] of side.tensorLits!) {
    if (inputs.has(name)) continue;
    cuts.push({ name, lits: Int32Array.from(lits, (l) => (map[l >>> 1] < 0 ? -1 : map[l >>> 1] ^ (l & 1))) });
  }
  return cuts;
}

function toSide(m: Model): Side {
  switch (m.kind) {
    case 'circuit':
      return { circuit: m.circuit };
    case 'bnn':
      return { circuit: bnnToCircuit(m.bnn) };
    case 'network': {
      const { circuit, tensorLits } = bitblastNetwork(m.network);
      return { circuit, network: m.network, tensorLits };
    }
  }
}

/**
 * Simulate a network's bit-blast on random inputs and compare every tensor
 * bit with the network interpreter; any difference is an internal error
 * (the sweep would otherwise prove things about the wrong circuit). Returns
 * a note for the report.
 */
export function crossCheckBitblast(net: Network, circuit: Circuit, tensorLits: Map<string, Lit[]>, file: string): string {
  const g = circuit.aig;
  const words = CROSS_CHECK_PATTERNS / 32;
  const inputWords = new Uint32Array(g.inputs.length * words);
  let x = 0x2545f491;
  for (let i = 0; i < inputWords.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    inputWords[i] = x >>> 0;
  }
  const values = simulateAig(g, inputWords, words);
  const bitOf = (l: number, p: number) => ((values[(l >>> 1) * words + (p >>> 5)] >>> (p & 31)) ^ l) & 1;
  for (let p = 0; p < CROSS_CHECK_PATTERNS; p++) {
    const inputs = new Map<string, bigint[]>();
    for (const t of net.inputs) {
      const lits = tensorLits.get(t.name)!;
      inputs.set(t.name, bitsToTensor(Uint8Array.from(lits, (l) => bitOf(l, p)), t.type));
    }
    const tensors = interpretNetwork(net, inputs);
    for (const [name, lits] of tensorLits) {
      const want = tensorToBits(tensors.get(name)!, net.tensors.get(name)!.type);
      for (let i = 0; i < lits.length; i++) {
        if (want[i] !== bitOf(lits[i], p)) {
          throw new InternalError(`bit-blast of ${file} disagrees with the network interpreter on tensor ${name} bit ${i}`);
        }
      }
    }
  }
  return `bit-blast of ${file} agrees with the network interpreter on all ${tensorLits.size} tensors for ${CROSS_CHECK_PATTERNS} random inputs`;
}

function statsNote(o: SweepOutcome, seconds: number): string {
  const s = o.stats;
  const miter = `sweep: miter of ${s.inputs} inputs and ${s.nodes} AND nodes`;
  const how = s.exhaustive ? `all ${2 ** s.inputs} input patterns` : 'random simulation';
  if (s.exhaustive && o.status === 'equivalent') return `${miter}; outputs agree on ${how} (a proof); ${seconds.toFixed(2)} s`;
  if (o.status === 'different' && s.satCalls === 0 && s.refinements === 0) return `${miter}; outputs differ under ${how}; ${seconds.toFixed(2)} s`;
  return (
    `${miter} -> ${s.fraigNodes} after merging; ` +
    `${s.classes} candidate classes (${s.candidates} pairs): ${s.structural} merged by structure, ${s.proved} proved ` +
    `(${s.localProofs} locally), ${s.refuted} refuted, ${s.undecided} undecided; ` +
    `${s.satCalls} SAT calls (${s.globalConflicts} conflicts), ${s.refinements} guided simulations; ` +
    `outputs ${s.outputsProved}/${s.outputPairs} proved; ${seconds.toFixed(2)} s ` +
    `(simulation ${s.simulationSec.toFixed(2)} s, sweep ${s.sweepSec.toFixed(2)} s, outputs ${s.outputSec.toFixed(2)} s)`
  );
}

/**
 * One line per tensor: bits matched by simulation (and proved, when the
 * sweep ran), and the elements with unmatched bits, where a wrong circuit
 * most likely departs from the network.
 */
function cutNotes(o: SweepOutcome, net: Network, otherFile: string): string[] {
  const swept = o.status === 'equivalent' || o.stats.satCalls > 0 || o.stats.exhaustive;
  return o.cuts.map((c) => {
    const live = c.bits - c.constant;
    const constant = c.constant ? ` (+${c.constant} constant)` : '';
    const proved = swept ? `; ${c.proved}/${c.bits} proved equal to a wire there or constant` : '';
    const B = net.tensors.get(c.name)?.type.bits ?? 1;
    const elements = [...new Set(c.unmatched.map((i) => Math.floor(i / B)))];
    const where = elements.length ? `; unmatched element${elements.length > 1 ? 's' : ''} ${elements.slice(0, 12).join(', ')}${elements.length > 12 ? ', ...' : ''}` : '';
    return `cut ${c.name}: ${c.matched}/${live} bits matched by simulation in ${otherFile}${constant}${proved}${where}`;
  });
}
