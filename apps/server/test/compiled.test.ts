import { readFileSync } from 'node:fs';
import { defaultUnits } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import { readWorkbook, writeWorkbook } from '@tianbao/xlsx';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, multipart, untilMade } from './requests.ts';

const ledger = formById('review-ledger');
const sampleOf = (unit: string) => ledger.samples.find((s) => s.unit === unit)!;
const FAULTY = readFileSync(new URL('../../../test/fixtures/sheetjs/faulty-2023-06.xlsx', import.meta.url));
const TITLE = '焦作市2023年6月行政复议工作问题台账汇总';

/** June's ledger of 修武县, and July's with the first 案件受理 problem gone (fixed, or dropped without a word). */
const june = {
  unit: '修武县',
  period: '2023-06',
  filler: '修武县司法局',
  reportDate: '2023-06-26',
  rows: {
    acceptance: { problems: ['补正通知未一次性告知需补正材料', '个别案件受理审查超过5日法定期限'], measures: ['制定补正材料清单', '建立受理审查台账'], deadlines: ['2023-07-31', '长期坚持'] },
    hearing: { problems: ['2起案件超期审理'], measures: ['实行审限预警'], deadlines: ['持续推进'] },
  },
};
const july = {
  ...june,
  period: '2023-07',
  reportDate: '2023-07-26',
  rows: { ...june.rows, acceptance: { problems: ['个别案件受理审查超过5日法定期限'], measures: ['建立受理审查台账'], deadlines: ['长期坚持'] } },
};

