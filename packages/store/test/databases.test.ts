// A test file's own cleanup (stopping a job queue, closing a server) still finds its database there.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshDatabase, type TestDatabase } from './databases.ts';

describe.each(ENGINES)('a fresh %s database', (engine) => {
  const database: TestDatabase = freshDatabase(engine);

  beforeAll(async () => {
    const { db } = await database.open();
    return async () => {
      // Throws, and fails this file, when the database was closed or dropped before this cleanup.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows.map((r) => Number(r.one))).toEqual([1]);
    };
  });

  it('is open for the tests', async () => {
    const { db } = await database.open();
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows.map((r) => Number(r.one))).toEqual([1]);
  });
});
