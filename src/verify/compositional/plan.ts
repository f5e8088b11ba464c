/**
 * Building a compositional proof of "network == BNN": bit-blast the network
 * with its trace, map the trace's literals onto the BNN, check the dataflow
 * against the spec, and list the obligations (with stable ids) that remain to
 * be decided on the BNN.
 * @module
 */
import { bitblastNetwork } from '../../bitblast/bitblast.js';
import type { Bnn } from '../../bnn/types.js';
import { type Network, layerInputs } from '../../network/types.js';
import type { Circuit } from '../model.js';
import { type Dataflow, checkDataflow } from './dataflow.js';
import { type Job, entryJobs, outputJobs } from './obligations.js';
import type { Aig } from '../../aig/aig.js';
import { type AigMap, ProofBuilder, type ProofProgram } from './proof-circuit.js';
import { SignatureIndex } from './signatures.js';

/** Seconds spent in each phase of building the plan. */
export interface PlanPhases {
  bitblast: number;
  map: number;
  dataflow: number;
  obligations: number;
}

/** Figures of a plan. */
export interface PlanStats {
  /** Trace entries checked. */
  readonly entries: number;
  /** Adders checked one by one. */
  readonly adders: number;
  /** AIG variables that matched no BNN neuron and got a ghost gate. */
  readonly ghostVars: number;
  /** Ghost gates in the proof circuit (the constant and ghost sums included). */
  readonly ghosts: number;
  /** Obligations decided the slow way (no adder route). */
  readonly wholeOps: number;
  /** Tensor bits paired with the BNN's signal for them by hint (structure could not). */
  readonly hinted: number;
}

/** Everything needed to decide the obligations. */
export interface ProofPlan {
  readonly program: ProofProgram;
  /** All obligations, sorted by id. */
  readonly jobs: readonly Job[];
  readonly phases: PlanPhases;
  readonly stats: PlanStats;
  /** The network's circuit (for counterexample search). */
  readonly circuit: Circuit;
  readonly dataflow: Dataflow;
}

/**
 * Plan the proof that `bnn` computes `net`. Ports must already match (same
 * names and widths, in order). Never throws on a wrong or unrelated BNN: it
 * only produces obligations that will fail.
 */
export function planProof(net: Network, bnn: Bnn): ProofPlan {
  const phases: PlanPhases = { bitblast: 0, map: 0, dataflow: 0, obligations: 0 };
  let t = performance.now();
  const lap = (k: keyof PlanPhases) => {
    const now = performance.now();
    phases[k] += (now - t) / 1000;
    t = now;
  };
  const { circuit, trace } = bitblastNetwork(net, { trace: true });
  lap('bitblast');
  const pb = new ProofBuilder(bnn);
  const am = pb.mapAig(circuit.aig);
  lap('map');
  const df = checkDataflow(net, trace!, circuit.aig);
  lap('dataflow');
  const hinted = pairTensorBits(net, bnn, df, circuit.aig, pb, am);
  lap('map');
  const jobs: Job[] = [];
  if (df.inputProblem) jobs.push(decided('inputs', 'the network input words are the BNN input bits', 'refuted', df.inputProblem, 'dataflow'));
  else jobs.push(decided('inputs', 'the network input words are the BNN input bits', 'proved', 'port bits, in order', 'dataflow'));
  for (const l of df.layers) {
    const claim = `layer ${l.name}: the word operations compute the layer arithmetic of the spec`;
    jobs.push(decided(`dataflow/${l.name}`, claim, l.problem ? 'refuted' : 'proved', l.problem ?? 'matches the spec', 'dataflow'));
  }
  const needed = layersInOutputCone(net);
  jobs.push(...entryJobs({ ...df, used: df.used.filter((u) => needed.has(u.layer)) }, am, pb));
  jobs.push(...outputJobs(net, bnn, df, am));
  jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < jobs.length; i++) if (jobs[i].id === jobs[i - 1].id) throw new Error(`compositional: duplicate obligation id ${jobs[i].id}`);
  const program = pb.build();
  lap('obligations');
  let adders = 0;
  let wholeOps = 0;
  for (const j of jobs) {
    for (const c of j.checks) if (c.kind === 'compression') adders += c.adders.length / 6;
    if (j.note) wholeOps++;
  }
  const stats: PlanStats = { entries: df.used.length, adders, ghostVars: am.ghostVars, ghosts: pb.numGhosts, wholeOps, hinted };
  return { program, jobs, phases, stats, circuit, dataflow: df };
}

/**
 * The layers whose outputs reach a network output (backwards from the output
 * tensors). Only their word operations become obligations: the others cannot
 * change an output bit, and a BNN need not compute them at all (a
 * translation leaves them out, so claims about them could only fail).
 */
export function layersInOutputCone(net: Network): Set<string> {
  const byOutput = new Map(net.layers.map((l) => [l.output, l]));
  const needed = new Set<string>();
  const todo = [...net.outputs];
  for (let t = todo.pop(); t !== undefined; t = todo.pop()) {
    const l = byOutput.get(t);
    if (!l || needed.has(l.name)) continue;
    needed.add(l.name);
    todo.push(...layerInputs(l));
  }
  return needed;
}

/**
 * Tensor bits that structure did not pair with a BNN signal get the BNN's
 * own signal for the bit when it has one (the `tensors` hint; for network
 * outputs also the output port) and its signature agrees. A BNN that covers
 * several gates per neuron keeps tensor bits as signals, but a neuron whose
 * cut simplifies the AIG's logic is not recognised by local matching; without
 * the pairing, the claims would be about a ghost of the bit and the BNN's
 * signal would need a separate, expensive equality proof. Returns how many
 * bits were paired this way.
 */
function pairTensorBits(net: Network, bnn: Bnn, df: Dataflow, g: Aig, pb: ProofBuilder, am: AigMap): number {
  let index: SignatureIndex | undefined;
  let paired = 0;
  const ports = new Map(bnn.outputs.map((p) => [p.name, p.bits]));
  for (const [name, words] of df.words) {
    const B = net.tensors.get(name)?.type.bits ?? 0;
    const candidates = [bnn.tensors?.[name], ports.get(name)];
    words.forEach((w, k) => {
      for (let i = 0; i < Math.min(B, w.bits.length); i++) {
        const l = w.bits[i];
        const v = l >>> 1;
        if (v === 0 || g.isInput(v) || am.matched(v)) continue;
        index ??= new SignatureIndex(g, pb.base);
        for (const list of candidates) {
          const sig = list?.[k * B + i];
          if (sig === undefined || !Number.isInteger(sig) || sig < 0 || sig >= pb.bnnSignals) continue;
          // The hint is the bit's signal: proof literal 2 * sig equals AIG literal l.
          if (index.agrees(l, 2 * sig)) {
            am.seed(v, (2 * sig) ^ (l & 1));
            paired++;
            break;
          }
        }
      }
    });
  }
  return paired;
}

function decided(id: string, claim: string, result: 'proved' | 'refuted' | 'unknown', detail: string, method: string): Job {
  return { id, claim, checks: [], decided: { result, detail, method } };
}
