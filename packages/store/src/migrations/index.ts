import { Migrator, type Kysely, type Migration } from 'kysely';
import * as accounts from './0001-accounts.ts';
import * as collection from './0002-collection.ts';
import * as audit from './0003-audit.ts';
import * as namesIgnoringCase from './0004-names-ignoring-case.ts';
import * as annotatedCopies from './0005-annotated-copies.ts';
import * as compilations from './0006-compilations.ts';
import * as wholeFileExplanations from './0007-whole-file-explanations.ts';
import * as taskUnits from './0008-task-units.ts';
import * as comparedLedgers from './0009-compared-ledgers.ts';

/**
 * Every migration, in order, listed here rather than read from a folder: the CLI is a bundle, with no
 * folder of modules to read. A new one is added at the end under the next number; none is ever edited.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-collection': collection,
  '0003-audit': audit,
  '0004-names-ignoring-case': namesIgnoringCase,
  '0005-annotated-copies': annotatedCopies,
  '0006-compilations': compilations,
  '0007-whole-file-explanations': wholeFileExplanations,
  '0008-task-units': taskUnits,
  '0009-compared-ledgers': comparedLedgers,
};

/**
 * Bring the database up to date (run at every start; a database up to date is left as it is), and say
 * which migrations ran. Kysely's migrator takes a lock in the database, so processes starting together
 * on one PostgreSQL migrate once.
 */
export async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  return results.map((r) => r.migrationName);
}
