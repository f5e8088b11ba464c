/**
 * Runs the example user project's vitest suite (examples/user-project) the
 * way its user would, but offline: no npm install there; `bnn-universal` and
 * `bnn-universal/testing` resolve to this repository's built dist/. The good
 * tests must pass, and the deliberately broken conversion's tests must fail
 * with a replayed counterexample. Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PROJECT = join(ROOT, 'examples/user-project');

interface JsonReport {
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

let tmp = '';
let report: JsonReport;
let output = '';

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/src/testing/index.js')), 'run `npm run build` first').toBe(true);
  tmp = mkdtempSync(join(tmpdir(), 'bnnu-user-project-'));
  const config = join(tmp, 'vitest.config.mjs');
  writeFileSync(
    config,
    `export default {
  root: ${JSON.stringify(PROJECT)},
  resolve: { alias: [
    { find: /^bnn-universal\\/testing$/, replacement: ${JSON.stringify(join(ROOT, 'dist/src/testing/index.js'))} },
    { find: /^bnn-universal$/, replacement: ${JSON.stringify(join(ROOT, 'dist/src/index.js'))} },
  ] },
  test: { include: ['test/**/*.test.ts'], setupFiles: ['./vitest.setup.ts'], testTimeout: 120000 },
};
`,
  );
  const out = join(tmp, 'report.json');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--reporter=json', `--outputFile=${out}`], {
    cwd: PROJECT,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  output = `${r.stdout}${r.stderr}`;
  expect(existsSync(out), `vitest wrote no report:\n${output}`).toBe(true);
  report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function results(file: string) {
  const f = report.testResults.find((t) => t.name.endsWith(file));
  expect(f, `${file} did not run:\n${output}`).toBeDefined();
  return f!.assertionResults;
}

describe('examples/user-project', () => {
  test('the correct conversion passes every test', () => {
    const rs = results('test/fold-relu.test.ts');
    expect(rs.length).toBeGreaterThanOrEqual(5);
    for (const r of rs) expect(r.status, `${r.title}: ${r.failureMessages.join('\n')}`).toBe('passed');
  });

  test('the broken conversion fails, with a replayed counterexample', () => {
    const rs = results('test/fold-relu-unchecked.broken.test.ts');
    expect(rs.length).toBe(2);
    for (const r of rs) {
      expect(r.status, r.title).toBe('failed');
      const msg = r.failureMessages.join('\n');
      expect(msg).toContain('verdict: different');
      expect(msg).toContain('counterexample (replayed on both models):');
      expect(msg).toMatch(/x = -?\d+(,-?\d+)*  \([su]\d/);
      expect(msg).toMatch(/differing output bits \(LSB first\):\n {4}y: \d/);
    }
    const [matcher, contract] = rs;
    // The dense layer's output `acc` is renamed away by the fold, so the first
    // tensor the two networks share and disagree on is `y`.
    expect(matcher.failureMessages.join('\n')).toContain('first diverging tensor: y');
    expect(contract.failureMessages.join('\n')).toMatch(/Property failed after \d+ tests\n\{ seed: -?\d+/);
  });

  test("the project typechecks against the package's published types (matcher augmentation included)", () => {
    const files = ['src/fold-relu.ts', 'test/dense-relu-arb.ts', 'test/fold-relu.test.ts', 'test/fold-relu-unchecked.broken.test.ts', 'vitest.setup.ts'];
    const program = ts.createProgram(
      files.map((f) => join(PROJECT, f)),
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        baseUrl: PROJECT,
        paths: {
          'bnn-universal': [join(ROOT, 'dist/src/index.d.ts')],
          'bnn-universal/testing': [join(ROOT, 'dist/src/testing/index.d.ts')],
        },
      },
    );
    const diags = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diags).toEqual([]);
  });
});
