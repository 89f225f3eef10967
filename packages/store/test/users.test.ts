import { Refusal, defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { addUser, listUsers } from '../src/index.ts';
import { ENGINES, freshDatabase } from './databases.ts';

/** The rule id a promise is refused with. */
const refusedWith = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof Refusal ? e.rule : e),
  );

describe.each(ENGINES)('accounts on %s', (engine) => {
  const database = freshDatabase(engine);

  it('are added with a hashed password and listed by name, a unit account under its unit', async () => {
    const { db } = await database.open();
    const clerk = await addUser(db, { name: ' shifanqu ', role: 'unit', unit: '示范区', password: 'secret 1' }, defaultUnits);
    // Named by an alias, kept by the unit's name; the name without the spaces around it.
    expect(clerk).toMatchObject({ name: 'shifanqu', role: 'unit', unit: '焦作市城乡一体化示范区', disabled: false });
    await addUser(db, { name: 'admin', role: 'admin', password: 'secret 2' }, defaultUnits);
    expect((await listUsers(db)).map((a) => [a.name, a.role, a.unit])).toEqual([
      ['admin', 'admin', null],
      ['shifanqu', 'unit', '焦作市城乡一体化示范区'],
    ]);
    const { password_hash } = await db.selectFrom('users').select('password_hash').where('name', '=', 'shifanqu').executeTakeFirstOrThrow();
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect(password_hash).not.toContain('secret');
  });

  it('refuse a name taken, a bad role, an empty password and a unit that does not fit, each in Chinese', async () => {
    const { db } = await database.open();
    const add = (name: string, role: string, password: string, unit?: string) => refusedWith(addUser(db, { name, role, password, unit }, defaultUnits));
    expect(await add('city', 'city', 'pw')).toBe('accepted');
    expect(await add('city', 'city', 'pw2')).toBe('users.name.taken');
    expect(await add('  ', 'city', 'pw')).toBe('users.name.empty');
    expect(await add('boss', 'root', 'pw')).toBe('users.role.unknown');
    expect(await add('boss', 'admin', '')).toBe('users.password.empty');
    expect(await add('wen', 'unit', 'pw')).toBe('users.unit.missing');
    expect(await add('wen', 'unit', 'pw', '开封县')).toBe('users.unit.unknown');
    expect(await add('boss', 'admin', 'pw', '温县')).toBe('users.unit.not-for-role');
    const message = await addUser(db, { name: 'city', role: 'city', password: 'pw' }, defaultUnits).catch((e: Error) => e.message);
    expect(message).toBe('账号名「city」已被使用，请换一个名字');
    expect((await listUsers(db)).filter((a) => a.name === 'city')).toHaveLength(1);
  });
});
