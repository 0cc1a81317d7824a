// Where an append's time goes: server-side statement times (pg_stat_statements, nested statements included) and the
// client-side time per append, for single-event and 100-event appends. Run: npx tsx packages/store-postgres/scripts/profile-append.ts
import { proposeEvents } from '@logbook/core';
import pg from 'pg';
import { createPostgresStore } from '../src/index.js';
import { startThrowawayPostgres } from '../src/testing/index.js';

const N = Number(process.env.N ?? 2000);
const SYNC = process.env.SYNC ?? 'on';
const server = await startThrowawayPostgres({
  settings: {
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'all',
    'pg_stat_statements.track_planning': 'on',
    synchronous_commit: SYNC,
  },
});
const pool = new pg.Pool({ connectionString: server.connectionString, max: 10 });
try {
  await pool.query('CREATE EXTENSION pg_stat_statements');
  const store = createPostgresStore({
    pool,
    schema: 'profile',
    notify: (process.env.NOTIFY ?? 'after-commit') as 'after-commit',
  });
  await store.migrate();
  const payload = (i: number) => ({ type: 'Measured', data: { i, note: 'a small event payload of about a hundred bytes' } });
  const revisions = new Map<string, bigint>();
  const one = async (i: number) => {
    const streamId = `s-${i % 1000}`;
    const rev = revisions.get(streamId);
    const out = await store.append({
      writes: [{ streamId, expectedRevision: rev === undefined ? 'no_stream' : rev, events: proposeEvents([payload(i)]) }],
    });
    if (!out.ok) throw new Error('conflict');
    revisions.set(streamId, out.results[0]?.lastRevision as bigint);
  };
  for (let i = 0; i < 500; i++) await one(i); // warm up
  await pool.query('SELECT pg_stat_statements_reset()');
  const syncs = async () => Number((await pool.query('SELECT wal_sync FROM pg_stat_wal')).rows[0].wal_sync);
  const wal = async () =>
    (await pool.query('SELECT wal_bytes::bigint AS b, wal_fpi AS f, wal_records AS r FROM pg_stat_wal')).rows[0];
  const wal0 = await wal();
  const syncs0 = await syncs();
  let t0 = performance.now();
  for (let i = 500; i < 500 + N; i++) await one(i);
  const single = (performance.now() - t0) / N;
  console.log(`WAL syncs per single append: ${((await syncs()) - syncs0) / N}`);
  const wal1 = await wal();
  console.log(
    `per append: WAL bytes ${(wal1.b - wal0.b) / N}, full-page images ${(wal1.f - wal0.f) / N}, records ${(wal1.r - wal0.r) / N}`,
  );
  t0 = performance.now();
  const B = Math.max(10, N / 20);
  for (let b = 0; b < B; b++) {
    const events = proposeEvents(Array.from({ length: 100 }, (_, i) => payload(i)));
    await store.append({ writes: [{ streamId: `b-${b}`, expectedRevision: 'no_stream', events }] });
  }
  const batch = (performance.now() - t0) / B;
  await pool.query(`CREATE TABLE raw_events (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
    revision bigint NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
  const walR = await wal();
  t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await pool.query({
      name: 'raw_insert',
      text: 'INSERT INTO raw_events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
      values: [crypto.randomUUID(), `s-${i % 1000}`, i, 'Measured', JSON.stringify(payload(i).data), '{}'],
    });
  }
  const raw = (performance.now() - t0) / N;
  const wal2 = await wal();
  console.log(
    `per raw insert: WAL bytes ${(wal2.b - walR.b) / N}, full-page images ${(wal2.f - walR.f) / N}, records ${(wal2.r - walR.r) / N}`,
  );
  console.log(`raw single insert ${(raw * 1000).toFixed(0)} us`);
  console.log(
    `synchronous_commit=${SYNC}: single ${(single * 1000).toFixed(0)} us/append, batch ${(batch * 1000).toFixed(0)} us/append`,
  );
  const r = await pool.query(
    `SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round(total_plan_time::numeric, 1) AS plan_ms,
            round((total_exec_time / calls * 1000)::numeric, 1) AS us_per_call, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
     FROM pg_stat_statements WHERE calls > 5 ORDER BY total_exec_time DESC LIMIT 20`,
  );
  console.table(r.rows);
  const hot = await pool.query(
    "SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE schemaname = 'profile' AND relname = 'streams'",
  );
  console.log('stream row updates (all, HOT):', hot.rows[0]);
  await store.close();
} finally {
  await pool.end();
  await server.stop();
}
