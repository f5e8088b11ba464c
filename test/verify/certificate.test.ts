import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { CERTIFICATE_FORMAT, certificateToText, certifiedModel, certifiedModelPath, makeCertificate, validateCertificate } from '../../src/verify/certificate.js';
import type { CheckResult } from '../../src/verify/check.js';

const dir = mkdtempSync(join(tmpdir(), 'bnnu-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'a.json'), 'model a');
writeFileSync(join(dir, 'b.json'), 'model b');
const certPath = join(dir, 'sub', 'c.json');

const result: CheckResult = {
  verdict: 'different',
  method: 'smt',
  seconds: 1.5,
  obligations: [
    { id: 'z', claim: 'last', result: 'refuted', method: 'smt', seconds: 1 },
    { id: 'a', claim: 'first', result: 'proved', method: 'smt', seconds: 0.5 },
  ],
  counterexample: { inputs: new Map([['x', Uint8Array.from([1, 0, 1])]]), reference: new Map(), implementation: new Map(), differingBits: new Map() },
};

function cert() {
  return makeCertificate(result, {
    reference: certifiedModel(join(dir, 'a.json'), 'network', certPath),
    implementation: certifiedModel(join(dir, 'b.json'), 'bnn', certPath, 'top'),
    requestedMethod: 'auto',
    timeoutSec: 60,
    shard: { index: 2, count: 3 },
    tool: 'bnn-universal test',
    z3: 'Z3 test',
    date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  });
}

describe('certificates', () => {
  it('record hashes, paths relative to the certificate, sorted obligations, shard and counterexample', () => {
    const c = cert();
    expect(c.format).toBe(CERTIFICATE_FORMAT);
    // sha256("model a")
    expect(c.reference).toEqual({ path: join('..', 'a.json'), sha256: 'd9b0632857ca4b418510f29709cdb45a8b560322ee007a447ab4ec7b9730b88e', kind: 'network' });
    expect(c.implementation.top).toBe('top');
    expect(certifiedModelPath(c.reference, certPath)).toBe(join(dir, 'a.json'));
    expect(c.obligations.map((o) => o.id)).toEqual(['a', 'z']);
    expect(c.shard).toEqual({ index: 2, count: 3 });
    expect(c.counterexample).toEqual({ inputs: { x: '101' } });
    expect(c.date).toBe('2026-01-02T03:04:05.000Z');
  });

  it('round-trip through their text', () => {
    const c = cert();
    expect(validateCertificate(JSON.parse(certificateToText(c)), 'c.json')).toEqual(c);
  });

  it('name the field of a malformed certificate', () => {
    const good = JSON.parse(certificateToText(cert()));
    const bad = (patch: (o: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const o = structuredClone(good);
      patch(o);
      return () => validateCertificate(o, 'c.json');
    };
    expect(bad((o) => (o.format = 'other'))).toThrow('c.json: format: expected "bnnu-certificate/1", found "other"');
    expect(bad((o) => (o.reference.sha256 = 'abc'))).toThrow('c.json: reference.sha256: expected 64 lowercase hex digits, found "abc"');
    expect(bad((o) => (o.obligations[1].result = 'maybe'))).toThrow('c.json: obligations[1].result: expected one of proved, refuted, unknown, found "maybe"');
    expect(bad((o) => (o.shard.index = 4))).toThrow('c.json: shard.index: expected an integer in [1, 3], found 4');
    expect(bad((o) => (o.counterexample.inputs.x = '10a'))).toThrow('c.json: counterexample.inputs.x: expected a string of 0 and 1, found "10a"');
    expect(bad((o) => delete o.implementation)).toThrow(InputError);
    expect(() => validateCertificate([], 'c.json')).toThrow('c.json: certificate: expected an object, found an array of length 0');
  });
});
