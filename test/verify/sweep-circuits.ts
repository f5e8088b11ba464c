/** Small circuit generators for the sweep tests: equal functions, different structures. */
import { Aig, type Lit, not } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';

/** Ripple-carry a + b (n+1 bits). */
export function rippleAdd(g: Aig, a: Lit[], b: Lit[]): Lit[] {
  const out: Lit[] = [];
  let c = 0 as Lit;
  for (let i = 0; i < a.length; i++) {
    out.push(g.xor(g.xor(a[i], b[i]), c));
    c = g.maj(a[i], b[i], c);
  }
  out.push(c);
  return out;
}

/** Kogge-Stone parallel-prefix a + b (n+1 bits), built from OR/AND with no XOR sharing. */
export function prefixAdd(g: Aig, a: Lit[], b: Lit[]): Lit[] {
  const n = a.length;
  let gen = a.map((x, i) => g.and(x, b[i]));
  let prop = a.map((x, i) => g.or(g.and(x, not(b[i])), g.and(not(x), b[i])));
  const p0 = prop.slice();
  for (let d = 1; d < n; d *= 2) {
    const ng = gen.slice();
    const np = prop.slice();
    for (let i = d; i < n; i++) {
      ng[i] = g.or(gen[i], g.and(prop[i], gen[i - d]));
      np[i] = g.and(prop[i], prop[i - d]);
    }
    gen = ng;
    prop = np;
  }
  const out: Lit[] = [p0[0]];
  for (let i = 1; i < n; i++) out.push(g.mux(gen[i - 1], not(p0[i]), p0[i]));
  out.push(gen[n - 1]);
  return out;
}

/** Shift-and-add multiplier a * b (2n bits) using the given adder. */
export function multiply(g: Aig, a: Lit[], b: Lit[], add: typeof rippleAdd): Lit[] {
  const n = a.length;
  let acc: Lit[] = Array.from({ length: 2 * n }, () => 0 as Lit);
  for (let j = 0; j < n; j++) {
    const row: Lit[] = Array.from({ length: 2 * n }, (_, k) => (k >= j && k - j < n ? g.and(a[k - j], b[j]) : (0 as Lit)));
    acc = add(g, acc, row).slice(0, 2 * n);
  }
  return acc;
}

/** A circuit of 2n inputs computing f(a, b). */
export function twoOperand(n: number, f: (g: Aig, a: Lit[], b: Lit[]) => Lit[]): Aig {
  const g = new Aig();
  const a = Array.from({ length: n }, (_, i) => g.addInput(`a[${i}]`));
  const b = Array.from({ length: n }, (_, i) => g.addInput(`b[${i}]`));
  f(g, a, b).forEach((l, i) => g.addOutput(l, `y[${i}]`));
  return g;
}

/** A copy of g with one AND fanin complemented (node index taken modulo the AND count). */
export function mutate(g: Aig, k: number, which: 0 | 1): Aig {
  const ands: number[] = [];
  for (let v = 1; v < g.numVars; v++) if (g.isAnd(v)) ands.push(v);
  const target = ands[k % ands.length];
  const h = new Aig();
  const map = new Int32Array(g.numVars);
  g.inputs.forEach((v, i) => (map[v] = h.addInput(g.inputNames[i])));
  const tr = (l: number) => (map[l >>> 1] ^ (l & 1)) as Lit;
  for (let v = 1; v < g.numVars; v++) {
    if (!g.isAnd(v)) continue;
    let a = tr(g.fanin0[v]);
    let b = tr(g.fanin1[v]);
    if (v === target) {
      if (which === 0) a = not(a);
      else b = not(b);
    }
    map[v] = h.and(a, b);
  }
  g.outputs.forEach((o, i) => h.addOutput(tr(o), g.outputNames[i]));
  return h;
}

/** Exhaustive equivalence for up to ~20 inputs. */
export function exhaustivelyEqual(a: Aig, b: Aig): boolean {
  const n = a.inputs.length;
  const patterns = 2 ** n;
  const words = Math.max(1, patterns / 32);
  const iw = new Uint32Array(n * words);
  for (let p = 0; p < patterns; p++) for (let i = 0; i < n; i++) if ((p >>> i) & 1) iw[i * words + (p >>> 5)] |= 1 << (p & 31);
  const va = simulateAig(a, iw, words);
  const vb = simulateAig(b, iw, words);
  const valid = patterns >= 32 ? 0xffffffff : (1 << patterns) - 1;
  return a.outputs.every((oa, k) => {
    const ob = b.outputs[k];
    for (let w = 0; w < words; w++) {
      const x = (va[(oa >>> 1) * words + w] ^ -(oa & 1)) ^ (vb[(ob >>> 1) * words + w] ^ -(ob & 1));
      if ((x & valid) !== 0) return false;
    }
    return true;
  });
}
