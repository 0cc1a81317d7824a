// Read models in the SQLite database itself: custom tables written through `native`, inline and async, on a real file.
import {
  EventStore,
  createConsumer,
  createWorld,
  defineProjection,
  defineStateMachine,
  fileBlobStore,
  registerInlineProjection,
  startProjection,
} from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../src/index.js';
import { openStore, tempDir } from './helpers.js';

const files = tempDir();

/** A projection into a plain SQL table, in the store's own transaction. */
const totals = (failOn?: { amount: number; times: number }) =>
  defineProjection({
    name: 'sql-totals',
    collections: [],
    handles: ['Paid'],
    apply: (e, { native }) => {
      const db = native as SqliteDatabase;
      const { customer, amount } = e.data as { customer: string; amount: number };
      if (failOn && amount === failOn.amount && failOn.times-- > 0) throw new Error('crash in the middle of a page');
      db.prepare(
        'CREATE TABLE IF NOT EXISTS totals (customer TEXT PRIMARY KEY, paid INTEGER NOT NULL, n INTEGER NOT NULL)',
      ).run();
      db.prepare(
        'INSERT INTO totals (customer, paid, n) VALUES (?, ?, 1) ON CONFLICT (customer) DO UPDATE SET paid = paid + excluded.paid, n = n + 1',
      ).run(customer, amount);
    },
  });

const rows = (store: EventStore) =>
  (store.port.transaction?.(async (tx) =>
    (tx.native as SqliteDatabase).prepare('SELECT customer, paid, n FROM totals ORDER BY customer').all(),
  ) ?? Promise.resolve([])) as Promise<unknown[]>;

describe('read side on SQLite', () => {
  it('an inline projection into a custom table commits and rolls back with the append', async () => {
    const store = new EventStore(await openStore(files.path()));
    const handle = registerInlineProjection(store, totals({ amount: 13, times: 1 }));
    await handle.built;
    await store.append('pay-1', [{ type: 'Paid', data: { customer: 'ada', amount: 5 } }]);
    await expect(store.append('pay-2', [{ type: 'Paid', data: { customer: 'ada', amount: 13 } }])).rejects.toThrow(/crash/);
    expect(await rows(store)).toEqual([{ customer: 'ada', paid: 5, n: 1 }]);
    expect((await store.stats()).events).toBe(1n);
    await handle.stop();
    await store.close();
  });

  it('an async projection that crashes mid-page and restarts applies every event exactly once', async () => {
    const path = files.path();
    let store = new EventStore(await openStore(path));
    for (let i = 0; i < 40; i++) await store.append(`pay-${i}`, [{ type: 'Paid', data: { customer: `c${i % 2}`, amount: i } }]);
    const crashing = startProjection(store, totals({ amount: 27, times: 1 }), { batchSize: 8 });
    await expect(crashing.done).rejects.toThrow(/crash/);
    await store.close();
    store = new EventStore(await openStore(path));
    const runner = startProjection(store, totals(), { batchSize: 8 });
    await runner.whenCaughtUp();
    await runner.stop();
    const sum = (parity: number) => Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === parity);
    expect(await rows(store)).toEqual([
      { customer: 'c0', paid: sum(0).reduce((a, b) => a + b), n: 20 },
      { customer: 'c1', paid: sum(1).reduce((a, b) => a + b), n: 20 },
    ]);
    await store.close();
  });

  it('a consumer and a world survive a reopen of the database file: checkpoint and file snapshot', async () => {
    const path = files.path();
    const snapshots = fileBlobStore(`${path}.world`);
    const count = defineStateMachine({ name: 'count', handles: ['Paid'], initialState: 0, apply: (n: number) => n + 1 });
    let store = new EventStore(await openStore(path));
    for (let i = 0; i < 10; i++) await store.append('pay-x', [{ type: 'Paid', data: { customer: 'x', amount: i } }]);
    const seen: number[] = [];
    const handler = (e: { data: unknown }) => void seen.push((e.data as { amount: number }).amount);
    let consumer = createConsumer(store, { name: 'receipts', handler }).start();
    await consumer.whenCaughtUp();
    await consumer.stop();
    await (await createWorld(store, { machines: [count], snapshots }).start()).snapshot();
    await store.close();
    store = new EventStore(await openStore(path));
    await store.append('pay-x', [{ type: 'Paid', data: { customer: 'x', amount: 10 } }]);
    consumer = createConsumer(store, { name: 'receipts', handler }).start();
    await consumer.whenCaughtUp();
    await consumer.stop();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const world = await createWorld(store, { machines: [count], snapshots }).start();
    expect([world.eventsApplied, world.view().get('count')]).toEqual([1, 11]);
    await store.close();
  });
});
