// The pages, as a browser without JavaScript uses them: forms posted with their CSRF token, cookies kept.
import { defaultUnits, today } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import { zipEntries } from '@tianbao/xlsx/read';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

const ledger = formById('review-ledger');
const sample = ledger.samples.find((s) => s.unit === '修武县')!;

/** 修武县's June ledger with a `<script>` typed into a cell, an error (a deadline that is no date) and a warning (3 problems, 2 measures); or fixed. */
function ledgerOf(fixed: boolean) {
  const data = structuredClone(sample) as any;
  data.rows.hearing.problems.push('<script>alert("台账")</script>听证笔录不全');
  if (!fixed) data.rows.acceptance.deadlines = ['尽快'];
  return writeWorkbook(ledger, data);
}

/** A browser's cookie jar and its form posts, for one user. */
class Browser {
  cookies: Record<string, string> = {};
  constructor(private readonly app: FastifyInstance) {}

  async go(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const r = await this.app.inject({ ...opts, cookies: { ...this.cookies, ...(opts.cookies ?? {}) } });
    for (const c of r.cookies) if (c.value) this.cookies[c.name] = c.value;
    return r;
  }

  get = (url: string) => this.go({ method: 'GET', url });

  /** Post a form as the page at `from` shows it: with that page's CSRF token. */
  async post(from: string, url: string, fields: Record<string, string | string[]>) {
    const token = csrfOf((await this.get(from)).body);
    return this.go({ method: 'POST', url, payload: new URLSearchParams(Object.entries({ ...fields, _csrf: token }).flatMap(([k, v]) => [v].flat().map((x) => [k, x]))).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Upload through the upload form of the page at `from`. */
  async upload(from: string, bytes: Buffer) {
    const page = (await this.get(from)).body;
    const action = /<form class="upload actions" method="post" enctype="multipart\/form-data" action="([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&');
    return this.go({ method: 'POST', url: action, ...multipart('台账.xlsx', bytes) });
  }
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

function multipart(fileName: string, bytes: Buffer) {
  const boundary = 'tianbao-page-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('the pages on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let clerk: Browser;
  let city: Browser;
  let task: string;

  beforeAll(async () => {
    const { db } = await database.open();
    await addUser(db, { name: 'xiuwu', role: 'unit', unit: '修武县', password: '修武口令12345' }, defaultUnits);
    await addUser(db, { name: 'city', role: 'city', password: '市级口令12345' }, defaultUnits);
    await addUser(db, { name: 'wenxian', role: 'unit', unit: '温县', password: '温县口令12345' }, defaultUnits);
    await addUser(db, { name: 'admin', role: 'admin', password: '管理口令12345' }, defaultUnits);
    app = await buildServer({ db, checker });
    clerk = new Browser(app);
    city = new Browser(app);
    expect((await city.post('/login', '/login', { name: 'city', password: '市级口令12345' })).headers.location).toBe('/board');
    expect((await clerk.post('/login', '/login', { name: 'xiuwu', password: '修武口令12345' })).headers.location).toBe('/home');
    const opened = await city.go({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县', '温县'] } });
    task = opened.json().id;
    return () => app.close();
  });

  it('logs in through the form only with the page\'s token; a wrong password is said on the page', async () => {
    const visitor = new Browser(app);
    const login = await visitor.get('/login');
    expect(login.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(login.body).toContain('<h1>登录</h1>');
    const forged = await visitor.go({ method: 'POST', url: '/login', payload: 'name=xiuwu&password=%E4%BF%AE%E6%AD%A6%E5%8F%A3%E4%BB%A412345', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('[request.csrf]');
    const wrong = await visitor.post('/login', '/login', { name: 'xiuwu', password: '不对' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('用户名或密码不正确');
    const right = await visitor.post('/login', '/login', { name: 'xiuwu', password: '修武口令12345' });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe('/home');
    const home = await visitor.get('/home');
    expect(home.body).toContain('2023年6月行政复议工作问题台账');
    expect(home.body).toContain(`href="/api/tasks/${task}/blank"`);
    // The due day is past and nothing came: 逾期.
    expect(home.body).toContain('<span class="state state-missing">逾期</span>');
  });

  it('refuses an upload without the token, unread and unkept', async () => {
    const r = await clerk.go({ method: 'POST', url: `/tasks/${task}/upload`, ...multipart('台账.xlsx', await ledgerOf(false)) });
    expect(r.statusCode).toBe(403);
    const status = await city.go({ method: 'GET', url: `/api/tasks/${task}/status` });
    expect(status.json().units.find((u: { unit: string }) => u.unit === '修武县').files).toEqual([]);
  });

  it('draws an upload\'s sheet with its findings on their cells, every value escaped', async () => {
    const sent = await clerk.upload('/home', await ledgerOf(false));
    expect(sent.statusCode).toBe(303);
    const page = await clerk.get(sent.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;台账&quot;)&lt;/script&gt;听证笔录不全');
    expect(page.body).toMatch(/<td class="flag-error whole" data-cell="E4">尽快<span class="note">【错误】完成时限「尽快」无法识别为日期/);
    expect(page.body).toMatch(/<td class="flag-warning" data-cell="D5">[^<]*<span class="note">【提示】案件审理方面有3个问题、2条改进措施/);
    expect(page.body).toContain('<span class="state state-invalid" id="verdict">不通过</span>');
    // The board: 修武县 did not pass, 温县 has sent nothing yet.
    const board = (await city.get('/board')).body;
    expect(board).toMatch(new RegExp(`<td class="cell-invalid" data-unit="修武县" data-task="${task}">`));
    expect(board).toMatch(new RegExp(`<td class="cell-(not-due|missing)" data-unit="温县" data-task="${task}">`));
  });

  it('keeps the explanation of a warning typed into its box; an error cannot be explained', async () => {
    const [, id] = /\/submissions\/([0-9a-f-]+)"/.exec((await clerk.get('/home')).body)!;
    const page = `/submissions/${id}`;
    const wrong = await clerk.post(page, `${page}/explanations`, { cell: 'E4', rule: 'ledger.deadline.unparsable', text: '领导要求尽快' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('[explanation.error]');
    const saved = await clerk.post(page, `${page}/explanations`, { cell: 'D5', rule: 'ledger.measures.count', text: '第三个问题本月新发现，措施下月补报' });
    expect(saved.headers.location).toBe(`${page}?saved=1`);
    const shown = (await clerk.get(saved.headers.location as string)).body;
    expect(shown).toContain('说明已保存。');
    expect(shown).toMatch(/<td class="flag-explained" data-cell="D5">[^<]*<span class="note">【已说明】/);
    expect(shown).toContain('第三个问题本月新发现，措施下月补报</textarea>');
    // The box takes as much as the API does.
    expect(shown).toContain('maxlength="2000"');
    // Saved again unchanged, nothing more is kept.
    await clerk.post(page, `${page}/explanations`, { cell: 'D5', rule: 'ledger.measures.count', text: '第三个问题本月新发现，措施下月补报' });
    const { db } = await database.open();
    expect(await db.selectFrom('explanations').select('text').where('submission_id', '=', id!).execute()).toHaveLength(1);
  });

  it('gives the city the status workbook and, once 修武县 passes, its file in the zip', async () => {
    // None accepted yet: a page that says so, not an empty zip.
    const none = await city.get(`/tasks/${task}/accepted.zip`);
    expect(none.statusCode).toBe(409);
    expect(none.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(none.body).toContain('还没有通过检查的报送');
    expect(none.body).toContain('[tasks.accepted.none]');
    const fixed = await ledgerOf(true);
    expect((await clerk.upload('/home', fixed)).statusCode).toBe(303);
    const board = (await city.get('/board')).body;
    expect(board).toMatch(new RegExp(`<td class="cell-valid" data-unit="修武县" data-task="${task}">`));

    const xlsx = await city.get(`/tasks/${task}/status.xlsx`);
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await readWorkbook(xlsx.rawPayload);
    const rows = wb.getWorksheet('报送情况')!.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1, 3) : []));
    expect(rows).toContainEqual(['修武县', '通过']);

    const zip = await city.get(`/tasks/${task}/accepted.zip`);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = zipEntries(zip.rawPayload)!;
    expect(entries.map((e) => e.name)).toEqual(['修武县行政复议工作问题台账2023年6月.xlsx']);
    // Its time is when it was uploaded, in the server's time zone, as a zip keeps it (MS-DOS time, to 2 seconds).
    const { received_at } = await app.db.selectFrom('submissions').select('received_at').where('unit', '=', '修武县').orderBy('received_at', 'desc').executeTakeFirstOrThrow();
    const at = new Date(received_at);
    const header = entries[0]!.offset;
    const [time, date] = [zip.rawPayload.readUInt16LE(header + 10), zip.rawPayload.readUInt16LE(header + 12)];
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([
      at.getFullYear(),
      at.getMonth() + 1,
      at.getDate(),
      at.getHours(),
      at.getMinutes(),
      at.getSeconds() - (at.getSeconds() % 2),
    ]);
    // A unit's clerk may not take them.
    expect((await clerk.get(`/tasks/${task}/accepted.zip`)).statusCode).toBe(403);
  });

  it('fills the clerk\'s box with the text offered from the last upload, never shown to the city as an explanation', async () => {
    const [, id] = /\/submissions\/([0-9a-f-]+)"/.exec((await clerk.get('/home')).body)!;
    const offered = '第三个问题本月新发现，措施下月补报';
    expect((await clerk.get(`/submissions/${id}`)).body).toContain(`${offered}</textarea>`);
    const seen = (await city.get(`/submissions/${id}`)).body;
    expect(seen).not.toContain(offered);
    expect(seen).not.toContain('说明：');
  });

  it('sends the clerk from an older upload\'s warnings to the latest upload, the one to explain', async () => {
    const [, latest] = /\/submissions\/([0-9a-f-]+)"/.exec((await clerk.get('/home')).body)!;
    const uploads = [...(await clerk.get(`/submissions/${latest}`)).body.matchAll(/<a href="\/submissions\/([0-9a-f-]+)">/g)].map((m) => m[1]!);
    const oldest = (await clerk.get(`/submissions/${uploads.at(-1)}`)).body;
    expect(oldest).toContain('提示项说明');
    expect(oldest).not.toContain('写明理由后保存');
    expect(oldest).toContain(`提示项请在<a href="/submissions/${latest}">最新一份</a>上核实并说明`);
    expect((await city.get(`/submissions/${uploads.at(-1)}`)).body).toContain('由填报单位逐条核实并说明');
  });

  it('says, while the marked-up copy is made, that it is being made and that the page looks again', async () => {
    const [, id] = /\/submissions\/([0-9a-f-]+)"/.exec((await clerk.get('/home')).body)!;
    const wait = await clerk.get(`/submissions/${id}/annotated`);
    expect(wait.statusCode).toBe(202);
    expect(wait.body).toContain('批注副本正在生成');
    expect(wait.body).toContain('本页每 3 秒自动刷新');
    expect(wait.body).toContain('<meta http-equiv="refresh" content="3">');
    expect(wait.body).not.toContain('未能完成');
  });

  it('links each unit\'s blank on the task\'s page: the city names the unit whose blank it takes', async () => {
    const page = (await city.get(`/tasks/${task}`)).body;
    for (const unit of ['修武县', '温县']) expect(page).toContain(`href="/api/tasks/${task}/blank?unit=${encodeURIComponent(unit)}"`);
  });

  it('fills in this month on the new task\'s form, and leaves it out for a form not monthly', async () => {
    const board = (await city.get('/board')).body;
    expect(board).toContain(`<input id="period" name="period" type="month" value="${today().slice(0, 7)}">`);
    // The city only where it reports the form itself (the page's script hides it for the others).
    expect(board).toMatch(/<option value="census-roster" data-city-reports>/);
    expect(board).toMatch(/<option value="review-ledger" data-monthly>/);
    const made = await city.post('/board', '/tasks', { form: 'census-roster', period: '2035-01', due: '2035-01-10', units: '修武县' });
    expect([made.statusCode, made.headers.location]).toEqual([303, '/board?created=1']);
  });

  it('names the fields of a refused new task as the form does, not as the API does', async () => {
    const r = await city.post('/board', '/tasks', { form: 'review-ledger', due: '2023-06-28' });
    expect(r.statusCode).toBe(400);
    const said = /<div class="notice error" role="alert">([^<]*)/.exec(r.body)![1]!;
    expect(said).toContain('请写明所报月份');
    expect(said).not.toMatch(/[A-Za-z]/);
    expect(r.body).toContain('[task.period.missing]');
  });

  it('gives a box to each warning about the whole file, and counts them explained', async () => {
    const roster = formById('census-roster');
    const opened = await city.go({ method: 'POST', url: '/api/tasks', payload: { form: 'census-roster', due: '2099-12-31', units: ['修武县'] } });
    const data = roster.samples.find((s) => s.unit === '修武县')!;
    const sent = await clerk.upload('/home', await writeWorkbook(roster, { ...data, members: data.members.slice(0, 6) }));
    const page = sent.headers.location as string;
    const shown = (await clerk.get(page)).body;
    const boxes = shown.match(/aria-label="整个文件 的说明"/g) ?? [];
    expect(boxes.length).toBeGreaterThan(1);
    // The form as the page has it, every box filled.
    const field = (name: string) => [...shown.matchAll(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`, 'g'))].map((m) => m[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'));
    const cells = field('cell');
    const saved = await clerk.post(page, `${page}/explanations`, { cell: cells, rule: field('rule'), message: field('message'), text: cells.map((_, i) => `已核实第${i + 1}条`) });
    expect(saved.headers.location).toBe(`${page}?saved=1`);
    const after = (await clerk.get(page)).body;
    expect(after.match(/<span class="state state-explained">已说明<\/span>/g)).toHaveLength(cells.length);
    const board = (await city.get('/board')).body;
    expect(board).toMatch(new RegExp(`<td class="cell-explained" data-unit="修武县" data-task="${opened.json().id}">`));
  });

  it('says above the lists how many findings are not listed, rather than as one more of them to explain', async () => {
    const list = formById('outfall-checklist');
    await city.go({ method: 'POST', url: '/api/tasks', payload: { form: 'outfall-checklist', due: '2099-12-31', units: ['修武县'] } });
    const data = list.samples.find((s) => s.unit === '修武县')!;
    // 1,100 outfalls of one code: 1,099 duplicates, 1,000 listed.
    const sent = await clerk.upload('/home', await writeWorkbook(list, { ...data, outfalls: Array.from({ length: 1100 }, () => data.outfalls[0]!) }));
    const shown = (await clerk.get(sent.headers.location as string)).body;
    expect(shown).toContain('错误 <b>1099</b> 处');
    expect(shown).toContain('<p class="notice info" id="unlisted">其中 99 处（错误 99 处、提示 0 处）未在下面列出：每份最多列出 1000 处');
    expect(shown.indexOf('id="unlisted"')).toBeLessThan(shown.indexOf('<h2>须改正的错误</h2>'));
    expect(shown.match(/\[outfall\.code\.duplicate\]/g)).toHaveLength(1000);
    expect(shown).not.toContain('[file.too-many-issues]');
  });

  it('changes one\'s password when the new one is typed twice alike', async () => {
    const wenxian = new Browser(app);
    await wenxian.post('/login', '/login', { name: 'wenxian', password: '温县口令12345' });
    const unlike = await wenxian.post('/account', '/account/password', { currentPassword: '温县口令12345', newPassword: '新口令abcdefg', again: '新口令abcdefh' });
    expect(unlike.statusCode).toBe(400);
    expect(unlike.body).toContain('[users.password.mismatch]');
    const wrong = await wenxian.post('/account', '/account/password', { currentPassword: '不对', newPassword: '新口令abcdefg', again: '新口令abcdefg' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('[users.password.wrong]');
    const changed = await wenxian.post('/account', '/account/password', { currentPassword: '温县口令12345', newPassword: '新口令abcdefg', again: '新口令abcdefg' });
    expect(changed.headers.location).toBe('/account?done=changed');
    expect((await new Browser(app).post('/login', '/login', { name: 'wenxian', password: '新口令abcdefg' })).headers.location).toBe('/home');
  });

  it('lets an administrator disable an account, which is logged out at once', async () => {
    const admin = new Browser(app);
    await admin.post('/login', '/login', { name: 'admin', password: '管理口令12345' });
    const wenxian = new Browser(app);
    await wenxian.post('/login', '/login', { name: 'wenxian', password: '新口令abcdefg' });
    const list = (await admin.get('/account')).body;
    const [, id] = /action="\/users\/([0-9a-f-]+)\/disable"/.exec(list.slice(list.indexOf('<td>wenxian</td>')))!;
    expect((await admin.post('/account', `/users/${id}/disable`, {})).headers.location).toBe('/account?done=disabled');
    expect((await wenxian.get('/home')).headers.location).toBe('/login');
    // Only an administrator may.
    expect((await city.post('/account', `/users/${id}/password`, { password: '随便什么口令123' })).statusCode).toBe(403);
  });

  it('lets the city\'s office upload on a task\'s page what the city itself reports', async () => {
    const roster = formById('census-roster');
    const opened = await city.go({ method: 'POST', url: '/api/tasks', payload: { form: 'census-roster', due: '2099-12-31', units: ['焦作市', '温县'] } });
    const page = `/tasks/${opened.json().id}`;
    expect((await city.get(page)).body).toContain('焦作市（市本级）报送');
    const sent = await city.upload(page, await writeWorkbook(roster, { ...roster.samples[0]!, unit: '焦作市' }));
    expect(sent.statusCode).toBe(303);
    const shown = (await city.get(sent.headers.location as string)).body;
    expect(shown).toContain('<h1>焦作市 · ');
    expect(shown).toContain('改正后重新上传');
    // Not on a form the counties alone report.
    expect((await city.get(`/tasks/${task}`)).body).not.toContain('市本级');
  });

  it('offers no marked-up copy of a file that could not be read, and says why at once', async () => {
    const opened = await city.go({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period: '2023-07', due: '2023-07-28', units: ['修武县'] } });
    const sent = await clerk.go({ method: 'POST', url: `/api/tasks/${opened.json().id}/submissions`, ...multipart('台账.xlsx', Buffer.from('台账见附件，不是表格')) });
    expect(sent.statusCode).toBe(201);
    const page = `/submissions/${sent.json().submission}`;
    const shown = (await clerk.get(page)).body;
    expect(shown).toContain('未能读取');
    expect(shown).not.toContain('下载批注副本');
    const api = await clerk.get(`/api${page}/annotated`);
    expect(api.statusCode).toBe(422);
    expect(api.json().error.rule).toBe('submission.annotated.failed');
    const [why] = (await clerk.get(`/api${page}`)).json().issues.map((i: { message: string }) => i.message);
    expect(api.json().error.message).toBe(`此文件未能读取，没有批注副本：${why}`);
    const copy = await clerk.get(`${page}/annotated`);
    expect(copy.statusCode).toBe(422);
    expect(copy.body).toContain('[submission.annotated.failed]');
  });

  it('sends a visitor without a session to the login page', async () => {
    const r = await app.inject({ method: 'GET', url: '/board' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/login');
  });
});
