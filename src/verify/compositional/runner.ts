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
   * A job left unknown after a SAT call is tried once more with this many
   * times the conflict budget (1: not retried).
   */
  readonly escalation: number;
}

/** Default limits. */
export const RUNNER_LIMITS: RunnerLimits = { exhaustive: EXHAUSTIVE_LIMITS, sat: SAT_LIMITS, escalation: 20 };

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

  /**
   * Decide one job; `deadline` (performance.now() ms) bounds SAT calls. A job
   * left unknown after a SAT call is tried once more with
   * `limits.escalation` times the conflict budget: most claims need few
   * conflicts, and the rare hard one (a wide cone of a threshold BNN whose
   * top column bit is a parity) should not make the whole proof unknown.
   */
  run(job: Job, deadline?: number): JobResult {
    const t0 = performance.now();
    let r = this.attempt(job, this.limits, deadline);
    const x = this.limits.escalation;
    if (r.result === 'unknown' && r.methods.has('sat') && x > 1) {
      const again = this.attempt(job, { ...this.limits, sat: { ...this.limits.sat, conflicts: this.limits.sat.conflicts * x } }, deadline);
      again.methods.add('escalated');
      r = again.result === 'unknown' ? { ...again, detail: `${again.detail ?? ''} (also with ${x}x the conflicts)` } : again;
    }
    return {
      id: job.id,
      result: r.result,
      method: [...r.methods].join('+') || 'none',
      seconds: (performance.now() - t0) / 1000,
      ...(r.detail ? { detail: r.detail } : {}),
    };
  }

  /** One try at a job under `limits`: its outcome and the methods it used. */
  private attempt(job: Job, limits: RunnerLimits, deadline?: number): CheckOutcome & { methods: Set<string> } {
    if (job.decided) return { ...job.decided, methods: new Set([job.decided.method]) };
    const methods = new Set<string>();
    let failed: CheckOutcome | undefined;
    for (const c of job.checks) {
      const r = this.check(c, methods, limits, deadline);
      if (r.result !== 'proved') {
        failed = { ...r, detail: `${c.kind} check: ${r.detail ?? ''}` };
        break;
      }
    }
    if (failed && job.fallback) {
      methods.add('whole');
      const r = this.check(job.fallback, methods, limits, deadline);
      failed = r.result === 'proved' ? undefined : { ...r, detail: `${failed.detail}; whole operation: ${r.detail ?? ''}` };
    }
    return { ...(failed ?? { result: 'proved' }), methods };
  }

  /** One check: exhaustively, or by SAT when it is too large to enumerate. */
  private check(c: LocalCheck, methods: Set<string>, limits: RunnerLimits, deadline?: number): CheckOutcome {
    if (c.kind === 'compression') {
      methods.add('adders');
      const r = checkCompression(this.ev, this.sem, c, { exhaustive: limits.exhaustive, sat: { ...limits.sat, deadline } });
      if (r.sat) methods.add('sat');
      return r;
    }
    methods.add('exhaustive');
    const r = checkExhaustively(this.ev, this.sem, c, limits.exhaustive);
    if (r.result !== 'unknown' || !r.tooLarge) return r;
    methods.add('sat');
    return checkBySat(this.ev, c, { ...limits.sat, deadline });
  }
}
