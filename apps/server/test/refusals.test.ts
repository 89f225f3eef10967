// What the framework refuses before any route runs, and the headers on every answer.
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

const CHINESE = /[\u4e00-\u9fff]/;

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('refusing on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Record<string, string>;

  beforeAll(async () => {
    const { db } = await database.open();
    await addUser(db, { name: 'city', role: 'city', unit: null, password: 'password1' }, defaultUnits);
    app = await buildServer({ db, checker });
    const r = await app.inject({ method: 'POST', url: '/api/login', payload: { name: 'city', password: 'password1' } });
    cookies = { tianbao_session: r.cookies.find((c) => c.name === 'tianbao_session')!.value };
    return () => app.close();
  });

  /** The status and the error's rule of an answer, its message checked to be Chinese and free of the framework's English. */
  const refusal = async (options: InjectOptions) => {
    const r = await app.inject({ cookies, ...options });
    const { error } = r.json();
    expect(Object.keys(r.json())).toEqual(['error']);
    expect(error.message).toMatch(CHINESE);
    // English only where it names a field, in 「」, or a type the client sends.
    expect(error.message.replace(/「[^」]*」|（[^）]*）|Content-Type|JSON|multipart\/form-data/g, '')).not.toMatch(/[A-Za-z]{4,}/);
    return [r.statusCode, error.rule];
  };
  const post = (body: string, type = 'application/json') => ({ method: 'POST' as const, url: '/api/tasks', body, headers: { 'content-type': type } });

  it('answers every framework error in Chinese, under a rule id', async () => {
    expect(await refusal({ method: 'GET', url: '/api/tasks/%E0%A4%A' })).toEqual([400, 'request.url.invalid']);
    expect(await refusal({ method: 'GET', url: '/api/tasks/x/blank?unit=a&unit=b' })).toEqual([400, 'request.invalid']);
    expect(await refusal(post('{"form":'))).toEqual([400, 'request.json.invalid']);
    expect(await refusal(post(''))).toEqual([400, 'request.json.empty']);
    expect(await refusal(post('<task/>', 'application/xml'))).toEqual([415, 'request.media-type']);
    expect(await refusal(post('{"form":"review-ledger"}'))).toEqual([400, 'request.invalid']);
    expect(await refusal(post('{"form":"review-ledger","due":{"day":28}}'))).toEqual([400, 'request.invalid']);
    // A value is taken as it was sent, of the type the schema names: a month written as a number is not made text.
    const number = await app.inject({ cookies, ...post('{"form":"review-ledger","period":202306,"due":"2023-06-28"}') });
    expect(number.json()).toEqual({ error: { rule: 'request.invalid', message: '请求中的「period」类型不对' } });
    expect(await refusal(post(JSON.stringify({ form: 'x'.repeat(2_000_000) })))).toEqual([413, 'request.too-large']);
    expect(await refusal({ method: 'DELETE', url: '/api/tasks' })).toEqual([404, 'request.not-found']);
  });

  it('sends the security headers, and no API answer or download is cached', async () => {
    const tasks = await app.inject({ method: 'GET', url: '/api/tasks', cookies });
    expect(tasks.headers['cache-control']).toBe('no-store');
    expect(tasks.headers['x-content-type-options']).toBe('nosniff');
    expect(tasks.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(tasks.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(tasks.headers['content-security-policy']).not.toMatch(/unsafe-inline|upgrade-insecure-requests/);
    expect(tasks.headers['x-frame-options']).toBe('SAMEORIGIN');
    const refused = await app.inject({ method: 'GET', url: '/api/tasks' });
    expect(refused.headers['cache-control']).toBe('no-store');
    const made = await app.inject({ method: 'POST', url: '/api/tasks', cookies, payload: { form: 'review-ledger', period: '2023-06', due: '2023-06-28' } });
    const blank = await app.inject({ method: 'GET', url: `/api/tasks/${made.json().id}/blank?unit=修武县`, cookies });
    expect(blank.statusCode).toBe(200);
    expect(blank.headers['cache-control']).toBe('no-store');
  });
});
