// W8 child process: replays the whole log through a projection (balances per account) and reports rate and peak RSS.
import { EventStore, type StorePort } from '@logbook/core';

interface ChildConfig {
  backend: 'sqlite' | 'postgres';
  path?: string;
  connectionString?: string;
  /** Stop after this many events (to compare peak RSS at two log sizes). */
  limit?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;

async function open(): Promise<StorePort> {
  if (config.backend === 'sqlite') {
    const mod = (await import('@logbook/store-sqlite')) as unknown as {
      createSqliteStore(o: { path: string }): Promise<StorePort>;
    };
    return mod.createSqliteStore({ path: config.path as string });
  }
  const mod = (await import('@logbook/store-postgres')) as unknown as {
    createPostgresStore(o: { connectionString: string }): StorePort | Promise<StorePort>;
  };
  return mod.createPostgresStore({ connectionString: config.connectionString as string });
}

const store = new EventStore(await open());
const balances = new Map<string, number>();
let events = 0;
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 50);
const limit = config.limit ?? Number.POSITIVE_INFINITY;
const start = performance.now();
let resolveLimit: () => void = () => {};
const reachedLimit = new Promise<void>((r) => {
  resolveLimit = r;
});
const sub = store.subscribe({ from: 'start', batchSize: 1000 }, (e) => {
  const data = e.data as { accountId: string; amount: number };
  balances.set(data.accountId, (balances.get(data.accountId) ?? 0) + data.amount);
  if (++events >= limit) resolveLimit();
});
await Promise.race([sub.caughtUp, reachedLimit]);
const ms = performance.now() - start;
await sub.stop();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
await store.close();
process.stdout.write(`${JSON.stringify({ events, ms, peakRssMb: peakRss / 1024 / 1024, accounts: balances.size })}\n`);
