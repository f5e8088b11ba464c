/**
 * Random-simulation signatures of AIG variables and BNN signals, to check a
 * `tensors` hint before it is used to pair a tensor bit that structure left
 * unpaired. A pairing is a hint like any other (every claim built on it is
 * checked); the signature only keeps obviously wrong hints out.
 * @module
 */
import type { Aig } from '../../aig/aig.js';
import { simulateAig } from '../../aig/simulate.js';
import { type BnnProgram, simulateBnnProgram } from '../../bnn/simulate.js';
import type { ProofLit } from './proof-circuit.js';

/** Words (32 patterns each) simulated. */
const WORDS = 32;

/** Signatures of one AIG and one BNN on the same random inputs. */
export class SignatureIndex {
  private readonly aig: Uint32Array;
  private readonly bnn: Uint32Array;

  constructor(g: Aig, p: BnnProgram) {
    const I = p.numInputBits;
    const inputs = new Uint32Array(I * WORDS);
    let s = 0x9e3779b9;
    for (let i = 0; i < inputs.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      inputs[i] = s >>> 0;
    }
    this.aig = simulateAig(g, inputs, WORDS);
    this.bnn = new Uint32Array((I + p.numNeurons) * WORDS);
    this.bnn.set(inputs);
    simulateBnnProgram(p, this.bnn, WORDS);
  }

  /** Whether BNN literal l (signal, complemented when odd) has AIG literal a's signature. */
  agrees(a: number, l: ProofLit): boolean {
    const ao = (a >>> 1) * WORDS;
    const bo = (l >>> 1) * WORDS;
    const flip = (a ^ l) & 1 ? 0xffffffff : 0;
    for (let w = 0; w < WORDS; w++) if ((this.aig[ao + w] ^ this.bnn[bo + w] ^ flip) >>> 0 !== 0) return false;
    return true;
  }
}
