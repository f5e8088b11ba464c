/**
 * fast-check arbitraries for fixed-point types, raw values and whole valid
 * `fixed-point-network/1` networks, for property tests of anything that reads,
 * translates or checks networks.
 *
 * Generated networks are JSON objects as a file would hold them (validate
 * them with `validateNetwork`). They cover every operator, every rounding and
 * overflow mode, optional fields present and absent, and fracs that are
 * negative or larger than the bit width. Sizes are small by default, because
 * these networks are meant to be bit-blasted and proved.
 * @module
 */
import fc from 'fast-check';
import { type FixedType, OVERFLOW_MODES, ROUNDING_MODES, maxRaw, minRaw } from '../fixed/types.js';

/** Bounds of {@link fixedTypeArb}; all optional. */
export interface FixedTypeConstraints {
  /** Smallest bit width (default 1). */
  readonly minBits?: number;
  /** Largest bit width (default 4; at most 32). */
  readonly maxBits?: number;
  /** Smallest frac (default -2). */
  readonly minFrac?: number;
  /** Largest frac (default 6, so fracs above the bit width occur). */
  readonly maxFrac?: number;
  /** Fix signedness (default: either). */
  readonly signed?: boolean;
}

/**
 * Fixed-point types `{signed, bits, frac}`.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { fixedTypeArb } from 'bnn-universal/testing';
 * const [t] = fc.sample(fixedTypeArb({ maxBits: 8, signed: true }), 1);
 * console.log(t.signed, t.bits >= 1 && t.bits <= 8); // true true
 * ```
 */
export function fixedTypeArb(constraints: FixedTypeConstraints = {}): fc.Arbitrary<FixedType> {
  const { minBits = 1, maxBits = 4, minFrac = -2, maxFrac = 6, signed } = constraints;
  return fc.record({
    signed: signed === undefined ? fc.boolean() : fc.constant(signed),
    bits: fc.integer({ min: minBits, max: maxBits }),
    frac: fc.integer({ min: minFrac, max: Math.max(minFrac, maxFrac) }),
  });
}

/**
 * Raw values of a type: integers in its range, as BigInt.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { rawValueArb } from 'bnn-universal/testing';
 * const vs = fc.sample(rawValueArb({ signed: true, bits: 4, frac: 2 }), 20);
 * console.log(vs.every((v) => v >= -8n && v <= 7n)); // true
 * ```
 */
export function rawValueArb(type: FixedType): fc.Arbitrary<bigint> {
  return fc.bigInt({ min: minRaw(type), max: maxRaw(type) });
}

/** A tensor's shape and element type (what {@link tensorValuesArb} needs). */
export interface TensorShapeAndType {
  readonly shape: readonly number[];
  readonly type: FixedType;
}

/**
 * Row-major raw values of a tensor: numel(shape) values of its type.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { tensorValuesArb } from 'bnn-universal/testing';
 * const [v] = fc.sample(tensorValuesArb({ shape: [2, 3], type: { signed: false, bits: 2, frac: 0 } }), 1);
 * console.log(v.length); // 6
 * ```
 */
export function tensorValuesArb(spec: TensorShapeAndType): fc.Arbitrary<bigint[]> {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  return fc.array(rawValueArb(spec.type), { minLength: n, maxLength: n });
}

/**
 * Raw values for every input of a network (a validated `Network` or its
 * JSON: only `inputs` is read), as `interpretNetwork` takes them.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { networkInputsArb } from 'bnn-universal/testing';
 * const net = { inputs: [{ name: 'x', shape: [3], type: { signed: true, bits: 4, frac: 0 } }] };
 * const [m] = fc.sample(networkInputsArb(net), 1);
 * console.log(m.get('x')?.length); // 3
 * ```
 */
export function networkInputsArb(net: { readonly inputs: readonly (TensorShapeAndType & { readonly name: string })[] }): fc.Arbitrary<Map<string, bigint[]>> {
  return fc.tuple(...net.inputs.map((t) => tensorValuesArb(t))).map((vs) => new Map(net.inputs.map((t, i) => [t.name, vs[i]])));
}

/** A tensor of a generated network: a network input as the file holds it. */
export interface TensorJson {
  readonly name: string;
  readonly shape: readonly number[];
  readonly type: FixedType;
}

type GenTensor = TensorJson;

