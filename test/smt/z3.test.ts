import { afterAll, describe, expect, it } from 'vitest';
import { checkSat, deferReleasesDuringSolving, getZ3, runSmtlib2, shutdownZ3, withZ3, z3Version } from '../../src/smt/z3.js';

afterAll(shutdownZ3);

describe('deferReleasesDuringSolving', () => {
  it('queues releases while an asynchronous call is in flight and runs them after it settles', async () => {
    const log: string[] = [];
    let finish!: () => void;
    const Z3: Record<string, unknown> = {
      dec_ref: (x: number) => log.push(`dec ${x}`),
      solver_dec_ref: (x: number) => log.push(`sdec ${x}`),
      mk_true: () => (log.push('mk'), 7),
    };
    const em: Record<string, unknown> = {
      async_call: (f: () => void) => (f(), new Promise<void>((r) => (finish = () => (log.push('check done'), r())))),
    };
    deferReleasesDuringSolving(Z3, em);
    const call = <T>(o: Record<string, unknown>, name: string, ...args: unknown[]) => (o[name] as (...a: unknown[]) => T)(...args);
    call(Z3, 'dec_ref', 1);
    const p = call<Promise<void>>(em, 'async_call', () => log.push('check started'));
    call(Z3, 'dec_ref', 2);
    call(Z3, 'solver_dec_ref', 3);
    expect(call<number>(Z3, 'mk_true')).toBe(7);
    expect(log).toEqual(['dec 1', 'check started', 'mk']);
    finish();
    await p;
    expect(log).toEqual(['dec 1', 'check started', 'mk', 'check done', 'dec 2', 'sdec 3']);
    call(Z3, 'dec_ref', 4);
    expect(log.at(-1)).toBe('dec 4');
  });
});

describe('the Z3 owner', () => {
  it('reports a version', async () => {
    expect(await z3Version()).toMatch(/^Z3 \d+\.\d+/);
  });

  it('runs jobs one at a time, in order', async () => {
    const order: string[] = [];
    const job = (name: string, ms: number) =>
      withZ3(async () => {
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`end ${name}`);
      });
    await Promise.all([job('a', 30), job('b', 1), job('c', 10)]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps running jobs after one fails', async () => {
    await expect(withZ3(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withZ3(async () => 'fine')).toBe('fine');
  });

  it('gives sat and unsat from finished searches, unknown on a timeout', async () => {
    await withZ3(async (z3) => {
      const { BitVec, Solver } = z3.ctx;
      const x = BitVec.const('x', 8);
      const sat = new Solver();
      sat.add(x.mul(3).eq(BitVec.val(9, 8)));
      expect((await checkSat(z3, sat, 10_000)).status).toBe('sat');
      const unsat = new Solver();
      unsat.add(x.mul(2).eq(BitVec.val(1, 8)));
      expect((await checkSat(z3, unsat)).status).toBe('unsat');
      // factoring a 64-bit semiprime by bit-blasting: far beyond 50 ms
      const a = BitVec.const('a', 64);
      const b = BitVec.const('b', 64);
      const hard = new Solver();
      hard.add(a.mul(b).eq(BitVec.val(1000000016000000063n, 64)), a.ugt(1), b.ugt(1), a.ult(1n << 32n), b.ult(1n << 32n));
      const r = await checkSat(z3, hard, 50);
      expect(r.status).toBe('unknown');
      expect(r.reason).toMatch(/timeout|limit/);
    });
  });

  it('runs an SMT-LIB script in a fresh context each time', async () => {
    const script = '(declare-const p Bool)(assert (and p (not p)))(check-sat)';
    expect((await runSmtlib2(script)).trim()).toBe('unsat');
    expect((await runSmtlib2(script)).trim()).toBe('unsat'); // no "already declared"
    expect((await runSmtlib2('(declare-const p Bool)(assert p)(check-sat)')).trim()).toBe('sat');
  });

  it('loads once', async () => {
    expect(await getZ3()).toBe(await getZ3());
  });
});
