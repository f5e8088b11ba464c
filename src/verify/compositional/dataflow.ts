/**
 * Claim 2 of the compositional proof: the word operations recorded by the
 * bit-blaster, chained through their words, compute exactly the layer
 * arithmetic of shared/spec/fixed-point-network.md.
 *
 * This is written from the spec, not from the bit-blaster: for every layer
 * and output element it derives the expected accumulator (coefficient per
 * input element, constant = bias * 2^(F - Fb)), activation, shift F - Fo,
 * rounding, output type and overflow of every `requantize` operation (dense, conv2d windows with padding,
 * stride, dilation and groups, add with aligned fracs, requant), the
 * maxpool2d windows and the flatten identity, and compares them with the
 * trace. Words are identified by their literals: two words with the same
 * literals hold the same value in any circuit the literals are mapped into.
 * An operation may assume its inputs lie in its input intervals only when
 * those contain the intervals proven for the words it reads.
 *
 * What comes out: the element words of every tensor (for the tensors whose
 * layers passed) and the trace entries the proof must check (claim 1).
 * @module
 */
import { type Aig, mkLit } from '../../aig/aig.js';
import { FALSE } from '../../aig/aig.js';
import type { Word } from '../../aig/words.js';
import type { BitblastTrace, TraceEntry, TraceOp } from '../../bitblast/trace.js';
import { maxRaw, minRaw } from '../../fixed/types.js';
import { type Layer, type Network, numel } from '../../network/types.js';

/** An entry the proof must check, with its obligation id. */
export interface UsedEntry {
  readonly id: string;
  readonly entry: TraceEntry;
  /** Layer of the entry (for messages). */
  readonly layer: string;
}

/** The result of the dataflow check. */
export interface Dataflow {
  /** Per layer (in network order): undefined when it matches the spec, else what differs. */
  readonly layers: readonly { readonly name: string; readonly problem?: string }[];
  /** Why the network input words are not the input ports, if they are not. */
  readonly inputProblem?: string;
  /** Element words of every tensor established (inputs and layers that matched). */
  readonly words: ReadonlyMap<string, readonly Word[]>;
  /** For each established element word of a layer output, the entry that produced it. */
  readonly producers: ReadonlyMap<string, readonly (TraceEntry | undefined)[]>;
  /** Entries whose claims the proof needs, in network order. */
  readonly used: readonly UsedEntry[];
}

/** Key of a word: its literals. */
const keyOf = (w: Word): string => w.bits.join(',');

/** An expected accumulator: coefficient per input word (by key) and constant. */
interface Linear {
  readonly coeffs: Map<string, bigint>;
  readonly constant: bigint;
}

/** Check the trace of `net` against the spec; `g` is the bit-blasted AIG (for input literals). */
export function checkDataflow(net: Network, trace: BitblastTrace, g: Aig): Dataflow {
  const words = new Map<string, readonly Word[]>();
  const producers = new Map<string, readonly (TraceEntry | undefined)[]>();
  /** Interval proven for each established word key. */
  const proven = new Map<string, { lo: bigint; hi: bigint }>();
  const inputProblem = checkInputs(net, trace, g, words, proven);
  const byLayer = new Map<string, TraceEntry[]>();
  for (const e of trace.entries) {
    let list = byLayer.get(e.layer);
    if (!list) byLayer.set(e.layer, (list = []));
    list.push(e);
  }
  const layers: { name: string; problem?: string }[] = [];
  const used: UsedEntry[] = [];
  for (const layer of net.layers) {
    const r = checkLayer(net, layer, byLayer.get(layer.name) ?? [], words, proven);
    if (typeof r === 'string') {
      layers.push({ name: layer.name, problem: r });
      continue;
    }
    layers.push({ name: layer.name });
    words.set(layer.output, r.out);
    // flatten reuses its input's words, so their producers too.
    producers.set(layer.output, layer.op === 'flatten' ? (producers.get(layer.input) ?? r.producers) : r.producers);
    r.out.forEach((w, k) => {
      const p = r.producers[k];
      if (p) proven.set(keyOf(w), { lo: p.output.lo, hi: p.output.hi });
    });
    used.push(...r.used);
  }
  return { layers, inputProblem, words, producers, used };
}

