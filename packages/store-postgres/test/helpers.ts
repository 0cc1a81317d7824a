// Shared helpers for this package's tests: a pool on the shared throw-away server and fresh stores on fresh schemas.
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { type PostgresStore, type PostgresStoreOptions, createPostgresStore } from '../src/index.js';
import { freshSchemaName, testPostgresUrl } from '../src/testing/index.js';

/** A pool of its own for one test, ended when the test finishes. */
export async function testPool(max = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: await testPostgresUrl(), max });
  pool.on('error', () => {});
  onTestFinished(() => pool.end());
  return pool;
}

/** A fresh store on a fresh schema, closed when the test finishes. */
export async function testStore(options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> {
  const store = createPostgresStore({
    connectionString: await testPostgresUrl(),
    schema: freshSchemaName(),
    poolSize: 10,
    ...options,
  });
  onTestFinished(() => store.close());
  return store;
}

/** Polls `check` until it holds (a liveness wait bounded by the test timeout, not a timing assertion). */
export async function until(check: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
