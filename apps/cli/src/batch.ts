import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEBUG_VARIABLE } from '@tianbao/form/light';
import { defaultJobs } from '@tianbao/isolate/defaults';
import type { ChildPool } from '@tianbao/isolate';
import type { BatchOptions, CopyOutcome, FileReport, TaskOptions } from '@tianbao/validate';
import { progress } from './paint.ts';
import { UsageError, received } from './usage-error.ts';

/** `--jobs` of a command doing `what` at once; the same result as one at a time, said by `same`. */
export const jobsSpec = (what: string, same: string) =>
  ({ alias: 'j', type: 'number', describe: `${what}（默认：文件多时用上全部 CPU 核，每核约 50 个文件起；最多为 CPU 核数）；${same}` }) as const;

/** `--jobs` of a command that checks files. */
export const CHECK_JOBS = jobsSpec('同时检查的文件数，每个文件在单独的进程中检查', '结果与 1 相同、顺序不变');

/**
 * `--jobs` as given, at most one a core; anything but a whole number from 1 up is a usage error.
 * More children than cores only share them: validate over 500 files on two cores took 27.8 s
 * and 1.2 GB with 64, 3.9 s with 2.
 */
export function jobsOption(jobs: number | undefined): number | undefined {
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError(`--jobs 应为正整数，${received(jobs, ['jobs', 'j'])}`);
  return jobs === undefined ? undefined : Math.min(jobs, availableParallelism());
}

/** `--jobs`, else all cores for a batch large enough (see `defaultJobs`). */
export function jobsFor(jobs: number | undefined, tasks: number): number {
  return jobsOption(jobs) ?? defaultJobs(tasks, availableParallelism());
}

/**
 * A checker child spends a quarter of its processor time on V8's optimising
 * compiler, on a background thread: a short life, and much of its code hot
 * only for one file. Inlining less (a fifth of V8's budget for a function's
 * inlined bytecode) compiled less at no loss in speed: a 100,000-row
 * checklist took 7% less processor time, 500 workbooks one after another 8% less.
 */
export const INLINE_LESS = '--max-inlined-bytecode-size-cumulative=200';

/**
 * A checker child does V8's work on its own thread (`--single-threaded`): the
 * optimising compiler and the collector's helpers, on threads of their own,
 * cost more processor time than they saved, each hand-over waking a thread.
 * Measured in turn, 14 runs each: a 100,000-row checklist took 10% less
 * processor time (6% with the collector alone on one thread, whose wall time
 * did not change), 500 ledgers 13% less wall time with one job and with two.
 * The one loss is a long list alone: some 0.15 s more wall time (1.65 s →
 * 1.8 s), its compiling no longer beside its reading.
 */
const CHECKER_THREADS = '--single-threaded';

/**
 * The CLI's child processes: the program built beside this module
 * (dist/child.js), with the CLI's own small young generation (see
 * bin/tianbao.js), `INLINE_LESS` and `CHECKER_THREADS`, their stderr shown only when TIANBAO_DEBUG=1.
 */
export function childProgram(): { script: string; nodeOptions: string[]; showStderr?: boolean } {
  return {
    script: fileURLToPath(new URL('./child.js', import.meta.url)),
    nodeOptions: ['--max-semi-space-size=4', INLINE_LESS, CHECKER_THREADS],
    ...(process.env[DEBUG_VARIABLE] === '1' && { showStderr: true }),
  };
}

/** `--jobs` and `--memory-limit`, as given; `pool`: children kept for the whole command (see `withChildren`). */
export interface BatchArgs {
  jobs?: number;
  memoryLimit?: number;
  pool?: ChildPool;
}

/** Checking `tasks` files on child processes, as `args` say. */
const childOptions = (tasks: number, args: BatchArgs): BatchOptions => ({
  ...childProgram(),
  jobs: jobsFor(args.jobs, tasks),
  ...(args.memoryLimit !== undefined && { memoryMB: args.memoryLimit }),
  ...(args.pool && { pool: args.pool }),
});

/** Check a batch, each file in a child process, `--jobs` at once, with a progress bar on a terminal. */
export async function checkBatch(files: readonly string[], opts: TaskOptions, args: BatchArgs): Promise<FileReport[]> {
  const [{ checkFiles }, { issueCounts }] = await Promise.all([import('@tianbao/validate/batch'), import('@tianbao/validate/report')]);
  const bar = progress(files.length);
  const reports = await checkFiles(files, opts, {
    ...childOptions(files.length, args),
    onReport: (r) => bar.tick(issueCounts(r).errors),
  });
  bar.done();
  return reports;
}

/** Check a batch as `checkBatch` does, marking up a copy of each file at its path in `paths` from the same reading of it. */
export async function checkAndAnnotateBatch(
  files: readonly string[],
  paths: readonly string[],
  opts: TaskOptions,
  args: BatchArgs,
): Promise<{ reports: FileReport[]; copies: CopyOutcome[] }> {
  const [{ checkAndAnnotateFiles }, { issueCounts }] = await Promise.all([import('@tianbao/validate/batch'), import('@tianbao/validate/report')]);
  const bar = progress(files.length);
  const done = await checkAndAnnotateFiles(files, paths, opts, {
    ...childOptions(files.length, args),
    onReport: (r) => bar.tick(issueCounts(r).errors),
  });
  bar.done();
  return done;
}
