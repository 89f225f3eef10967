import { describe, expect, it } from 'vitest';
import { defaultJobs, runTasks, type PoolOptions } from '../src/index.ts';

const options = (jobs: number, onResult?: PoolOptions<number, number | string>['onResult']): PoolOptions<number, number | string> => ({
  jobs,
  local: async (n) => n * 10,
  worker: { module: new URL('./fixtures/worker.ts', import.meta.url), setup: { factor: 10 } },
  timeLimit: { ms: 2000, timedOut: (n) => `timed out: ${n}` },
  crashed: (n, e) => `crashed: ${n}: ${e.message}`,
  ...(onResult && { onResult }),
});

describe('runTasks', () => {
  it('gives on three threads what one gives, in the order of the tasks', async () => {
    const tasks = Array.from({ length: 20 }, (_, i) => i + 1);
    const seen: [number, number][] = [];
    const three = await runTasks(tasks, options(3, (_r, index, done) => seen.push([index, done])));
    expect(three).toEqual(await runTasks(tasks, options(1)));
    expect(seen.map(([, done]) => done)).toEqual(tasks);
    expect(seen.map(([index]) => index).sort((a, b) => a - b)).toEqual(tasks.map((n) => n - 1));
  });

  it('replaces a worker that hangs, exits or throws, and loses only that task', async () => {
    const results = await runTasks([1, 2, -2, 3, -1, 4, -3, 5, 6], options(2));
    expect(results).toEqual([10, 20, 'crashed: -2: worker thread exited with code 3', 30, 'timed out: -1', 40, 'crashed: -3: bad task', 50, 60]);
  }, 30_000);

  it('fails when a worker cannot start', async () => {
    const broken = { ...options(2), worker: { module: new URL('./fixtures/broken-worker.ts', import.meta.url), setup: {} } };
    await expect(runTasks([1, 2, 3], broken)).rejects.toThrow('cannot start');
  });
});

describe('defaultJobs', () => {
  it('uses threads only for batches worth starting them, from the cores the work pays on', () => {
    expect(defaultJobs(10, 8)).toBe(1);
    expect(defaultJobs(200, 8)).toBe(4);
    expect(defaultJobs(1000, 4)).toBe(4);
    expect(defaultJobs(1000, 2)).toBe(1);
    expect(defaultJobs(1000, 2, 2)).toBe(2);
    expect(defaultJobs(60, 2, 2)).toBe(1);
  });
});
