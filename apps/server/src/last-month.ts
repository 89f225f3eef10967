// The earlier months' accepted submissions: what a ledger is compared with (对账销号), as `--previous` does it.
import type { CompiledPart, UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import type { Database } from '@tianbao/store';
import { withExplanations, type Explanation } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { explanationsOf } from './explanations.ts';
import { readAgain } from './read-again.ts';
import { taskStatus } from './task-status.ts';
import { taskOf, taskUnitList, type Task } from './tasks.ts';
import type { Checker } from './upload-check.ts';

/** `2023-07` → `2023-06`. */
export function monthBefore(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** A unit's accepted submission of a month: its latest upload there, valid, as that task's status counts it, and the unit's explanations of it. */
export interface Accepted {
  unit: string;
  submission: string;
  explanations: Explanation[];
}

/** A month before the task's: its task, and the accepted submissions there. */
export interface EarlierMonth {
  task: Task;
  accepted: Accepted[];
}

/**
 * The months before `task`'s, oldest first, each with the accepted submissions of those of `unitNames` that
 * have one in every month from there on: walked back through the tasks of the same form (of several a
 * month, the one opened last) as long as some unit has. None for a form that is not monthly.
 */
export async function earlierMonths(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList): Promise<EarlierMonth[]> {
  if (!task.period || !formById(task.form).monthly) return [];
  const months: EarlierMonth[] = [];
  let still = [...unitNames];
  for (let period = monthBefore(task.period); still.length; period = monthBefore(period)) {
    const row = await db.selectFrom('tasks').selectAll().where('form', '=', task.form).where('period', '=', period).orderBy('created_at', 'desc').executeTakeFirst();
    if (!row) break;
    const before = taskOf(row);
    const status = await taskStatus(db, { ...before, units: before.units.filter((u) => still.includes(u)) }, units);
    const valid = status.units.filter((u) => u.state === 'valid' && u.submission);
    const accepted = await Promise.all(valid.map(async (u) => ({ unit: u.unit, submission: u.submission!, explanations: await explanationsOf(db, u.submission!) })));
    if (!accepted.length) break;
    months.unshift({ task: before, accepted });
    still = accepted.map((a) => a.unit);
  }
  return months;
}

/**
 * What `unitNames` are compared with: each one's accepted submission of last month, read again through the
 * checker for its data, oldest month first, each against the month before with the unit's explanations
 * (不见实效不予销号: a problem a month dropped without a word stays to be answered, see
 * `FormDefinition.compared`).
 */
export async function lastMonthsParts(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList, checker: Checker): Promise<CompiledPart[]> {
  const def = formById(task.form);
  let compared = new Map<string, CompiledPart>();
  for (const { task: month, accepted } of await earlierMonths(db, task, unitNames, units)) {
    const previous = Object.fromEntries(accepted.flatMap((a) => (compared.has(a.unit) ? [[a.unit, compared.get(a.unit)!.data]] : [])));
    const reports = await readAgain(db, accepted.map((a) => a.submission), { units: taskUnitList(month, units), period: month.period!, ...(accepted.some((a) => compared.has(a.unit)) && { previous }) }, checker);
    const next = new Map<string, CompiledPart>();
    for (const { unit, submission, explanations } of accepted) {
      const r = reports.get(submission)!;
      // Valid when uploaded; one that cannot be read again now is not compared with, nor is what it dropped.
      if (!r.valid || !r.data) continue;
      const issues = withExplanations(r.issues, explanations);
      next.set(unit, { unit, file: submission, data: def.compared?.(r.data, issues, compared.get(unit)?.data) ?? r.data, issues });
    }
    compared = next;
  }
  return [...compared.values()];
}

/** Last month's data of `unit`, as the checker compares a file with it (`TaskOptions.previous`); none when it has none. */
export async function lastMonthOf(db: Kysely<Database>, task: Task, unit: string, units: UnitList, checker: Checker): Promise<Record<string, Record<string, unknown>> | undefined> {
  const [part] = await lastMonthsParts(db, task, [unit], units, checker);
  return part && { [unit]: part.data };
}