/** The values of a sheet's rows, as text. */
const rowsOf = async (bytes: Buffer, sheet: string) => {
  const ws = (await readWorkbook(bytes)).getWorksheet(sheet)!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
};

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('the compiled returns of a task on %s', (engine) => {
  const database = freshDatabase(engine);
  let app: FastifyInstance;
  let queue: JobQueue;
  const cookies: Record<string, Record<string, string>> = {};
  const tasks: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['admin', 'admin'], ['xiuwu', 'unit', '修武县'], ['wenxian', 'unit', '温县']] as const)
      await addUser(db, { name, role, unit, password: 'password 1' }, defaultUnits);
    queue = await startJobs({ url: database.options.url, workers: 1, context: { db, checker, units: defaultUnits } });
    app = await buildServer({ db, checker, jobs: queue });
    for (const name of ['city', 'admin', 'xiuwu', 'wenxian'])
      cookies[name] = cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
    for (const [period, due] of [['2023-06', '2023-06-28'], ['2023-07', '2023-07-28']] as const)
      tasks[period] = (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due }, cookies: cookies.city })).json().id;
    return async () => {
      // The jobs first: one under way reads in the checker's children, which close with the server.
      await queue.stop();
      await app.close();
    };
  });

  const upload = async (period: string, who: string, bytes: Buffer, name: string) => {
    const r = await app.inject({ method: 'POST', url: `/api/tasks/${tasks[period]}/submissions`, ...multipart(name, bytes), cookies: cookies[who] });
    expect(r.statusCode).toBe(201);
    return r.json() as { submission: string; report: { valid: boolean; issues: { rule: string; cell: string | null; message: string }[] } };
  };
  const compiled = (format: string, who = 'city', period = '2023-06') => () =>
    app.inject({ method: 'GET', url: `/api/tasks/${tasks[period]}/compiled?format=${format}`, cookies: cookies[who] });

  it('answers 202 with Retry-After while the job runs, then the workbook and the PDF of the units’ latest uploads', async () => {
    await upload('2023-06', 'xiuwu', FAULTY, '修武县台账（初稿）.xlsx');
    await upload('2023-06', 'xiuwu', await writeWorkbook(ledger, sampleOf('修武县')), '修武县6月台账.xlsx');
    await upload('2023-06', 'wenxian', FAULTY, '温县台账.xlsx');
    const first = await compiled('xlsx')();
    expect(first.statusCode).toBe(202);
    expect(first.headers['retry-after']).toBe('5');
    expect(first.json()).toEqual({ message: '全市汇总正在生成，请 5 秒后再下载' });

    const xlsx = await untilMade(compiled('xlsx'));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${TITLE}.xlsx`)}`);
    const book = await readWorkbook(xlsx.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '报送情况', '修武县']);
    const submitted = await rowsOf(xlsx.rawPayload, '报送情况');
    const row = (unit: string) => submitted.find((r) => r[0] === unit)!;
    // Each unit's latest upload, named as it came: the valid one taken in, the invalid one left out saying why.
    expect(row('修武县').slice(0, 4)).toEqual(['修武县', '纳入', '', '修武县6月台账.xlsx']);
    expect(row('温县').slice(0, 2)).toEqual(['温县', '未纳入']);
    expect(row('温县')[2]).toMatch(/^不通过：错误 \d+ 条，如/);
    expect(row('温县')[3]).toBe('温县台账.xlsx');
    expect(row('解放区').slice(0, 3)).toEqual(['解放区', '未纳入', '缺报']);
    const summary = await rowsOf(xlsx.rawPayload, '汇总');
    // No task of May: nothing compared with, no 销号说明.
    expect(summary.find((r) => r[0] === '单位')).toEqual(['单位', '项目', '存在问题', '改进措施', '完成时限', '状态']);
    const problems = summary.filter((r) => r[0] === '修武县').map((r) => r[2]);
    const sample = sampleOf('修武县').rows;
    expect(problems).toEqual((Object.values(sample) as { problems: string[] }[]).flatMap((r) => r.problems));

    const pdf = await untilMade(compiled('pdf'));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent(`${TITLE}.pdf`));
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await app.db.selectFrom('audit').select('action').where('subject', '=', tasks['2023-06']!).where('action', 'like', 'tasks.compiled.%').execute()).map((a) => a.action)).toEqual([
      'tasks.compiled.xlsx',
      'tasks.compiled.pdf',
    ]);
  });

  it('keeps the compilation for the submissions it used: asked again, it is sent as kept; a new upload makes it again', async () => {
    const made = await untilMade(compiled('xlsx', 'admin'));
    const kept = await app.db.selectFrom('compilations').select('made_at').where('task_id', '=', tasks['2023-06']!).executeTakeFirstOrThrow();
    const again = await compiled('xlsx')();
    expect(again.statusCode).toBe(200);
    expect(Buffer.compare(again.rawPayload, made.rawPayload)).toBe(0);
    expect((await app.db.selectFrom('compilations').select('made_at').where('task_id', '=', tasks['2023-06']!).executeTakeFirstOrThrow()).made_at).toBe(kept.made_at);

    await upload('2023-06', 'wenxian', await writeWorkbook(ledger, sampleOf('温县')), '温县台账（改）.xlsx');
    expect((await compiled('xlsx')()).statusCode).toBe(202);
    const remade = await untilMade(compiled('xlsx'));
    const wen = (await rowsOf(remade.rawPayload, '报送情况')).find((r) => r[0] === '温县')!;
    expect(wen.slice(0, 4)).toEqual(['温县', '纳入', '', '温县台账（改）.xlsx']);
    expect((await readWorkbook(remade.rawPayload)).worksheets.map((w) => w.name)).toEqual(['汇总', '报送情况', '修武县', '温县']);
  });

  it('is linked from the city’s board: a page that looks again by itself while it is made, then the file', async () => {
    const task = tasks['2023-06']!;
    const board = await app.inject({ method: 'GET', url: '/board', cookies: cookies.city });
    for (const format of ['xlsx', 'pdf']) expect(board.body).toContain(`href="/tasks/${task}/compiled.${format}"`);
    await upload('2023-06', 'xiuwu', await writeWorkbook(ledger, sampleOf('修武县')), '修武县6月台账（再报）.xlsx');
    const page = () => app.inject({ method: 'GET', url: `/tasks/${task}/compiled.pdf`, cookies: cookies.city });
    const waiting = await page();
    expect(waiting.statusCode).toBe(202);
    expect(waiting.body).toContain('全市汇总正在生成，请 5 秒后再下载');
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="3">');
    const file = await untilMade(page);
    expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'application/pdf']);
    const clerk = await app.inject({ method: 'GET', url: `/tasks/${task}/compiled.xlsx`, cookies: cookies.xiuwu });
    expect(clerk.statusCode).toBe(403);
  });

  it('is the city’s and the administrator’s: a unit’s clerk 403, no session 401, a format not offered 400', async () => {
    const clerk = await compiled('xlsx', 'xiuwu')();
    expect([clerk.statusCode, clerk.json().error.rule]).toEqual([403, 'auth.forbidden']);
    expect((await app.inject({ method: 'GET', url: `/api/tasks/${tasks['2023-06']}/compiled?format=xlsx` })).statusCode).toBe(401);
    const doc = await compiled('docx')();
    expect([doc.statusCode, doc.json().error.rule, doc.json().error.message]).toEqual([400, 'request.invalid', '请求中的「format」只能是 xlsx、pdf']);
    const none = await app.inject({ method: 'GET', url: '/api/tasks/no-such-task/compiled?format=xlsx', cookies: cookies.city });
    expect([none.statusCode, none.json().error.rule]).toEqual([404, 'task.not-found']);
  });

  it('checks a ledger against the unit’s accepted June return: a problem dropped in July is `ledger.carry.dropped`, and 未销号（未说明） in the compilation', async () => {
    // 修武县's June return: its latest valid upload to the June task (the earlier ones are not it).
    await upload('2023-06', 'xiuwu', await writeWorkbook(ledger, june), '修武县6月台账（定稿）.xlsx');
    const { report } = await upload('2023-07', 'xiuwu', await writeWorkbook(ledger, july), '修武县7月台账.xlsx');
    expect(report.valid).toBe(true);
    expect(report.issues.filter((i) => i.rule.startsWith('ledger.carry.')).map((i) => [i.rule, i.cell])).toEqual([['ledger.carry.dropped', 'C4']]);
    expect(report.issues.find((i) => i.rule === 'ledger.carry.dropped')!.message).toContain('补正通知未一次性告知需补正材料');
    // 温县 sent nothing in June: nothing to compare with.
    const wen = await upload('2023-07', 'wenxian', await writeWorkbook(ledger, { ...sampleOf('温县'), period: '2023-07', reportDate: '2023-07-26' }), '温县7月台账.xlsx');
    expect(wen.report.issues.filter((i) => i.rule.startsWith('ledger.carry.'))).toEqual([]);

    const made = await untilMade(compiled('xlsx', 'city', '2023-07'));
    const dropped = (await rowsOf(made.rawPayload, '汇总')).filter((r) => r[5] === '已销号' || r[5] === '未销号（未说明）');
    expect(dropped.map((r) => [r[0], r[2], r[5], r[6] ?? ''])).toEqual([['修武县', '补正通知未一次性告知需补正材料', '未销号（未说明）', '']]);
  });
});
