import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { childProgram, INLINE_LESS, jobsOption } from '../src/batch.ts';
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

describe('childProgram', () => {
  it("has a checker do V8's work on its own thread, and inline less", () => {
    const { nodeOptions } = childProgram();
    expect(nodeOptions).toContain('--single-threaded');
    expect(nodeOptions).toContain(INLINE_LESS);
  });

  it("gives node options it takes: V8's own flags among them, each spelt as V8 spells it", () => {
    const { nodeOptions } = childProgram();
    const run = spawnSync(process.execPath, [...nodeOptions, '-p', "require('node:v8').getHeapStatistics().total_available_size > 0"], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});

describe('jobsOption', () => {
  it('takes --jobs as given up to one a core, and no more', () => {
    const cores = availableParallelism();
    expect(jobsOption(undefined)).toBeUndefined();
    expect(jobsOption(1)).toBe(1);
    expect(jobsOption(cores)).toBe(cores);
    expect(jobsOption(64 * cores)).toBe(cores);
    expect(() => jobsOption(0)).toThrow(/--jobs 应为正整数/);
  });
});
