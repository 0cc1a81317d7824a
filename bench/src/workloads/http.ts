// W7: appends over HTTP through @logbook/server (8 keep-alive connections from a separate client process),
// beside the same load on the store directly.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EventStore } from '@logbook/core';
import { type BenchEvent, depositEvents } from '../payload.js';
import type { BenchPostgres } from '../postgres.js';
import type { Results } from '../results.js';
import type { Log } from '../runner.js';
import type { Sizes } from '../sizes.js';
import { openLogbookPort } from '../subjects/logbook.js';
import type { Backend } from '../subjects/types.js';

type Append = (streamId: string, last: number, events: BenchEvent[]) => Promise<void>;

interface ServerModule {
  startServer(options: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }>;
}

const CONNECTIONS = 8;
const run = promisify(execFile);

/** `CONNECTIONS` concurrent loops of `requests` appends of `batch` events each, on distinct streams. Events/s. */
async function load(append: Append, requests: number, batch: number, tag: string): Promise<number> {
  const streamsPerConn = 16;
  const loop = async (c: number) => {
    const last = new Array<number>(streamsPerConn).fill(-1);
    for (let i = 0; i < requests; i++) {
      const s = i % streamsPerConn;
      const streamId = `account-${tag}c${c}x${s}`;
      await append(streamId, last[s] as number, depositEvents(streamId, i * batch, batch));
      last[s] = (last[s] as number) + batch;
    }
  };
  const start = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: CONNECTIONS }, (_, c) => loop(c)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return (CONNECTIONS * requests * batch) / ((performance.now() - start) / 1000);
}

const CLIENT = fileURLToPath(new URL('./http-client.ts', import.meta.url));

/** Runs the load generator in a child process against the server; its events/s. */
async function httpLoad(url: string, requests: number, batch: number, tag: string): Promise<number> {
  const config = { url, connections: CONNECTIONS, requests, batch, tag };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CLIENT, JSON.stringify(config)], {
    timeout: 10 * 60_000,
  });
  const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { rate?: number; error?: string };
  if (out.error || out.rate === undefined) throw new Error(out.error ?? 'the HTTP client printed nothing');
  return out.rate;
}

export async function runW7(
  backend: Backend,
  pg: BenchPostgres | undefined,
  sizes: Sizes,
  results: Results,
  log: Log,
): Promise<void> {
  const label = `logbook/${backend}`;
  const ids = ['W7-1', 'W7-100', 'W7-direct-1', 'W7-direct-100'] as const;
  log(`${label}: W7 through the HTTP server`);
  let opened: Awaited<ReturnType<typeof openLogbookPort>>;
  try {
    opened = await openLogbookPort(backend, pg);
  } catch (e) {
    for (const id of ids) results.fail(id, label, e);
    return;
  }
  const store = new EventStore(opened.port);
  let server: { url: string; close(): Promise<void> } | undefined;
  try {
    const mod = (await import('@logbook/server')) as unknown as ServerModule;
    server = await mod.startServer({ store, port: 0, logger: false, closeStore: false, processMetrics: false });
    const direct: Append = async (streamId, last, events) => {
      await store.append(streamId, events as never, { expectedRevision: last < 0 ? 'no_stream' : BigInt(last) });
    };
    for (const [batch, requests] of [
      [1, sizes.w7SingleRequests],
      [100, sizes.w7BatchRequests],
    ] as const) {
      const d: number[] = [];
      const h: number[] = [];
      // Interleaved, so drift in the machine's load affects both sides alike.
      for (let r = 0; r < sizes.runs; r++) {
        d.push(await load(direct, requests, batch, `d${batch}r${r}`));
        h.push(await httpLoad(server.url, requests, batch, `h${batch}r${r}`));
      }
      const dm = results.record(batch === 1 ? 'W7-direct-1' : 'W7-direct-100', label, d);
      const hm = results.record(batch === 1 ? 'W7-1' : 'W7-100', label, h);
      log(`  W7 ${batch} event(s)/request: direct ${dm.value.toFixed(0)} ev/s, HTTP ${hm.value.toFixed(0)} ev/s`);
    }
  } catch (e) {
    for (const id of ids) if (!results.get(id, label)) results.fail(id, label, e);
    log(`  W7 FAILED: ${(e as Error).message}`);
  } finally {
    await server?.close().catch(() => {});
    await store.close();
    await opened.cleanup();
  }
}