/** A `fixed-point-network/1` document as generated (plain JSON data). */
export interface NetworkJson {
  readonly format: 'fixed-point-network/1';
  readonly name: string;
  readonly inputs: readonly TensorJson[];
  /** Layer objects as in the file (optional fields sometimes absent). */
  readonly layers: readonly Record<string, unknown>[];
  readonly outputs: readonly string[];
}

/** Size bounds shared by {@link denseNetworkArb} and {@link cnnNetworkArb}. */
export interface NetworkConstraints {
  /** Most layers (default 3); a CNN may add a flatten + dense head after them. */
  readonly maxLayers?: number;
  /** Largest vector length of dense networks, and largest H and W of CNNs (default 3). */
  readonly maxWidth?: number;
  /** Largest bit width of any type (default 4). */
  readonly maxBits?: number;
  /** Most network inputs of dense networks (default 1). */
  readonly maxInputs?: number;
  /** Most channels of CNN tensors (default 2). */
  readonly maxChannels?: number;
  /** Smallest frac of every type (default -2). */
  readonly minFrac?: number;
  /** Largest frac of every type (default 6). Bias fracs stay within the format's limit. */
  readonly maxFrac?: number;
}

type Limits = Required<NetworkConstraints>;

function limits(c: NetworkConstraints): Limits {
  return { maxLayers: 3, maxWidth: 3, maxBits: 4, maxInputs: 1, maxChannels: 2, minFrac: -2, maxFrac: 6, ...c };
}

interface GenState {
  readonly inputs: readonly GenTensor[];
  readonly layers: readonly Record<string, unknown>[];
  readonly tensors: readonly GenTensor[];
}

/** Drop keys whose value is undefined (an absent optional field). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });

function typeArb(l: Limits, extra: FixedTypeConstraints = {}): fc.Arbitrary<FixedType> {
  return fixedTypeArb({ maxBits: l.maxBits, minFrac: l.minFrac, maxFrac: l.maxFrac, ...extra });
}

/** `type`, `rounding`, `overflow`, `activation`; the last three sometimes absent (defaults). */
function requantFieldsArb(l: Limits): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    type: typeArb(l),
    rounding: maybe(fc.constantFrom(...ROUNDING_MODES)),
    overflow: maybe(fc.constantFrom(...OVERFLOW_MODES)),
    activation: maybe(fc.constantFrom('identity', 'relu')),
  });
}

/** Nested arrays of raw values (as numbers) with the given dimensions. */
function nestedValuesArb(dims: readonly number[], type: FixedType): fc.Arbitrary<unknown> {
  return tensorValuesArb({ shape: dims, type }).map((flat) => {
    const nest = (off: number, r: number): unknown => {
      if (r === dims.length) return Number(flat[off]);
      const stride = dims.slice(r + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: dims[r] }, (_, i) => nest(off + i * stride, r + 1));
    };
    return nest(0, 0);
  });
}

/** A constant `{type, values}` of the given dimensions. */
function constantArb(l: Limits, dims: readonly number[], extra: FixedTypeConstraints = {}): fc.Arbitrary<{ type: FixedType; values: unknown }> {
  return typeArb(l, extra).chain((type) => nestedValuesArb(dims, type).map((values) => ({ type, values })));
}

/** An optional bias of `out` values whose frac is at most `accFrac` (the format's rule). */
function biasArb(l: Limits, out: number, accFrac: number): fc.Arbitrary<{ type: FixedType; values: unknown } | undefined> {
  return maybe(constantArb(l, [out], { minFrac: accFrac - 6, maxFrac: accFrac }));
}

/** Append a layer producing tensor `out`. */
function push(s: GenState, layer: Record<string, unknown>, out: GenTensor): GenState {
  return { ...s, layers: [...s.layers, compact(layer)], tensors: [...s.tensors, out] };
}

function fresh(s: GenState): { name: string; output: string } {
  const i = s.layers.length;
  return { name: `L${i}`, output: `t${i}` };
}

function denseStep(l: Limits, s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  const n = x.shape.reduce((a, b) => a * b, 1);
  return fc.integer({ min: 1, max: l.maxWidth }).chain((out) =>
    constantArb(l, [out, n]).chain((weights) =>
      fc.tuple(requantFieldsArb(l), biasArb(l, out, x.type.frac + weights.type.frac)).map(([q, bias]) => {
        const { name, output } = fresh(s);
        const layer = { name, op: 'dense', input: x.name, output, weights, bias, ...q };
        return push(s, layer, { name: output, shape: [out], type: q.type as FixedType });
      }),
    ),
  );
}

