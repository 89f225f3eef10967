import { runTasks } from '@tianbao/isolate';
import { checkFile, timedOut, unchecked, TIME_LIMIT_SECONDS, type CheckOptions, type FileReport } from './check.ts';
import type { WorkerSetup } from './worker.ts';


export interface BatchOptions {
  /** Files checked at once; 1 checks them one after the other in this thread. */
  jobs: number;
  /** A module exporting `forms`, for the worker threads to import (forms hold functions and cannot be sent). */
  formsModule: string;
  /** Called as each file is done, in the order they finish. */
  onReport?: (report: FileReport, done: number) => void;
}

/** Beyond its own time limit, how long a worker may stay silent before it is stopped. */
const GRACE_MS = 5000;

/**
 * Check many files on several threads. The reports come back in the order of
 * `files`, exactly as one job would give them. A file that makes its worker
 * overrun the time limit is stopped there (the worker is replaced), which one
 * thread alone cannot do.
 */
export function checkFiles(files: readonly string[], opts: CheckOptions, batch: BatchOptions): Promise<FileReport[]> {
  const { forms: _forms, ...options } = opts;
  const seconds = opts.timeLimit ?? TIME_LIMIT_SECONDS;
  const setup: WorkerSetup = { formsModule: batch.formsModule, options };
  return runTasks(files, {
    jobs: batch.jobs,
    local: (file) => checkFile(file, opts),
    worker: { module: new URL('./worker.ts', import.meta.url), setup },
    timeLimit: { ms: seconds * 1000 + GRACE_MS, timedOut: (file) => timedOut(file, seconds) },
    crashed: (file, e) => unchecked(file, 'file.unreadable', `检查此文件时出错：${e.message}`),
    onResult: (report, _index, done) => batch.onReport?.(report, done),
  });
}
