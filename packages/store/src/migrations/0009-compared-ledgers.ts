// What the month after each accepted submission is compared with (`FormDefinition.compared`), kept as JSON
// text, so that an upload reads last month's from here instead of reading every earlier month of its unit
// again in the checker. Made again when what it was made of changes (its explanations, the month before).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compared_ledgers')
    .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
    .addColumn('made_for', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
}
