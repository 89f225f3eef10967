// The city's compilation of a task's returns (`tianbao compile`), made by a job and kept for the submissions it used.
import type { Kysely } from 'kysely';
import { bytes } from './column-types.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compilations')
    .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id'))
    .addColumn('made_for', 'text', (c) => c.notNull())
    .addColumn('xlsx', bytes(db), (c) => c.notNull())
    .addColumn('pdf', bytes(db))
    .addColumn('pdf_failure', 'text')
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
}
