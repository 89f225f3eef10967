import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPeriodCn, periodFromFileName, type Issue, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { checkFiles, summarize, type BatchOptions, type FileReport, type Report } from '@tianbao/validate';
import { SUBMISSION_RULES } from './submission-rules.ts';
import type { Task } from './tasks.ts';

/** The child program that checks files (the CLI's `dist/child.js`, see `@tianbao/isolate/serve`), and how it runs. */
export type Checker = Pick<BatchOptions, 'script' | 'nodeOptions' | 'showStderr' | 'memoryMB'>;

/** An upload's report: one entry of `files` in the validate JSON contract. */
export type UploadReport = Report['files'][number];

/** What the check made of an upload, as `status` counts it. */
export const verdictOf = (r: UploadReport) => (r.template === null ? 'unread' : r.valid ? 'valid' : 'invalid');

/**
 * Check an upload for `unit` in `task`, in a child process: this process only writes the bytes to a file
 * of its own naming, which the child opens. The report names the file as it was uploaded, and has an
 * error for a workbook of another unit, form or month than the task's.
 */
export async function checkUpload(bytes: Buffer, fileName: string, task: Task, unit: string, units: UnitList, checker: Checker): Promise<UploadReport> {
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-upload-'));
  try {
    const file = join(dir, 'upload.xlsx');
    await writeFile(file, bytes);
    // The child sees a name of this process's making: the month in the name it came under is told to it, last
    // of its sources as a file's name is; a workbook that says no month at all is taken for the task's.
    const period = task.period && (periodFromFileName(fileName) ?? task.period);
    const [report] = await checkFiles([file], { units, keepData: false, ...(period && { period }) }, { ...checker, jobs: 1 });
    const checked = { ...report!, file: fileName };
    const issues = [...mismatches(checked, task, unit), ...checked.issues];
    return summarize([{ ...checked, issues, valid: !issues.some((i) => i.severity === 'error') }]).files[0]!;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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

