// Raw PostgreSQL baseline: `pg` prepared INSERTs with synchronous_commit on, the limit for the PostgreSQL store.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { foldBalance } from '../payload.js';
import type { BenchPostgres } from '../postgres.js';
import type { Session, Subject } from './types.js';

const SCHEMA = `
CREATE TABLE events (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, revision)
);`;

// One statement per append, so each append is one transaction and one commit, the way a careful hand-written
// store would do it; the (stream_id, revision) unique key rejects a stale expected revision.
const INSERT_ONE = {
  name: 'raw_insert_one',
  text: 'INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
};
const INSERT_MANY = {
  name: 'raw_insert_many',
  text: `INSERT INTO events (id, stream_id, revision, type, data, metadata)
         SELECT u.id, $1, $2::bigint + u.ord, u.type, u.data, '{}'::jsonb
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS u(id, type, data, ord)`,
};

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/** pg has already parsed the jsonb columns; build the same event object a store hands out. */
function toEvent(r: Record<string, unknown>) {
  return {
    id: r.id,
    streamId: r.stream_id,
    revision: BigInt(r.revision as string),
    position: String(r.position),
    type: r.type as string,
    data: r.data,
    metadata: r.metadata,
    recordedAt: (r.recorded_at as Date).toISOString(),
  };
}

export function rawPostgres(server: BenchPostgres): Subject {
  return {
    impl: 'raw',
    backend: 'postgres',
    label: 'raw/postgres',
    async open(): Promise<Session> {
      const db = await server.freshDatabase('raw');
      const pool = new pg.Pool({ connectionString: db.url, max: 10 });
      await pool.query(SCHEMA);
      return {
        async append(streamId, last, events) {
          if (events.length === 1) {
            const e = events[0] as (typeof events)[number];
            await pool.query({ ...INSERT_ONE, values: [randomUUID(), streamId, last + 1, e.type, JSON.stringify(e.data), '{}'] });
            return;
          }
          await pool.query({
            ...INSERT_MANY,
            values: [
              streamId,
              last,
              events.map(() => randomUUID()),
              events.map((e) => e.type),
              events.map((e) => JSON.stringify(e.data)),
            ],
          });
        },
        async fold(streamId) {
          // The same work as a store's read: every column, each row turned into an event object, then folded.
          const { rows } = await pool.query({
            name: 'raw_read_stream',
            text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY revision`,
            values: [streamId],
          });
          let balance = 0;
          for (const r of rows as Array<Record<string, unknown>>) balance = foldBalance(balance, toEvent(r).data);
          return { events: rows.length, balance };
        },
        async scanAll() {
          let from = '0';
          let count = 0;
          for (;;) {
            const { rows } = await pool.query({
              name: 'raw_page',
              text: `SELECT ${COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT 500`,
              values: [from],
            });
            for (const r of rows as Array<Record<string, unknown>>) if (toEvent(r).type) count++;
            const lastRow = rows[rows.length - 1] as { position: string } | undefined;
            if (!lastRow || rows.length < 500) return count;
            from = lastRow.position;
          }
        },
        async close() {
          await pool.end();
          await db.drop();
        },
      };
    },
  };
}
