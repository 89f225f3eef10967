import { availableParallelism } from 'node:os';
import type { CheckOptions, FileReport } from '@tianbao/validate';
import { progress } from './paint.ts';
import { UsageError } from './usage-error.ts';

/** Where worker threads import the forms from. */
const FORMS_MODULE = new URL('./forms.ts', import.meta.url).href;

/** Check a batch, on `jobs` threads (default: all cores for a batch large enough), with a progress bar on a terminal. */
export async function checkBatch(files: readonly string[], opts: CheckOptions, jobs: number | undefined): Promise<FileReport[]> {
  if (jobs !== undefined && !(jobs >= 1)) throw new UsageError(`--jobs 应为正整数，收到「${jobs}」`);
  const { checkFiles, defaultJobs } = await import('@tianbao/validate');
  const bar = progress(files.length);
  const reports = await checkFiles(files, opts, {
    jobs: jobs !== undefined ? Math.floor(jobs) : defaultJobs(files.length, availableParallelism()),
    formsModule: FORMS_MODULE,
    onReport: (r) => bar.tick(r.issues.filter((i) => i.severity === 'error').length),
  });
  bar.done();
  return reports;
}
