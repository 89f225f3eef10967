import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChildPool, type ChildPoolOptions, type Outcome } from '../src/index.ts';
import { alive } from './alive.ts';

const script = new URL('./fixtures/child.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tianbao-child-pool-'));

type Task = { n: number } | { fault: string; pidFile: string };
type Done = { n: number; pid: number };

const pools: ChildPool[] = [];
const open = (opts: Omit<ChildPoolOptions, 'script'>) => {
  const pool = new ChildPool({ script, startNow: true, ...opts });
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

// A pool of each size, kept from test to test where what a test checks needs no fresh one: each child costs a
// process's start. A test leaves its pool's children idle (a failed one replaced).
const kept = new Map<number, ChildPool>();
const shared = (size: number) => kept.get(size) ?? kept.set(size, new ChildPool({ script, startNow: true, size })).get(size)!;
afterAll(async () => {
  await Promise.all([...kept.values()].map((p) => p.close()));
});

/** A time limit the tasks that take no time keep to, even on a busy machine. */
const TIME_MS = 500;

const shown = (o: Outcome<Done>) => ('result' in o ? o.result.n : o.failed);
const pidOf = (o: Outcome<Done>) => ('result' in o ? o.result.pid : undefined);

describe('ChildPool', () => {
  it('does the tasks given at once on its children, reusing them, the others waiting their turn', async () => {
    const pool = shared(2);
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run<Task, Done>('task', { n: i + 1 })));
    expect(outcomes.map(shown)).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    expect(new Set(outcomes.map(pidOf)).size).toBe(2);
    // Later tasks go to the same children.
    const again = await pool.run<Task, Done>('task', { n: 9 });
    expect(outcomes.map(pidOf)).toContain(pidOf(again));
  });

  // One child: the tasks queued behind the stuck one (and a dead one) can only go on in its replacement.
  it.each([['stuck'], ['exit']])('kills or outlives a %s child, replaces it, and hands the tasks waiting to the new one', async (fault) => {
    const pool = shared(1);
    const pidFile = join(dir, `${fault}.${Math.random()}.pid`);
    const runs = [pool.run<Task, Done>('task', { n: 1 }), pool.run<Task, Done>('task', { fault, pidFile }, TIME_MS)];
    runs.push(...[2, 3, 4].map((n) => pool.run<Task, Done>('task', { n }, TIME_MS)));
    const outcomes = await Promise.all(runs);
    expect(outcomes.map(shown)).toEqual([10, fault === 'stuck' ? 'timeout' : 'crashed', 20, 30, 40]);
    const failed = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(failed)).toBe(false);
    expect(pidOf(outcomes[0]!)).toBe(failed);
    expect(new Set(outcomes.slice(2).map(pidOf))).toEqual(new Set([pidOf(outcomes[2]!)]));
    expect(pidOf(outcomes[2]!)).not.toBe(failed);
  }, 20_000);

  it('goes on with other tasks on its other children while one is stuck', async () => {
    const pool = shared(2);
    const pidFile = join(dir, `stuck.${Math.random()}.pid`);
    let stuckEnded = false;
    // Twice the others' limit: they are all done before it ends.
    const stuck = pool.run<Task, Done>('task', { fault: 'stuck', pidFile }, 2 * TIME_MS).then((o) => ((stuckEnded = true), o));
    const others = await Promise.all([1, 2, 3, 4].map((n) => pool.run<Task, Done>('task', { n }, TIME_MS)));
    expect(stuckEnded).toBe(false);
    expect(others.map(shown)).toEqual([10, 20, 30, 40]);
    expect(shown(await stuck)).toBe('timeout');
  }, 20_000);

  it('prepares the child it starts first for the tasks to come, and stops a child at once when asked', async () => {
    const pool = open({ size: 2, startNow: 1 });
    pool.prepare('note', 'ready');
    // One task at a time: the child started first, and prepared, takes each.
    for (let i = 0; i < 2; i++) expect(await pool.run('noted', null)).toMatchObject({ result: { noted: 'ready' } });
    // A child stuck in preparing is not waited for.
    const stuck = open({ size: 1, startNow: 1 });
    const pidFile = join(dir, `preparing.${Math.random()}.pid`);
    stuck.prepare('task', { fault: 'stuck', pidFile });
    await expect.poll(() => existsSync(pidFile)).toBe(true);
    await stuck.close(true);
    await expect.poll(() => alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  }, 20_000);

  it('replaces a child after its number of tasks', async () => {
    const pool = open({ size: 1, recycle: { tasks: 2 } });
    const pids: (number | undefined)[] = [];
    for (let n = 1; n <= 5; n++) pids.push(pidOf(await pool.run<Task, Done>('task', { n })));
    expect(pids[1]).toBe(pids[0]);
    expect(pids[3]).toBe(pids[2]);
    expect(new Set(pids).size).toBe(3);
    // The child replaced is gone.
    await expect.poll(() => alive(pids[0]!)).toBe(false);
  }, 20_000);

  it('replaces a child that holds too much after a task, before any task outgrows it', async () => {
    // Each `leak` task keeps 24 MB; a child holds some 50 MB before its first, so that two take it past 80 MB.
    // Far from the bound, nothing is killed.
    const pool = open({ size: 1, limits: { heapMB: 64, residentMB: 1000 }, recycle: { residentMB: 80 } });
    const outcomes: Outcome<Done>[] = [];
    for (let i = 0; i < 3; i++) outcomes.push(await pool.run<number, Done>('leak', 0));
    const pids = outcomes.map(pidOf);
    expect(pids.every((pid) => pid !== undefined)).toBe(true);
    expect(new Set(pids).size).toBeGreaterThan(1);
    // A fresh child starts again from what one task keeps.
    const kept = outcomes.map((o) => ('result' in o ? o.result.n : 0));
    expect(kept[0]).toBe(1);
    expect(kept.filter((n) => n === 1).length).toBeGreaterThan(1);
  }, 30_000);
});
