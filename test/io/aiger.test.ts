import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAig } from '../../src/aig/simulate.js';
import { readAiger, writeAigerAscii, writeAigerBinary } from '../../src/io/aiger.js';
import { circuitWithPortsArb, expectInputError, expectSameCircuit, truthTables } from './helpers.js';

const aag = (text: string) => readAiger(Buffer.from(text), 't.aag');

describe('readAiger on good files', () => {
  it('reads an AND gate with a symbol table and comments', () => {
    const c = aag('aag 3 2 0 1 1\n2\n4\n6\n6 2 4\ni0 x[0]\ni1 x[1]\no0 y[0]\nc\nanything\ngoes here\n');
    expect(c.inputs).toEqual([{ name: 'x', width: 2 }]);
    expect(c.outputs).toEqual([{ name: 'y', width: 1 }]);
    expect(truthTables(c)).toEqual([Uint8Array.from([0, 0, 0, 1])]);
  });

  it('sorts AND gates given out of order and allows sparse variable numbers', () => {
    // y = !(a & b) & c, with the gates listed consumer first and variable 9 unused.
    const c = aag('aag 10 3 0 1 2\n2\n4\n6\n16\n16 15 6\n14 2 4\n');
    expect(c.inputs).toEqual([{ name: '', width: 3 }]);
    for (let p = 0; p < 8; p++) {
      const [a, b, cc] = [p & 1, (p >> 1) & 1, (p >> 2) & 1];
      expect(evaluateAig(c.aig, [a, b, cc])[0]).toBe(!(a && b) && cc ? 1 : 0);
    }
  });

  it('accepts outputs that are constants or inputs, CRLF line ends, and a 1.9 header with zero extra sections', () => {
    const c = aag('aag 1 1 0 4 0 0 0 0 0\r\n2\r\n0\r\n1\r\n2\r\n3\r\n');
    expect(truthTables(c)).toEqual([[0, 0], [1, 1], [0, 1], [1, 0]].map((t) => Uint8Array.from(t)));
  });

  it('groups named bits into ports in order of first appearance and permutes bits into port order', () => {
    const c = aag('aag 3 3 0 2 0\n2\n4\n6\n2\n6\ni0 x[1]\ni1 b\ni2 x[0]\no0 y[0]\no1 y[1]\n');
    expect(c.inputs).toEqual([{ name: 'x', width: 2 }, { name: 'b', width: 1 }]);
    // Port order is x[0], x[1], b: the AIG's inputs are file inputs 2, 0, 1.
    expect(c.aig.inputNames).toEqual(['x[0]', 'x[1]', 'b']);
    expect(c.aig.inputs).toEqual([1, 2, 3]); // rebuilt: input variables in port order
    expect(Array.from(evaluateAig(c.aig, [1, 0, 0]))).toEqual([0, 1]); // y[0] = x[1] = 0, y[1] = x[0] = 1
  });

  it('reads the binary format (delta-encoded ANDs) and the same circuit as ASCII', () => {
    // y = x0 & !x1 : lhs 6, rhs0 = 5 (!x1), rhs1 = 2 (x0): deltas 1, 3.
    const bin = Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([1, 3]), Buffer.from('i0 x[0]\ni1 x[1]\no0 y[0]\n')]);
    const a = readAiger(bin, 't.aig');
    const b = aag('aag 3 2 0 1 1\n2\n4\n6\n6 5 2\ni0 x[0]\ni1 x[1]\no0 y[0]\n');
    expectSameCircuit(a, b);
    expect(truthTables(a)).toEqual([Uint8Array.from([0, 1, 0, 0])]);
  });

  it('tells the formats apart by header, not by extension', () => {
    const c = readAiger(Buffer.from('aag 1 1 0 1 0\n2\n3\n'), 'misnamed.aig');
    expect(truthTables(c)).toEqual([Uint8Array.from([1, 0])]);
  });

  it('reads multi-byte deltas', () => {
    // 200 inputs; one AND of input 1 (lit 2) and input 200 (lit 400): lhs 402, deltas 2 and 398.
    const d = (x: number) => (x < 128 ? [x] : [(x & 0x7f) | 0x80, x >> 7]);
    const bin = Buffer.concat([Buffer.from('aig 201 200 0 1 1\n402\n'), Buffer.from([...d(2), ...d(398)])]);
    const c = readAiger(bin, 't.aig');
    const ins = new Array(200).fill(0);
    ins[0] = ins[199] = 1;
    expect(evaluateAig(c.aig, ins)[0]).toBe(1);
    ins[0] = 0;
    expect(evaluateAig(c.aig, ins)[0]).toBe(0);
  });
});

