// A unit has one task for one report: each unit of a task is a row, unique for the form and the report
// (its month, or for a form not monthly its due day), so that two tasks sent at the same moment cannot both
// take a unit. The tasks there are take their units in the order they were made; a unit that two of them
// already share (made at one moment before this index) stays with the first.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('task_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_units_report').on('task_units').columns(['form', 'report', 'unit']).unique().execute();
  const tasks = await db.selectFrom('tasks').select(['id', 'form', 'period', 'due', 'units']).orderBy('created_at').orderBy('id').execute();
  for (const t of tasks as { id: string; form: string; period: string; due: string; units: string }[]) {
    const units = JSON.parse(t.units) as string[];
    if (!units.length) continue;
    await db
      .insertInto('task_units')
      .values(units.map((unit) => ({ task_id: t.id, form: t.form, report: t.period || t.due, unit })))
      .onConflict((c) => c.doNothing())
      .execute();
  }
}
