// W8: replay a large log through a projection in a child process, measuring events/s and peak RSS.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EventStore } from '@logbook/core';
import { depositEvents } from '../payload.js';
import type { BenchPostgres } from '../postgres.js';
import type { Results } from '../results.js';
import type { Log } from '../runner.js';
import type { Sizes } from '../sizes.js';
import { openLogbookPort } from '../subjects/logbook.js';
import type { Backend } from '../subjects/types.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./replay-child.ts', import.meta.url));
const PER_APPEND = 1_000;

interface ChildResult {
  events: number;
  ms: number;
  peakRssMb: number;
}

async function replay(config: Record<string, unknown>): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
    maxBuffer: 1024 * 1024,
    timeout: 30 * 60_000,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildResult;
}

export async function runW8(
  backend: Backend,
  pg: BenchPostgres | undefined,
  sizes: Sizes,
  results: Results,
  log: Log,
): Promise<void> {
  const label = `logbook/${backend}`;
  const total = sizes.w8Events;
  log(`${label}: W8 seeding ${total.toLocaleString('en-US')} events`);
  let cleanup = async () => {};
  try {
    const opened = await openLogbookPort(backend, pg);
    cleanup = opened.cleanup;
    const store = new EventStore(opened.port);
    const seedStart = performance.now();
    // 1,000 accounts, so the projection's own state stays small and constant: what grows is only the log.
    // Four seeders append at once (the stores commit concurrent appends together), each on its own accounts.
    const seeders = 4;
    const perSeeder = Math.ceil(total / seeders);
    const seed = async (k: number) => {
      const last = new Array<number>(250).fill(-1);
      const mine = Math.min(perSeeder, total - k * perSeeder);
      for (let written = 0, i = 0; written < mine; i++) {
        const n = Math.min(PER_APPEND, mine - written);
        const a = i % last.length;
        const streamId = `account-replay${k}x${a}`;
        await store.append(streamId, depositEvents(streamId, written, n) as never, {
          expectedRevision: (last[a] as number) < 0 ? 'no_stream' : BigInt(last[a] as number),
        });
        last[a] = (last[a] as number) + n;
        written += n;
      }
    };
    await Promise.all(Array.from({ length: seeders }, (_, k) => seed(k)));
    await store.close();
    log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
    const config = backend === 'sqlite' ? { backend, path: opened.path } : { backend, connectionString: opened.url };
    const small = await replay({ ...config, limit: Math.max(1, Math.floor(total / 10)) });
    const rates: number[] = [];
    const extras: Array<Record<string, number>> = [];
    for (let r = 0; r < sizes.w8Runs; r++) {
      const out = await replay(config);
      if (out.events !== total) throw new Error(`replayed ${out.events} events, expected ${total}`);
      rates.push(out.events / (out.ms / 1000));
      extras.push({ rssMb: out.peakRssMb, rssAtTenthMb: small.peakRssMb });
      log(`  replay ${r + 1}: ${(out.events / (out.ms / 1000)).toFixed(0)} ev/s, peak RSS ${out.peakRssMb.toFixed(0)} MB`);
    }
    results.record('W8', label, rates, extras);
    log(`  peak RSS after a tenth of the log: ${small.peakRssMb.toFixed(0)} MB`);
  } catch (e) {
    results.fail('W8', label, e);
    log(`  W8 FAILED: ${(e as Error).message}`);
  } finally {
    await cleanup();
  }
}
