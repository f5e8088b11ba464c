/**
 * Exhaustive search over small BNNs on n input bits, by truth tables.
 *
 * A signal is represented by its truth table over all 2^n inputs (bit j =
 * value on input assignment j). A neuron reads a set of earlier signals with
 * weights +-1 and a bias; with the rule of bnn/1 it fires iff
 * sum(w_i * a_i) + b >= 0 (bit 1 = +1). Only biases in [-k-1, k+1] matter:
 * outside, the sum (in [-k, k]) is always or never >= -b.
 * @module
 */

/** The truth table of a neuron reading `tables` with `weights` and `bias`. */
export function neuronTable(n: number, tables: readonly number[], weights: readonly number[], bias: number): number {
  let out = 0;
  for (let j = 0; j < 2 ** n; j++) {
    let sum = bias;
    tables.forEach((t, i) => (sum += weights[i] * ((t >> j) & 1 ? 1 : -1)));
    if (sum >= 0) out |= 1 << j;
  }
  return out;
}

/** Every truth table one neuron computes from `sources` (any subset, weights, bias). */
export function oneNeuronTables(n: number, sources: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (let subset = 0; subset < 2 ** sources.length; subset++) {
    const ins = sources.filter((_, i) => (subset >> i) & 1);
    const k = ins.length;
    for (let signs = 0; signs < 2 ** k; signs++) {
      const w = ins.map((_, i) => ((signs >> i) & 1 ? -1 : 1));
      for (let b = -k - 1; b <= k + 1; b++) out.add(neuronTable(n, ins, w, b));
    }
  }
  return out;
}

/** Truth table of input bit i on n inputs. */
export function inputTable(n: number, i: number): number {
  let t = 0;
  for (let j = 0; j < 2 ** n; j++) if ((j >> i) & 1) t |= 1 << j;
  return t;
}

/**
 * Fewest neurons of a BNN computing `target` (its last neuron is the
 * output), up to `maxNeurons`; `layered` restricts each neuron to the
 * previous layer's signals (inputs for the first). Returns undefined when
 * none up to the bound exists.
 */
export function smallestBnn(n: number, target: number, maxNeurons: number, layered: boolean): number | undefined {
  const inputs = Array.from({ length: n }, (_, i) => inputTable(n, i));
  for (let size = 1; size <= maxNeurons; size++) {
    if (layered ? layeredSearch(n, target, inputs, size) : freeSearch(n, target, inputs, size)) return size;
  }
  return undefined;
}

/** Can `left` more neurons, each reading any earlier signal, end in `target`? */
function freeSearch(n: number, target: number, signals: readonly number[], left: number): boolean {
  const tables = oneNeuronTables(n, signals);
  if (left === 1) return tables.has(target);
  for (const t of tables) if (!signals.includes(t) && freeSearch(n, target, [...signals, t], left - 1)) return true;
  return false;
}

/** Strictly layered: the last layer is the single output neuron, reading only the layer before. */
function layeredSearch(n: number, target: number, inputs: readonly number[], size: number): boolean {
  // one hidden layer of size-1 neurons reading the inputs, then the output
  const hidden = [...oneNeuronTables(n, inputs)];
  const pick = (from: number, chosen: number[]): boolean => {
    if (chosen.length === size - 1) return oneNeuronTables(n, chosen).has(target);
    for (let i = from; i < hidden.length; i++) if (pick(i + 1, [...chosen, hidden[i]])) return true;
    return false;
  };
  return size === 1 ? oneNeuronTables(n, inputs).has(target) : pick(0, []);
}