/**
 * Network input element k of a B-bit type must be the port bits k*B.. as
 * AIG inputs (sign-extended when signed, a false top bit when unsigned),
 * and its interval must contain the whole type range.
 */
function checkInputs(net: Network, trace: BitblastTrace, g: Aig, words: Map<string, readonly Word[]>, proven: Map<string, { lo: bigint; hi: bigint }>): string | undefined {
  let offset = 0;
  for (const t of net.inputs) {
    const ws = trace.tensors.get(t.name);
    const n = numel(t.shape);
    const B = t.type.bits;
    if (!ws || ws.length !== n) return `input ${t.name}: the trace has no element words for it`;
    for (let k = 0; k < n; k++) {
      const w = ws[k];
      if (w.bits.length < B) return `input ${t.name}[${k}]: ${w.bits.length} bits for a ${B}-bit type`;
      for (let i = 0; i < w.bits.length; i++) {
        const want = i < B ? mkLit(g.inputs[offset + k * B + i]) : t.type.signed ? w.bits[B - 1] : FALSE;
        if (w.bits[i] !== want) return `input ${t.name}[${k}] bit ${i} is not port bit ${offset + k * B + Math.min(i, B - 1)}`;
      }
      if (w.lo > minRaw(t.type) || w.hi < maxRaw(t.type)) return `input ${t.name}[${k}]: interval [${w.lo}, ${w.hi}] misses values of its type`;
      proven.set(keyOf(w), { lo: minRaw(t.type), hi: maxRaw(t.type) });
    }
    words.set(t.name, ws);
    offset += n * B;
  }
  return undefined;
}

interface LayerResult {
  readonly out: readonly Word[];
  readonly producers: readonly (TraceEntry | undefined)[];
  readonly used: readonly UsedEntry[];
}

function checkLayer(
  net: Network,
  layer: Layer,
  entries: readonly TraceEntry[],
  words: ReadonlyMap<string, readonly Word[]>,
  proven: ReadonlyMap<string, { lo: bigint; hi: bigint }>,
): LayerResult | string {
  const inputs = layer.op === 'add' ? layer.inputs : [layer.input];
  for (const name of inputs) if (!words.has(name)) return `its input ${name} was not established`;
  const outSpec = net.tensors.get(layer.output);
  if (!outSpec) return `no tensor ${layer.output}`;
  const n = numel(outSpec.shape);
  if (layer.op === 'flatten') {
    if (entries.length) return `flatten has ${entries.length} operations, expected none`;
    const src = words.get(layer.input)!;
    if (src.length !== n) return `flatten of ${src.length} elements into ${n}`;
    return { out: src, producers: src.map(() => undefined), used: [] };
  }
  const byElement = new Map<number, TraceEntry[]>();
  for (const e of entries) {
    if (e.tensor !== layer.output) return `an operation writes tensor ${e.tensor}`;
    let list = byElement.get(e.element);
    if (!list) byElement.set(e.element, (list = []));
    list.push(e);
  }
  if ([...byElement.keys()].some((k) => !Number.isInteger(k) || k < 0 || k >= n)) return `an operation names an element outside 0..${n - 1}`;
  const out: Word[] = [];
  const producers: TraceEntry[] = [];
  const used: UsedEntry[] = [];
  for (let k = 0; k < n; k++) {
    const chain = byElement.get(k) ?? [];
    const place = `${layer.output}[${k}]`;
    const r = layer.op === 'maxpool2d' ? checkMax(net, layer, k, chain, words, proven) : checkRequantizing(net, layer, k, chain, words, proven);
    if (typeof r === 'string') return `${place}: ${r}`;
    out.push(r.output);
    producers.push(chain[chain.length - 1]);
    for (const e of chain) used.push({ id: `${layer.name}/${place}/${e.op.kind}`, entry: e, layer: layer.name });
  }
  return { out, producers, used };
}

