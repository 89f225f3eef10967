import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The key that signs session cookies: made by the first process to start on a database and kept there,
 * so that every process on it accepts the cookies of the others, and a restart logs no one out.
 */
export async function sessionSecret(db: Kysely<Database>): Promise<string> {
  const key = 'session-secret';
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((c) => c.column('key').doNothing())
    .execute();
  const { value } = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return value;
}
