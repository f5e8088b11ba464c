/**
 * Human-readable reports of a checker verdict, for test failures: the
 * replayed counterexample (inputs, both outputs, differing bits) and, when
 * both sides carry tensors, the first tensor where they part ways.
 * @module
 */
import { existsSync } from 'node:fs';
import { evaluateBnnSignals } from '../bnn/evaluate.js';
import { bitsToString, bitsToTensor, tensorToBits } from '../fixed/bits.js';
import { type FixedType, formatType } from '../fixed/types.js';
import { interpretNetwork } from '../network/interpret.js';
import type { CheckResult, Counterexample } from '../verify/check.js';
import { type Model, type PortSpec, concatPorts, modelInputs, modelOutputs } from '../verify/model.js';
import type { PortBits } from '../verify/types.js';

/** The first tensor whose values differ between two models on one input. */
export interface TensorDivergence {
  /** Tensor name (as in the network file). */
  readonly tensor: string;
  /** The layer that writes it, when a network side says so. */
  readonly layer?: string;
  /** The reference side's value: raw integers per element, or a bit string. */
  readonly reference: string;
  /** The implementation side's value, in the same form. */
  readonly implementation: string;
}

/**
 * Port specs with types where either side has them, so that values print as
 * tensors when either side is a network (the CLI contract's rule).
 */
function typedPorts(a: readonly PortSpec[], b: readonly PortSpec[]): PortSpec[] {
  return a.map((p, i) => (p.type ? p : (b[i]?.type ? b[i] : p)));
}

/**
 * One port's value in `bnnu eval` syntax, so it can be pasted into
 * `--input NAME=VALUES`: `1,-2` (raw integers) for a typed tensor, else its
 * bit string, least significant bit first.
 */
export function formatPortValue(p: PortSpec, bits: Uint8Array): string {
  if (p.type) return bitsToTensor(bits, p.type).join(',');
  return bitsToString(bits);
}

function formatPorts(ports: readonly PortSpec[], values: PortBits, indent: string): string[] {
  return ports.map((p) => `${indent}${p.name} = ${formatPortValue(p, values.get(p.name)!)}${p.type ? `  (${formatType(p.type)})` : ''}`);
}

/**
 * Format a replayed counterexample as indented lines: inputs, both outputs,
 * the differing bits of each output port.
 */
export function formatCounterexample(ref: Model, impl: Model, cex: Counterexample): string {
  const ins = typedPorts(modelInputs(ref), modelInputs(impl));
  const outs = typedPorts(modelOutputs(ref), modelOutputs(impl));
  const lines = ['counterexample (replayed on both models):', '  inputs:', ...formatPorts(ins, cex.inputs, '    ')];
  lines.push(`  reference (${ref.file}):`, ...formatPorts(outs, cex.reference, '    '));
  lines.push(`  implementation (${impl.file}):`, ...formatPorts(outs, cex.implementation, '    '));
  lines.push('  differing output bits (LSB first):');
  for (const [port, bits] of cex.differingBits) lines.push(`    ${port}: ${bits.join(', ')}`);
  return lines.join('\n');
}

/** Every tensor a model exposes on one input, as bits, with layer names and types. */
interface Tensors {
  readonly order: string[];
  readonly bits: Map<string, Uint8Array>;
  readonly spec: Map<string, PortSpec & { layer?: string }>;
}

function modelTensors(m: Model, inputs: PortBits): Tensors | undefined {
  if (m.kind === 'network') {
    const net = m.network;
    const values = new Map<string, bigint[]>();
    for (const t of net.inputs) values.set(t.name, bitsToTensor(inputs.get(t.name)!, t.type));
    const all = interpretNetwork(net, values);
    const order = net.layers.map((l) => l.output);
    const bits = new Map<string, Uint8Array>();
    const spec = new Map<string, PortSpec & { layer?: string }>();
    for (const l of net.layers) {
      const t = net.tensors.get(l.output)!;
      bits.set(l.output, tensorToBits(all.get(l.output)!, t.type));
      spec.set(l.output, { name: l.output, width: t.type.bits, type: t.type, shape: t.shape, layer: l.name });
    }
    return { order, bits, spec };
  }
  if (m.kind === 'bnn' && m.bnn.tensors) {
    const signals = evaluateBnnSignals(m.bnn, concatPorts(modelInputs(m), inputs));
    const bits = new Map<string, Uint8Array>();
    const spec = new Map<string, PortSpec>();
    for (const [name, ids] of Object.entries(m.bnn.tensors)) {
      // Hints are untrusted: an id outside the signal range is simply skipped.
      if (!ids.every((id) => Number.isInteger(id) && id >= 0 && id < signals.length)) continue;
      bits.set(name, Uint8Array.from(ids, (id) => signals[id]));
      spec.set(name, { name, width: ids.length });
    }
    return { order: [...bits.keys()], bits, spec };
  }
  return undefined;
}

