// Transactions: the inline hook and transaction() share one pg transaction with the events, exposed as tx.native.
import { EventStore } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { PgPoolClient } from '../src/index.js';
import { testStore } from './helpers.js';

describe('transactions', () => {
  it('tx.native is the pg client inside the append transaction: its writes commit and roll back with the events', async () => {
    const port = await testStore();
    const table = `"${port.schema}".custom_read_model`;
    await port.transaction(async (tx) => {
      await (tx.native as PgPoolClient).query({ text: `CREATE TABLE ${table} (event_id uuid PRIMARY KEY, n int)` });
    });
    const store = new EventStore(port);
    store.use({
      inline: async (tx, recorded) => {
        for (const e of recorded) {
          const n = (e.data as { n: number }).n;
          await (tx.native as PgPoolClient).query({ text: `INSERT INTO ${table} VALUES ($1, $2)`, values: [e.id, n] });
          if (n < 0) throw new Error('refused by the read model');
        }
      },
    });
    await store.append('rm-1', [{ type: 'N', data: { n: 1 } }]);
    await expect(store.append('rm-1', [{ type: 'N', data: { n: -1 } }])).rejects.toThrow('refused by the read model');
    const rows = await port.transaction(
      async (tx) => (await (tx.native as PgPoolClient).query({ text: `SELECT n FROM ${table} ORDER BY n` })).rows,
    );
    expect(rows).toEqual([{ n: 1 }]);
    expect((await port.streamInfo('rm-1')).lastRevision).toBe(0n);
  });

  it('transaction() commits documents and checkpoints together, or neither when the function throws', async () => {
    const port = await testStore();
    await port.transaction(async (tx) => {
      await tx.documents.put('c', 'a', { v: 1 });
      await tx.saveCheckpoint('proj', '5.1' as never);
    });
    await expect(
      port.transaction(async (tx) => {
        await tx.documents.put('c', 'a', { v: 2 });
        await tx.saveCheckpoint('proj', '9.9' as never);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await port.documents.get('c', 'a')).toEqual({ v: 1 });
    expect(await port.checkpoints.read('proj')).toBe('5.1');
  });

  it('a stale fence fails with lease_lost and rolls the transaction back', async () => {
    const port = await testStore();
    const lease = await port.leases.tryAcquire('g', 0, 'me', 60_000);
    if (!lease) throw new Error('no lease');
    await port.leases.release(lease);
    const taken = await port.leases.tryAcquire('g', 0, 'other', 60_000);
    expect(taken?.token).toBe(lease.token + 1n);
    await expect(
      port.transaction(async (tx) => {
        await tx.documents.put('c', 'x', { v: 1 });
        await tx.saveCheckpoint('cp', '1' as never, { group: 'g', partition: 0, token: lease.token });
      }),
    ).rejects.toMatchObject({ code: 'lease_lost' });
    expect(await port.documents.get('c', 'x')).toBeUndefined();
  });
});
