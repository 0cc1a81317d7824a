// Unique claims (atomic with appends, rebuildable from the log) and snapshots (exact round trips) on every store.
import {
  CommandHandler,
  type Decider,
  EventStore,
  type StorePort,
  type StoredSnapshot,
  UNIQUES_METADATA_KEY,
  rebuildUniques,
} from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { evs, rejectsWith } from '../fixtures.js';

export function uniquesSnapshotsSuite(ctx: SuiteContext): void {
  describe.runIf(ctx.has('uniques'))('unique claims', () => {
    it('claims atomically with an append; another owner claiming the value fails with scope, value and owner, writing nothing', async () => {
      const store = await ctx.store();
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 'user-email', value: 'ada@example.com' }] } });
      expect(await store.port.uniques?.owner('user-email', 'ada@example.com')).toBe('user-1');
      const err = await rejectsWith(
        store.append('user-2', evs(2), { uniques: { claim: [{ scope: 'user-email', value: 'ada@example.com' }] } }),
        'unique_violation',
      );
      expect(err.details).toEqual({ scope: 'user-email', value: 'ada@example.com', owner: 'user-1' });
      expect((await store.streamInfo('user-2')).exists).toBe(false);
      expect((await store.stats()).events).toBe(1n);
      // The same owner claiming again is not a violation; another scope or another spelling is another value.
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 'user-email', value: 'ada@example.com' }] } });
      await store.append('user-3', evs(1), {
        uniques: {
          claim: [
            { scope: 'nickname', value: 'ada@example.com' },
            { scope: 'user-email', value: 'Ada@example.com' },
          ],
        },
      });
      expect(await store.port.uniques?.owner('nickname', 'ada@example.com')).toBe('user-3');
      expect(await store.port.uniques?.owner('user-email', 'Ada@example.com')).toBe('user-3');
    });

    it('releases and claims in one append (an email change), and records both in the first event metadata', async () => {
      const store = await ctx.store();
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 'user-email', value: 'old@example.com' }] } });
      const out = await store.append('user-1', evs(2), {
        uniques: {
          release: [{ scope: 'user-email', value: 'old@example.com' }],
          claim: [{ scope: 'user-email', value: 'new@example.com' }],
        },
      });
      expect(await store.port.uniques?.owner('user-email', 'old@example.com')).toBeUndefined();
      expect(await store.port.uniques?.owner('user-email', 'new@example.com')).toBe('user-1');
      const [first, second] = await store.readStreamToArray('user-1', { from: out.firstRevision });
      expect(first?.metadata[UNIQUES_METADATA_KEY]).toEqual({
        claim: [{ scope: 'user-email', value: 'new@example.com', owner: 'user-1' }],
        release: [{ scope: 'user-email', value: 'old@example.com', owner: 'user-1' }],
      });
      expect(second?.metadata[UNIQUES_METADATA_KEY]).toBeUndefined();
      // The freed address can now be taken by someone else.
      await store.append('user-2', evs(1), { uniques: { claim: [{ scope: 'user-email', value: 'old@example.com' }] } });
      expect(await store.port.uniques?.owner('user-email', 'old@example.com')).toBe('user-2');
    });

    it('a release by a non-owner frees nothing', async () => {
      const store = await ctx.store();
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 's', value: 'v' }] } });
      await store.append('user-2', evs(1), { uniques: { release: [{ scope: 's', value: 'v' }] } });
      expect(await store.port.uniques?.owner('s', 'v')).toBe('user-1');
    });

    it('a failing append leaves no claim and releases nothing', async () => {
      const store = await ctx.store();
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 's', value: 'held' }] } });
      await rejectsWith(
        store.append('user-1', evs(1), {
          expectedRevision: 5n,
          uniques: { claim: [{ scope: 's', value: 'new' }], release: [{ scope: 's', value: 'held' }] },
        }),
        'wrong_expected_revision',
      );
      expect(await store.port.uniques?.owner('s', 'new')).toBeUndefined();
      expect(await store.port.uniques?.owner('s', 'held')).toBe('user-1');
      // A violation on the second claim also undoes the first claim and the release of the same append.
      await store.append('user-2', evs(1), { uniques: { claim: [{ scope: 's', value: 'taken' }] } });
      await rejectsWith(
        store.appendMultiple({
          appends: [
            { streamId: 'user-1', events: evs(1) },
            { streamId: 'other', events: evs(1) },
          ],
          uniques: {
            release: [{ scope: 's', value: 'held' }],
            claim: [
              { scope: 's', value: 'free' },
              { scope: 's', value: 'taken' },
            ],
          },
        }),
        'unique_violation',
      );
      expect(await store.port.uniques?.owner('s', 'free')).toBeUndefined();
      expect(await store.port.uniques?.owner('s', 'held')).toBe('user-1');
      expect((await store.streamInfo('other')).exists).toBe(false);
      expect((await store.stats()).events).toBe(2n);
    });

    it('reset and apply (the rebuild primitives) replace the table; rebuildUniques restores it from the log', async () => {
      const store = await ctx.store();
      const uniques = store.port.uniques as NonNullable<StorePort['uniques']>;
      await store.append('user-1', evs(1), { uniques: { claim: [{ scope: 'e', value: 'a' }] } });
      await store.append('user-1', evs(1), {
        uniques: { release: [{ scope: 'e', value: 'a' }], claim: [{ scope: 'e', value: 'b' }] },
      });
      await store.append('user-2', evs(1), { uniques: { claim: [{ scope: 'e', value: 'a' }] } });
      await uniques.reset();
      expect(await uniques.owner('e', 'a')).toBeUndefined();
      expect(await uniques.owner('e', 'b')).toBeUndefined();
      // apply writes without checks: a later claim of the same value simply wins.
      await uniques.apply([{ scope: 'x', value: '1', owner: 'p' }], []);
      await uniques.apply([{ scope: 'x', value: '1', owner: 'q' }], []);
      expect(await uniques.owner('x', '1')).toBe('q');
      await uniques.apply([], [{ scope: 'x', value: '1', owner: 'q' }]);
      expect(await uniques.owner('x', '1')).toBeUndefined();
      const rebuilt = await rebuildUniques(store);
      expect(rebuilt).toEqual({ appends: 3, claims: 3, releases: 1 });
      expect(await uniques.owner('e', 'a')).toBe('user-2');
      expect(await uniques.owner('e', 'b')).toBe('user-1');
      await rejectsWith(store.append('user-3', evs(1), { uniques: { claim: [{ scope: 'e', value: 'b' }] } }), 'unique_violation');
    });
  });

  describe.runIf(ctx.has('snapshots'))('snapshots', () => {
    const snapshot = (over: Partial<StoredSnapshot> = {}): StoredSnapshot => ({
      streamId: 'acct-1',
      name: 'balance',
      revision: 9_007_199_254_740_993n,
      schemaVersion: 3,
      // Key order, unicode, nesting and number forms must come back exactly as written.
      state: { z: 1, a: [true, null, 'é ✓ 𝄞', { y: 0.1, b: -2.5e-7 }], m: { '': 'empty key' }, big: 12345678901234 },
      takenAt: '2026-11-22T21:51:30.123Z',
      ...over,
    });

    it('reads back exactly what was written, bigint revision and JSON state byte for byte', async () => {
      const port = await ctx.port();
      const snaps = port.snapshots as NonNullable<StorePort['snapshots']>;
      expect(await snaps.read('acct-1', 'balance')).toBeUndefined();
      const written = snapshot();
      await snaps.write(written);
      const read = await snaps.read('acct-1', 'balance');
      expect(read).toEqual(written);
      expect(typeof read?.revision).toBe('bigint');
      expect(JSON.stringify(read?.state)).toBe(JSON.stringify(written.state));
      expect(new Date(read?.takenAt ?? '').toISOString()).toBe(written.takenAt);
    });

    it('overwrites per (stream, name), keeps names apart, and deletes', async () => {
      const port = await ctx.port();
      const snaps = port.snapshots as NonNullable<StorePort['snapshots']>;
      await snaps.write(snapshot({ revision: 5n, state: { v: 5 } }));
      await snaps.write(snapshot({ name: 'other', revision: 1n, state: [1, 2] }));
      await snaps.write(snapshot({ revision: 9n, schemaVersion: 4, state: { v: 9 } }));
      expect(await snaps.read('acct-1', 'balance')).toMatchObject({ revision: 9n, schemaVersion: 4, state: { v: 9 } });
      expect(await snaps.read('acct-1', 'other')).toMatchObject({ revision: 1n, state: [1, 2] });
      expect(await snaps.read('acct-2', 'balance')).toBeUndefined();
      await snaps.delete('acct-1', 'balance');
      expect(await snaps.read('acct-1', 'balance')).toBeUndefined();
      expect(await snaps.read('acct-1', 'other')).toBeDefined();
      await expect(snaps.delete('acct-1', 'balance')).resolves.toBeUndefined();
    });

    it('a command handler loads from the snapshot and reads only the events after it', async () => {
      const port = await ctx.port();
      let eventsRead = 0;
      const counting = new Proxy(port, {
        get(target, prop, receiver) {
          if (prop !== 'readStream') return Reflect.get(target, prop, receiver);
          return async (...args: Parameters<StorePort['readStream']>) => {
            const page = await target.readStream(...args);
            eventsRead += page?.length ?? 0;
            return page;
          };
        },
      });
      const store = new EventStore(counting);
      const counter: Decider<number, { n: number }> = {
        initialState: () => ({ n: 0 }),
        evolve: (s) => ({ n: s.n + 1 }),
        decide: (count) => Array.from({ length: count }, () => ({ type: 'Counted', data: null })),
        snapshot: { version: 1, every: 10 },
      };
      const handler = new CommandHandler(store, counter);
      await handler.handle('counter-1', 25);
      expect((await port.snapshots?.read('counter-1', 'default'))?.revision).toBe(24n);
      await store.append('counter-1', evs(3));
      eventsRead = 0;
      const loaded = await handler.load('counter-1');
      expect(loaded).toMatchObject({ state: { n: 28 }, revision: 27n, snapshotRevision: 24n });
      expect(eventsRead).toBe(3);
      // Another schema version ignores the old snapshot and folds everything.
      eventsRead = 0;
      const v2 = new CommandHandler(store, { ...counter, snapshot: { version: 2, every: 10 } });
      expect((await v2.load('counter-1')).state).toEqual({ n: 28 });
      expect(eventsRead).toBe(28);
    });
  });
}
