// The portal's API over real HTTP: every route asked by each role (administrator, the city's office, a unit's
// clerk for its own unit and for another, nobody logged in) of one built `tianbao serve`, and what each 2xx sends.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formById } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from './run.ts';
import { type Serving, serve, tianbaoWithInput } from './serve-process.ts';
import { type Who, client, downloadName, loginFrom, streamedUpload, untilMade, upload } from './serve-api-requests.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ledger = formById('review-ledger');
const sample = ledger.samples.find((s) => s.unit === '修武县')!;
/** 修武县's June ledger, valid, with a warning to explain: two problems of 审理 and one measure. */
const goodLedger = () => writeWorkbook(ledger, { ...sample, rows: { ...sample.rows, hearing: { ...sample.rows.hearing, measures: [sample.rows.hearing.measures[0]!] } } });
/** One row of 200,000 cells (test/fixtures/hostile/README.md): a file built to take a checker down. */
const HOSTILE = readFileSync(join(FIXTURES, 'hostile', 'wide-row-200000.xlsx'));

/** Every text of every sheet of a workbook. */
async function textsOf(bytes: ArrayBuffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const texts: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text))));
  return texts.join('\n');
}

const ACCOUNTS = [
  ['admin', 'admin'],
  ['city', 'city'],
  ['xiuwu', 'unit', '修武县'],
  ['wenxian', 'unit', '温县'],
] as const;
const REFUSED = {
  none: [401, 'auth.required'],
  forbidden: [403, 'auth.forbidden'],
  task: [404, 'task.not-found'],
  submission: [404, 'submission.not-found'],
} as const;

