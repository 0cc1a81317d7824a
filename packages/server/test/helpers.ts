// Test helpers: fresh stores of every kind and a real server listening on a free loopback port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventInput, LogbookClient } from '@logbook/client';
import { EventStore, MemoryStore, type StorePort } from '@logbook/core';
import { createPostgresStore } from '@logbook/store-postgres';
import { freshSchemaName, testPostgresUrl } from '@logbook/store-postgres/testing';
import { createSqliteStore } from '@logbook/store-sqlite';
import { type RunningServer, type StartOptions, startServer } from '../src/index.js';

export interface StoreKind {
  name: string;
  create(): Promise<StorePort>;
}

const tempDirs: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-server-'));
  tempDirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export const STORES: StoreKind[] = [
  { name: 'memory', create: async () => new MemoryStore() },
  { name: 'sqlite', create: async () => createSqliteStore({ path: join(tempDir(), 'test.db') }) },
  {
    name: 'postgres',
    create: async () => createPostgresStore({ connectionString: await testPostgresUrl(), schema: freshSchemaName('srv') }),
  },
];

export interface TestServer extends RunningServer {
  store: EventStore;
  client: LogbookClient;
  /** fetch against the server with an optional token; JSON bodies are serialised. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    // biome-ignore lint/suspicious/noExplicitAny: tests probe response bodies of every shape, valid or not
    body: any;
  }>;
}

export async function startTestServer(port: StorePort, options: Partial<StartOptions> = {}): Promise<TestServer> {
  const store = options.store ?? new EventStore(port);
  const running = await startServer({ logger: false, processMetrics: false, ...options, store, port: 0 });
  const client = new LogbookClient({ baseUrl: running.url });
  const call: TestServer['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${running.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed };
  };
  return { ...running, store, client, call };
}

/** An event to append; `extra` may hold deliberately invalid fields for negative tests. */
export const ev = (type: string, data: unknown = {}, extra: Record<string, unknown> = {}): EventInput =>
  ({ type, data, ...extra }) as EventInput;
