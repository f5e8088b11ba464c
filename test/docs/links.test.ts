/**
 * Every relative link in docs/*.md, README.md and the example project's README
 * points at a file that exists, and every `#anchor` at a heading of the target
 * page (GitHub's heading slugs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = ['README.md', 'examples/user-project/README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's slug of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(page: string): Set<string> {
  const text = readFileSync(page, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1])));
}

/** Markdown links outside code blocks and inline code. */
function links(text: string): string[] {
  const prose = text.replace(/^ *```[\s\S]*?^ *```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

test('slugs follow GitHub', () => {
  expect(slug('Why the bias parity makes sign(0) irrelevant')).toBe('why-the-bias-parity-makes-sign0-irrelevant');
  expect(slug('`sweep`: SAT sweeping on the miter')).toBe('sweep-sat-sweeping-on-the-miter');
  expect(slug('Why the verdicts can be trusted, in short')).toBe('why-the-verdicts-can-be-trusted-in-short');
});

for (const page of PAGES) {
  test(`${page}: relative links resolve`, () => {
    const file = join(ROOT, page);
    const broken: string[] = [];
    for (const href of links(readFileSync(file, 'utf8'))) {
      if (/^[a-z]+:/i.test(href)) continue; // http(s), mailto
      const [path, anchor] = href.split('#');
      const target = path ? resolve(dirname(file), path) : file;
      if (!existsSync(target)) broken.push(`${href}: no such file`);
      else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${href}: no heading #${anchor}`);
    }
    expect(broken).toEqual([]);
  });
}

test('the checker sees the links (not vacuous)', () => {
  const all = PAGES.flatMap((p) => links(readFileSync(join(ROOT, p), 'utf8')));
  expect(all.filter((h) => h.includes('#')).length).toBeGreaterThan(5);
  expect(all.length).toBeGreaterThan(20);
});
