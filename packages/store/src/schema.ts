/**
 * The tables, as Kysely sees them: one shape on SQLite and on PostgreSQL.
 *
 * Ids are text (random UUIDs made in the process): the same type on both engines, no identity column to
 * declare twice, known before the row is written, and not guessable in a URL. Times are ISO 8601 text in UTC
 * with milliseconds (`2023-06-26T01:02:03.456Z`, `Date#toISOString`): the same type on both (PostgreSQL's
 * bigint comes back from `pg` as a string, SQLite's as a number), sorted as text in time order, and readable
 * in `psql` and `sqlite3`. Bytes are BLOB on SQLite and bytea on PostgreSQL, a Buffer from both drivers.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Role } from './roles.ts';

export interface UsersTable {
  id: string;
  name: string;
  role: Role;
  /** The unit a `unit` account reports for (its name in the unit list); null for city and admin. */
  unit: string | null;
  /** argon2id, in its PHC string form. */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

/** A login session (@fastify/session's store): shared by every process on the same database. */
export interface SessionsTable {
  id: string;
  user_id: string | null;
  /** The session as JSON, its cookie included. */
  data: string;
  expires_at: string | null;
}

/** One failed login, counted by name and by address over the last minute. */
export interface LoginFailuresTable {
  name: string;
  address: string;
  at: string;
}

/** Values the service keeps for all its processes (the key that signs session cookies). */
export interface SettingsTable {
  key: string;
  value: string;
}

/** A collection: a form, its period (empty for a form that is not monthly), the due day and who reports. */
export interface TasksTable {
  id: string;
  form: string;
  period: string;
  /** `YYYY-MM-DD`. */
  due: string;
  /** The names of the units that report, as JSON. */
  units: string;
  created_by: string;
  created_at: string;
}

/**
 * Each unit of a task, for the report it makes there: unique for a form and report, so that a unit has one
 * task for one report, however many tasks are sent at once.
 */
export interface TaskUnitsTable {
  task_id: string;
  form: string;
  /** The task's month, or for a form not monthly its due day. */
  report: string;
  unit: string;
}

/** Every upload, kept whatever its verdict; never updated but for its report, never deleted. */
export interface SubmissionsTable {
  id: string;
  task_id: string;
  unit: string;
  user_id: string;
  /** The name it was uploaded under: shown, never used as a path. */
  file_name: string;
  bytes: Buffer;
  sha256: string;
  size: number;
  received_at: string;
  /** `valid`, `invalid` or `unread`; null until it is judged. */
  verdict: string | null;
  /** The file's entry of the validate JSON contract; null until it is judged. */
  report: string | null;
}

/** A unit's explanation of a warning on a cell of a submission (上报说明). */
export interface ExplanationsTable {
  id: string;
  submission_id: string;
  /** '' for a warning about the whole file. */
  cell: string;
  rule: string;
  /** For a warning about the whole file, its message (which one of its rule it is); else null. */
  message: string | null;
  text: string;
  user_id: string;
  created_at: string;
}

/** The marked-up copy of a submission, made again when its explanations change. */
export interface AnnotatedCopiesTable {
  submission_id: string;
  /** Which explanations it shows (a digest of them): a copy made for others is made again. */
  made_for: string;
  /** The copy; null when it could not be made. */
  bytes: Buffer | null;
  /** Why it could not be made, in Chinese; null when it was. */
  failure: string | null;
  made_at: string;
}

/** A task's compilation (`tianbao compile`): its workbook and PDF, made again when the submissions it used change. */
export interface CompilationsTable {
  task_id: string;
  /** What it was made of (a digest of each unit's submission and the day it is as of): a compilation made of others is made again. */
  made_for: string;
  xlsx: Buffer;
  /** The PDF; null when it could not be made (past the form's limits). */
  pdf: Buffer | null;
  /** Why there is no PDF, in Chinese; null when there is one. */
  pdf_failure: string | null;
  made_at: string;
}

/**
 * What the month after an accepted submission is compared with (`FormDefinition.compared`), with the
 * warnings it was found with: made again when what it was made of changes.
 */
export interface ComparedLedgersTable {
  submission_id: string;
  /** What it was made of (a digest of the submission, its explanations and the month before's `made_for`). */
  made_for: string;
  /** The compared ledger, as JSON. */
  data: string;
  /** Its warnings with the clerk's answers, as JSON. */
  issues: string;
  made_at: string;
}

/** Who did what, when: logins, uploads, downloads, explanations, tasks and accounts created. */
export interface AuditTable {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  /** What it was done to (a task, submission or account id), if anything. */
  subject: string | null;
  address: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  submissions: SubmissionsTable;
  explanations: ExplanationsTable;
  annotated_copies: AnnotatedCopiesTable;
  compilations: CompilationsTable;
  compared_ledgers: ComparedLedgersTable;
  audit: AuditTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type TaskRow = Selectable<TasksTable>;
export type SubmissionRow = Selectable<SubmissionsTable>;

/** Now, as the tables keep times. */
export const now = (ms = Date.now()) => new Date(ms).toISOString();
