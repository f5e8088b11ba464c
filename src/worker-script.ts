/**
 * Where a worker thread's script is. Built code runs its workers from the
 * `.js` file next to the caller; code run from TypeScript sources (the test
 * runner) uses the built copy under `dist/`, so workers never need a
 * TypeScript loader.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The script of worker `name` (a module in the same directory as the caller,
 * whose `import.meta.url` is `callerUrl`), or undefined when there is no
 * built copy to run.
 */
export function workerScript(callerUrl: string, name: string): URL | undefined {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.js')) return new URL(`./${name}.js`, callerUrl);
  // src/a/b.ts -> dist/src/a/NAME.js, from the project root (the parent of src/)
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const built = join(root, 'dist', relative(root, dirname(here)), `${name}.js`);
  return existsSync(built) ? pathToFileURL(built) : undefined;
}
