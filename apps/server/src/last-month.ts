// Last month's accepted submissions: what a ledger is compared with (对账销号), as `--previous` does it.
import type { CompiledPart, UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import type { Database } from '@tianbao/store';
import type { Kysely } from 'kysely';
import { readAgain } from './read-again.ts';
import { taskStatus } from './task-status.ts';
import { taskOf, taskUnitList, type Task } from './tasks.ts';
import type { Checker } from './upload-check.ts';

/** `2023-07` → `2023-06`. */
export function monthBefore(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A unit's accepted submission of last month: its latest upload there, valid, as that task's status counts it. */
export interface Accepted {
  unit: string;
  submission: string;
}

/**
 * The accepted submissions of `unitNames` in the task of the same form for the month before `task`'s (of
 * several, the one opened last); none for a form that is not monthly, or when there is no such task.
 */
export async function lastMonthsAccepted(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList): Promise<{ task: Task; accepted: Accepted[] } | null> {
  if (!task.period || !formById(task.form).monthly) return null;
  const row = await db.selectFrom('tasks').selectAll().where('form', '=', task.form).where('period', '=', monthBefore(task.period)).orderBy('created_at', 'desc').executeTakeFirst();
  if (!row) return null;
  const before = taskOf(row);
  const status = await taskStatus(db, { ...before, units: before.units.filter((u) => unitNames.includes(u)) }, units);
  const accepted = status.units.filter((u) => u.state === 'valid' && u.submission).map((u) => ({ unit: u.unit, submission: u.submission! }));
  return { task: before, accepted };
}

/** Last month's accepted submissions of `unitNames` (see `lastMonthsAccepted`), read again through the checker for their data. */
export async function lastMonthsParts(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList, checker: Checker): Promise<CompiledPart[]> {
  const last = await lastMonthsAccepted(db, task, unitNames, units);
  if (!last) return [];
  const reports = await readAgain(db, last.accepted.map((a) => a.submission), { units: taskUnitList(last.task, units), period: last.task.period! }, checker);
  return last.accepted.flatMap(({ unit, submission }) => {
    const r = reports.get(submission)!;
    // Valid when uploaded; one that cannot be read again now is not compared with.
    return r.valid && r.data ? [{ unit, file: submission, data: r.data, issues: r.issues }] : [];
  });
}

/** Last month's data of `unit`, as the checker compares a file with it (`TaskOptions.previous`); none when it has none. */
export async function lastMonthOf(db: Kysely<Database>, task: Task, unit: string, units: UnitList, checker: Checker): Promise<Record<string, Record<string, unknown>> | undefined> {
  const [part] = await lastMonthsParts(db, task, [unit], units, checker);
  return part && { [unit]: part.data };
}
