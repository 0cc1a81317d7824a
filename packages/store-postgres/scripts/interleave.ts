// A steadier single-writer comparison on a noisy machine: short alternating blocks of store appends (both notify
// modes) and raw INSERTs, medians of the per-block microseconds per append.
// Run: SYNC=off npx tsx packages/store-postgres/scripts/interleave.ts
import { randomUUID } from 'node:crypto';
import { proposeEvents } from '@logbook/core';
import pg from 'pg';
import { appendCall } from '../src/append.js';
import { type PostgresStore, createPostgresStore } from '../src/index.js';
import { Statements } from '../src/sql.js';
import { startThrowawayPostgres } from '../src/testing/index.js';

const BLOCKS = Number(process.env.BLOCKS ?? 15);
const PER = Number(process.env.PER ?? 200);
const server = await startThrowawayPostgres({ settings: { synchronous_commit: process.env.SYNC ?? 'on' } });
const pool = new pg.Pool({ connectionString: server.connectionString, max: 10, options: process.env.PGOPTS });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
try {
  const after = createPostgresStore({ pool, schema: 'il' });
  const inTx = createPostgresStore({ pool, schema: 'il', notify: 'in-transaction' });
  await after.migrate();
  await pool.query(`CREATE TABLE raw_events (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
    revision bigint NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
  const data = (i: number) => ({ i, note: 'a small event payload of about a hundred bytes' });
  const revisions = new Map<string, bigint>();
  let n = 0;
  const storeBlock = async (store: PostgresStore) => {
    for (let k = 0; k < PER; k++, n++) {
      const streamId = `s-${n % 1000}`;
      const last = revisions.get(streamId);
      const out = await store.append({
        writes: [
          {
            streamId,
            expectedRevision: last === undefined ? 'no_stream' : last,
            events: proposeEvents([{ type: 'Measured', data: data(n) }]),
          },
        ],
      });
      if (!out.ok) throw new Error('conflict');
      revisions.set(streamId, out.results[0]?.lastRevision as bigint);
    }
  };
  const rawBlock = async () => {
    for (let k = 0; k < PER; k++, n++) {
      await pool.query({
        name: 'raw_insert',
        text: 'INSERT INTO raw_events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
        values: [randomUUID(), `s-${n % 1000}`, n, 'Measured', JSON.stringify(data(n)), '{}'],
      });
    }
  };
  const st = new Statements('il');
  // The append statement alone (no store code around it): what the driver and server cost.
  const directBlock = async () => {
    for (let k = 0; k < PER; k++, n++) {
      const request = {
        writes: [
          {
            streamId: `d-${n % 1000}`,
            expectedRevision: 'any' as const,
            events: proposeEvents([{ type: 'Measured', data: data(n) }]),
          },
        ],
      };
      await pool.query(st.q('append_stream', appendCall(request, null).params));
    }
  };
  const variants: Record<string, () => Promise<void>> = {
    'append_stream statement alone': directBlock,
    'store (notify after-commit)': () => storeBlock(after),
    'store (notify in-transaction)': () => storeBlock(inTx),
    raw: rawBlock,
  };
  const times = new Map<string, number[]>();
  for (let b = -1; b < BLOCKS; b++) {
    for (const [name, run] of Object.entries(variants)) {
      const t0 = performance.now();
      await run();
      if (b >= 0) times.set(name, [...(times.get(name) ?? []), ((performance.now() - t0) * 1000) / PER]);
    }
  }
  const raw = median(times.get('raw') as number[]);
  for (const [name, ts] of times)
    console.log(`${name.padEnd(32)} ${median(ts).toFixed(0).padStart(5)} us/append  ${(raw / median(ts)).toFixed(2)}x raw`);
  await after.close();
  await inTx.close();
} finally {
  await pool.end();
  await server.stop();
}
