import { describe, expect, it } from 'vitest';
import { defaultOutputPath } from '../../src/cli/commands/translate.js';
import { DEMO_STEPS, type DemoStep, packageRoot, runDemo } from '../../src/cli/commands/demo.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('translate: default output path', () => {
  it('replaces a model extension by .bnn.json, next to the input', () => {
    expect(defaultOutputPath('nets/mlp.json')).toBe(join('nets', 'mlp.bnn.json'));
    expect(defaultOutputPath('NET.JSON')).toBe('NET.bnn.json');
    expect(defaultOutputPath('/a/b/c.aag')).toBe('/a/b/c.bnn.json');
    expect(defaultOutputPath('adder.v')).toBe('adder.bnn.json');
    expect(defaultOutputPath('noext')).toBe('noext.bnn.json');
    expect(defaultOutputPath('a.b.txt')).toBe('a.b.txt.bnn.json');
  });
});

describe('demo', () => {
  it('finds the package root and its example', () => {
    expect(existsSync(join(packageRoot(), 'examples/mlp4.json'))).toBe(true);
  });

  it('runs its steps in order on a shared context; a further step is one more list entry', async () => {
    const lines: string[] = [];
    let seen: unknown;
    const extra: DemoStep = {
      title: 'an added step',
      async run(ctx) {
        seen = { verdict: ctx.exhaustive?.verdict, neurons: ctx.bnn?.numNeurons, ands: ctx.translation?.circuit.ands };
        ctx.say('extra ran');
      },
    };
    const code = await runDemo([...DEMO_STEPS, extra], (l) => lines.push(l));
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/^1\. load the example network$/m);
    expect(text).toMatch(new RegExp(`^${DEMO_STEPS.length + 1}\\. an added step$`, 'm'));
    expect(text).toMatch(/^ {3}extra ran$/m);
    expect(text).toMatch(/verdict: equivalent \(exhaustive/);
    expect(seen).toMatchObject({ verdict: 'equivalent' });
    const s = seen as { neurons: number; ands: number };
    expect(s.neurons).toBe(s.ands); // gates on the example: one neuron per AND, no extras
  });

  it('returns exit code 1 when a step finds a difference', async () => {
    const spoil: DemoStep = {
      title: 'spoil the BNN',
      async run(ctx) {
        const bnn = ctx.bnn!;
        const neg = bnn.neg.slice();
        neg[bnn.fanStart[bnn.outputs[0].bits[0] - bnn.numInputBits]] ^= 1;
        ctx.bnn = { ...bnn, neg };
      },
    };
    const [load, translate, , prove] = DEMO_STEPS;
    const lines: string[] = [];
    expect(await runDemo([load, translate, spoil, prove], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/verdict: different/);
  });
});
