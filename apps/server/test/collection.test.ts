import { readFileSync } from 'node:fs';
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { formById } from '@tianbao/forms';
import { writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/index.ts';
import { sharedChecker } from './checker.ts';

const ledger = formById('review-ledger');
const roster = formById('census-roster');
const sampleOf = (unit: string) => ledger.samples.find((s) => s.unit === unit)!;
const HOSTILE = readFileSync(new URL('../../../test/fixtures/hostile/size-lie-bomb.xlsx', import.meta.url));

/** A multipart body with one file, as a browser's form sends it. */
function multipart(fileName: string, bytes: Buffer, field = 'file') {
  const boundary = 'tianbao-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const rulesOf = (r: LightMyRequestResponse) => (r.json().report.issues as { rule: string }[]).map((i) => i.rule);

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('collecting on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  const cookies: Record<string, Record<string, string>> = {};
  const as = (name: string) => ({ cookies: cookies[name]! });
  let june: string;
  let july: string;
  let files: Record<'xiuwu' | 'wenxian' | 'xiuwuJuly' | 'roster', Buffer>;

  beforeAll(async () => {
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县'], ['wenxian', 'unit', '温县'], ['boai', 'unit', '博爱县']] as const)
      await addUser(db, { name, role, unit, password: 'password 1' }, defaultUnits);
    app = await buildServer({ db, checker });
    for (const name of ['city', 'xiuwu', 'wenxian', 'boai']) {
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } });
      cookies[name] = { tianbao_session: r.cookies.find((c) => c.name === 'tianbao_session')!.value };
    }
    const [xiuwu, wenxian, xiuwuJuly, rosterBook] = await Promise.all([
      writeWorkbook(ledger, sampleOf('修武县')),
      writeWorkbook(ledger, sampleOf('温县')),
      writeWorkbook(ledger, { ...sampleOf('修武县'), period: '2023-07', reportDate: '2023-07-26' }),
      writeWorkbook(roster, { ...roster.samples[0]!, unit: '修武县' }),
    ]);
    files = { xiuwu, wenxian, xiuwuJuly, roster: rosterBook };
    const open = (payload: object) => app.inject({ method: 'POST', url: '/api/tasks', payload, ...as('city') });
    june = (await open({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['修武县', '温县'] })).json().id;
    july = (await open({ form: 'review-ledger', period: '2023-07', due: '2023-07-28' })).json().id;
    return () => app.close();
  });

  const upload = (task: string, name: string, fileName: string, bytes: Buffer) =>
    app.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart(fileName, bytes), ...as(name) });

  it('opens tasks for the city, refusing each mistake in Chinese', async () => {
    const open = (payload: object, name = 'city') => app.inject({ method: 'POST', url: '/api/tasks', payload, ...as(name) });
    // Units named by alias are kept by name; the city reports the roster itself.
    const made = await open({ form: 'census-roster', due: '2023-07-10', units: ['示范区', '焦作市'] });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ form: 'census-roster', period: null, due: '2023-07-10', units: ['焦作市城乡一体化示范区', '焦作市'] });
    const refused = async (payload: object, name?: string) => {
      const r = await open(payload, name);
      return [r.statusCode, r.json().error.rule];
    };
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-06-28' }, 'xiuwu')).toEqual([403, 'auth.forbidden']);
    expect(await refused({ form: 'nothing', due: '2023-06-28' })).toEqual([400, 'template.unknown']);
    expect(await refused({ form: 'review-ledger', due: '2023-06-28' })).toEqual([400, 'task.period.missing']);
    expect(await refused({ form: 'review-ledger', period: '2023-13', due: '2023-06-28' })).toEqual([400, 'task.period.invalid']);
    expect(await refused({ form: 'census-roster', period: '2023-06', due: '2023-06-28' })).toEqual([400, 'task.period.not-monthly']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-02-30' })).toEqual([400, 'task.due.invalid']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: ['开封县'] })).toEqual([400, 'task.unit.unknown']);
    expect(await refused({ form: 'review-ledger', period: '0000-06', due: '2023-06-28' })).toEqual([400, 'task.period.invalid']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '0000-06-28' })).toEqual([400, 'task.due.invalid']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-05-31' })).toEqual([400, 'task.due.before-period']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: '修武县' })).toEqual([400, 'task.units.invalid']);
    expect(await refused({ form: 'review-ledger', period: '2023-06', due: '2023-06-28', units: [1] })).toEqual([400, 'task.units.invalid']);
    expect(await refused({ form: 'review-ledger', period: null, due: '2023-06-28' })).toEqual([400, 'task.period.missing']);
    expect(await refused({ form: 'census-roster', period: '', due: '2023-06-28' })).toEqual([400, 'task.period.not-monthly']);
    expect((await open({ form: 'census-roster', period: null, due: '2023-06-28' })).statusCode).toBe(201);
    expect((await open({ form: 'nothing', due: '2023-06-28' })).json().error.message).toMatch(/^未知表样「nothing」。可用：review-ledger/);
    // The default units: the whole list.
    const all = (await app.inject({ method: 'GET', url: `/api/tasks`, ...as('city') })).json();
    expect(all.find((t: { id: string }) => t.id === july).units).toEqual(defaultUnits.units.map((u) => u.name));
  });

  it('lists to a unit the tasks it reports in; none without a session', async () => {
    const ids = async (name: string) => ((await app.inject({ method: 'GET', url: '/api/tasks', ...as(name) })).json() as { id: string }[]).map((t) => t.id);
    expect(await ids('xiuwu')).toEqual(expect.arrayContaining([june, july]));
    expect(await ids('boai')).toContain(july);
    expect(await ids('boai')).not.toContain(june);
    expect((await app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${june}/status`, ...as('boai') })).statusCode).toBe(404);
  });

  it('gives a unit its blank, its title and month filled in: uploaded to another month, it is the wrong month', async () => {
    const blank = await app.inject({ method: 'GET', url: `/api/tasks/${july}/blank`, ...as('xiuwu') });
    expect(blank.statusCode).toBe(200);
    expect(blank.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('修武县')}`);
    const r = await upload(june, 'xiuwu', 'blank.xlsx', blank.rawPayload);
    expect(r.json().report).toMatchObject({ unit: '修武县', period: '2023-07' });
    expect(rulesOf(r)).toContain('submission.period.mismatch');
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${june}/blank?unit=温县`, ...as('city') })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${june}/blank?unit=博爱县`, ...as('city') })).statusCode).toBe(400);
    // The city names the unit whose blank it wants: a blank titled for no unit (XX县) is nobody's.
    const unnamed = await app.inject({ method: 'GET', url: `/api/tasks/${june}/blank`, ...as('city') });
    expect([unnamed.statusCode, unnamed.json().error.rule]).toEqual([400, 'task.blank.unit-missing']);
    expect(unnamed.json().error.message).toContain('?unit=修武县');
    expect(unnamed.json().error.message).toContain('此任务的报送单位：修武县、温县');
  });

  it('checks an upload in a child and keeps it; the bytes come back as they were sent', async () => {
    const name = '修武县6月台账.xlsx';
    const r = await upload(june, 'xiuwu', name, files.xiuwu);
    expect(r.statusCode).toBe(201);
    const { submission, report } = r.json();
    expect(report).toMatchObject({ file: name, template: 'review-ledger', unit: '修武县', period: '2023-06', valid: true, issues: [] });
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${submission}`, ...as('city') })).json()).toEqual(report);
    const back = await app.inject({ method: 'GET', url: `/api/submissions/${submission}/file`, ...as('xiuwu') });
    expect(Buffer.compare(back.rawPayload, files.xiuwu)).toBe(0);
    expect(back.headers['content-disposition']).toBe(`attachment; filename="___6___.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    const row = await app.db.selectFrom('submissions').select(['sha256', 'size', 'verdict', 'user_id']).where('id', '=', submission).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ size: files.xiuwu.length, verdict: 'valid' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks a workbook of another unit, form or month', async () => {
    expect(rulesOf(await upload(june, 'xiuwu', 'a.xlsx', files.wenxian))).toEqual(['submission.unit.mismatch']);
    expect(rulesOf(await upload(june, 'xiuwu', 'b.xlsx', files.roster))).toEqual(['submission.form.mismatch']);
    const month = await upload(june, 'xiuwu', 'c.xlsx', files.xiuwuJuly);
    expect(rulesOf(month)).toEqual(['submission.period.mismatch']);
    expect(month.json().report.valid).toBe(false);
    // A workbook that says no month of its own, by the name it came under.
    const { period: _, ...undated } = sampleOf('修武县');
    const named = await upload(june, 'xiuwu', '修武县2023年7月问题台账.xlsx', await writeWorkbook(ledger, { ...undated, reportDate: undefined }));
    expect(rulesOf(named)).toContain('submission.period.mismatch');
    expect(month.json().report.issues[0].message).toBe('此报表是2023年7月的，本任务收的是2023年6月的行政复议工作问题台账。请上传2023年6月的报表，或改正“填报日期”');
  });

  it('gives a hostile file its verdict while another unit uploads, and keeps it', async () => {
    const [bomb, good] = await Promise.all([upload(june, 'wenxian', 'bomb.xlsx', HOSTILE), upload(june, 'wenxian', '温县.xlsx', files.wenxian)]);
    expect(bomb.statusCode).toBe(201);
    expect(bomb.json().report).toMatchObject({ template: null, valid: false, issues: [{ rule: 'file.zip-bomb' }] });
    expect(good.json().report.valid).toBe(true);
    const kept = await app.db.selectFrom('submissions').select(['bytes', 'verdict']).where('id', '=', bomb.json().submission).executeTakeFirstOrThrow();
    expect(kept.verdict).toBe('unread');
    expect(Buffer.compare(kept.bytes, HOSTILE)).toBe(0);
  });

  it('refuses an upload of no file, by a city account, to a task of another unit, and one too large', async () => {
    const refused = async (r: Promise<LightMyRequestResponse>) => {
      const { statusCode, body } = await r;
      return [statusCode, JSON.parse(body).error.rule];
    };
    expect(await refused(app.inject({ method: 'POST', url: `/api/tasks/${june}/submissions`, ...multipart('a.xlsx', files.xiuwu, 'other'), ...as('xiuwu') }))).toEqual([
      400,
      'submission.file.missing',
    ]);
    expect(await refused(app.inject({ method: 'POST', url: `/api/tasks/${june}/submissions`, payload: {}, ...as('xiuwu') }))).toEqual([400, 'submission.file.missing']);
    expect(await refused(upload(june, 'city', 'a.xlsx', files.xiuwu))).toEqual([403, 'submission.city.not-reporter']);
    expect(await refused(upload(june, 'boai', 'a.xlsx', files.xiuwu))).toEqual([404, 'task.not-found']);
    expect(await refused(app.inject({ method: 'POST', url: `/api/tasks/${june}/submissions`, ...multipart('a.xlsx', files.xiuwu) }))).toEqual([401, 'auth.required']);
    const small = await buildServer({ db: app.db, checker: app.checker, uploadBytes: 1000 });
    try {
      const r = await small.inject({ method: 'POST', url: `/api/tasks/${june}/submissions`, ...multipart('a.xlsx', files.xiuwu), ...as('xiuwu') });
      expect([r.statusCode, r.json().error.rule]).toEqual([413, 'submission.too-large']);
    } finally {
      await small.close();
    }
  });

  it('shows a unit only its own submissions: another unit’s answers 404', async () => {
    const mine = (await upload(june, 'xiuwu', 'x.xlsx', files.xiuwu)).json().submission;
    for (const url of [`/api/submissions/${mine}`, `/api/submissions/${mine}/file`, '/api/submissions/nothing']) {
      const r = await app.inject({ method: 'GET', url, ...as('wenxian') });
      expect([r.statusCode, r.json().error.rule]).toEqual([404, 'submission.not-found']);
    }
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${mine}` })).statusCode).toBe(401);
  });

  it('says where each unit of a task stands, as `tianbao status` does, with its latest submission', async () => {
    await upload(june, 'xiuwu', '修武县七月.xlsx', files.xiuwuJuly);
    const last = (await upload(june, 'xiuwu', '修武县最终.xlsx', files.xiuwu)).json().submission;
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${june}/status`, ...as('city') })).json();
    expect(status).toMatchObject({ template: 'review-ledger', period: '2023-06', due: '2023-06-28', unassigned: [] });
    expect(status.units.map((u: { unit: string }) => u.unit)).toEqual(['修武县', '温县']);
    const xiuwu = status.units[0];
    expect(xiuwu).toMatchObject({ state: 'valid', file: '修武县最终.xlsx', submission: last, timing: 'late' });
    expect(xiuwu.files[0]).toMatchObject({ submission: last, use: 'judged', verdict: 'valid', unitFrom: 'account' });
    // Each file keeps the month its check found; July's workbook, uploaded before the final one, is an older upload like the rest.
    const older = xiuwu.files.slice(1) as { use: string; period: string; unitFrom: string }[];
    expect(older.filter((f) => f.period === '2023-07')).not.toEqual([]);
    expect(older.map((f) => f.use)).toEqual(older.map(() => 'older'));
    expect(older.every((f) => f.unitFrom === 'account')).toBe(true);
    expect(xiuwu.received).toBe(xiuwu.files[0].receivedAt.slice(0, 10));
    // A unit's clerk sees its own row only.
    const own = (await app.inject({ method: 'GET', url: `/api/tasks/${june}/status`, ...as('wenxian') })).json();
    expect(own.units.map((u: { unit: string }) => u.unit)).toEqual(['温县']);
    // Nor another unit's files, those that could not be read among them (温县's bomb above).
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${june}/status`, ...as('xiuwu') })).json().unread).toEqual([]);
  });
  it('says what a file that is no workbook is, by the name it came under, and what to upload', async () => {
    const csv = await upload(june, 'xiuwu', '修武县台账.csv', Buffer.from('序号,问题\n1,无\n'));
    const [issue] = csv.json().report.issues;
    expect(issue.rule).toBe('file.not-xlsx');
    expect(issue.message).toBe('文件扩展名为 .csv，不是 Excel 工作簿，请提交 .xlsx 格式的表格');
    const pdf = await upload(june, 'xiuwu', 'scan.PDF', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'));
    expect(pdf.json().report.issues[0].message).toContain('.pdf');
  });

  it('refuses a body cut short, one without its boundary, and a second file, keeping nothing of them', async () => {
    const count = async () => (await app.db.selectFrom('submissions').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const post = (payload: Buffer | string, type: string) =>
      app.inject({ method: 'POST', url: `/api/tasks/${june}/submissions`, payload, headers: { 'content-type': type }, ...as('xiuwu') });
    const whole = multipart('a.xlsx', files.xiuwu);
    const cut = await post(whole.payload.subarray(0, 2000), whole.headers['content-type']);
    expect([cut.statusCode, cut.json().error.rule]).toEqual([400, 'submission.multipart.invalid']);
    expect(cut.json().error.message).toMatch(/^上传的内容不完整/);
    const bare = await post(whole.payload, 'multipart/form-data');
    expect([bare.statusCode, bare.json().error.rule]).toEqual([400, 'submission.multipart.invalid']);
    const boundary = 'b0undary';
    const part = (name: string) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), files.xiuwu, Buffer.from('\r\n')]);
    const two = await post(Buffer.concat([part('a.xlsx'), part('b.xlsx'), Buffer.from(`--${boundary}--\r\n`)]), `multipart/form-data; boundary=${boundary}`);
    expect([two.statusCode, two.json().error.rule]).toEqual([400, 'submission.file.extra']);
    expect(Number(await count())).toBe(before);
  });

  it('takes from a city account the city’s own upload of a form the city reports, and only that', async () => {
    const open = async (payload: object) => (await app.inject({ method: 'POST', url: '/api/tasks', payload, ...as('city') })).json().id as string;
    // Due days of their own: a task of the same form, due day and a unit in common is a duplicate.
    const withCity = await open({ form: 'census-roster', due: '2023-07-11', units: ['焦作市', '修武县'] });
    const withoutCity = await open({ form: 'census-roster', due: '2023-07-12', units: ['修武县'] });
    const cityRoster = await writeWorkbook(roster, roster.samples.find((s) => s.unit === '焦作市')!);
    const r = await upload(withCity, 'city', '焦作市名单.xlsx', cityRoster);
    expect(r.statusCode).toBe(201);
    expect(r.json().report).toMatchObject({ unit: '焦作市', valid: true });
    const kept = await app.db.selectFrom('submissions').select('unit').where('id', '=', r.json().submission).executeTakeFirstOrThrow();
    expect(kept.unit).toBe('焦作市');
    const status = (await app.inject({ method: 'GET', url: `/api/tasks/${withCity}/status`, ...as('city') })).json();
    expect(status.units.find((u: { unit: string }) => u.unit === '焦作市')).toMatchObject({ state: 'valid', submission: r.json().submission });
    const refusal = async (task: string) => {
      const x = await upload(task, 'city', 'a.xlsx', cityRoster);
      return [x.statusCode, x.json().error.rule, x.json().error.message];
    };
    expect(await refusal(withoutCity)).toEqual([403, 'submission.city.not-in-task', expect.stringContaining('本任务的报送单位中没有焦作市')]);
    expect(await refusal(june)).toEqual([403, 'submission.city.not-reporter', '行政复议工作问题台账由各县区报送，焦作市不报送此表：请由县区的账号上传']);
  });
});
