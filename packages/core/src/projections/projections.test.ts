// Projections on the memory store: async exactly once, exclusive runners, blue/green, inline builds, live folds.
import { describe, expect, it } from 'vitest';
import { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../event.js';
import { MemoryStore } from '../memory/memory-store.js';
import type { ProjectionProgress } from './async-projection.js';
import { rebuildProjection, startProjection } from './async-projection.js';
import { registerInlineProjection } from './inline-projection.js';
import { foldProjection } from './live-projection.js';
import { type ProjectionContext, defineProjection, projectionReader } from './projection.js';

const newStore = () => new EventStore(new MemoryStore());

/** Version 1 counts orders per customer; version 2 also sums their amounts. */
const orders = (version: number) =>
  defineProjection({
    name: 'orders',
    version,
    handles: ['OrderPlaced'],
    collections: ['customers'],
    apply: async (e: RecordedEvent, { documents }: ProjectionContext) => {
      const d = e.data as { customer: string; amount: number };
      const prev = ((await documents.get('customers', d.customer)) as { orders: number; total?: number } | undefined) ?? {
        orders: 0,
        total: 0,
      };
      const next: Record<string, number> =
        version === 1 ? { orders: prev.orders + 1 } : { orders: prev.orders + 1, total: (prev.total ?? 0) + d.amount };
      await documents.put('customers', d.customer, next);
    },
  });

async function placeOrders(store: EventStore, count: number, offset = 0): Promise<void> {
  for (let i = offset; i < offset + count; i++) {
    await store.append(`order-${i}`, [{ type: 'OrderPlaced', data: { customer: `c${i % 3}`, amount: 10 } }]);
  }
}

describe('projections', () => {
  it('async: each event takes effect exactly once across stops and restarts', async () => {
    const store = newStore();
    await placeOrders(store, 30);
    for (let run = 0; run < 3; run++) {
      const runner = startProjection(store, orders(1), { batchSize: 4 });
      await runner.whenCaughtUp();
      await runner.stop();
      await placeOrders(store, 5, 30 + run * 5);
    }
    const last = startProjection(store, orders(1));
    await last.whenCaughtUp();
    await last.stop();
    const reader = projectionReader(store, 'orders');
    expect(await reader.version()).toBe(1);
    const counts = (await reader.list('customers')).map((d) => [d.id, (d.doc as { orders: number }).orders]);
    expect(counts).toEqual([
      ['c0', 15],
      ['c1', 15],
      ['c2', 15],
    ]);
  });

  it('async, exclusive: two processes run it, one applies; when it stops the standby takes over, still exactly once', async () => {
    const store = newStore();
    await placeOrders(store, 9);
    const a = startProjection(store, orders(1), { exclusive: { owner: 'proc-a', ttlMs: 60 }, batchSize: 2 });
    const b = startProjection(store, orders(1), { exclusive: { owner: 'proc-b', ttlMs: 60 }, batchSize: 2 });
    const reader = projectionReader(store, 'orders');
    const settled = async () => {
      for (let i = 0; i < 400; i++) {
        const docs = await reader.list('customers');
        const sum = docs.reduce((n, d) => n + (d.doc as { orders: number }).orders, 0);
        if (sum >= Number((await store.stats()).events)) return sum;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('projection did not catch up');
    };
    expect(await settled()).toBe(9);
    const leader = (await store.port.leases?.list('projection:orders@v1'))?.[0]?.owner;
    await (leader === 'proc-a' ? a : b).stop();
    await placeOrders(store, 6, 9);
    expect(await settled()).toBe(15);
    expect((await reader.list('customers')).map((d) => d.doc)).toEqual([{ orders: 5 }, { orders: 5 }, { orders: 5 }]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('blue/green: version 2 is built beside version 1 and swapped in when caught up; rebuild reports progress', async () => {
    const store = newStore();
    await placeOrders(store, 12);
    const v1 = startProjection(store, orders(1));
    await v1.whenCaughtUp();
    const reader = projectionReader(store, 'orders');
    // Caught up means readers already see it: the alias moved in the same commit.
    expect(await reader.version()).toBe(1);
    await placeOrders(store, 3, 12);
    await v1.waitFor(await store.headPosition());
    expect(await reader.get('customers', 'c0')).toEqual({ orders: 5 });
    const progress: ProjectionProgress[] = [];
    const result = await rebuildProjection(store, orders(2), { batchSize: 5, onProgress: (p) => progress.push(p) });
    expect(result.events).toBe(15);
    expect(progress.map((p) => p.done)).toEqual([5, 10, 15]);
    expect(progress.every((p) => p.total === 15 && p.rate > 0 && p.etaMs !== undefined)).toBe(true);
    expect(progress.at(-1)?.etaMs).toBe(0);
    expect(await reader.version()).toBe(2);
    expect(await reader.get('customers', 'c0')).toEqual({ orders: 5, total: 50 });
    // Version 1's documents are still there, untouched, for a roll-back.
    expect(await store.port.documents?.get('orders@v1:customers', 'c0')).toEqual({ orders: 5 });
    // A rebuild of the same version resets it first: the numbers do not double.
    await rebuildProjection(store, orders(2));
    expect(await reader.get('customers', 'c0')).toEqual({ orders: 5, total: 50 });
    await v1.stop();
  });

  it('inline: a new version builds its history in the background while appends apply inline, then takes the alias', async () => {
    const store = newStore();
    await placeOrders(store, 20);
    const v1 = registerInlineProjection(store, orders(1));
    await v1.built;
    await placeOrders(store, 4, 20);
    const reader = projectionReader(store, 'orders');
    expect(await reader.get('customers', 'c0')).toEqual({ orders: 8 });
    const v2 = registerInlineProjection(store, orders(2));
    // Appends race the builder: each event must land exactly once.
    await Promise.all([placeOrders(store, 6, 24), v2.built]);
    expect(await reader.version()).toBe(2);
    expect((await reader.list('customers')).map((d) => d.doc)).toEqual([
      { orders: 10, total: 100 },
      { orders: 10, total: 100 },
      { orders: 10, total: 100 },
    ]);
    await Promise.all([v1.stop(), v2.stop()]);
  });

  it('inline: a builder stopped part-way resumes from its checkpoint without applying anything twice', async () => {
    const store = newStore();
    await placeOrders(store, 1200);
    let applied = 0;
    let first: ReturnType<typeof registerInlineProjection> | undefined;
    const counting = defineProjection({
      ...orders(1),
      apply: async (e, ctx) => {
        if (++applied === 700) void first?.stop();
        await orders(1).apply(e, ctx);
      },
    });
    first = registerInlineProjection(store, counting);
    await expect(first.built).rejects.toThrow(/stopped before it was built/);
    const second = registerInlineProjection(store, orders(1));
    await Promise.all([second.built, placeOrders(store, 3, 1200)]);
    const docs = await projectionReader(store, 'orders').list('customers');
    expect(docs.map((d) => d.doc)).toEqual([{ orders: 401 }, { orders: 401 }, { orders: 401 }]);
    await second.stop();
  });

  it('inline: writing a collection the projection did not declare is refused and rolls the append back', async () => {
    const store = newStore();
    const bad = defineProjection({
      name: 'bad',
      collections: ['ok'],
      apply: (e, { documents }) => documents.put('elsewhere', e.id, {}),
    });
    const handle = registerInlineProjection(store, bad);
    await handle.built;
    await expect(store.append('x-1', [{ type: 'T', data: {} }])).rejects.toThrow(/did not declare/);
    expect((await store.stats()).events).toBe(0n);
    await handle.stop();
  });

  it('live: folds on read from one stream or the whole log, storing nothing', async () => {
    const store = newStore();
    await placeOrders(store, 7);
    const all = await foldProjection(store, orders(2));
    expect(await all.get('customers', 'c1')).toEqual({ orders: 2, total: 20 });
    const one = await foldProjection(store, orders(1), { stream: 'order-3' });
    expect(await one.list('customers')).toEqual([{ id: 'c0', doc: { orders: 1 } }]);
    expect(await store.port.documents?.list('orders@v1:customers')).toEqual([]);
  });
});
