import { defaultUnits } from '@tianbao/form';
import { addUser, type Account } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

type Cookies = Record<string, string>;

/** The session cookie a response set, as a browser would send it back. */
const cookieOf = (r: LightMyRequestResponse): Cookies => {
  const c = r.cookies.find((k) => k.name === 'tianbao_session');
  return c ? { tianbao_session: c.value } : {};
};

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('accounts over the API on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const accounts: Record<string, Account> = {};
  let address = 0;
  // Each login from an address of its own: the failures a test makes hold up no other test.
  const login = (name: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { name, password }, remoteAddress: `10.9.0.${++address}` });
  const session = async (name: string, password = `${name} password`) => {
    const r = await login(name, password);
    expect(r.statusCode).toBe(200);
    return cookieOf(r);
  };
  const post = (url: string, cookies: Cookies, payload?: object) =>
    app.inject({ method: 'POST', url, cookies, remoteAddress: `10.9.1.${++address}`, ...(payload && { payload }) });
  const me = async (cookies: Cookies) => (await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode;
  const audit = async (action: string) =>
    (await app.db.selectFrom('audit').select(['user_id', 'subject']).where('action', '=', action).execute()).map((a) => [a.user_id, a.subject]);

  beforeAll(async () => {
    const { db } = await database.open();
    for (const [name, role, unit] of [
      ['admin', 'admin'],
      ['admin2', 'admin'],
      ['city', 'city'],
      ['xiuwu', 'unit', '修武县'],
      ['wenxian', 'unit', '温县'],
      ['wuzhi', 'unit', '武陟县'],
    ] as const)
      accounts[name] = await addUser(db, { name, role, unit, password: `${name} password` }, defaultUnits);
    app = await buildServer({ db, checker });
    return () => app.close();
  });

  it('changes one’s own password with the current one: the old stops working, other sessions end, this one goes on', async () => {
    const here = await session('xiuwu');
    const there = await session('xiuwu');
    const r = await post('/api/me/password', here, { currentPassword: 'xiuwu password', newPassword: '修武县 新密码 2026' });
    expect(r.statusCode).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(there)).toBe(401);
    expect((await login('xiuwu', 'xiuwu password')).statusCode).toBe(401);
    expect((await login('xiuwu', '修武县 新密码 2026')).statusCode).toBe(200);
    expect(await audit('users.password.change')).toEqual([[accounts.xiuwu!.id, accounts.xiuwu!.id]]);
  });

  it('refuses a wrong current password, and a new one too short or of spaces, in Chinese; changes nothing', async () => {
    const cookies = await session('wenxian');
    const wrong = await post('/api/me/password', cookies, { currentPassword: 'not it at all', newPassword: 'a good new password' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: { rule: 'users.password.wrong', message: '当前密码不正确，密码未修改' } });
    const short = await post('/api/me/password', cookies, { currentPassword: 'wenxian password', newPassword: '温县123' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toEqual({ error: { rule: 'users.password.short', message: '密码至少 8 个字符，收到的只有 5 个，请换一个长一些的' } });
    const blank = await post('/api/me/password', cookies, { currentPassword: 'wenxian password', newPassword: '          ' });
    expect(blank.json().error.rule).toBe('users.password.blank');
    const missing = await post('/api/me/password', cookies, { currentPassword: 'wenxian password' });
    expect(missing.json()).toEqual({ error: { rule: 'request.invalid', message: '请求中缺少「newPassword」' } });
    expect(await me(cookies)).toBe(200);
    expect((await login('wenxian', 'wenxian password')).statusCode).toBe(200);
    expect(await audit('users.password.change')).not.toContainEqual([accounts.wenxian!.id, accounts.wenxian!.id]);
  });

  it('throttles guesses of the current password as it throttles logins, by name', async () => {
    const cookies = await session('wuzhi');
    for (let i = 0; i < 10; i++)
      expect((await post('/api/me/password', cookies, { currentPassword: `guess ${i}`, newPassword: 'a good new password' })).statusCode).toBe(403);
    const r = await post('/api/me/password', cookies, { currentPassword: 'wuzhi password', newPassword: 'a good new password' });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.rule).toBe('auth.login.throttled');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets an administrator disable an account: it cannot log in, and its sessions stop at once; and enable it again', async () => {
    const admin = await session('admin');
    const clerk = await session('wenxian');
    expect(await me(clerk)).toBe(200);
    const r = await post(`/api/users/${accounts.wenxian!.id}/disable`, admin);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: 'wenxian', disabled: true });
    expect(await me(clerk)).toBe(401);
    expect((await login('wenxian', 'wenxian password')).statusCode).toBe(401);
    const listed = (await app.inject({ method: 'GET', url: '/api/users', cookies: admin })).json() as Account[];
    expect(listed.find((a) => a.name === 'wenxian')).toMatchObject({ disabled: true });
    expect(listed.find((a) => a.name === 'xiuwu')).toMatchObject({ disabled: false });
    expect(listed[0]).not.toHaveProperty('password_hash');
    expect(await audit('users.disable')).toEqual([[accounts.admin!.id, accounts.wenxian!.id]]);
    // Enabled again, it logs in with its password as it was; the sessions it had stay ended.
    const enabled = await post(`/api/users/${accounts.wenxian!.id}/enable`, admin);
    expect([enabled.statusCode, enabled.json().disabled]).toEqual([200, false]);
    expect(await me(clerk)).toBe(401);
    expect((await login('wenxian', 'wenxian password')).statusCode).toBe(200);
    expect(await audit('users.enable')).toEqual([[accounts.admin!.id, accounts.wenxian!.id]]);
  });

  it('lets an administrator reset a password: the new one logs in, the old and its sessions do not', async () => {
    const admin = await session('admin');
    const clerk = await session('city');
    const r = await post(`/api/users/${accounts.city!.id}/password`, admin, { password: '市局 重设的密码' });
    expect(r.statusCode).toBe(204);
    expect(await me(clerk)).toBe(401);
    expect((await login('city', 'city password')).statusCode).toBe(401);
    expect((await login('city', '市局 重设的密码')).statusCode).toBe(200);
    expect((await post(`/api/users/${accounts.city!.id}/password`, admin, { password: 'short' })).json().error.rule).toBe('users.password.short');
    expect(await audit('users.reset-password')).toEqual([[accounts.admin!.id, accounts.city!.id]]);
  });

  it('refuses the administration to other roles (403), an unknown account (404), disabling oneself, and no session (401)', async () => {
    const admin = await session('admin2');
    const city = await session('city', '市局 重设的密码');
    const target = `/api/users/${accounts.xiuwu!.id}`;
    for (const [url, payload] of [
      [`${target}/disable`, undefined],
      [`${target}/enable`, undefined],
      [`${target}/password`, { password: 'a good new password' }],
    ] as const) {
      const forbidden = await post(url, city, payload);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.rule).toBe('auth.forbidden');
      expect((await post(url, {}, payload)).statusCode).toBe(401);
      const unknown = await post(url.replace(accounts.xiuwu!.id, 'no-such-id'), admin, payload);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ error: { rule: 'users.not-found', message: '没有这个账号' } });
    }
    expect((await app.inject({ method: 'GET', url: '/api/users', cookies: city })).statusCode).toBe(403);
    const self = await post(`/api/users/${accounts.admin2!.id}/disable`, admin);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.rule).toBe('users.disable.self');
    expect(await me(admin)).toBe(200);
    expect((await post('/api/me/password', {}, { currentPassword: 'x', newPassword: 'a good new password' })).statusCode).toBe(401);
  });
});
