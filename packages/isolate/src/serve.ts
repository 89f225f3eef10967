import { parentPort, workerData } from 'node:worker_threads';

/** In a worker thread: what the pool was given to start its workers with (`worker.setup`). */
export function workerSetup<S>(): S {
  return (workerData as { setup: S }).setup;
}

/**
 * In a worker thread: do each task the pool hands over with `run`, one at a
 * time. Call it once the worker is ready; a task that throws ends the worker,
 * and the pool reports that task as crashed.
 */
export function serve<T, R>(run: (task: T) => Promise<R>): void {
  parentPort!.on('message', async (task: T) => {
    parentPort!.postMessage({ result: await run(task) });
  });
  parentPort!.postMessage('ready');
}
