import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultUnits } from '@tianbao/form';
import { addUser, now, type SubmissionRow } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { judgeSubmission } from '../src/jobs/judgement.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, multipart, openJuneLedgerTask } from './requests.ts';

const FAULTY = readFileSync(new URL('../../../test/fixtures/sheetjs/faulty-2023-06.xlsx', import.meta.url));
const NAME = '修武县2023年6月问题台账.xlsx';

/** One pool of checking children for the file (see `sharedChecker`). */
const checker = sharedChecker();

/** Submissions kept but never judged, as a server killed while checking them leaves them. */
describe.each(ENGINES)('unjudged submissions on %s', (engine) => {
  const database = freshDatabase(engine);
  const servers: FastifyInstance[] = [];
  const queues: JobQueue[] = [];
  let web: FastifyInstance;
  let cookies: Record<string, string>;
  /** The row of an upload of FAULTY, judged at upload: what an unjudged copy of it is to become. */
  let uploaded: SubmissionRow;

  /** A server on a connection of its own, with a queue that does jobs (on PostgreSQL, any process's). */
  const startServer = async () => {
    const { db } = await database.open();
    const jobs = await startJobs({ url: database.options.url, workers: 1, context: { db, checker, units: defaultUnits } });
    queues.push(jobs);
    const app = await buildServer({ db, checker, jobs });
    servers.push(app);
    return app;
  };

  beforeAll(async () => {
    web = await startServer();
    await addUser(web.db, { name: 'xiuwu', role: 'unit', unit: '修武县', password: 'password 1' }, defaultUnits);
    await addUser(web.db, { name: 'city', role: 'city', password: 'password 1' }, defaultUnits);
    const city = cookieOf(await web.inject({ method: 'POST', url: '/api/login', payload: { name: 'city', password: 'password 1' } }));
    cookies = cookieOf(await web.inject({ method: 'POST', url: '/api/login', payload: { name: 'xiuwu', password: 'password 1' } }));
    const task = await openJuneLedgerTask(web, city);
    const id = (await web.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart(NAME, FAULTY), cookies })).json().submission;
    uploaded = await web.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return async () => {
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all(queues.map((q) => q.stop()));
    };
  });

  /** A copy of the upload as its row was written before its check, received `agoMs` ago. */
  const unjudged = async (agoMs: number) => {
    const id = randomUUID();
    await web.db.insertInto('submissions').values({ ...uploaded, id, received_at: now(Date.now() - agoMs), verdict: null, report: null }).execute();
    return id;
  };

  const judged = (id: string) => web.db.selectFrom('submissions').select(['verdict', 'report']).where('id', '=', id).executeTakeFirstOrThrow();

  async function untilJudged(id: string) {
    for (let i = 0; i < 240; i++) {
      const row = await judged(id);
      if (row.report !== null) return row;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${id} still unjudged after a minute`);
  }

  it('judges at a server start every submission left unjudged, as its upload was judged', async () => {
    const id = await unjudged(0);
    await startServer();
    const row = await untilJudged(id);
    expect(row.verdict).toBe(uploaded.verdict);
    expect(JSON.parse(row.report!)).toEqual(JSON.parse(uploaded.report!));
  });

  it('answers 409 for one unjudged longer than a check can take, and judges it', async () => {
    const id = await unjudged(3600_000);
    const first = await web.inject({ method: 'GET', url: `/api/submissions/${id}`, cookies });
    expect(first.statusCode).toBe(409);
    expect(first.json()).toEqual({ error: { rule: 'submission.unjudged', message: '这份报送还在检查中，请稍后再看' } });
    await untilJudged(id);
    const r = await web.inject({ method: 'GET', url: `/api/submissions/${id}`, cookies });
    expect(r.statusCode).toBe(200);
    expect(r.json().issues.map((i: { rule: string }) => i.rule)).toEqual(JSON.parse(uploaded.report!).issues.map((i: { rule: string }) => i.rule));
  });

  it('leaves a submission judged meanwhile as it was judged', async () => {
    const id = await unjudged(3600_000);
    const report = JSON.stringify({ ...JSON.parse(uploaded.report!), issues: [] });
    await web.db.updateTable('submissions').set({ verdict: 'valid', report }).where('id', '=', id).execute();
    await judgeSubmission({ submission: id }, { db: web.db, checker, units: defaultUnits });
    expect(await judged(id)).toEqual({ verdict: 'valid', report });
  });
});
