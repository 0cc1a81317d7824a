// Group commit: concurrent appends share transactions yet each keeps its own expected-revision check and outcome.
import { type AppendRequest, type ExpectedRevision, LogbookError, type ProposedEvent, START } from '@logbook/core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore, tempDir } from './helpers.js';

const files = tempDir();
const ev = (type = 'Happened', data: unknown = {}): ProposedEvent => ({
  id: randomUUID(),
  type,
  data: data as ProposedEvent['data'],
  metadata: {},
});
const one = (streamId: string, expectedRevision: ExpectedRevision, event = ev()): AppendRequest => ({
  writes: [{ streamId, events: [event], expectedRevision }],
});

describe('group commit', () => {
  it('commits N concurrent appends in fewer than N transactions, each with its own outcome', async () => {
    const store = await openStore(files.path());
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => store.append(one(`s-${i}`, 'no_stream'))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.appendTransactions).toBeGreaterThan(0);
    expect(store.appendTransactions).toBeLessThan(n);
    const positions = results.flatMap((r) => (r.ok ? r.results.map((w) => w.position) : []));
    expect(new Set(positions).size).toBe(n);
    expect((await store.stats()).events).toBe(BigInt(n));
    await store.close();
  });

  it('lets a later append in the batch see the earlier ones in its expected-revision check', async () => {
    const store = await openStore(files.path());
    // Appends i expects revision i-1: only correct if each sees every append queued before it.
    const requests = Array.from({ length: 20 }, (_, i) => one('chain', i === 0 ? 'no_stream' : BigInt(i - 1)));
    const results = await Promise.all(requests.map((r) => store.append(r)));
    expect(results.map((r) => (r.ok ? r.results[0]?.lastRevision : r.code))).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(i)),
    );
    expect(store.appendTransactions).toBeLessThan(20);
    await store.close();
  });

  it('rejects the conflicting appends of a batch without touching the others, leaving no trace', async () => {
    const store = await openStore(files.path());
    const results = await Promise.all(Array.from({ length: 10 }, () => store.append(one('contended', 'no_stream'))));
    const ok = results.filter((r) => r.ok);
    const conflicts = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    for (const c of conflicts) expect(c).toMatchObject({ code: 'wrong_expected_revision', actual: 0n });
    // The rejected appends consumed no position: the next append follows directly.
    const next = await store.append(one('other', 'any'));
    expect(next.ok && next.results[0]?.position).toBe('2');
    await store.close();
  });

  it('isolates an inline hook failure to its own append', async () => {
    const store = await openStore(files.path());
    const boom = new Error('projection failed');
    const failing: AppendRequest = {
      ...one('b', 'no_stream'),
      inline: () => {
        throw boom;
      },
    };
    const written: string[] = [];
    const good: AppendRequest = {
      ...one('c', 'no_stream'),
      inline: async (tx, recorded) => {
        await tx.documents.put('seen', recorded[0]?.streamId ?? '?', { n: recorded.length });
        written.push('c');
      },
    };
    const settled = await Promise.allSettled([store.append(one('a', 'no_stream')), store.append(failing), store.append(good)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: boom });
    expect((await store.streamInfo('b')).exists).toBe(false);
    expect(await store.documents.get('seen', 'c')).toEqual({ n: 1 });
    expect(written).toEqual(['c']);
    const all = await store.readAll({ from: START, limit: 10 });
    expect(all.events.map((e) => [e.streamId, e.position])).toEqual([
      ['a', '1'],
      ['c', '2'],
    ]);
    await store.close();
  });

  it('splits a burst into batches of at most maxBatch appends', async () => {
    const store = await openStore(files.path(), { maxBatch: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(one(`m-${i}`, 'no_stream'))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.appendTransactions).toBe(4);
    await store.close();
  });

  it('uses one transaction per append when group commit is off', async () => {
    const store = await openStore(files.path(), { groupCommit: false });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(one(`s-${i}`, 'no_stream'))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.appendTransactions).toBe(8);
    await store.close();
  });

  it('finishes queued appends before close() resolves, then refuses new ones', async () => {
    const store = await openStore(files.path());
    const pending = Array.from({ length: 5 }, (_, i) => store.append(one(`q-${i}`, 'no_stream')));
    await store.close();
    expect((await Promise.all(pending)).every((r) => r.ok)).toBe(true);
    await expect(store.append(one('late', 'any'))).rejects.toSatisfy(
      (e: unknown) => e instanceof LogbookError && e.code === 'store_closed',
    );
  });
});