/** Whether `inner` lies inside the entry input interval of `w`. */
function covers(w: Word, inner: { lo: bigint; hi: bigint } | undefined): boolean {
  return inner !== undefined && w.lo <= inner.lo && w.hi >= inner.hi;
}

/** maxpool2d element k: one `max` over exactly the window's words. */
function checkMax(
  net: Network,
  layer: Layer & { op: 'maxpool2d' },
  k: number,
  chain: readonly TraceEntry[],
  words: ReadonlyMap<string, readonly Word[]>,
  proven: ReadonlyMap<string, { lo: bigint; hi: bigint }>,
): { output: Word } | string {
  if (chain.length !== 1 || chain[0].op.kind !== 'max') return `expected one max operation, found ${chain.map((e) => e.op.kind).join(', ') || 'none'}`;
  const e = chain[0];
  const x = words.get(layer.input)!;
  const [, h, w] = net.tensors.get(layer.input)!.shape;
  const [, oh, ow] = net.tensors.get(layer.output)!.shape;
  const [kh, kw] = layer.kernel;
  const [sh, sw] = layer.stride;
  const c = Math.floor(k / (oh * ow));
  const i = Math.floor(k / ow) % oh;
  const j = k % ow;
  const want = new Set<string>();
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) want.add(keyOf(x[(c * h + i * sh + a) * w + j * sw + b]));
  const got = new Set(e.inputs.map(keyOf));
  if (got.size !== want.size || [...got].some((key) => !want.has(key))) return 'max reads other words than its window';
  for (const wd of e.inputs) if (!covers(wd, proven.get(keyOf(wd)))) return 'max assumes an input interval narrower than proven';
  return { output: e.output };
}

/** dense/conv2d/add/requant element k: one `requantize` with the spec's arithmetic. */
function checkRequantizing(
  net: Network,
  layer: Exclude<Layer, { op: 'maxpool2d' | 'flatten' }>,
  k: number,
  chain: readonly TraceEntry[],
  words: ReadonlyMap<string, readonly Word[]>,
  proven: ReadonlyMap<string, { lo: bigint; hi: bigint }>,
): { output: Word } | string {
  if (chain.length !== 1 || chain[0].op.kind !== 'requantize') {
    return `expected one requantize operation, found ${chain.map((e) => e.op.kind).join(', ') || 'none'}`;
  }
  const e = chain[0];
  const expected = expectedAccumulator(net, layer, k, words);
  if (typeof expected === 'string') return expected;
  const op = e.op as Extract<TraceOp, { kind: 'requantize' }>;
  if (op.coeffs.length !== e.inputs.length) return 'requantize: coefficient count differs from its inputs';
  const got = new Map<string, bigint>();
  e.inputs.forEach((w, i) => got.set(keyOf(w), (got.get(keyOf(w)) ?? 0n) + op.coeffs[i]));
  for (const [key, c] of got) if (c === 0n) got.delete(key);
  const { coeffs, constant, accFrac } = expected;
  if (got.size !== coeffs.size || [...got].some(([key, c]) => coeffs.get(key) !== c)) return 'requantize: coefficients differ from the weights';
  if (op.constant !== constant) return `requantize: constant ${op.constant}, expected ${constant}`;
  if (op.relu !== (layer.activation === 'relu')) return `requantize: relu ${op.relu}, activation ${layer.activation}`;
  if (op.shift !== accFrac - layer.type.frac) return `requantize: shift ${op.shift}, expected ${accFrac - layer.type.frac}`;
  if (op.rounding !== layer.rounding) return `requantize: rounding ${op.rounding}, expected ${layer.rounding}`;
  const t = layer.type;
  if (op.type.signed !== t.signed || op.type.bits !== t.bits || op.type.frac !== t.frac) return 'requantize: type differs from the layer type';
  if (op.overflow !== layer.overflow) return `requantize: overflow ${op.overflow}, expected ${layer.overflow}`;
  for (const w of e.inputs) if (!covers(w, proven.get(keyOf(w)))) return 'requantize assumes an input interval narrower than proven';
  return { output: e.output };
}

