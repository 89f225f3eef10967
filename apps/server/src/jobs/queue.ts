import type { JobContext, JobData, JobKind } from './kinds.ts';
import { localQueue } from './local-queue.ts';
import { pgBossQueue } from './pg-boss-queue.ts';

/**
 * Where background work goes (marked-up copies, compilations): on PostgreSQL a queue in the database,
 * which every process on it sends to and any may take from; on SQLite a queue in this process.
 */
export interface JobQueue {
  /**
   * Queue a job of `kind`. One job of a kind and `key` waits or is under way at a time: another sent meanwhile
   * is that one. A key names what the job makes of what (a compilation's names its inputs), so that one sent
   * for what changed since is a job of another key.
   */
  send<K extends JobKind>(kind: K, data: JobData<K>, key: string): Promise<void>;
  /** Take no more jobs, let those under way finish, and close. */
  stop(): Promise<void>;
}

export interface JobOptions {
  /** The PostgreSQL address; none for SQLite. */
  url?: string | undefined;
  /** Jobs this process does at once; 0: none (a web-only process, on PostgreSQL only). */
  workers: number;
  context: JobContext;
}

/** The queue of the database at `url` (else this process's own), taking up to `workers` jobs at once. */
export async function startJobs({ url, workers, context }: JobOptions): Promise<JobQueue> {
  return url ? pgBossQueue(url, workers, context) : localQueue(workers, context);
}
