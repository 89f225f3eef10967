// An address nobody serves: a page for a browser asking for one, the JSON refusal for anyone else.
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedChecker } from './checker.ts';
import { serverWithCityAndClerk } from './requests.ts';

const checker = sharedChecker();
/** What a browser's address bar asks for. */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe.each(ENGINES)('an unknown address on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let cookies: Record<'city' | 'xiuwu', Record<string, string>>;

  beforeAll(async () => {
    ({ app, cookies } = await serverWithCityAndClerk(await database.open(), checker));
    return () => app.close();
  });

  it('is a Chinese page for a browser, in the frame of whoever is logged in', async () => {
    const r = await app.inject({ method: 'GET', url: '/no-such-page?x=<b>', headers: { accept: BROWSER }, cookies: cookies.xiuwu });
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('没有找到');
    expect(r.body).toContain('request.not-found');
    expect(r.body).toContain('xiuwu');
  });

  it('is the JSON refusal for the API and for a client that asks for no page', async () => {
    for (const [url, accept] of [['/api/no-such', BROWSER], ['/no-such-page', 'application/json'], ['/no-such-page', '*/*']]) {
      const r = await app.inject({ method: 'GET', url, headers: { accept } });
      expect([r.statusCode, r.json().error.rule]).toEqual([404, 'request.not-found']);
    }
    const post = await app.inject({ method: 'POST', url: '/no-such-page', headers: { accept: BROWSER }, payload: {} });
    expect([post.statusCode, post.json().error.rule]).toEqual([404, 'request.not-found']);
  });
});
