// Lost connections: a killed backend during an append surfaces as store_unavailable and leaves no trace;
// subscriptions survive a restart of the shared LISTEN connection without loss or duplicates.
import { EventStore, LogbookError, type RecordedEvent, isLogbookError } from '@logbook/core';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { PgPoolClient } from '../src/index.js';
import { testPostgresUrl } from '../src/testing/index.js';
import { testStore, until } from './helpers.js';

async function admin(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: await testPostgresUrl() });
  await client.connect();
  onTestFinished(() => client.end());
  return client;
}

const ev = (n: number) => ({ type: 'Numbered', data: { n } });

describe('lost connections', () => {
  it('a backend killed inside an append transaction surfaces store_unavailable and writes nothing', async () => {
    const port = await testStore();
    const store = new EventStore(port);
    const killer = await admin();
    await store.append('acct-1', [ev(0)]);
    let kill = true;
    store.use({
      inline: async (tx) => {
        if (!kill) return;
        const client = tx.native as PgPoolClient;
        const pid = (await client.query({ text: 'SELECT pg_backend_pid() AS pid' })).rows[0]?.pid;
        await killer.query('SELECT pg_terminate_backend($1::int)', [pid]);
      },
    });
    const error = await store.append('acct-1', [ev(1)], { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogbookError);
    expect((error as LogbookError).code).toBe('store_unavailable');
    kill = false;
    // Nothing of the failed append is stored, and the pool recovered: the same expected revision still works.
    expect((await store.streamInfo('acct-1')).lastRevision).toBe(0n);
    const out = await store.append('acct-1', [ev(1)], { expectedRevision: 0n });
    expect(out.firstRevision).toBe(1n);
  });

  it('an append on a pool whose connections were all killed fails with store_unavailable or succeeds, never anything else', async () => {
    // Its own application name, so only this store's connections are killed (other test files run in parallel).
    const name = `kill_${process.pid}_${Date.now()}`;
    const port = await testStore({ connectionString: `${await testPostgresUrl()}?application_name=${name}` });
    const store = new EventStore(port);
    const killer = await admin();
    await store.append('acct-2', [ev(0)]);
    const killed = await killer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      name,
    ]);
    expect(killed.rowCount).toBeGreaterThan(0);
    const outcomes: string[] = [];
    for (let i = 1; i <= 5; i++) {
      try {
        await store.append('acct-2', [ev(i)]);
        outcomes.push('ok');
      } catch (e) {
        expect(isLogbookError(e, 'store_unavailable')).toBe(true);
        outcomes.push('unavailable');
      }
    }
    expect(outcomes[outcomes.length - 1]).toBe('ok');
    const revisions: bigint[] = [];
    for await (const e of store.readStream('acct-2')) revisions.push(e.revision);
    expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
    expect(revisions.length).toBe(1 + outcomes.filter((o) => o === 'ok').length);
  });

  it('an unreachable server is store_unavailable, for reads, appends and ping', async () => {
    const port = await testStore({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    await expect(port.ping()).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(port.readAll({ from: '0' as never, limit: 10 })).rejects.toMatchObject({ code: 'store_unavailable' });
  });

  it('subscriptions keep going across a restart of the shared LISTEN connection, without loss or duplicates', async () => {
    const port = await testStore();
    const store = new EventStore(port);
    const killer = await admin();
    const seen: RecordedEvent[][] = [[], []];
    // A one-minute fallback poll: within this test only notifications can wake the subscriptions.
    const subs = seen.map((into) => store.subscribe({ pollIntervalMs: 60_000, batchSize: 2 }, (e) => void into.push(e)));
    await Promise.all(subs.map((s) => s.caughtUp));
    for (let i = 0; i < 5; i++) await store.append('live-1', [ev(i)]);
    await until(() => seen.every((s) => s.length === 5), 'first deliveries');
    expect(port.listener.connections).toBe(1);

    const listening = await killer.query(
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'logbook-listener' AND query = $1",
      [`LISTEN "${port.channel}"`],
    );
    expect(listening.rows).toHaveLength(1); // one connection for both subscriptions
    await killer.query('SELECT pg_terminate_backend($1::int)', [listening.rows[0].pid]);
    // Appends while the listener is down are picked up when it comes back.
    for (let i = 5; i < 8; i++) await store.append('live-1', [ev(i)]);
    await until(() => port.listener.connections === 2, 'listener reconnect');
    for (let i = 8; i < 10; i++) await store.append('live-1', [ev(i)]);
    await until(() => seen.every((s) => s.length >= 10), 'deliveries after the restart');
    await new Promise((r) => setTimeout(r, 100));
    for (const s of subs) await s.stop();
    for (const s of seen) expect(s.map((e) => e.data)).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })));
  });

  it('a waiting subscription holds no pooled connection', async () => {
    const pool = new pg.Pool({ connectionString: await testPostgresUrl(), max: 2 });
    onTestFinished(() => pool.end());
    const port = await testStore({ pool, connectionString: undefined });
    const store = new EventStore(port);
    const subs = Array.from({ length: 5 }, () => store.subscribe({}, () => {}));
    await Promise.all(subs.map((s) => s.caughtUp));
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // ...so a pool of 2 still serves appends while 5 subscriptions wait.
    await store.append('free-1', [ev(1)]);
    for (const s of subs) await s.stop();
  });
});
