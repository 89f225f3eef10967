// A process that dies while compiling a task leaves its job under way until it expires: meanwhile the other
// tasks' compilations are made by the other processes, whoever asks for that task's again.
import { defaultUnits } from '@tianbao/form';
import { addUser } from '@tianbao/store';
import { freshDatabase } from '@tianbao/store/test-databases';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildServer, startJobs, type JobQueue } from '../src/index.ts';
import { sharedChecker } from './checker.ts';
import { cookieOf, untilMade } from './requests.ts';

const checker = sharedChecker();

// The queue of SQLite lives and dies with its process: nothing is left under way.
describe('a compilation left under way by a dead process, on postgres', () => {
  const database = freshDatabase('postgres');
  let app: FastifyInstance;
  let city: Record<string, string>;
  const queues: JobQueue[] = [];
  const context = async () => ({ db: (await database.open()).db, checker, units: defaultUnits });

  beforeAll(async () => {
    const { db } = await database.open();
    await addUser(db, { name: 'city', role: 'city', password: 'password 1' }, defaultUnits);
    // A process that answers requests and takes no job: the jobs wait until a worker starts.
    const web = await startJobs({ url: database.options.url, workers: 0, context: await context() });
    queues.push(web);
    app = await buildServer({ db, checker, jobs: web });
    city = cookieOf(await app.inject({ method: 'POST', url: '/api/login', payload: { name: 'city', password: 'password 1' } }));
    return async () => {
      await app.close();
      await Promise.all(queues.map((q) => q.stop()));
    };
  });

  const newTask = async (period: string) =>
    (await app.inject({ method: 'POST', url: '/api/tasks', payload: { form: 'review-ledger', period, due: `${period}-28` }, cookies: city })).json().id as string;
  const compiled = (task: string) => () => app.inject({ method: 'GET', url: `/api/tasks/${task}/compiled?format=xlsx`, cookies: city });

  it('holds up no other task’s compilation', async () => {
    const [stuck, other] = [await newTask('2023-06'), await newTask('2023-07')];
    expect((await compiled(stuck)()).statusCode).toBe(202);
    // Taken by a process that died at once: under way, as pg-boss marks a job it hands out.
    await sql`update pgboss.job set state = 'active', started_on = now() where name = 'compilation'`.execute(app.db);
    // Asked for again meanwhile (the board looks every few seconds), and another task's asked for.
    expect((await compiled(stuck)()).statusCode).toBe(202);
    expect((await compiled(other)()).statusCode).toBe(202);
    queues.push(await startJobs({ url: database.options.url, workers: 1, context: await context() }));
    expect((await untilMade(compiled(other), 40)).statusCode).toBe(200);
    expect((await compiled(stuck)()).statusCode).toBe(202);
  });
});