describe('the API of `tianbao serve` over HTTP, role by role', () => {
  const data = tempDir();
  const passwords: Record<string, string> = Object.fromEntries(ACCOUNTS.map(([name]) => [name, `${name} 的口令 1`]));
  const cookies: Partial<Record<Who, string>> = {};
  /** Each account's login: its status and the account it answered. */
  const logins: Partial<Record<Who, [status: number, account: object]>> = {};
  let server: Serving;
  let api: ReturnType<typeof client>;
  let june: string;
  let july: string;
  let good: Buffer;
  let submitted: { submission: string; report: { valid: boolean; issues: { severity: string; rule: string; cell: string | null }[] } };
  let hostile: string;

  const login = (name: string, password = passwords[name]!) =>
    fetch(new URL('api/login', server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });

  beforeAll(async () => {
    const add = ([name, role, unit]: (typeof ACCOUNTS)[number]) =>
      tianbaoWithInput(['users', 'add', '--name', name, '--role', role, ...(unit ? ['--unit', unit] : []), '--password-stdin', '--data', data], `${passwords[name]}\n`);
    // The first makes the database; the others may then be added at once.
    const added = [await add(ACCOUNTS[0])];
    added.push(...(await Promise.all(ACCOUNTS.slice(1).map(add))));
    expect(added.map((a) => a.code)).toEqual([0, 0, 0, 0]);
    [server, good] = await Promise.all([serve(['--data', data]), goodLedger()]);
    api = client(server.url, cookies);
    await Promise.all(
      ACCOUNTS.map(async ([name]) => {
        const r = await login(name);
        logins[name] = [r.status, await r.json()];
        cookies[name] = r.headers.getSetCookie()[0]!.split(';')[0]!;
      }),
    );
  });

  afterAll(async () => {
    const stopped = await server?.stop();
    // Nothing went wrong that the admin would read about on stderr, a hostile upload included.
    expect(stopped).toMatchObject({ code: 0, stderr: '' });
  });

  it('logs each account in, refuses a wrong password, and says who is logged in', async () => {
    for (const [name, role, unit] of ACCOUNTS)
      expect(logins[name]).toEqual([200, { id: expect.any(String), name, role, unit: unit ?? null, createdAt: expect.any(String), disabled: false }]);
    const wrong = await login('xiuwu', '不是这个口令');
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: { rule: 'auth.login.failed', message: '用户名或密码不正确' } }]);
    const me = await api.asEach('GET', 'api/me', { none: REFUSED.none, admin: 200, city: 200, xiuwu: 200, wenxian: 200 });
    for (const [name] of ACCOUNTS) expect(await me[name].json()).toEqual(logins[name]![1]);
  });

  it('opens a task for the city and the administrator only, and lists to a clerk the tasks of its unit', async () => {
    const body = { form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县', '温县'] };
    // The administrator's is the same report for the same units: refused as the city's duplicate.
    const opened = await api.asEach(
      'POST',
      'api/tasks',
      { none: REFUSED.none, xiuwu: REFUSED.forbidden, wenxian: REFUSED.forbidden, city: 201, admin: [409, 'task.duplicate'] },
      () => body,
    );
    const task = await opened.city.json();
    expect(task).toEqual({ id: expect.any(String), ...body, createdAt: expect.any(String) });
    june = task.id;
    // 修武县's alone: a task 温县 does not report in.
    const julyBody = { form: 'review-ledger', period: '2023-07', due: '2023-07-28', units: ['修武县'] };
    const second = await (await api.asEach('POST', 'api/tasks', { admin: 201 }, () => julyBody)).admin.json();
    expect(second).toEqual({ id: expect.any(String), ...julyBody, createdAt: expect.any(String) });
    july = second.id;

    const listed = await api.asEach('GET', 'api/tasks', { none: REFUSED.none, admin: 200, city: 200, xiuwu: 200, wenxian: 200 });
    const ids = async (who: Who) => ((await listed[who].json()) as { id: string }[]).map((t) => t.id);
    expect(await ids('admin')).toEqual([july, june]);
    expect(await ids('city')).toEqual([july, june]);
    expect(await ids('xiuwu')).toEqual([july, june]);
    expect(await ids('wenxian')).toEqual([june]);
  });

  it('judges a hostile file from one unit while another uploads a good ledger: both answered, the good one accepted', async () => {
    const send = (who: Who, name: string, bytes: Buffer) => api.call(who, 'POST', `api/tasks/${june}/submissions`, upload(name, bytes));
    const [bad, ok] = await Promise.all([send('wenxian', 'wide-row-200000.xlsx', HOSTILE), send('xiuwu', '修武县2023年6月台账.xlsx', good)]);
    expect([bad.status, ok.status]).toEqual([201, 201]);
    submitted = await ok.json();
    expect(submitted).toMatchObject({ submission: expect.any(String), report: { file: '修武县2023年6月台账.xlsx', template: 'review-ledger', unit: '修武县', period: '2023-06', valid: true } });
    expect(submitted.report.issues.map((i) => [i.severity, i.rule])).toEqual([['warning', 'ledger.measures.count']]);
    const refused = await bad.json();
    expect(refused.report).toMatchObject({ file: 'wide-row-200000.xlsx', template: null, valid: false, issues: [{ severity: 'error', rule: 'file.corrupt' }] });
    expect(refused.report.issues).toHaveLength(1);
    hostile = refused.submission;
    // The server is alive and answers both.
    await api.asEach('GET', 'api/me', { wenxian: 200, xiuwu: 200 });

    // Only a unit's clerk uploads a ledger, and only to a task of its unit (the city reports no ledger of its own).
    await api.asEach(
      'POST',
      `api/tasks/${july}/submissions`,
      { none: REFUSED.none, admin: REFUSED.forbidden, city: [403, 'submission.city.not-reporter'], wenxian: REFUSED.task },
      () => upload('修武县2023年7月台账.xlsx', good),
    );
  });

  it('shows a submission and its bytes to its unit, the city and the administrator; to another unit it is not there', async () => {
    const shown = await api.asEach('GET', `api/submissions/${submitted.submission}`, { none: REFUSED.none, wenxian: REFUSED.submission, xiuwu: 200, city: 200, admin: 200 });
    for (const who of ['xiuwu', 'city', 'admin'] as const) expect(await shown[who].json()).toEqual({ ...submitted.report, issues: submitted.report.issues.map((i) => ({ ...i, explained: false })) });
    await api.asEach('GET', 'api/submissions/00000000-0000-0000-0000-000000000000', { admin: REFUSED.submission, xiuwu: REFUSED.submission });

    for (const [id, bytes, name, own, other] of [
      [submitted.submission, good, '修武县2023年6月台账.xlsx', 'xiuwu', 'wenxian'],
      [hostile, HOSTILE, 'wide-row-200000.xlsx', 'wenxian', 'xiuwu'],
    ] as const) {
      const files = await api.asEach('GET', `api/submissions/${id}/file`, { none: REFUSED.none, [other]: REFUSED.submission, [own]: 200, city: 200, admin: 200 });
      for (const who of [own, 'city', 'admin'] as const) {
        const r = files[who];
        expect([r.headers.get('content-type'), downloadName(r)]).toEqual(['application/octet-stream', name]);
        expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
      }
    }
  });

  it('takes the explanation of a warning from the unit that sent it only', async () => {
    const warning = submitted.report.issues[0]!;
    const text = '审理环节的第二个问题与第一个共用一条整改措施';
    const explained = await api.asEach(
      'POST',
      `api/submissions/${submitted.submission}/explanations`,
      { none: REFUSED.none, wenxian: REFUSED.submission, admin: REFUSED.forbidden, city: [403, 'explanation.not-own'], xiuwu: 200 },
      () => ({ explanations: [{ cell: warning.cell, rule: warning.rule, text }] }),
    );
    const report = await explained.xiuwu.json();
    expect(report.issues).toEqual([{ ...warning, explained: true, explanation: text }]);
    expect(await (await api.call('city', 'GET', `api/submissions/${submitted.submission}`)).json()).toEqual(report);

    // The marked-up copy, made by a job: asked for, then sent with the explanation as the warning's comment.
    const pending = await api.asEach('GET', `api/submissions/${submitted.submission}/annotated`, { none: REFUSED.none, wenxian: REFUSED.submission, xiuwu: 202 });
    expect([pending.xiuwu.headers.get('retry-after'), await pending.xiuwu.json()]).toEqual(['2', { message: '批注副本正在生成，请 2 秒后再下载' }]);
    const copies: ArrayBuffer[] = [];
    for (const who of ['xiuwu', 'city', 'admin'] as const) {
      const copy = await untilMade(() => api.call(who, 'GET', `api/submissions/${submitted.submission}/annotated`));
      expect([copy.status, copy.headers.get('content-type'), downloadName(copy)]).toEqual([200, XLSX, '修武县2023年6月台账-批注.xlsx']);
      copies.push(await copy.arrayBuffer());
    }
    // One copy, kept: the same bytes for each.
    expect(copies.every((c) => Buffer.from(c).equals(Buffer.from(copies[0]!)))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copies[0]!);
    expect(JSON.stringify(wb.getWorksheet(ledger.layout.sheet)!.getCell(warning.cell!).note)).toContain(text);
    // A file that could not be read has no copy.
    await api.asEach('GET', `api/submissions/${hostile}/annotated`, { xiuwu: REFUSED.submission, wenxian: [422, 'submission.annotated.failed'] });
  });

  it('gives a blank to the task’s units, and to the city and the administrator the blank of the unit they name', async () => {
    // A blank titled for no unit (XX县) is no unit's: the city, which does not report the ledger, names the unit.
    const blanks = await api.asEach('GET', `api/tasks/${july}/blank`, {
      none: REFUSED.none,
      wenxian: REFUSED.task,
      xiuwu: 200,
      city: [400, 'task.blank.unit-missing'],
      admin: [400, 'task.blank.unit-missing'],
    });
    expect((await (await api.call('city', 'GET', `api/tasks/${july}/blank`)).json()).error.message).toContain('?unit=修武县');
    const ofUnit = await api.asEach('GET', `api/tasks/${july}/blank?unit=${encodeURIComponent('修武县')}`, { city: 200, admin: 200, wenxian: REFUSED.task });
    const cases = [
      [blanks.xiuwu, '修武县'],
      [ofUnit.city, '修武县'],
      [ofUnit.admin, '修武县'],
    ] as const;
    const titled = `行政复议工作问题台账2023年7月（空白表）.xlsx`;
    for (const [r, unit] of cases) {
      expect(r.headers.get('content-type')).toBe(XLSX);
      const name = downloadName(r);
      expect(name.endsWith(titled)).toBe(true);
      const texts = await textsOf(await r.arrayBuffer());
      if (unit) expect([name, texts]).toEqual([`${unit}${titled}`, expect.stringContaining(`${unit}行政复议工作问题台账`)]);
      else expect(name).not.toContain('修武县');
    }
  });

  it('says where the units of a task stand: a clerk sees its own unit’s row only', async () => {
    const status = await api.asEach('GET', `api/tasks/${june}/status`, { none: REFUSED.none, xiuwu: 200, wenxian: 200, city: 200, admin: 200 });
    const rows = async (who: Who) => ((await status[who].json()) as { units: { unit: string; submission: string | null }[] }).units.map((u) => [u.unit, u.submission]);
    const xiuwu = ['修武县', submitted.submission];
    const wenxian = ['温县', hostile];
    expect(await rows('xiuwu')).toEqual([xiuwu]);
    expect(await rows('wenxian')).toEqual([wenxian]);
    expect(await rows('city')).toEqual([xiuwu, wenxian]);
    expect(await rows('admin')).toEqual([xiuwu, wenxian]);
    const nothingYet = await api.asEach('GET', `api/tasks/${july}/status`, { wenxian: REFUSED.task, xiuwu: 200 });
    expect((await nothingYet.xiuwu.json()).units.map((u: { unit: string; submission: string | null }) => [u.unit, u.submission])).toEqual([['修武县', null]]);
    await api.asEach('GET', 'api/tasks/00000000-0000-0000-0000-000000000000/status', { admin: REFUSED.task });
  });

  it('compiles a task for the city and the administrator only: the hostile file listed as not taken in', async () => {
    const path = (format: string) => `api/tasks/${june}/compiled?format=${format}`;
    const pending = await api.asEach('GET', path('xlsx'), { none: REFUSED.none, xiuwu: REFUSED.forbidden, wenxian: REFUSED.forbidden, city: 202 });
    expect([pending.city.headers.get('retry-after'), await pending.city.json()]).toEqual(['5', { message: '全市汇总正在生成，请 5 秒后再下载' }]);
    for (const who of ['city', 'admin'] as const) {
      const xlsx = await untilMade(() => api.call(who, 'GET', path('xlsx')));
      expect([xlsx.status, xlsx.headers.get('content-type'), downloadName(xlsx)]).toEqual([200, XLSX, '焦作市2023年6月行政复议工作问题台账汇总.xlsx']);
      const texts = await textsOf(await xlsx.arrayBuffer());
      expect(texts).toContain(sample.rows.hearing.problems[0]!);
      expect(texts).toMatch(/未纳入[^]*wide-row-200000\.xlsx/);
      const pdf = await untilMade(() => api.call(who, 'GET', path('pdf')));
      expect([pdf.status, pdf.headers.get('content-type'), downloadName(pdf)]).toEqual([200, 'application/pdf', '焦作市2023年6月行政复议工作问题台账汇总.pdf']);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('refuses an upload past 50 MB with 413, keeping nothing of it', async () => {
    const { body, contentType } = streamedUpload(51);
    const r = await fetch(new URL(`api/tasks/${june}/submissions`, server.url), {
      method: 'POST',
      headers: { cookie: cookies.xiuwu!, 'content-type': contentType },
      body,
      duplex: 'half',
    } as RequestInit);
    expect([r.status, ((await r.json()) as { error: { rule: string } }).error.rule]).toEqual([413, 'submission.too-large']);
    const status = await (await api.call('xiuwu', 'GET', `api/tasks/${june}/status`)).json();
    expect(status.units.map((u: { submission: string }) => u.submission)).toEqual([submitted.submission]);
  });

  it('changes one’s own password, for every role, keeping the session', async () => {
    const changed = (who: Who) => ({ currentPassword: passwords[who], newPassword: `${who} 的新口令 2` });
    await api.asEach('POST', 'api/me/password', { none: REFUSED.none }, () => changed('xiuwu'));
    await api.asEach('POST', 'api/me/password', { city: [403, 'users.password.wrong'] }, () => changed('xiuwu'));
    for (const [name] of ACCOUNTS) {
      await api.asEach('POST', 'api/me/password', { [name]: 204 }, () => changed(name));
      passwords[name] = changed(name).newPassword;
    }
    const me = await api.asEach('GET', 'api/me', { admin: 200, city: 200, xiuwu: 200, wenxian: 200 });
    for (const [name] of ACCOUNTS) expect(await me[name].json()).toEqual(logins[name]![1]);
  });

  it('lets only the administrator list, disable, enable and reset accounts', async () => {
    const everyOther = { none: REFUSED.none, city: REFUSED.forbidden, xiuwu: REFUSED.forbidden, wenxian: REFUSED.forbidden };
    const listed = await (await api.asEach('GET', 'api/users', { ...everyOther, admin: 200 })).admin.json();
    expect(listed.map((a: { name: string }) => a.name).sort()).toEqual(['admin', 'city', 'wenxian', 'xiuwu']);
    const id = (name: string) => listed.find((a: { name: string }) => a.name === name).id;
    const account = logins.wenxian!;

    const disabled = await api.asEach('POST', `api/users/${id('wenxian')}/disable`, { ...everyOther, admin: 200 });
    expect(await disabled.admin.json()).toEqual({ ...account[1], disabled: true });
    expect((await login('wenxian')).status).toBe(401);
    // Its session ended with it, and stays ended once enabled.
    const enabled = await api.asEach('POST', `api/users/${id('wenxian')}/enable`, { ...everyOther, wenxian: REFUSED.none, admin: 200 });
    expect(await enabled.admin.json()).toEqual({ ...account[1], disabled: false });

    passwords.wenxian = '温县 重设的口令 3';
    await api.asEach('POST', `api/users/${id('wenxian')}/password`, { ...everyOther, wenxian: REFUSED.none, admin: 204 }, () => ({ password: passwords.wenxian }));
    const again = await login('wenxian');
    expect(again.status).toBe(200);
    cookies.wenxian = again.headers.getSetCookie()[0]!.split(';')[0]!;
    await api.asEach('GET', 'api/me', { wenxian: 200 });

    const nobody = '00000000-0000-0000-0000-000000000000';
    for (const action of ['disable', 'enable', 'password'])
      await api.asEach('POST', `api/users/${nobody}/${action}`, { admin: [404, 'users.not-found'] }, () => (action === 'password' ? { password: '谁也不是的口令' } : undefined));
    await api.asEach('POST', `api/users/${id('admin')}/disable`, { admin: [400, 'users.disable.self'] });
  });

  it('logs a session out, and only that one', async () => {
    const second = await login('xiuwu');
    const cookie = second.headers.getSetCookie()[0]!.split(';')[0]!;
    const out = await fetch(new URL('api/logout', server.url), { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^tianbao_session=; .*Expires=Thu, 01 Jan 1970/);
    expect((await fetch(new URL('api/me', server.url), { headers: { cookie } })).status).toBe(401);
    await api.asEach('GET', 'api/me', { xiuwu: 200 });
    await api.asEach('POST', 'api/logout', { none: 204 });
  });

  it('holds up a name after 10 failed logins a minute, the right password too, with 429', async () => {
    // Each failure from an address of its own: it is the name that is held up, not an address.
    // The administrator's name has had no failure yet.
    for (let i = 2; i <= 11; i++) expect(await loginFrom(server.url, `127.0.0.${i}`, 'admin', `猜的口令 ${i}`)).toMatchObject({ status: 401, rule: 'auth.login.failed' });
    const held = await loginFrom(server.url, '127.0.0.12', 'admin', passwords.admin!);
    expect(held).toMatchObject({ status: 429, rule: 'auth.login.throttled' });
    expect(Number(held.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(held.retryAfter)).toBeLessThanOrEqual(60);
    expect(await loginFrom(server.url, '127.0.0.12', 'xiuwu', passwords.xiuwu!)).toMatchObject({ status: 200 });
  });
});
