import { Worker } from 'node:worker_threads';
import { checkFile, timedOut, unchecked, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport } from './check.ts';
import type { Task, WorkerSetup } from './worker.ts';

export interface BatchOptions {
  /** Files checked at once; 1 checks them one after the other in this thread. */
  jobs: number;
  /** A module exporting `forms`, for the worker threads to import (forms hold functions and cannot be sent). */
  formsModule: string;
  /** Called as each file is done, in the order they finish. */
  onReport?: (report: FileReport, done: number) => void;
}

/**
 * How many jobs suit a batch when the user names none: a thread takes about a
 * second to start, so each should have a few dozen files to check. On two
 * cores, two threads were measured no faster than one (each slows the other
 * by some 40%), so threads start from three cores.
 */
export function defaultJobs(files: number, cores: number): number {
  if (cores < 3) return 1;
  return Math.max(1, Math.min(cores, Math.floor(files / 50)));
}
/** Beyond its own time limit, how long a worker may stay silent before it is stopped. */
const GRACE_MS = 5000;

/**
 * Check many files on several threads. The reports come back in the order of
 * `files`, exactly as one job would give them. A file that makes its worker
 * overrun the time limit is stopped there (the worker is replaced), which one
 * thread alone cannot do.
 */
export async function checkFiles(files: readonly string[], opts: CheckOptions, batch: BatchOptions): Promise<FileReport[]> {
  const jobs = Math.max(1, Math.min(batch.jobs, files.length));
  const reports: FileReport[] = new Array(files.length);
  let done = 0;
  const finish = (id: number, report: FileReport) => {
    reports[id] = report;
    batch.onReport?.(report, ++done);
  };
  if (jobs === 1) {
    for (const [id, file] of files.entries()) finish(id, await checkFile(file, opts));
    return reports;
  }

  const { forms: _forms, ...options } = opts;
  const setup: WorkerSetup = { formsModule: batch.formsModule, options };
  const limitMs = (opts.timeLimit ?? TIME_LIMIT_SECONDS) * 1000 + GRACE_MS;
  let next = 0;

  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: setup });
      let current: Task | undefined;
      let timer: NodeJS.Timeout | undefined;
      const give = () => {
        clearTimeout(timer);
        if (next >= files.length) {
          current = undefined;
          void worker.terminate().then(() => resolve());
          return;
        }
        current = { id: next, file: files[next++]! };
        worker.postMessage(current);
        timer = setTimeout(() => {
          // Stuck on this file: give it up, and carry on with a fresh worker.
          finish(current!.id, timedOut(current!.file, opts.timeLimit ?? TIME_LIMIT_SECONDS));
          current = undefined;
          void worker.terminate();
          runWorker().then(resolve, reject);
        }, limitMs);
      };
      let ready = false;
      worker.on('message', (msg: 'ready' | { id: number; report: FileReport }) => {
        if (msg === 'ready') ready = true;
        else finish(msg.id, msg.report);
        give();
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        // A worker that cannot start is a fault of the installation, not of a file.
        if (!ready) return reject(e);
        // A worker that dies takes only its current file with it.
        if (current) finish(current.id, unchecked(current.file, 'file.unreadable', `检查此文件时出错：${e.message}`));
        current = undefined;
        runWorker().then(resolve, reject);
      });
    });

  await Promise.all(Array.from({ length: jobs }, runWorker));
  return reports;
}
