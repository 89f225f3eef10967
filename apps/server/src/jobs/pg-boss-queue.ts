import { Refusal, unexpected } from '@tianbao/form';
import { isUniqueViolation } from '@tianbao/store';
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { JOB_KINDS, oneUnderWay, type JobContext, type JobKind } from './kinds.ts';
import type { JobQueue } from './queue.ts';

/** pg-boss's tables, in a schema of their own in the service's database. */
const SCHEMA = 'pgboss';
/** How often an idle worker looks for a job, seconds: what a job waits at most before a process takes it. */
const POLL_SECONDS = 1;
/** Tries of a job that fails (its process died, the database went away) before it is left failed. */
const RETRIES = 2;

/**
 * The queue of a service on PostgreSQL: pg-boss, started by every process. Any process sends; each takes
 * up to `workers` jobs at once, whichever process sent them. A job's key is pg-boss's singleton key on a
 * `stately` queue: one waiting and one under way per key (for a kind `oneUnderWay`, one waiting or under way).
 */
export async function pgBossQueue(url: string, workers: number, context: JobContext): Promise<JobQueue> {
  // Its own pool, small: the jobs' queries go through the service's.
  const boss = new PgBoss({ connectionString: url, schema: SCHEMA, max: 3, application_name: 'tianbao-jobs', schedule: false });
  boss.on('error', (e) => unexpected(e, 'job queue'));
  try {
    await boss.start();
  } catch (e) {
    unexpected(e, 'job queue');
    throw new Refusal(
      'database.jobs',
      `无法在数据库中建立后台工作队列（模式 ${SCHEMA}）。请确认数据库账号有在此数据库中建立模式（CREATE SCHEMA）的权限，或由管理员先建立模式 ${SCHEMA} 并交给此账号`,
    );
  }
  for (const [kind, spec] of Object.entries(JOB_KINDS)) await ensureQueue(boss, kind, spec.expireSeconds);
  for (let i = 0; i < workers; i++)
    for (const kind of Object.keys(JOB_KINDS) as JobKind[])
      await boss.work<unknown>(kind, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
        for (const job of jobs)
          await JOB_KINDS[kind].run(job.data as never, context).catch((e: unknown) => {
            unexpected(e, `job ${kind}`);
            throw e;
          });
      });
  return {
    async send(kind, data, key) {
      // Null when a job of that key already waits: that one will do.
      if (!oneUnderWay(kind)) return void (await boss.send(kind, data as object, { singletonKey: key }));
      // One under way will do too: looked for, and the job sent, under a lock of the key, so that of two sent
      // at once the second sees the first's.
      await context.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`${kind}\n${key}`}))`.execute(trx);
        const open = await sql`select 1 from ${sql.table(`${SCHEMA}.job`)} where name = ${kind} and singleton_key = ${key} and state < 'completed' limit 1`.execute(trx);
        if (open.rows.length) return;
        const db = { executeSql: (text: string, values: unknown[]) => trx.executeQuery(CompiledQuery.raw(text, values)) };
        await boss.send(kind, data as object, { singletonKey: key, db });
      });
    },
    async stop() {
      // Jobs under way get 30 s to finish; one that does not is failed, and tried again by another process.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/** Make the queue of a kind unless it is there (made by another process, or an earlier start). */
async function ensureQueue(boss: PgBoss, name: string, expireInSeconds: number): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: 'stately', expireInSeconds, retryLimit: RETRIES, retryDelay: 1 });
  } catch (e) {
    // Another process starting at the same time made it first.
    if (!isUniqueViolation(e) || !(await boss.getQueue(name))) throw e;
  }
}
