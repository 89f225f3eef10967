// The JSON API's CSRF check: a page on another origin (another port of this host too, the same site for
// SameSite=Lax) cannot make a logged-in browser change anything; a script without browser headers can.
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { juneLedgerToUpload, multipart } from './requests.ts';

const checker = sharedChecker();

describe.each(ENGINES)('requests from other origins on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Record<'city' | 'xiuwu', Record<string, string>>;
  let task: string;
  let file: Buffer;

  beforeAll(async () => {
    ({ app, cookies, task, file } = await juneLedgerToUpload(await database.open(), checker));
    return () => app.close();
  });

  // inject's requests reach the server as http://localhost:80.
  const upload = (headers: Record<string, string>) => {
    const body = multipart('a.xlsx', file);
    return app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, payload: body.payload, headers: { ...body.headers, ...headers }, cookies: cookies.xiuwu });
  };
  const refusal = async (headers: Record<string, string>) => {
    const r = await upload(headers);
    return [r.statusCode, r.json().error?.rule];
  };

  it('refuses a form post from another port of this host, or that the browser says is from another site', async () => {
    expect(await refusal({ origin: 'http://localhost:9999' })).toEqual([403, 'request.csrf']);
    expect(await refusal({ origin: 'null' })).toEqual([403, 'request.csrf']);
    expect(await refusal({ 'sec-fetch-site': 'same-site' })).toEqual([403, 'request.csrf']);
    expect(await refusal({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost' })).toEqual([403, 'request.csrf']);
    const logout = await app.inject({ method: 'POST', url: '/api/logout', headers: { origin: 'http://127.0.0.1:9999' }, cookies: cookies.xiuwu });
    expect([logout.statusCode, logout.json().error.message]).toEqual([403, expect.stringMatching(/不是从本站/)]);
    // However the address is written.
    const encoded = await app.inject({ method: 'POST', url: '/%61pi/logout', headers: { origin: 'http://127.0.0.1:9999' }, cookies: cookies.xiuwu });
    expect(encoded.statusCode).toBe(403);
    expect(await app.db.selectFrom('submissions').select('id').execute()).toEqual([]);
  });

  it('takes one from its own origin, and one from a script that sends neither header', async () => {
    expect((await upload({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await upload({ origin: 'http://localhost:80' })).statusCode).toBe(201);
    expect((await upload({})).statusCode).toBe(201);
    // Behind a trusted proxy, the portal's origin is the one the proxy was reached at.
    const proxied = await buildServer({ db: app.db, checker, trustProxy: '127.0.0.1' });
    const behind = (origin: string) =>
      proxied.inject({ method: 'POST', url: '/api/logout', headers: { origin, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'portal.example' } });
    expect((await behind('https://portal.example')).statusCode).toBe(204);
    expect((await behind('http://localhost')).statusCode).toBe(403);
    await proxied.close();
    // Reading is not refused: a GET changes nothing.
    expect((await app.inject({ method: 'GET', url: '/api/tasks', headers: { origin: 'http://localhost:9999' }, cookies: cookies.city })).statusCode).toBe(200);
  });
});
