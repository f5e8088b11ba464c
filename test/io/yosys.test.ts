/** Turning Yosys logs into located errors (no Yosys run needed). */
import { describe, expect, it } from 'vitest';
import { yosysError } from '../../src/io/yosys.js';

describe('yosysError', () => {
  it('locates an error in the input file at its line', () => {
    const e = yosysError("some warning\ndesign.v:12: ERROR: syntax error, unexpected ';'\n", 'path/to/design.v', 'design.v');
    expect(e.message).toBe("path/to/design.v: line 12: expected Verilog that Yosys accepts, found Yosys error: syntax error, unexpected ';'");
  });

  it('names another file when Yosys locates the error elsewhere', () => {
    const e = yosysError('inc.vh:3: ERROR: bad\n', 'd.v', 'd.v');
    expect(e.place).toBe('inc.vh line 3');
  });

  it('reports check -assert problems by their first warning, without Yosys\'s escapes', () => {
    const log = 'Warning: Wire top.\\u is used but has no driver.\nWarning: Wire top.\\v is used but has no driver.\nWarning: x\nERROR: Found 3 problems in \'check -assert\'.\n';
    const e = yosysError(log, 'd.v', 'd.v');
    expect(e.message).toBe('d.v: design: expected a design in which every used wire has exactly one driver, found Yosys error: Wire top.u is used but has no driver. (and 2 more problems)');
  });

  it('says what it can when there is no ERROR line', () => {
    expect(yosysError('\nsomething odd\n\n', 'd.v', 'd.v').message).toBe('d.v: design: expected Verilog that Yosys accepts, found a failed run: something odd');
  });
});
