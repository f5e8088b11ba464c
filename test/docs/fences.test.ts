import { describe, expect, test } from 'vitest';
import { outputMatches, parseFences, shCommands } from './fences.js';

describe('parseFences', () => {
  const md = [
    'text',
    '```sh exit=1',
    'bnnu verify a b',
    '```',
    '',
    '```text',
    'different',
    '```',
    '```ts vitest',
    'x',
    '```',
    'prose',
    '```text',
    'not attached',
    '```',
  ].join('\n');
  const f = parseFences(md);

  test('languages, attributes, lines', () => {
    expect(f.map((x) => x.lang)).toEqual(['sh', 'text', 'ts', 'text']);
    expect(f[0].attrs.get('exit')).toBe('1');
    expect(f[2].attrs.has('vitest')).toBe(true);
    expect(f[0].line).toBe(2);
  });

  test('a text block attaches only directly after an sh or ts block', () => {
    expect(f[0].expected).toBe('different');
    expect(f[2].expected).toBeUndefined();
    expect(parseFences('```ts\nx\n```\n```text\ny\n```')[0].expected).toBe('y');
  });
});

test('indented fences (in list items) are found, their indent stripped', () => {
  const [f, t] = parseFences('1. step\n\n   ```sh\n   bnnu info a\n   ```\n   ```text\n     two\n   ```\n');
  expect(f.body).toBe('bnnu info a');
  expect(f.expected).toBe('  two');
  expect(t.lang).toBe('text');
});

test('shCommands joins continuations and drops comments', () => {
  expect(shCommands('# c\nbnnu a \\\n  --b\n\nbnnu c # tail')).toEqual(['bnnu a    --b', 'bnnu c # tail']);
});

describe('outputMatches', () => {
  test('exact, modulo trailing spaces and final newlines', () => {
    expect(outputMatches('a\nb', 'a  \nb\n\n')).toBe(true);
    expect(outputMatches('a\nb', 'a\nc')).toBe(false);
  });
  test('[...] matches within a line only', () => {
    expect(outputMatches('took [...] s', 'took 0.25 s')).toBe(true);
    expect(outputMatches('took [...] s', 'took 1\n2 s')).toBe(false);
  });
  test('... matches any number of lines', () => {
    expect(outputMatches('a\n...\nz', 'a\nz')).toBe(true);
    expect(outputMatches('a\n...\nz', 'a\nb\nc\nz')).toBe(true);
    expect(outputMatches('a\n...\nz', 'a\nb\nc')).toBe(false);
  });
  test('regex characters in the docs are literal', () => {
    expect(outputMatches('y = [4, 0] (u4.2)', 'y = [4, 0] (u4.2)')).toBe(true);
    expect(outputMatches('y = [4, 0]', 'y = [4x 0]')).toBe(false);
  });
});
