import { unexpected } from '@tianbao/form';
import { JOB_KINDS, type JobContext, type JobKind } from './kinds.ts';
import type { JobQueue } from './queue.ts';

interface Waiting {
  kind: JobKind;
  data: unknown;
  /** The job's kind and key: one waits or is under way at a time. */
  id: string;
}

/**
 * The queue of a process on SQLite: jobs wait in memory and run here, `workers` at once. A job that fails,
 * or waits when the process stops, is not kept: what it was to make is asked for again (a copy still
 * missing is queued again by the next request for it).
 */
export function localQueue(workers: number, context: JobContext): JobQueue {
  const waiting: Waiting[] = [];
  /** The ids of the jobs under way. */
  const underWay: string[] = [];
  let running = 0;
  let stopped = false;
  let idle: (() => void) | undefined;

  const next = () => {
    while (!stopped && running < workers && waiting.length) {
      const { kind, data, id } = waiting.shift()!;
      running++;
      underWay.push(id);
      void JOB_KINDS[kind]
        .run(data as never, context)
        .catch((e: unknown) => unexpected(e, `job ${kind}`))
        .finally(() => {
          running--;
          underWay.splice(underWay.indexOf(id), 1);
          if (running === 0) idle?.();
          next();
        });
    }
  };

  return {
    async send(kind, data, key) {
      const id = `${kind}\n${key}`;
      if (stopped || waiting.some((w) => w.id === id) || underWay.includes(id)) return;
      waiting.push({ kind, data, id });
      next();
    },
    async stop() {
      stopped = true;
      waiting.length = 0;
      if (running) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}
