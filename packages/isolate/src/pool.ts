import { Worker } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** Tasks run at once; 1 runs them one after the other in this thread, with `local`. */
  jobs: number;
  /** How this thread does one task. */
  local: (task: T) => Promise<R>;
  /**
   * The TypeScript module a worker thread runs (it calls `serve`), and what its
   * workers start with (`workerSetup`); both must survive a structured clone.
   */
  worker: { module: URL; setup: unknown };
  /** A task still running after `ms` has its worker stopped and replaced, and `timedOut` as its result. Default: no limit. */
  timeLimit?: { ms: number; timedOut: (task: T) => R };
  /** The result of a task whose worker died doing it. */
  crashed: (task: T, error: Error) => R;
  /** Called as each task is done, in the order they finish; `done` counts them. */
  onResult?: (result: R, index: number, done: number) => void;
}

const BOOT = new URL('./boot.mjs', import.meta.url);

/**
 * How many jobs suit a batch when the user names none: a thread takes about a
 * second to start, so each should have a few dozen tasks, and threads are
 * used from `fromCores` cores. Checking files on two cores, two threads were
 * measured no faster than one (each slows the other by some 40%), so checking
 * starts threads from three cores; making PDFs, two were 1.3–1.5× faster.
 */
export function defaultJobs(tasks: number, cores: number, fromCores = 3): number {
  if (cores < fromCores) return 1;
  return Math.max(1, Math.min(cores, Math.floor(tasks / 50)));
}

/**
 * Run tasks on `jobs` worker threads. The results come back in the order of
 * `tasks`, exactly as one job would give them. A worker stuck past the time
 * limit is stopped and replaced, which one thread alone cannot do; a worker
 * that dies takes only its current task with it.
 */
export async function runTasks<T, R>(tasks: readonly T[], opts: PoolOptions<T, R>): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let done = 0;
  const finish = (index: number, result: R) => {
    results[index] = result;
    opts.onResult?.(result, index, ++done);
  };
  const jobs = Math.max(1, Math.min(opts.jobs, tasks.length));
  if (jobs === 1) {
    for (const [index, task] of tasks.entries()) finish(index, await opts.local(task));
    return results;
  }

  const workerData = { module: opts.worker.module.href, setup: opts.worker.setup };
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(BOOT, { workerData });
      let current: number | undefined;
      let ready = false;
      let stopped = false;
      let failure: Error | undefined;
      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        stopped = true;
        clearTimeout(timer);
        return worker.terminate();
      };
      // Only while tasks are left to hand out is a lost worker worth replacing.
      const replace = () => (next < tasks.length ? runWorker().then(resolve, reject) : resolve());
      const give = () => {
        clearTimeout(timer);
        if (next >= tasks.length) return void stop().then(() => resolve());
        const index = (current = next++);
        worker.postMessage(tasks[index]);
        const limit = opts.timeLimit;
        if (!limit) return;
        timer = setTimeout(() => {
          // Stuck on this task: give it up, and carry on with a fresh worker.
          void stop();
          finish(index, limit.timedOut(tasks[index]!));
          replace();
        }, limit.ms);
      };
      worker.on('message', (msg: 'ready' | { result: R }) => {
        if (stopped) return;
        if (msg === 'ready') ready = true;
        else finish(current!, msg.result);
        give();
      });
      worker.on('error', (e) => (failure = e));
      worker.on('exit', (code) => {
        if (stopped) return;
        clearTimeout(timer);
        const error = failure ?? new Error(`worker thread exited with code ${code}`);
        // A worker that cannot start is a fault of the installation, not of a task.
        if (!ready) return reject(error);
        if (current !== undefined) finish(current, opts.crashed(tasks[current]!, error));
        replace();
      });
    });

  await Promise.all(Array.from({ length: jobs }, runWorker));
  return results;
}
