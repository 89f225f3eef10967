// The judging of a submission kept but never judged (its check lost with the process that ran it): made by a job.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge } from '../submissions.ts';
import { taskOf } from '../tasks.ts';
import { childFileName } from '../upload-check.ts';
import type { JobContext } from './kinds.ts';

/**
 * Judge a stored submission from its bytes as it was to be judged at upload: its file written to a folder
 * of this process's naming under the name the child reads it by, checked there with the same options.
 * One judged meanwhile (its upload's own check finished after all) is left as it is.
 */
export async function judgeSubmission({ submission }: { submission: string }, { db, checker, units }: JobContext): Promise<void> {
  const row = await db
    .selectFrom('submissions')
    .select(['bytes', 'file_name', 'unit', 'task_id'])
    .where('id', '=', submission)
    .where('report', 'is', null)
    .executeTakeFirst();
  if (!row) return;
  const task = taskOf(await db.selectFrom('tasks').selectAll().where('id', '=', row.task_id).executeTakeFirstOrThrow());
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-judge-'));
  try {
    const path = join(dir, childFileName(row.file_name));
    await writeFile(path, row.bytes);
    await judge(db, submission, path, row.file_name, task, row.unit, units, checker);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
