// Input no form holds: a NUL, a name that poses as another, requests Node's parser refuses, and errors nobody meant.
import { connect } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { formById } from '@tianbao/forms';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sharedChecker } from './checker.ts';
import { multipart, openJuneLedgerTask, serverWithCityAndClerk } from './requests.ts';

const ledger = formById('review-ledger');
const CHINESE = /[\u4e00-\u9fff]/;

/** The answer to `request` sent as raw bytes over a new connection: its status line and its body. */
async function raw(port: number, request: Buffer | string): Promise<{ status: number; body: string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(request);
  let answer = '';
  socket.on('data', (d) => (answer += d));
  await once(socket, 'close');
  const [head, body = ''] = answer.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]), body };
}

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('hostile input on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};
  let task: string;
  let book: Buffer;

  beforeAll(async () => {
    const made = await serverWithCityAndClerk(await database.open(), checker);
    app = made.app;
    Object.assign(cookies, made.cookies);
    task = await openJuneLedgerTask(app, cookies.city!);
    // Two warnings to explain (3 problems, 2 measures), no error.
    const data = structuredClone(ledger.samples.find((s) => s.unit === '修武县')!) as any;
    data.rows.hearing.problems.push('听证笔录不全');
    book = await writeWorkbook(ledger, data);
    return () => app.close();
  });
  afterEach(() => vi.restoreAllMocks());

  const upload = (fileName: string) => app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart(fileName, book), cookies: cookies.xiuwu });

  it('keeps an upload whose name holds a NUL, the name kept with its control characters replaced', async () => {
    const r = await upload('nul\u0000byte\u0007.xlsx');
    expect(r.statusCode).toBe(201);
    const kept = await app.db.selectFrom('submissions').select(['file_name', 'size']).where('id', '=', r.json().submission).executeTakeFirstOrThrow();
    expect(kept).toEqual({ file_name: 'nul_byte_.xlsx', size: book.length });
    const file = await app.inject({ method: 'GET', url: `/api/submissions/${r.json().submission}/file`, cookies: cookies.xiuwu });
    expect(Buffer.compare(file.rawPayload, book)).toBe(0);
  });

  it('refuses a NUL anywhere else with 400 request.nul, in Chinese: a login name, an explanation, a query, an address', async () => {
    const uploaded = (await upload('台账.xlsx')).json();
    const submission = uploaded.submission as string;
    const warning = (uploaded.report.issues as { severity: string; cell: string; rule: string }[]).find((i) => i.severity === 'warning')!;
    const refused = async (options: InjectOptions) => {
      const r = await app.inject(options);
      expect(r.json().error.message).toMatch(CHINESE);
      return [r.statusCode, r.json().error.rule];
    };
    expect(await refused({ method: 'POST', url: '/api/login', payload: { name: 'xiu\u0000wu', password: 'password 1' } })).toEqual([400, 'request.nul']);
    const explanations = [{ cell: warning.cell, rule: warning.rule, text: '已\u0000核实' }];
    expect(await refused({ method: 'POST', url: `/api/submissions/${submission}/explanations`, payload: { explanations }, cookies: cookies.xiuwu })).toEqual([400, 'request.nul']);
    expect(await refused({ method: 'GET', url: `/api/tasks/${task}/blank?unit=%00`, cookies: cookies.city })).toEqual([400, 'request.nul']);
    expect(await refused({ method: 'GET', url: '/api/submissions/%00', cookies: cookies.xiuwu })).toEqual([400, 'request.nul']);
    expect(await refused({ method: 'GET', url: `/api/tasks/${task}%00/status`, cookies: cookies.city })).toEqual([400, 'request.nul']);
    // Nothing of them was written: the explanation is not kept, and a NUL-free one still is.
    const good = await app.inject({ method: 'POST', url: `/api/submissions/${submission}/explanations`, payload: { explanations: [{ ...explanations[0], text: '已核实' }] }, cookies: cookies.xiuwu });
    expect(good.statusCode).toBe(200);
  });

  it('shows an upload’s name with its bidi and control characters written out, on its page and in its download', async () => {
    const spoof = `报表\u202Exslx.exe${'长'.repeat(5000)}.xlsx`;
    const r = await upload(spoof);
    expect(r.statusCode).toBe(201);
    const id = r.json().submission as string;
    const page = (await app.inject({ method: 'GET', url: `/submissions/${id}`, cookies: cookies.xiuwu })).body;
    expect(page).not.toContain('\u202E');
    expect(page).toContain('<b class="file-name">报表\\u202exslx.exe长长');
    const board = (await app.inject({ method: 'GET', url: `/tasks/${task}`, cookies: cookies.city })).body;
    expect(board).not.toContain('\u202E');
    expect(board).toContain('报表\\u202exslx.exe');
    const file = await app.inject({ method: 'GET', url: `/api/submissions/${id}/file`, cookies: cookies.xiuwu });
    const disposition = file.headers['content-disposition'] as string;
    expect(disposition).not.toMatch(/%E2%80%AE/i);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)![1]!)).toMatch(/^报表\\u202exslx\.exe长/);
    // A long name wraps instead of widening the page.
    const css = (await app.inject({ method: 'GET', url: '/static/portal.css' })).body;
    expect(css).toMatch(/\.file-name \{[^}]*overflow-wrap: anywhere/);
  });

  it('answers what Node’s HTTP parser refuses in Chinese JSON, under a rule id, not the framework’s English', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const cases: [string, Buffer | string, number, string][] = [
      ['raw UTF-8 in the address', Buffer.from('GET /api/tasks/修武 HTTP/1.1\r\nHost: x\r\n\r\n'), 400, 'request.malformed'],
      ['a bad Content-Length', 'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400, 'request.malformed'],
      ['Transfer-Encoding with Content-Length', 'POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n', 400, 'request.malformed'],
      ['an unknown method', 'BREW /api/tasks HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'request.malformed'],
      ['a control character in a header', 'GET /api/tasks HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n', 400, 'request.malformed'],
      ['headers too large', `GET /api/tasks HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request.headers.too-large'],
    ];
    for (const [what, request, status, rule] of cases) {
      const r = await raw(port, request);
      expect([what, r.status], what).toEqual([what, status]);
      const { error } = JSON.parse(r.body);
      expect([what, error.rule]).toEqual([what, rule]);
      expect(error.message).toMatch(CHINESE);
    }
  });

  it('logs every unexpected error on stderr under an id, and tells the user the id only', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text: string | Uint8Array) => (written.push(String(text)), true));
    // A database that fails under a route: the tasks table gone for one query.
    vi.spyOn(app.db, 'selectFrom').mockImplementationOnce(() => {
      throw new Error('database went away');
    });
    const r = await app.inject({ method: 'GET', url: '/api/tasks', cookies: cookies.city });
    expect(r.statusCode).toBe(500);
    const { error } = r.json();
    expect(error.rule).toBe('internal');
    expect(error.message).not.toMatch(/database went away/);
    const id = /错误编号 ([0-9a-f]{8})/.exec(error.message)![1]!;
    const logged = written.join('');
    expect(logged).toContain(`错误 ${id} `);
    expect(logged).toContain('GET /api/tasks');
    expect(logged).toMatch(/Error: database went away\n\s+at /);
    // A page says it the same way.
    vi.spyOn(app.db, 'selectFrom').mockImplementationOnce(() => {
      throw new Error('database went away again');
    });
    const page = await app.inject({ method: 'GET', url: '/board', cookies: cookies.city });
    expect(page.statusCode).toBe(500);
    const pageId = /错误编号 ([0-9a-f]{8})/.exec(page.body)![1]!;
    expect(written.join('')).toMatch(new RegExp(`错误 ${pageId} .* GET /board\\n.*database went away again`));
  });
});
