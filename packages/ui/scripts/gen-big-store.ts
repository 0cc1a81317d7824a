// Fills a SQLite store for measuring the UI at scale: one long stream plus many short ones, appended in big batches.
// Usage: npx tsx scripts/gen-big-store.ts [path=.tmp/big.db] [total=1000000] [long=100000]
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProposedEvent, StreamWrite } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';

const [path = '.tmp/big.db', totalArg = '1000000', longArg = '100000'] = process.argv.slice(2);
const total = Number(totalArg);
const longStream = Number(longArg);
const PER_SHORT_STREAM = 100;
const BATCH = 5000;

mkdirSync(dirname(path), { recursive: true });
const store = await createSqliteStore({ path, synchronous: 'OFF' });

let n = 0;
const event = (i: number): ProposedEvent => {
  n++;
  return i === 0
    ? { id: randomUUID(), type: 'AccountOpened', data: { owner: `Owner ${n}`, currency: 'EUR' }, metadata: {} }
    : {
        id: randomUUID(),
        type: i % 4 === 3 ? 'Withdrawn' : 'Deposited',
        data: { amount: (i % 97) + 1, reference: `REF-${n}` },
        metadata: { source: 'gen-big-store' },
      };
};

async function write(writes: StreamWrite[]): Promise<void> {
  const res = await store.append({ writes });
  if (!res.ok) throw new Error(`append failed: ${JSON.stringify(res, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
}

const started = performance.now();
for (let from = 0; from < longStream; from += BATCH) {
  const count = Math.min(BATCH, longStream - from);
  await write([
    { streamId: 'account-big', expectedRevision: 'any', events: Array.from({ length: count }, (_, k) => event(from + k)) },
  ]);
}
const rest = total - longStream;
for (let s = 0; s * PER_SHORT_STREAM < rest; s += BATCH / PER_SHORT_STREAM) {
  const writes: StreamWrite[] = [];
  for (let k = s; k < s + BATCH / PER_SHORT_STREAM && k * PER_SHORT_STREAM < rest; k++) {
    const count = Math.min(PER_SHORT_STREAM, rest - k * PER_SHORT_STREAM);
    const id = `customer-${String(k).padStart(6, '0')}`;
    writes.push({ streamId: id, expectedRevision: 'any', events: Array.from({ length: count }, (_, i) => event(i)) });
  }
  await write(writes);
  if (s % 1000 === 0) process.stdout.write(`\r${n.toLocaleString('en-US')} events`);
}
const stats = await store.stats();
console.log(
  `\n${stats.events} events in ${stats.streams} streams written to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
await store.close?.();
