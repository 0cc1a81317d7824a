// Store semantics the read side relies on: documents, transactions, inline-hook rollback, checkpoints, leases and fencing.
import { LogbookError, type Position, type StorePort, isLogbookError, sleep } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { evs, rejectsWith } from '../fixtures.js';

const pos = (p: string) => p as Position;

async function throwsInside<T>(
  port: StorePort,
  fn: Parameters<NonNullable<StorePort['transaction']>>[0],
): Promise<T | 'rolled back'> {
  try {
    return (await port.transaction?.(fn)) as T;
  } catch (e) {
    if (e instanceof Error && e.message === 'boom') return 'rolled back';
    throw e;
  }
}

export function readSideSuite(ctx: SuiteContext): void {
  describe.runIf(ctx.has('transactions'))('documents and transactions', () => {
    it('puts, gets, lists in id order with prefix/after/limit, deletes one and a whole collection', async () => {
      const port = await ctx.port();
      await port.transaction?.(async (tx) => {
        for (const id of ['b', 'a', 'c-2', 'c-1']) await tx.documents.put('things', id, { id, n: id.length });
        await tx.documents.put('other', 'a', { keep: true });
        // Inside the transaction its own writes are visible.
        expect(await tx.documents.get('things', 'b')).toEqual({ id: 'b', n: 1 });
      });
      const docs = port.documents as NonNullable<StorePort['documents']>;
      expect(await docs.get('things', 'a')).toEqual({ id: 'a', n: 1 });
      expect(await docs.get('things', 'zz')).toBeUndefined();
      expect((await docs.list('things')).map((d) => d.id)).toEqual(['a', 'b', 'c-1', 'c-2']);
      expect((await docs.list('things', { prefix: 'c-' })).map((d) => d.id)).toEqual(['c-1', 'c-2']);
      expect((await docs.list('things', { after: 'b', limit: 1 })).map((d) => d.id)).toEqual(['c-1']);
      await port.transaction?.(async (tx) => {
        await tx.documents.put('things', 'a', { replaced: [1, 2, { deep: 'x' }] });
        await tx.documents.delete('things', 'b');
      });
      expect(await docs.get('things', 'a')).toEqual({ replaced: [1, 2, { deep: 'x' }] });
      expect(await docs.get('things', 'b')).toBeUndefined();
      await port.transaction?.((tx) => tx.documents.deleteCollection('things'));
      expect(await docs.list('things')).toEqual([]);
      expect(await docs.get('other', 'a')).toEqual({ keep: true });
    });

    it('a throw inside a transaction rolls back its documents and its checkpoint', async () => {
      const port = await ctx.port();
      await port.transaction?.(async (tx) => {
        await tx.documents.put('c', 'x', { v: 1 });
        await tx.saveCheckpoint('cp', pos('5'));
      });
      const outcome = await throwsInside(port, async (tx) => {
        await tx.documents.put('c', 'x', { v: 2 });
        await tx.documents.put('c', 'y', { v: 2 });
        await tx.saveCheckpoint('cp', pos('9'));
        throw new Error('boom');
      });
      expect(outcome).toBe('rolled back');
      expect(await port.documents?.get('c', 'x')).toEqual({ v: 1 });
      expect(await port.documents?.get('c', 'y')).toBeUndefined();
      expect(await port.checkpoints?.read('cp')).toBe('5');
    });

    it('a throwing inline hook leaves neither events nor documents; a passing one commits both', async () => {
      const port = await ctx.port();
      const { EventStore } = await import('@logbook/core');
      const store = new EventStore(port);
      let fail = true;
      store.use({
        inline: async (tx, recorded) => {
          for (const e of recorded) await tx.documents.put('seen', e.id, { streamId: e.streamId });
          if (fail) throw new LogbookError('handler_failed', 'projection refused');
        },
      });
      await rejectsWith(store.append('inline-1', evs(2)), 'handler_failed');
      expect((await store.stats()).events).toBe(0n);
      expect((await store.streamInfo('inline-1')).exists).toBe(false);
      expect(await port.documents?.list('seen')).toEqual([]);
      fail = false;
      const ok = await store.append('inline-1', evs(2));
      expect((await port.documents?.list('seen'))?.map((d) => d.id).sort()).toEqual(ok.events.map((e) => e.id).sort());
    });
  });

  describe.runIf(ctx.has('checkpoints'))('checkpoints', () => {
    it('reads, writes, lists and deletes', async () => {
      const port = await ctx.port();
      const cp = port.checkpoints as NonNullable<StorePort['checkpoints']>;
      expect(await cp.read('a')).toBeUndefined();
      await cp.write('b', pos('3'));
      await cp.write('a', pos('1'));
      await cp.write('a', pos('7'));
      expect(await cp.read('a')).toBe('7');
      const listed = await cp.list();
      expect(listed.map((c) => [c.name, c.position])).toEqual([
        ['a', '7'],
        ['b', '3'],
      ]);
      expect(Number.isNaN(Date.parse(listed[0]?.updatedAt ?? ''))).toBe(false);
      await cp.delete('a');
      expect(await cp.read('a')).toBeUndefined();
      expect((await cp.list()).map((c) => c.name)).toEqual(['b']);
    });
  });

  describe.runIf(ctx.has('leases') && ctx.has('checkpoints'))('leases and fencing', () => {
    it('acquires when free, refuses when held, renews, releases, and a later owner gets a higher token', async () => {
      const port = await ctx.port();
      const leases = port.leases as NonNullable<StorePort['leases']>;
      const a = await leases.tryAcquire('g', 0, 'member-a', 60_000);
      expect(a?.owner).toBe('member-a');
      expect(await leases.tryAcquire('g', 0, 'member-b', 60_000)).toBeUndefined();
      // Another partition is independent.
      expect((await leases.tryAcquire('g', 1, 'member-b', 60_000))?.owner).toBe('member-b');
      const renewed = await leases.renew(a as NonNullable<typeof a>, 60_000);
      expect(renewed?.token).toBe(a?.token);
      expect((await leases.list('g')).map((l) => [l.partition, l.owner])).toEqual([
        [0, 'member-a'],
        [1, 'member-b'],
      ]);
      await leases.release(renewed as NonNullable<typeof renewed>);
      const b = await leases.tryAcquire('g', 0, 'member-b', 60_000);
      expect(b?.owner).toBe('member-b');
      expect((b?.token ?? 0n) > (a?.token ?? 0n)).toBe(true);
      // The released lease can no longer be renewed by its former owner.
      expect(await leases.renew(a as NonNullable<typeof a>, 60_000)).toBeUndefined();
    });

    it('takes over an expired lease with a higher token; the stale owner cannot write a fenced checkpoint', async () => {
      const port = await ctx.port();
      const leases = port.leases as NonNullable<StorePort['leases']>;
      const cp = port.checkpoints as NonNullable<StorePort['checkpoints']>;
      const old = await leases.tryAcquire('g2', 3, 'paused-member', 40);
      if (!old) throw new Error('lease not acquired');
      await cp.write('group:g2/3', pos('10'), { group: 'g2', partition: 3, token: old.token });
      let fresh = await leases.tryAcquire('g2', 3, 'new-member', 60_000);
      for (let i = 0; i < 200 && !fresh; i++) {
        await sleep(10);
        fresh = await leases.tryAcquire('g2', 3, 'new-member', 60_000);
      }
      if (!fresh) throw new Error('expired lease was never taken over');
      expect(fresh.token > old.token).toBe(true);
      expect(await leases.renew(old, 60_000)).toBeUndefined();
      await rejectsWith(cp.write('group:g2/3', pos('99'), { group: 'g2', partition: 3, token: old.token }), 'lease_lost');
      expect(await cp.read('group:g2/3')).toBe('10');
      // Fenced writes inside a transaction are refused the same way, and roll the transaction back.
      const inTx = await port
        .transaction?.(async (tx) => {
          await tx.documents.put('fenced', 'x', { stale: true });
          await tx.saveCheckpoint('group:g2/3', pos('98'), { group: 'g2', partition: 3, token: old.token });
        })
        .then(
          () => 'committed',
          (e) => (isLogbookError(e, 'lease_lost') ? 'lease_lost' : e),
        );
      if (ctx.has('transactions')) {
        expect(inTx).toBe('lease_lost');
        expect(await port.documents?.get('fenced', 'x')).toBeUndefined();
      }
      await cp.write('group:g2/3', pos('11'), { group: 'g2', partition: 3, token: fresh.token });
      expect(await cp.read('group:g2/3')).toBe('11');
    });

    it('keeps member heartbeats: live members are listed, expired and departed ones are not', async () => {
      const port = await ctx.port();
      const leases = port.leases as NonNullable<StorePort['leases']>;
      await leases.heartbeat('hb', 'm-2', 60_000);
      await leases.heartbeat('hb', 'm-1', 60_000);
      await leases.heartbeat('hb', 'm-short', 30);
      await leases.heartbeat('other', 'x', 60_000);
      expect(await leases.members('hb')).toContain('m-short');
      for (let i = 0; i < 200 && (await leases.members('hb')).includes('m-short'); i++) await sleep(10);
      expect(await leases.members('hb')).toEqual(['m-1', 'm-2']);
      await leases.leave('hb', 'm-2');
      expect(await leases.members('hb')).toEqual(['m-1']);
      // A heartbeat brings an expired member back.
      await leases.heartbeat('hb', 'm-short', 60_000);
      expect(await leases.members('hb')).toEqual(['m-1', 'm-short']);
    });
  });
}
