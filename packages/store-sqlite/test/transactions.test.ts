// Transactions, documents, checkpoints and leases: read models commit with their checkpoint or not at all.
import { LogbookError, START, type Position } from '@logbook/core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../src/index.js';
import { openStore, tempDir } from './helpers.js';

const files = tempDir();
const pos = (p: string) => p as Position;
const isCode = (code: string) => (e: unknown) => e instanceof LogbookError && e.code === code;

describe('transactions', () => {
  it('commits documents, a checkpoint and rows in the user own tables together', async () => {
    const store = await openStore(files.path());
    store.database.exec('CREATE TABLE balances (account TEXT PRIMARY KEY, amount INTEGER)');
    await store.transaction(async (tx) => {
      await tx.documents.put('accounts', 'a-1', { owner: 'Zoë' });
      await tx.saveCheckpoint('balances', pos('7'));
      (tx.native as SqliteDatabase).prepare('INSERT INTO balances VALUES (?, ?)').run('a-1', 10);
    });
    expect(await store.documents.get('accounts', 'a-1')).toEqual({ owner: 'Zoë' });
    expect(await store.checkpoints.read('balances')).toBe('7');
    expect(store.database.prepare('SELECT amount FROM balances').get()).toEqual({ amount: 10 });
    await store.close();
  });

  it('rolls everything back when the function throws', async () => {
    const store = await openStore(files.path());
    store.database.exec('CREATE TABLE balances (account TEXT PRIMARY KEY, amount INTEGER)');
    const boom = new Error('boom');
    await expect(
      store.transaction(async (tx) => {
        await tx.documents.put('accounts', 'a-1', { owner: 'x' });
        await tx.saveCheckpoint('balances', pos('3'));
        (tx.native as SqliteDatabase).prepare('INSERT INTO balances VALUES (?, ?)').run('a-1', 10);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.documents.get('accounts', 'a-1')).toBeUndefined();
    expect(await store.checkpoints.read('balances')).toBeUndefined();
    expect(store.database.prepare('SELECT count(*) AS n FROM balances').get()).toEqual({ n: 0 });
    await store.close();
  });

  it('keeps uncommitted writes invisible to reads and writes made while the transaction awaits', async () => {
    const store = await openStore(files.path());
    await store.transaction((tx) => tx.documents.put('c', 'd', 1));
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started: () => void = () => {};
    const opened = new Promise<void>((r) => (started = r));
    const inside = store.transaction(async (tx) => {
      await tx.documents.put('c', 'd', 2);
      started();
      await gate;
      throw new Error('rolled back');
    });
    await opened;
    // Issued while the transaction is open: it must wait, then see the committed value, never the rolled-back 2.
    const during = store.documents.get('c', 'd');
    const append = store.append({
      writes: [
        { streamId: 's', expectedRevision: 'no_stream', events: [{ id: randomUUID(), type: 'T', data: 1, metadata: {} }] },
      ],
    });
    release();
    await expect(inside).rejects.toThrow('rolled back');
    expect(await during).toBe(1);
    expect((await append).ok).toBe(true);
    expect((await store.streamInfo('s')).exists).toBe(true);
    await store.close();
  });

  it('lists documents by id with prefix, cursor and limit', async () => {
    const store = await openStore(files.path());
    await store.transaction(async (tx) => {
      for (const id of ['b-2', 'a-1', 'b-1', 'b-3', 'c-1']) await tx.documents.put('col', id, { id });
      await tx.documents.put('other', 'b-9', {});
    });
    const ids = async (o: { prefix?: string; after?: string; limit?: number }) =>
      (await store.documents.list('col', o)).map((e) => e.id);
    expect(await ids({})).toEqual(['a-1', 'b-1', 'b-2', 'b-3', 'c-1']);
    expect(await ids({ prefix: 'b-' })).toEqual(['b-1', 'b-2', 'b-3']);
    expect(await ids({ prefix: 'b-', after: 'b-1', limit: 1 })).toEqual(['b-2']);
    await store.transaction(async (tx) => tx.documents.deleteCollection('col'));
    expect(await ids({})).toEqual([]);
    expect(await store.documents.get('other', 'b-9')).toEqual({});
    await store.close();
  });
});

describe('leases and fenced checkpoints', () => {
  it('grows tokens on takeover and fences the stale holder out of checkpoints', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const store = await openStore(files.path(), { now: () => new Date(now) });
    const a = await store.leases.tryAcquire('g', 0, 'worker-a', 1000);
    expect(a?.token).toBe(1n);
    expect(await store.leases.tryAcquire('g', 0, 'worker-b', 1000)).toBeUndefined();
    await store.checkpoints.write('g/0', pos('5'), { group: 'g', partition: 0, token: 1n });
    now += 2000; // a's lease expires
    const b = await store.leases.tryAcquire('g', 0, 'worker-b', 1000);
    expect(b?.token).toBe(2n);
    expect(await store.leases.renew(a!, 1000)).toBeUndefined();
    await expect(store.checkpoints.write('g/0', pos('9'), { group: 'g', partition: 0, token: 1n })).rejects.toSatisfy(
      isCode('lease_lost'),
    );
    await expect(
      store.transaction((tx) => tx.saveCheckpoint('g/0', pos('9'), { group: 'g', partition: 0, token: 1n })),
    ).rejects.toSatisfy(isCode('lease_lost'));
    expect(await store.checkpoints.read('g/0')).toBe('5');
    await store.leases.release(b!);
    expect(await store.leases.list('g')).toEqual([]);
    expect((await store.leases.tryAcquire('g', 0, 'worker-a', 1000))?.token).toBe(3n);
    await store.close();
  });

  it('fails the commit when the lease expires while the transaction runs', async () => {
    let now = 0;
    const store = await openStore(files.path(), { now: () => new Date(now) });
    const lease = await store.leases.tryAcquire('g', 1, 'w', 100);
    const fence = { group: 'g', partition: 1, token: lease!.token };
    await expect(
      store.transaction(async (tx) => {
        await tx.saveCheckpoint('g/1', pos('4'), fence);
        await tx.documents.put('rm', 'x', 1);
        now += 1000;
      }),
    ).rejects.toSatisfy(isCode('lease_lost'));
    expect(await store.checkpoints.read('g/1')).toBeUndefined();
    expect(await store.documents.get('rm', 'x')).toBeUndefined();
    await store.close();
  });

  it('tracks live members by heartbeat', async () => {
    let now = 0;
    const store = await openStore(files.path(), { now: () => new Date(now) });
    await store.leases.heartbeat('g', 'm2', 100);
    await store.leases.heartbeat('g', 'm1', 500);
    expect(await store.leases.members('g')).toEqual(['m1', 'm2']);
    now = 200;
    expect(await store.leases.members('g')).toEqual(['m1']);
    await store.leases.leave('g', 'm1');
    expect(await store.leases.members('g')).toEqual([]);
    await store.close();
  });

  it('lists checkpoints by name and deletes them', async () => {
    const store = await openStore(files.path());
    await store.checkpoints.write('b', pos('2'));
    await store.checkpoints.write('a', START);
    expect((await store.checkpoints.list()).map((c) => [c.name, c.position])).toEqual([
      ['a', '0'],
      ['b', '2'],
    ]);
    await store.checkpoints.delete('a');
    expect(await store.checkpoints.read('a')).toBeUndefined();
    await store.close();
  });
});
