import { defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { addUser, listUsers, migrate } from '../src/index.ts';
import { ENGINES, freshDatabase } from './databases.ts';

describe.each(ENGINES)('migrations on %s', (engine) => {
  const database = freshDatabase(engine);

  it('make every table once; run again, they change nothing', async () => {
    const { db } = await database.open(false);
    expect(await migrate(db)).toEqual(expect.arrayContaining(['0001-accounts', '0002-collection', '0003-audit', '0004-names-ignoring-case', '0005-annotated-copies', '0006-compilations']));
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'login_failures', 'settings', 'tasks', 'submissions', 'explanations', 'annotated_copies', 'compilations', 'audit']));
    await addUser(db, { name: '市局', role: 'city', password: 'password 1' }, defaultUnits);
    expect(await migrate(db)).toEqual([]);
    // A second process starting on the same database finds it up to date too.
    const other = await database.open(false);
    expect(await migrate(other.db)).toEqual([]);
    expect((await listUsers(other.db)).map((u) => u.name)).toEqual(['市局']);
  });

  it('keep bytes as they were given', async () => {
    const { db } = await database.open();
    const bytes = Buffer.from([0, 1, 2, 255, 0x50, 0x4b, 3, 4]);
    const [user] = await listUsers(db);
    await db.insertInto('tasks').values({ id: 't', form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: '[]', created_by: user!.id, created_at: '2023-06-01T00:00:00.000Z' }).execute();
    const row = { task_id: 't', unit: '修武县', user_id: user!.id, file_name: 'a.xlsx', sha256: 'x', size: bytes.length, received_at: '2023-06-26T01:00:00.000Z', verdict: null, report: null };
    await db.insertInto('submissions').values({ id: 's', bytes, ...row }).execute();
    const back = await db.selectFrom('submissions').select(['bytes', 'size']).where('id', '=', 's').executeTakeFirstOrThrow();
    expect(Buffer.compare(back.bytes, bytes)).toBe(0);
    expect(back.size).toBe(bytes.length);
  });
});
