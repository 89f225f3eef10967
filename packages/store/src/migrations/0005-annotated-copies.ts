// The marked-up copy of a submission says which explanations it shows, and why it could not be made when it
// could not. The table of 0002 had neither and was never written to: it is made again.
import type { Kysely } from 'kysely';
import { bytes } from './column-types.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('annotated_copies').execute();
  await db.schema
    .createTable('annotated_copies')
    .addColumn('submission_id', 'text', (c) => c.primaryKey().references('submissions.id'))
    .addColumn('made_for', 'text', (c) => c.notNull())
    .addColumn('bytes', bytes(db))
    .addColumn('failure', 'text')
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
}
