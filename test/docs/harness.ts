/**
 * Running documentation examples as a user would: a scratch project whose
 * node_modules sees this repository as `bnn-universal` (through its package
 * exports, i.e. the built dist/), `bnnu` on the PATH, and `examples/` and
 * `docs/` visible. Used by examples.test.ts (guide) and tsdoc.test.ts (API).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';
import { type Fence, outputMatches } from './fences.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/src/cli/main.js');

export const where = (file: string, f: Fence) => `${file}:${f.line}`;

/** A scratch directory that looks like a user's project next to the repo's examples. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bnnu-docs-'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  symlinkSync(join(ROOT, 'docs'), join(dir, 'docs'));
  const nm = join(dir, 'node_modules');
  mkdirSync(nm);
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(ROOT, 'node_modules', name), join(nm, name));
  }
  symlinkSync(ROOT, join(nm, 'bnn-universal'));
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin/bnnu'), `#!/bin/sh\nexec node ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(join(dir, 'bin/bnnu'), 0o755);
  return dir;
}

export function run(cmd: string, cwd: string) {
  const env = { ...process.env, PATH: `${join(cwd, 'bin')}:${process.env.PATH}`, CI: 'true', NO_COLOR: '1' };
  const r = spawnSync('bash', ['-c', cmd], { cwd, env, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

/** A ts block of some file, and the module name it is written under. */
export interface TsBlock {
  /** The doc or source file it comes from (for messages). */
  readonly file: string;
  readonly fence: Fence;
  /** Its directory under the scratch project: one per doc, so `file=` names stay local. */
  readonly dir: string;
  /** Module file name inside `dir`. */
  readonly name: string;
}

/** Lay out the ts blocks of each file in its own directory of a scratch project. */
export function layoutBlocks(byFile: ReadonlyMap<string, readonly Fence[]>, scratchDir: string): TsBlock[] {
  const out: TsBlock[] = [];
  for (const [file, fences] of byFile) {
    const dir = join(scratchDir, `ts-${file.replace(/\W/g, '_')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
    fences.forEach((fence, i) => {
      const name = fence.attrs.get('file') ?? (fence.attrs.has('vitest') ? `block${i}.test.ts` : `block${i}.ts`);
      writeFileSync(join(dir, name), fence.body + '\n\nexport {};\n');
      out.push({ file, fence, dir, name });
    });
  }
  return out;
}

/**
 * Typecheck every block as a module of a user's project that depends on
 * `bnn-universal` (through the scratch node_modules, i.e. the built package's
 * published types). Returns the diagnostics as `FILE:LINE: message`.
 */
export function typecheckBlocks(blocks: readonly TsBlock[]): string[] {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
  };
  const byPath = new Map(blocks.map((b) => [join(b.dir, b.name), b]));
  const program = ts.createProgram([...byPath.keys()], options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const b = d.file ? byPath.get(d.file.fileName) : undefined;
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const at = b && pos ? `${b.file}:${b.fence.line + 1 + pos.line}` : (d.file?.fileName ?? '?');
    return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * Run one file's blocks: plain blocks with node (from `cwd`, checking a stated
 * output), `vitest` blocks together as one vitest run with the file's
 * `file=...setup...` blocks as setup files.
 */
export function runBlocks(blocks: readonly TsBlock[], cwd: string): void {
  const vitestBlocks: TsBlock[] = [];
  for (const b of blocks) {
    if (b.fence.attrs.has('file')) continue; // support files are used by the blocks that need them
    if (b.fence.attrs.has('vitest')) {
      vitestBlocks.push(b);
      continue;
    }
    const js = ts.transpileModule(b.fence.body, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const mjs = join(b.dir, b.name.replace(/\.ts$/, '.mjs'));
    writeFileSync(mjs, js);
    const r = spawnSync(process.execPath, [mjs], { cwd, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${where(b.file, b.fence)} failed:\n${r.stdout}${r.stderr}`).toBe(0);
    if (b.fence.expected !== undefined) {
      expect(outputMatches(b.fence.expected, r.stdout), `${where(b.file, b.fence)}: output differs from the docs:\n${r.stdout}`).toBe(true);
    }
  }
  if (vitestBlocks.length) runVitest(blocks, vitestBlocks, cwd);
}

function runVitest(all: readonly TsBlock[], tests: readonly TsBlock[], cwd: string): void {
  const dir = tests[0].dir;
  const setup = all.filter((b) => b.dir === dir && b.fence.attrs.has('file') && /setup/.test(b.name)).map((b) => join(dir, b.name));
  const include = tests.map((b) => b.name);
  const config = `export default { test: { root: ${JSON.stringify(dir)}, include: ${JSON.stringify(include)}, setupFiles: ${JSON.stringify(setup)}, testTimeout: 120000 } };\n`;
  writeFileSync(join(dir, 'vitest.config.mjs'), config);
  const bin = join(ROOT, 'node_modules/vitest/vitest.mjs');
  const r = spawnSync(process.execPath, [bin, 'run', '--config', join(dir, 'vitest.config.mjs')], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: 'true' } });
  expect(r.status, `${tests[0].file}: vitest examples failed:\n${r.stdout}${r.stderr}`).toBe(0);
}
