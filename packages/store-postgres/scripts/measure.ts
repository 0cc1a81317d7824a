// Measures the PostgreSQL store's append and read rates against the same work done with raw `pg` prepared INSERTs,
// on a throw-away server (fsync on, synchronous_commit on). Run: npx tsx packages/store-postgres/scripts/measure.ts
import { randomUUID } from 'node:crypto';
import { type Position, START, proposeEvents } from '@logbook/core';
import pg from 'pg';
import { createPostgresStore } from '../src/index.js';
import { startThrowawayPostgres } from '../src/testing/index.js';

const SINGLE = Number(process.env.SINGLE ?? 2000);
const BATCHES = Number(process.env.BATCHES ?? 200);
const PER_WRITER = Number(process.env.PER_WRITER ?? 500);
const WRITERS = 8;

const payload = (i: number) => ({ type: 'Measured', data: { i, note: 'a small event payload of about a hundred bytes' } });

async function timed(label: string, count: number, unit: string, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  const rate = count / s;
  console.log(
    `${label.padEnd(44)} ${String(count).padStart(7)} ${unit.padEnd(7)} ${s.toFixed(2).padStart(7)} s ${rate.toFixed(0).padStart(9)} ${unit}/s`,
  );
  return rate;
}

const server = await startThrowawayPostgres();
const pool = new pg.Pool({ connectionString: server.connectionString, max: 10 });
try {
  const settings = await pool.query(
    "SELECT current_setting('fsync') AS f, current_setting('synchronous_commit') AS s, version() AS v",
  );
  console.log(
    `server: ${settings.rows[0].v.split(' on ')[0]}; fsync=${settings.rows[0].f}; synchronous_commit=${settings.rows[0].s}`,
  );
  const store = createPostgresStore({ pool, schema: 'measure' });
  await store.migrate();
  const rates: Record<string, [number, number]> = {};

  // --- Logbook store
  const s1 = await timed('logbook: single-event appends', SINGLE, 'appends', async () => {
    for (let i = 0; i < SINGLE; i++) {
      await store.append({
        writes: [{ streamId: `single-${i % 50}`, expectedRevision: 'any', events: proposeEvents([payload(i)]) }],
      });
    }
  });
  const s2 = await timed('logbook: 100-event batches', BATCHES * 100, 'events', async () => {
    for (let b = 0; b < BATCHES; b++) {
      const events = proposeEvents(Array.from({ length: 100 }, (_, i) => payload(i)));
      await store.append({ writes: [{ streamId: `batch-${b}`, expectedRevision: 'no_stream', events }] });
    }
  });
  const s3 = await timed(`logbook: ${WRITERS} concurrent writers, 1 event each`, WRITERS * PER_WRITER, 'appends', async () => {
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const expectedRevision = i === 0 ? ('no_stream' as const) : BigInt(i - 1);
          const out = await store.append({
            writes: [{ streamId: `writer-${w}`, expectedRevision, events: proposeEvents([payload(i)]) }],
          });
          if (!out.ok) throw new Error('unexpected conflict');
        }
      }),
    );
  });
  const fast = createPostgresStore({ pool, schema: 'measure', notify: 'after-commit' });
  const s3b = await timed(`logbook (notify after-commit): ${WRITERS} writers`, WRITERS * PER_WRITER, 'appends', async () => {
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < PER_WRITER; i++) {
          const expectedRevision = i === 0 ? ('no_stream' as const) : BigInt(i - 1);
          const out = await fast.append({
            writes: [{ streamId: `fast-${w}`, expectedRevision, events: proposeEvents([payload(i)]) }],
          });
          if (!out.ok) throw new Error('unexpected conflict');
        }
      }),
    );
  });
  await fast.close();
  const total = Number((await store.stats()).events);
  const s4 = await timed('logbook: readAll in pages of 1000', total, 'events', async () => {
    let from: Position = START;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ from, limit: 1000 });
      n += page.events.length;
      from = page.next;
      if (page.atEnd) break;
    }
    if (n !== total) throw new Error(`read ${n} of ${total}`);
  });

  // --- Raw pg: the same rows, prepared INSERTs, no checks
  await pool.query(`CREATE TABLE raw_events (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
    revision bigint NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
  const insert = (i: number, stream: string) => ({
    name: 'raw_insert',
    text: 'INSERT INTO raw_events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
    values: [randomUUID(), stream, i, 'Measured', JSON.stringify(payload(i).data), '{}'],
  });
  const r1 = await timed('raw pg: single-row INSERTs', SINGLE, 'appends', async () => {
    for (let i = 0; i < SINGLE; i++) await pool.query(insert(i, `single-${i % 50}`));
  });
  const r2 = await timed('raw pg: 100-row INSERT ... unnest', BATCHES * 100, 'events', async () => {
    for (let b = 0; b < BATCHES; b++) {
      const rows = Array.from({ length: 100 }, (_, i) => i);
      await pool.query({
        name: 'raw_batch',
        text: `INSERT INTO raw_events (id, stream_id, revision, type, data, metadata)
               SELECT id, $2, r, 'Measured', d::json, '{}' FROM unnest($1::uuid[], $3::bigint[], $4::text[]) AS t(id, r, d)`,
        values: [rows.map(() => randomUUID()), `batch-${b}`, rows, rows.map((i) => JSON.stringify(payload(i).data))],
      });
    }
  });
  const r3 = await timed(`raw pg: ${WRITERS} concurrent writers, 1 row each`, WRITERS * PER_WRITER, 'appends', async () => {
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < PER_WRITER; i++) await pool.query(insert(i, `writer-${w}`));
      }),
    );
  });
  const rawTotal = Number((await pool.query('SELECT count(*) AS n FROM raw_events')).rows[0].n);
  const r4 = await timed('raw pg: SELECT pages of 1000 by seq', rawTotal, 'events', async () => {
    let after = 0;
    for (;;) {
      const r = await pool.query({
        name: 'raw_read',
        text: 'SELECT seq, id, stream_id, revision, type, data::text, metadata::text, recorded_at FROM raw_events WHERE seq > $1 ORDER BY seq LIMIT 1000',
        values: [after],
      });
      if (r.rows.length === 0) break;
      after = Number(r.rows[r.rows.length - 1].seq);
    }
  });
  rates.single = [s1, r1];
  rates.batch100 = [s2, r2];
  rates.concurrent8 = [s3, r3];
  rates['concurrent8 (after-commit)'] = [s3b, r3];
  rates.readAll = [s4, r4];
  console.log('\nlogbook / raw pg:');
  for (const [k, [a, b]] of Object.entries(rates)) console.log(`  ${k.padEnd(28)} ${(a / b).toFixed(2)}x`);
  await store.close();
} finally {
  await pool.end();
  await server.stop();
}
