import { randomUUID } from 'node:crypto';
import { IsoDate, Period, Refusal, findReporter, reporterNames, type FormDefinition, type UnitList } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import type { Kysely } from 'kysely';
import { HttpRefusal } from './errors.ts';
import { now, type Database, type TaskRow, type Account } from '@tianbao/store';

/** A collection as the API shows it. */
export interface Task {
  id: string;
  form: string;
  /** `YYYY-MM` for a monthly form, else null. */
  period: string | null;
  due: string;
  units: string[];
  createdAt: string;
}

export const TASK_SCHEMA = {
  type: 'object',
  required: ['id', 'form', 'period', 'due', 'units', 'createdAt'],
  properties: {
    id: { type: 'string' },
    form: { type: 'string' },
    period: { type: ['string', 'null'] },
    due: { type: 'string' },
    units: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string' },
  },
} as const;

/** What `POST /api/tasks` takes. */
export interface NewTask {
  form: string;
  period?: string | undefined;
  due: string;
  units?: string[] | undefined;
}

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
  if (def.monthly && !given.period) throw invalid('task.period.missing', `${def.name}按月报送，请用「period」写明月份，如 2023-06`);
  if (!def.monthly && given.period) throw invalid('task.period.not-monthly', `${def.name}不按月报送，请去掉「period」`);
  if (given.period && !Period.safeParse(given.period).success) throw invalid('task.period.invalid', `月份「${given.period}」应写作 YYYY-MM，如 2023-06`);
  if (!IsoDate.safeParse(given.due).success) throw invalid('task.due.invalid', `截止日期「${given.due}」应是写作 YYYY-MM-DD 的有效日期，如 2023-06-28`);
  const named = given.units ?? units.units.map((u) => u.name);
  const reporters = named.map((name) => {
    const unit = findReporter(units, name, def.cityReports);
    if (!unit) throw invalid('task.unit.unknown', `单位「${name}」不报送${def.name}，可填的单位：${reporterNames(units, def.cityReports)}`);
    return unit.name;
  });
  if (reporters.length === 0) throw invalid('task.units.empty', '「units」中至少要有一个单位；不填则为全部单位');
  const row: TaskRow = {
    id: randomUUID(),
    form: def.id,
    period: given.period ?? '',
    due: given.due,
    units: JSON.stringify([...new Set(reporters)]),
    created_by: by.id,
    created_at: now(),
  };
  await db.insertInto('tasks').values(row).execute();
  return taskOf(row);
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
