// The read side's promises under failure, on every store: restart-safe consumers, groups losing a member, worlds, inline projections.
import {
  type Consumer,
  type ConsumerGroupMember,
  EventStore,
  type Position,
  type RecordedEvent,
  type StorePort,
  comparePositions,
  createConsumer,
  createWorld,
  defineProjection,
  defineStateMachine,
  joinConsumerGroup,
  memoryBlobStore,
  registerInlineProjection,
  sleep,
} from '@logbook/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { ev } from '../fixtures.js';

async function until(predicate: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

/** The same port, with every checkpoint write reported first: the test observes the store, it does not replace it. */
function observeCheckpoints(port: StorePort, onWrite: (name: string, position: Position) => void): StorePort {
  const checkpoints = port.checkpoints as NonNullable<StorePort['checkpoints']>;
  const observed: NonNullable<StorePort['checkpoints']> = {
    read: (n) => checkpoints.read(n),
    list: () => checkpoints.list(),
    delete: (n) => checkpoints.delete(n),
    write: async (n, p, fence) => {
      await checkpoints.write(n, p, fence);
      onWrite(n, p);
    },
  };
  return new Proxy(port, {
    get(target, prop) {
      if (prop === 'checkpoints') return observed;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function appendMany(store: EventStore, streams: number, perStream: number, prefix: string): Promise<void> {
  for (let r = 0; r < perStream; r++) {
    for (let s = 0; s < streams; s++) await store.append(`${prefix}-${s}`, [ev('Tick', { s, r })]);
  }
}

export function readSideScenariosSuite(ctx: SuiteContext): void {
  describe.runIf(ctx.has('checkpoints'))('read side under failure', () => {
    it('a consumer killed mid-batch and restarted 20 times handles every event, its checkpoint only forward and never ahead', async () => {
      const port = await ctx.port();
      const handled = new Set<string>();
      const writes: Array<{ position: Position; handled: Set<string> }> = [];
      const store = new EventStore(
        observeCheckpoints(port, (_n, position) => writes.push({ position, handled: new Set(handled) })),
      );
      await appendMany(store, 6, 40, 'order');
      const policies = [{ everyEvents: 1 }, { everyEvents: 7 }, { everyMs: 5 }, { everyEvents: 3, everyMs: 20 }];
      for (let run = 0; run < 21; run++) {
        const killAfter = run === 20 ? Number.POSITIVE_INFINITY : 3 + ((run * 7) % 17);
        let seen = 0;
        let consumer: Consumer | undefined;
        let killed: Promise<void> | undefined;
        consumer = createConsumer(store, {
          name: 'mailer',
          batchSize: 16,
          checkpoint: policies[run % policies.length],
          handler: async (e) => {
            handled.add(e.id);
            if (++seen >= killAfter && !killed) killed = consumer?.kill();
            if (seen % 5 === 0) await sleep(0);
          },
        }).start();
        // New events keep arriving between crashes.
        if (run % 4 === 1) await store.append(`order-late-${run}`, [ev('Tick', { run })]);
        if (run === 20) {
          await consumer.whenCaughtUp();
          await consumer.stop();
        } else {
          await until(() => killed !== undefined || consumer?.status === 'failed');
          await killed;
          expect(consumer.status).not.toBe('failed');
        }
      }
      const log = (await store.readAll({ limit: 10_000 })).events;
      expect(log.filter((e) => !handled.has(e.id))).toEqual([]);
      expect(writes.length).toBeGreaterThan(0);
      for (let i = 0; i < writes.length; i++) {
        const w = writes[i] as (typeof writes)[number];
        const prev = writes[i - 1];
        if (prev) expect(comparePositions(w.position, prev.position)).toBeGreaterThanOrEqual(0);
        const unprocessed = log.filter((e) => comparePositions(e.position, w.position) <= 0 && !w.handled.has(e.id));
        expect(
          unprocessed.map((e) => e.position),
          `checkpoint ${w.position} ahead of the work`,
        ).toEqual([]);
      }
      expect(await port.checkpoints?.read('consumer:mailer')).toBe(log[log.length - 1]?.position);
    });

    it.runIf(ctx.has('leases'))('a group of 3 with one member killed processes every event, each stream in order', async () => {
      const store = await ctx.store();
      await appendMany(store, 24, 4, 'acct');
      const handled = new Set<string>();
      const violations: string[] = [];
      const seen = new Set<string>();
      const handler = async (e: RecordedEvent) => {
        if (e.revision > 0n && !seen.has(`${e.streamId}:${e.revision - 1n}`)) violations.push(`${e.streamId}@${e.revision}`);
        seen.add(`${e.streamId}:${e.revision}`);
        handled.add(e.id);
        await sleep(1);
      };
      const options = { group: 'billing', partitions: 6, leaseTtlMs: 300, heartbeatMs: 40, batchSize: 10, handler };
      const members: ConsumerGroupMember[] = ['m-a', 'm-b', 'm-c'].map((member) =>
        joinConsumerGroup(store, { ...options, member }),
      );
      await until(() => members.every((m) => m.ownedPartitions().length === 2));
      await until(() => handled.size >= 20);
      const victim = members[1] as ConsumerGroupMember;
      await victim.kill();
      await appendMany(store, 24, 2, 'acct');
      const survivors = [members[0], members[2]] as ConsumerGroupMember[];
      const total = Number((await store.stats()).events);
      await until(() => handled.size >= total && survivors.flatMap((m) => m.ownedPartitions()).length === 6);
      expect(violations).toEqual([]);
      expect(survivors.flatMap((m) => m.ownedPartitions()).sort()).toEqual([0, 1, 2, 3, 4, 5]);
      await Promise.all(survivors.map((m) => m.stop()));
      // One checkpoint per partition, and together they cover the log.
      const cps = (await store.port.checkpoints?.list())?.filter((c) => c.name.startsWith('group:billing/')) ?? [];
      expect(cps.map((c) => c.name).sort()).toEqual([0, 1, 2, 3, 4, 5].map((p) => `group:billing/${p}`));
    });

    it('a world restored from a snapshot plus the tail equals a world built by full replay', async () => {
      const store = await ctx.store();
      const accounts = defineStateMachine({
        name: 'accounts',
        handles: ['Deposited', 'Withdrawn'],
        initialState: {} as Record<string, number>,
        apply: (state, e) => {
          const d = e.data as { account: string; amount: number };
          const delta = e.type === 'Deposited' ? d.amount : -d.amount;
          return { ...state, [d.account]: (state[d.account] ?? 0) + delta };
        },
      });
      const rich = defineStateMachine({
        name: 'rich',
        handles: ['Deposited', 'Withdrawn'],
        dependsOn: ['accounts'],
        initialState: [] as string[],
        apply: (_state, _e, deps) =>
          Object.entries(deps.get<Record<string, number>>('accounts'))
            .filter(([, v]) => v >= 100)
            .map(([k]) => k)
            .sort(),
      });
      const machines = [rich, accounts] as const;
      const money = (i: number) => ev(i % 3 === 0 ? 'Withdrawn' : 'Deposited', { account: `a${i % 5}`, amount: 10 + (i % 40) });
      for (let i = 0; i < 60; i++) await store.append(`account-${i % 5}`, [money(i)]);
      const blobs = memoryBlobStore();
      const first = await createWorld(store, { machines, snapshots: blobs }).start();
      await first.append('account-1', [money(1000)]);
      const at = await first.snapshot();
      for (let i = 60; i < 90; i++) await store.append(`account-${i % 5}`, [money(i)]);
      const restored = await createWorld(store, { machines, snapshots: blobs }).start();
      const replayed = await createWorld(store, { machines }).start();
      expect(restored.eventsApplied).toBe(30);
      const states = async (w: typeof replayed) =>
        w.read({ maxStaleness: 0 }, (v) => ({ accounts: v.get('accounts'), rich: v.get('rich'), position: v.position }));
      expect(await states(restored)).toEqual(await states(replayed));
      expect(comparePositions(at, restored.position)).toBeLessThan(0);
    });

    it.runIf(ctx.has('transactions'))('an inline projection is never visible out of step with the log', async () => {
      const store = await ctx.store();
      const counts = defineProjection({
        name: 'counts',
        collections: ['totals'],
        apply: async (e, { documents }) => {
          if ((e.data as { poison?: boolean }).poison) throw new Error('refused');
          const t = ((await documents.get('totals', 'all')) as { events: number } | undefined) ?? { events: 0 };
          await documents.put('totals', 'all', { events: t.events + 1, last: e.position });
        },
      });
      const inline = registerInlineProjection(store, counts);
      await inline.built;
      const docs = store.port.documents as NonNullable<StorePort['documents']>;
      const physical = 'counts@v1:totals';
      let writing = true;
      const problems: string[] = [];
      const reader = (async () => {
        while (writing) {
          const t = (await docs.get(physical, 'all')) as { events: number; last: Position } | undefined;
          if (t) {
            const upTo = (await store.readAll({ limit: 10_000 })).events.filter((e) => comparePositions(e.position, t.last) <= 0);
            if (upTo.length !== t.events) problems.push(`doc says ${t.events} at ${t.last}, log has ${upTo.length}`);
          }
          await sleep(0);
        }
      })();
      const writers = [0, 1, 2].map(async (w) => {
        for (let i = 0; i < 25; i++) {
          const poison = i % 6 === 5;
          const append = store.append(`inl-${w}`, [ev('Tick', { w, i, poison })]);
          if (poison) await expect(append).rejects.toThrow();
          else {
            const out = await append;
            const t = (await docs.get(physical, 'all')) as { last: Position };
            if (comparePositions(t.last, out.position) < 0) problems.push(`append ${out.position} not yet in the projection`);
          }
        }
      });
      await Promise.all(writers);
      writing = false;
      await reader;
      await inline.stop();
      // A failure here on a store that runs appends concurrently means inline read-modify-writes lost updates:
      // such a store must serialize appends that carry an inline hook (PostgreSQL: pg_advisory_xact_lock).
      expect(problems, 'inline projection out of step with the log').toEqual([]);
      const events = Number((await store.stats()).events);
      expect(events).toBe(3 * 21);
      expect(((await docs.get(physical, 'all')) as { events: number }).events).toBe(events);
    });
  });
}
