import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultJobs, runBatches, runTasks, type Outcome } from '../src/index.ts';
import { alive } from './alive.ts';

const script = new URL('./fixtures/child.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-isolate-'));
// Small memory limits, so that the faults reach them soon (memory a child touches costs the processor): a child
// holds some 50 MB before its first task, one whose 16 MB heap is full some 60 MB, under the resident bound, so
// that V8's own abort is what stops it. No time limit but where a test sets one: a task past it is the stuck one,
// which waits, spending nothing; the tasks beside it take no time, half a second is plenty for them on a busy machine.
const limits = { heapMB: 16, residentMB: 100 };
const TIME_MS = 500;

type Fault = { fault: string; pidFile: string };
type Task = { n: number } | Fault;
type Done = { n: number; pid: number };
const fault = (name: string): Fault => ({ fault: name, pidFile: join(dir, `${name}.${Math.random()}.pid`) });
const run = (tasks: Task[], jobs: number, onResult?: (o: Outcome<Done>, index: number, done: number) => void) =>
  runTasks<Task, Done>('task', tasks, { script, jobs, limits, ...(onResult && { onResult }) });

describe('runTasks', () => {
  it('gives on two children what one gives, in the order of the tasks, reusing each child', async () => {
    const tasks = Array.from({ length: 12 }, (_, i) => ({ n: i + 1 }));
    const seen: [number, number][] = [];
    const two = await run(tasks, 2, (_o, index, done) => seen.push([index, done]));
    const one = await run(tasks, 1);
    const results = (outcomes: Outcome<Done>[]) => outcomes.map((o) => ('result' in o ? o.result.n : o.failed));
    expect(results(two)).toEqual(tasks.map(({ n }) => n * 10));
    expect(results(one)).toEqual(results(two));
    expect(seen.map(([, done]) => done)).toEqual(tasks.map(({ n }) => n));
    expect(seen.map(([index]) => index).sort((a, b) => a - b)).toEqual(tasks.map(({ n }) => n - 1));
    // One job: one child did every task. Two: two children did them all.
    expect(new Set(one.map((o) => 'result' in o && o.result.pid)).size).toBe(1);
    expect(new Set(two.map((o) => 'result' in o && o.result.pid)).size).toBe(2);
  });

  it.each([[1], [2]])('with %i job(s), loses to each fault only its task, and kills the child at fault', async (jobs) => {
    const faults = ['exit', 'heap', 'buffers', 'throw'].map(fault);
    const tasks: Task[] = [{ n: 1 }, ...faults.flatMap((f, i) => [f, { n: i + 2 }])];
    const outcomes = await run(tasks, jobs);
    expect(outcomes.map((o) => ('result' in o ? o.result.n : o.failed))).toEqual([10, 'crashed', 20, 'memory', 30, 'memory', 40, 'crashed', 50]);
    // No child is left behind.
    for (const f of faults) expect(alive(Number(readFileSync(f.pidFile, 'utf8'))), f.fault).toBe(false);
    if (jobs === 1) {
      // A child that died was replaced; one that threw lives on.
      const pids = outcomes.flatMap((o) => ('result' in o ? [o.result.pid] : []));
      expect(new Set(pids.slice(0, 4)).size).toBe(4);
      expect(pids[4]).toBe(pids[3]);
    }
  }, 60_000);

  // Both at once: each waits out the stuck task's time limit, spending nothing.
  it.concurrent.each([[1], [2]])('with %i job(s), loses to a task past the time limit only that task, and kills its child', async (jobs) => {
    const stuck = fault('stuck');
    const outcomes = await runTasks<Task, Done>('task', [{ n: 1 }, stuck, { n: 2 }, { n: 3 }], { script, jobs, limits: { ...limits, timeMs: TIME_MS } });
    expect(outcomes.map((o) => ('result' in o ? o.result.n : o.failed))).toEqual([10, 'timeout', 20, 30]);
    expect(alive(Number(readFileSync(stuck.pidFile, 'utf8')))).toBe(false);
  });

  it('runs a task that took a reused child past the bound again in a fresh one, where it fits', async () => {
    // Each task keeps 24 MB, lingering 300 ms for the parent to read it: one fits in 100 MB, three in one child would
    // not (they take it to some 120 MB).
    const outcomes = await runTasks<number, Done>('leak', [300, 300, 300], { script, jobs: 1, limits });
    expect(outcomes.every((o) => 'result' in o)).toBe(true);
    expect(new Set(outcomes.map((o) => 'result' in o && o.result.pid)).size).toBeGreaterThan(1);
  }, 60_000);

  it('times a task from its start, not from the loading before it', async () => {
    // Loading takes 1 s, longer than the time limit; the tasks themselves, no time.
    const outcomes = await runTasks('loaded', [1, 2, 3], { script, jobs: 2, limits: { timeMs: TIME_MS } });
    expect(outcomes).toEqual([{ result: 10 }, { result: 20 }, { result: 30 }]);
  });

  it('fails when children cannot start', async () => {
    const broken = new URL('./fixtures/cannot-start.mjs', import.meta.url).pathname;
    await expect(runTasks('task', [{ n: 1 }], { script: broken, jobs: 1 })).rejects.toThrow('cannot start');
  });
});

