// One task by its id, as the list shows it, to whoever may see it.
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, serverWithCityAndClerk } from './requests.ts';

describe.each(ENGINES)('GET /api/tasks/{id} on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};
  let task: { id: string };

  beforeAll(async () => {
    const store = await database.open();
    const server = await serverWithCityAndClerk(store);
    app = server.app;
    Object.assign(cookies, server.cookies);
    await addUser(store.db, { name: 'wenxian', role: 'unit', unit: '温县', password: 'password 1' }, defaultUnits);
    cookies.wenxian = cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name: 'wenxian', password: 'password 1' } }));
    const payload = { form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县', '博爱县'] };
    task = (await app.inject({ method: 'POST', url: '/api/tasks', payload, cookies: cookies.city })).json();
    return () => app.close();
  });

  const get = (id: string, who?: string) => app.inject({ method: 'GET', url: `/api/tasks/${id}`, ...(who && { cookies: cookies[who] }) });

  it('answers the task as the list gives it, to the city and to a unit of it', async () => {
    const listed = (await app.inject({ method: 'GET', url: '/api/tasks', cookies: cookies.city })).json();
    expect(listed).toEqual([task]);
    for (const who of ['city', 'xiuwu']) {
      const r = await get(task.id, who);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual(task);
    }
  });

  it('answers 404 to a unit not in it and for an id that is no task, 401 without a session', async () => {
    for (const [id, who] of [[task.id, 'wenxian'], ['00000000-0000-0000-0000-000000000000', 'city']] as const) {
      const r = await get(id, who);
      expect([r.statusCode, r.json().error.rule]).toEqual([404, 'task.not-found']);
    }
    const r = await get(task.id);
    expect([r.statusCode, r.json().error.rule]).toEqual([401, 'auth.required']);
  });
});
