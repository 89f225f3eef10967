// The marked-up copy of a submission, as `tianbao validate --annotate` makes it: made by a job, in the child.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now, type Database } from '@tianbao/store';
import { checkAndAnnotateFiles, type Explanation } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { explanationsOf } from '../explanations.ts';
import { checkOptions, childFileName } from '../upload-check.ts';
import type { JobContext } from './kinds.ts';

/** A submission's copy as kept: the copy, or why there is none; for the explanations `made_for` names. */
export interface KeptCopy {
  made_for: string;
  bytes: Buffer | null;
  failure: string | null;
}

/** A submission's explanations as they now are, as its copy shows them. */
async function shownExplanations(db: Kysely<Database>, submission: string): Promise<Explanation[]> {
  return (await explanationsOf(db, submission)).map(({ cell, rule, message, text }) => ({ cell, rule, message, text }));
}

/** The explanations a copy shows, as one short text: a copy made for others is out of date. */
const madeFor = (explanations: readonly Explanation[]) => createHash('sha256').update(JSON.stringify(explanations)).digest('hex');

/** The copy kept for a submission, made for its explanations as they now are; else undefined (to be made). */
export async function currentCopy(db: Kysely<Database>, submission: string): Promise<KeptCopy | undefined> {
  const [kept, explanations] = await Promise.all([
    db.selectFrom('annotated_copies').select(['made_for', 'bytes', 'failure']).where('submission_id', '=', submission).executeTakeFirst(),
    shownExplanations(db, submission),
  ]);
  return kept?.made_for === madeFor(explanations) ? kept : undefined;
}

const UNREADABLE = '此文件无法读取，没有批注副本；请按检查结果改正后重新上传';

/**
 * Make the marked-up copy of a submission and keep it (over any older one): the file is written to a
 * folder of this process's naming, checked and marked up in the child program from one reading, and the
 * copy read back. A copy that cannot be made is kept as why, so that it is not tried again and again.
 */
export async function makeAnnotatedCopy({ submission }: { submission: string }, { db, checker, units }: JobContext): Promise<void> {
  const row = await db
    .selectFrom('submissions')
    .innerJoin('tasks', 'tasks.id', 'submissions.task_id')
    .select(['submissions.bytes', 'submissions.file_name', 'tasks.period'])
    .where('submissions.id', '=', submission)
    .executeTakeFirst();
  if (!row) return;
  const explanations = await shownExplanations(db, submission);
  const dir = await mkdtemp(join(tmpdir(), 'tianbao-copy-'));
  try {
    const file = join(dir, childFileName(row.file_name));
    const path = join(dir, 'copy.xlsx');
    await writeFile(file, row.bytes);
    // Checked again as the upload was, marked up from that reading, the explanations as comments.
    const options = checkOptions(row.period || null, row.file_name, units);
    const { copies } = await checkAndAnnotateFiles([file], [path], options, { ...checker, jobs: 1 }, [explanations]);
    const copy = copies[0];
    const made = copy && 'written' in copy ? { bytes: await readFile(copy.written), failure: null } : { bytes: null, failure: copy ? copy.failed : UNREADABLE };
    const values = { made_for: madeFor(explanations), ...made, made_at: now() };
    await db
      .insertInto('annotated_copies')
      .values({ submission_id: submission, ...values })
      .onConflict((c) => c.column('submission_id').doUpdateSet(values))
      .execute();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
