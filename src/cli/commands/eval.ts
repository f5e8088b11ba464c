/**
 * `bnnu eval MODEL --input NAME=VALUES ... [--json] [--like NET] [--all]`:
 * run a model on one input.
 *
 * Values are read and printed per port (shared/spec/cli.md):
 * - on a network, raw integers per tensor element, row-major, separated by
 *   commas: `--input x=1,-2,3`;
 * - on a BNN or a circuit, bit strings, least significant bit first:
 *   `--input x=0110`; an unnamed (positional) input port is given as
 *   `--input 0110`;
 * - on a BNN or a circuit with `--like NET`, as NET's tensors (raw integers),
 *   the ports being matched to NET's by name and width.
 *
 * `--input NAME=@FILE` reads the values from FILE instead (separated by commas,
 * spaces or newlines), for tensors too large for a command line.
 *
 * Text output is one line per output tensor, `NAME = VALUES` in the same
 * syntax as `--input` (so `y = 3,-1`, or `y = 0110` for bits); `--all` prints
 * every tensor of a network, inputs first, then layer outputs in file order.
 * `--json` prints `{"outputs": {"y": [3, -1]}}` (bit strings as JSON strings),
 * plus `"tensors"` with `--all`.
 * @module
 */
import { BnnuError, InputError } from '../../errors.js';
import { bitsToString, bitsToTensor, tensorToBits } from '../../fixed/bits.js';
import { type FixedType, formatType, maxRaw, minRaw } from '../../fixed/types.js';
import { alignModelPorts } from '../../io/align.js';
import { loadModel, readModelBytes } from '../../io/load.js';
import { checkNetworkInputs, interpretNetwork } from '../../network/interpret.js';
import type { Network } from '../../network/types.js';
import { matchPorts } from '../../verify/check.js';
import { type Model, evaluateModel, modelInputs, modelOutputs } from '../../verify/model.js';
import type { PortBits } from '../../verify/types.js';
import { parseCommandArgs, printJson } from '../options.js';

const USAGE = `usage: bnnu eval MODEL --input NAME=VALUES [--input ...] [--json] [--like NET] [--all] [--top MODULE]

Run MODEL (a network, BNN, AIGER, BLIF or Verilog file) on one input.
  --input NAME=VALUES  one per input port. Networks: raw integers, row-major,
                       comma-separated (x=1,-2,3). BNNs and circuits: a bit string,
                       least significant bit first (x=0110); an unnamed port: 0110.
                       NAME=@FILE reads VALUES from FILE (commas or whitespace).
  --like NET           read and print a BNN's or circuit's ports as NET's tensors
  --all                print every tensor of a network, not only its outputs
  --json               print {"outputs": {NAME: VALUES}} as one JSON document
  --top MODULE         Verilog top module
Output: one line per output, NAME = VALUES (same syntax as --input).`;

/** One printed port: raw integers or a bit string. */
type PortValue = bigint[] | string;

/**
 * Split `--input` arguments into name -> text; the name ends at the last `=`.
 * A text `@FILE` is read from FILE (for tensors too large for a command line).
 */
export function parseInputArgs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of args) {
    const eq = a.lastIndexOf('=');
    const name = eq < 0 ? '' : a.slice(0, eq);
    if (out.has(name)) throw new BnnuError('usage', `eval: --input ${name || '(unnamed)'} given twice`);
    const text = eq < 0 ? a : a.slice(eq + 1);
    out.set(name, text.startsWith('@') ? readValuesFile(text.slice(1)) : text);
  }
  return out;
}

/** The values in a file named by `--input NAME=@FILE`: commas, spaces or newlines between them. */
function readValuesFile(path: string): string {
  let text: string;
  try {
    text = readModelBytes(path).toString('utf8');
  } catch (e) {
    if (e instanceof BnnuError) throw e;
    throw new InputError(path, 'file', 'a readable file of values', (e as Error).message);
  }
  return text;
}

/** Parse `1,-2,3` (commas and/or whitespace between values) as raw values of `type`, each checked against its range. */
export function parseRawValues(text: string, name: string, type: FixedType, file: string): bigint[] {
  if (text.trim() === '') return [];
  return text.trim().split(/\s*,\s*|\s+/).map((tok, k) => {
    const s = tok.trim();
    if (!/^[+-]?\d+$/.test(s)) {
      throw new InputError(file, `--input ${name}[${k}]`, `an integer in [${minRaw(type)}, ${maxRaw(type)}] (type ${formatType(type)})`, JSON.stringify(s));
    }
    return BigInt(s);
  });
}

const bitCount = (n: number) => `a string of ${n} bit${n === 1 ? '' : 's'}`;

/** Parse a bit string of exactly `width` bits (least significant first). */
export function parseBitString(text: string, name: string, width: number, file: string): Uint8Array {
  const s = text.replace(/\s+/g, '');
  if (!/^[01]*$/.test(s) || s.length !== width) {
    const found = /^[01]*$/.test(s) ? bitCount(s.length) : JSON.stringify(s.length > 40 ? s.slice(0, 40) + '...' : s);
    throw new InputError(file, `--input ${name || '(unnamed)'}`, `${bitCount(width)}, 0 or 1, least significant first`, found);
  }
  return Uint8Array.from(s, (c) => (c === '1' ? 1 : 0));
}

