// Measures the read side on SQLite: replay rate through a document projection and catch-up rate of an in-memory world.
// Run: npx tsx packages/store-sqlite/scripts/read-side-measure.ts [events=100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, createWorld, defineProjection, defineStateMachine, rebuildProjection } from '@logbook/core';
import { createSqliteStore } from '../src/index.js';

const total = Number(process.argv[2] ?? 100_000);
const streams = 1000;
const perAppend = 100;
const dir = mkdtempSync(join(tmpdir(), 'logbook-measure-'));

const store = new EventStore(await createSqliteStore({ path: join(dir, 'measure.db') }));
const t0 = performance.now();
for (let i = 0; i < total / perAppend; i++) {
  const events = Array.from({ length: perAppend }, (_, k) => ({
    type: k % 4 === 0 ? 'Withdrawn' : 'Deposited',
    data: { amount: 1 + ((i + k) % 50), note: 'measure' },
  }));
  await store.append(`account-${i % streams}`, events);
}
const appendMs = performance.now() - t0;

// One document per account, read-modify-write per event: the usual shape of a read model.
const balances = defineProjection({
  name: 'balances',
  collections: ['accounts'],
  apply: async (e, { documents }) => {
    const amount = (e.data as { amount: number }).amount;
    const prev = ((await documents.get('accounts', e.streamId)) as { balance: number; events: number } | undefined) ?? {
      balance: 0,
      events: 0,
    };
    await documents.put('accounts', e.streamId, {
      balance: prev.balance + (e.type === 'Deposited' ? amount : -amount),
      events: prev.events + 1,
    });
  },
});
const rebuild = await rebuildProjection(store, balances, { batchSize: 1000 });

const totals = defineStateMachine({
  name: 'totals',
  handles: ['Deposited', 'Withdrawn'],
  initialState: { deposited: 0, withdrawn: 0, events: 0 },
  apply: (s, e) => {
    const amount = (e.data as { amount: number }).amount;
    return e.type === 'Deposited'
      ? { ...s, deposited: s.deposited + amount, events: s.events + 1 }
      : { ...s, withdrawn: s.withdrawn + amount, events: s.events + 1 };
  },
});
/** Copy-on-write per account: a new map object per event, old references unchanged. */
const accounts = defineStateMachine({
  name: 'accounts',
  handles: ['Deposited', 'Withdrawn'],
  initialState: new Map<string, number>() as ReadonlyMap<string, number>,
  apply: (s, e) => {
    const amount = (e.data as { amount: number }).amount;
    const next = new Map(s);
    next.set(e.streamId, (s.get(e.streamId) ?? 0) + (e.type === 'Deposited' ? amount : -amount));
    return next;
  },
  serialize: (s) => Object.fromEntries(s),
  deserialize: (j) => new Map(Object.entries(j as Record<string, number>)),
});
const w0 = performance.now();
const world = await createWorld(store, { machines: [totals] }).start();
const worldMs = performance.now() - w0;
const w1 = performance.now();
const heavy = createWorld(store, { machines: [accounts], batchSize: 10_000 });
await heavy.start();
const heavyMs = performance.now() - w1;

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
console.log(`events: ${total} in ${streams} streams, appended in batches of ${perAppend}: ${rate(total, appendMs)} events/s`);
console.log(
  `projection rebuild (document read+write per event, 1000/transaction): ${rebuild.events} events in ${Math.round(rebuild.ms)} ms = ${rate(rebuild.events, rebuild.ms)} events/s`,
);
console.log(
  `world catch-up (1 small machine): ${world.eventsApplied} events in ${Math.round(worldMs)} ms = ${rate(world.eventsApplied, worldMs)} events/s`,
);
console.log(
  `world catch-up (copy-on-write map of ${streams} accounts): ${heavy.eventsApplied} events in ${Math.round(heavyMs)} ms = ${rate(heavy.eventsApplied, heavyMs)} events/s`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
