// A fresh database of each engine for a test file: a temp folder for SQLite, a database created on the local
// PostgreSQL (dropped after). A PostgreSQL that cannot be reached fails the tests, never skips them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll } from 'vitest';
import { migrate, openStore, type Store, type StoreOptions } from '../src/index.ts';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** The PostgreSQL server the tests create their databases on. */
export const POSTGRES = process.env.TIANBAO_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `statement` on the tests' PostgreSQL server, in its database `test` or the one `url` names. */
export async function onPostgres(statement: string, url = POSTGRES): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** Where the database is, as `openStore` takes it. */
  readonly options: StoreOptions;
  /** Open it (closed after the file's tests); `migrated` brings it up to date first. */
  open(migrated?: boolean): Promise<Store>;
}

/** Call in a describe block: a database of `engine` made before its tests and removed after. */
export function freshDatabase(engine: Engine): TestDatabase {
  const opened: Store[] = [];
  let options: StoreOptions | undefined;
  let name: string | undefined;
  // Removed in the cleanup this hook returns, not in an afterAll: vitest runs every afterAll before the cleanups
  // that beforeAll hooks return, and those last-registered first, so a test file's own cleanup (stopping its job
  // queue, closing its server) is done before the database goes. Dropped earlier, `with (force)` ends the queue's
  // connections mid-query and its pool reports the error as the file's.
  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'tianbao-server-'));
    options = { data };
    if (engine === 'postgres') {
      name = `tianbao_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      await onPostgres(`create database ${name}`);
      const url = new URL(POSTGRES);
      url.pathname = `/${name}`;
      options = { data, url: url.toString() };
    }
    return async () => {
      await Promise.all(opened.map((s) => s.db.destroy()));
      if (name) await onPostgres(`drop database if exists ${name} with (force)`);
      rmSync(data, { recursive: true, force: true });
    };
  });
  return {
    get options() {
      if (!options) throw new Error('the database is made before the tests');
      return options;
    },
    async open(migrated = true) {
      const store = await openStore(this.options);
      opened.push(store);
      if (migrated) await migrate(store.db);
      return store;
    },
  };
}
