import type { Kysely } from 'kysely';
import { now, type Database } from './schema.ts';

/** Failed logins allowed a minute for one name, and for one address; the next is refused until the oldest is a minute old. */
export const LOGIN_FAILURES_ALLOWED = 10;
const WINDOW_MS = 60_000;

/**
 * Seconds until a login for `name` from `address` may be tried again, or 0 when it may now. Counted in the
 * database, so that every process on it counts the same failures.
 */
export async function loginWait(db: Kysely<Database>, name: string, address: string, at = Date.now()): Promise<number> {
  const since = now(at - WINDOW_MS);
  const waits = await Promise.all(
    (['name', 'address'] as const).map(async (column) => {
      const times = await db
        .selectFrom('login_failures')
        .select('at')
        .where(column, '=', column === 'name' ? name : address)
        .where('at', '>', since)
        .orderBy('at', 'desc')
        .limit(LOGIN_FAILURES_ALLOWED)
        .execute();
      if (times.length < LOGIN_FAILURES_ALLOWED) return 0;
      // Free again when the oldest of the last ten leaves the window.
      return Math.max(1, Math.ceil((Date.parse(times.at(-1)!.at) + WINDOW_MS - at) / 1000));
    }),
  );
  return Math.max(...waits);
}

/** Note a failed login; failures older than the window are no longer needed and go. */
export async function recordLoginFailure(db: Kysely<Database>, name: string, address: string, at = Date.now()): Promise<void> {
  await db.insertInto('login_failures').values({ name, address, at: now(at) }).execute();
  await db.deleteFrom('login_failures').where('at', '<', now(at - WINDOW_MS)).execute();
}
