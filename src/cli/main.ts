#!/usr/bin/env node
/**
 * `bnnu`: the command-line entry point. Each command lives in its own file
 * under `commands/` and is imported only when called, so commands that do not
 * need Z3 or Yosys never load them.
 * @module
 */
import { BnnuError } from '../errors.js';

/** A command: takes its arguments (after the command name), returns the exit code. */
export type CommandMain = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main: CommandMain }> }> = {
  translate: { summary: 'translate a network into an equivalent BNN', load: () => import('./commands/translate.js') },
  verify: { summary: 'prove two models equal on every input, or show where they differ', load: () => import('./commands/verify.js') },
  eval: { summary: 'evaluate a model on one input', load: () => import('./commands/eval.js') },
  info: { summary: 'describe a model: ports, tensors, sizes', load: () => import('./commands/info.js') },
  export: { summary: 'write a model as AIGER, BLIF, Verilog, DOT or SMT-LIB 2', load: () => import('./commands/export.js') },
  recheck: { summary: 're-run the proof recorded in a certificate', load: () => import('./commands/recheck.js') },
  certificate: { summary: 'work with certificates (merge shards)', load: () => import('./commands/certificate.js') },
  demo: { summary: 'translate and prove the built-in example', load: () => import('./commands/demo.js') },
};

/** The usage text. */
export function usage(): string {
  const lines = ['usage: bnnu COMMAND [ARGS] (bnnu COMMAND --help for details)', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)}${c.summary}`);
  lines.push('', 'exit codes: 0 success/equivalent, 1 different, 2 bad input or usage, 3 unknown, 4 internal error');
  return lines.join('\n');
}

/** Run the CLI on `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    const { toolVersion } = await import('../version.js');
    process.stdout.write(toolVersion() + '\n');
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`bnnu: unknown command ${JSON.stringify(name)}; expected one of ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await (await cmd.load()).main(rest);
  } catch (e) {
    return reportError(e);
  }
}

/** Print an error as one line on stderr and return its exit code. */
export function reportError(e: unknown): number {
  if (e instanceof BnnuError) {
    process.stderr.write(`bnnu: ${e.code === 'internal' ? 'internal error: ' : ''}${e.message}\n`);
    if (process.env.BNNU_DEBUG) process.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`bnnu: internal error: ${msg}\n`);
  if (process.env.BNNU_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 4;
}

/**
 * Exit with `code` once stdout and stderr are flushed: on a pipe, writes are
 * asynchronous and an immediate exit cuts long output (e.g. `eval` of a large
 * tensor) at 64 KiB. A closed pipe (`| head`) ends the wait too.
 */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const s of [process.stdout, process.stderr]) {
    s.once('error', () => process.exit(code));
    s.write('', done);
  }
}

// Exit explicitly: Z3's worker threads must not keep the process alive.
runCli(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (e) => exitAfterFlush(reportError(e)),
);
