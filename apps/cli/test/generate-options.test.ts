import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { INLINE_LESS } from '../src/batch.ts';
import { generateNodeOptions } from '../src/generate-batch.ts';

describe('generateNodeOptions', () => {
  const cores = availableParallelism();

  it("keeps the collector's helper threads only while a core is free of children", () => {
    expect(generateNodeOptions(cores)).toContain('--single-threaded-gc');
    expect(generateNodeOptions(cores + 1)).toContain('--single-threaded-gc');
    expect(generateNodeOptions(cores - 1)).not.toContain('--single-threaded-gc');
  });

  it('inlines less, as a checker does, whatever the number of children', () => {
    expect(generateNodeOptions(1)).toContain(INLINE_LESS);
    expect(generateNodeOptions(cores)).toContain(INLINE_LESS);
  });
});
