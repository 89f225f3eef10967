import { readFileSync } from 'node:fs';
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { readWorkbook } from '@tianbao/xlsx';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, multipart, openJuneLedgerTask, untilMade } from './requests.ts';

const FAULTY = readFileSync(new URL('../../../test/fixtures/sheetjs/faulty-2023-06.xlsx', import.meta.url));
const NAME = '修武县2023年6月问题台账.xlsx';

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

describe.each(ENGINES)('marked-up copies on %s', (engine) => {
  const database = freshDatabase(engine);
  /** Two servers on one database: one that takes no jobs, one that does them. */
  let web: FastifyInstance;
  let worker: FastifyInstance;
  const queues: JobQueue[] = [];
  const cookies: Record<string, Record<string, string>> = {};
  let task: string;

  beforeAll(async () => {
    const url = database.options.url;
    const [a, b] = [await database.open(), await database.open()];
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县'], ['wenxian', 'unit', '温县']] as const)
      await addUser(a.db, { name, role, unit, password: 'password 1' }, defaultUnits);
    // On SQLite jobs run in the process that sends them: both servers are the one that does them.
    const webJobs = await startJobs({ url, workers: url ? 0 : 1, context: { db: a.db, checker, units: defaultUnits } });
    const workerJobs = await startJobs({ url, workers: 1, context: { db: b.db, checker, units: defaultUnits } });
    queues.push(webJobs, workerJobs);
    web = await buildServer({ db: a.db, checker, jobs: webJobs });
    worker = await buildServer({ db: b.db, checker, jobs: workerJobs });
    for (const name of ['city', 'xiuwu', 'wenxian'])
      cookies[name] = cookieOf(await web.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
    task = await openJuneLedgerTask(web, cookies.city!);
    return async () => {
      await Promise.all([web.close(), worker.close()]);
      await Promise.all(queues.map((q) => q.stop()));
    };
  });

  const upload = async (bytes: Buffer, name = NAME) =>
    (await web.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart(name, bytes), cookies: cookies.xiuwu })).json().submission as string;
  const annotated = (id: string, who = 'xiuwu') => () => web.inject({ method: 'GET', url: `/api/submissions/${id}/annotated`, cookies: cookies[who] });

  it('answers 202 with Retry-After while the copy is made, then the copy as `validate --annotate` makes it', async () => {
    const id = await upload(FAULTY);
    const first = await annotated(id)();
    expect(first.statusCode).toBe(202);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.json()).toEqual({ message: '批注副本正在生成，请 2 秒后再下载' });

    const r = await untilMade(annotated(id));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('修武县2023年6月问题台账-批注.xlsx')}`);
    const book = await readWorkbook(r.rawPayload);
    expect(book.worksheets[0]!.name).toBe('审核结果');
    const sheet = book.worksheets.find((w) => w.getCell('E4').note)!;
    const note = sheet.getCell('E4').note;
    const text = typeof note === 'string' ? note : note!.texts!.map((t) => t.text).join('');
    expect(text).toContain('【错误】');
    expect((await web.db.selectFrom('audit').select('subject').where('action', '=', 'submissions.annotated.download').execute()).map((a) => a.subject)).toEqual([id]);
  });

  it('keeps the copy: asked again, it is sent as kept, made once', async () => {
    const id = await upload(FAULTY);
    const made = await untilMade(annotated(id));
    const { made_at } = await web.db.selectFrom('annotated_copies').select('made_at').where('submission_id', '=', id).executeTakeFirstOrThrow();
    const again = await annotated(id, 'city')();
    expect(again.statusCode).toBe(200);
    expect(Buffer.compare(again.rawPayload, made.rawPayload)).toBe(0);
    expect((await web.db.selectFrom('annotated_copies').select('made_at').where('submission_id', '=', id).executeTakeFirstOrThrow()).made_at).toBe(made_at);
  });

  it('makes the copy again when the explanations change, showing them as comments', async () => {
    const id = await upload(FAULTY);
    const before = await untilMade(annotated(id));
    const noteAt = async (bytes: Buffer, cell: string) => {
      const book = await readWorkbook(bytes);
      const note = book.worksheets.find((w) => w.getCell(cell).note)?.getCell(cell).note;
      return typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');
    };
    expect(await noteAt(before.rawPayload, 'D5')).not.toContain('上报说明');
    const explained = await web.inject({
      method: 'POST',
      url: `/api/submissions/${id}/explanations`,
      payload: { explanations: [{ cell: 'D5', rule: 'ledger.measures.count', text: '已核实：本问题只需一条整改措施' }] },
      cookies: cookies.xiuwu,
    });
    expect(explained.statusCode).toBe(200);
    expect((await annotated(id)()).statusCode).toBe(202);
    const after = await untilMade(annotated(id));
    expect(after.statusCode).toBe(200);
    expect(await noteAt(after.rawPayload, 'D5')).toContain('上报说明：已核实：本问题只需一条整改措施');
  });

  it('says in Chinese why a file that cannot be read has no copy', async () => {
    const id = await upload(Buffer.from('这不是一个工作簿'), '修武县台账.xlsx');
    // At once, with the reason its check gave: no job is sent for it.
    const r = await annotated(id)();
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toEqual({ rule: 'submission.annotated.failed', message: expect.stringMatching(/^此文件未能读取，没有批注副本：文件内容是文本/) });
  });

  it('shows another unit’s copy to nobody but the city: 404, and 401 without a session', async () => {
    const id = await upload(FAULTY);
    const other = await annotated(id, 'wenxian')();
    expect([other.statusCode, other.json().error.rule]).toEqual([404, 'submission.not-found']);
    expect((await web.inject({ method: 'GET', url: `/api/submissions/${id}/annotated` })).statusCode).toBe(401);
    expect(await web.db.selectFrom('annotated_copies').select('submission_id').where('submission_id', '=', id).executeTakeFirst()).toBeUndefined();
  });

  it.runIf(engine === 'postgres')('queues one job for a copy however often it is asked for while it waits', async () => {
    const id = await upload(FAULTY);
    const waiting = () =>
      sql<{ n: string }>`select count(*) as n from pgboss.job where name = 'annotated-copy' and singleton_key = ${id}`.execute(web.db).then((r) => Number(r.rows[0]!.n));
    // Sent by the web-only server alone, with the worker's stopped: the jobs wait.
    await worker.jobs.stop();
    for (let i = 0; i < 3; i++) expect((await annotated(id)()).statusCode).toBe(202);
    expect(await waiting()).toBe(1);
  });
});
