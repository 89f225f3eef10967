// The kinds of background job: adding one is one entry here.
import type { UnitList } from '@tianbao/form';
import type { Database } from '@tianbao/store';
import type { Kysely } from 'kysely';
import type { Checker } from '../upload-check.ts';
import { makeAnnotatedCopy } from './annotated-copy.ts';
import { makeCompilation } from './compilation.ts';
import { judgeSubmission } from './judgement.ts';

/** What a job has to work with, in whichever process takes it. */
export interface JobContext {
  db: Kysely<Database>;
  /** The child program files are opened in: a job never opens one in the server process either. */
  checker: Checker;
  units: UnitList;
}

export interface JobKindSpec<Data> {
  /** Do the job; what it makes goes to the database. A job that throws is tried again (on PostgreSQL) or asked for again. */
  run(data: Data, context: JobContext): Promise<void>;
  /** Seconds after which a job still under way is taken for lost (its process gone) and tried again. */
  expireSeconds: number;
}

export const JOB_KINDS = {
  // The child checks the file and writes its copy, each within its time limit (60 s): twice that, and some.
  // A copy is asked for until it is sent; one made for explanations changed since is made again when next asked for.
  'annotated-copy': { run: makeAnnotatedCopy, expireSeconds: 300 },
  // Every unit's file read again (60 s each at most, as many at once as there are processors), then written.
  // Keyed by what it is made of (see compiledRoutes).
  compilation: { run: makeCompilation, expireSeconds: 900 },
  // Last month's read again and the file checked, each within the time limit (60 s): twice that, and some.
  judgement: { run: judgeSubmission, expireSeconds: 300 },
} satisfies Record<string, JobKindSpec<never>>;

export type JobKind = keyof typeof JOB_KINDS;
export type JobData<K extends JobKind> = Parameters<(typeof JOB_KINDS)[K]['run']>[0];