describe('readAiger errors name the place and what was expected', () => {
  // Binary offsets: the header line is 14 bytes, the output line 2, so the AND section starts at byte 16.
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty file', '', /t\.aag: line 1: expected an AIGER header .* found an empty file/],
    ['not a header', 'hello\n', /line 1: expected an AIGER header.*found "hello"/],
    ['header count not a number', 'aag 3 x 0 1 1\n', /line 1: expected a count for I in the header, found "x"/],
    ['latches', 'aag 3 1 1 1 1\n2\n4 2\n6\n6 2 4\n', /line 1: expected a combinational circuit with no latches \(L\).*found 1 latches/],
    ['bad-state properties', 'aag 1 1 0 0 0 1\n2\n2\n', /no bad-state properties \(B\).*found 1/],
    ['invariant constraints', 'aag 1 1 0 0 0 0 1\n2\n2\n', /no invariant constraints \(C\)/],
    ['justice', 'aag 1 1 0 0 0 0 0 1\n2\n1\n2\n', /no justice properties \(J\)/],
    ['fairness', 'aag 1 1 0 0 0 0 0 0 1\n2\n2\n', /no fairness constraints \(F\)/],
    ['binary M mismatch', 'aig 5 2 0 1 1\n6\n', /line 1: expected M = I \+ L \+ A in a binary AIGER file, found M = 5, I \+ L \+ A = 3/],
    ['absurd M', 'aag 999999999 1 0 1 0\n2\n2\n', /line 1: expected at most \d+ variables \(M\) in a file of \d+ bytes, found M = 999999999/],
    ['counts larger than the file', 'aag 3 2 0 100000 1\n', /line 1: expected counts that fit in a file of/],
    ['odd input literal', 'aag 2 1 0 0 0\n3\n', /line 2: expected input 0: an even literal >= 2, found 3/],
    ['input literal out of range', 'aag 2 1 0 0 0\n8\n', /line 2: expected input 0: a literal at most 2M\+1 = 5, found 8/],
    ['input defined twice', 'aag 2 2 0 0 0\n2\n2\n', /line 3: expected input 1: a variable not defined before, found variable 1 again/],
    ['missing line', 'aag 3 2 0 1 1\n2\n4\n6\n', /line 5: expected AND gate 0 of 1, found the end of the file/],
    ['AND with two literals', 'aag 3 2 0 1 1\n2\n4\n6\n6 2\n', /line 5: expected AND gate 0: three literals "lhs rhs0 rhs1", found "6 2"/],
    ['AND redefining an input', 'aag 3 2 0 1 1\n2\n4\n6\n4 2 2\n', /line 5: expected AND gate 0: a variable not defined before, found variable 2 again/],
    ['undefined fanin', 'aag 4 2 0 1 1\n2\n4\n6\n6 2 8\n', /line 5: expected AND gate fanins that are inputs, AND gates or constants, found literal 8 \(variable 4 is never defined\)/],
    ['cycle', 'aag 4 1 0 1 2\n2\n6\n6 8 2\n8 6 2\n', /expected an acyclic circuit, found a cycle through AND gates 6 \(line 4\), 8 \(line 5\)/],
    ['undefined output', 'aag 3 1 0 1 0\n2\n6\n', /line 3: expected output 0: a literal of an input or an AND gate, found 6 \(variable 3 is never defined\)/],
    ['garbage after the ANDs', 'aag 1 1 0 1 0\n2\n2\nhello\n', /line 4: expected a symbol .*found "hello"/],
    ['symbol for a missing input', 'aag 1 1 0 1 0\n2\n2\ni3 x\n', /line 4: expected a symbol for one of the 1 inputs, found position 3/],
    ['latch symbol', 'aag 1 1 0 1 0\n2\n2\nl0 x\n', /line 4: expected a symbol for one of the 0 "l" entries/],
    ['two symbols for one input', 'aag 1 1 0 1 0\n2\n2\ni0 x\ni0 y\n', /line 5: expected one symbol per input, found a second name for i0 \(first at line 4\)/],
    ['a gap in a port', 'aag 2 2 0 0 0\n2\n4\ni0 x[0]\ni1 x[2]\n', /input port "x": expected bits x\[0\] \.\. x\[2\], each once, found no x\[1\]/],
    ['a bit named twice', 'aag 2 2 0 0 0\n2\n4\ni0 x[0]\ni1 x[0]\n', /line 5: expected each bit of input port "x" named once.*found "x\[0\]" after "x\[0\]" \(input 0\)/],
    ['named and unnamed inputs mixed', 'aag 2 2 0 0 0\n2\n4\ni1 x[0]\n', /line 2: expected a name for input 0 \(name every input or none\), found no name/],
    ['a port named with and without index', 'aag 2 2 0 0 0\n2\n4\ni0 x\ni1 x[1]\n', /expected each bit of input port "x" named once/],
    ['binary: truncated AND section', Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([1])]), /t\.aag: byte 17: expected AND gate 0 \(lhs 6\): a second delta, found the end of the file/],
    ['binary: delta of 0', Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([0, 0])]), /byte 16: expected AND gate 0 \(lhs 6\): a first delta in 1\.\.6, found 0/],
    ['binary: second delta too large', Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([1, 9])]), /byte 16: expected AND gate 0 \(lhs 6\): a second delta in 0\.\.5, found 9/],
    ['binary: garbage symbol', Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([1, 3]), Buffer.from('zzz\n')]), /byte 18: expected a symbol/],
    ['binary: over-long varint', Buffer.concat([Buffer.from('aig 3 2 0 1 1\n6\n'), Buffer.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80])]), /expected AND gate 0 \(lhs 6\): a delta of at most 32 bits, found a longer encoding/],
  ];
  it.each(cases)('%s', (_name, text, pattern) => {
    expectInputError(() => readAiger(typeof text === 'string' ? Buffer.from(text) : text, 't.aag'), pattern);
  });
});

