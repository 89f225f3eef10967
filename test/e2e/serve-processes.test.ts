import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './run.ts';
import { type Serving, postgresDatabase, psql, serve, tianbaoWithInput } from './serve-process.ts';

const FAULTY = readFileSync(`${FIXTURES}/sheetjs/faulty-2023-06.xlsx`);

describe('two `tianbao serve` processes on one PostgreSQL', () => {
  let database: ReturnType<typeof postgresDatabase>;
  const running: Serving[] = [];
  beforeAll(() => {
    database = postgresDatabase();
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    database?.drop();
  });

  it('see one another’s sessions and uploads; a job queued by a web-only process is done by the other', async () => {
    const db = ['--database', database.url];
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县']] as const) {
      const added = await tianbaoWithInput(['users', 'add', '--name', name, '--role', role, ...(unit ? ['--unit', unit] : []), '--password-stdin', ...db], `${name} 的密码\n`);
      expect(added.code).toBe(0);
    }
    // A takes no background jobs; B, started later, does them.
    const a = await serve([...db, '--workers', '0']);
    running.push(a);
    const call = (server: Serving, path: string, cookie: string, init: RequestInit = {}) =>
      fetch(new URL(path, server.url), { ...init, headers: { cookie, ...init.headers } });
    const login = async (name: string) => {
      const r = await fetch(new URL('api/login', a.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: `${name} 的密码` }),
      });
      expect(r.status).toBe(200);
      return r.headers.getSetCookie()[0]!.split(';')[0]!;
    };
    const [city, clerk] = [await login('city'), await login('xiuwu')];
    const json = { 'content-type': 'application/json' };
    const task = (await (await call(a, 'api/tasks', city, { method: 'POST', headers: json, body: JSON.stringify({ form: 'review-ledger', period: '2023-06', due: '2023-06-28' }) })).json()).id;
    const form = new FormData();
    form.append('file', new Blob([FAULTY]), '修武县2023年6月问题台账.xlsx');
    const uploaded = await call(a, `api/tasks/${task}/submissions`, clerk, { method: 'POST', body: form });
    expect(uploaded.status).toBe(201);
    const { submission, report } = await uploaded.json();
    // Asked for through A, the copy is queued; nobody takes it yet.
    const copy = (server: Serving) => call(server, `api/submissions/${submission}/annotated`, clerk);
    const pending = await copy(a);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('retry-after')).toBe('2');

    const b = await serve(db);
    running.push(b);
    // Logged in through A, the clerk and the city are logged in on B; the upload through A is there.
    expect(await (await call(b, `api/submissions/${submission}`, clerk)).json()).toEqual(report);
    const status = await (await call(b, `api/tasks/${task}/status`, city)).json();
    expect(status.units.find((u: { unit: string }) => u.unit === '修武县')).toMatchObject({ submission, state: 'invalid' });
    const original = await call(b, `api/submissions/${submission}/file`, city);
    expect(Buffer.compare(Buffer.from(await original.arrayBuffer()), FAULTY)).toBe(0);

    // B takes the job A queued; A, which does none, then sends the copy.
    let made = await copy(a);
    for (let i = 0; made.status === 202 && i < 120; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      made = await copy(a);
    }
    expect(made.status).toBe(200);
    expect(made.headers.get('content-disposition')).toContain(encodeURIComponent('修武县2023年6月问题台账-批注.xlsx'));
    const bytes = Buffer.from(await made.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(Buffer.compare(Buffer.from(await (await copy(b)).arrayBuffer()), bytes)).toBe(0);
    const [taken] = psql(database.url, `select count(*) from pgboss.job where name = 'annotated-copy' and singleton_key = '${submission}' and state = 'completed'`);
    expect(taken).toBe('1');

    // An account disabled from the command line is logged out of both at once.
    expect((await tianbaoWithInput(['users', 'disable', '--name', 'xiuwu', ...db], '')).code).toBe(0);
    for (const server of [a, b]) expect((await call(server, 'api/me', clerk)).status).toBe(401);
    expect((await call(b, 'api/me', city)).status).toBe(200);
    const actions = psql(database.url, 'select action from audit order by at');
    expect(actions).toEqual(
      expect.arrayContaining(['users.add', 'login', 'tasks.create', 'submissions.upload', 'submissions.download', 'submissions.annotated.download', 'users.disable']),
    );

    for (const server of running.splice(0)) {
      const { code, stdout, stderr } = await server.stop();
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toMatch(/门户已停止\n$/);
    }
  });

  it('refuses --workers 0 on SQLite, where no other process takes the jobs', async () => {
    const r = await tianbaoWithInput(['serve', '--workers', '0', '--data', '/nonexistent/tianbao'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--workers 0 只用于 PostgreSQL（--database）');
  });
});
