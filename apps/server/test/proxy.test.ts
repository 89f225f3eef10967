// Behind a reverse proxy: the client's address and HTTPS as the trusted proxy says them, and only then.
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type ServerOptions } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('behind a proxy on %s', (engine) => {
  const database = freshDatabase(engine);
  const servers: FastifyInstance[] = [];
  const server = async (trustProxy?: ServerOptions['trustProxy']) => {
    const { db } = await database.open();
    const app = await buildServer({ db, checker, ...(trustProxy !== undefined && { trustProxy }) });
    servers.push(app);
    return app;
  };

  beforeAll(async () => {
    const { db } = await database.open();
    await addUser(db, { name: 'city', role: 'city', password: 'password 1' }, defaultUnits);
    return async () => {
      for (const app of servers) await app.close();
    };
  });

  const login = (app: FastifyInstance, name: string, password: string, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { name, password }, headers });
  const cookieFlags = (r: { headers: Record<string, unknown> }) => String(r.headers['set-cookie'] ?? '');
  const loginAddresses = async (app: FastifyInstance) =>
    (await app.db.selectFrom('audit').select('address').where('action', '=', 'login').orderBy('at').execute()).map((r) => r.address);

  it('takes the client’s address and HTTPS from a trusted proxy, counting failed logins by that address', async () => {
    const app = await server('127.0.0.1');
    const from = (ip: string) => ({ 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' });
    // Ten failures under ten names from one client: the eleventh login from it is refused, the right password too.
    for (let i = 0; i < 10; i++) expect((await login(app, `nobody${i}`, 'wrong password', from('203.0.113.7'))).statusCode).toBe(401);
    const throttled = await login(app, 'city', 'password 1', from('203.0.113.7'));
    expect([throttled.statusCode, throttled.json().error.rule]).toEqual([429, 'auth.login.throttled']);
    // Another client behind the same proxy is not held up by it, and is given a Secure cookie: it came over HTTPS.
    const other = await login(app, 'city', 'password 1', from('203.0.113.8'));
    expect(other.statusCode).toBe(200);
    expect(cookieFlags(other)).toMatch(/tianbao_session=[^;]+;.*Secure/);
    expect(await loginAddresses(app)).toEqual(['203.0.113.8']);
  });

  it('trusts as many hops as it is told, and without being told, no header a client may forge', async () => {
    const hops = await server(1);
    const r = await login(hops, 'city', 'password 1', { 'x-forwarded-for': '198.51.100.1, 192.0.2.9' });
    expect(r.statusCode).toBe(200);
    expect((await loginAddresses(hops)).at(-1)).toBe('192.0.2.9');
    const direct = await server();
    const forged = await login(direct, 'city', 'password 1', { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' });
    expect(forged.statusCode).toBe(200);
    expect(cookieFlags(forged)).not.toMatch(/Secure/);
    expect((await loginAddresses(direct)).at(-1)).toBe('127.0.0.1');
  });
});
