// A task's compilation, as `tianbao compile` makes it of the units' submissions: made by a job, kept.
import { createHash } from 'node:crypto';
import { Refusal, today, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { now, type Database } from '@tianbao/store';
import { compilation, withExplanations, type FileReport } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { explanationsOfTask } from '../explanations.ts';
import { asEarlier, earlierMonths, lastMonthsParts } from '../last-month.ts';
import { readAgain } from '../read-again.ts';
import { taskStatus, type TaskStatus } from '../task-status.ts';
import { taskOf, taskUnitList, type Task } from '../tasks.ts';
import type { JobContext } from './kinds.ts';

/** What a compilation is made of as of a day: each unit's submission as status counts it, what it is compared with, the answers. */
async function inputsOf(db: Kysely<Database>, task: Task, units: UnitList, asOf: string) {
  const status = await taskStatus(db, task, units, asOf);
  const explanations = await explanationsOfTask(db, task.id);
  const last = await earlierMonths(db, task, task.units, units);
  // A new upload, a new explanation, last month's changed, or another day (its 逾期 and its date): made again.
  const used = status.units.map((u) => [u.unit, u.submission, u.submission && (explanations.get(u.submission) ?? [])]);
  const madeFor = createHash('sha256').update(JSON.stringify({ asOf, used, last })).digest('hex');
  return { asOf, status, explanations, madeFor };
}

/**
 * The compilation kept for a task if it is made of its submissions as they now are, as of `asOf` (else
 * undefined: to be made), and what it is to be made of (`madeFor`, the key of the job that makes it).
 */
export async function currentCompilation(db: Kysely<Database>, task: Task, units: UnitList, asOf: string) {
  const [kept, { madeFor }] = await Promise.all([
    db.selectFrom('compilations').select(['made_for', 'xlsx', 'pdf', 'pdf_failure']).where('task_id', '=', task.id).executeTakeFirst(),
    inputsOf(db, task, units, asOf),
  ]);
  return { current: kept?.made_for === madeFor ? kept : undefined, madeFor };
}

/**
 * Compile a task's submissions and keep the workbook and the PDF (over any older ones): each unit's
 * accepted submission is read again in the child program for its data, compared with the unit's of last
 * month where there is one, as `tianbao compile --previous` does; a PDF past the form's limits is kept as why.
 * As of `asOf` (`?asOf=`), else today in the server's zone.
 */
export async function makeCompilation({ task: id, asOf: day }: { task: string; asOf?: string }, { db, checker, units }: JobContext): Promise<void> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return;
  const task = taskOf(row);
  const def = formById(task.form);
  const { asOf, status, explanations, madeFor } = await inputsOf(db, task, units, day ?? today());
  // Asked for again while it was being made: made already.
  const kept = await db.selectFrom('compilations').select('made_for').where('task_id', '=', task.id).executeTakeFirst();
  if (kept?.made_for === madeFor) return;
  const previous = await lastMonthsParts(db, task, task.units, units, checker);
  const accepted = status.units.filter((u) => u.state === 'valid').map((u) => u.submission!);
  const reports = await readAgain(db, accepted, {
    // As its uploads were checked: against the list, and the task's units gone from it since.
    units: taskUnitList(task, units),
    ...(task.period && { period: task.period }),
    asOf,
    ...(previous.length && { previous: previous.map((p) => asEarlier(task, p)) }),
  }, checker);
  const stored = await storedReports(db, status);
  const reportOf = (u: TaskStatus['units'][number]): FileReport | undefined => {
    const r = reports.get(u.submission!) ?? stored.get(u.submission!);
    return r && { ...r, issues: withExplanations(r.issues, explanations.get(u.submission!) ?? []) };
  };
  // Compared only where there is something to compare with: else no 销号说明 column.
  const made = compilation(def, status, reportOf, units, previous.length ? previous : undefined);
  const { writeCompiledWorkbook } = await import('@tianbao/xlsx');
  const { renderCompiledPdf } = await import('@tianbao/pdf');
  const xlsx = await writeCompiledWorkbook(def, made);
  const pdf = await renderCompiledPdf(def, made).then(
    (bytes) => ({ pdf: bytes, pdf_failure: null }),
    (e: unknown) => {
      if (e instanceof Refusal) return { pdf: null, pdf_failure: e.message };
      throw e;
    },
  );
  const values = { made_for: madeFor, xlsx, ...pdf, made_at: now() };
  await db
    .insertInto('compilations')
    .values({ task_id: task.id, ...values })
    .onConflict((c) => c.column('task_id').doUpdateSet(values))
    .execute();
}

/** The reports, as checked at upload, of the units' submissions not taken in: why each is left out. */
async function storedReports(db: Kysely<Database>, status: TaskStatus): Promise<Map<string, FileReport>> {
  const ids = status.units.filter((u) => u.state !== 'valid' && u.submission).map((u) => u.submission!);
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('submissions').select(['id', 'report']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.report!) as FileReport]));
}
