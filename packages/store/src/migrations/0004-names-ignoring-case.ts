// An account's name is unique ignoring case: `Admin` beside `admin` would be told apart by nobody.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_name_lower').on('users').unique().expression(sql`lower(name)`).execute();
}
