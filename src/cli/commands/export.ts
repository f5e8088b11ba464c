/**
 * `bnnu export MODEL --to aiger|aag|blif|verilog|dot [-o FILE]` and
 * `bnnu export REF IMPL --to smt2 [-o FILE]`: write a model in another format.
 *
 * Networks are bit-blasted into their circuit; BNNs become circuits with one
 * threshold function per neuron (DOT shows a BNN as neurons instead);
 * circuits are written as they are. `smt2` writes the equivalence miter of
 * two models. Without `--to`, the format follows the extension of `-o`.
 * Without `-o` (or with `-o -`) text goes to stdout; binary AIGER needs `-o`.
 * Files are written under a temporary name and renamed, so a failed run
 * never leaves half a file.
 * @module
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { bitblastNetwork } from '../../bitblast/bitblast.js';
import { bnnToCircuit } from '../../bnn/to-aig.js';
import { BnnuError, InputError } from '../../errors.js';
import { writeAigerAscii, writeAigerBinary } from '../../io/aiger.js';
import { alignModelPorts } from '../../io/align.js';
import { writeBlif } from '../../io/blif.js';
import { bnnToDot, circuitToDot } from '../../io/dot.js';
import { loadModel } from '../../io/load.js';
import { writeVerilog } from '../../io/verilog-write.js';
import type { Circuit, Model } from '../../verify/model.js';
import { parseCommandArgs } from '../options.js';

const USAGE = `usage: bnnu export MODEL --to FORMAT [-o FILE] [--top MODULE]
       bnnu export REF IMPL --to smt2 [-o FILE] [--cardinality portable|z3]

Write MODEL (a network, BNN, AIGER, BLIF or Verilog file) in another format.
  --to FORMAT     aiger   binary AIGER (.aig; needs -o)
                  aag     ASCII AIGER
                  blif    BLIF (.names covers)
                  verilog structural Verilog (one module, ports input [N-1:0] x)
                  dot     Graphviz DOT (small models)
                  smt2    SMT-LIB 2 equivalence miter of REF and IMPL (unsat = equivalent)
                  (default: from the extension of -o: .aig .aag .blif .v .dot .smt2)
  -o FILE         where to write (default or "-": stdout)
  --top MODULE    Verilog top module of a Verilog MODEL
  --cardinality   smt2 only: portable (default, any solver) or z3 (Z3's at-least)
Networks are bit-blasted; BNNs become one threshold circuit per neuron; port
bits are named x[0], x[1], ... (least significant first).`;

/** Formats by name, and the extension each is chosen by. */
const FORMATS = new Map([
  ['aiger', '.aig'],
  ['aag', '.aag'],
  ['blif', '.blif'],
  ['verilog', '.v'],
  ['dot', '.dot'],
  ['smt2', '.smt2'],
]);

/** The format: `--to`, or else the extension of `-o`. */
function chooseFormat(to: string | undefined, output: string | undefined): string {
  if (to !== undefined) {
    if (!FORMATS.has(to)) throw new BnnuError('usage', `export: --to: expected one of ${[...FORMATS.keys()].join(', ')}, found ${JSON.stringify(to)}`);
    return to;
  }
  const ext = output && output !== '-' ? extname(output).toLowerCase() : '';
  for (const [name, e] of FORMATS) if (e === ext || (name === 'verilog' && ext === '.sv')) return name;
  throw new BnnuError('usage', `export: expected --to ${[...FORMATS.keys()].join('|')} (or -o FILE with a known extension), found ${output ? `-o ${output}` : 'neither'}`);
}

/** A name usable as a Verilog module and BLIF model: the model's name, made an identifier. */
function moduleName(m: Model): string {
  const raw = m.kind === 'network' ? m.network.name : m.kind === 'bnn' ? m.bnn.name : basename(m.file, extname(m.file));
  const id = raw.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `m_${id}`;
}

/** The circuit a model computes. */
export function circuitOfModel(m: Model): Circuit {
  switch (m.kind) {
    case 'network':
      return bitblastNetwork(m.network).circuit;
    case 'bnn':
      return bnnToCircuit(m.bnn);
    case 'circuit':
      return m.circuit;
  }
}

/** The exported text or bytes of one model. */
export function exportModel(m: Model, format: string): string | Buffer {
  if (format === 'dot' && m.kind === 'bnn') return bnnToDot(m.bnn);
  const c = circuitOfModel(m);
  switch (format) {
    case 'aiger':
      return writeAigerBinary(c);
    case 'aag':
      return writeAigerAscii(c);
    case 'blif':
      return writeBlif(c, moduleName(m));
    case 'verilog':
      return writeVerilog(c, moduleName(m));
    case 'dot':
      return circuitToDot(c, moduleName(m));
  }
  throw new BnnuError('usage', `export: format ${format} takes two models`);
}

/** Write `data` to `path` via a temporary file renamed at the end. */
function writeFileAtomically(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new InputError(path, 'file', 'a writable path', (e as NodeJS.ErrnoException).code ?? String(e));
  }
}

/** `bnnu export`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: opts, positionals } = parseCommandArgs(
    'export',
    args,
    { to: { type: 'string' }, output: { type: 'string', short: 'o' }, top: { type: 'string' }, cardinality: { type: 'string' } },
    ['MODEL', '[IMPL]'],
  );
  const format = chooseFormat(opts.to, opts.output);
  const output = opts.output === '-' ? undefined : opts.output;
  if (format === 'smt2' && positionals.length !== 2) throw new BnnuError('usage', 'export: --to smt2 writes an equivalence miter and takes two models: bnnu export REF IMPL --to smt2');
  if (format !== 'smt2' && positionals.length !== 1) throw new BnnuError('usage', `export: --to ${format} takes one model, found ${positionals.length}: ${positionals.join(' ')}`);
  if (opts.cardinality !== undefined && (format !== 'smt2' || !['portable', 'z3'].includes(opts.cardinality))) {
    throw new BnnuError('usage', `export: --cardinality: expected portable or z3 with --to smt2, found ${JSON.stringify(opts.cardinality)}${format !== 'smt2' ? ` with --to ${format}` : ''}`);
  }
  if (format === 'aiger' && output === undefined) throw new BnnuError('usage', 'export: --to aiger writes binary AIGER; give -o FILE (or use --to aag for text on stdout)');
  for (const p of positionals) if (output !== undefined && resolve(output) === resolve(p)) throw new BnnuError('usage', `export: the output ${output} would overwrite the input`);
  const models = await Promise.all(positionals.map((p) => loadModel(p, { top: opts.top })));
  let data: string | Buffer;
  if (format === 'smt2') {
    const { writeSmt2 } = await import('../../smt/smt2.js');
    const { ref, impl } = alignModelPorts(models[0], models[1]);
    data = writeSmt2(ref, impl, { cardinality: opts.cardinality as 'portable' | 'z3' | undefined });
  } else {
    data = exportModel(models[0], format);
  }
  if (output === undefined) {
    process.stdout.write(data);
    return 0;
  }
  writeFileAtomically(output, data);
  process.stdout.write(`wrote ${output} (${format}, ${data.length} bytes)\n`);
  return 0;
}
