import { randomUUID } from 'node:crypto';
import { IsoDate, Period, Refusal, findReporter, formatDateCn, formatPeriodCn, reporterNames, type FormDefinition, type UnitList } from '@tianbao/form';
import * as z from 'zod';
import { formById } from '@tianbao/forms';
import type { Kysely } from 'kysely';
import { HttpRefusal } from './errors.ts';
import { refusedAs, routeSchema } from './schemas.ts';
import { isUniqueViolation, now, type Database, type TaskRow, type Account } from '@tianbao/store';

/** A collection as the API shows it. */
export const Task = z.object({
  id: z.string(),
  form: z.string(),
  /** `YYYY-MM` for a monthly form, else null. */
  period: z.string().nullable(),
  due: z.string(),
  units: z.array(z.string()),
  createdAt: z.string(),
});
export type Task = z.infer<typeof Task>;
export const TASK_SCHEMA = routeSchema(Task, 'output');

/** What `POST /api/tasks` takes: each field judged by `createTask`, to say what is wrong in Chinese. */
const UNITS_INVALID = refusedAs('task.units.invalid', '「units」应是单位名称的列表，如 ["修武县", "温县"]；不填则为全部单位');
export const NewTask = z.object({
  form: z.string().min(1).max(100),
  period: z.string().max(20).nullish(),
  due: z.string().max(20),
  units: z.array(z.string(UNITS_INVALID).min(1).max(200), UNITS_INVALID).max(1000).optional(),
});
export type NewTask = z.infer<typeof NewTask>;

/** The years a task's month and due day may fall in: a year like 0000 or 9999 is a slip of the keyboard. */
const YEARS = { first: 2000, last: 2099 };
const inYears = (date: string) => Number(date.slice(0, 4)) >= YEARS.first && Number(date.slice(0, 4)) <= YEARS.last;

export const taskOf = (row: TaskRow): Task => ({
  id: row.id,
  form: row.form,
  period: row.period || null,
  due: row.due,
  units: JSON.parse(row.units) as string[],
  createdAt: row.created_at,
});

const invalid = (rule: string, message: string) => new HttpRefusal(400, rule, message);

/**
 * Open a collection: a form of the registry, its month when it is monthly (and none when not), the last
 * day, and who reports (by name or alias; default every unit of the list). Each mistake is a 400 in Chinese.
 */
export async function createTask(db: Kysely<Database>, given: NewTask, units: UnitList, by: Account): Promise<Task> {
  let def: FormDefinition<any>;
  try {
    def = formById(given.form);
  } catch (e) {
    throw e instanceof Refusal ? invalid(e.rule, e.message) : e;
  }
  // A form that is not monthly takes no period: null or left out; any text, an empty one too, is refused.
  if (!def.monthly && typeof given.period === 'string') throw invalid('task.period.not-monthly', `${def.name}不按月报送，请去掉月份（period）`);
  if (def.monthly && !given.period) throw invalid('task.period.missing', `${def.name}按月报送，请写明所报月份（period），如 2023-06`);
  const years = `${YEARS.first}—${YEARS.last} 年间`;
  if (given.period && !(Period.safeParse(given.period).success && inYears(given.period)))
    throw invalid('task.period.invalid', `月份「${given.period}」应是${years}的月份，写作 YYYY-MM，如 2023-06`);
  if (!(IsoDate.safeParse(given.due).success && inYears(given.due)))
    throw invalid('task.due.invalid', `截止日期「${given.due}」应是${years}的有效日期，写作 YYYY-MM-DD，如 2023-06-28`);
  // A month's report is due in that month or after it, never before it begins.
  if (given.period && given.due < `${given.period}-01`)
    throw invalid('task.due.before-period', `截止日期「${given.due}」在所报月份（${given.period}）开始之前，请改为该月或以后的日期`);
  // By default every unit of the list, and the city first where it reports the form itself.
  const named = given.units ?? [...(def.cityReports ? [units.city.name] : []), ...units.units.map((u) => u.name)];
  const reporters = named.map((name) => {
    const unit = findReporter(units, name, def.cityReports);
    if (!unit) throw invalid('task.unit.unknown', `单位「${name}」不报送${def.name}，可填的单位：${reporterNames(units, def.cityReports)}`);
    return unit.name;
  });
  if (reporters.length === 0) throw invalid('task.units.empty', '报送单位（units）中至少要有一个单位；不填则为全部单位');
  const taken = [...new Set(reporters)];
  await refuseDuplicate(db, def, given.period ?? '', given.due, taken);
  const row: TaskRow = {
    id: randomUUID(),
    form: def.id,
    period: given.period ?? '',
    due: given.due,
    units: JSON.stringify(taken),
    created_by: by.id,
    created_at: now(),
  };
  try {
    // Each unit's row is unique for the report: of two tasks sent at once, the second to be written is refused here.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tasks').values(row).execute();
      await trx
        .insertInto('task_units')
        .values(taken.map((unit) => ({ task_id: row.id, form: row.form, report: row.period || row.due, unit })))
        .execute();
    });
  } catch (e) {
    if (isUniqueViolation(e)) await refuseDuplicate(db, def, row.period, row.due, taken);
    throw e;
  }
  return taskOf(row);
}

