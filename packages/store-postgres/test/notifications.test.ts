// Notifications: subscriptions wake on NOTIFY, and are not left waiting when a transaction that held the log back
// rolls back (a rollback sends no NOTIFY).
import { EventStore, type RecordedEvent } from '@logbook/core';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { testPostgresUrl } from '../src/testing/index.js';
import { testStore, until } from './helpers.js';

const ev = (n: number) => ({ type: 'Numbered', data: { n } });

describe.each(['in-transaction', 'after-commit'] as const)('notifications (%s)', (notify) => {
  it('wake a subscription (the fallback poll is one minute here)', async () => {
    const store = new EventStore(await testStore({ notify }));
    const seen: RecordedEvent[] = [];
    const sub = store.subscribe({ pollIntervalMs: 60_000 }, (e) => void seen.push(e));
    await sub.caughtUp;
    await store.append('n-1', [ev(1)]);
    await until(() => seen.length === 1, 'the notified event');
    await store.append('n-1', [ev(2)]);
    await until(() => seen.length === 2, 'the second notified event');
    await sub.stop();
    expect(seen.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('a subscription still gets events that waited behind a transaction that then rolled back', async () => {
    const store = new EventStore(await testStore({ notify }));
    const blocker = new pg.Client({ connectionString: await testPostgresUrl() });
    await blocker.connect();
    onTestFinished(() => blocker.end());
    const seen: RecordedEvent[] = [];
    const sub = store.subscribe({ pollIntervalMs: 60_000 }, (e) => void seen.push(e));
    await sub.caughtUp;
    // An older transaction with an id holds the log's horizon below the event appended next.
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    await store.append('n-2', [ev(1)]);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]); // committed, but not readable while the older transaction may still write before it
    await blocker.query('ROLLBACK'); // no NOTIFY comes from a rollback
    await until(() => seen.length === 1, 'the event released by the rollback');
    await sub.stop();
  });
});
