/**
 * The examples in examples/: every network validates, and the tables in the
 * rounding and overflow READMEs are what the interpreter computes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ROUNDING_MODES } from '../../src/fixed/types.js';
import { interpretNetwork } from '../../src/network/interpret.js';
import { readNetworkFile } from '../../src/network/read.js';

/** The cells of the markdown table row whose first cell starts with `label`. */
function row(markdown: string, label: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${label}`));
  if (!line) throw new Error(`no row ${label}`);
  return line.split('|').slice(2, -1).map((c) => c.trim());
}

/** Check a README table: the input row, then one row per mode `\`mode\``. */
function checkTable(dir: string, inputLabel: string, modes: readonly string[]): void {
  const md = readFileSync(`${dir}/README.md`, 'utf8');
  const x = row(md, inputLabel).map(BigInt);
  for (const mode of modes) {
    const net = readNetworkFile(`${dir}/${mode}.json`);
    const y = interpretNetwork(net, new Map([['x', x]])).get('y')!;
    expect([mode, row(md, `\`${mode}\``).map(BigInt)]).toEqual([mode, y]);
    // The README's command line uses exactly these inputs.
    expect(md).toContain(`--input x=${x.join(',')}`);
  }
}

describe('examples', () => {
  test('every example network validates', () => {
    const files = ['examples/mlp4.json', 'examples/cnn-tiny.json', ...['rounding', 'overflow'].flatMap((d) => readdirSync(`examples/${d}`).filter((f) => f.endsWith('.json')).map((f) => `examples/${d}/${f}`))];
    expect(files.length).toBe(2 + 7 + 2);
    for (const f of files) expect(readNetworkFile(f).format).toBe('fixed-point-network/1');
  });

  test('rounding/README.md table', () => {
    expect(readdirSync('examples/rounding').filter((f) => f.endsWith('.json')).sort()).toEqual(ROUNDING_MODES.map((m) => `${m}.json`).sort());
    checkTable('examples/rounding', 'input x (raw', ROUNDING_MODES);
  });

  test('rounding examples differ pairwise on the README inputs', () => {
    const md = readFileSync('examples/rounding/README.md', 'utf8');
    const rows = ROUNDING_MODES.map((m) => row(md, `\`${m}\``).join());
    expect(new Set(rows).size).toBe(ROUNDING_MODES.length);
  });

  test('overflow/README.md table', () => {
    checkTable('examples/overflow', 'input x (raw', ['saturate', 'wrap']);
  });

  test('cnn-tiny uses every operator and every conv2d option', () => {
    const net = readNetworkFile('examples/cnn-tiny.json');
    expect(new Set(net.layers.map((l) => l.op))).toEqual(new Set(['conv2d', 'maxpool2d', 'add', 'requant', 'flatten', 'dense']));
    const convs = net.layers.filter((l) => l.op === 'conv2d');
    expect(convs.some((l) => l.groups > 1)).toBe(true);
    expect(convs.some((l) => l.stride.some((v) => v > 1))).toBe(true);
    expect(convs.some((l) => l.dilation.some((v) => v > 1))).toBe(true);
    expect(convs.some((l) => l.padding.some((v) => v > 0))).toBe(true);
  });
});