/**
 * Refuse with 409 a task that would give a unit a second task for the same report: one of the same form and
 * month (for a form not monthly, of the same form and due day) with a unit in common. Each unit's latest
 * upload to its task is its submission, so two such tasks would give it two states and two submissions.
 * A task of the same month for other units is no duplicate: it is how a unit left out is added.
 */
async function refuseDuplicate(db: Kysely<Database>, def: FormDefinition<any>, period: string, due: string, units: string[]): Promise<void> {
  let same = db.selectFrom('tasks').selectAll().where('form', '=', def.id).where('period', '=', period);
  if (!def.monthly) same = same.where('due', '=', due);
  for (const task of (await same.orderBy('created_at').execute()).map(taskOf)) {
    const both = task.units.filter((u) => units.includes(u));
    if (!both.length) continue;
    const what = `${task.period ? `${formatPeriodCn(task.period)}的` : `截止 ${formatDateCn(task.due)} 的`}${def.name}`;
    throw new HttpRefusal(
      409,
      'task.duplicate',
      `已有${what}任务（编号 ${task.id}，截止 ${formatDateCn(task.due)}），其中已有 ${both.join('、')}，未新建。请在原任务中收取；另收其他单位的，请只列出原任务中没有的单位`,
    );
  }
}

/**
 * The unit list `task` is judged against: the list the server runs with, and each unit of the task that is
 * not in it (the list was changed since, `serve --units`) by the name the task has, with no code known.
 */
export function taskUnitList(task: Task, units: UnitList): UnitList {
  const listed = new Set([units.city.name, ...units.units.map((u) => u.name)]);
  const gone = task.units.filter((name) => !listed.has(name)).map((name) => ({ name, code: '000000', aliases: [] }));
  return gone.length ? { ...units, units: [...units.units, ...gone] } : units;
}

/** Whether `account` may see a task's data: city and admin every task, a unit those it reports in. */
const maySee = (account: Account, task: Task) => account.role !== 'unit' || task.units.includes(account.unit ?? '');

/** The tasks `account` may see, latest first. */
export async function visibleTasks(db: Kysely<Database>, account: Account): Promise<Task[]> {
  const rows = await db.selectFrom('tasks').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(taskOf).filter((t) => maySee(account, t));
}

/** The task of `id` if `account` may see it; else 404, the same whether it is not there or not the account's. */
export async function findTask(db: Kysely<Database>, id: string, account: Account): Promise<Task> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  const task = row && taskOf(row);
  if (!task || !maySee(account, task)) throw new HttpRefusal(404, 'task.not-found', '没有这个任务，或本账号无权查看');
  return task;
}
