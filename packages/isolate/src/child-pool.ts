import workerpool from 'workerpool';
import { CHILD_LIMITS, type ChildLimits } from './defaults.ts';
import { ResidentWatch } from './resident.ts';
import { FINISHED, STARTED } from './serve.mjs';
import { internalsOf, type PoolInternals } from './workerpool-internals.ts';

/** Why a task has no result: its child died, outgrew its memory, or ran past the time limit. */
export type Failure = 'crashed' | 'memory' | 'timeout';

/** A task's result, or why it has none. */
export type Outcome<R> = { result: R } | { failed: Failure };

export interface ChildPoolOptions {
  /** The child program: a JavaScript file that calls `serve` from `@tianbao/isolate/serve`. */
  script: string;
  /** Child processes, each doing one task at a time; tasks given while all are busy wait in the pool's queue, first come first served. */
  size: number;
  /** What each child may use; the defaults are `CHILD_LIMITS`. A task's time limit is given with the task. */
  limits?: Partial<Pick<ChildLimits, 'heapMB' | 'residentMB'>>;
  /** More options for node in each child, such as `--max-semi-space-size=4`. */
  nodeOptions?: readonly string[];
  /**
   * Pass on what the children write to stderr (a developer's diagnostics).
   * Off by default: what a child prints, V8's own last words included, is English and not for a user.
   */
  showStderr?: boolean;
  /**
   * Start children now, rather than as tasks come: every one (`true`), or this many. A pool kept for a long
   * time pays their start-up before the first task; a run starts one while it still reads its input.
   */
  startNow?: boolean | number;
  /**
   * Replace a child, once its task is done, after it has done `tasks` tasks or when it then holds more than
   * `residentMB` (what its tasks left behind, garbage not yet collected or memory V8 keeps); default never.
   */
  recycle?: { tasks?: number; residentMB?: number };
}

/** What V8 writes as it aborts a process out of heap. */
const OUT_OF_HEAP = /JavaScript heap out of memory|Allocation failed/;
/** How much of a child's stderr is kept to tell why it died. */
const STDERR_KEPT = 4096;

/**
 * Child processes that do tasks, kept from task to task: `run` gives one task to whichever child is free,
 * or queues it until one is. A child that dies, outgrows `residentMB` or runs past a task's time limit
 * (killed then, not asked to stop) takes only its current task with it, and is replaced; a task whose
 * method throws is `crashed` too, and its child lives on. The parent never touches what the tasks are about.
 *
 * Each child runs with `--max-old-space-size=<heapMB>`; workerpool adds the parent's own
 * `--max-old-space-size`, if node was started with one, after it.
 */
/** The waits before each try at a task whose child was gone before it started it (see `attemptUntilStarted`). */
const START_WAITS_MS = [0, 0, 250, 500, 1000];

