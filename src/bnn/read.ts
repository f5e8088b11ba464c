/**
 * Reader for `bnn/1` files (shared/spec/bnn.md): parsed JSON in, a validated
 * {@link Bnn} out, or an {@link InputError} naming the file, the JSON path
 * (`layers[2].neurons[5].inputs[1]`), what was expected and what was found.
 *
 * Checked to the letter: `format`, `name`, ports (unique non-empty names,
 * widths >= 1), every neuron (distinct inputs, each a signal id smaller than
 * the neuron's own id, weights exactly +1/-1 and one per input, a safe-integer
 * bias), every output bit a valid signal id, and, when present, `tensors`
 * (ids in range) and `meta` (an object). Unknown keys are refused (a typo such
 * as `weight` must not pass silently), except inside `meta`, which is free-form.
 * The bias parity rule is NOT required of files written by others: the
 * evaluator applies `sum + bias >= 0` as the contract says.
 * @module
 */
import { InputError, describeValue } from '../errors.js';
import type { Bnn, BnnInputPort, BnnOutputPort } from './types.js';

/** Largest total input width accepted (bits). Keeps absurd files from allocating gigabytes. */
export const MAX_BNN_INPUT_BITS = 1 << 24;
/** Largest number of neurons accepted. */
export const MAX_BNN_NEURONS = 1 << 28;

type Json = Record<string, unknown>;

/**
 * Validate parsed JSON as a `bnn/1` file.
 *
 * @param json - the parsed file
 * @param file - the file name used in error messages
 * @throws {@link InputError} (exit 2) on the first violation, located by JSON path
 * @example
 * ```ts
 * import { readBnnJson } from 'bnn-universal';
 * const bnn = readBnnJson({
 *   format: 'bnn/1', name: 'and', inputs: [{ name: 'x', bits: 2 }],
 *   layers: [{ neurons: [{ inputs: [0, 1], weights: [1, 1], bias: -1 }] }],
 *   outputs: [{ name: 'y', bits: [2] }],
 * }, 'and.bnn.json');
 * console.log(bnn.numNeurons); // 1
 * ```
 */
export function readBnnJson(json: unknown, file: string): Bnn {
  const fail = (place: string, expected: string, found: unknown, raw = false): never => {
    throw new InputError(file, place, expected, raw ? String(found) : describeValue(found));
  };
  const top = asObject(json, 'the top level', fail);
  onlyKeys(top, '', ['format', 'name', 'inputs', 'layers', 'outputs', 'tensors', 'meta'], fail);
  if (top.format !== 'bnn/1') fail('format', '"bnn/1"', top.format);
  if (typeof top.name !== 'string') fail('name', 'a string', top.name);
  const inputs = readInputs(top.inputs, fail);
  const numInputBits = inputs.reduce((s, p) => s + p.bits, 0);
  const layers = readLayers(top.layers, numInputBits, fail);
  const numSignals = numInputBits + layers.numNeurons;
  const outputs = readOutputs(top.outputs, numSignals, fail);
  const bnn: Bnn = {
    format: 'bnn/1',
    name: top.name as string,
    inputs,
    numInputBits,
    numNeurons: layers.numNeurons,
    layerStart: layers.layerStart,
    fanStart: layers.fanStart,
    src: layers.src,
    neg: layers.neg,
    bias: layers.bias,
    outputs,
  };
  const extra: { tensors?: Record<string, number[]>; meta?: Record<string, unknown> } = {};
  if (top.tensors !== undefined) extra.tensors = readTensors(top.tensors, numSignals, fail);
  if (top.meta !== undefined) extra.meta = asObject(top.meta, 'meta', fail);
  return { ...bnn, ...extra };
}

type Fail = (place: string, expected: string, found: unknown, raw?: boolean) => never;

function asObject(v: unknown, place: string, fail: Fail): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(place, 'an object', v);
  return v as Json;
}

function asArray(v: unknown, place: string, fail: Fail): unknown[] {
  if (!Array.isArray(v)) fail(place, 'an array', v);
  return v as unknown[];
}

function onlyKeys(o: Json, prefix: string, allowed: readonly string[], fail: Fail): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail(prefix ? `${prefix}.${k}` : k, `no such field (allowed: ${allowed.join(', ')})`, JSON.stringify(k), true);
  }
}

function portName(v: unknown, place: string, seen: Set<string>, fail: Fail): string {
  if (typeof v !== 'string' || v.length === 0) fail(place, 'a non-empty string', v);
  const name = v as string;
  if (seen.has(name)) fail(place, 'a name not used by another port of the same list', JSON.stringify(name), true);
  seen.add(name);
  return name;
}

function readInputs(v: unknown, fail: Fail): BnnInputPort[] {
  const arr = asArray(v, 'inputs', fail);
  const seen = new Set<string>();
  const out: BnnInputPort[] = [];
  let total = 0;
  arr.forEach((p, i) => {
    const place = `inputs[${i}]`;
    const o = asObject(p, place, fail);
    onlyKeys(o, place, ['name', 'bits'], fail);
    const name = portName(o.name, `${place}.name`, seen, fail);
    const bits = o.bits;
    if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 1) fail(`${place}.bits`, 'an integer >= 1', bits);
    total += bits as number;
    if (total > MAX_BNN_INPUT_BITS) fail(`${place}.bits`, `a total input width of at most ${MAX_BNN_INPUT_BITS} bits`, `${total} bits so far`, true);
    out.push({ name, bits: bits as number });
  });
  return out;
}

