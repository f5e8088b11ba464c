/**
 * How `verify` and `recheck` report a verdict: as text whose last line starts
 * with the verdict, or as one JSON document (shared/spec/cli.md).
 *
 * Port values: raw integers per tensor element when either side is a
 * network (decoded with the network's port types), else bit strings, least
 * significant bit first.
 * @module
 */
import { bitsToString, bitsToTensor } from '../fixed/bits.js';
import { firstDivergingTensor, formatCounterexample, formatDivergence } from '../testing/report.js';
import type { CheckResult, Counterexample } from '../verify/check.js';
import { type Model, type PortSpec, modelInputs, modelOutputs } from '../verify/model.js';
import type { PortBits } from '../verify/types.js';

/** Exit status of a verdict: 0 equivalent, 1 different, 3 unknown. */
export function verdictExitCode(verdict: CheckResult['verdict']): number {
  return verdict === 'equivalent' ? 0 : verdict === 'different' ? 1 : 3;
}

/** Ports with the type of whichever side has one (a network's). */
function typedPorts(a: readonly PortSpec[], b: readonly PortSpec[]): PortSpec[] {
  return a.map((p, i) => (p.type ? p : b[i]?.type ? b[i] : p));
}

/** Port values as JSON: integer arrays for typed ports, bit strings otherwise. */
function portsJson(ports: readonly PortSpec[], values: PortBits): Record<string, number[] | string> {
  const out: Record<string, number[] | string> = {};
  for (const p of ports) {
    const bits = values.get(p.name)!;
    out[p.name] = p.type ? bitsToTensor(bits, p.type).map(Number) : bitsToString(bits);
  }
  return out;
}

/** A model as the report names it. */
function describeModel(m: Model): { file: string; kind: Model['kind']; inputBits: number; outputBits: number } {
  const sum = (ps: readonly PortSpec[]) => ps.reduce((s, p) => s + p.width, 0);
  return { file: m.file, kind: m.kind, inputBits: sum(modelInputs(m)), outputBits: sum(modelOutputs(m)) };
}

/** The counterexample as JSON, with the first diverging tensor when both sides have tensors. */
export function counterexampleJson(ref: Model, impl: Model, cex: Counterexample): object {
  const ins = typedPorts(modelInputs(ref), modelInputs(impl));
  const outs = typedPorts(modelOutputs(ref), modelOutputs(impl));
  const d = firstDivergingTensor(ref, impl, cex.inputs);
  return {
    inputs: portsJson(ins, cex.inputs),
    reference: portsJson(outs, cex.reference),
    implementation: portsJson(outs, cex.implementation),
    differingBits: Object.fromEntries(cex.differingBits),
    ...(d ? { firstDivergingTensor: d } : {}),
  };
}

/** Extra facts a command adds to its report. */
export interface ReportExtras {
  /** Files written (certificate, SMT-LIB), by what they are. */
  readonly written?: Readonly<Record<string, string | readonly string[]>>;
  /** More lines before the verdict. */
  readonly lines?: readonly string[];
}

/** The `--json` document of a check. */
export function verdictJson(ref: Model, impl: Model, r: CheckResult, extras: ReportExtras = {}): object {
  return {
    verdict: r.verdict,
    method: r.method,
    seconds: r.seconds,
    reference: describeModel(ref),
    implementation: describeModel(impl),
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    notes: r.notes ?? [],
    obligations: r.obligations ?? [],
    ...(r.counterexample ? { counterexample: counterexampleJson(ref, impl, r.counterexample) } : {}),
    ...extras.written,
  };
}

/** The last line: the verdict first, then how and how long. */
export function verdictLine(r: CheckResult): string {
  const how = `${r.method}, ${r.seconds.toFixed(2)} s`;
  switch (r.verdict) {
    case 'equivalent':
      return `equivalent (${how}): proven for every input`;
    case 'different':
      return `different (${how}): counterexample above, replayed on both models`;
    case 'unknown':
      return `unknown (${how}): ${r.reason ?? 'a limit was hit'}`;
  }
}

/** The text report; its last line is {@link verdictLine}. */
export function verdictText(ref: Model, impl: Model, r: CheckResult, extras: ReportExtras = {}): string {
  const d = (m: Model) => {
    const x = describeModel(m);
    return `${x.file} (${x.kind}, ${x.inputBits} input bits, ${x.outputBits} output bits)`;
  };
  const lines = [`reference:      ${d(ref)}`, `implementation: ${d(impl)}`];
  for (const n of r.notes ?? []) lines.push(`note: ${n}`);
  const obs = r.obligations ?? [];
  if (obs.length) {
    const by = (res: string) => obs.filter((o) => o.result === res).length;
    lines.push(`obligations: ${obs.length} (${by('proved')} proved, ${by('refuted')} refuted, ${by('unknown')} unknown)`);
  }
  if (r.counterexample) {
    lines.push(formatCounterexample(ref, impl, r.counterexample));
    const div = firstDivergingTensor(ref, impl, r.counterexample.inputs);
    if (div) lines.push(formatDivergence(div));
  }
  for (const [what, files] of Object.entries(extras.written ?? {})) lines.push(`${what}: ${typeof files === 'string' ? files : files.join(', ')}`);
  lines.push(...(extras.lines ?? []), verdictLine(r));
  return lines.join('\n') + '\n';
}
