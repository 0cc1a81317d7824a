// Reads specific to the SQLite store: bounded readAll scans, byte-ordered stream listing, lookups by id.
import { type AppendRequest, START, byteCompare } from '@logbook/core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore, tempDir } from './helpers.js';

const files = tempDir();
const write = (streamId: string, type: string, count = 1): AppendRequest => ({
  writes: [
    {
      streamId,
      expectedRevision: 'any',
      events: Array.from({ length: count }, () => ({ id: randomUUID(), type, data: {}, metadata: {} })),
    },
  ],
});

describe('readAll', () => {
  it('bounds each scan and still advances `next` when nothing in the window matched', async () => {
    const store = await openStore(files.path());
    await store.append(write('noise-1', 'Noise', 2500));
    await store.append(write('rare-1', 'Rare'));
    const first = await store.readAll({ from: START, limit: 10, filter: { types: ['Rare'] } });
    // Window = max(10 * 10, 1000) rows: nothing matches, but the cursor moves past what was scanned.
    expect(first).toMatchObject({ events: [], next: '1000', atEnd: false });
    const second = await store.readAll({ from: first.next, limit: 10, filter: { types: ['Rare'] } });
    expect(second).toMatchObject({ events: [], next: '2000', atEnd: false });
    const third = await store.readAll({ from: second.next, limit: 10, filter: { types: ['Rare'] } });
    expect(third.events.map((e) => e.streamId)).toEqual(['rare-1']);
    expect(third).toMatchObject({ next: '2501', atEnd: true });
    await store.close();
  });

  it('stops at the last matching event when the page fills', async () => {
    const store = await openStore(files.path());
    await store.append(write('a-1', 'A', 5));
    await store.append(write('b-1', 'B', 5));
    const page = await store.readAll({ from: START, limit: 3, filter: { categories: ['b'] } });
    expect(page.events.map((e) => e.position)).toEqual(['6', '7', '8']);
    expect(page).toMatchObject({ next: '8', atEnd: false });
    const prefixed = await store.readAll({ from: START, limit: 100, filter: { streamIdPrefix: 'a-' } });
    expect(prefixed.events).toHaveLength(5);
    expect(prefixed).toMatchObject({ next: '10', atEnd: true });
    await store.close();
  });

  it('combines type, category and prefix filters', async () => {
    const store = await openStore(files.path());
    await store.append(write('order-1', 'Placed'));
    await store.append(write('order-2', 'Shipped'));
    await store.append(write('orderline-1', 'Placed'));
    await store.append(write('cart-1', 'Placed'));
    const page = await store.readAll({
      from: START,
      limit: 10,
      filter: { types: ['Placed'], categories: ['order', 'orderline'], streamIdPrefix: 'order' },
    });
    expect(page.events.map((e) => e.streamId)).toEqual(['order-1', 'orderline-1']);
    await store.close();
  });
});

describe('listStreams', () => {
  it('orders stream ids by their UTF-8 bytes, not UTF-16 code units', async () => {
    const store = await openStore(files.path());
    const ids = ['z', 'é', '\uff5e', '😀', 'a-1', 'a'];
    for (const id of ids) await store.append(write(id, 'T'));
    const listed = (await store.listStreams({ limit: 100 })).streams.map((s) => s.streamId);
    expect(listed).toEqual([...ids].sort(byteCompare));
    // UTF-16 order would put the emoji (a surrogate pair) before U+FF5E.
    expect(listed.indexOf('\uff5e')).toBeLessThan(listed.indexOf('😀'));
    await store.close();
  });

  it('pages with a cursor inside a unicode prefix', async () => {
    const store = await openStore(files.path());
    for (const id of ['ü-1', 'ü-2', 'ü-3', 'ü', 'üx', 'v-1']) await store.append(write(id, 'T'));
    const first = await store.listStreams({ prefix: 'ü-', limit: 2 });
    expect(first.streams.map((s) => s.streamId)).toEqual(['ü-1', 'ü-2']);
    expect(first.next).toBe('ü-2');
    const second = await store.listStreams({ prefix: 'ü-', after: first.next as string, limit: 2 });
    expect(second.streams.map((s) => s.streamId)).toEqual(['ü-3']);
    expect(second.next).toBeNull();
    await store.close();
  });
});

describe('readEventById', () => {
  it('finds an event whatever the case of the id', async () => {
    const store = await openStore(files.path());
    const id = randomUUID();
    await store.append({
      writes: [{ streamId: 's', expectedRevision: 'any', events: [{ id, type: 'T', data: 'ü', metadata: {} }] }],
    });
    expect((await store.readEventById(id.toUpperCase()))?.data).toBe('ü');
    expect(await store.readEventById(randomUUID())).toBeUndefined();
    await store.close();
  });
});
