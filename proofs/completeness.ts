/**
 * Functional completeness: NAND is one binarized neuron, so every Boolean
 * function is a BNN; and the translator really builds one for every 3-input
 * function (all 256) and a sample of 4-input ones, with every strategy,
 * free and layered, each proved equal to its truth table exhaustively and
 * with Z3.
 * @module
 */
import { Aig, type Lit } from '../src/aig/aig.js';
import { evaluateBnnOutputs } from '../src/bnn/evaluate.js';
import { readBnnJson } from '../src/bnn/read.js';
import type { Bnn } from '../src/bnn/types.js';
import { encodeBnnOutputs } from '../src/smt/encode-bnn.js';
import { type Z3Bool, z3Terms } from '../src/smt/z3-terms.js';
import { checkSat, withZ3 } from '../src/smt/z3.js';
import { TRANSLATION_STRATEGIES, translateCircuit } from '../src/translate/translate.js';
import { type Theorem, ensure, prng } from './theorem.js';

/** Bit j of truth table `t` (a bigint, so 4-input tables of 16 bits and more are exact). */
const bit = (t: bigint, j: number) => Number((t >> BigInt(j)) & 1n);

/** An AIG computing truth table `t` on n inputs, by Shannon expansion (constants fold). */
export function truthTableAig(n: number, t: bigint): Aig {
  const g = new Aig();
  const xs = Array.from({ length: n }, (_, i) => g.addInput(`x[${i}]`));
  const build = (i: number, offset: number): Lit => {
    if (i < 0) return (bit(t, offset) ? 1 : 0) as Lit;
    return g.mux(xs[i], build(i - 1, offset + 2 ** i), build(i - 1, offset));
  };
  g.addOutput(build(n - 1, 0), 'y[0]');
  return g;
}

/** Whether a one-output BNN on n input bits computes truth table `t`, trying every input. */
function bnnComputes(bnn: Bnn, n: number, t: bigint): boolean {
  for (let j = 0; j < 2 ** n; j++) {
    const ins = Array.from({ length: n }, (_, i) => (j >> i) & 1);
    if (evaluateBnnOutputs(bnn, ins)[0] !== bit(t, j)) return false;
  }
  return true;
}

/** Prove with Z3 that the BNN's output equals the truth table's sum of minterms on every input. */
async function z3Proves(bnn: Bnn, n: number, t: bigint): Promise<boolean> {
  return withZ3(async (z3) => {
    const T = z3Terms(z3);
    const xs = Array.from({ length: n }, (_, i) => T.input(`x${i}`));
    const y = encodeBnnOutputs(T, bnn, xs).values().next().value![0];
    const minterms: Z3Bool[] = [];
    for (let j = 0; j < 2 ** n; j++) if (bit(t, j)) minterms.push(T.and(xs.map((x, i) => ((j >> i) & 1 ? x : T.not(x)))));
    const s = new z3.ctx.Solver();
    s.add(T.xor(y, T.or(minterms)));
    return (await checkSat(z3, s)).status === 'unsat';
  });
}

/** NAND as one neuron: weights -1, -1 and bias +1. */
export const nandIsANeuron: Theorem = {
  id: 'nand-neuron',
  statement: 'NAND is one neuron (weights -1, -1, bias +1), so BNNs are functionally complete',
  method: 'exhaustive + Z3',
  async check() {
    const nand = readBnnJson(
      { format: 'bnn/1', name: 'nand', inputs: [{ name: 'x', bits: 2 }], layers: [{ neurons: [{ inputs: [0, 1], weights: [-1, -1], bias: 1 }] }], outputs: [{ name: 'y', bits: [2] }] },
      'nand',
    );
    const table = 0b0111n; // false only when both inputs are 1
    ensure(bnnComputes(nand, 2, table), 'the neuron is not NAND on some input');
    ensure(await z3Proves(nand, 2, table), 'Z3 finds an input where the neuron is not NAND');
    return 'sum = -a - b + 1 is -1 only for a = b = +1; every function is a circuit of NANDs';
  },
};

/** Translate every table with every strategy, free and layered; check each result both ways. */
async function translateAndProve(n: number, tables: readonly bigint[]): Promise<string> {
  let proofs = 0;
  let neurons = 0;
  for (const t of tables) {
    const aig = truthTableAig(n, t);
    const circuit = { aig, inputs: [{ name: 'x', width: n }], outputs: [{ name: 'y', width: 1 }] };
    for (const strategy of TRANSLATION_STRATEGIES.keys()) {
      for (const layered of [false, true]) {
        const { bnn } = translateCircuit(circuit, `f${t}`, { strategy, layered });
        const what = `${n}-input function ${t.toString(2).padStart(2 ** n, '0')} (${strategy}${layered ? ', layered' : ''})`;
        ensure(bnnComputes(bnn, n, t), `${what}: the BNN differs from the truth table on some input`);
        ensure(await z3Proves(bnn, n, t), `${what}: Z3 finds an input where the BNN differs`);
        proofs++;
        neurons += bnn.numNeurons;
      }
    }
  }
  return `${tables.length} functions x ${TRANSLATION_STRATEGIES.size} strategies x free/layered = ${proofs} BNNs (${neurons} neurons), each equal to its truth table`;
}

/** All 256 functions of 3 inputs. */
export const allThreeInput: Theorem = {
  id: 'three-input',
  statement: 'every one of the 256 three-input Boolean functions is translated into a BNN equal to it',
  method: 'exhaustive + Z3',
  check: () => translateAndProve(3, Array.from({ length: 256 }, (_, t) => BigInt(t))),
};

/** A sample of 4-input functions (fixed seed), plus constants, parity and its complement. */
export const sampleFourInput: Theorem = {
  id: 'four-input',
  statement: 'a sample of 4-input Boolean functions (150 random, fixed seed, plus constants, parity and its complement) are translated into BNNs equal to them',
  method: 'exhaustive + Z3',
  check: () => {
    const rnd = prng(20240601);
    const parity = BigInt(0b0110100110010110);
    const tables = [0n, 0xffffn, parity, parity ^ 0xffffn, ...Array.from({ length: 150 }, () => BigInt(Math.floor(rnd() * 65536)))];
    return translateAndProve(4, tables);
  },
};
