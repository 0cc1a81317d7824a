// Measures the command side on SQLite: loading a 10,000-event stream with and without a snapshot, and the
// command rate of 8 concurrent handlers on one hot stream. Run: npx tsx examples/bank/scripts/measure.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EventStore, type EventToAppend, aggregateStream, writeSnapshot } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';
import { accountDecider, accountStream } from '../src/account.js';
import { Bank } from '../src/bank.js';

const STREAM_EVENTS = 10_000;
const LOAD_RUNS = 7;
const WORKERS = 8;
const COMMANDS_PER_WORKER = Number(process.env.COMMANDS_PER_WORKER ?? 250);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function timeLoads(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: statement cache, page cache
  const times: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function measureLoad(dir: string): Promise<void> {
  const store = new EventStore(await createSqliteStore({ path: join(dir, 'load.db') }));
  const id = accountStream('load');
  const events: EventToAppend[] = [{ type: 'AccountOpened', data: { owner: 'Load Test', currency: 'EUR' } }];
  for (let i = 1; i < STREAM_EVENTS; i++) events.push({ type: 'MoneyDeposited', data: { amount: 1, description: 'deposit' } });
  for (let i = 0; i < events.length; i += 1000) await store.append(id, events.slice(i, i + 1000));

  const full = await timeLoads(() => aggregateStream(store, id, accountDecider, { useSnapshot: false }));
  // A snapshot policy of every 100 events leaves at most 99 events after the snapshot; measure the worst case.
  const behind = await aggregateStream(store, id, accountDecider, {
    useSnapshot: false,
    toRevision: BigInt(STREAM_EVENTS - 100),
  });
  await writeSnapshot(
    store,
    id,
    accountDecider.snapshot as NonNullable<typeof accountDecider.snapshot>,
    behind.state,
    behind.revision ?? 0n,
  );
  const tail = await aggregateStream(store, id, accountDecider);
  const withTail = await timeLoads(() => aggregateStream(store, id, accountDecider));
  const head = await aggregateStream(store, id, accountDecider, { useSnapshot: false });
  await writeSnapshot(
    store,
    id,
    accountDecider.snapshot as NonNullable<typeof accountDecider.snapshot>,
    head.state,
    head.revision ?? 0n,
  );
  const atHead = await timeLoads(() => aggregateStream(store, id, accountDecider));
  console.log(`Load of a ${STREAM_EVENTS.toLocaleString('en-US')}-event stream on SQLite (median of ${LOAD_RUNS}):`);
  console.log(
    `  without snapshot:                    ${ms(full)}  (${head.revision === undefined ? 0 : Number(head.revision) + 1} events read)`,
  );
  console.log(`  snapshot + ${tail.eventsRead}-event tail:            ${ms(withTail)}`);
  console.log(`  snapshot at the head (0-event tail): ${ms(atHead)}`);
  await store.close();
}

async function measureHotStream(
  dir: string,
  workers: number,
  synchronous: 'FULL' | 'NORMAL',
  serializeLocally = false,
): Promise<void> {
  const path = join(dir, `hot-${workers}-${synchronous}-${serializeLocally}.db`);
  const store = new EventStore(await createSqliteStore({ path, synchronous }));
  const bank = new Bank(store, { retry: { maxRetries: 100 }, serializeLocally });
  await bank.open('hot', 'Hot Stream');
  const total = WORKERS * COMMANDS_PER_WORKER;
  let attempts = 0;
  let maxAttempts = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < total / workers; i++) {
        try {
          const r = await bank.deposit('hot', 1);
          attempts += r.attempts;
          maxAttempts = Math.max(maxAttempts, r.attempts);
        } catch {
          failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const { balance, revision } = await bank.balance('hot');
  console.log(
    `\n${workers} concurrent handler${workers > 1 ? 's' : ''}, ${total} deposits on one hot stream (SQLite, synchronous=${synchronous}${serializeLocally ? ', serializeLocally' : ''}):`,
  );
  console.log(`  ${Math.round((total - failures) / seconds)} commands/s; ${attempts - (total - failures)} conflicts retried`);
  console.log(`  ${(attempts / (total - failures)).toFixed(2)} attempts per command on average, at most ${maxAttempts}`);
  console.log(`  ${failures} gave up; final balance ${balance} at revision ${revision} (expected ${total - failures})`);
  await store.close();
}

const dir = mkdtempSync(join(tmpdir(), 'logbook-measure-'));
try {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  await measureLoad(dir);
  // FULL (the default) fsyncs every commit, which bounds a single stream; NORMAL shows the handler's own cost.
  for (const synchronous of ['FULL', 'NORMAL'] as const) {
    await measureHotStream(dir, 1, synchronous);
    await measureHotStream(dir, WORKERS, synchronous);
    await measureHotStream(dir, WORKERS, synchronous, true);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
