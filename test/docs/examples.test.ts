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
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Fence, outputMatches, parseFences, shCommands } from './fences.js';
import { CLI, ROOT, type TsBlock, layoutBlocks, run, runBlocks, scratch, typecheckBlocks, where } from './harness.js';

const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const runnableTs = (f: Fence) => f.lang === 'ts' && !f.attrs.has('skip') && !f.attrs.has('pending');
const docs = DOCS.map((file) => ({ file, fences: parseFences(readFileSync(join(ROOT, file), 'utf8')) }));

// All ts blocks of all docs, typechecked in one program (fast), run per doc.
let tsBlocks: TsBlock[] = [];
let tsDir = '';
beforeAll(() => {
  expect(existsSync(CLI), 'run `npm run build` first').toBe(true);
  tsDir = scratch();
  dirs.push(tsDir);
  tsBlocks = layoutBlocks(new Map(docs.map((d) => [d.file, d.fences.filter(runnableTs)])), tsDir);
});

test('every ts block of the docs typechecks against the built package', () => {
  expect(typecheckBlocks(tsBlocks), 'docs examples must typecheck').toEqual([]);
});

for (const { file, fences } of docs) {
  const runnable = fences.filter((f) => ['sh', 'ts', 'json'].includes(f.lang));
  if (runnable.length === 0) continue;

  describe(file, () => {
    let dir = '';
    beforeAll(() => {
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
      // Generous: a block may run several proofs (the README's tour runs Z3 twice).
      if (f.lang === 'sh') test(name, () => checkSh(f, dir, file), 600_000);
      if (f.lang === 'json') test(name, () => checkJson(f, file));
    }

    const count = runnable.filter(runnableTs).length;
    if (count) test(`${file}: ${count} ts block(s) run`, () => runBlocks(tsBlocks.filter((b) => b.file === file), tsDir));
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

