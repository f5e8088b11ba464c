import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateAig } from '../../src/aig/simulate.js';
import { readBlif, writeBlif } from '../../src/io/blif.js';
import type { Circuit } from '../../src/verify/model.js';
import { circuitWithPortsArb, expectInputError, expectSameCircuit, truthTables } from './helpers.js';

const blif = (text: string) => readBlif(text, 't.blif');
const table = (c: Circuit, out = 0) => Array.from(truthTables(c)[out]).join('');

describe('readBlif on good files', () => {
  it('reads on-set covers with don\'t-cares', () => {
    // y = a | (b & !c), as cubes 1-- and -10; truth table index = a + 2b + 4c.
    const c = blif('.model m\n.inputs a b c\n.outputs y\n.names a b c y\n1-- 1\n-10 1\n.end\n');
    expect(c.inputs.map((p) => p.name)).toEqual(['a', 'b', 'c']);
    expect(table(c)).toBe('01110101');
  });

  it('reads off-set covers (output bit 0) as the complement', () => {
    const c = blif('.model m\n.inputs a b\n.outputs y\n.names a b y\n11 0\n.end\n');
    expect(table(c)).toBe('1110'); // NAND
  });

  it('reads constants: no lines is 0, a line "1" is 1, a line "0" is 0', () => {
    const c = blif('.model m\n.inputs a\n.outputs z o k\n.names z\n.names o\n1\n.names k\n0\n.end\n');
    expect([table(c, 0), table(c, 1), table(c, 2)]).toEqual(['00', '11', '00']);
  });

  it('handles comments, continuations, CRLF, blank lines, ignored directives and definitions in any order', () => {
    const text = [
      '# a comment line',
      '.model m   # trailing comment',
      '.inputs x[0] \\',
      '  x[1]',
      '',
      '.outputs y[0]\r',
      '.names t x[1] y[0]',
      '11 1',
      '.names x[0] t',
      '0 1',
      '.attr src "file.v:1"',
      '.end',
    ].join('\n');
    const c = blif(text);
    expect(c.inputs).toEqual([{ name: 'x', width: 2 }]);
    expect(table(c)).toBe('0010'); // y = !x0 & x1
  });

  it('flattens .subckt of models in the same file, nested and instantiated twice', () => {
    const text = `
.model top
.inputs a b c
.outputs y
.subckt and2 p=a q=b r=t
.subckt and2 r=y p=t q=c
.end
.model and2
.inputs p q
.outputs r
.subckt buf i=p o=pp
.names pp q r
11 1
.end
.model buf
.inputs i
.outputs o
.conn i o
.end
`;
    const c = blif(text);
    expect(table(c)).toBe('00000001');
  });

  it('reads an output that is an input, and an input nothing reads', () => {
    const c = blif('.model m\n.inputs a b\n.outputs a2 y\n.names a a2\n1 1\n.names y\n1\n.end\n');
    expect(Array.from(evaluateAig(c.aig, [1, 0]))).toEqual([1, 1]);
  });
});

