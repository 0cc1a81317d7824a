// Pool set-up and the two ways the store borrows a connection: a plain query, or a transaction on one client.
import { toStoreError, isConnectionError } from './errors.js';
import type { PgModule, PgPool, PgPoolClient } from './pg-types.js';

/** Opens a pool from a connection string, importing `pg` only now (it is a peer dependency). */
export async function openPool(connectionString: string, poolSize: number): Promise<{ pool: PgPool; pg: PgModule }> {
  const mod = (await import('pg')) as unknown as { default?: PgModule } & PgModule;
  const pg = mod.default ?? mod;
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // A server that does not answer must surface as store_unavailable, not hang the caller forever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'logbook',
  });
  return { pool, pg };
}

/** Idle pooled clients can die (server restart); pg reports that on the pool, which must not crash the process. */
export function guardPool(pool: PgPool): void {
  pool.on('error', () => {});
}

/**
 * Runs `fn` inside BEGIN/COMMIT on one pooled client. The client is destroyed, not returned to the pool,
 * when its connection broke. A checked-out client gets an error listener for the time it is out, because
 * pg emits connection loss on idle checked-out clients as an 'error' event.
 */
export async function withTransaction<T>(pool: PgPool, fn: (client: PgPoolClient) => Promise<T>): Promise<T> {
  let client: PgPoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw toStoreError(e);
  }
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  try {
    await client.query({ text: 'BEGIN' });
    const result = await fn(client);
    await client.query({ text: 'COMMIT' });
    return result;
  } catch (e) {
    if (isConnectionError(e)) lost ??= e as Error;
    if (!lost) {
      try {
        await client.query({ text: 'ROLLBACK' });
      } catch (rollbackError) {
        lost = rollbackError as Error;
      }
    }
    // A lost connection wins over whatever error the caller's code saw first (it is the cause).
    throw lost && !isConnectionError(e) ? toStoreError(lost) : toStoreError(e);
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? undefined);
  }
}