describe('AIGER writers', () => {
  it('write a symbol table with the port bit names and ordered, delta-encoded ANDs', () => {
    const c = aag('aag 4 2 0 2 2\n2\n4\n8\n1\n6 2 5\n8 7 4\ni0 x[0]\ni1 x[1]\no0 y[0]\no1 y[1]\n');
    const text = writeAigerAscii(c);
    expect(text).toMatch(/^aag 4 2 0 2 2\n2\n4\n8\n1\n6 5 2\n8 7 4\ni0 x\[0\]\ni1 x\[1\]\no0 y\[0\]\no1 y\[1\]\nc\n/);
    const bin = writeAigerBinary(c);
    expect(bin.subarray(0, 20).toString('latin1')).toBe('aig 4 2 0 2 2\n8\n1\n\x01\x03');
  });

  it('drop AND gates outside the outputs\' cones but keep every input', () => {
    const c = aag('aag 4 3 0 1 1\n2\n4\n6\n2\n8 2 4\n');
    expect(writeAigerAscii(c)).toMatch(/^aag 3 3 0 1 0\n/);
  });

  it('round-trip: ASCII and binary AIGER read back give the same ports and function', () => {
    fc.assert(
      fc.property(circuitWithPortsArb(), (c) => {
        expectSameCircuit(c, aag(writeAigerAscii(c)));
        expectSameCircuit(c, readAiger(writeAigerBinary(c), 'rt.aig'));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trip on a deep circuit (iterative sort, multi-byte deltas)', () => {
    // A chain of 5000 gates written in reverse order in aag, then through both writers.
    const n = 5000;
    const lines = [`aag ${n + 2} 2 0 1 ${n}`, '2', '4', String(2 * (n + 2))];
    for (let i = n - 1; i >= 0; i--) lines.push(`${2 * (i + 3)} ${i === 0 ? 2 : 2 * (i + 2) + 1} 4`);
    const c = aag(lines.join('\n') + '\n');
    expect(c.aig.numAnds).toBe(n);
    expectSameCircuit(c, readAiger(writeAigerBinary(c), 'deep.aig'));
    expectSameCircuit(c, aag(writeAigerAscii(c)));
  });
});
