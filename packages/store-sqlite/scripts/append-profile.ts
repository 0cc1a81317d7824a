// Runs one bench-like append workload on the SQLite store, for timing one change or for `node --cpu-prof`.
// Run: npx tsx packages/store-sqlite/scripts/append-profile.ts <w1|w2|w3> [appends-per-writer] [FULL|NORMAL|OFF]
// w1: 1 event per append over 1,000 streams; w2: 100 events per append; w3: 8 writers, 1 event per append.
// Prints events/s and events per commit (how well group commit batches).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '@logbook/core';
import { createSqliteStore } from '../src/index.js';

const mode = process.argv[2] ?? 'w3';
const perWriter = Number(process.argv[3] ?? (mode === 'w2' ? 200 : 2000));
const NOTE = 'Monthly salary transfer from employer, reference INV-2026-000123, cleared by the overnight batch.';
const deposit = (streamId: string, n: number) => ({
  type: 'FundsDeposited',
  data: { accountId: streamId, amount: 100 + (n % 900), currency: 'EUR', note: NOTE, sentAt: 0 },
});

const dir = mkdtempSync(join(tmpdir(), 'logbook-profile-'));
try {
  const synchronous = (process.argv[4] ?? 'FULL') as 'FULL' | 'NORMAL' | 'OFF';
  const port = await createSqliteStore({ path: join(dir, 'p.sqlite'), synchronous });
  const store = createEventStore(port);
  const writers = mode === 'w3' ? 8 : 1;
  const size = mode === 'w2' ? 100 : 1;
  const streams = mode === 'w2' ? 100 : mode === 'w3' ? 125 : 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const last = new Array<number>(streams).fill(-1);
      for (let i = 0; i < perWriter; i++) {
        const s = i % streams;
        const streamId = `account-w${w}s${s}`;
        const events = Array.from({ length: size }, (_, k) => deposit(streamId, i * size + k));
        const prev = last[s] as number;
        await store.append(streamId, events, { expectedRevision: prev < 0 ? 'no_stream' : BigInt(prev) });
        last[s] = prev + size;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const events = writers * perWriter * size;
  const perCommit = (writers * perWriter) / port.appendTransactions;
  console.log(`${mode}: ${Math.round(events / seconds)} events/s, ${perCommit.toFixed(2)} appends per commit`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
