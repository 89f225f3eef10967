import { createHash, randomUUID } from 'node:crypto';
import type { UnitList } from '@tianbao/form';
import type { Kysely } from 'kysely';
import { HttpRefusal } from './errors.ts';
import { now, type Database, type SubmissionRow, type Account } from '@tianbao/store';
import type { Task } from './tasks.ts';
import { checkUpload, verdictOf, type Checker, type UploadReport } from './upload-check.ts';

/** An upload as it arrived. */
export interface Upload {
  fileName: string;
  bytes: Buffer;
}

/**
 * Keep an upload of `account`'s unit to `task`, then judge it: the row is written before the check, so that
 * an upload is kept whatever becomes of its check, and only its verdict and report are filled in after.
 */
export async function submit(db: Kysely<Database>, task: Task, account: Account, upload: Upload, units: UnitList, checker: Checker) {
  const unit = account.unit!;
  const id = randomUUID();
  await db
    .insertInto('submissions')
    .values({
      id,
      task_id: task.id,
      unit,
      user_id: account.id,
      file_name: upload.fileName,
      bytes: upload.bytes,
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      size: upload.bytes.length,
      received_at: now(),
      verdict: null,
      report: null,
    })
    .execute();
  const report = await checkUpload(upload.bytes, upload.fileName, task, unit, units, checker);
  await db.updateTable('submissions').set({ verdict: verdictOf(report), report: JSON.stringify(report) }).where('id', '=', id).execute();
  return { submission: id, report };
}

/** A submission `account` may see (city and admin every one, a unit its own unit's), without its bytes unless asked; else 404. */
export async function findSubmission<B extends boolean = false>(
  db: Kysely<Database>,
  id: string,
  account: Account,
  withBytes?: B,
): Promise<B extends true ? SubmissionRow : Omit<SubmissionRow, 'bytes'>> {
  const columns = ['id', 'task_id', 'unit', 'user_id', 'file_name', 'sha256', 'size', 'received_at', 'verdict', 'report'] as const;
  const row = await db
    .selectFrom('submissions')
    .select(withBytes ? [...columns, 'bytes'] : [...columns])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || (account.role === 'unit' && row.unit !== account.unit)) throw new HttpRefusal(404, 'submission.not-found', '没有这份报送，或本账号无权查看');
  return row as never;
}

/** A submission's report; null until it is judged. */
export const reportOf = (row: Pick<SubmissionRow, 'report'>): UploadReport | null => (row.report === null ? null : (JSON.parse(row.report) as UploadReport));
