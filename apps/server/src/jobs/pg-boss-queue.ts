import { Refusal, unexpected } from '@tianbao/form';
import { isUniqueViolation } from '@tianbao/store';
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { JOB_KINDS, type JobContext, type JobKind } from './kinds.ts';
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
 * `stately` queue, and one sent only when none of its key waits or is under way (see `JobQueue.send`).
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
  try {
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
  } catch (e) {
    // A started pg-boss keeps its pool and timers: left running, they would keep a process that failed to start alive.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw e;
  }
  return {
    async send(kind, data, key) {
      // One waiting or under way will do: looked for, and the job sent, under a lock of the key, so that of two
      // sent at once the second sees the first's. None is left waiting behind one of its key under way: pg-boss
      // takes a queue's oldest waiting job, and on a `stately` queue it would wait, and hold up every job of the
      // kind, until that one ends (a dead process's, when it expires).
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

/** PostgreSQL's `deadlock_detected`: two processes making pg-boss's queues at once on a new database may meet it. */
const DEADLOCK = '40P01';
/** Tries at making a queue that deadlocked: the other process is through after one or two. */
const QUEUE_TRIES = 5;

/** Make the queue of a kind unless it is there (made by another process, or an earlier start). */
export async function ensureQueue(boss: Pick<PgBoss, 'getQueue' | 'createQueue'>, name: string, expireInSeconds: number): Promise<void> {
  for (let tried = 1; ; tried++) {
    if (await boss.getQueue(name)) return;
    try {
      return await boss.createQueue(name, { name, policy: 'stately', expireInSeconds, retryLimit: RETRIES, retryDelay: 1 });
    } catch (e) {
      // Another process starting at the same time made it first, or was making it while this one was.
      if (isUniqueViolation(e) && (await boss.getQueue(name))) return;
      if ((e as { code?: unknown }).code !== DEADLOCK || tried >= QUEUE_TRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50 * tried + Math.random() * 100));
    }
  }
}
