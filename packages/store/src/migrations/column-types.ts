// What a migration writes differently, or often, for the two engines.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The type of a column of bytes: bytea on PostgreSQL, BLOB on SQLite (the one type the engines name apart). */
export const bytes = (db: Kysely<any>) => (db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob');

/** A check that a column holds one of `values`. */
export const oneOf = (column: string, values: readonly string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
