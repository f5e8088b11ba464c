/**
 * The tool's own version, read from package.json at run time.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** `bnn-universal X.Y.Z` (works from src/ under vitest and from dist/). */
export function toolVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'bnn-universal') return (cached = `bnn-universal ${pkg.version}`);
    }
    const up = dirname(dir);
    if (up === dir) return (cached = 'bnn-universal (unknown version)');
    dir = up;
  }
}
