/**
 * bnn-universal: exact fixed-point networks, their translation into
 * equivalent binarized neural networks, and equivalence checking.
 * @module
 */
export * from './errors.js';
export * from './fixed/types.js';
export * from './fixed/requantize.js';
export * from './fixed/bits.js';
export * from './network/types.js';
export * from './aig/aig.js';
export * from './aig/simulate.js';
export * from './bnn/types.js';
export * from './verify/types.js';
export * from './verify/model.js';
export * from './verify/check.js';
export * from './io/load.js';
