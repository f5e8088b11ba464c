/**
 * Reading JSON text with exit-2 errors that say where the problem is.
 *
 * `JSON.parse` alone is not enough for untrusted files: its messages do not
 * reliably give a line and column, it silently keeps the last of two equal
 * keys, it turns `2.0000000000000001` into the integer 2, and deeply nested
 * input is a stack risk for every recursive consumer. So the text is first
 * checked by {@link scanJson}, a linear, non-recursive scanner; only text it
 * accepts reaches `JSON.parse`.
 * @module
 */
import { InputError } from '../errors.js';

/** Deepest nesting of arrays and objects accepted (a network needs about 9). */
export const MAX_JSON_DEPTH = 64;

/** Whether a code unit is JSON whitespace. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Line and column (both 1-based, column in UTF-16 code units) of `pos`. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: pos - start + 1 };
}

/** A character (or the end of the text) as an error message shows it. */
function describeChar(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the file';
  const c = text.codePointAt(pos)!;
  if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) return `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(c));
}

/**
 * Whether a JSON number literal denotes a non-integer that `Number()` rounds
 * to an integer (`1.00000000000000001`, `1e-400`). Such a literal would be
 * silently read as an integer, so it is rejected where it stands.
 */
export function isDeceptiveNumber(literal: string): boolean {
  if (!/[.eE]/.test(literal)) return false; // plain integers: exact or out of every range
  if (!Number.isInteger(Number(literal))) return false; // validation reports it as a non-integer
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal)!;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+/, '');
  if (digits === '') return false; // zero
  // value = digits * 10^exp; an integer iff exp >= 0 or the last -exp digits are zeros.
  const exp = Number(m[3] ?? '0') - (m[2]?.length ?? 0);
  if (exp >= 0) return false;
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  return trailingZeros < -exp;
}

/** Scanner state: what the next token may be. */
const enum Want {
  Value,
  /** A value or `]` (just after `[`). */
  ValueOrClose,
  /** A key or `}` (just after `{`). */
  KeyOrClose,
  Key,
  Colon,
  /** `,` or the closing bracket of the innermost container, or the end at top level. */
  After,
}

/**
 * Check that `text` is one JSON value with nesting at most {@link MAX_JSON_DEPTH},
 * no repeated key within an object and no deceptive number literal; throw an
 * {@link InputError} placed at `line L, column C` otherwise. Linear time,
 * constant stack.
 */
export function scanJson(text: string, file: string): void {
  const fail = (pos: number, expected: string, found = describeChar(text, pos)): never => {
    const { line, column } = lineColumn(text, pos);
    throw new InputError(file, `line ${line}, column ${column}`, expected, found);
  };
  const stack: number[] = []; // open containers: 0x7b '{' or 0x5b '['
  const keys: Set<string>[] = []; // keys seen, per open object
  let want = Want.Value;
  let pos = 0;
  const n = text.length;
  for (;;) {
    while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= n) {
      if (want === Want.After && stack.length === 0) return;
      fail(pos, stack.length === 0 && want === Want.Value ? 'a JSON value' : expectedFor(want, stack));
    }
    const c = text.charCodeAt(pos);
    if (want === Want.After) {
      if (stack.length === 0) fail(pos, 'the end of the file after the JSON value');
      const top = stack[stack.length - 1];
      if (c === 0x2c) {
        want = top === 0x7b ? Want.Key : Want.Value;
        pos++;
      } else if (c === (top === 0x7b ? 0x7d : 0x5d)) {
        stack.pop();
        if (top === 0x7b) keys.pop();
        pos++;
      } else fail(pos, expectedFor(want, stack));
      continue;
    }
    if (want === Want.Colon) {
      if (c !== 0x3a) fail(pos, '":" after the key');
      pos++;
      want = Want.Value;
      continue;
    }
    if (want === Want.Key || want === Want.KeyOrClose) {
      if (c === 0x7d && want === Want.KeyOrClose) {
        stack.pop();
        keys.pop();
        pos++;
        want = Want.After;
        continue;
      }
      if (c !== 0x22) fail(pos, want === Want.KeyOrClose ? 'a key in double quotes or "}"' : 'a key in double quotes');
      const end = scanString(text, pos, fail);
      const raw = text.slice(pos + 1, end - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(pos, end)) as string) : raw;
      const seen = keys[keys.length - 1];
      if (seen.has(key)) fail(pos, 'each key at most once in an object', `a second ${JSON.stringify(key)}`);
      seen.add(key);
      pos = end;
      want = Want.Colon;
      continue;
    }
    // want is Value or ValueOrClose
    if (c === 0x5d && want === Want.ValueOrClose) {
      stack.pop();
      pos++;
      want = Want.After;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= MAX_JSON_DEPTH) fail(pos, `arrays and objects nested at most ${MAX_JSON_DEPTH} deep`, 'deeper nesting');
      stack.push(c);
      if (c === 0x7b) keys.push(new Set());
      pos++;
      want = c === 0x7b ? Want.KeyOrClose : Want.ValueOrClose;
      continue;
    }
    pos = scanScalar(text, pos, fail, want === Want.ValueOrClose ? 'a JSON value or "]"' : 'a JSON value');
    want = Want.After;
  }
}

/** What may follow at a point where the scanner found something else. */
function expectedFor(want: Want, stack: number[]): string {
  const top = stack[stack.length - 1];
  switch (want) {
    case Want.After:
      return top === 0x7b ? '"," or "}"' : '"," or "]"';
    case Want.Key:
    case Want.KeyOrClose:
      return 'a key in double quotes';
    case Want.Colon:
      return '":"';
    default:
      return 'a JSON value';
  }
}

type Fail = (pos: number, expected: string, found?: string) => never;

/** Scan the string starting at the quote at `pos`; return the index after its closing quote. */
function scanString(text: string, pos: number, fail: Fail): number {
  let i = pos + 1;
  for (;;) {
    if (i >= text.length) fail(i, 'a closing double quote');
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) fail(i, 'a character allowed in a JSON string (control characters must be escaped)');
    if (c !== 0x5c) {
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'an escape \\u followed by 4 hex digits');
      i += 6;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
    else fail(i, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Index after the digits starting at `i`. */
function skipDigits(text: string, i: number): number {
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Scan a JSON number at `pos` (by hand: this is the hot path of large weight
 * files); return the index after it.
 */
function scanNumber(text: string, pos: number, fail: Fail): number {
  const bad = (i: number): never => fail(i, 'a number in JSON syntax (no leading zeros, digits after "." and "e")');
  let i = pos;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (!isDigit(text.charCodeAt(i))) bad(i);
  i = text.charCodeAt(i) === 0x30 ? i + 1 : skipDigits(text, i);
  let plain = true;
  if (text.charCodeAt(i) === 0x2e) {
    plain = false;
    if (!isDigit(text.charCodeAt(i + 1))) bad(i + 1);
    i = skipDigits(text, i + 1);
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    plain = false;
    i++;
    if (text.charCodeAt(i) === 0x2b || text.charCodeAt(i) === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) bad(i);
    i = skipDigits(text, i);
  }
  const next = text.charCodeAt(i);
  if (isDigit(next) || next === 0x2e || (next | 0x20) === 0x65) bad(i);
  if (!plain) {
    const literal = text.slice(pos, i);
    if (isDeceptiveNumber(literal)) fail(pos, 'a number that reads as itself', `${literal} (not an integer, but read as the integer ${Number(literal)})`);
  }
  return i;
}

/** Scan a string, number, `true`, `false` or `null` at `pos`; return the index after it. */
function scanScalar(text: string, pos: number, fail: Fail, expected: string): number {
  const c = text.charCodeAt(pos);
  if (c === 0x22) return scanString(text, pos, fail);
  if (c === 0x2d || isDigit(c)) return scanNumber(text, pos, fail);
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, pos)) return pos + word.length;
  }
  return fail(pos, expected);
}

/**
 * Parse JSON text from `file`, or throw an {@link InputError} (exit 2) placed
 * at `line L, column C`: empty files, non-JSON, truncated JSON, trailing
 * garbage, nesting deeper than {@link MAX_JSON_DEPTH}, repeated keys and
 * deceptive numbers all get one located line. A leading byte-order mark is
 * skipped.
 *
 * @example
 * ```ts
 * import { parseJsonText } from 'bnn-universal';
 * parseJsonText('{"a": [1, 2]}', 'x.json'); // { a: [1, 2] }
 * try { parseJsonText('{"a": [1, 2}', 'x.json'); } catch (e) {
 *   console.log((e as Error).message); // x.json: line 1, column 12: expected "," or "]", found "}"
 * }
 * ```
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(file, 'line 1, column 1', 'a JSON document', 'an empty file');
  scanJson(body, file);
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    // Unreachable if scanJson is right; kept so a disagreement is still an input error.
    throw new InputError(file, 'file', 'valid JSON', (e as Error).message.split('\n')[0]);
  }
}