describe('runBatches', () => {
  type Batched = Done & { batch: number };
  const batched = (outcomes: Outcome<Batched>[]) => Array.from(outcomes, (o) => (o === undefined ? o : 'result' in o ? [o.result.n, o.result.batch] : o.failed));

  it('hands a child several tasks at once, in order, and loses to a fault only its task, the others of its batch run again', async () => {
    const exit = fault('exit');
    const tasks: Task[] = [{ n: 1 }, { n: 2 }, exit, { n: 3 }, { n: 4 }, { n: 5 }, { n: 6 }, { n: 7 }];
    const seen: [number, number][] = [];
    const outcomes = await runBatches<Task, Batched>('batch', tasks, { most: 4, bytes: 1000 }, { script, jobs: 1, limits, onResult: (_o, i, done) => seen.push([i, done]) });
    // The first four went together and were lost with the fault: each ran again alone. The other four went together.
    expect(batched(outcomes)).toEqual([[10, 1], [20, 1], 'crashed', [30, 1], [40, 4], [50, 4], [60, 4], [70, 4]]);
    expect(seen.map(([, done]) => done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.map(([i]) => i).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(alive(Number(readFileSync(exit.pidFile, 'utf8')))).toBe(false);
  }, 60_000);

  it('hands a task over `bytes` alone, and leaves each job at least two batches', async () => {
    const big = { n: 2, pad: 'x'.repeat(200) } as Task;
    const four = await runBatches<Task, Batched>('batch', [{ n: 1 }, big, { n: 3 }, { n: 4 }], { most: 8, bytes: 100 }, { script, jobs: 1, limits });
    expect(batched(four)).toEqual([[10, 1], [20, 1], [30, 2], [40, 2]]);
    const tasks = Array.from({ length: 8 }, (_, i) => ({ n: i + 1 }));
    const two = await runBatches<Task, Batched>('batch', tasks, { most: 8, bytes: 100 }, { script, jobs: 2, limits });
    expect(batched(two)).toEqual(tasks.map(({ n }) => [n * 10, 2]));
  });

  it('leaves without an outcome the tasks after those a child did, when it stops a batch itself', async () => {
    const tasks = [{ n: 1, last: true }, { n: 2 }, { n: 3 }, { n: 4 }] as Task[];
    const outcomes = await runBatches<Task, Batched>('batch', tasks, { most: 2, bytes: 100 }, { script, jobs: 1, limits });
    expect(batched(outcomes)).toEqual([[10, 2], undefined, [30, 2], [40, 2]]);
  });
});

describe('defaultJobs', () => {
  it('uses a child a core, for batches worth starting them', () => {
    expect(defaultJobs(10, 8)).toBe(1);
    expect(defaultJobs(200, 8)).toBe(4);
    expect(defaultJobs(1000, 4)).toBe(4);
    expect(defaultJobs(1000, 2)).toBe(2);
    expect(defaultJobs(60, 2)).toBe(1);
    expect(defaultJobs(1000, 1)).toBe(1);
  });
});
