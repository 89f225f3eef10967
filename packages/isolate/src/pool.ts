import workerpool from 'workerpool';
import { CHILD_LIMITS, type ChildLimits } from './defaults.ts';
import { ResidentWatch } from './resident.ts';
import { STARTED } from './serve.mjs';

/** Why a task has no result: its child died, outgrew its memory, or ran past the time limit. */
export type Failure = 'crashed' | 'memory' | 'timeout';

/** A task's result, or why it has none. */
export type Outcome<R> = { result: R } | { failed: Failure };

export interface PoolOptions<R> {
  /** The child program: a JavaScript file that calls `serve` from `@tianbao/isolate/serve`. */
  script: string;
  /** Tasks run at once, each in a child process of its own (at least 1: one job runs in a child too). */
  jobs: number;
  /** What each child may use; the defaults are `CHILD_LIMITS`, with no time limit. */
  limits?: Partial<ChildLimits>;
  /** More options for node in each child, such as `--max-semi-space-size=4`. */
  nodeOptions?: readonly string[];
  /**
   * Pass on what the children write to stderr (a developer's diagnostics).
   * Off by default: what a child prints, V8's own last words included, is English and not for a user.
   */
  showStderr?: boolean;
  /** Called as each task ends, in the order they end; `done` counts them. */
  onResult?: (outcome: Outcome<R>, index: number, done: number) => void;
}

/** What V8 writes as it aborts a process out of heap. */
const OUT_OF_HEAP = /JavaScript heap out of memory|Allocation failed/;
/** How much of a child's stderr is kept to tell why it died. */
const STDERR_KEPT = 4096;

/**
 * Run `method` of the child program on every task (its one argument, which
 * must survive JSON), on `jobs` child processes at once. Outcomes come back
 * in the order of `tasks`; the same tasks give the same outcomes whatever
 * `jobs` is. A child is reused from task to task. A child that dies, outgrows
 * `residentMB` or runs past `timeMs` (killed then, not asked to stop) takes
 * only its current task with it, and is replaced; a task whose method throws
 * is `crashed` too. The parent never touches what the tasks are about.
 *
 * Each child runs with `--max-old-space-size=<heapMB>`; workerpool adds the
 * parent's own `--max-old-space-size`, if node was started with one, after it.
 *
 * Throws only when children cannot start at all (a fault of the installation).
 */
export async function runTasks<T, R>(method: string, tasks: readonly T[], opts: PoolOptions<R>): Promise<Outcome<R>[]> {
  if (tasks.length === 0) return [];
  const limits = { ...CHILD_LIMITS, ...opts.limits };
  const jobs = Math.max(1, Math.min(Math.floor(opts.jobs), tasks.length));
  const pool = workerpool.pool(opts.script, {
    workerType: 'process',
    maxWorkers: jobs,
    // Children's stdout and stderr come to the parent, never straight to the user's terminal.
    emitStdStreams: true,
    forkOpts: { execArgv: [`--max-old-space-size=${limits.heapMB}`, ...(opts.nodeOptions ?? [])] },
  });
  const resident = new ResidentWatch();

  /** Children that have started a task: one that starts another is not fresh, and holds what its earlier tasks left. */
  const used = new Set<number>();

  /** One task on whichever child is free, and whether that child was fresh; `undefined` when it failed before its child started it. */
  const attempt = (task: T): Promise<{ outcome: Outcome<R>; fresh: boolean } | undefined> =>
    new Promise((resolve) => {
      let pid: number | undefined;
      let fresh = false;
      let killed: Failure | undefined;
      let stderr = '';
      let timer: NodeJS.Timeout | undefined;
      let unwatch = () => {};
      const kill = (why: Failure) => {
        killed ??= why;
        try {
          process.kill(pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      const on = (event: { [STARTED]?: number; stderr?: string }) => {
        if (event[STARTED] !== undefined) {
          pid = event[STARTED];
          fresh = !used.has(pid);
          used.add(pid);
          unwatch = resident.watch(pid, limits.residentMB, () => kill('memory'));
          if (limits.timeMs !== undefined) timer = setTimeout(() => kill('timeout'), limits.timeMs);
        } else if (event.stderr !== undefined) {
          if (opts.showStderr) process.stderr.write(event.stderr);
          stderr = (stderr + event.stderr).slice(-STDERR_KEPT);
        }
      };
      const end = (outcome: Outcome<R> | undefined) => {
        clearTimeout(timer);
        unwatch();
        resolve(outcome && { outcome, fresh });
      };
      pool.exec(method, [task], { on }).then(
        // A result that came in as the child was being killed is still its result.
        (result: R) => end({ result }),
        () => end(pid === undefined ? undefined : { failed: killed ?? (OUT_OF_HEAP.test(stderr) ? 'memory' : 'crashed') }),
      );
    });

  /**
   * A task that fails before its child starts it has not run: it is given to
   * another child (this happens when it was handed to a child at the moment
   * that child was killed). Twice in a row, children cannot start.
   *
   * A reused child's resident memory holds what its earlier tasks left (garbage
   * not yet collected): a task that took it past the bound is run again in a
   * fresh child, and is over memory only there. Each retry kills a reused
   * child, so at most `jobs` are needed before a fresh one takes it.
   */
  const run = async (task: T): Promise<Outcome<R>> => {
    for (let retries = 0; ; retries++) {
      const tried = (await attempt(task)) ?? (await attempt(task));
      if (!tried) throw new Error(`child processes cannot start: ${opts.script}`);
      const { outcome, fresh } = tried;
      if (!('failed' in outcome) || outcome.failed !== 'memory' || fresh || retries >= jobs) return outcome;
    }
  };

  const outcomes: Outcome<R>[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  // `jobs` lanes, each handing the pool one task at a time, so that its own queue stays empty: workerpool
  // (10.0.3) leaves queued tasks waiting after a child dies, until another task is handed to it.
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      try {
        outcomes[index] = await run(tasks[index]!);
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
    resident.close();
    await pool.terminate();
  }
  return outcomes;
}
