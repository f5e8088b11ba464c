/**
 * A one-line progress bar on stderr, drawn only on a terminal and not under CI
 * (contract: long runs show progress on a terminal, not when piped).
 * @module
 */
import { progressAllowed } from './options.js';

/** A progress reporter; `done` erases the line. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

/** Make a progress bar for `title`; a no-op when progress is not allowed. */
export function makeProgress(title: string): Progress {
  if (!progressAllowed()) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  const start = Date.now();
  return {
    update(done, total, label) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const fill = Math.round(frac * width);
      const secs = ((now - start) / 1000).toFixed(1);
      process.stderr.write(`\r${title} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(1)}% ${secs}s ${label ?? ''}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
