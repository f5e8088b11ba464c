/**
 * Bit-parallel simulation: each variable carries W 32-bit words, i.e. 32*W
 * input patterns at once; complemented fanins are applied as an XOR mask.
 * @module
 */
import type { Aig } from './aig.js';

/**
 * Simulate `g` on `words` words per input. `inputWords` holds, for input i,
 * words [i*words, (i+1)*words) (missing words read as 0). Returns the values of
 * every variable, variable v at [v*words, (v+1)*words); var 0 (constant false)
 * is all zeros. `out`, when large enough, is reused (no allocation).
 *
 * @example
 * ```ts
 * import { Aig, simulateAig } from 'bnn-universal';
 * const g = new Aig(); const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * const v = simulateAig(g, Uint32Array.from([0b1100, 0b1010]), 1);
 * // the output var's word is 0b1000
 * ```
 */
export function simulateAig(g: Aig, inputWords: Uint32Array, words: number, out?: Uint32Array): Uint32Array {
  const n = g.numVars;
  const val = out && out.length >= n * words ? out : new Uint32Array(n * words);
  val.fill(0, 0, words);
  const ins = g.inputs;
  for (let i = 0; i < ins.length; i++) {
    const v = ins[i];
    val.fill(0, v * words, (v + 1) * words);
    val.set(inputWords.subarray(i * words, Math.min((i + 1) * words, inputWords.length)), v * words);
  }
  if (words === 1) simulateOneWord(g.fanin0, g.fanin1, n, val);
  else simulateWords(g.fanin0, g.fanin1, n, words, val);
  return val;
}

/** The common single-word case, kept apart so the JIT sees one tight loop. */
function simulateOneWord(f0: Uint32Array, f1: Uint32Array, n: number, val: Uint32Array): void {
  for (let v = 1; v < n; v++) {
    const a = f0[v];
    if (a === 0xffffffff) continue;
    const b = f1[v];
    val[v] = (val[a >>> 1] ^ -(a & 1)) & (val[b >>> 1] ^ -(b & 1));
  }
}

function simulateWords(f0: Uint32Array, f1: Uint32Array, n: number, words: number, val: Uint32Array): void {
  for (let v = 1; v < n; v++) {
    const a = f0[v];
    if (a === 0xffffffff) continue;
    const b = f1[v];
    const ma = -(a & 1);
    const mb = -(b & 1);
    const pa = (a >>> 1) * words;
    const pb = (b >>> 1) * words;
    const pv = v * words;
    for (let w = 0; w < words; w++) val[pv + w] = (val[pa + w] ^ ma) & (val[pb + w] ^ mb);
  }
}

/** The words of literal `l` from a simulation result (complement applied). */
export function litWords(values: Uint32Array, l: number, words: number): Uint32Array {
  const r = values.slice((l >>> 1) * words, ((l >>> 1) + 1) * words);
  if (l & 1) for (let w = 0; w < words; w++) r[w] = ~r[w] >>> 0;
  return r;
}

/**
 * Evaluate `g` on one input assignment (one 0/1 byte per input); returns one
 * 0/1 byte per output.
 */
export function evaluateAig(g: Aig, inputBits: ArrayLike<number>): Uint8Array {
  const words = new Uint32Array(g.inputs.length);
  for (let i = 0; i < g.inputs.length; i++) words[i] = inputBits[i] ? 1 : 0;
  const val = simulateAig(g, words, 1);
  return Uint8Array.from(g.outputs, (o) => (val[o >>> 1] ^ (o & 1)) & 1);
}
