/**
 * Size limits of network files. The format itself has no limits; these keep
 * absurd files (a million-element kernel, a 2^40-step convolution, a shift by
 * 10^9 bits) from hanging or exhausting memory. Every message that reports a
 * limit states it.
 * @module
 */

/** Most elements in any one tensor (activations, weights or bias): 2^20. */
export const MAX_TENSOR_ELEMENTS = 1 << 20;

/** Most elements over all activation tensors of a network: 2^24. */
export const MAX_TOTAL_ELEMENTS = 1 << 24;

/** Most weight and bias values over a whole network: 2^24. */
export const MAX_TOTAL_WEIGHTS = 1 << 24;

/**
 * Most elementary steps of one evaluation: multiply-accumulates of dense and
 * conv2d, comparisons of maxpool2d, one per output element of the other
 * operators: 2^25 (a few seconds of the reference interpreter; far beyond what
 * can be bit-blasted).
 */
export const MAX_TOTAL_WORK = 2 ** 25;

/**
 * Largest |frac| of a type: 1024. The format allows any integer; beyond this
 * the shifts of the arithmetic would build integers of absurd size.
 */
export const MAX_ABS_FRAC = 1024;

/** Largest stride, padding, dilation, kernel size or group count: 2^20. */
export const MAX_PARAMETER = 1 << 20;
