/**
 * Graphviz DOT writers for small circuits and BNNs, for looking at them.
 * Complemented AIG edges and -1 BNN weights are dashed.
 * @module
 */
import { BnnuError } from '../errors.js';
import type { Bnn } from '../bnn/types.js';
import type { Circuit, PortSpec } from '../verify/model.js';
import { bitName } from './ports.js';

/** Largest graph (nodes) the DOT writers produce; Graphviz cannot lay out much more. */
export const MAX_DOT_NODES = 20_000;

const quote = (s: string): string => JSON.stringify(s);

function bitLabels(ports: readonly PortSpec[], side: string): string[] {
  const out: string[] = [];
  for (const p of ports) for (let i = 0; i < p.width; i++) out.push(bitName(p.name, i) || `${side}[${out.length}]`);
  return out;
}

function checkSize(nodes: number, what: string): void {
  if (nodes > MAX_DOT_NODES) throw new BnnuError('input', `DOT export is for small models: this ${what} has ${nodes} nodes, more than ${MAX_DOT_NODES}`);
}

/**
 * A circuit as a DOT graph: inputs (triangles) at the bottom, AND gates
 * (circles, labelled by variable) in the outputs' cones, outputs
 * (inverted triangles) at the top.
 * @example
 * ```ts
 * import { Aig, circuitToDot } from 'bnn-universal';
 * const g = new Aig(); const a = g.addInput(), b = g.addInput();
 * g.addOutput(g.and(a, b));
 * circuitToDot({ aig: g, inputs: [{ name: 'x', width: 2 }], outputs: [{ name: 'y', width: 1 }] }).startsWith('digraph'); // true
 * ```
 */
export function circuitToDot(c: Circuit, name = 'circuit'): string {
  const g = c.aig;
  const live = new Uint8Array(g.numVars);
  for (const o of g.outputs) live[o >>> 1] = 1;
  for (let v = g.numVars - 1; v > 0; v--) if (live[v] && g.isAnd(v)) live[g.fanin0[v] >>> 1] = live[g.fanin1[v] >>> 1] = 1;
  let ands = 0;
  for (let v = 1; v < g.numVars; v++) if (live[v] && g.isAnd(v)) ands++;
  checkSize(ands + g.inputs.length + g.outputs.length, 'circuit');
  const lines = [`digraph ${quote(name)} {`, '  rankdir=BT;', '  node [shape=circle, fontsize=10];'];
  const inLabels = bitLabels(c.inputs, 'in');
  const outLabels = bitLabels(c.outputs, 'out');
  lines.push('  { rank=same;');
  g.inputs.forEach((v, i) => lines.push(`    v${v} [label=${quote(inLabels[i])}, shape=triangle];`));
  lines.push('  }');
  if (live[0]) lines.push('  v0 [label="0", shape=box];');
  const edge = (from: number, to: string) => `  v${from >>> 1} -> ${to}${from & 1 ? ' [style=dashed]' : ''};`;
  for (let v = 1; v < g.numVars; v++) {
    if (!live[v] || !g.isAnd(v)) continue;
    lines.push(`  v${v} [label="${v}"];`, edge(g.fanin0[v], `v${v}`), edge(g.fanin1[v], `v${v}`));
  }
  lines.push('  { rank=same;');
  g.outputs.forEach((_, i) => lines.push(`    o${i} [label=${quote(outLabels[i])}, shape=invtriangle];`));
  lines.push('  }');
  g.outputs.forEach((o, i) => lines.push(edge(o, `o${i}`)));
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * A BNN as a DOT graph: input bits, one node per neuron labelled with its
 * bias (layers side by side), edges solid for weight +1 and dashed for -1,
 * and output bits.
 */
export function bnnToDot(bnn: Bnn): string {
  checkSize(bnn.numInputBits + bnn.numNeurons + bnn.outputs.reduce((s, p) => s + p.bits.length, 0), 'BNN');
  const lines = [`digraph ${quote(bnn.name || 'bnn')} {`, '  rankdir=LR;', '  node [shape=circle, fontsize=10];', '  { rank=same;'];
  const labels = bitLabels(
    bnn.inputs.map((p) => ({ name: p.name, width: p.bits })),
    'in',
  );
  labels.forEach((l, s) => lines.push(`    s${s} [label=${quote(l)}, shape=box];`));
  lines.push('  }');
  for (let layer = 0; layer + 1 < bnn.layerStart.length; layer++) {
    lines.push('  { rank=same;');
    for (let n = bnn.layerStart[layer]; n < bnn.layerStart[layer + 1]; n++) lines.push(`    s${bnn.numInputBits + n} [label="${bnn.bias[n]}"];`);
    lines.push('  }');
  }
  for (let n = 0; n < bnn.numNeurons; n++) {
    for (let j = bnn.fanStart[n]; j < bnn.fanStart[n + 1]; j++) {
      lines.push(`  s${bnn.src[j]} -> s${bnn.numInputBits + n}${bnn.neg[j] ? ' [style=dashed]' : ''};`);
    }
  }
  lines.push('  { rank=same;');
  bnn.outputs.forEach((p, k) => p.bits.forEach((_, i) => lines.push(`    o${k}_${i} [label=${quote(bitName(p.name, i) || `out[${i}]`)}, shape=box];`)));
  lines.push('  }');
  bnn.outputs.forEach((p, k) => p.bits.forEach((s, i) => lines.push(`  s${s} -> o${k}_${i};`)));
  lines.push('}');
  return lines.join('\n') + '\n';
}
