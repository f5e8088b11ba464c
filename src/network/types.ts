/**
 * The network IR: a plain-object mirror of a validated `fixed-point-network/1`
 * file (shared/spec/fixed-point-network.md).
 *
 * Invariants after validation (`readNetwork` / `validateNetwork`):
 * - every raw number is a safe integer inside its type's range;
 * - tensor names are unique; each layer reads only network inputs or outputs
 *   of earlier layers; shapes agree as each operator demands;
 * - optional fields are filled with their defaults (rounding `floor`,
 *   overflow `saturate`, activation `identity`, stride/padding/dilation/groups),
 *   so consumers never apply defaults themselves.
 * @module
 */
import type { FixedType, OverflowMode, RoundingMode } from '../fixed/types.js';

/** A named tensor with its shape and element type. */
export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: FixedType;
}

/** Constant tensor data: a type and raw values (nested arrays as in the file). */
export interface Constant<V> {
  readonly type: FixedType;
  readonly values: V;
}

/** Activation applied to the exact accumulator. */
export type Activation = 'identity' | 'relu';

/** Fields shared by the layers that requantize (dense, conv2d, add, requant). */
export interface Requantizing {
  /** Output element type. */
  readonly type: FixedType;
  readonly rounding: RoundingMode;
  readonly overflow: OverflowMode;
  readonly activation: Activation;
}

interface LayerBase {
  readonly name: string;
  readonly output: string;
}

/** `dense`: weights [out][n] over the flattened input. */
export interface DenseLayer extends LayerBase, Requantizing {
  readonly op: 'dense';
  readonly input: string;
  readonly weights: Constant<readonly (readonly number[])[]>;
  readonly bias?: Constant<readonly number[]>;
}

/** `conv2d`: input [C,H,W], weights [O][C/groups][KH][KW]. */
export interface Conv2dLayer extends LayerBase, Requantizing {
  readonly op: 'conv2d';
  readonly input: string;
  readonly weights: Constant<readonly (readonly (readonly (readonly number[])[])[])[]>;
  readonly bias?: Constant<readonly number[]>;
  readonly stride: readonly [number, number];
  /** [top, left, bottom, right] */
  readonly padding: readonly [number, number, number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
}

/** `maxpool2d`: input [C,H,W]; output type = input type. */
export interface MaxPool2dLayer extends LayerBase {
  readonly op: 'maxpool2d';
  readonly input: string;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
}

/** `add`: two tensors of equal shape, aligned to the larger frac, summed, requantized. */
export interface AddLayer extends LayerBase, Requantizing {
  readonly op: 'add';
  readonly inputs: readonly [string, string];
}

/** `requant`: a cast, clip or standalone ReLU. */
export interface RequantLayer extends LayerBase, Requantizing {
  readonly op: 'requant';
  readonly input: string;
}

/** `flatten`: shape [numel], same type. */
export interface FlattenLayer extends LayerBase {
  readonly op: 'flatten';
  readonly input: string;
}

/** Any layer. */
export type Layer = DenseLayer | Conv2dLayer | MaxPool2dLayer | AddLayer | RequantLayer | FlattenLayer;

/** A validated fixed-point network. */
export interface Network {
  readonly format: 'fixed-point-network/1';
  readonly name: string;
  readonly inputs: readonly TensorSpec[];
  readonly layers: readonly Layer[];
  /** Names of the result tensors, in port order. */
  readonly outputs: readonly string[];
  /**
   * Every tensor (inputs and layer outputs) by name, with its shape and type,
   * computed during validation.
   */
  readonly tensors: ReadonlyMap<string, TensorSpec>;
}

/** Raw integer values of one tensor, row-major. */
export type TensorValues = bigint[];

/** The tensors a layer reads. */
export function layerInputs(layer: Layer): readonly string[] {
  return layer.op === 'add' ? layer.inputs : [layer.input];
}

/** Number of elements of a shape. */
export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