interface Layers {
  numNeurons: number;
  layerStart: Uint32Array;
  fanStart: Uint32Array;
  src: Uint32Array;
  neg: Uint8Array;
  bias: Float64Array;
}

/** First pass: shapes and counts, so the typed arrays can be sized exactly. */
function countLayers(v: unknown, fail: Fail): { neurons: unknown[][]; numNeurons: number; numSynapses: number } {
  const arr = asArray(v, 'layers', fail);
  const neurons: unknown[][] = [];
  let numNeurons = 0;
  let numSynapses = 0;
  arr.forEach((l, li) => {
    const place = `layers[${li}]`;
    const o = asObject(l, place, fail);
    onlyKeys(o, place, ['neurons'], fail);
    const ns = asArray(o.neurons, `${place}.neurons`, fail);
    ns.forEach((n, ni) => {
      const np = `${place}.neurons[${ni}]`;
      const no = asObject(n, np, fail);
      onlyKeys(no, np, ['inputs', 'weights', 'bias'], fail);
      const ins = asArray(no.inputs, `${np}.inputs`, fail);
      const ws = asArray(no.weights, `${np}.weights`, fail);
      if (ws.length !== ins.length) fail(`${np}.weights`, `${ins.length} weights (one per input)`, `${ws.length}`, true);
      numSynapses += ins.length;
    });
    numNeurons += ns.length;
    if (numNeurons > MAX_BNN_NEURONS) fail(`${place}.neurons`, `at most ${MAX_BNN_NEURONS} neurons in all`, `${numNeurons} so far`, true);
    neurons.push(ns);
  });
  return { neurons, numNeurons, numSynapses };
}

function readLayers(v: unknown, numInputBits: number, fail: Fail): Layers {
  const { neurons, numNeurons, numSynapses } = countLayers(v, fail);
  const layerStart = new Uint32Array(neurons.length + 1);
  const fanStart = new Uint32Array(numNeurons + 1);
  const src = new Uint32Array(numSynapses);
  const neg = new Uint8Array(numSynapses);
  const bias = new Float64Array(numNeurons);
  // lastUse[s] = 1 + the neuron that last read signal s: detects repeated inputs in O(1).
  const lastUse = new Uint32Array(numInputBits + numNeurons);
  let n = 0;
  let j = 0;
  neurons.forEach((ns, li) => {
    layerStart[li] = n;
    ns.forEach((raw, ni) => {
      const np = `layers[${li}].neurons[${ni}]`;
      const o = raw as Json;
      const self = numInputBits + n;
      const ins = o.inputs as unknown[];
      const ws = o.weights as unknown[];
      for (let i = 0; i < ins.length; i++) {
        const s = ins[i];
        if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) fail(`${np}.inputs[${i}]`, 'a signal id (an integer >= 0)', s);
        if ((s as number) >= self) fail(`${np}.inputs[${i}]`, `a signal id below ${self} (this neuron's own id)`, s);
        if (lastUse[s as number] === n + 1) fail(`${np}.inputs[${i}]`, 'signal ids distinct within the neuron', `${s} a second time`, true);
        lastUse[s as number] = n + 1;
        const w = ws[i];
        if (w !== 1 && w !== -1) fail(`${np}.weights[${i}]`, '1 or -1', w);
        src[j] = s as number;
        neg[j] = w === -1 ? 1 : 0;
        j++;
      }
      if (typeof o.bias !== 'number' || !Number.isSafeInteger(o.bias)) fail(`${np}.bias`, 'a safe integer', o.bias);
      bias[n] = o.bias as number;
      n++;
      fanStart[n] = j;
    });
  });
  layerStart[neurons.length] = n;
  return { numNeurons, layerStart, fanStart, src, neg, bias };
}

function signalId(v: unknown, place: string, numSignals: number, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= numSignals) {
    fail(place, `a signal id in [0, ${numSignals - 1}]`, v);
  }
  return v as number;
}

function readOutputs(v: unknown, numSignals: number, fail: Fail): BnnOutputPort[] {
  const arr = asArray(v, 'outputs', fail);
  const seen = new Set<string>();
  return arr.map((p, i) => {
    const place = `outputs[${i}]`;
    const o = asObject(p, place, fail);
    onlyKeys(o, place, ['name', 'bits'], fail);
    const name = portName(o.name, `${place}.name`, seen, fail);
    const bits = asArray(o.bits, `${place}.bits`, fail);
    if (bits.length === 0) fail(`${place}.bits`, 'at least one signal id', 'an empty array', true);
    return { name, bits: Uint32Array.from(bits, (b, k) => signalId(b, `${place}.bits[${k}]`, numSignals, fail)) };
  });
}

function readTensors(v: unknown, numSignals: number, fail: Fail): Record<string, number[]> {
  const o = asObject(v, 'tensors', fail);
  // A null prototype keeps a tensor named `__proto__` an ordinary entry.
  const out: Record<string, number[]> = Object.create(null);
  for (const [name, bits] of Object.entries(o)) {
    const place = `tensors[${JSON.stringify(name)}]`;
    const arr = asArray(bits, place, fail);
    out[name] = arr.map((b, k) => signalId(b, `${place}[${k}]`, numSignals, fail));
  }
  return out;
}
