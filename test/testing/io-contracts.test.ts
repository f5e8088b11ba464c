/**
 * The project's readers and writers, held to the public `roundTrips` contract
 * (the checker decides "same function"), and BNNs turned into circuits held to
 * `preservesSemantics`.
 */
import { describe, test } from 'vitest';
import { readBnnJson } from '../../src/bnn/read.js';
import { bnnToCircuit } from '../../src/bnn/to-aig.js';
import type { BnnJson } from '../../src/bnn/write.js';
import { stringifyBnn } from '../../src/bnn/write.js';
import { readAiger, writeAigerAscii, writeAigerBinary } from '../../src/io/aiger.js';
import { readBlif, writeBlif } from '../../src/io/blif.js';
import { aigArb, bnnArb, circuitArb } from '../../src/testing/bnn-arbitraries.js';
import { preservesSemantics, roundTrips } from '../../src/testing/contracts.js';
import type { Circuit } from '../../src/verify/model.js';

describe('round trips through the file formats', () => {
  const arbitrary = circuitArb({ maxInputs: 6, maxAnds: 30, maxOutputs: 4 });

  test('ASCII AIGER', async () => {
    await roundTrips(writeAigerAscii, (text: string) => readAiger(Buffer.from(text), 'rt.aag'), { arbitrary, numRuns: 40 });
  });

  test('binary AIGER', async () => {
    await roundTrips(writeAigerBinary, (bytes: Buffer) => readAiger(bytes, 'rt.aig'), { arbitrary, numRuns: 40 });
  });

  test('BLIF', async () => {
    await roundTrips((c: Circuit) => writeBlif(c), (text: string) => readBlif(text, 'rt.blif'), { arbitrary, numRuns: 40 });
  });

  test('bnn/1 JSON text, BNNs with and without parity-safe biases', async () => {
    for (const paritySafe of [false, true]) {
      await roundTrips((b: BnnJson) => stringifyBnn(readBnnJson(b, 'in.bnn.json')), (text: string) => JSON.parse(text) as BnnJson, {
        arbitrary: bnnArb({ paritySafe }),
        numRuns: 40,
      });
    }
  });

  test('circuits with several ports keep them through AIGER', async () => {
    // Split the generated inputs into two ports, so port grouping by bit names is exercised.
    const twoPorts = aigArb({ minInputs: 2, maxInputs: 6 }).map((aig): Circuit => {
      const a = Math.ceil(aig.inputs.length / 2);
      return { aig, inputs: [{ name: 'a', width: a }, { name: 'b', width: aig.inputs.length - a }], outputs: [{ name: 'y', width: aig.outputs.length }] };
    });
    await roundTrips(writeAigerAscii, (text: string) => readAiger(Buffer.from(text), 'rt.aag'), { arbitrary: twoPorts, numRuns: 30 });
  });
});

test('a BNN as a threshold circuit computes what the BNN computes', async () => {
  await preservesSemantics((b: BnnJson) => bnnToCircuit(readBnnJson(b, 'in.bnn.json')), { arbitrary: bnnArb({ maxFanIn: 5, maxBias: 6 }), numRuns: 40 });
});
