// The earlier months' accepted submissions: what a ledger is compared with (对账销号), as `--previous` does it.
import { createHash } from 'node:crypto';
import { monthAfter, monthBefore, type CompiledPart, type FormDefinition, type Issue, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { now, type Database } from '@tianbao/store';
import { withExplanations, type EarlierReturn, type Explanation, type FileReport } from '@tianbao/validate';
import type { Kysely } from 'kysely';
import { explanationsOf } from './explanations.ts';
import { readAgain } from './read-again.ts';
import { taskStatus } from './task-status.ts';
import { taskOf, taskUnitList, type Task } from './tasks.ts';
import type { Checker } from './upload-check.ts';

/**
 * A unit's accepted submission of a month: its latest upload to its task of the month, valid, as that task's
 * status counts it, and the unit's explanations of it.
 */
export interface Accepted {
  task: Task;
  unit: string;
  submission: string;
  explanations: Explanation[];
}

/** A month before the task's, and the accepted submissions there. */
export interface EarlierMonth {
  period: string;
  accepted: Accepted[];
}

/**
 * The months before `task`'s, oldest first, each with the accepted submissions of those of `unitNames` that
 * have one in every month from there on: walked back, each unit in its task of the month of the same form
 * (a unit has one, `task_units`; a month may have several, for the units added), as long as some unit has
 * one. None for a form that is not monthly.
 */
export async function earlierMonths(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList): Promise<EarlierMonth[]> {
  if (!task.period || !formById(task.form).monthly) return [];
  const months: EarlierMonth[] = [];
  let still = [...unitNames];
  for (let period = monthBefore(task.period); still.length; period = monthBefore(period)) {
    const rows = await db
      .selectFrom('tasks')
      .selectAll('tasks')
      .where('id', 'in', (q) => q.selectFrom('task_units').select('task_id').where('form', '=', task.form).where('report', '=', period).where('unit', 'in', still))
      .orderBy('created_at')
      .execute();
    const accepted: Accepted[] = [];
    for (const before of rows.map(taskOf)) {
      const status = await taskStatus(db, { ...before, units: before.units.filter((u) => still.includes(u)) }, units);
      for (const u of status.units.filter((u) => u.state === 'valid' && u.submission))
        accepted.push({ task: before, unit: u.unit, submission: u.submission!, explanations: await explanationsOf(db, u.submission!) });
    }
    if (!accepted.length) break;
    months.unshift({ period, accepted });
    still = accepted.map((a) => a.unit);
  }
  return months;
}

/** A unit's compared ledger of a month (`FormDefinition.compared`), and what it was made of (`made_for`). */
interface Compared extends CompiledPart {
  madeFor: string;
}

/**
 * What a unit's compared ledger of a month is made of, as a digest: the form's version, the submission, the
 * unit's explanations of it, and what the month before's was made of (a later upload or explanation there
 * changes every month's after it).
 */
function madeFor(def: FormDefinition, { submission, explanations }: Pick<Accepted, 'submission' | 'explanations'>, before: string | undefined): string {
  const answers = explanations.map((e) => [e.cell, e.rule, e.message ?? null, e.text]);
  return createHash('sha256').update(JSON.stringify([def.id, def.version, submission, answers, before ?? null])).digest('hex');
}

/** Keep `part`, over any kept for its submission that was made of something else. */
async function keep(db: Kysely<Database>, part: Compared): Promise<void> {
  const values = { made_for: part.madeFor, data: JSON.stringify(part.data), issues: JSON.stringify(part.issues), made_at: now() };
  await db
    .insertInto('compared_ledgers')
    .values({ submission_id: part.file, ...values })
    .onConflict((c) => c.column('submission_id').doUpdateSet(values))
    .execute();
}

/**
 * What `unitNames` are compared with: each one's accepted submission of last month, as kept when it was
 * judged or explained; where none is kept for what it is now made of (older rows, or a change since), read
 * again through the checker for its data from the latest month kept on, oldest first, each against the month
 * before with the unit's explanations (不见实效不予销号: a problem a month dropped without a word stays to
 * be answered, see `FormDefinition.compared`), and kept.
 */
async function comparedParts(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList, checker: Checker): Promise<Compared[]> {
  const def = formById(task.form);
  const months = await earlierMonths(db, task, unitNames, units);
  const keys = new Map<string, string>();
  const before = new Map<string, string>();
  for (const { accepted } of months)
    for (const a of accepted) {
      keys.set(a.submission, madeFor(def, a, before.get(a.unit)));
      before.set(a.unit, keys.get(a.submission)!);
    }
  const rows = keys.size ? await db.selectFrom('compared_ledgers').selectAll().where('submission_id', 'in', [...keys.keys()]).execute() : [];
  const kept = new Map(rows.filter((r) => r.made_for === keys.get(r.submission_id)).map((r) => [r.submission_id, r]));
  // Each unit's latest month with its compared ledger kept: nothing before it is read.
  const from = new Map<string, number>();
  months.forEach(({ accepted }, i) => accepted.forEach((a) => kept.has(a.submission) && from.set(a.unit, i)));
  let compared = new Map<string, Compared>();
  for (const [i, { accepted }] of months.entries()) {
    const next = new Map<string, Compared>();
    for (const a of accepted.filter((a) => from.get(a.unit) === i)) {
      const row = kept.get(a.submission)!;
      next.set(a.unit, { unit: a.unit, file: a.submission, data: JSON.parse(row.data), issues: JSON.parse(row.issues), madeFor: row.made_for });
    }
    const unkept = accepted.filter((a) => (from.get(a.unit) ?? -1) < i);
    const reports = await readEach(db, unkept, compared, units, checker);
    for (const { unit, submission, explanations } of unkept) {
      const r = reports.get(submission)!;
      // Valid when uploaded; one that cannot be read again now is not compared with, nor is what it dropped.
      if (!r.valid || !r.data) continue;
      const issues = withExplanations(r.issues, explanations);
      const part = { unit, file: submission, data: def.compared?.(r.data, issues, compared.get(unit)?.data) ?? r.data, issues, madeFor: keys.get(submission)! };
      await keep(db, part);
      next.set(unit, part);
    }
    compared = next;
  }
  return [...compared.values()];
}

/**
 * The submissions of `accepted` read again, each task's together, each against its unit's compared ledger
 * of the month before in `compared`: the reports by submission id.
 */
async function readEach(db: Kysely<Database>, accepted: readonly Accepted[], compared: ReadonlyMap<string, CompiledPart>, units: UnitList, checker: Checker) {
  const reports = new Map<string, FileReport>();
  for (const task of new Set(accepted.map((a) => a.task))) {
    const its = accepted.filter((a) => a.task === task);
    const previous = its.flatMap((a) => (compared.has(a.unit) ? [asEarlier(task, compared.get(a.unit)!)] : []));
    const read = await readAgain(db, its.map((a) => a.submission), { units: taskUnitList(task, units), period: task.period!, ...(previous.length && { previous }) }, checker);
    for (const [id, r] of read) reports.set(id, r);
  }
  return reports;
}

/** `part`, the compared ledger of the month before `task`'s, as the checker takes it (`TaskOptions.previous`). */
export const asEarlier = (task: Task, part: CompiledPart): EarlierReturn => ({ form: task.form, unit: part.unit, period: monthBefore(task.period!), data: part.data });

/** What `unitNames` are compared with: each one's accepted submission of last month, its compared ledger (see `comparedParts`). */
export async function lastMonthsParts(db: Kysely<Database>, task: Task, unitNames: readonly string[], units: UnitList, checker: Checker): Promise<CompiledPart[]> {
  return (await comparedParts(db, task, unitNames, units, checker)).map(({ madeFor: _, ...part }) => part);
}

/** Last month of a unit as an upload is checked against it (`TaskOptions.previous`), and what that was made of. */
export interface LastMonth {
  previous?: EarlierReturn;
  madeFor?: string;
}

/** Last month's data of `unit`, as the checker compares a file with it; none when it has none. */
export async function lastMonthOf(db: Kysely<Database>, task: Task, unit: string, units: UnitList, checker: Checker): Promise<LastMonth> {
  const [part] = await comparedParts(db, task, [unit], units, checker);
  return part ? { previous: asEarlier(task, part), madeFor: part.madeFor } : {};
}

/**
 * Keep what next month compares `submission` of `unit` with, judged valid just now against `last` with
 * `data` and `issues` (none explained yet): the next upload reads it rather than this file again.
 */
export async function keepJudged(db: Kysely<Database>, task: Task, unit: string, submission: string, data: Record<string, unknown>, issues: readonly Issue[], last: LastMonth): Promise<void> {
  const def = formById(task.form);
  await keep(db, { unit, file: submission, data: def.compared?.(data as never, issues, last.previous?.data) ?? data, issues, madeFor: madeFor(def, { submission, explanations: [] }, last.madeFor) });
}

/**
 * Make again what next month compares `unit`'s submission of `task`'s month with, once the unit explained
 * warnings of it (its answers change what is asked again next month): as the next month's upload would.
 */
export async function refreshCompared(db: Kysely<Database>, task: Task, unit: string, units: UnitList, checker: Checker): Promise<void> {
  if (task.period && formById(task.form).monthly) await comparedParts(db, { ...task, period: monthAfter(task.period) }, [unit], units, checker);
}
