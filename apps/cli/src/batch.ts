import { availableParallelism } from 'node:os';
import { defaultJobs } from '@tianbao/isolate';
import type { CheckOptions, FileReport } from '@tianbao/validate';
import { progress } from './paint.ts';
import { UsageError } from './usage-error.ts';

/** Where worker threads import the forms from. */
const FORMS_MODULE = new URL('./forms.ts', import.meta.url).href;

/** `--jobs` as given; anything but a positive number is a usage error. */
export function jobsOption(jobs: number | undefined): number | undefined {
  if (jobs !== undefined && !(jobs >= 1)) throw new UsageError(`--jobs 应为正整数，收到「${jobs}」`);
  return jobs === undefined ? undefined : Math.floor(jobs);
}

/** `--jobs`, else all cores for a batch large enough, from `fromCores` cores (see `defaultJobs`). */
export function jobsFor(jobs: number | undefined, tasks: number, fromCores?: number): number {
  return jobsOption(jobs) ?? defaultJobs(tasks, availableParallelism(), fromCores);
}

/** Check a batch, on `jobs` threads, with a progress bar on a terminal. */
export async function checkBatch(files: readonly string[], opts: CheckOptions, jobs: number | undefined): Promise<FileReport[]> {
  const threads = jobsFor(jobs, files.length);
  const { checkFiles } = await import('@tianbao/validate');
  const bar = progress(files.length);
  const reports = await checkFiles(files, opts, {
    jobs: threads,
    formsModule: FORMS_MODULE,
    onReport: (r) => bar.tick(r.issues.filter((i) => i.severity === 'error').length),
  });
  bar.done();
  return reports;
}
