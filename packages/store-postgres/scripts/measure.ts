// Measures the PostgreSQL store's append and read rates against the same work done with raw `pg` prepared INSERTs,
// on a throw-away server (fsync on, synchronous_commit on). Each figure is the median of ROUNDS rounds, store and raw
// interleaved so background load hits both alike. Run: npx tsx packages/store-postgres/scripts/measure.ts
import { randomUUID } from 'node:crypto';
import { type Position, type ProposedEvent, START, proposeEvents } from '@logbook/core';
import pg from 'pg';
import { type PostgresStore, createPostgresStore } from '../src/index.js';
import { startThrowawayPostgres } from '../src/testing/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SINGLE = Number(process.env.SINGLE ?? 2000);
const BATCHES = Number(process.env.BATCHES ?? 100);
const PER_WRITER = Number(process.env.PER_WRITER ?? 250);
const WRITERS = 8;

const payload = (i: number) => ({ type: 'Measured', data: { i, note: 'a small event payload of about a hundred bytes' } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function rate(count: number, fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return count / ((performance.now() - t0) / 1000);
}
const concurrently = (fn: (writer: number) => Promise<void>) => Promise.all(Array.from({ length: WRITERS }, (_, w) => fn(w)));

const server = await startThrowawayPostgres();
const pool = new pg.Pool({ connectionString: server.connectionString, max: 10 });
let round = 0;
try {
  const settings = await pool.query(
    "SELECT current_setting('fsync') AS f, current_setting('synchronous_commit') AS s, version() AS v",
  );
  console.log(`${settings.rows[0].v.split(' on ')[0]}; fsync=${settings.rows[0].f}; synchronous_commit=${settings.rows[0].s}`);
  const store = createPostgresStore({ pool, schema: 'measure' }); // the defaults (notify after commit)
  const inTx = createPostgresStore({ pool, schema: 'measure', notify: 'in-transaction' });
  await store.migrate();
  const revisions = new Map<string, bigint>();
  await pool.query(`CREATE TABLE raw_events (seq bigserial PRIMARY KEY, id uuid NOT NULL UNIQUE, stream_id text NOT NULL,
    revision bigint NOT NULL, type text NOT NULL, data json NOT NULL, metadata json NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
  const raw = (i: number, stream: string) =>
    pool.query({
      name: 'raw_insert',
      text: 'INSERT INTO raw_events (id, stream_id, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)',
      values: [randomUUID(), stream, i, 'Measured', JSON.stringify(payload(i).data), '{}'],
    });
  // Events are proposed (ids, validation: core's work, not the store's) before the clock starts, as raw's rows are.
  const proposed = (n: number, size = 1) =>
    Array.from({ length: n }, (_, i) => proposeEvents(Array.from({ length: size }, (_, k) => payload(i * size + k))));
  const one = (store: PostgresStore, streamId: string, events: ProposedEvent[], expected: 'any' | 'no_stream' | bigint) =>
    store.append({ writes: [{ streamId, expectedRevision: expected, events }] });

  const cases: Record<string, { unit: string; store: () => Promise<number>; raw: () => Promise<number> }> = {
    'single-event appends (1,000 streams round-robin)': {
      unit: 'appends/s',
      store: () => {
        const events = proposed(SINGLE);
        return rate(SINGLE, async () => {
          for (let i = 0; i < SINGLE; i++) {
            const streamId = `single-${i % 1000}`;
            const last = revisions.get(streamId);
            const out = await one(store, streamId, events[i] as ProposedEvent[], last === undefined ? 'no_stream' : last);
            if (!out.ok) throw new Error('unexpected conflict');
            revisions.set(streamId, out.results[0]?.lastRevision as bigint);
          }
        });
      },
      raw: () =>
        rate(SINGLE, async () => {
          for (let i = 0; i < SINGLE; i++) await raw(i, `single-${i % 1000}`);
        }),
    },
    '100-event batches': {
      unit: 'events/s',
      store: () => {
        const batches = proposed(BATCHES, 100);
        return rate(BATCHES * 100, async () => {
          for (let b = 0; b < BATCHES; b++) {
            const events = batches[b] as ProposedEvent[];
            await store.append({ writes: [{ streamId: `batch-${round}-${b}`, expectedRevision: 'no_stream', events }] });
          }
        });
      },
      raw: () =>
        rate(BATCHES * 100, async () => {
          for (let b = 0; b < BATCHES; b++) {
            const rows = Array.from({ length: 100 }, (_, i) => i);
            await pool.query({
              name: 'raw_batch',
              text: `INSERT INTO raw_events (id, stream_id, revision, type, data, metadata)
                   SELECT id, $2, r, 'Measured', d::json, '{}' FROM unnest($1::uuid[], $3::bigint[], $4::text[]) AS t(id, r, d)`,
              values: [rows.map(() => randomUUID()), `batch-${b}`, rows, rows.map((i) => JSON.stringify(payload(i).data))],
            });
          }
        }),
    },
    ...Object.fromEntries(
      [store, inTx].map((writer) => [
        `8 concurrent writers (notify ${writer === inTx ? 'in-transaction' : 'after-commit'})`,
        {
          unit: 'appends/s',
          store: () => {
            const events = Array.from({ length: WRITERS }, () => proposed(PER_WRITER));
            return rate(WRITERS * PER_WRITER, async () => {
              await concurrently(async (w) => {
                const streamId = `writer-${round}-${writer === inTx ? 'a' : 'b'}-${w}`;
                for (let i = 0; i < PER_WRITER; i++) {
                  const mine = events[w]?.[i] as ProposedEvent[];
                  const out = await one(writer, streamId, mine, i === 0 ? 'no_stream' : BigInt(i - 1));
                  if (!out.ok) throw new Error('unexpected conflict');
                }
              });
            });
          },
          raw: () =>
            rate(WRITERS * PER_WRITER, async () => {
              await concurrently(async (w) => {
                for (let i = 0; i < PER_WRITER; i++) await raw(i, `writer-${w}`);
              });
            }),
        },
      ]),
    ),
    'read all, pages of 1000': {
      unit: 'events/s',
      store: async () => {
        const total = Number((await store.stats()).events);
        return rate(total, async () => {
          let from: Position = START;
          for (;;) {
            const page = await store.readAll({ from, limit: 1000 });
            from = page.next;
            if (page.atEnd) break;
          }
        });
      },
      raw: async () => {
        const total = Number((await pool.query('SELECT count(*) AS n FROM raw_events')).rows[0].n);
        return rate(total, async () => {
          for (let after = 0; ; ) {
            const r = await pool.query({
              name: 'raw_read',
              text: `SELECT seq, id, stream_id, revision, type, data::text, metadata::text, recorded_at
                     FROM raw_events WHERE seq > $1 ORDER BY seq LIMIT 1000`,
              values: [after],
            });
            if (r.rows.length === 0) break;
            // The same parse the store does: payloads become values, not strings.
            for (const row of r.rows) {
              row.data = JSON.parse(row.data);
              row.metadata = JSON.parse(row.metadata);
            }
            after = Number(r.rows[r.rows.length - 1].seq);
          }
        });
      },
    },
  };

  const results = new Map<string, { store: number[]; raw: number[] }>();
  for (round = 0; round < ROUNDS; round++) {
    for (const [name, c] of Object.entries(cases)) {
      const r = results.get(name) ?? { store: [], raw: [] };
      r.store.push(await c.store());
      r.raw.push(await c.raw());
      results.set(name, r);
    }
  }
  console.log(`\nmedian of ${ROUNDS} rounds          logbook          raw pg   logbook/raw  (median of per-round ratios)`);
  for (const [name, c] of Object.entries(cases)) {
    const r = results.get(name) as { store: number[]; raw: number[] };
    const [s, w] = [median(r.store), median(r.raw)];
    // Store and raw run back to back in each round: their ratio is steadier than the ratio of the medians when the
    // machine's load (or its disk's fsync time) drifts between rounds.
    const paired = median(r.store.map((x, i) => x / (r.raw[i] as number)));
    console.log(
      `${name.padEnd(46)} ${s.toFixed(0).padStart(7)} ${w.toFixed(0).padStart(9)} ${c.unit.padEnd(9)} ${(s / w).toFixed(2)}x  (${paired.toFixed(2)}x)`,
    );
  }
  await store.close();
  await inTx.close();
} finally {
  await pool.end();
  await server.stop();
}
