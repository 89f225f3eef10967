import { Refusal, defaultUnits } from '@tianbao/form';
import { describe, expect, it } from 'vitest';
import { addUser, disableUser, enableUser, listUsers, passwordMatches, setPassword } from '../src/index.ts';
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
    const clerk = await addUser(db, { name: 'shifanqu', role: 'unit', unit: '示范区', password: 'secret 12' }, defaultUnits);
    // Named by an alias, kept by the unit's name.
    expect(clerk).toMatchObject({ name: 'shifanqu', role: 'unit', unit: '焦作市城乡一体化示范区', disabled: false });
    await addUser(db, { name: 'admin', role: 'admin', password: 'secret 23' }, defaultUnits);
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
    expect(await add('city', 'city', 'password 1')).toBe('accepted');
    expect(await add('city', 'city', 'password 2')).toBe('users.name.taken');
    expect(await add('  ', 'city', 'password 1')).toBe('users.name.empty');
    expect(await add('boss', 'root', 'password 1')).toBe('users.role.unknown');
    expect(await add('boss', 'admin', '')).toBe('users.password.empty');
    expect(await add('wen', 'unit', 'password 1')).toBe('users.unit.missing');
    expect(await add('wen', 'unit', 'password 1', '开封县')).toBe('users.unit.unknown');
    expect(await add('boss', 'admin', 'password 1', '温县')).toBe('users.unit.not-for-role');
    const message = await addUser(db, { name: 'city', role: 'city', password: 'password 1' }, defaultUnits).catch((e: Error) => e.message);
    expect(message).toBe('账号名「city」已被使用，请换一个名字');
    expect((await listUsers(db)).filter((a) => a.name === 'city')).toHaveLength(1);
  });

  it('refuse a name with spaces around it, and one that is another account name but for case', async () => {
    const { db } = await database.open();
    const add = (name: string) => addUser(db, { name, role: 'city', password: 'password 1' }, defaultUnits).catch((e: Refusal) => [e.rule, e.message]);
    expect(await add(' jiaozuo')).toEqual(['users.name.spaces', '账号名「 jiaozuo」的首尾有空格，请去掉空格']);
    // The tab written out in the message, as every control character of a name is.
    expect(await add('jiaozuo\t')).toEqual(['users.name.spaces', '账号名「jiaozuo\\t」的首尾有空格，请去掉空格']);
    expect(await add('Jiaozuo')).toMatchObject({ name: 'Jiaozuo' });
    expect(await add('JIAOZUO')).toEqual(['users.name.taken', '账号名「JIAOZUO」与已有账号「Jiaozuo」只差大小写，请换一个名字']);
    // The database itself holds the rule, for two processes adding at once.
    const row = { role: 'city' as const, unit: null, password_hash: 'x', created_at: '2026-01-01T00:00:00.000Z', disabled_at: null };
    await expect(db.insertInto('users').values({ id: 'other', name: 'jiaozuo', ...row }).execute()).rejects.toThrow();
  });

  it('refuse a name holding a character that cannot be seen or typed: a line break, ESC, a zero-width space, a bidi override', async () => {
    const { db } = await database.open();
    const add = (name: string) => addUser(db, { name, role: 'city', password: 'password 1' }, defaultUnits).catch((e: Refusal) => [e.rule, e.message]);
    for (const name of ['a\nb', 'a\u001b[2Jb', 'a\u200bb', 'a\u202eb', 'a\u0000b', 'a\u0085b', 'a\ufeffb', 'a\u3164b']) {
      const [rule, message] = (await add(name)) as string[];
      expect(rule).toBe('users.name.invisible');
      const odd = [...name].find((c) => !/[a-z[2J]/.test(c))!;
      expect(message).toContain(`（U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}，`);
      expect(message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(await add('修武-xiuwu_2.0')).toMatchObject({ name: '修武-xiuwu_2.0' });
    expect((await listUsers(db)).filter((a) => /^a.*b$/su.test(a.name))).toEqual([]);
  });

  it('refuse a password under 8 characters or of spaces only, counting characters as a person does', async () => {
    const { db } = await database.open();
    const add = (name: string, password: string) => refusedWith(addUser(db, { name, role: 'city', password }, defaultUnits));
    expect(await add('a1', '1234567')).toBe('users.password.short');
    expect(await add('a2', '        ')).toBe('users.password.blank');
    expect(await add('a3', '\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000')).toBe('users.password.blank');
    expect(await add('a4', '焦作市修武县口令')).toBe('accepted');
    expect(await add('a5', ' 1234567')).toBe('accepted');
    const short = await addUser(db, { name: 'a6', role: 'city', password: '口令' }, defaultUnits).catch((e: Error) => e.message);
    expect(short).toBe('密码至少 8 个字符，收到的只有 2 个，请换一个长一些的');
  });

  it('are disabled, enabled again and given a new password, their sessions ended but the one kept', async () => {
    const { db } = await database.open();
    const clerk = await addUser(db, { name: 'wenxian', role: 'unit', unit: '温县', password: 'old password' }, defaultUnits);
    const session = (id: string) => ({ id, user_id: clerk.id, data: '{}', expires_at: null });
    await db.insertInto('sessions').values([session('s1'), session('s2'), { ...session('s3'), user_id: null }]).execute();
    const sessions = async () => (await db.selectFrom('sessions').select('id').orderBy('id').execute()).map((s) => s.id);
    const hash = async () => (await db.selectFrom('users').select('password_hash').where('id', '=', clerk.id).executeTakeFirstOrThrow()).password_hash;

    expect(await refusedWith(setPassword(db, clerk.id, 'short'))).toBe('users.password.short');
    expect(await sessions()).toEqual(['s1', 's2', 's3']);
    await setPassword(db, clerk.id, 'new password', 's2');
    expect(await passwordMatches(await hash(), 'new password')).toBe(true);
    expect(await passwordMatches(await hash(), 'old password')).toBe(false);
    expect(await sessions()).toEqual(['s2', 's3']);

    const disabled = await disableUser(db, clerk.id);
    expect(disabled).toMatchObject({ name: 'wenxian', disabled: true });
    expect(await sessions()).toEqual(['s3']);
    const { disabled_at } = await db.selectFrom('users').select('disabled_at').where('id', '=', clerk.id).executeTakeFirstOrThrow();
    // Again: nothing changes, the time it was disabled included.
    expect(await disableUser(db, clerk.id)).toEqual(disabled);
    expect((await db.selectFrom('users').select('disabled_at').where('id', '=', clerk.id).executeTakeFirstOrThrow()).disabled_at).toBe(disabled_at);
    expect(await disableUser(db, 'no such id')).toBeUndefined();
    expect(await enableUser(db, clerk.id)).toMatchObject({ name: 'wenxian', disabled: false });
    expect(await enableUser(db, 'no such id')).toBeUndefined();
  });
});
