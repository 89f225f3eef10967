// A warning about the whole file (no cell) can be explained too: its message tells it from the others of
// its rule. Its explanation is kept with the cell '' and the message; a cell's explanation has no message.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('explanations').addColumn('message', 'text').execute();
}