/**
 * The first tensor, in the network's layer order, whose value differs between
 * the two models on `inputs`; undefined when a side carries no tensors (a
 * circuit, or a BNN without `tensors` hints) or none differs. BNN tensor hints
 * are used only to locate the difference, never to decide a verdict.
 */
export function firstDivergingTensor(ref: Model, impl: Model, inputs: PortBits): TensorDivergence | undefined {
  const a = modelTensors(ref, inputs);
  const b = modelTensors(impl, inputs);
  if (!a || !b) return undefined;
  const order = ref.kind === 'network' || impl.kind !== 'network' ? a.order : b.order;
  for (const name of order) {
    const x = a.bits.get(name);
    const y = b.bits.get(name);
    if (!x || !y) continue;
    const sa = a.spec.get(name)!;
    const sb = b.spec.get(name)!;
    const same = sameTensor(x, sa.type, y, sb.type);
    if (same !== false) continue; // equal, or not comparable
    const show = (bits: Uint8Array, own: PortSpec) => formatPortValue(own.type ? own : sa.type ? sa : sb, bits);
    return { tensor: name, layer: sa.layer ?? sb.layer, reference: show(x, sa), implementation: show(y, sb) };
  }
  return undefined;
}

/**
 * Whether two values of one tensor are equal: bit for bit when the types agree
 * (or a side is untyped), else by real value (a conversion may change an
 * intermediate tensor's type without changing what it means). Undefined when
 * they cannot be compared (different widths with no types to decode them).
 */
function sameTensor(x: Uint8Array, tx: FixedType | undefined, y: Uint8Array, ty: FixedType | undefined): boolean | undefined {
  if (tx && ty && (tx.bits !== ty.bits || tx.frac !== ty.frac || tx.signed !== ty.signed)) {
    const u = bitsToTensor(x, tx);
    const v = bitsToTensor(y, ty);
    if (u.length !== v.length) return undefined;
    const f = Math.max(tx.frac, ty.frac);
    return u.every((r, i) => r << BigInt(f - tx.frac) === v[i] << BigInt(f - ty.frac));
  }
  if (x.length !== y.length) return undefined;
  return x.every((bit, i) => bit === y[i]);
}

/** A shell word: quoted unless plainly safe. */
const shellWord = (w: string) => (/^[\w./@:=,+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/**
 * `bnnu eval` commands that reproduce a counterexample on each side that is a
 * file: typed (tensor) inputs are given with `--like` the typed side.
 */
export function reproduceCommands(ref: Model, impl: Model, inputs: PortBits): string[] {
  const ins = typedPorts(modelInputs(ref), modelInputs(impl));
  const args = ins.map((p) => `--input ${shellWord(`${p.name}=${formatPortValue(p, inputs.get(p.name)!)}`)}`).join(' ');
  const typedSide = ref.kind === 'network' ? ref : impl.kind === 'network' ? impl : undefined;
  const out: string[] = [];
  for (const m of [ref, impl]) {
    if (!existsSync(m.file)) continue;
    const like = typedSide && m !== typedSide && m.kind !== 'network' && existsSync(typedSide.file) ? ` --like ${shellWord(typedSide.file)}` : '';
    if (typedSide && m !== typedSide && m.kind !== 'network' && !like) continue; // tensor inputs need --like
    out.push(`bnnu eval ${shellWord(m.file)}${like} ${args}`);
  }
  return out;
}

/** One-paragraph description of a divergence. */
export function formatDivergence(d: TensorDivergence): string {
  return [
    `first diverging tensor: ${d.tensor}${d.layer ? ` (output of layer ${d.layer})` : ''}`,
    `    reference:      ${d.reference}`,
    `    implementation: ${d.implementation}`,
  ].join('\n');
}

/**
 * The full report of a verdict that is not `equivalent`, as shown by
 * {@link expectEquivalent} and the `toBeEquivalentTo` matcher.
 */
export function formatVerdict(ref: Model, impl: Model, r: CheckResult): string {
  const head = `verdict: ${r.verdict} (method ${r.method}, ${r.seconds.toFixed(2)} s)`;
  if (r.verdict === 'equivalent') return head;
  if (r.verdict === 'unknown') return `${head}\n  reason: ${r.reason ?? 'a limit was hit'}`;
  const cex = r.counterexample!;
  const lines = [head, formatCounterexample(ref, impl, cex)];
  const d = firstDivergingTensor(ref, impl, cex.inputs);
  if (d) lines.push(formatDivergence(d));
  const commands = reproduceCommands(ref, impl, cex.inputs);
  if (commands.length) lines.push('reproduce with:', ...commands.map((c) => `    ${c}`));
  return lines.join('\n');
}