/** Step 1 of the spec for element k: coefficients per input word, constant, and the accumulator frac F. */
function expectedAccumulator(
  net: Network,
  layer: Exclude<Layer, { op: 'maxpool2d' | 'flatten' }>,
  k: number,
  words: ReadonlyMap<string, readonly Word[]>,
): (Linear & { accFrac: number }) | string {
  const coeffs = new Map<string, bigint>();
  const add = (w: Word, c: bigint) => {
    const key = keyOf(w);
    const v = (coeffs.get(key) ?? 0n) + c;
    if (v === 0n) coeffs.delete(key);
    else coeffs.set(key, v);
  };
  const fracOf = (name: string) => net.tensors.get(name)!.type.frac;
  switch (layer.op) {
    case 'requant':
      add(words.get(layer.input)![k], 1n);
      return { coeffs, constant: 0n, accFrac: fracOf(layer.input) };
    case 'add': {
      const [a, b] = layer.inputs;
      const F = Math.max(fracOf(a), fracOf(b));
      add(words.get(a)![k], 1n << BigInt(F - fracOf(a)));
      add(words.get(b)![k], 1n << BigInt(F - fracOf(b)));
      return { coeffs, constant: 0n, accFrac: F };
    }
    case 'dense': {
      const x = words.get(layer.input)!;
      const row = layer.weights.values[k];
      if (!row || row.length !== x.length) return `dense: weight row ${k} does not fit ${x.length} inputs`;
      row.forEach((w, i) => add(x[i], BigInt(w)));
      const F = fracOf(layer.input) + layer.weights.type.frac;
      return biasOf(layer, k, F, coeffs);
    }
    case 'conv2d':
      return convAccumulator(net, layer, k, words, add, coeffs);
  }
}

/** The constant of dense/conv2d output channel o: bias * 2^(F - Fb). */
function biasOf(layer: Layer & { op: 'dense' | 'conv2d' }, o: number, F: number, coeffs: Map<string, bigint>): (Linear & { accFrac: number }) | string {
  if (!layer.bias) return { coeffs, constant: 0n, accFrac: F };
  const s = F - layer.bias.type.frac;
  if (s < 0) return 'bias frac exceeds the accumulator frac';
  return { coeffs, constant: BigInt(layer.bias.values[o]) * (1n << BigInt(s)), accFrac: F };
}

/**
 * conv2d element k = (o, i, j): sum over input channels of o's group and
 * kernel taps of w[o][c][a][b] * x[g*C/groups + c][i*sh - top + a*dh][j*sw - left + b*dw],
 * padded positions (outside the input) being 0.
 */
function convAccumulator(
  net: Network,
  layer: Layer & { op: 'conv2d' },
  k: number,
  words: ReadonlyMap<string, readonly Word[]>,
  add: (w: Word, c: bigint) => void,
  coeffs: Map<string, bigint>,
): (Linear & { accFrac: number }) | string {
  const x = words.get(layer.input)!;
  const inSpec = net.tensors.get(layer.input)!;
  const [C, H, W] = inSpec.shape;
  const [O, OH, OW] = net.tensors.get(layer.output)!.shape;
  const o = Math.floor(k / (OH * OW));
  const i = Math.floor(k / OW) % OH;
  const j = k % OW;
  const perGroupIn = C / layer.groups;
  const group = Math.floor(o / (O / layer.groups));
  const kernel = layer.weights.values[o];
  const [sh, sw] = layer.stride;
  const [top, left] = layer.padding;
  const [dh, dw] = layer.dilation;
  for (let c = 0; c < perGroupIn; c++) {
    const plane = kernel[c];
    for (let a = 0; a < plane.length; a++) {
      for (let b = 0; b < plane[a].length; b++) {
        const y = i * sh - top + a * dh;
        const z = j * sw - left + b * dw;
        if (y < 0 || y >= H || z < 0 || z >= W) continue;
        add(x[((group * perGroupIn + c) * H + y) * W + z], BigInt(plane[a][b]));
      }
    }
  }
  return biasOf(layer, o, inSpec.type.frac + layer.weights.type.frac, coeffs);
}
