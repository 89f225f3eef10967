import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { formatPeriodCn, periodFromFileName, type Issue, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { ChildPool, memoryLimits } from '@tianbao/isolate';
import { checkFiles, summarize, type BatchOptions, type FileReport, type Report, type TaskOptions } from '@tianbao/validate';
import { SUBMISSION_RULES } from './submission-rules.ts';
import type { Task } from './tasks.ts';

/**
 * The child program that checks files (the CLI's `dist/child.js`, see `@tianbao/isolate/serve`), how it
 * runs, and the children of it kept to check uploads (see `checkerPool`); without them, each check starts
 * a child of its own.
 */
export type Checker = Pick<BatchOptions, 'script' | 'nodeOptions' | 'showStderr' | 'memoryMB' | 'pool'>;

/**
 * A child's checking is replaced after this many tasks, or when it holds more than this after one: a
 * child that has checked ledgers holds some 60–90 MB; one that has checked a list of 100,000 outfalls or
 * marked up its copy, hundreds.
 */
const RECYCLE = { tasks: 1000, residentMB: 300 };

/**
 * Children of `checker`'s program, one a core, started now and kept: a child takes a third to half a
 * second of processor time to start, longer than checking a ledger. Every upload waits in the pool's queue
 * for a free child, with its file on disk, and is checked there under the time limit and memory bound.
 */
export const checkerPool = (checker: Omit<Checker, 'pool'>) =>
  new ChildPool({
    script: checker.script,
    size: availableParallelism(),
    startNow: true,
    recycle: RECYCLE,
    ...(checker.memoryMB !== undefined && { limits: memoryLimits(checker.memoryMB) }),
    ...(checker.nodeOptions && { nodeOptions: checker.nodeOptions }),
    ...(checker.showStderr && { showStderr: true }),
  });

/** An upload's report: one entry of `files` in the validate JSON contract. */
export type UploadReport = Report['files'][number];

/** What the check made of an upload, as `status` counts it. */
export const verdictOf = (r: UploadReport) => (r.template === null ? 'unread' : r.valid ? 'valid' : 'invalid');

/**
 * The name the child reads an upload under: one of this process's making, with only the extension of the
 * name it came under (`upload.csv`), by which the checker says what a file that is no workbook is and what
 * to send instead. Nothing else of the user's name reaches a path.
 */
export function childFileName(fileName: string): string {
  const ext = extname(fileName).toLowerCase();
  return `upload${/^\.[a-z0-9]{1,10}$/.test(ext) ? ext : ''}`;
}

/** An upload written to a folder of this process's own, as it arrived: the file the child reads, its SHA-256 and size. */
export interface Received {
  dir: string;
  path: string;
  sha256: string;
  size: number;
}

/**
 * Write an upload to a new folder of its own as it streams in, hashing it on the way: the server holds
 * no more of it than a chunk at a time. The folder is gone again if the stream fails; else `discard` it.
 */
export async function receiveUpload(stream: Readable, fileName: string): Promise<Received> {
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-upload-'));
  const path = join(dir, childFileName(fileName));
  const hash = createHash('sha256');
  let size = 0;
  const tally = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, tally, createWriteStream(path));
  } catch (e) {
    await discard({ dir });
    throw e;
  }
  return { dir, path, sha256: hash.digest('hex'), size };
}

export const discard = ({ dir }: Pick<Received, 'dir'>) => rm(dir, { recursive: true, force: true });

/**
 * How an upload for a task of `period` is checked, and its marked-up copy made: the month in the name it
 * came under is told to the child (which sees a name of this process's making), last of its sources as a
 * file's name is; a workbook that says no month at all is taken for the task's.
 */
export function checkOptions(period: string | null, fileName: string, units: UnitList): TaskOptions {
  const month = period && (periodFromFileName(fileName) ?? period);
  return { units, keepData: false, ...(month && { period: month }) };
}

/**
 * Check the upload at `path` (see `receiveUpload`) for `unit` in `task`, in a child process: this process
 * never opens it. The report names the file as it was uploaded, and has an error for a workbook of another
 * unit, form or month than the task's; with `previous` (see `lastMonthOf`), it is compared with last month's.
 * With `keepData`, the data read too (what next month is compared with), apart from the report.
 */
export async function checkUpload(
  path: string,
  fileName: string,
  task: Task,
  unit: string,
  units: UnitList,
  checker: Checker,
  { previous, keepData = false }: { previous?: TaskOptions['previous']; keepData?: boolean } = {},
): Promise<{ report: UploadReport; data?: Record<string, unknown> }> {
  const [read] = await checkFiles([path], { ...checkOptions(task.period, fileName, units), keepData, ...(previous && { previous }) }, { ...checker, jobs: 1 });
  const checked = { ...read!, file: fileName };
  const issues = [...mismatches(checked, task, unit), ...checked.issues];
  const report = summarize([{ ...checked, issues, valid: !issues.some((i) => i.severity === 'error') }]).files[0]!;
  return { report, ...(read!.data && { data: read!.data }) };
}

/** The errors of a workbook that is not the one the task collects from `unit`. */
function mismatches(r: FileReport, task: Task, unit: string): Issue[] {
  const def = formById(task.form);
  const found = [];
  if (r.template !== null && r.template !== def.id)
    found.push(SUBMISSION_RULES.error('submission.form.mismatch', `此文件是「${formById(r.template).name}」，本任务收的是「${def.name}」。请下载本任务的空白表填报后上传`));
  else if (def.monthly && r.period && r.period !== task.period)
    found.push(
      SUBMISSION_RULES.error(
        'submission.period.mismatch',
        `此报表是${formatPeriodCn(r.period)}的，本任务收的是${formatPeriodCn(task.period!)}的${def.name}。请上传${formatPeriodCn(task.period!)}的报表，或改正“填报日期”`,
      ),
    );
  if (r.unit !== null && r.unit !== unit)
    found.push(SUBMISSION_RULES.error('submission.unit.mismatch', `此报表标题中的单位是「${r.unit}」，本账号报送的是「${unit}」。请上传${unit}的报表`));
  // About the whole file: no cell to point at.
  return found.map((f) => ({ severity: f.severity, rule: f.rule, sheet: null, cell: null, row: null, column: null, message: f.message, explained: false }));
}