export class ChildPool {
  readonly limits: Pick<ChildLimits, 'heapMB' | 'residentMB'>;
  private readonly pool: workerpool.Pool;
  private readonly internals: PoolInternals;
  private readonly resident = new ResidentWatch();
  /** Tasks each child has started: one that starts another is not fresh, and holds what its earlier tasks left. */
  private readonly started = new Map<number, number>();
  /** The children's preparation (see `prepare`), which tasks wait for. */
  private preparing: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: ChildPoolOptions) {
    this.limits = { heapMB: opts.limits?.heapMB ?? CHILD_LIMITS.heapMB, residentMB: opts.limits?.residentMB ?? CHILD_LIMITS.residentMB };
    this.pool = workerpool.pool(opts.script, {
      workerType: 'process',
      maxWorkers: opts.size,
      ...(opts.startNow && { minWorkers: opts.startNow === true ? ('max' as const) : opts.startNow }),
      // Children's stdout and stderr come to the parent, never straight to the user's terminal.
      emitStdStreams: true,
      forkOpts: { execArgv: [`--max-old-space-size=${this.limits.heapMB}`, ...(opts.nodeOptions ?? [])] },
    });
    this.internals = internalsOf(this.pool);
  }

  /**
   * Run `method` of the child program on `task` (which must survive JSON), timed from when its child
   * starts it: a task that waited in the queue has all of `timeMs`. A task that took a reused child past
   * `residentMB` (what its earlier tasks left adds to its own) is run again in a fresh child, and is over
   * memory only there. Throws only when children cannot start at all (a fault of the installation).
   */
  async run<T, R>(method: string, task: T, timeMs?: number): Promise<Outcome<R>> {
    await this.preparing;
    for (let retries = 0; ; retries++) {
      const tried = await this.attemptUntilStarted<T, R>(method, task, timeMs);
      if (!tried) throw new Error(`child processes cannot start: ${this.opts.script}`);
      const { outcome, fresh } = tried;
      // Each retry kills a reused child, so at most `size` are needed before a fresh one takes it.
      if (!('failed' in outcome) || outcome.failed !== 'memory' || fresh || retries >= this.opts.size) return outcome;
    }
  }

  /**
   * A task that fails before its child starts it has not run (it was handed to a child as that child was
   * being killed): it is given to another, and, while the children killed are being replaced (a third of a
   * second each), again a little later. Failing for a second or two, children cannot start.
   */
  private async attemptUntilStarted<T, R>(method: string, task: T, timeMs?: number) {
    for (const waitMs of START_WAITS_MS) {
      if (waitMs) await new Promise((resolve) => setTimeout(resolve, waitMs));
      const tried = await this.attempt<T, R>(method, task, timeMs);
      if (tried) return tried;
    }
    return undefined;
  }

  /**
   * Have each child started now (see `startNow`) do `method` on `task` ahead of the tasks proper, such as
   * loading what they need: untimed and unwatched, its outcome unheard (a child that fails at it fails at
   * its first task too, and says why there). Tasks wait for it, so that they go to children it prepared
   * rather than start others.
   */
  prepare(method: string, task: unknown): void {
    const { startNow = 0, size } = this.opts;
    const children = startNow === true ? size : Number(startNow);
    this.preparing = Promise.all(Array.from({ length: children }, () => this.pool.exec(method, [task]).catch(() => undefined)));
  }

  /** Stop every child, once its task (if any) is done; with `now`, killed at once, its task left undone. */
  async close(now = false): Promise<void> {
    this.resident.close();
    // workerpool asks a child to stop: one still starting would first load its whole program.
    if (now) for (const handler of this.internals.workers) handler.worker?.kill('SIGKILL');
    // A child that never started is waited for a while only: workerpool waits for it to exit again.
    await this.pool.terminate(now, 2000).catch(() => undefined);
  }

  /** One task on whichever child is free, and whether that child was fresh; `undefined` when it failed before its child started it. */
  private attempt<T, R>(method: string, task: T, timeMs?: number): Promise<{ outcome: Outcome<R>; fresh: boolean } | undefined> {
    return new Promise((resolve) => {
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
      const on = (event: { [STARTED]?: number; [FINISHED]?: number; stderr?: string }) => {
        if (event[STARTED] !== undefined) {
          pid = event[STARTED];
          const before = this.started.get(pid) ?? 0;
          fresh = before === 0;
          this.started.set(pid, before + 1);
          unwatch = this.resident.watch(pid, this.limits.residentMB, () => kill('memory'));
          if (timeMs !== undefined) timer = setTimeout(() => kill('timeout'), timeMs);
        } else if (event[FINISHED] !== undefined) {
          const { tasks = Infinity, residentMB = Infinity } = this.opts.recycle ?? {};
          if (this.started.get(pid!)! >= tasks || event[FINISHED] > residentMB * 1024 * 1024) this.retire(pid!);
        } else if (event.stderr !== undefined) {
          if (this.opts.showStderr) process.stderr.write(event.stderr);
          stderr = (stderr + event.stderr).slice(-STDERR_KEPT);
        }
      };
      const end = (outcome: Outcome<R> | undefined) => {
        clearTimeout(timer);
        unwatch();
        resolve(outcome && { outcome, fresh });
      };
      this.pool.exec(method, [task], { on }).then(
        // A result that came in as the child was being killed is still its result.
        (result: R) => end({ result }),
        (e: unknown) => {
          // A method that threw leaves its child serving; a child that died has been replaced by workerpool (its
          // own handlers ran before these, or run as this one returns), which is handed what waits.
          if (e instanceof workerpool.TerminateError) {
            if (pid !== undefined) this.started.delete(pid);
            setImmediate(() => this.internals._next());
          }
          end(pid === undefined ? undefined : { failed: killed ?? (OUT_OF_HEAP.test(stderr) ? 'memory' : 'crashed') });
        },
      );
    });
  }

  /**
   * Take child `pid`, whose task is ending, out of the pool: it gets no more tasks, exits once its result
   * is in, and a fresh child takes its place.
   */
  private retire(pid: number): void {
    const handler = this.internals.workers.find((h) => h.worker?.pid === pid);
    if (!handler) return;
    this.internals._removeWorkerFromList(handler);
    this.started.delete(pid);
    handler.terminate(false, () => {
      this.internals._ensureMinWorkers();
      this.internals._next();
    });
  }
}
