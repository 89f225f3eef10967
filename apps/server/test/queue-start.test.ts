// Two processes starting at once on a new PostgreSQL database both make pg-boss's queues: the one that meets
// the other's lock (a deadlock, or the queue made first) starts all the same.
import { describe, expect, it } from 'vitest';
import { ensureQueue } from '../src/jobs/pg-boss-queue.ts';

/** A pg-boss whose `createQueue` fails with each of `failures` in turn, then makes the queue. */
function boss(...failures: { code: string }[]) {
  let made = false;
  const tries: string[] = [];
  return {
    tries,
    getQueue: async () => (made ? ({} as never) : null),
    createQueue: async (name: string) => {
      tries.push(name);
      const failure = failures.shift();
      if (failure) throw Object.assign(new Error('deadlock detected'), failure);
      made = true;
    },
  };
}

describe('making a job queue at start', () => {
  it('tries again after a deadlock with another process making the queues', async () => {
    const b = boss({ code: '40P01' }, { code: '40P01' });
    await ensureQueue(b, 'compilation', 300);
    expect(b.tries).toEqual(['compilation', 'compilation', 'compilation']);
  });

  it('gives up after a few deadlocks, and at once on any other failure', async () => {
    await expect(ensureQueue(boss(...Array.from({ length: 9 }, () => ({ code: '40P01' }))), 'compilation', 300)).rejects.toMatchObject({ code: '40P01' });
    const denied = boss({ code: '42501' });
    await expect(ensureQueue(denied, 'compilation', 300)).rejects.toMatchObject({ code: '42501' });
    expect(denied.tries).toHaveLength(1);
  });
});