describe('readBlif errors name the line and what was expected', () => {
  const m = (body: string) => `.model m\n.inputs a b\n.outputs y\n${body}.end\n`;
  const cases: [string, string, RegExp][] = [
    ['no model', '# nothing\n', /t\.blif: line 1: expected a \.model, found no model in the file/],
    ['directive before .model', '.inputs a\n', /line 1: expected \.model before any other directive, found "\.inputs"/],
    ['latch', m('.latch a y re clk 0\n'), /line 4: expected a combinational circuit \(no \.latch\); bnnu checks combinational logic only, found \.latch/],
    ['gate', m('.gate AND2 A=a B=b Y=y\n'), /line 4: expected logic as \.names covers.*found \.gate/],
    ['exdc', m('.exdc\n'), /line 4: expected no external don't-care network/],
    ['unknown directive', m('.frobnicate\n'), /line 4: expected a BLIF directive .*found "\.frobnicate"/],
    ['cover line outside a cover', m('11 1\n'), /line 4: expected a directive such as \.names, \.inputs or \.end, found "11 1"/],
    ['cover of the wrong width', m('.names a b y\n1 1\n'), /line 5: expected an input plane of 2 characters from 0, 1, -, found "1"/],
    ['bad cover character', m('.names a b y\n1x 1\n'), /line 5: expected an input plane of 2 characters from 0, 1, -, found "1x"/],
    ['bad output bit', m('.names a b y\n11 2\n'), /line 5: expected an output bit 0 or 1, found "2"/],
    ['mixed on-set and off-set', m('.names a b y\n11 1\n00 0\n'), /line 6: expected output bit 1 like the cover's earlier lines/],
    ['constant cover with a plane', m('.names y\n11 1\n'), /line 5: expected a constant cover line "1" or "0", found "11 1"/],
    ['undefined signal', m('.names a ghost y\n11 1\n'), /line 4: expected signals defined by \.inputs, \.names or \.subckt, found "ghost", which is never defined/],
    ['undefined output', '.model m\n.inputs a\n.outputs y\n.end\n', /line 3: expected signals defined by .*found "y", which is never defined/],
    ['two drivers', m('.names a y\n1 1\n.names b y\n1 1\n'), /line 6: expected one driver for signal "y", found a second one \(the first is at line 4\)/],
    ['driving an input', m('.names b a\n1 1\n.names a y\n1 1\n'), /line 4: expected one driver for signal "a", found a second one \(the first is at line 2\)/],
    ['input listed twice', '.model m\n.inputs a a\n.outputs a\n.end\n', /line 2: expected each input listed once, found "a" again/],
    ['cycle', m('.names a t y\n11 1\n.names y b t\n11 1\n'), /expected an acyclic circuit, found a cycle through (y \(line 4\) -> t \(line 6\)|t \(line 6\) -> y \(line 4\))/],
    ['unknown subckt model', m('.subckt nope x=a\n'), /line 4: expected a model defined in this file \(m\), found \.subckt "nope"/],
    ['unconnected subckt input', `${m('.subckt s p=a r=y\n')}.model s\n.inputs p q\n.outputs r\n.names p q r\n11 1\n.end\n`, /line 4: expected a connection for input "q" of model "s", found none/],
    ['unknown formal', `${m('.subckt s p=a z=b r=y\n')}.model s\n.inputs p\n.outputs r\n.names p r\n1 1\n.end\n`, /line 4: expected a formal of model "s" \(p, r\), found "z"/],
    ['bad connection syntax', m('.subckt s p\n'), /line 4: expected connections FORMAL=ACTUAL, found "p"/],
    ['recursive subckt', '.model m\n.inputs a\n.outputs y\n.subckt m a=a y=y\n.end\n', /line 4: expected models that do not instantiate themselves, found m -> m/],
    ['a model driving its own input', `${m('.subckt s p=a r=y\n')}.model s\n.inputs p\n.outputs r\n.names r p\n1 1\n.end\n`, /line 9: expected a signal other than the inputs of model "s", found a driver for input "p"/],
    ['duplicate model', '.model m\n.end\n.model m\n.end\n', /line 3: expected model names that are unique in the file, found a second model "m"/],
    ['a gap in a port', '.model m\n.inputs x[0] x[2]\n.outputs y\n.names y\n.end\n', /input port "x": expected bits x\[0\] \.\. x\[2\], each once, found no x\[1\]/],
  ];
  it.each(cases)('%s', (_name, text, pattern) => expectInputError(() => blif(text), pattern));

  it('refuses, before any work, models that flatten exponentially', () => {
    const lines: string[] = [];
    for (let d = 0; d < 40; d++) lines.push(`.model m${d}`, '.inputs a', '.outputs y', `.subckt m${d + 1} a=a y=t`, `.subckt m${d + 1} a=t y=y`, '.end');
    lines.push('.model m40', '.inputs a', '.outputs y', '.names a y', '0 1', '.end');
    expectInputError(() => blif(lines.join('\n')), /line 1: expected at most \d+ signals after flattening \.subckt, found model "m0" flattening to about 1\.\d+e\+13/);
  });
});

describe('writeBlif', () => {
  it('writes one .names per AND with complemented fanins as 0, and constant outputs', () => {
    const c = blif('.model m\n.inputs x[0] x[1]\n.outputs y[0] y[1]\n.names x[0] x[1] y[0]\n10 1\n.names y[1]\n1\n.end\n');
    expect(writeBlif(c)).toBe('.model top\n.inputs x[0] x[1]\n.outputs y[0] y[1]\n.names x[0] x[1] n3\n10 1\n.names n3 y[0]\n1 1\n.names y[1]\n1\n.end\n');
  });

  it('refuses names BLIF cannot hold', () => {
    expect(() => writeBlif({ aig: blif('.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.end\n').aig, inputs: [{ name: 'a b', width: 1 }], outputs: [{ name: 'y', width: 1 }] })).toThrow(/cannot write "a b\[0\]" as a BLIF name/);
  });

  it('round-trip: write then read gives the same function (positional ports come back as in/out)', () => {
    fc.assert(
      fc.property(circuitWithPortsArb(), (c) => {
        const back = blif(writeBlif(c));
        const rename = (ps: Circuit['inputs'], side: string) => ps.map((p) => ({ name: p.name || side, width: p.width }));
        expectSameCircuit({ aig: c.aig, inputs: rename(c.inputs, 'in'), outputs: rename(c.outputs, 'out') }, back);
      }),
      { numRuns: 200 },
    );
  });
});
