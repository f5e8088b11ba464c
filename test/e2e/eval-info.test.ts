/**
 * The built CLI (`node dist/src/cli/main.js`, so run `npm run build` first):
 * `eval` and `info` output, exit codes, and one malformed file per error class
 * (each must exit 2 with one located line on stderr and nothing on stdout).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { interpretNetwork } from '../../src/network/interpret.js';
import { readNetworkFile } from '../../src/network/read.js';
import { networkInputsArb } from '../../src/testing/arbitraries.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/src/cli/main.js');

function bnnu(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir = '';
const at = (name: string) => join(dir, name);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'bnnu-e2e-eval-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eval on a network', () => {
  test('text: one line per output, NAME = raw values', () => {
    const r = bnnu('eval', 'examples/mlp4.json', '--input', 'x=4,-2,3,0');
    expect(r).toEqual({ code: 0, out: 'y = 7,-4,2\n', err: '' });
  });

  test('--json: {"outputs": {...}} with numbers', () => {
    const r = bnnu('eval', 'examples/mlp4.json', '--input', 'x=4,-2,3,0', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ outputs: { y: [7, -4, 2] } });
  });

  test('--all prints every tensor; with --json under "tensors"', () => {
    expect(bnnu('eval', 'examples/mlp4.json', '--input', 'x=4,-2,3,0', '--all').out).toBe('x = 4,-2,3,0\nh = 5,0,0,4,1,1,2,0\ny = 7,-4,2\n');
    expect(JSON.parse(bnnu('eval', 'examples/mlp4.json', '-i', 'x=4,-2,3,0', '--all', '--json').out)).toEqual({
      outputs: { y: [7, -4, 2] },
      tensors: { x: [4, -2, 3, 0], h: [5, 0, 0, 4, 1, 1, 2, 0], y: [7, -4, 2] },
    });
  });

  test('the rounding examples print the README values', () => {
    expect(bnnu('eval', 'examples/rounding/half-away.json', '--input', 'x=-10,-7,-6,-2,-1,1,2,6,7,10').out).toBe('y = -3,-2,-2,-1,0,0,1,2,2,3\n');
  });

  test('--input NAME=@FILE, and output longer than a pipe buffer arrives whole', () => {
    const n = 70000;
    writeFileSync(
      at('wide.json'),
      JSON.stringify({
        format: 'fixed-point-network/1',
        name: 'wide',
        inputs: [{ name: 'x', shape: [n], type: { signed: true, bits: 8, frac: 0 } }],
        layers: [{ name: 'r', op: 'requant', input: 'x', output: 'y', type: { signed: true, bits: 8, frac: 0 } }],
        outputs: ['y'],
      }),
    );
    const xs = Array.from({ length: n }, (_, i) => (i % 256) - 128);
    writeFileSync(at('wide.txt'), xs.join('\n') + '\n');
    const r = bnnu('eval', at('wide.json'), '--input', `x=@${at('wide.txt')}`);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`y = ${xs.join(',')}\n`);
    expect(bnnu('eval', at('wide.json'), '--input', `x=@${at('none.txt')}`).err).toBe(`bnnu: ${at('none.txt')}: file: expected a readable file, found ENOENT\n`);
  });

  test('cnn-tiny: the CLI prints what the interpreter computes, for random inputs', () => {
    const net = readNetworkFile(join(ROOT, 'examples/cnn-tiny.json'));
    fc.assert(
      fc.property(networkInputsArb(net), (inputs) => {
        const r = bnnu('eval', 'examples/cnn-tiny.json', '--input', `x=${inputs.get('x')!.join(',')}`, '--json', '--all');
        expect(r.code).toBe(0);
        const want = Object.fromEntries([...interpretNetwork(net, inputs)].map(([k, v]) => [k, v.map(Number)]));
        expect(JSON.parse(r.out).tensors).toEqual(want);
      }),
      { numRuns: 3 },
    );
  });
});

describe('eval input errors: exit 2, one located line', () => {
  const cases: [string[], string][] = [
    [[], 'bnnu: examples/mlp4.json: --input x: expected 4 raw values of type s4.2 (shape [4]), found nothing\n'],
    [['--input', 'x=1,2,3'], 'bnnu: examples/mlp4.json: --input x: expected 4 raw values of type s4.2 (shape [4]), found 3 values\n'],
    [['--input', 'x=1,2,3,8'], 'bnnu: examples/mlp4.json: --input x[3]: expected an integer in [-8, 7] (type s4.2), found 8\n'],
    [['--input', 'x=1,2.5,3,0'], 'bnnu: examples/mlp4.json: --input x[1]: expected an integer in [-8, 7] (type s4.2), found "2.5"\n'],
    [['--input', 'x=1,,3,0'], 'bnnu: examples/mlp4.json: --input x[1]: expected an integer in [-8, 7] (type s4.2), found ""\n'],
    [['--input', 'x=1,2,3,4', '--input', 'z=1'], 'bnnu: examples/mlp4.json: --input z: expected one of the model\'s inputs (x), found the unknown input "z"\n'],
    [['--input', 'x=1,2,3,4', '--input', 'x=1,2,3,4'], 'bnnu: eval: --input x given twice\n'],
    [['--input', 'x=1,2,3,4', '--bogus'], "bnnu: eval: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\n"],
  ];
  for (const [args, err] of cases) {
    test(args.join(' ') || '(no inputs)', () => {
      expect(bnnu('eval', 'examples/mlp4.json', ...args)).toEqual({ code: 2, out: '', err });
    });
  }
  test('no MODEL is a usage error; --help exits 0', () => {
    const r = bnnu('eval');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bnnu: eval: expected arguments MODEL, found none\n$/);
    const h = bnnu('eval', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^usage: bnnu eval MODEL --input NAME=VALUES/);
  });
});

describe('eval on BNNs and circuits: bit strings, or --like NET', () => {
  beforeAll(() => {
    writeFileSync(at('and.aag'), 'aag 3 2 0 1 1\n2\n4\n6\n6 2 4\ni0 a\ni1 b\no0 y\n');
    writeFileSync(at('neg.aag'), 'aag 2 2 0 2 0\n2\n4\n3\n5\ni0 x[0]\ni1 x[1]\no0 y[0]\no1 y[1]\n');
    writeFileSync(at('neg-anon.aag'), 'aag 2 2 0 2 0\n2\n4\n3\n5\n');
    // A network with the same ports as neg.aag: x (s2.0) -> y (s2.0), y = -x - 1 bitwise, i.e. NOT x.
    writeFileSync(
      at('id2.json'),
      JSON.stringify({
        format: 'fixed-point-network/1',
        name: 'id2',
        inputs: [{ name: 'x', shape: [1], type: { signed: true, bits: 2, frac: 0 } }],
        layers: [{ name: 'r', op: 'requant', input: 'x', output: 'y', type: { signed: true, bits: 2, frac: 0 } }],
        outputs: ['y'],
      }),
    );
    writeFileSync(
      at('xor.bnn.json'),
      JSON.stringify({
        format: 'bnn/1',
        name: 'xor',
        inputs: [{ name: 'x', bits: 2 }],
        layers: [{ neurons: [{ inputs: [0, 1], weights: [1, -1], bias: -1 }, { inputs: [0, 1], weights: [-1, 1], bias: -1 }] }, { neurons: [{ inputs: [2, 3], weights: [1, 1], bias: 1 }] }],
        outputs: [{ name: 'y', bits: [4] }],
      }),
    );
  });

  test('AIGER with named 1-bit ports', () => {
    expect(bnnu('eval', at('and.aag'), '--input', 'a=1', '--input', 'b=1').out).toBe('y = 1\n');
    expect(JSON.parse(bnnu('eval', at('and.aag'), '--input', 'a=1', '--input', 'b=0', '--json').out)).toEqual({ outputs: { y: '0' } });
  });

  test('BNN: bit strings, least significant bit first', () => {
    for (const [x, y] of [['00', '0'], ['10', '1'], ['01', '1'], ['11', '0']]) expect(bnnu('eval', at('xor.bnn.json'), '--input', `x=${x}`).out).toBe(`y = ${y}\n`);
  });

  test('--like NET reads and prints the ports as NET tensors (named and positional circuits)', () => {
    // NOT on 2-bit two's complement: -2 (01 LSB first: 0,1) -> 1 ; 0 -> -1.
    expect(bnnu('eval', at('neg.aag'), '--like', at('id2.json'), '--input', 'x=-2').out).toBe('y = 1\n');
    expect(bnnu('eval', at('neg-anon.aag'), '--like', at('id2.json'), '--input', 'x=0').out).toBe('y = -1\n');
    expect(JSON.parse(bnnu('eval', at('neg-anon.aag'), '--like', at('id2.json'), '--input', 'x=1', '--json').out)).toEqual({ outputs: { y: [-2] } });
    expect(bnnu('eval', at('neg-anon.aag'), '--input', '10').out).toBe('(unnamed) = 01\n');
  });

  test('errors: wrong bit strings, missing ports, range under --like, --like of a non-network', () => {
    expect(bnnu('eval', at('xor.bnn.json'), '--input', 'x=1')).toEqual({ code: 2, out: '', err: `bnnu: ${at('xor.bnn.json')}: --input x: expected a string of 2 bits, 0 or 1, least significant first, found a string of 1 bit\n` });
    expect(bnnu('eval', at('xor.bnn.json'), '--input', 'x=12').err).toBe(`bnnu: ${at('xor.bnn.json')}: --input x: expected a string of 2 bits, 0 or 1, least significant first, found "12"\n`);
    expect(bnnu('eval', at('and.aag'), '--input', 'a=1').err).toBe(`bnnu: ${at('and.aag')}: --input b: expected a string of 1 bit, 0 or 1, least significant first, found nothing\n`);
    expect(bnnu('eval', at('neg.aag'), '--like', at('id2.json'), '--input', 'x=2')).toEqual({ code: 2, out: '', err: `bnnu: ${at('id2.json')}: --input x[0]: expected an integer in [-2, 1] (type s2.0), found 2\n` });
    expect(bnnu('eval', at('neg.aag'), '--like', at('xor.bnn.json'), '--input', 'x=1').code).toBe(2);
    expect(bnnu('eval', at('xor.bnn.json'), '--like', 'examples/mlp4.json', '--input', 'x=1,2,3,4').err).toMatch(/^bnnu: port mismatch: .*\n$/);
    expect(bnnu('eval', at('xor.bnn.json'), '--all', '--input', 'x=11').code).toBe(2);
  });
});

describe('info', () => {
  test('network text', () => {
    const r = bnnu('info', 'examples/mlp4.json');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'network "mlp4" (examples/mlp4.json): 2 layers, 56 MACs, 67 weights, 16 input bits, 12 output bits',
      'inputs:',
      '  x  [4]  s4.2  16 bits',
      'outputs:',
      '  y  [3]  s4.2  12 bits',
      'tensors:',
      '  x  [4]  s4.2  input',
      '  h  [8]  u4.2  from fc1 (dense)',
      '  y  [3]  s4.2  from fc2 (dense)',
      'layers:',
      '  fc1  dense  x -> h  32 MACs  40 weights  relu half-even saturate',
      '  fc2  dense  h -> y  24 MACs  27 weights  identity half-even saturate',
      '',
    ]);
  });

  test('network --json', () => {
    const j = JSON.parse(bnnu('info', 'examples/cnn-tiny.json', '--json').out);
    expect(j).toMatchObject({ kind: 'network', name: 'cnn-tiny', macs: 1296 + 576 + 108, inputBits: 288, outputBits: 24 + 108 });
    expect(j.tensors.map((t: { name: string; shape: number[] }) => [t.name, t.shape])).toEqual([
      ['x', [2, 6, 6]],
      ['a', [4, 6, 6]],
      ['b', [4, 3, 3]],
      ['p', [4, 3, 3]],
      ['s', [4, 3, 3]],
      ['r', [4, 3, 3]],
      ['v', [36]],
      ['y', [3]],
    ]);
    expect(j.layers[0]).toMatchObject({ name: 'conv1', op: 'conv2d', inputs: ['x'], output: 'a', macs: 1296, weights: 40 });
  });

  test('BNN and circuit', () => {
    expect(JSON.parse(bnnu('info', at('xor.bnn.json'), '--json').out)).toMatchObject({ kind: 'bnn', neurons: 3, synapses: 6, layers: 2, depth: 2, inputBits: 2, outputBits: 1 });
    expect(JSON.parse(bnnu('info', at('and.aag'), '--json').out)).toMatchObject({ kind: 'circuit', format: 'aiger', ands: 1, depth: 1, inputBits: 2, outputBits: 1 });
    expect(bnnu('info', at('and.aag')).out.split('\n')[0]).toBe(`circuit (aiger, ${at('and.aag')}): 1 AND nodes, depth 1`);
  });
});

/** A small valid network; the malformed files are corruptions of it. */
function baseNet(): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    format: 'fixed-point-network/1',
    name: 'base',
    inputs: [{ name: 'x', shape: [1, 2, 2], type: { signed: true, bits: 4, frac: 1 } }],
    layers: [
      { name: 'c', op: 'conv2d', input: 'x', output: 'a', weights: { type: { signed: true, bits: 3, frac: 0 }, values: [[[[1]]], [[[-1]]]] }, type: { signed: true, bits: 5, frac: 1 } },
      { name: 'f', op: 'flatten', input: 'a', output: 'v' },
      { name: 'd', op: 'dense', input: 'v', output: 'y', weights: { type: { signed: true, bits: 4, frac: 2 }, values: [[1, 2, 3, 4, 5, 6, 7, -8]] }, bias: { type: { signed: true, bits: 8, frac: 3 }, values: [5] }, type: { signed: true, bits: 4, frac: 0 } },
      { name: 's', op: 'add', inputs: ['y', 'y'], output: 'z', type: { signed: true, bits: 4, frac: 0 } },
    ],
    outputs: ['z'],
  };
}

