/** Test helper: everything bnn/1 and the translator promise about a BNN's structure. */
import { expect } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import type { Bnn } from '../../src/bnn/types.js';
import { bnnToJson } from '../../src/bnn/write.js';

/**
 * Check: valid bnn/1 to the letter (written and read back by the strict reader),
 * bias parity differs from fan-in (no zero sum), distinct sources with smaller ids,
 * and with `layered`, every neuron reads only the previous layer and outputs sit in the last.
 */
export function expectTranslatorStructure(bnn: Bnn, layered: boolean): void {
  expect(readBnnJson(JSON.parse(JSON.stringify(bnnToJson(bnn))), 'rt')).toEqual(bnn);
  const I = bnn.numInputBits;
  const layerOfSignal = new Int32Array(I + bnn.numNeurons);
  for (let l = 0; l + 1 < bnn.layerStart.length; l++) for (let n = bnn.layerStart[l]; n < bnn.layerStart[l + 1]; n++) layerOfSignal[I + n] = l + 1;
  for (let n = 0; n < bnn.numNeurons; n++) {
    const k = bnn.fanStart[n + 1] - bnn.fanStart[n];
    if (Math.abs(bnn.bias[n]) % 2 === k % 2) expect.fail(`neuron ${n}: bias ${bnn.bias[n]} has the parity of fan-in ${k}`);
    const srcs = Array.from(bnn.src.subarray(bnn.fanStart[n], bnn.fanStart[n + 1]));
    if (new Set(srcs).size !== k) expect.fail(`neuron ${n} reads a signal twice`);
    for (const s of srcs) {
      if (s >= I + n) expect.fail(`neuron ${n} reads signal ${s}, not smaller than its own id`);
      if (layered && layerOfSignal[s] !== layerOfSignal[I + n] - 1) expect.fail(`neuron ${n} of layer ${layerOfSignal[I + n]} reads layer ${layerOfSignal[s]}`);
    }
  }
  if (layered && bnn.outputs.length) {
    const last = bnn.layerStart.length - 1;
    for (const p of bnn.outputs) for (const s of p.bits) if (layerOfSignal[s] !== last) expect.fail(`output ${p.name} bit from layer ${layerOfSignal[s]}, not the last (${last})`);
  }
}