function requantStep(l: Limits, s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  return requantFieldsArb(l).map((q) => {
    const { name, output } = fresh(s);
    return push(s, { name, op: 'requant', input: x.name, output, ...q }, { name: output, shape: x.shape, type: q.type as FixedType });
  });
}

function flattenStep(s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  const { name, output } = fresh(s);
  const n = x.shape.reduce((a, b) => a * b, 1);
  return fc.constant(push(s, { name, op: 'flatten', input: x.name, output }, { name: output, shape: [n], type: x.type }));
}

/** add of x and a tensor of the same shape (possibly x itself). */
function addStep(l: Limits, s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  const same = s.tensors.filter((t) => t.shape.join() === x.shape.join());
  return fc.tuple(fc.constantFrom(...same), fc.boolean(), requantFieldsArb(l)).map(([y, swap, q]) => {
    const { name, output } = fresh(s);
    const inputs = swap ? [y.name, x.name] : [x.name, y.name];
    return push(s, { name, op: 'add', inputs, output, ...q }, { name: output, shape: x.shape, type: q.type as FixedType });
  });
}

function conv2dStep(l: Limits, s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  const [c, h, w] = x.shape;
  const divisors = Array.from({ length: c }, (_, i) => i + 1).filter((g) => c % g === 0);
  // Output channels: groups * perGroup <= max(maxChannels, C), so channels do not grow without bound.
  const groupsAndPerGroup = fc
    .constantFrom(...divisors)
    .chain((groups) => fc.record({ groups: fc.constant(groups), perGroup: fc.integer({ min: 1, max: Math.max(1, Math.floor(l.maxChannels / groups)) }) }));
  const geometry = fc.record({
    gp: groupsAndPerGroup,
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    stride: maybe(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))),
    padding: maybe(fc.tuple(...[0, 0, 0, 0].map(() => fc.integer({ min: 0, max: 2 })))),
    dilation: maybe(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))),
  });
  return geometry.chain(({ gp, ...g }) => {
    const [sh, sw] = g.stride ?? [1, 1];
    const [top, left, bottom, right] = g.padding ?? [0, 0, 0, 0];
    const [dh, dw] = g.dilation ?? [1, 1];
    // Shrink the kernel until its dilated span fits the padded input.
    const fit = (k: number, d: number, padded: number) => Math.min(k, Math.floor((padded - 1) / d) + 1);
    const kh = fit(g.kh, dh, h + top + bottom);
    const kw = fit(g.kw, dw, w + left + right);
    const o = gp.groups * gp.perGroup;
    const oh = Math.floor((h + top + bottom - dh * (kh - 1) - 1) / sh) + 1;
    const ow = Math.floor((w + left + right - dw * (kw - 1) - 1) / sw) + 1;
    return constantArb(l, [o, c / gp.groups, kh, kw]).chain((weights) =>
      fc.tuple(requantFieldsArb(l), biasArb(l, o, x.type.frac + weights.type.frac)).map(([q, bias]) => {
        const { name, output } = fresh(s);
        const groups = gp.groups === 1 ? undefined : gp.groups;
        const layer = { name, op: 'conv2d', input: x.name, output, weights, bias, stride: g.stride, padding: g.padding, dilation: g.dilation, groups, ...q };
        return push(s, layer, { name: output, shape: [o, oh, ow], type: q.type as FixedType });
      }),
    );
  });
}

function maxpoolStep(s: GenState, x: GenTensor): fc.Arbitrary<GenState> {
  const [c, h, w] = x.shape;
  return fc
    .record({
      kernel: fc.tuple(fc.integer({ min: 1, max: Math.min(h, 3) }), fc.integer({ min: 1, max: Math.min(w, 3) })),
      stride: maybe(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))),
    })
    .map(({ kernel, stride }) => {
      const [sh, sw] = stride ?? kernel;
      const shape = [c, Math.floor((h - kernel[0]) / sh) + 1, Math.floor((w - kernel[1]) / sw) + 1];
      const { name, output } = fresh(s);
      return push(s, { name, op: 'maxpool2d', input: x.name, output, kernel, stride }, { name: output, shape, type: x.type });
    });
}

