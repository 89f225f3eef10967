import { describe, expect, it } from 'vitest';
import { checkWorkerpool, WORKERPOOL_VERSION } from '../src/workerpool-internals.ts';

describe('the patches of workerpool internals', () => {
  it('are for the installed version, and refuse another one at start, saying what to do', () => {
    expect(() => checkWorkerpool()).not.toThrow();
    expect(() => checkWorkerpool('10.1.0')).toThrow(`patches internals of workerpool ${WORKERPOOL_VERSION}, but workerpool 10.1.0 is installed`);
  });
});
