import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Refusal } from '@tianbao/form';
import BetterSqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** The database the service runs on: one query layer over either engine. */
export interface Store {
  db: Kysely<Database>;
  engine: 'sqlite' | 'postgres';
  /** Where it is, for messages: the SQLite file, or the PostgreSQL address without its password. */
  place: string;
}

export interface StoreOptions {
  /** The data folder, which holds the SQLite file when no PostgreSQL address is given. */
  data: string;
  /** A `postgres://…` address (`--database`, else `DATABASE_URL`). */
  url?: string | undefined;
  /** Make the SQLite file (and its folder) when there is none (default); else refuse, as a mistyped folder. */
  create?: boolean;
}

const SQLITE_FILE = 'tianbao.sqlite';

/** Open the database: PostgreSQL at `url`, else `<data>/tianbao.sqlite`; refused in Chinese when it cannot be reached. */
export async function openStore({ data, url, create = true }: StoreOptions): Promise<Store> {
  const store = url ? postgres(url) : sqlite(data, create);
  try {
    await sql`select 1`.execute(store.db);
  } catch {
    await store.db.destroy().catch(() => {});
    throw new Refusal('database.unreachable', `无法连接数据库 ${store.place}，请检查 --database（或 DATABASE_URL）所指的地址，以及数据库服务是否在运行`);
  }
  return store;
}

function sqlite(data: string, create: boolean): Store {
  const file = join(resolve(data), SQLITE_FILE);
  if (!create && !existsSync(file))
    throw new Refusal('database.missing', `数据文件夹「${data}」中没有数据库 ${SQLITE_FILE}，请检查 --data 所指的文件夹；第一次使用时先用 tianbao users add 添加账号，或启动 tianbao serve`);
  let database: BetterSqlite.Database;
  try {
    mkdirSync(resolve(data), { recursive: true });
    database = new BetterSqlite(file);
  } catch {
    throw new Refusal('database.unopenable', `无法在数据文件夹「${data}」中打开数据库 ${SQLITE_FILE}，请检查 --data 所指的文件夹是否可写`);
  }
  // WAL lets readers go on while one process writes (`tianbao users add` beside a running server);
  // a writer waits its turn for up to 5 s instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), engine: 'sqlite', place: file };
}

function postgres(url: string): Store {
  let place: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('not postgres');
    u.password = '';
    place = u.toString();
  } catch {
    throw new Refusal('database.url', `数据库地址「${url}」不是 PostgreSQL 地址，应如 postgres://用户@主机:5432/数据库`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (a restart) is replaced at the next query, not thrown at the process.
  pool.on('error', () => {});
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres', place };
}

/** The PostgreSQL address to use: `--database`, else `DATABASE_URL`, else none (SQLite in the data folder). */
export const databaseUrl = (flag: string | undefined, env = process.env) => flag || env.DATABASE_URL || undefined;

/** A row refused for a value another row holds (a name taken), on either engine. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
