/**
 * Every code example in docs/*.md and README.md runs, so the documentation
 * cannot drift from the tool:
 * - `sh` blocks: each line is a `bnnu` command run against the built CLI (in a
 *   scratch directory where `examples/` and `docs/` are visible); every
 *   command must exit 0 except the last, which must exit with `exit=N`
 *   (default 0); a `text` block right after gives its expected output;
 * - `ts` blocks: typechecked together against the built package (as a user's
 *   project sees it), then run with node (a `text` block right after gives
 *   the expected stdout); `ts vitest` blocks run as vitest
 *   test files, with `ts file=NAME` blocks written beside them (setup files);
 * - `json file=PATH` blocks must equal the file they show;
 * - `skip`: not run (kept rare); `pending`: a feature not landed yet (todo).
 * Needs `npm run build` first (as all e2e tests).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Fence, outputMatches, parseFences, shCommands } from './fences.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

/** A scratch directory that looks like a user's project next to the repo's examples. */
function scratch(): string {
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

function run(cmd: string, cwd: string) {
  const env = { ...process.env, PATH: `${join(cwd, 'bin')}:${process.env.PATH}`, CI: 'true', NO_COLOR: '1' };
  const r = spawnSync('bash', ['-c', cmd], { cwd, env, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

const where = (file: string, f: Fence) => `${file}:${f.line}`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

for (const file of DOCS) {
  const fences = parseFences(readFileSync(join(ROOT, file), 'utf8'));
  const runnable = fences.filter((f) => ['sh', 'ts', 'json'].includes(f.lang));
  if (runnable.length === 0) continue;

  describe(file, () => {
    let dir = '';
    beforeAll(() => {
      expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
      dir = scratch();
      dirs.push(dir);
    });

    for (const f of runnable) {
      const name = `${where(file, f)} ${f.lang}${[...f.attrs.keys()].map((k) => ' ' + k).join('')}`;
      if (f.attrs.has('skip')) continue;
      if (f.attrs.has('pending')) {
        test.todo(name);
        continue;
      }
      if (f.lang === 'sh') test(name, () => checkSh(f, dir, file));
      if (f.lang === 'json') test(name, () => checkJson(f, file));
    }

    const tsBlocks = runnable.filter((f) => f.lang === 'ts' && !f.attrs.has('skip') && !f.attrs.has('pending'));
    if (tsBlocks.length) test(`${file}: ${tsBlocks.length} ts block(s) typecheck and run`, () => checkTs(tsBlocks, dir, file));
  });
}

function checkSh(f: Fence, dir: string, file: string): void {
  const cmds = shCommands(f.body);
  const want = Number(f.attrs.get('exit') ?? '0');
  cmds.forEach((cmd, i) => {
    // Safety: a docs block never runs anything but the CLI (no `npm ci`, no `rm`).
    expect(cmd, `${where(file, f)}: only bnnu commands run in docs examples; tag other blocks \`sh skip\``).toMatch(/^bnnu(\s|$)/);
    const r = run(cmd, dir);
    const last = i === cmds.length - 1;
    expect(r.code, `${where(file, f)}: \`${cmd}\` exited ${r.code}:\n${r.out}`).toBe(last ? want : 0);
    if (last && f.expected !== undefined) {
      expect(outputMatches(f.expected, r.out), `${where(file, f)}: output of \`${cmd}\` differs from the docs:\n${r.out}`).toBe(true);
    }
  });
}

function checkJson(f: Fence, file: string): void {
  const parsed: unknown = JSON.parse(f.body);
  const shown = f.attrs.get('file');
  if (shown) expect(parsed, `${where(file, f)} shows ${shown}`).toEqual(JSON.parse(readFileSync(join(ROOT, shown), 'utf8')));
}

/** Typecheck all ts blocks of a doc as modules of a user's project, then run them. */
function checkTs(blocks: Fence[], dir: string, file: string): void {
  const sub = join(dir, `ts-${file.replace(/\W/g, '_')}`);
  mkdirSync(sub, { recursive: true });
  const names = blocks.map((f, i) => f.attrs.get('file') ?? (f.attrs.has('vitest') ? `block${i}.test.ts` : `block${i}.ts`));
  blocks.forEach((f, i) => writeFileSync(join(sub, names[i]), f.body + '\n\nexport {};\n'));
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
  writeFileSync(join(sub, 'package.json'), '{"type": "module"}\n');
  const program = ts.createProgram(names.map((n) => join(sub, n)), options);
  const diags = ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const block = d.file ? blocks[names.findIndex((n) => d.file!.fileName.endsWith('/' + n))] : undefined;
    const at = block && pos ? `${file}:${block.line + 1 + pos.line}` : file;
    return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(diags, 'docs examples must typecheck').toEqual([]);

  const vitestFiles: string[] = [];
  blocks.forEach((f, i) => {
    if (f.attrs.has('file')) return; // support files (setup) are used by the blocks that need them
    if (f.attrs.has('vitest')) {
      vitestFiles.push(names[i]);
      return;
    }
    const js = ts.transpileModule(f.body, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const mjs = join(sub, `block${i}.mjs`);
    writeFileSync(mjs, js);
    const r = spawnSync(process.execPath, [mjs], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${where(file, f)} failed:\n${r.stdout}${r.stderr}`).toBe(0);
    if (f.expected !== undefined) expect(outputMatches(f.expected, r.stdout), `${where(file, f)}: output differs from the docs:\n${r.stdout}`).toBe(true);
  });
  if (vitestFiles.length) runVitest(sub, dir, names, blocks, vitestFiles, file);
}

function runVitest(sub: string, cwd: string, names: string[], blocks: Fence[], files: string[], file: string): void {
  const setup = names.filter((n, i) => blocks[i].attrs.has('file') && /setup/.test(n));
  const config = `export default { test: { root: ${JSON.stringify(sub)}, include: ${JSON.stringify(files)}, setupFiles: ${JSON.stringify(setup.map((s) => join(sub, s)))}, testTimeout: 120000 } };\n`;
  writeFileSync(join(sub, 'vitest.config.mjs'), config);
  const bin = join(ROOT, 'node_modules/vitest/vitest.mjs');
  const r = spawnSync(process.execPath, [bin, 'run', '--config', join(sub, 'vitest.config.mjs')], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CI: 'true' } });
  expect(r.status, `${file}: vitest examples failed:\n${r.stdout}${r.stderr}`).toBe(0);
}
