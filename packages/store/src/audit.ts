import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { now, type Database } from './schema.ts';

/** What was done, by whom, to what, from where (`login`, `logout`, `users.add`; uploads and downloads to come). */
export interface AuditEntry {
  userId: string | null;
  action: string;
  subject?: string | null;
  address?: string | null;
}

export async function recordAudit(db: Kysely<Database>, { userId, action, subject = null, address = null }: AuditEntry): Promise<void> {
  await db.insertInto('audit').values({ id: randomUUID(), at: now(), user_id: userId, action, subject, address }).execute();
}
