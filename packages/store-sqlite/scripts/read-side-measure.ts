// Measures the read side on SQLite: replay rate through a document projection and catch-up rate of an in-memory world.
// Run: npx tsx packages/store-sqlite/scripts/read-side-measure.ts [events=100000] [repeats=3]
// Each read-side figure is the median of `repeats` runs over the same file (min-max in brackets).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, createWorld, defineProjection, defineStateMachine, rebuildProjection } from '@logbook/core';
import { createSqliteStore } from '../src/index.js';

const total = Number(process.argv[2] ?? 100_000);
const repeats = Math.max(1, Number(process.argv[3] ?? 3));
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

/** Runs `run` `repeats` times; returns the median rate and the range, as text. */
async function measure(run: () => Promise<number>): Promise<string> {
  const rates: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const events = await run();
    rates.push(events / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  const fmt = (r: number) => Math.round(r).toLocaleString('en-US');
  const median = rates[Math.floor(rates.length / 2)] as number;
  return `${fmt(median)} events/s [${fmt(rates[0] as number)}-${fmt(rates[rates.length - 1] as number)}]`;
}

const projectionRate = await measure(async () => (await rebuildProjection(store, balances, { batchSize: 1000 })).events);

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
const smallRate = await measure(async () => (await createWorld(store, { machines: [totals] }).start()).eventsApplied);
const heavyRate = await measure(async () => (await createWorld(store, { machines: [accounts] }).start()).eventsApplied);

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
console.log(`events: ${total} in ${streams} streams, appended in batches of ${perAppend}: ${rate(total, appendMs)} events/s`);
console.log(`projection rebuild (document read + write per event, 1000 events per transaction): ${projectionRate}`);
console.log(`world catch-up from empty (one small state machine): ${smallRate}`);
console.log(`world catch-up from empty (copy-on-write map of ${streams} accounts): ${heavyRate}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
