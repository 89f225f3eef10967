import { ChildPool, type Outcome } from './child-pool.ts';
import type { ChildLimits } from './defaults.ts';

export type { Failure, Outcome } from './child-pool.ts';

/** The child processes of one run: a pool of its own (`script`, `limits`, …), or a pool kept beyond it (`pool`). */
type Children =
  | {
      /** The child program: a JavaScript file that calls `serve` from `@tianbao/isolate/serve`. */
      script: string;
      /** What each child may use; the defaults are `CHILD_LIMITS`, with no time limit. */
      limits?: Partial<ChildLimits>;
      /** More options for node in each child, such as `--max-semi-space-size=4`. */
      nodeOptions?: readonly string[];
      /**
       * Pass on what the children write to stderr (a developer's diagnostics).
       * Off by default: what a child prints, V8's own last words included, is English and not for a user.
       */
      showStderr?: boolean;
      pool?: undefined;
    }
  | {
      /** A pool that outlives the run, its children shared with whatever else it is given (its memory limits apply). */
      pool: ChildPool;
      limits?: Pick<ChildLimits, 'timeMs'>;
    };

export type PoolOptions<R> = Children & {
  /** Tasks run at once, each in a child process of its own (at least 1: one job runs in a child too). */
  jobs: number;
  /** Called as each task ends, in the order they end; `done` counts them. */
  onResult?: (outcome: Outcome<R>, index: number, done: number) => void;
  /** Once aborted, no task starts: those running end, the rest have no outcome (holes at the end of the list). */
  stop?: AbortSignal;
};

/**
 * Run `method` of the child program on every task (its one argument, which
 * must survive JSON), on `jobs` child processes at once (see `ChildPool`).
 * Outcomes come back in the order of `tasks`; the same tasks give the same
 * outcomes whatever `jobs` is. A child is reused from task to task; one that
 * fails takes only its current task with it. The parent never touches what
 * the tasks are about. Tasks start in order, so that those `stop` keeps from
 * starting are the last ones.
 *
 * Throws only when children cannot start at all (a fault of the installation).
 */
export async function runTasks<T, R>(method: string, tasks: readonly T[], opts: PoolOptions<R>): Promise<Outcome<R>[]> {
  if (tasks.length === 0) return [];
  const jobs = Math.max(1, Math.min(Math.floor(opts.jobs), tasks.length));
  const pool =
    opts.pool ??
    new ChildPool({
      script: opts.script,
      size: jobs,
      ...(opts.limits && { limits: opts.limits }),
      ...(opts.nodeOptions && { nodeOptions: opts.nodeOptions }),
      ...(opts.showStderr && { showStderr: true }),
    });
  const outcomes: Outcome<R>[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  // `jobs` lanes, each handing the pool one task at a time.
  const lane = async () => {
    while (next < tasks.length && !opts.stop?.aborted) {
      const index = next++;
      try {
        outcomes[index] = await pool.run<T, R>(method, tasks[index]!, opts.limits?.timeMs);
      } catch (e) {
        next = tasks.length;
        throw e;
      }
      opts.onResult?.(outcomes[index], index, ++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    if (!opts.pool) await pool.close();
  }
  return outcomes;
}

/** How `runBatches` hands tasks over: up to `most` at a time, a task whose JSON is longer than `bytes` alone. */
export interface Batching {
  most: number;
  bytes: number;
}

/**
 * `runTasks` with tasks handed to a child a few at a time, in order: `method`
 * is given an array of tasks and gives their results in that order. A child
 * then goes from task to task without waiting for the parent, and may overlap
 * them. A batch is no larger than leaves each job a few of them (`jobs`
 * batches at least twice over), else the jobs would wait on one child's
 * last. A batch whose child fails (killed, past its memory or time) is run
 * again a task at a time, so that a fault still takes only its own task.
 * Outcomes, `onResult` and `stop` are by task, as with `runTasks`; a child
 * may stop a batch itself, giving fewer results than tasks: those after have
 * no outcome (holes), as those `stop` keeps from starting.
 */
export async function runBatches<T, R>(method: string, tasks: readonly T[], batching: Batching, opts: PoolOptions<R>): Promise<Outcome<R>[]> {
  const most = Math.max(1, Math.min(batching.most, Math.floor(tasks.length / (2 * Math.max(1, Math.floor(opts.jobs))))));
  const alone = tasks.map((task) => JSON.stringify(task).length > batching.bytes);
  const batches: number[][] = [];
  for (let i = 0; i < tasks.length; i++) {
    const last = batches.at(-1);
    if (last && last.length < most && !alone[i] && !alone[last[0]!]) last.push(i);
    else batches.push([i]);
  }
  const outcomes: Outcome<R>[] = new Array(tasks.length);
  let done = 0;
  const settle = (i: number, outcome: Outcome<R>) => {
    outcomes[i] = outcome;
    opts.onResult?.(outcome, i, ++done);
  };
  const again: number[][] = [];
  const run = (list: number[][]) =>
    runTasks<T[], R[]>(
      method,
      list.map((batch) => batch.map((i) => tasks[i]!)),
      {
        ...opts,
        onResult: (outcome, b) => {
          const batch = list[b]!;
          if ('result' in outcome) outcome.result.forEach((result, k) => settle(batch[k]!, { result }));
          else if (batch.length === 1) settle(batch[0]!, outcome);
          else again.push(...batch.map((i) => [i]));
        },
      },
    );
  await run(batches);
  if (again.length && !opts.stop?.aborted) await run(again);
  return outcomes;
}