describe('malformed files: exit 2, one line naming file, place, expected and found', () => {
  const truncated = readFileSync(join(ROOT, 'examples/mlp4.json'), 'utf8').slice(0, 500);
  const edit = (f: (j: any) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const j = baseNet();
    f(j);
    return JSON.stringify(j, null, 1);
  };
  // name, file content, expected stderr after "bnnu: FILE: "
  const cases: [string, string, string | RegExp][] = [
    ['empty', '', 'line 1, column 1: expected a JSON document, found an empty file'],
    ['not JSON', 'hello world\n', 'line 1, column 1: expected a JSON value, found "h"'],
    ['truncated', truncated, new RegExp(`^line ${truncated.split('\n').length}, column ${truncated.length - truncated.lastIndexOf('\n')}: expected .*, found the end of the file$`)],
    ['deeply nested', '['.repeat(200000) + ']'.repeat(200000), 'line 1, column 65: expected arrays and objects nested at most 64 deep, found deeper nesting'],
    ['repeated key', '{"format": "fixed-point-network/1", "format": "bnn/1"}', 'line 1, column 37: expected each key at most once in an object, found a second "format"'],
    ['deceptive number', JSON.stringify(baseNet()).replace('"values":[[[[1]]]', '"values":[[[[1.0000000000000000001]]]'), /^line 1, column \d+: expected a number that reads as itself, found 1.0000000000000000001 \(not an integer, but read as the integer 1\)$/],
    ['unknown format', '{"format": "onnx"}', 'format: expected "fixed-point-network/1" or "bnn/1" (or a .aag/.aig/.blif/.v file), found "onnx"'],
    ['out-of-range weight', edit((j) => (j.layers[2].weights.values[0][3] = 8)), 'layers[2].weights.values[0][3]: expected an integer in [-8, 7] (type s4.2), found 8'],
    ['non-integer weight', edit((j) => (j.layers[0].weights.values[1][0][0][0] = 0.5)), 'layers[0].weights.values[1][0][0][0]: expected an integer in [-4, 3] (type s3.0), found 0.5'],
    ['wrong row length', edit((j) => j.layers[2].weights.values[0].pop()), 'layers[2].weights.values[0]: expected an array of length 8, found length 7'],
    ['add shape mismatch', edit((j) => (j.layers[3].inputs = ['y', 'v'])), 'layers[3].inputs[1]: expected a tensor of the shape of "y", [1], found "v" of shape [8]'],
    ['conv2d groups', edit((j) => (j.layers[0].groups = 2)), 'layers[0].groups: expected a divisor of the input channels C = 1, found 2'],
    ['unknown op', edit((j) => (j.layers[1].op = 'reshape')), 'layers[1].op: expected one of "dense", "conv2d", "maxpool2d", "add", "requant", "flatten", found "reshape"'],
    ['unknown rounding', edit((j) => (j.layers[2].rounding = 'round')), 'layers[2].rounding: expected one of "floor", "ceil", "trunc", "half-up", "half-down", "half-even", "half-away", found "round"'],
    ['unknown overflow', edit((j) => (j.layers[3].overflow = 'clamp')), 'layers[3].overflow: expected one of "saturate", "wrap", found "clamp"'],
    ['tensor not yet defined', edit((j) => (j.layers[1].input = 'z')), 'layers[1].input: expected the name of a network input or of an earlier layer\'s output, found "z" (the output of layers[3], not yet computed here)'],
    ['duplicate tensor name', edit((j) => (j.layers[1].output = 'a')), 'layers[1].output: expected a tensor name not used before, found "a", already defined at layers[0].output'],
    ['duplicate layer name', edit((j) => (j.layers[3].name = 'd')), 'layers[3].name: expected a layer name not used by another layer, found "d", also the name of layers[2]'],
    ['bias frac too large', edit((j) => (j.layers[2].bias.type.frac = 4)), 'layers[2].bias.type.frac: expected at most 3 (input frac + weight frac), found 4'],
    ['zero size', edit((j) => (j.inputs[0].shape = [1, 0, 2])), 'inputs[0].shape[1]: expected a positive integer (at most 1048576), found 0'],
    ['negative size', edit((j) => (j.inputs[0].shape = [1, 2, -2])), 'inputs[0].shape[2]: expected a positive integer (at most 1048576), found -2'],
    ['absurd bits', edit((j) => (j.inputs[0].type.bits = 100000)), 'inputs[0].type.bits: expected an integer in [1, 32], found 100000'],
    ['million-element shape', edit((j) => (j.inputs[0].shape = [1, 1000000, 1000000])), 'inputs[0].shape: expected at most 1048576 elements (a size limit of bnnu), found a shape with more than 1048576 elements'],
    ['missing type', edit((j) => delete j.layers[3].type), 'layers[3].type: expected a fixed-point type {"signed", "bits", "frac"}, found nothing'],
    ['missing layers', edit((j) => delete j.layers), 'layers: expected an array of layers, found nothing'],
  ];
  for (const [name, content, err] of cases) {
    test(name, () => {
      const file = at(`${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, content);
      // info and eval share the loader: eval on a few, info on all (each run costs a process).
      for (const cmd of name.length % 3 === 0 ? ['eval', 'info'] : ['info']) {
        const r = bnnu(cmd, file, ...(cmd === 'eval' ? ['--input', 'x=1,2,3,4'] : []));
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.endsWith('\n') && r.err.split('\n').length === 2).toBe(true);
        const prefix = `bnnu: ${file}: `;
        expect(r.err.startsWith(prefix)).toBe(true);
        const rest = r.err.slice(prefix.length, -1);
        if (typeof err === 'string') expect(rest).toBe(err);
        else expect(rest).toMatch(err);
      }
    });
  }
  test('the base file itself is valid (so each case above tests one corruption)', () => {
    writeFileSync(at('base.json'), edit(() => {}));
    expect(bnnu('eval', at('base.json'), '--input', 'x=1,2,3,4').code).toBe(0);
  });
  test('a missing file and a directory', () => {
    expect(bnnu('info', at('nope.json'))).toEqual({ code: 2, out: '', err: `bnnu: ${at('nope.json')}: file: expected a readable file, found ENOENT\n` });
    expect(bnnu('info', dir).code).toBe(2);
  });
});
