import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

/** The session cookie a response set, as a browser would send it back. */
const cookieOf = (r: LightMyRequestResponse): Record<string, string> => {
  const c = r.cookies.find((k) => k.name === 'tianbao_session');
  return c ? { tianbao_session: c.value } : {};
};

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('logging in on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const login = (name: string, password: string, remoteAddress = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/login', payload: { name, password }, remoteAddress });

  beforeAll(async () => {
    const { db } = await database.open();
    await addUser(db, { name: 'xiuwu', role: 'unit', unit: '修武县', password: 'right 123' }, defaultUnits);
    await addUser(db, { name: 'wenxian', role: 'unit', unit: '温县', password: 'right 123' }, defaultUnits);
    app = await buildServer({ db, checker });
    return () => app.close();
  });

  it('answers the account and an HttpOnly, SameSite session cookie; /api/me knows it until logout', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/me' })).json()).toEqual({ error: { rule: 'auth.required', message: '请先登录' } });
    const r = await login('xiuwu', 'right 123');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: 'xiuwu', role: 'unit', unit: '修武县' });
    expect(r.json()).not.toHaveProperty('password_hash');
    const set = r.cookies.find((c) => c.name === 'tianbao_session')!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const cookies = cookieOf(r);
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'xiuwu', unit: '修武县' });
    expect((await app.inject({ method: 'POST', url: '/api/logout', cookies })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(401);
  });

  it('refuses a wrong password and an unknown name alike, and a request without its fields', async () => {
    for (const r of [await login('xiuwu', 'wrong'), await login('nobody', 'right 123')]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ error: { rule: 'auth.login.failed', message: '用户名或密码不正确' } });
      expect(cookieOf(r)).toEqual({});
    }
    const bad = await app.inject({ method: 'POST', url: '/api/login', payload: { name: 'xiuwu' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: { rule: 'request.invalid', message: '请求中缺少「password」' } });
  });

  it('refuses the 11th failure within a minute for one name, the right password too, with Retry-After', async () => {
    for (let i = 0; i < 10; i++) expect((await login('wenxian', 'wrong', `10.1.0.${i}`)).statusCode).toBe(401);
    const r = await login('wenxian', 'right 123', '10.1.0.99');
    expect(r.statusCode).toBe(429);
    expect(r.json().error.rule).toBe('auth.login.throttled');
    const wait = Number(r.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(r.json().error.message).toBe(`登录失败次数过多，请 ${wait} 秒后再试`);
    // Another name is not held up by it.
    expect((await login('xiuwu', 'right 123', '10.1.0.98')).statusCode).toBe(200);
  });

  it('refuses the 11th failure within a minute from one address, whatever the names', async () => {
    for (let i = 0; i < 10; i++) expect((await login(`guess${i}`, 'wrong', '10.2.0.1')).statusCode).toBe(401);
    expect((await login('xiuwu', 'right 123', '10.2.0.1')).statusCode).toBe(429);
    expect((await login('xiuwu', 'right 123', '10.2.0.2')).statusCode).toBe(200);
  });

  it('logs out an account disabled since it logged in', async () => {
    const cookies = cookieOf(await login('xiuwu', 'right 123', '10.3.0.1'));
    await app.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('name', '=', 'xiuwu').execute();
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(401);
    expect((await login('xiuwu', 'right 123', '10.3.0.1')).statusCode).toBe(401);
    await app.db.updateTable('users').set({ disabled_at: null }).where('name', '=', 'xiuwu').execute();
  });

  it('accepts a session made by another server on the same database', async () => {
    const other = await buildServer({ db: (await database.open()).db, checker });
    try {
      const cookies = cookieOf(await login('xiuwu', 'right 123', '10.4.0.1'));
      const me = await other.inject({ method: 'GET', url: '/api/me', cookies });
      expect(me.statusCode).toBe(200);
      expect(me.json().name).toBe('xiuwu');
      // Logged out through the other, it is gone for both.
      await other.inject({ method: 'POST', url: '/api/logout', cookies });
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('answers what it cannot take in Chinese, under a rule id', async () => {
    const error = async (r: Promise<LightMyRequestResponse>) => {
      const { statusCode, body } = await r;
      return [statusCode, JSON.parse(body).error];
    };
    expect(await error(app.inject({ method: 'GET', url: '/api/nothing' }))).toEqual([404, { rule: 'request.not-found', message: '没有这个地址' }]);
    const post = (body: string, type: string) => app.inject({ method: 'POST', url: '/api/login', body, headers: { 'content-type': type } });
    expect(await error(post('{"name":', 'application/json'))).toEqual([400, { rule: 'request.json.invalid', message: '请求内容不是有效的 JSON，请检查括号、引号和逗号' }]);
    expect(await error(post('[1]', 'application/json'))).toEqual([400, { rule: 'request.invalid', message: '请求内容应为 JSON 对象' }]);
    expect(await error(post('{"name":"","password":"x"}', 'application/json'))).toEqual([400, { rule: 'request.invalid', message: '请求中的「name」不能为空' }]);
    expect(await error(post('name=x', 'text/plain'))).toEqual([
      415,
      { rule: 'request.media-type', message: '不支持这种内容类型：请以 JSON（application/json）提交，上传文件请用 multipart/form-data' },
    ]);
  });
});
