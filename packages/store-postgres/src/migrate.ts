// Versioned migrations: applied in one transaction under an advisory lock, recorded in the schema's migrations table.
import { LogbookError } from '@logbook/core';
import { sqlState } from './errors.js';
import { guardPool, openPool, withTransaction } from './connection.js';
import type { PgPool, PgRow } from './pg-types.js';
import { assertSchemaName } from './schema-name.js';
import { MIGRATIONS, Statements, bindSchema } from './sql.js';

export const DEFAULT_SCHEMA = 'logbook';

export interface MigrateOptions {
  pool?: PgPool;
  connectionString?: string;
  schema?: string;
}

/** Applies the migrations not yet applied to `schema` on `pool`; returns the versions it applied. */
export async function migratePool(pool: PgPool, schema: string): Promise<number[]> {
  assertSchemaName(schema);
  const st = new Statements(schema);
  return withTransaction(pool, async (client) => {
    await client.query(st.once('migration_lock', [`logbook:${schema}`]));
    await client.query(st.once('schema_create'));
    await client.query(st.once('migrations_table_create'));
    const done = new Set((await client.query(st.once('migrations_applied'))).rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      // A migration file holds DDL only (no values); it runs as one multi-statement simple query.
      await client.query({ text: bindSchema(m.text, schema) });
      await client.query(st.once('migration_record', [m.version, m.name]));
      applied.push(m.version);
    }
    return applied;
  });
}

/** Refuses to run on a log whose transaction ids are ahead of the server's (see "Dump and restore" in the docs). */
export async function checkTransactionIds(pool: PgPool, st: Statements, schema: string): Promise<void> {
  let row: PgRow | undefined;
  try {
    row = (await pool.query(st.q('tx_id_check'))).rows[0];
  } catch (e) {
    if (sqlState(e) !== '42P01') throw e;
    throw new LogbookError('store_unavailable', `schema ${schema} is not migrated: call migrate() first`, {}, { cause: e });
  }
  if (row?.max_tx_id == null || BigInt(row.max_tx_id) < BigInt(row.next_tx_id)) return;
  throw new LogbookError(
    'store_unavailable',
    `schema ${schema} holds events from transaction ${row.max_tx_id} but this server is at ${row.next_tx_id}: ` +
      'it was restored from a logical dump; raise the transaction id epoch (pg_resetwal -e) as docs/stores/postgres.md explains',
    { maxTxId: row.max_tx_id, nextTxId: row.next_tx_id },
  );
}

/** Brings a schema up to date: `migrate({ connectionString, schema })` or `migrate({ pool, schema })`. */
export async function migrate(options: MigrateOptions): Promise<number[]> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  assertSchemaName(schema);
  if (options.pool) return migratePool(options.pool, schema);
  if (!options.connectionString) throw new LogbookError('invalid_request', 'migrate needs a pool or a connectionString');
  const { pool } = await openPool(options.connectionString, 1);
  guardPool(pool);
  try {
    return await migratePool(pool, schema);
  } finally {
    await pool.end();
  }
}
