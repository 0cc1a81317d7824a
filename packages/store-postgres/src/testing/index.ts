// Test infrastructure shared by every package that needs PostgreSQL: a throw-away server and per-test schemas.
import { randomBytes } from 'node:crypto';
import { type ThrowawayPostgres, startThrowawayPostgres } from './throwaway-postgres.js';

export {
  findPostgresBinaries,
  startThrowawayPostgres,
  type ThrowawayOptions,
  type ThrowawayPostgres,
} from './throwaway-postgres.js';

/** Set by the global setup (or by hand, to test against an existing server) and inherited by test workers. */
export const TEST_POSTGRES_ENV = 'LOGBOOK_TEST_POSTGRES_URL';

let shared: Promise<ThrowawayPostgres> | undefined;

/**
 * A connection string to a PostgreSQL server for this test process: the one named by LOGBOOK_TEST_POSTGRES_URL
 * (provided by `@logbook/store-postgres/testing/global-setup` or by hand), otherwise one throw-away server
 * started on first call, shared by the whole process and removed when it exits.
 */
export async function testPostgresUrl(): Promise<string> {
  const fromEnv = process.env[TEST_POSTGRES_ENV];
  if (fromEnv) return fromEnv;
  shared ??= startThrowawayPostgres();
  return (await shared).connectionString;
}

/** A fresh, valid schema name so each test gets its own empty store on the shared server. */
export function freshSchemaName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}
