// A marked-up copy asked for again, or twice at once, while its job waits or runs: one job makes it.
import { readFileSync } from 'node:fs';
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { ENGINES, freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { JOB_KINDS } from '../src/jobs/kinds.ts';
import { builtChecker } from './checker.ts';
import { cookieOf, multipart, untilMade } from './requests.ts';

const FAULTY = readFileSync(new URL('../../../test/fixtures/sheetjs/faulty-2023-06.xlsx', import.meta.url));

describe.each(ENGINES)('a marked-up copy asked for while queued on %s', (engine) => {
  const database = freshDatabase(engine);
  /** A server that takes no jobs (on SQLite, the one that does them) and, on PostgreSQL, a queue that does them. */
  let web: FastifyInstance;
  const queues: JobQueue[] = [];
  let clerk: Record<string, string>;
  let task: string;

  beforeAll(async () => {
    const checker = builtChecker();
    const url = database.options.url;
    const { db } = await database.open();
    for (const [name, role, unit] of [['city', 'city'], ['xiuwu', 'unit', '修武县']] as const) await addUser(db, { name, role, unit, password: 'password 1' }, defaultUnits);
    const context = { db, checker, units: defaultUnits };
    const webJobs = await startJobs({ url, workers: url ? 0 : 1, context });
    queues.push(webJobs);
    if (url) queues.push(await startJobs({ url, workers: 1, context: { ...context, db: (await database.open()).db } }));
    web = await buildServer({ db, checker, jobs: webJobs });
    const login = async (name: string) => cookieOf(await web.inject({ method: 'POST', url: '/api/login', payload: { name, password: 'password 1' } }));
    clerk = await login('xiuwu');
    const payload = { form: 'review-ledger', period: '2023-06', due: '2023-06-28' };
    task = (await web.inject({ method: 'POST', url: '/api/tasks', payload, cookies: await login('city') })).json().id;
    return async () => {
      await web.close();
      await Promise.all(queues.map((q) => q.stop()));
    };
  });

  it('makes it in one job, asked for twice at once before it starts and twice at once while it runs', async () => {
    const made = vi.spyOn(JOB_KINDS['annotated-copy'], 'run');
    try {
      const id = (await web.inject({ method: 'POST', url: `/api/tasks/${task}/submissions`, ...multipart('修武县.xlsx', FAULTY), cookies: clerk })).json().submission;
      const copy = () => web.inject({ method: 'GET', url: `/api/submissions/${id}/annotated`, cookies: clerk });
      expect((await Promise.all([copy(), copy()])).map((r) => r.statusCode)).toEqual([202, 202]);
      await vi.waitFor(() => expect(made).toHaveBeenCalledTimes(1), { timeout: 30_000, interval: 20 });
      // The job runs: asked for again meanwhile, both are answered that it is being made.
      expect((await Promise.all([copy(), copy()])).map((r) => r.statusCode)).toEqual([202, 202]);
      expect((await untilMade(copy)).statusCode).toBe(200);
      // A second job, had one been queued, would be taken within the queue's polling (1 s) and started.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(made).toHaveBeenCalledTimes(1);
      if (database.options.url) {
        const { rows } = await sql<{ n: string }>`select count(*) as n from pgboss.job where name = 'annotated-copy' and singleton_key = ${id}`.execute(web.db);
        expect(rows[0]!.n).toBe('1');
      }
    } finally {
      made.mockRestore();
    }
  });
});
