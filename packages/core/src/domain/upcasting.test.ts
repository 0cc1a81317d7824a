import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event.js';
import { makePosition } from '../position.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { Upcasters, useUpcasters } from './upcasting.js';

// v1 {amount: "12.50"} -> v2 {cents: 1250} -> v3 renamed MoneyDeposited {cents, currency}
const registry = () =>
  new Upcasters().register(
    { type: 'Deposited', fromVersion: 1, upcast: (d) => ({ cents: Math.round(Number((d as { amount: string }).amount) * 100) }) },
    {
      type: 'Deposited',
      fromVersion: 2,
      toType: 'MoneyDeposited',
      upcast: (d, e) => ({ ...(d as object), currency: (e.metadata.currency as string | undefined) ?? 'EUR' }),
    },
  );

describe('upcasting', () => {
  it('chains upcasters from the stored version to the current one, renaming the type', () => {
    const u = registry();
    const stored: RecordedEvent = {
      id: '00000000-0000-4000-8000-000000000001',
      streamId: 'a',
      revision: 0n,
      position: makePosition(1n),
      type: 'Deposited',
      data: { amount: '12.50' },
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(u.upcast(stored)).toMatchObject({
      type: 'MoneyDeposited',
      data: { cents: 1250, currency: 'EUR' },
      metadata: { schemaVersion: 3, upcastedFrom: 1 },
    });
    // A v2 event only takes the last step; an event at the current version is returned as is.
    const v2 = { ...stored, data: { cents: 5 }, metadata: { schemaVersion: 2, currency: 'USD' } };
    expect(u.upcast(v2)).toMatchObject({ type: 'MoneyDeposited', data: { cents: 5, currency: 'USD' } });
    const current = { ...stored, type: 'MoneyDeposited', data: { cents: 1, currency: 'EUR' }, metadata: { schemaVersion: 3 } };
    expect(u.upcast(current)).toBe(current);
    expect(u.currentVersion('MoneyDeposited')).toBe(3);
    expect(u.currentVersion('Unknown')).toBe(1);
  });

  it('refuses two upcasters for one (type, version)', () => {
    expect(() => registry().register({ type: 'Deposited', fromVersion: 1, upcast: (d) => d })).toThrow(/two upcasters/);
  });

  it('applies on every read path and stamps new events with their schema version', async () => {
    const store = new EventStore(new MemoryStore());
    // Old events, written before the registry existed.
    await store.append('acct-1', [{ type: 'Deposited', data: { amount: '1.10' } }]);
    useUpcasters(store, registry());
    const fresh = await store.append('acct-1', [
      { type: 'MoneyDeposited', data: { cents: 7, currency: 'EUR' } },
      { type: 'Other', data: null },
    ]);
    expect(fresh.events.map((e) => e.metadata.schemaVersion)).toEqual([3, 1]);
    const expected = [
      ['MoneyDeposited', { cents: 110, currency: 'EUR' }],
      ['MoneyDeposited', { cents: 7, currency: 'EUR' }],
      ['Other', null],
    ];
    const shape = (es: RecordedEvent[]) => es.map((e) => [e.type, e.data]);
    expect(shape(await store.readStreamToArray('acct-1'))).toEqual(expected);
    expect(shape((await store.readAll()).events)).toEqual(expected);
    expect(shape((await store.readStreamPage('acct-1')).events)).toEqual(expected);
    const first = (await store.readStreamToArray('acct-1'))[0] as RecordedEvent;
    expect((await store.readEventById(first.id))?.type).toBe('MoneyDeposited');
    const seen: RecordedEvent[] = [];
    const sub = store.subscribe({}, (e) => {
      seen.push(e);
    });
    await sub.caughtUp;
    await sub.stop();
    expect(shape(seen)).toEqual(expected);
  });
});
