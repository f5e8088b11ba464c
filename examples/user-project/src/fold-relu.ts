/**
 * A model conversion of the kind a user writes: fold a standalone ReLU
 * (a `requant` layer with `"activation": "relu"` that keeps the type) into the
 * `dense` layer before it, saving a layer.
 *
 * Why it is exact, and when: the dense layer computes fit(round(acc)) and the
 * ReLU takes max(·, 0). Folded, the dense layer computes fit(round(max(acc, 0))).
 * Rounding is monotone and round(0) = 0, and saturation is monotone and keeps
 * 0, so both give the same result — with `"overflow": "saturate"`. With
 * `"overflow": "wrap"` a large negative accumulator can wrap to a positive
 * value that the separate ReLU keeps but the folded one zeroes. So the fold
 * must be refused for wrapping layers.
 */

/** The parts of a `fixed-point-network/1` file this conversion looks at. */
export interface Layer {
  name: string;
  op: string;
  input?: string;
  inputs?: string[];
  output: string;
  type?: { signed: boolean; bits: number; frac: number };
  activation?: string;
  overflow?: string;
  [field: string]: unknown;
}

/** A network file as parsed JSON. */
export interface NetworkFile {
  format: 'fixed-point-network/1';
  name: string;
  inputs: unknown[];
  layers: Layer[];
  outputs: string[];
}

const sameType = (a: Layer['type'], b: Layer['type']) =>
  !!a && !!b && a.signed === b.signed && a.bits === b.bits && a.frac === b.frac;

/** Tensors read by some layer, counted. */
function readers(net: NetworkFile): Map<string, number> {
  const n = new Map<string, number>();
  for (const l of net.layers) for (const t of l.inputs ?? [l.input!]) n.set(t, (n.get(t) ?? 0) + 1);
  return n;
}

/**
 * Fold every `dense` -> ReLU `requant` pair that can be folded exactly.
 * `checkOverflow: false` skips the overflow check: that is the bug the
 * example's broken test catches.
 */
export function foldRelu(net: NetworkFile, checkOverflow = true): NetworkFile {
  const out: NetworkFile = JSON.parse(JSON.stringify(net));
  const uses = readers(out);
  for (let i = 0; i + 1 < out.layers.length; i++) {
    const dense = out.layers[i];
    const relu = out.layers.find((l) => l.op === 'requant' && l.input === dense.output);
    if (dense.op !== 'dense' || !relu || relu.activation !== 'relu') continue;
    if ((dense.activation ?? 'identity') !== 'identity' || !sameType(dense.type, relu.type)) continue;
    // The dense output must feed only the ReLU and must not be a network output.
    if (uses.get(dense.output) !== 1 || out.outputs.includes(dense.output)) continue;
    if (checkOverflow && (dense.overflow ?? 'saturate') !== 'saturate') continue;
    dense.activation = 'relu';
    dense.output = relu.output;
    out.layers.splice(out.layers.indexOf(relu), 1);
  }
  return out;
}

/** The same conversion without the overflow check: wrong for wrapping layers. */
export function foldReluUnchecked(net: NetworkFile): NetworkFile {
  return foldRelu(net, false);
}