/** Reject names that are not ports of the model. */
function rejectUnknown(given: ReadonlyMap<string, string>, ports: readonly string[], file: string): void {
  for (const name of given.keys()) {
    if (!ports.includes(name)) {
      const list = ports.map((p) => p || '(unnamed)').join(', ');
      throw new InputError(file, `--input ${name || '(unnamed)'}`, `one of the model's inputs (${list})`, `the unknown input ${JSON.stringify(name)}`);
    }
  }
}

/** Raw values of every network input from `--input` texts (checked: count and range). */
function networkValues(net: Network, given: ReadonlyMap<string, string>, file: string): Map<string, bigint[]> {
  rejectUnknown(given, net.inputs.map((t) => t.name), file);
  const values = new Map<string, bigint[]>();
  for (const t of net.inputs) {
    const text = given.get(t.name);
    if (text !== undefined) values.set(t.name, parseRawValues(text, t.name, t.type, file));
  }
  checkNetworkInputs(net, values, file);
  return values;
}

/** Evaluate a network: its outputs, and every tensor when `all`. */
function evalNetwork(model: Model & { kind: 'network' }, given: ReadonlyMap<string, string>, all: boolean): { outputs: Map<string, PortValue>; tensors?: Map<string, PortValue> } {
  const net = model.network;
  const tensors = interpretNetwork(net, networkValues(net, given, model.file), { file: model.file });
  const outputs = new Map<string, PortValue>(net.outputs.map((n) => [n, tensors.get(n)!]));
  return all ? { outputs, tensors } : { outputs };
}

/** Evaluate a BNN or circuit on bit strings. */
function evalBits(model: Model, given: ReadonlyMap<string, string>): Map<string, PortValue> {
  const ins = modelInputs(model);
  rejectUnknown(given, ins.map((p) => p.name), model.file);
  const bits: PortBits = new Map();
  for (const p of ins) {
    const text = given.get(p.name);
    if (text === undefined) {
      throw new InputError(model.file, `--input ${p.name || '(unnamed)'}`, `${bitCount(p.width)}, 0 or 1, least significant first`, 'nothing');
    }
    bits.set(p.name, parseBitString(text, p.name, p.width, model.file));
  }
  const out = evaluateModel(model, bits);
  return new Map(modelOutputs(model).map((p) => [p.name, bitsToString(out.get(p.name)!)]));
}

/** Evaluate a model through the tensors of network `like`. */
async function evalLike(model: Model, likePath: string, given: ReadonlyMap<string, string>): Promise<Map<string, PortValue>> {
  const like = await loadModel(likePath);
  if (like.kind !== 'network') throw new BnnuError('usage', `eval: --like ${likePath}: expected a fixed-point network file, found a ${like.kind}`);
  const aligned = alignModelPorts(like, model).impl;
  matchPorts(like, aligned);
  const values = networkValues(like.network, given, likePath);
  const bits: PortBits = new Map();
  for (const t of like.network.inputs) bits.set(t.name, tensorToBits(values.get(t.name)!, t.type));
  const out = evaluateModel(aligned, bits);
  return new Map(like.network.outputs.map((n) => [n, bitsToTensor(out.get(n)!, like.network.tensors.get(n)!.type)]));
}

/** A port's values as text: `1,-2,3` or a bit string. */
function formatValue(v: PortValue): string {
  return typeof v === 'string' ? v : v.join(',');
}

function printText(ports: ReadonlyMap<string, PortValue>): void {
  for (const [name, v] of ports) process.stdout.write(`${name || '(unnamed)'} = ${formatValue(v)}\n`);
}

const toJson = (ports: ReadonlyMap<string, PortValue>) => Object.fromEntries(ports);

/** `bnnu eval`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: opts, positionals } = parseCommandArgs(
    'eval',
    args,
    {
      input: { type: 'string', multiple: true, short: 'i' },
      json: { type: 'boolean' },
      like: { type: 'string' },
      all: { type: 'boolean' },
      top: { type: 'string' },
    },
    ['MODEL'],
  );
  const given = parseInputArgs(opts.input ?? []);
  const model = await loadModel(positionals[0], { top: opts.top });
  let outputs: Map<string, PortValue>;
  let tensors: Map<string, PortValue> | undefined;
  if (opts.all && (model.kind !== 'network' || opts.like)) throw new BnnuError('usage', 'eval: --all needs a network MODEL (without --like): only networks have inner tensors');
  if (opts.like) outputs = await evalLike(model, opts.like, given);
  else if (model.kind === 'network') ({ outputs, tensors } = evalNetwork(model, given, Boolean(opts.all)));
  else outputs = evalBits(model, given);
  if (opts.json) printJson(tensors ? { outputs: toJson(outputs), tensors: toJson(tensors) } : { outputs: toJson(outputs) });
  else printText(tensors ?? outputs);
  return 0;
}
