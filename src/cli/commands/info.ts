/**
 * `bnnu info MODEL [--json]`: describe a model.
 *
 * - Network: inputs and outputs (shape, type, bits), every tensor with its
 *   producer, every layer with its MACs and weight count, and totals.
 * - BNN: ports, neurons, synapses, layers, depth, widest layer, largest fan-in.
 * - Circuit: format, ports, AND nodes, depth.
 *
 * Types print as `sB.F` / `uB.F`: signed or unsigned, B bits, F fractional bits.
 * @module
 */
import { aigDepth } from '../../aig/aig.js';
import { bnnStats } from '../../bnn/stats.js';
import { formatType } from '../../fixed/types.js';
import { loadModel } from '../../io/load.js';
import { type NetworkInfo, type TensorInfo, networkInfo } from '../../network/info.js';
import type { Layer } from '../../network/types.js';
import { type Model, type PortSpec, modelInputs, modelOutputs } from '../../verify/model.js';
import { parseCommandArgs, printJson } from '../options.js';

const USAGE = `usage: bnnu info MODEL [--json] [--top MODULE]

Describe MODEL (a network, BNN, AIGER, BLIF or Verilog file): ports and sizes;
for a network also every tensor (shape, type) and layer (MACs, weights).
Types print as sB.F (signed) or uB.F (unsigned): B bits, F fractional bits.`;

/** Align columns of a table (rows of cells) with two spaces between them. */
function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
}

const shape = (s: readonly number[]) => `[${s.join(',')}]`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How a layer computes, in a few words (`relu half-even saturate`, `kernel 2x2 stride 2x2`). */
function layerDetail(l: Layer): string {
  switch (l.op) {
    case 'dense':
    case 'add':
    case 'requant':
      return `${l.activation} ${l.rounding} ${l.overflow}`;
    case 'conv2d':
      return `${l.activation} ${l.rounding} ${l.overflow} stride ${l.stride.join('x')} pad ${l.padding.join(',')} dil ${l.dilation.join('x')} groups ${l.groups}`;
    case 'maxpool2d':
      return `kernel ${l.kernel.join('x')} stride ${l.stride.join('x')}`;
    case 'flatten':
      return '';
  }
}

function networkText(file: string, info: NetworkInfo, layers: readonly Layer[]): string[] {
  const port = (t: TensorInfo) => [t.name, shape(t.shape), formatType(t.type), plural(t.bits, 'bit')];
  const lines = [
    `network ${JSON.stringify(info.name)} (${file}): ${plural(info.layers.length, 'layer')}, ${info.macs} MACs, ${info.weights} weights, ${info.inputBits} input bits, ${info.outputBits} output bits`,
    'inputs:',
    ...table(info.inputs.map(port)),
    'outputs:',
    ...table(info.outputs.map(port)),
    'tensors:',
    ...table(info.tensors.map((t) => [t.name, shape(t.shape), formatType(t.type), t.producer.kind === 'input' ? 'input' : `from ${t.producer.name} (${t.producer.op})`])),
  ];
  if (layers.length > 0) {
    lines.push('layers:');
    lines.push(...table(info.layers.map((l, i) => [l.name, l.op, `${l.inputs.join(' + ')} -> ${l.output}`, `${l.macs} MACs`, `${l.weights} weights`, layerDetail(layers[i])])));
  }
  return lines;
}

function networkJson(file: string, info: NetworkInfo, layers: readonly Layer[]): object {
  const tensor = (t: TensorInfo) => ({
    name: t.name,
    shape: t.shape,
    type: t.type,
    bits: t.bits,
    producer: t.producer.kind === 'input' ? null : t.producer.name,
  });
  return {
    kind: 'network',
    file,
    name: info.name,
    inputs: info.inputs.map(tensor),
    outputs: info.outputs.map(tensor),
    tensors: info.tensors.map(tensor),
    layers: info.layers.map((l, i) => ({ ...l, detail: layerDetail(layers[i]) })),
    macs: info.macs,
    weights: info.weights,
    inputBits: info.inputBits,
    outputBits: info.outputBits,
  };
}

/** Facts common to BNNs and circuits: ports and their bit counts. */
function portFacts(m: Model) {
  const ports = (ps: readonly PortSpec[]) => ps.map((p) => ({ name: p.name, bits: p.width }));
  const inputs = ports(modelInputs(m));
  const outputs = ports(modelOutputs(m));
  const sum = (ps: { bits: number }[]) => ps.reduce((s, p) => s + p.bits, 0);
  return { inputs, outputs, inputBits: sum(inputs), outputBits: sum(outputs) };
}

/** What `info` reports on a BNN or circuit, as one JSON-ready object. */
function bitModelFacts(m: Exclude<Model, { kind: 'network' }>): Record<string, unknown> & ReturnType<typeof portFacts> {
  if (m.kind === 'bnn') return { kind: 'bnn', file: m.file, name: m.bnn.name, ...portFacts(m), ...bnnStats(m.bnn) };
  return { kind: 'circuit', file: m.file, format: m.format, ...portFacts(m), ands: m.circuit.aig.numAnds, depth: aigDepth(m.circuit.aig) };
}

function bitModelText(f: ReturnType<typeof bitModelFacts>): string[] {
  const ports = (ps: { name: string; bits: number }[]) => table(ps.map((p) => [p.name || '(unnamed)', plural(p.bits, 'bit')]));
  const head =
    f.kind === 'bnn'
      ? `bnn ${JSON.stringify(f.name)} (${f.file}): ${f.neurons} neurons, ${f.synapses} synapses, ${f.layers} layers, depth ${f.depth}, widest layer ${f.widestLayer}, max fan-in ${f.maxFanIn}`
      : `circuit (${f.format}, ${f.file}): ${f.ands} AND nodes, depth ${f.depth}`;
  return [head, `inputs (${plural(f.inputBits, 'bit')}):`, ...ports(f.inputs), `outputs (${plural(f.outputBits, 'bit')}):`, ...ports(f.outputs)];
}

/** `bnnu info`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: opts, positionals } = parseCommandArgs('info', args, { json: { type: 'boolean' }, top: { type: 'string' } }, ['MODEL']);
  const model = await loadModel(positionals[0], { top: opts.top });
  if (model.kind === 'network') {
    const info = networkInfo(model.network);
    if (opts.json) printJson(networkJson(model.file, info, model.network.layers));
    else process.stdout.write(networkText(model.file, info, model.network.layers).join('\n') + '\n');
    return 0;
  }
  const facts = bitModelFacts(model);
  if (opts.json) printJson(facts);
  else process.stdout.write(bitModelText(facts).join('\n') + '\n');
  return 0;
}
