/**
 * The translation pipeline: fixed-point network --bitblast--> AIG
 * --strategy--> BNN, with the BNN's `tensors` filled from the bit-blaster's
 * map of every tensor bit, and `meta` recording how it was made.
 *
 * Strategies sit behind {@link TRANSLATION_STRATEGIES}, so smaller or
 * shallower constructions can be added next to `gates` without touching the
 * pipeline or the CLI.
 * @module
 */
import { type Lit, aigStats } from '../aig/aig.js';
import { bitblastNetwork } from '../bitblast/bitblast.js';
import { type BnnStats, bnnStats } from '../bnn/stats.js';
import { type PortedAig, aigToBnnGates } from '../bnn/strategies/gates.js';
import { aigToBnnThreshold } from '../bnn/strategies/threshold.js';
import type { Bnn } from '../bnn/types.js';
import { BnnuError } from '../errors.js';
import type { Network } from '../network/types.js';
import { toolVersion } from '../version.js';

/** What every strategy receives besides the circuit. */
export interface StrategyParams {
  readonly layered: boolean;
  readonly name: string;
  readonly hints?: ReadonlyMap<string, readonly Lit[]>;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** An AIG -> BNN construction. */
export interface TranslationStrategy {
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  run(circuit: PortedAig, params: StrategyParams): { bnn: Bnn; stats: object; hintsOmitted: readonly string[] };
}

/** The strategies `--strategy` accepts, by name. */
export const TRANSLATION_STRATEGIES: ReadonlyMap<string, TranslationStrategy> = new Map([
  [
    'gates',
    {
      name: 'gates',
      summary: 'one neuron per AND node (the paper construction)',
      run: (circuit: PortedAig, params: StrategyParams) => {
        const { bnn, stats } = aigToBnnGates(circuit, params);
        return { bnn, stats, hintsOmitted: stats.hintsOmitted };
      },
    },
  ],
  [
    'threshold',
    {
      name: 'threshold',
      summary: 'threshold neurons over up to 3 inputs, full-adder sums in one neuron (smaller, shallower)',
      run: (circuit: PortedAig, params: StrategyParams) => {
        const { bnn, stats } = aigToBnnThreshold(circuit, params);
        return { bnn, stats, hintsOmitted: stats.hintsOmitted };
      },
    },
  ],
]);

/**
 * The strategy used when none is named: `threshold`, about half the neurons
 * of `gates` and shallower, proved by the same checks.
 */
export const DEFAULT_STRATEGY = 'threshold';

/** Options of {@link translateNetwork}. */
export interface TranslateOptions {
  /**
   * Strategy name (default `threshold`, the smaller and shallower BNN; `gates`
   * is the paper's one neuron per AND node).
   */
  readonly strategy?: string;
  /** Strictly layered BNN (default false). */
  readonly layered?: boolean;
  /** Where the network came from, recorded in `meta.source`. */
  readonly source?: { readonly file?: string; readonly sha256?: string };
}

/** Figures of one translation. */
export interface TranslateStats {
  readonly strategy: string;
  readonly layered: boolean;
  /** The bit-blasted circuit: AND nodes in the outputs' cone, all AND nodes built, depth. */
  readonly circuit: { readonly ands: number; readonly allAnds: number; readonly depth: number };
  readonly bnn: BnnStats;
  /** The strategy's own figures (for `gates`: {@link GatesStats}). */
  readonly strategyStats: object;
  /** Tensors left out of `bnn.tensors` (bits outside the outputs' cone). */
  readonly hintsOmitted: readonly string[];
  /** Seconds per phase. */
  readonly seconds: { readonly bitblast: number; readonly strategy: number; readonly total: number };
}

/** Look a strategy up, or fail with a usage error listing the known ones. */
export function translationStrategy(name: string): TranslationStrategy {
  const s = TRANSLATION_STRATEGIES.get(name);
  if (!s) throw new BnnuError('usage', `unknown strategy ${JSON.stringify(name)}; expected one of ${[...TRANSLATION_STRATEGIES.keys()].join(', ')}`);
  return s;
}

/**
 * Translate a validated network into a BNN that computes the same output bits
 * for every input. `bnn.tensors` maps every tensor of the network whose bits
 * all have signals to their signal ids.
 * @example
 * ```ts
 * import { readNetworkFile, translateNetwork } from 'bnn-universal';
 * const { bnn, stats } = translateNetwork(readNetworkFile('examples/mlp4.json'));
 * console.log(bnn.inputs, stats.bnn.neurons > 0); // [ { name: 'x', bits: 16 } ] true
 * ```
 */
export function translateNetwork(net: Network, options: TranslateOptions = {}): { bnn: Bnn; stats: TranslateStats } {
  const strategy = translationStrategy(options.strategy ?? DEFAULT_STRATEGY);
  const t0 = performance.now();
  const { circuit, tensorLits } = bitblastNetwork(net);
  const t1 = performance.now();
  const layered = options.layered ?? false;
  const meta: Record<string, unknown> = { tool: toolVersion(), strategy: strategy.name, layered };
  if (options.source) meta.source = { ...options.source };
  const r = strategy.run(circuit, { layered, name: net.name, hints: tensorLits, meta });
  const t2 = performance.now();
  const a = aigStats(circuit.aig);
  const stats: TranslateStats = {
    strategy: strategy.name,
    layered,
    circuit: { ands: a.liveAnds, allAnds: a.ands, depth: a.depth },
    bnn: bnnStats(r.bnn),
    strategyStats: r.stats,
    hintsOmitted: r.hintsOmitted,
    seconds: { bitblast: (t1 - t0) / 1000, strategy: (t2 - t1) / 1000, total: (performance.now() - t0) / 1000 },
  };
  return { bnn: r.bnn, stats };
}

/**
 * Translate a circuit (an AIG with ports, e.g. read from AIGER or BLIF) into
 * an equivalent BNN. No tensor hints: a circuit has none.
 */
export function translateCircuit(circuit: PortedAig, name: string, options: TranslateOptions = {}): { bnn: Bnn; stats: TranslateStats } {
  const strategy = translationStrategy(options.strategy ?? DEFAULT_STRATEGY);
  const t0 = performance.now();
  const layered = options.layered ?? false;
  const meta: Record<string, unknown> = { tool: toolVersion(), strategy: strategy.name, layered };
  if (options.source) meta.source = { ...options.source };
  const r = strategy.run(circuit, { layered, name, meta });
  const t1 = performance.now();
  const a = aigStats(circuit.aig);
  return {
    bnn: r.bnn,
    stats: {
      strategy: strategy.name,
      layered,
      circuit: { ands: a.liveAnds, allAnds: a.ands, depth: a.depth },
      bnn: bnnStats(r.bnn),
      strategyStats: r.stats,
      hintsOmitted: r.hintsOmitted,
      seconds: { bitblast: 0, strategy: (t1 - t0) / 1000, total: (performance.now() - t0) / 1000 },
    },
  };
}
