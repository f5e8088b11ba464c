/** Hand-built circuits for the checker tests. */
import { Aig, type Lit } from '../../src/aig/aig.js';
import type { Circuit, Model } from '../../src/verify/model.js';

/** Ripple-carry sum of two literal vectors of equal length (carry out dropped). */
function add(g: Aig, a: Lit[], b: Lit[]): Lit[] {
  let c = 0 as Lit;
  return a.map((x, i) => {
    const s = g.xor(g.xor(x, b[i]), c);
    c = g.maj(x, b[i], c);
    return s;
  });
}

/**
 * An n x n -> n bit array multiplier, ports a, b -> p. With `swap` the
 * partial products are formed the other way round (b times a), which gives
 * a structurally different circuit for the same function: a classic hard
 * equivalence problem for SAT-based checkers once n grows.
 */
export function multiplier(n: number, swap = false): Circuit {
  const g = new Aig();
  const a = Array.from({ length: n }, (_, i) => g.addInput(`a[${i}]`));
  const b = Array.from({ length: n }, (_, i) => g.addInput(`b[${i}]`));
  const [x, y] = swap ? [b, a] : [a, b];
  let acc: Lit[] = Array.from({ length: n }, () => 0 as Lit);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: n }, (_, j) => (j < i ? (0 as Lit) : g.and(x[j - i], y[i])));
    acc = add(g, acc, row);
  }
  acc.forEach((l, i) => g.addOutput(l, `p[${i}]`));
  return { aig: g, inputs: [{ name: 'a', width: n }, { name: 'b', width: n }], outputs: [{ name: 'p', width: n }] };
}

/** A circuit model. */
export function circuitModel(c: Circuit, file: string): Model {
  return { kind: 'circuit', file, circuit: c, format: 'aig' };
}
