// Measures append throughput of the SQLite store (synchronous=FULL, file database) against raw better-sqlite3.
// Run: npx tsx packages/store-sqlite/scripts/measure.ts [seconds-per-run] [rounds] [directory]
// fsync latency dominates and varies a lot between runs, so the cases run interleaved in rounds; medians are reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '@logbook/core';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../src/index.js';

const seconds = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(process.argv[4] ?? tmpdir(), 'logbook-measure-'));
const WRITERS = 8;
let files = 0;
const file = () => join(dir, `m-${++files}.sqlite`);

/** Runs `writers` loops of `step` until the time is up; returns appends per second. */
async function rate(writers: number, step: (writer: number, i: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await step(w, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** `size` events per append; returns events per second. */
async function logbook(writers: number, groupCommit = true, size = 1): Promise<number> {
  const store = createEventStore(await createSqliteStore({ path: file(), synchronous: 'FULL', groupCommit }));
  const r = await rate(writers, async (w, i) => {
    const events = Array.from({ length: size }, (_, k) => ({
      type: 'Deposited',
      data: { amount: i * size + k, note: 'measure' },
    }));
    await store.append(`account-${w}`, events, { expectedRevision: i === 0 ? 'no_stream' : BigInt(i * size - 1) });
  });
  await store.close();
  return r * size;
}

/** The same work by hand: one IMMEDIATE transaction per append with the expected-revision check, insert and head update. */
async function raw(writers: number, size = 1): Promise<number> {
  const db = new Database(file());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL,
    UNIQUE (stream_id, revision));
    CREATE TABLE streams (stream_id TEXT PRIMARY KEY, last_revision INTEGER NOT NULL) WITHOUT ROWID;`);
  const head = db.prepare('SELECT last_revision FROM streams WHERE stream_id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const upsert = db.prepare(
    'INSERT INTO streams VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision',
  );
  const append = db.transaction((streamId: string, expected: number, data: string[]) => {
    const current = (head.get(streamId) as number | undefined) ?? -1;
    if (current !== expected) throw new Error(`conflict on ${streamId}`);
    const at = new Date().toISOString();
    for (const [k, d] of data.entries()) insert.run(crypto.randomUUID(), streamId, current + 1 + k, 'Deposited', d, '{}', at);
    upsert.run(streamId, current + data.length);
  });
  const r = await rate(writers, async (w, i) => {
    const data = Array.from({ length: size }, (_, k) => JSON.stringify({ amount: i * size + k, note: 'measure' }));
    append.immediate(`account-${w}`, i * size - 1, data);
    // Yield like an async caller would, so the 8 "concurrent" raw writers interleave.
    await new Promise((resolve) => setImmediate(resolve));
  });
  db.close();
  return r * size;
}

const CASES: Array<[string, () => Promise<number>]> = [
  ['logbook, 1 sequential writer', () => logbook(1)],
  [`logbook, ${WRITERS} concurrent writers, group commit`, () => logbook(WRITERS)],
  [`logbook, ${WRITERS} concurrent writers, no group commit`, () => logbook(WRITERS, false)],
  ['raw better-sqlite3, 1 sequential writer', () => raw(1)],
  [`raw better-sqlite3, ${WRITERS} interleaved writers`, () => raw(WRITERS)],
  ['logbook, 1 sequential writer, 100 events per append', () => logbook(1, true, 100)],
  ['raw better-sqlite3, 1 sequential writer, 100 events per append', () => raw(1, 100)],
];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
try {
  const version = new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get();
  console.log(`SQLite ${version}, WAL, synchronous=FULL, file database in ${dir}`);
  console.log(`expected revision passed; ${rounds} rounds of ${seconds}s per case; rates in events/s\n`);
  const results = CASES.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, [, run]] of CASES.entries()) results[i]?.push(await run());
  }
  for (const [i, [name]] of CASES.entries()) {
    const runs = (results[i] ?? []).sort((a, b) => a - b);
    const median = runs[Math.floor(runs.length / 2)] ?? 0;
    console.log(`${name.padEnd(62)} ${fmt(median).padStart(7)} events/s  (runs ${runs.map(fmt).join(', ')})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
