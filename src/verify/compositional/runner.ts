/**
 * Deciding obligations: each local check exhaustively when its cone is small
 * enough, else by SAT. The same code runs on the calling thread and in the
 * worker threads (compositional-worker.ts).
 * @module
 */
import { type CheckOutcome, EXHAUSTIVE_LIMITS, type ExhaustiveLimits, type LocalCheck, checkExhaustively } from './checks.js';
import { checkCompression } from './compression.js';
import { ConeEvaluator } from './cone.js';
import type { Job } from './obligations.js';
import type { ProofProgram } from './proof-circuit.js';
import { SAT_LIMITS, type SatLimits, checkBySat } from './sat-check.js';
import { OpSemantics } from './semantics.js';

/** How one obligation ended. */
export interface JobResult {
  readonly id: string;
  readonly result: 'proved' | 'refuted' | 'unknown';
  /** How it was decided: `exhaustive`, `exhaustive+sat`, `interval`, ... */
  readonly method: string;
  readonly seconds: number;
  /** Why it is not proved (or how a special case was decided). */
  readonly detail?: string;
}

/** Limits of both ways of checking. */
export interface RunnerLimits {
  readonly exhaustive: ExhaustiveLimits;
  readonly sat: SatLimits;
  /**
   * An adder claim SAT gave up on is tried once more with this many times
   * the conflict budget (1: not retried); see compression.ts.
   */
  readonly escalation: number;
}

/** Default limits. */
export const RUNNER_LIMITS: RunnerLimits = { exhaustive: EXHAUSTIVE_LIMITS, sat: SAT_LIMITS, escalation: 4 };

/** Decides jobs on one proof circuit (scratch state is reused between jobs). */
export class JobRunner {
  private readonly ev: ConeEvaluator;
  private readonly sem = new OpSemantics();

  constructor(
    program: ProofProgram,
    private readonly limits: RunnerLimits = RUNNER_LIMITS,
  ) {
    this.ev = new ConeEvaluator(program);
  }

  /** Decide one job; `deadline` (performance.now() ms) bounds SAT calls. */
  run(job: Job, deadline?: number): JobResult {
    const t0 = performance.now();
    const done = (r: CheckOutcome, method: string): JobResult => ({
      id: job.id,
      result: r.result,
      method,
      seconds: (performance.now() - t0) / 1000,
      ...(r.detail ? { detail: r.detail } : {}),
    });
    if (job.decided) return done(job.decided, job.decided.method);
    const methods = new Set<string>();
    let failed: CheckOutcome | undefined;
    for (const c of job.checks) {
      const r = this.check(c, methods, deadline);
      if (r.result !== 'proved') {
        failed = { ...r, detail: `${c.kind} check: ${r.detail ?? ''}` };
        break;
      }
    }
    if (failed && job.fallback) {
      methods.add('whole');
      const r = this.check(job.fallback, methods, deadline);
      failed = r.result === 'proved' ? undefined : { ...r, detail: `${failed.detail}; whole operation: ${r.detail ?? ''}` };
    }
    return done(failed ?? { result: 'proved' }, [...methods].join('+') || 'none');
  }

  /** One check: exhaustively, or by SAT when it is too large to enumerate. */
  private check(c: LocalCheck, methods: Set<string>, deadline?: number): CheckOutcome {
    const limits = this.limits;
    if (c.kind === 'compression') {
      methods.add('adders');
      const r = checkCompression(this.ev, this.sem, c, { exhaustive: limits.exhaustive, sat: { ...limits.sat, deadline }, escalation: limits.escalation });
      if (r.sat) methods.add('sat');
      if (r.escalated) methods.add('escalated');
      return r;
    }
    methods.add('exhaustive');
    const r = checkExhaustively(this.ev, this.sem, c, limits.exhaustive);
    if (r.result !== 'unknown' || !r.tooLarge) return r;
    methods.add('sat');
    return checkBySat(this.ev, c, { ...limits.sat, deadline });
  }
}
