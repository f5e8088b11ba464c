/**
 * Fenced code blocks of the Markdown docs, and the rules that tell how each is
 * checked by test/docs/examples.test.ts (documented in docs/README.md,
 * "Conventions for contributors").
 */

/** One fenced block: its language, attributes, body and where it starts. */
export interface Fence {
  readonly lang: string;
  /** Words after the language: `skip`, `pending`, `vitest`, `exit=1`, `file=NAME`. */
  readonly attrs: ReadonlyMap<string, string>;
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The `text` block that follows an `sh` or `ts` block directly (blank lines allowed between), if any. */
  expected?: string;
}

/** Split Markdown into its fenced blocks (``` fences, not nested). */
export function parseFences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const out: Fence[] = [];
  let lastEnd = -2;
  for (let i = 0; i < lines.length; i++) {
    // Fences may be indented (inside list items); the indent is stripped from the body.
    const open = /^( *)```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^ *```\s*$/.test(lines[i]); i++) body.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
    const attrs = new Map<string, string>();
    for (const w of open[3].split(/\s+/).filter(Boolean)) {
      const eq = w.indexOf('=');
      attrs.set(eq < 0 ? w : w.slice(0, eq), eq < 0 ? '' : w.slice(eq + 1));
    }
    const fence: Fence = { lang: open[2], attrs, body: body.join('\n'), line: start + 1 };
    const prev = out[out.length - 1];
    const onlyBlankBetween = lines.slice(lastEnd + 1, start).every((l) => l.trim() === '');
    if (fence.lang === 'text' && prev && (prev.lang === 'sh' || prev.lang === 'ts') && onlyBlankBetween) prev.expected = fence.body;
    out.push(fence);
    lastEnd = i;
  }
  return out;
}

/**
 * Commands of an `sh` block: one per line, `\`-continued lines joined, blank
 * lines and whole-line comments dropped.
 */
export function shCommands(body: string): string[] {
  const cmds: string[] = [];
  let cur = '';
  for (const raw of body.split('\n')) {
    const line = raw.trimEnd();
    if (!cur && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      cur += line.slice(0, -1) + ' ';
      continue;
    }
    cmds.push(cur + line);
    cur = '';
  }
  if (cur) cmds.push(cur);
  return cmds;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether `actual` output matches the documented `expected` output. Trailing
 * spaces and final blank lines are ignored; in `expected`, a line that is
 * exactly `...` stands for any number of lines, and `[...]` inside a line for
 * any text on that line (timings, hashes, dates).
 */
export function outputMatches(expected: string, actual: string): boolean {
  const norm = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
  const pattern = norm(expected)
    .split('\n')
    .map((l) => (l === '...' ? '(?:[^\\n]*\\n)*?' : escapeRegExp(l).replace(/\\\[\\\.\\\.\\\.\\\]/g, '[^\\n]*') + '\\n'))
    .join('');
  return new RegExp(`^${pattern}$`).test(norm(actual) + '\n');
}
