// `tianbao serve --timezone` and `--trust-proxy`, and account names no one can see, as a user runs them.
import { formById } from '@tianbao/forms';
import { openStore } from '@tianbao/store';
import { freshDatabase, onPostgres } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, tianbao } from './run.ts';
import { type Serving, serve, tianbaoWithInput } from './serve-process.ts';

const ledger = formById('review-ledger');
const CONTROL = /[\p{Cc}\p{Cf}]/u;

describe('tianbao serve’s options and account names', () => {
  const running: Serving[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
  });
  const users = (data: string, args: string[], input = '') => tianbaoWithInput(['users', ...args, '--data', data], input);
  const login = (server: Serving, name: string, password: string, headers: Record<string, string> = {}) =>
    fetch(new URL('api/login', server.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, password }) });
  const cookieOf = (r: Response) => r.headers.getSetCookie()[0]!.split(';')[0]!;

  it('reckons received times in Asia/Shanghai by default, on a machine whose TZ is UTC', async () => {
    const data = tempDir();
    expect((await users(data, ['add', '--name', 'city', '--role', 'city', '--password-stdin'], 'password 1')).code).toBe(0);
    expect((await users(data, ['add', '--name', 'xiuwu', '--role', 'unit', '--unit', '修武县', '--password-stdin'], 'password 1')).code).toBe(0);
    const server = await serve(['--data', data], { TZ: 'UTC' });
    running.push(server);
    const city = cookieOf(await login(server, 'city', 'password 1'));
    const clerk = cookieOf(await login(server, 'xiuwu', 'password 1'));
    const opened = await fetch(new URL('api/tasks', server.url), {
      method: 'POST',
      headers: { cookie: city, 'content-type': 'application/json' },
      body: JSON.stringify({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县'] }),
    });
    const task = (await opened.json()).id as string;
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await writeWorkbook(ledger, ledger.samples.find((s) => s.unit === '修武县')!))]), '修武县.xlsx');
    const before = Date.now();
    expect((await fetch(new URL(`api/tasks/${task}/submissions`, server.url), { method: 'POST', headers: { cookie: clerk }, body: form })).status).toBe(201);
    const status = await (await fetch(new URL(`api/tasks/${task}/status`, server.url), { headers: { cookie: city } })).json();
    const received = status.units[0].files[0].receivedAt as string;
    // The time as read in Shanghai (UTC+8, no summer time) is the moment of the upload.
    const instant = Date.parse(`${received}+08:00`);
    expect(Math.abs(instant - before)).toBeLessThan(60_000);
    // And it is the Shanghai time the page shows.
    const page = await (await fetch(new URL(`tasks/${task}`, server.url), { headers: { cookie: city } })).text();
    expect(page).toContain(`${received.slice(0, 10)} ${received.slice(11, 16)}`);
  });

  it('takes the client’s HTTPS from the proxy given with --trust-proxy, and refuses a value that is none', async () => {
    const data = tempDir();
    expect((await users(data, ['add', '--name', 'city', '--role', 'city', '--password-stdin'], 'password 1')).code).toBe(0);
    const proxied = await serve(['--data', data, '--trust-proxy', '127.0.0.1,10.0.0.0/8']);
    running.push(proxied);
    const secure = await login(proxied, 'city', 'password 1', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(secure.status).toBe(200);
    expect(secure.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const wrong = await tianbao(['serve', '--data', data, '--trust-proxy', 'the proxy']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--trust-proxy 应是代理服务器的地址或网段');
    const zone = await tianbao(['serve', '--data', data, '--timezone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone 应是 IANA 时区名，如 Asia/Shanghai');
  });

  describe('on a PostgreSQL account that may not make the job queue', () => {
    const database = freshDatabase('postgres');
    const role = `tianbao_no_schema_${process.pid}`;
    afterAll(async () => {
      await onPostgres(`drop owned by ${role}`, database.options.url);
      await onPostgres(`drop role if exists ${role}`);
    });

    it('stops at once with the reason and exit 1, not alive and deaf', async () => {
      const url = new URL(database.options.url!);
      await onPostgres(`create role ${role} login`);
      // Tables it may make (the migrations), a schema of its own (pg-boss's) it may not.
      for (const statement of ['revoke create on database ' + url.pathname.slice(1) + ' from public', `grant create on schema public to ${role}`])
        await onPostgres(statement, url.toString());
      url.username = role;
      const started = Date.now();
      const r = await tianbao(['serve', '--port', '0', '--data', tempDir(), '--database', url.toString()], undefined, 30_000);
      expect([r.code, r.stderr.trim()]).toEqual([1, expect.stringContaining('CREATE SCHEMA')]);
      // Ended by itself: a process left listening on nothing would be killed at the 30 s limit.
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  });

  it('refuses an account name with a character no one can see, and lists an old one written out', async () => {
    const data = tempDir();
    for (const name of ['a\nb', 'a\u001b[2Jb', 'a\u200bb']) {
      const r = await users(data, ['add', '--name', name, '--role', 'city', '--password-stdin'], 'password 1');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('中有看不见的字符');
      expect(r.stderr.replace(/\n/g, '')).not.toMatch(CONTROL);
    }
    // An account made before names were checked.
    const store = await openStore({ data });
    await store.db
      .insertInto('users')
      .values({ id: 'old', name: 'old\u001b[2J\u202eb', role: 'city', unit: null, password_hash: 'x', created_at: '2026-01-01T00:00:00.000Z', disabled_at: null })
      .execute();
    await store.db.destroy();
    const text = await tianbao(['users', 'list', '--data', data]);
    expect(text.stdout).toMatch(/^old\\x1b\[2J\\u202eb +市级/m);
    expect(text.stdout.replace(/\n/g, '')).not.toMatch(CONTROL);
    const json = await tianbao(['users', 'list', '--data', data, '--format', 'json']);
    expect(json.stdout.trim()).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout)[0].name).toBe('old\u001b[2J\u202eb');
  });
});
