import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Kysely } from 'kysely';
import { now, type Database } from '@tianbao/store';

declare module 'fastify' {
  interface Session {
    /** The account logged in. */
    userId?: string;
  }
}

type Done = (err?: unknown) => void;

/**
 * @fastify/session's store over the database: a session made by one process is found by every other on the
 * same database. An expired session is not found, and expired ones are deleted as new ones are saved.
 */
export function sessionStore(db: Kysely<Database>): SessionStore {
  const settle = (work: Promise<unknown>, done: Done) => void work.then(() => done(), done);
  return {
    set(id, session, done) {
      const expires = session.cookie.expires ? new Date(session.cookie.expires).toISOString() : null;
      const row = { id, user_id: session.userId ?? null, data: JSON.stringify(session), expires_at: expires };
      settle(
        (async () => {
          await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
          await db
            .insertInto('sessions')
            .values(row)
            .onConflict((c) => c.column('id').doUpdateSet({ user_id: row.user_id, data: row.data, expires_at: row.expires_at }))
            .execute();
        })(),
        done,
      );
    },
    get(id, done) {
      db.selectFrom('sessions')
        .select('data')
        .where('id', '=', id)
        .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now())]))
        .executeTakeFirst()
        .then((row) => done(null, row ? (JSON.parse(row.data) as Session) : null), done);
    },
    destroy(id, done) {
      settle(db.deleteFrom('sessions').where('id', '=', id).execute(), done);
    },
  };
}
