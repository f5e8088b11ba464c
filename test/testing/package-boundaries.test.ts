/**
 * What each public entry point loads when imported (static imports of the
 * built JavaScript; dynamic `import()` is lazy and allowed):
 * - `bnn-universal` loads neither the test tools (vitest, fast-check) nor the
 *   heavy engines (z3-solver, @yowasp/yosys);
 * - `bnn-universal/testing` loads fast-check but not vitest (the matcher only
 *   needs vitest's `expect`, which the user passes in), so it works under any
 *   test runner. Needs `npm run build` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist/src');

/** Bare packages statically imported by the module graph from `entry`. */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const js = readFileSync(file, 'utf8');
    for (const m of js.matchAll(/^(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(entry);
  return packages;
}

test('bnn-universal statically loads no test tool and no heavy engine', () => {
  expect(existsSync(join(DIST, 'index.js')), 'run `npm run build` first').toBe(true);
  const pkgs = staticPackages(join(DIST, 'index.js'));
  for (const p of ['vitest', 'fast-check', 'z3-solver', '@yowasp/yosys']) expect(pkgs, p).not.toContain(p);
});

test('bnn-universal/testing loads fast-check, not vitest', () => {
  const pkgs = staticPackages(join(DIST, 'testing/index.js'));
  expect(pkgs).toContain('fast-check');
  expect(pkgs).not.toContain('vitest');
  for (const p of ['z3-solver', '@yowasp/yosys']) expect(pkgs, p).not.toContain(p);
});

test('the scanner sees imports and re-exports', () => {
  // A guard against a scanner that finds nothing and so passes vacuously.
  expect(staticPackages(join(DIST, 'testing/bnn-arbitraries.js'))).toContain('fast-check');
  const self = readFileSync(join(DIST, 'testing/index.js'), 'utf8');
  expect(self).toMatch(/^export \* from '\.\/matchers\.js';$/m);
});
