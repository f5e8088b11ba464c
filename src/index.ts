/**
 * bnn-universal: exact fixed-point networks, their translation into
 * equivalent binarized neural networks, and equivalence checking.
 *
 * The layers, bottom up: fixed-point semantics (`fixed/`), the network IR and
 * its interpreter (`network/`), And-Inverter Graphs and word-level circuits
 * (`aig/`), the bit-blaster (`bitblast/`), the BNN IR and translation
 * strategies (`bnn/`, `translate/`), circuit formats (`io/`), and the
 * equivalence engines with their verdicts and certificates (`verify/`,
 * `smt/`, `sat/`). Z3 and Yosys are loaded only when a function needs them.
 * @module
 */
// Errors and fixed-point semantics
export * from './errors.js';
export * from './fixed/types.js';
export * from './fixed/requantize.js';
export * from './fixed/bits.js';
// The network IR
export * from './network/types.js';
export * from './network/read.js';
export * from './network/interpret.js';
export * from './network/info.js';
export * from './network/limits.js';
export * from './io/json.js';
// Circuits
export * from './aig/aig.js';
export * from './aig/simulate.js';
export * from './aig/words.js';
export * from './aig/compress.js';
export * from './aig/rounding.js';
export * from './bitblast/bitblast.js';
export * from './bitblast/trace.js';
// BNNs and translation
export * from './bnn/types.js';
export * from './bnn/read.js';
export * from './bnn/write.js';
export * from './bnn/evaluate.js';
export * from './bnn/simulate.js';
export * from './bnn/stats.js';
export * from './bnn/builder.js';
export * from './bnn/to-aig.js';
export * from './bnn/strategies/netlist.js';
export * from './bnn/strategies/emit.js';
export * from './bnn/strategies/gates.js';
export * from './bnn/strategies/threshold.js';
export * from './translate/translate.js';
// Circuit formats
export * from './io/load.js';
export * from './io/aiger.js';
export * from './io/blif.js';
export * from './io/ports.js';
export * from './io/align.js';
export * from './io/verilog.js';
export type { YosysRunOptions } from './io/yosys.js';
export * from './io/verilog-write.js';
export * from './io/dot.js';
// Verification
export * from './verify/types.js';
export * from './verify/model.js';
export * from './verify/check.js';
export * from './verify/certificate.js';
export { exhaustiveEngine } from './verify/exhaustive.js';
export { smtEngine, SMT_MITER_ID } from './verify/smt.js';
export { sweepEngine, checkBySweeping } from './verify/sweep.js';
export type { SweepParams, CutGroup, SweepOutcome, CutReport, SweepStats } from './verify/sweep/fraig.js';
export { sweepMiter } from './verify/sweep/fraig.js';
export { buildMiter, SIDE_A, SIDE_B } from './verify/sweep/miter.js';
export type { Miter } from './verify/sweep/miter.js';
export { compositionalEngine, proveTranslation } from './verify/compositional.js';
export type { CompositionalReport, CompositionalOptions } from './verify/compositional.js';
export type { JobResult } from './verify/compositional/runner.js';
export type { PlanPhases, PlanStats } from './verify/compositional/plan.js';
export { writeSmt2 } from './smt/smt2.js';
export type { Smt2Options } from './smt/smt2.js';
export type { CardinalityStyle } from './smt/text-terms.js';
export { proveMiter } from './smt/prove.js';
export type { ProveOptions, MiterOutcome } from './smt/prove.js';
export { shutdownZ3, z3Version, runSmtlib2 } from './smt/z3.js';
export { firingThreshold } from './smt/encode-bnn.js';
export { SatSolver, PROOF_INPUT, PROOF_ADD, PROOF_DELETE } from './sat/solver.js';
export type { SatResult, SolveLimits, SatSolverOptions, SatStats } from './sat/solver.js';