/** Grow `s` by `count` layers chosen by `step`. */
function grow(s: GenState, count: number, step: (s: GenState) => fc.Arbitrary<GenState>): fc.Arbitrary<GenState> {
  return count === 0 ? fc.constant(s) : step(s).chain((t) => grow(t, count - 1, step));
}

/** The finished document: outputs are the last tensor plus any others. */
function finish(name: string, s: GenState): fc.Arbitrary<NetworkJson> {
  const last = s.tensors[s.tensors.length - 1];
  const others = s.tensors.slice(0, -1).map((t) => t.name);
  return fc.subarray(others, { maxLength: Math.min(2, others.length) }).map((extra) => ({
    format: 'fixed-point-network/1' as const,
    name,
    inputs: s.inputs,
    layers: s.layers,
    outputs: [...extra, last.name],
  }));
}

/**
 * Valid networks of vector layers: `dense`, `requant`, `add` and `flatten`
 * over inputs of one or two dimensions, every rounding and overflow mode,
 * optional fields sometimes absent.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { denseNetworkArb } from 'bnn-universal/testing';
 * import { validateNetwork } from 'bnn-universal';
 * const [json] = fc.sample(denseNetworkArb({ maxLayers: 2 }), 1);
 * console.log(validateNetwork(json, 'generated').format); // fixed-point-network/1
 * ```
 */
export function denseNetworkArb(constraints: NetworkConstraints = {}): fc.Arbitrary<NetworkJson> {
  const l = limits(constraints);
  const inputArb = (i: number) =>
    fc
      .record({ shape: fc.oneof(fc.tuple(fc.integer({ min: 1, max: l.maxWidth })), fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }))), type: typeArb(l) })
      .map(({ shape, type }) => ({ name: `x${i}`, shape: shape as number[], type }));
  const step = (s: GenState) =>
    fc.constantFrom(...s.tensors).chain((x) => fc.oneof(denseStep(l, s, x), denseStep(l, s, x), requantStep(l, s, x), addStep(l, s, x), flattenStep(s, x)));
  return fc
    .integer({ min: 1, max: l.maxInputs })
    .chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => inputArb(i))))
    .chain((inputs) =>
      fc.integer({ min: 1, max: l.maxLayers }).chain((count) => grow({ inputs, layers: [], tensors: inputs }, count, step)),
    )
    .chain((s) => finish('random-dense', s));
}

/**
 * Valid small CNNs: `conv2d` (stride, padding, dilation and groups, each
 * sometimes absent), `maxpool2d`, `add` and `requant` on [C, H, W] tensors,
 * often ending in `flatten` and `dense`.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { cnnNetworkArb } from 'bnn-universal/testing';
 * import { validateNetwork } from 'bnn-universal';
 * const [json] = fc.sample(cnnNetworkArb(), 1);
 * console.log(validateNetwork(json, 'generated').inputs[0].shape.length); // 3
 * ```
 */
export function cnnNetworkArb(constraints: NetworkConstraints = {}): fc.Arbitrary<NetworkJson> {
  const l = limits(constraints);
  const inputArb = fc
    .record({
      c: fc.integer({ min: 1, max: l.maxChannels }),
      h: fc.integer({ min: 1, max: l.maxWidth }),
      w: fc.integer({ min: 1, max: l.maxWidth }),
      type: typeArb(l),
    })
    .map(({ c, h, w, type }) => ({ name: 'x', shape: [c, h, w], type }));
  const step = (s: GenState) =>
    fc
      .constantFrom(...s.tensors.filter((t) => t.shape.length === 3))
      .chain((x) => fc.oneof(conv2dStep(l, s, x), conv2dStep(l, s, x), maxpoolStep(s, x), addStep(l, s, x), requantStep(l, s, x)));
  const head = (s: GenState) =>
    fc.boolean().chain((yes) => {
      if (!yes) return fc.constant(s);
      const x = s.tensors[s.tensors.length - 1];
      return flattenStep(s, x).chain((t) => denseStep(l, t, t.tensors[t.tensors.length - 1]));
    });
  return inputArb
    .chain((x) => fc.integer({ min: 1, max: l.maxLayers }).chain((count) => grow({ inputs: [x], layers: [], tensors: [x] }, count, step)))
    .chain(head)
    .chain((s) => finish('random-cnn', s));
}
