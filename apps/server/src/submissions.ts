import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { TIME_LIMIT_SECONDS } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import pLimit from 'p-limit';
import { HttpRefusal } from './errors.ts';
import { keepJudged, lastMonthOf } from './last-month.ts';
import { now, type Database, type SubmissionRow, type Account } from '@tianbao/store';
import { taskUnitList, type Task } from './tasks.ts';
import type { JobQueue } from './jobs/queue.ts';
import { checkUpload, verdictOf, type Checker, type Received, type UploadReport } from './upload-check.ts';

/** An upload as it arrived: the name it came under (only ever shown), and the file it was received into. */
export interface Upload {
  fileName: string;
  received: Received;
}

/** The unit an account reports for: a clerk's unit; the city's office the city, where a form is the city's own to report. */
export const ownUnit = (account: Account, city: string): string | null => account.unit ?? (account.role === 'city' ? city : null);

/**
 * The unit `account` uploads for in `task`: a unit's clerk its unit; the city's office the city, for a form
 * the city itself reports and a task it reports in. Anyone else is refused with 403.
 */
export function uploaderUnit(account: Account, task: Task, units: UnitList): string {
  if (account.role === 'unit') return account.unit!;
  const def = formById(task.form);
  const city = units.city.name;
  if (account.role === 'city' && def.cityReports && task.units.includes(city)) return city;
  if (account.role === 'city' && def.cityReports)
    throw new HttpRefusal(403, 'submission.city.not-in-task', `本任务的报送单位中没有${city}，市里不在此任务中上传。需要市里报送的，请新建含${city}的任务`);
  if (account.role === 'city')
    throw new HttpRefusal(403, 'submission.city.not-reporter', `${def.name}由各县区报送，${city}不报送此表：请由县区的账号上传`);
  throw new HttpRefusal(403, 'auth.forbidden', '只有单位账号和市里的账号可以上传报表');
}

/**
 * Uploads written to the database at once: each holds its bytes while they are written (the PostgreSQL
 * driver, about three times over while it sends them); more wait their turn on disk, so that many large
 * uploads together cannot exhaust the memory. Their checks wait in the checker's pool.
 */
const inTurn = pLimit(availableParallelism());

/** Write an upload's row, its bytes read from the file it was received into: they are held only while this runs. */
function store(db: Kysely<Database>, id: string, task: Task, unit: string, account: Account, { fileName, received }: Upload): Promise<unknown> {
  return inTurn(async () =>
    db
      .insertInto('submissions')
      .values({
        id,
        task_id: task.id,
        unit,
        user_id: account.id,
        file_name: fileName,
        bytes: await readFile(received.path),
        sha256: received.sha256,
        size: received.size,
        received_at: now(),
        verdict: null,
        report: null,
      })
      .execute(),
  );
}

/**
 * Keep an upload of `account` for `unit` to `task`, then judge it: the row is written before the check, so
 * that an upload is kept whatever becomes of its check, and only its verdict and report are filled in after.
 * The check waits for a free child in the checker's pool, with the upload on disk.
 */
export async function submit(db: Kysely<Database>, task: Task, account: Account, unit: string, upload: Upload, units: UnitList, checker: Checker) {
  const id = randomUUID();
  await store(db, id, task, unit, account, upload);
  await judge(db, id, upload.received.path, upload.fileName, task, unit, units, checker);
  return id;
}

/**
 * Check submission `id`, its file at `path`, as an upload is checked, and fill in its verdict and report
 * unless they are already: judged twice (at upload and by a job, see `judgeUnjudged`), it is judged once.
 */
export async function judge(db: Kysely<Database>, id: string, path: string, fileName: string, task: Task, unit: string, units: UnitList, checker: Checker): Promise<void> {
  const last = await lastMonthOf(db, task, unit, units, checker);
  // A monthly form's data is what next month is compared with: kept once valid (a list of 100,000 rows is not monthly).
  const keepData = !!task.period && formById(task.form).monthly;
  const { report, data } = await checkUpload(path, fileName, task, unit, taskUnitList(task, units), checker, { ...(last.previous && { previous: [last.previous] }), keepData });
  await db.updateTable('submissions').set({ verdict: verdictOf(report), report: JSON.stringify(report) }).where('id', '=', id).where('report', 'is', null).execute();
  if (report.valid && data) await keepJudged(db, task, unit, id, data, report.issues, last);
}

/**
 * A submission still unjudged this long after it was received was being checked by a process that is
 * gone: last month's read again and the check, each within the time limit, and a minute's margin.
 */
const STUCK_MS = (2 * TIME_LIMIT_SECONDS + 60) * 1000;

/** Queue the judging of a submission, one job per submission (see `judgeSubmission`). */
const queueJudging = (jobs: JobQueue, submission: string) => jobs.send('judgement', { submission }, submission);

/** Queue the judging of every submission not judged yet: kept, its check lost with the process that ran it. */
export async function judgeUnjudged(db: Kysely<Database>, jobs: JobQueue): Promise<void> {
  const rows = await db.selectFrom('submissions').select('id').where('report', 'is', null).execute();
  for (const { id } of rows) await queueJudging(jobs, id);
}

/** Queue the judging of `row` when it is unjudged for longer than a check can take. */
export async function judgeIfStuck(jobs: JobQueue, row: Pick<SubmissionRow, 'id' | 'report' | 'received_at'>): Promise<void> {
  if (row.report === null && Date.now() - Date.parse(row.received_at) > STUCK_MS) await queueJudging(jobs, row.id);
}

/**
 * A submission `account` may see (city and admin every one, a unit its own unit's), without its bytes unless asked; else 404.
 */
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

/** The id of a unit's latest upload to a task: its submission, the one explained and counted (status orders them so). */
export async function latestUpload(db: Kysely<Database>, taskId: string, unit: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('submissions')
    .select('id')
    .where('task_id', '=', taskId)
    .where('unit', '=', unit)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id;
}

/** A submission's report as checked, without explanations (see `shownReport`); null until it is judged. */
export const reportOf = (row: Pick<SubmissionRow, 'report'>) => (row.report === null ? null : (JSON.parse(row.report) as UploadReport));
