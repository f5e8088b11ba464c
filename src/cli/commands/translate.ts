/**
 * `bnnu translate NET [-o OUT.bnn.json] [--strategy NAME] [--layered] [--json]`:
 * translate a fixed-point network (or a circuit) into an equivalent BNN file.
 *
 * Output file: `-o OUT`; without `-o`, next to NET with its extension replaced
 * by `.bnn.json` (`nets/mlp.json` -> `nets/mlp.bnn.json`, `c.aag` -> `c.bnn.json`); `-o -` writes the BNN
 * to stdout (the report then goes to stderr, and `--json` is refused since
 * stdout holds the BNN). The file is written under a temporary name and
 * renamed, so a failed run never leaves half a file.
 * @module
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Bnn } from '../../bnn/types.js';
import { bnnJsonChunks } from '../../bnn/write.js';
import { BnnuError, InputError } from '../../errors.js';
import { loadModel, readModelBytes } from '../../io/load.js';
import { DEFAULT_STRATEGY, TRANSLATION_STRATEGIES, type TranslateStats, translateCircuit, translateNetwork } from '../../translate/translate.js';
import { parseCommandArgs, printJson } from '../options.js';

const USAGE = `usage: bnnu translate NET [-o OUT.bnn.json] [--strategy NAME] [--layered] [--json]

Translate NET (a fixed-point network, or an AIGER/BLIF/Verilog circuit) into a
BNN (bnn/1) that computes the same output bits for every input.

  -o, --output OUT   where to write the BNN (default: next to NET, its extension
                     replaced by .bnn.json; "-" writes the BNN to stdout)
  --strategy NAME    construction (default ${DEFAULT_STRATEGY}):
${[...TRANSLATION_STRATEGIES.values()].map((s) => `                       ${s.name}: ${s.summary}`).join('\n')}
  --layered          strictly layered BNN: every neuron reads only the previous
                     layer (pass-through neurons carry signals), outputs in the last
  --top MODULE       Verilog top module (circuits only)
  --json             print the report as one JSON document

Prints the circuit size (AND nodes, depth), the BNN size (neurons, synapses,
depth, layers, widest layer) and the time per phase.`;

/** Extensions of model files, replaced by `.bnn.json` in the default output name. */
const MODEL_EXTENSIONS = ['.json', '.aag', '.aig', '.blif', '.v', '.sv'];

/** Default output path: NET with its extension (`.json`, `.aag`, ...) replaced by `.bnn.json`, in NET's directory. */
export function defaultOutputPath(net: string): string {
  const ext = extname(net);
  const stem = basename(net, MODEL_EXTENSIONS.includes(ext.toLowerCase()) ? ext : '');
  return join(dirname(net), `${stem}.bnn.json`);
}

/** Write a BNN file by streaming its compact text, via a temporary file renamed at the end. */
export function writeBnnFile(path: string, bnn: Bnn): void {
  const tmp = `${path}.tmp-${process.pid}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    let buf = '';
    for (const chunk of bnnJsonChunks(bnn)) {
      buf += chunk;
      if (buf.length >= 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new InputError(path, 'file', 'a writable path', (e as NodeJS.ErrnoException).code ?? String(e));
  }
}

function writeStdout(bnn: Bnn): void {
  for (const chunk of bnnJsonChunks(bnn)) process.stdout.write(chunk);
}

const s3 = (x: number) => `${x.toFixed(3)} s`;

function report(input: string, output: string, st: TranslateStats, writeSec: number): string[] {
  const b = st.bnn;
  const lines = [
    `translated ${input} -> ${output} (strategy ${st.strategy}${st.layered ? ', layered' : ''})`,
    `circuit:  ${st.circuit.ands} AND nodes, depth ${st.circuit.depth}`,
    `bnn:      ${b.neurons} neurons, ${b.synapses} synapses, depth ${b.depth}, ${b.layers} layers, widest layer ${b.widestLayer}, max fan-in ${b.maxFanIn}`,
    `time:     ${s3(st.seconds.total + writeSec)} (bitblast ${s3(st.seconds.bitblast)}, ${st.strategy} ${s3(st.seconds.strategy)}, write ${s3(writeSec)})`,
  ];
  if (st.hintsOmitted.length) lines.push(`note:     tensors not recorded in the BNN (bits no output depends on): ${st.hintsOmitted.join(', ')}`);
  return lines;
}

/** `bnnu translate`. */
export async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const { values: opts, positionals } = parseCommandArgs(
    'translate',
    args,
    {
      output: { type: 'string', short: 'o' },
      strategy: { type: 'string', default: DEFAULT_STRATEGY },
      layered: { type: 'boolean' },
      json: { type: 'boolean' },
      top: { type: 'string' },
    },
    ['NET'],
  );
  const input = positionals[0];
  const output = opts.output ?? defaultOutputPath(input);
  if (output === '-' && opts.json) throw new BnnuError('usage', 'translate: -o - writes the BNN to stdout, so --json cannot be used with it');
  if (output !== '-' && resolve(output) === resolve(input)) throw new BnnuError('usage', `translate: the output ${output} would overwrite the input`);
  if (!TRANSLATION_STRATEGIES.has(opts.strategy!)) {
    throw new BnnuError('usage', `translate: --strategy: expected one of ${[...TRANSLATION_STRATEGIES.keys()].join(', ')}, found ${JSON.stringify(opts.strategy)}`);
  }
  const sha256 = createHash('sha256').update(readModelBytes(input)).digest('hex');
  const model = await loadModel(input, { top: opts.top });
  const options = { strategy: opts.strategy, layered: opts.layered ?? false, source: { file: basename(input), sha256 } };
  let result;
  if (model.kind === 'network') result = translateNetwork(model.network, options);
  else if (model.kind === 'circuit') result = translateCircuit(model.circuit, basename(input), options);
  else throw new InputError(input, 'format', 'a fixed-point network or a circuit to translate', 'a BNN (bnn/1) already');
  const t0 = performance.now();
  if (output === '-') writeStdout(result.bnn);
  else writeBnnFile(output, result.bnn);
  const writeSec = (performance.now() - t0) / 1000;
  const st = result.stats;
  if (opts.json) {
    printJson({
      input,
      output,
      strategy: st.strategy,
      layered: st.layered,
      circuit: st.circuit,
      bnn: st.bnn,
      construction: st.strategyStats,
      hintsOmitted: st.hintsOmitted,
      seconds: { ...st.seconds, write: writeSec, total: st.seconds.total + writeSec },
    });
  } else {
    const text = report(input, output === '-' ? 'stdout' : output, st, writeSec).join('\n') + '\n';
    (output === '-' ? process.stderr : process.stdout).write(text);
  }
  return 0;
}
