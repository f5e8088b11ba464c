// Registers `expect(a).toBeEquivalentTo(b)` for every test file.
import { expect } from 'vitest';
import { installMatchers } from 'bnn-universal/testing';

installMatchers(expect);
