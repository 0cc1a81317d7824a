// Shared state of the per-operation tests: a migrated schema, two raw clients and small helpers.
import { type AppendRequest, type ExpectedRevision, proposeEvents } from '@logbook/core';
import pg from 'pg';
import { appendParams } from '../../src/append.js';
import { migrate } from '../../src/index.js';
import { channelName } from '../../src/schema-name.js';
import { type Operation, Statements } from '../../src/sql.js';
import { freshSchemaName, testPostgresUrl } from '../../src/testing/index.js';

export const schema = freshSchemaName('ops');
export const st = new Statements(schema);
/** Filled by open(); the tests run after it. */
export const clients = {} as { db: pg.Client; other: pg.Client };

export async function open(): Promise<void> {
  const url = await testPostgresUrl();
  await migrate({ connectionString: url, schema });
  clients.db = new pg.Client({ connectionString: url });
  clients.other = new pg.Client({ connectionString: url });
  await clients.db.connect();
  await clients.other.connect();
}

export async function close(): Promise<void> {
  await clients.db.end();
  await clients.other.end();
}

export const q = async (op: Operation, values: unknown[] = [], on: pg.Client = clients.db) =>
  (await on.query(st.q(op, values))).rows;
export const request = (streamId: string, n: number, expectedRevision: ExpectedRevision = 'any'): AppendRequest => ({
  writes: [
    { streamId, expectedRevision, events: proposeEvents(Array.from({ length: n }, (_, i) => ({ type: 'T', data: { i } }))) },
  ],
});
export const append = (r: AppendRequest, on: pg.Client = clients.db) => q('append', appendParams(r, channelName(schema)), on);
export const pos = (row: { tx_id: string; seq: string }) => [row.tx_id, row.seq];
export type OperationTests = Partial<Record<Operation, () => Promise<void>>>;
