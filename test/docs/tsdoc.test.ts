/**
 * Every `@example` in the TSDoc of the public API (what typedoc publishes:
 * the modules that src/index.ts and src/testing/index.ts re-export) is a
 * ```ts block that typechecks against the built package and runs with node,
 * as a user would paste it. Needs `npm run build` first.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Fence } from './fences.js';
import { ROOT, type TsBlock, layoutBlocks, runBlocks, scratch, typecheckBlocks } from './harness.js';

/** The public entry points and the modules they re-export (what typedoc publishes). */
function publicSources(): string[] {
  const files = new Set<string>();
  for (const entry of ['src/index.ts', 'src/testing/index.ts']) {
    files.add(join(ROOT, entry));
    const text = readFileSync(join(ROOT, entry), 'utf8');
    for (const m of text.matchAll(/^export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+'(\.[^']+)\.js'/gm)) {
      files.add(join(ROOT, dirname(entry), `${m[1]}.ts`));
    }
  }
  return [...files].filter((f) => existsSync(f)).sort();
}

/** The ```ts blocks inside `@example` tags of a source file's doc comments. */
export function tsdocExamples(source: string): Fence[] {
  const lines = source.split('\n');
  const out: Fence[] = [];
  let inExample = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(/^\s*\*\s?/, '');
    if (/^\s*\*\//.test(lines[i]) || /^\s*\/\*\*/.test(lines[i])) inExample = false;
    if (/^@example\b/.test(text)) inExample = true;
    else if (/^@\w/.test(text)) inExample = false;
    if (!inExample || !/^```ts\s*$/.test(text)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i].replace(/^\s*\*\s?/, '')); i++) body.push(lines[i].replace(/^\s*\*\s?/, ''));
    out.push({ lang: 'ts', attrs: new Map(), body: body.join('\n'), line: start + 1 });
  }
  return out;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sources = publicSources().map((f) => ({ file: relative(ROOT, f), fences: tsdocExamples(readFileSync(f, 'utf8')) }));
let blocks: TsBlock[] = [];
let dir = '';
beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/src/index.js')), 'run `npm run build` first').toBe(true);
  dir = scratch();
  dirs.push(dir);
  blocks = layoutBlocks(new Map(sources.map((s) => [s.file, s.fences])), dir);
});

test('every @example of the public API typechecks against the built package', () => {
  expect(typecheckBlocks(blocks), '@example blocks must typecheck').toEqual([]);
});

for (const { file, fences } of sources) {
  if (fences.length) test(`${file}: ${fences.length} @example block(s) run`, () => runBlocks(blocks.filter((b) => b.file === file), dir));
}

test('the extractor finds examples only under @example', () => {
  const src = ['/**', ' * Text.', ' * ```ts', ' * notAnExample();', ' * ```', ' * @example', ' * ```ts', ' * run();', ' * ```', ' */'].join('\n');
  expect(tsdocExamples(src).map((f) => f.body)).toEqual(['run();']);
});
