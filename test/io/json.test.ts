/** parseJsonText: located exit-2 errors for every way a JSON file can be broken. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { MAX_JSON_DEPTH, isDeceptiveNumber, lineColumn, parseJsonText } from '../../src/io/json.js';

/** The InputError thrown by parsing `text`. */
function errorOf(text: string): InputError {
  try {
    parseJsonText(text, 'f.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseJsonText rejects, with line and column', () => {
  const cases: [string, string, string, string][] = [
    // text, place, expected, found
    ['', 'line 1, column 1', 'a JSON document', 'an empty file'],
    [' \n\t ', 'line 1, column 1', 'a JSON document', 'an empty file'],
    ['{', 'line 1, column 2', 'a key in double quotes', 'the end of the file'],
    ['{"a": [1, 2', 'line 1, column 12', '"," or "]"', 'the end of the file'],
    ['{"a": [1, 2}', 'line 1, column 12', '"," or "]"', '"}"'],
    ['{\n  "a": 1,\n}', 'line 3, column 1', 'a key in double quotes', '"}"'],
    ['{\n  "a" 1\n}', 'line 2, column 7', '":" after the key', '"1"'],
    ['[1] x', 'line 1, column 5', 'the end of the file after the JSON value', '"x"'],
    ['hello', 'line 1, column 1', 'a JSON value', '"h"'],
    ['aag 3 2 0 1 1\n', 'line 1, column 1', 'a JSON value', '"a"'],
    ['[01]', 'line 1, column 3', 'a number in JSON syntax (no leading zeros, digits after "." and "e")', '"1"'],
    ['["a\tb"]', 'line 1, column 4', 'a character allowed in a JSON string (control characters must be escaped)', 'the control character U+0009'],
    ['["\\x"]', 'line 1, column 3', 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', '"\\\\"'],
    ['{"a": 1, "a": 2}', 'line 1, column 10', 'each key at most once in an object', 'a second "a"'],
    ['{"a": 1, "\\u0061": 2}', 'line 1, column 10', 'each key at most once in an object', 'a second "a"'],
    ['[NaN]', 'line 1, column 2', 'a JSON value or "]"', '"N"'],
    ['\u0000\u0001', 'line 1, column 1', 'a JSON value', 'the control character U+0000'],
  ];
  for (const [text, place, expected, found] of cases) {
    test(JSON.stringify(text), () => {
      const e = errorOf(text);
      expect({ file: e.file, place: e.place, expected: e.expected, found: e.found }).toEqual({ file: 'f.json', place, expected, found });
      expect(e.exitCode).toBe(2);
      expect(e.message).not.toContain('\n');
    });
  }

  test('nesting deeper than the limit, without a stack overflow even at depth 10^6', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJsonText(ok, 'f.json')).toBeInstanceOf(Array);
    for (const depth of [MAX_JSON_DEPTH + 1, 1_000_000]) {
      const e = errorOf('['.repeat(depth) + ']'.repeat(depth));
      expect(e.place).toBe(`line 1, column ${MAX_JSON_DEPTH + 1}`);
      expect(e.expected).toContain(`nested at most ${MAX_JSON_DEPTH} deep`);
    }
    expect(errorOf('{"a":'.repeat(100) + '1' + '}'.repeat(100)).expected).toContain('nested at most');
  });

  test('non-integers that read as integers are rejected where they stand', () => {
    const e = errorOf('{"w": [1, 2.00000000000000001]}');
    expect(e.place).toBe('line 1, column 11');
    expect(e.found).toBe('2.00000000000000001 (not an integer, but read as the integer 2)');
    expect(errorOf('[1e-400]').place).toBe('line 1, column 2');
  });
});

describe('parseJsonText accepts', () => {
  test('ordinary JSON, a byte-order mark, escapes, exponents', () => {
    expect(parseJsonText('\ufeff{"a": [1, -2.5, 3e2, true, null, "x\\u00e9\\n"]}', 'f.json')).toEqual({ a: [1, -2.5, 300, true, null, 'x\u00e9\n'] });
    expect(parseJsonText('  4  ', 'f.json')).toBe(4);
    expect(parseJsonText('[1.0, 1e0, 10E-1, -0, 1e400]', 'f.json')).toEqual([1, 1, 1, -0, Infinity]);
  });

  test('whatever JSON.stringify writes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v, null, 1);
        expect(parseJsonText(text, 'f.json')).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('it rejects exactly what JSON.parse rejects, on random mutilations of valid JSON', () => {
    // Byte-level damage: delete or insert one character; both parsers must agree on validity
    // (repeated keys and deceptive numbers aside, which the generator does not produce).
    const chars = '{}[],:"0123456789-.eE tfnrul\\ab';
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -99, max: 99 }), { maxLength: 4 }), fc.nat(), fc.nat({ max: chars.length - 1 }), fc.boolean(), (arr, at, ci, del) => {
        const base = JSON.stringify({ xs: arr, s: 'q' });
        const i = at % base.length;
        const text = del ? base.slice(0, i) + base.slice(i + 1) : base.slice(0, i) + chars[ci] + base.slice(i);
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        let ours = true;
        try {
          parseJsonText(text, 'f.json');
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          ours = false;
        }
        if (native && !ours) {
          // Only our extra rules may reject what JSON.parse accepts.
          expect((() => { try { parseJsonText(text, 'f.json'); } catch (e) { return (e as InputError).expected; } return ''; })()).toMatch(/each key at most once|empty/);
        } else expect(ours).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('helpers', () => {
  test('lineColumn', () => {
    expect(lineColumn('ab\ncd\n\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\n\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\n\nef', 7)).toEqual({ line: 4, column: 1 });
  });
  test('isDeceptiveNumber', () => {
    for (const s of ['1.00000000000000001', '1e-400', '0.99999999999999999999', '-3.0000000000000000001e0']) expect([s, isDeceptiveNumber(s)]).toEqual([s, true]);
    for (const s of ['1', '1.0', '1.5', '25e-1', '100e-2', '1e400', '0.0', '9007199254740993', '-0', '1.25e1']) expect([s, isDeceptiveNumber(s)]).toEqual([s, false]);
  });
});
