/**
 * Helpers for the format tests: random circuits with random port layouts, and
 * a comparison of two circuits by exhaustive bit-parallel simulation.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { Aig, type Lit } from '../../src/aig/aig.js';
import { simulateAig } from '../../src/aig/simulate.js';
import { InputError } from '../../src/errors.js';
import type { Circuit, PortSpec } from '../../src/verify/model.js';

/** Output bits of a circuit on every input pattern: result[o][p] for pattern p. */
export function truthTables(c: Circuit): Uint8Array[] {
  const n = c.aig.inputs.length;
  if (n > 16) throw new Error('truthTables: too many inputs');
  const patterns = 1 << n;
  const words = Math.max(1, patterns >>> 5);
  const inputs = new Uint32Array(n * words);
  for (let p = 0; p < patterns; p++) for (let i = 0; i < n; i++) if ((p >>> i) & 1) inputs[i * words + (p >>> 5)] |= 1 << (p & 31);
  const val = simulateAig(c.aig, inputs, words);
  return c.aig.outputs.map((o) => {
    const t = new Uint8Array(patterns);
    for (let p = 0; p < patterns; p++) t[p] = ((val[(o >>> 1) * words + (p >>> 5)] >>> (p & 31)) ^ (o & 1)) & 1;
    return t;
  });
}

/** Expect two circuits to have the same ports (names and widths) and the same function. */
export function expectSameCircuit(a: Circuit, b: Circuit): void {
  const strip = (ps: readonly PortSpec[]) => ps.map((p) => ({ name: p.name, width: p.width }));
  expect(strip(b.inputs)).toEqual(strip(a.inputs));
  expect(strip(b.outputs)).toEqual(strip(a.outputs));
  expect(b.aig.inputs.length).toBe(a.aig.inputs.length);
  expect(truthTables(b)).toEqual(truthTables(a));
}

/** Split `total` bits into ports of the given widths (cycled), named by `prefix` and index. */
function layout(total: number, widths: number[], prefix: string): PortSpec[] {
  const ports: PortSpec[] = [];
  let left = total;
  for (let k = 0; left > 0; k++) {
    const w = Math.min(left, widths.length ? Math.max(1, widths[k % widths.length]) : left);
    ports.push({ name: `${prefix}${ports.length}`, width: w });
    left -= w;
  }
  return ports;
}

/**
 * Random circuits: up to `maxInputs` inputs, random AND gates over earlier
 * literals (constants included), outputs any literal, and the bits grouped
 * into random ports (or left positional, unnamed).
 */
export function circuitWithPortsArb(maxInputs = 6, maxAnds = 30): fc.Arbitrary<Circuit> {
  return fc
    .record({
      inputs: fc.integer({ min: 0, max: maxInputs }),
      ands: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: maxAnds }),
      outputs: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
      inWidths: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
      outWidths: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
      positionalIn: fc.boolean(),
      positionalOut: fc.boolean(),
    })
    .map((s) => {
      const g = new Aig(16);
      const ins = s.positionalIn && s.inputs > 0 ? [{ name: '', width: s.inputs }] : layout(s.inputs, s.inWidths, 'a');
      const outs = s.positionalOut ? [{ name: '', width: s.outputs.length }] : layout(s.outputs.length, s.outWidths, 'q');
      const names = (ports: PortSpec[]) => ports.flatMap((p) => Array.from({ length: p.width }, (_, i) => (p.name ? `${p.name}[${i}]` : '')));
      names(ins).forEach((n) => g.addInput(n));
      for (const [a, b] of s.ands) g.and((a % (2 * g.numVars)) as Lit, (b % (2 * g.numVars)) as Lit);
      const outNames = names(outs);
      s.outputs.forEach((p, i) => g.addOutput((p % (2 * g.numVars)) as Lit, outNames[i]));
      return { aig: g, inputs: ins, outputs: outs };
    });
}

/** Expect `f` to throw an InputError whose message matches `pattern`. */
export function expectInputError(f: () => unknown, pattern: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected an InputError matching ${pattern}`).toBeInstanceOf(InputError);
  expect((err as Error).message).toMatch(pattern);
}
