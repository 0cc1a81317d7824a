// The auth matrix: no token, unknown token, read-only, wrong prefix; listings and subscriptions show only what may be read.
import { LogbookClient, type RecordedEventJson } from '@logbook/client';
import { EventStore, MemoryStore } from '@logbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/index.js';
import { type TestServer, ev, startTestServer } from './helpers.js';

const tokens = [
  { token: 'admin-secret-1', name: 'admin', read: ['*'], write: ['*'] },
  { token: 'reader-secret-1', name: 'reader', read: ['account-'] },
  { token: 'writer-secret-1', name: 'writer', read: ['account-'], write: ['account-'] },
  { token: 'nothing-secret-1', name: 'nothing' },
];

describe('auth', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(new MemoryStore(), { auth: { tokens } });
    const admin = new LogbookClient({ baseUrl: s.url, token: 'admin-secret-1' });
    await admin.append('account-1', [ev('Opened')]);
    await admin.append('order-1', [ev('Placed')]);
    await admin.append('account-2', [ev('Opened')]);
  });
  afterAll(() => s.close());

  it('refuses requests without a token or with an unknown one (401), except health and the OpenAPI document', async () => {
    for (const [method, path] of [
      ['GET', '/v1/streams/account-1'],
      ['GET', '/v1/streams'],
      ['GET', '/v1/events'],
      ['GET', '/v1/subscribe'],
      ['GET', '/v1/stats'],
      ['GET', '/v1/consumers'],
      ['GET', '/metrics'],
      ['POST', '/v1/streams/account-1'],
      ['POST', '/v1/transactions'],
    ] as const) {
      const body = method === 'POST' ? { events: [ev('X')] } : undefined;
      for (const token of [undefined, 'wrong-secret-9']) {
        const r = await s.call(method, path, { body, token });
        expect({ path, token, status: r.status, code: r.body.error?.code }).toEqual({
          path,
          token,
          status: 401,
          code: 'unauthorized',
        });
      }
    }
    expect((await s.call('GET', '/v1/health')).status).toBe(200);
    const doc = await s.call('GET', '/v1/openapi.json');
    expect(doc.body.security).toEqual([{ bearer: [] }]);
    expect((await s.call('GET', '/v1/stats', { headers: { authorization: 'Basic admin-secret-1' } })).status).toBe(401);
  });

  it('a read-only token reads its prefix, is forbidden elsewhere and cannot write (403)', async () => {
    const token = 'reader-secret-1';
    expect((await s.call('GET', '/v1/streams/account-1', { token })).status).toBe(200);
    const other = await s.call('GET', '/v1/streams/order-1', { token });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const write = await s.call('POST', '/v1/streams/account-1', { token, body: { events: [ev('X')] } });
    expect(write.status).toBe(403);
    const orderEvent = (await s.call('GET', '/v1/events', { token: 'admin-secret-1' })).body.events.find(
      (e: RecordedEventJson) => e.streamId === 'order-1',
    );
    expect((await s.call('GET', `/v1/events/${orderEvent.id}`, { token })).status).toBe(403);
    expect((await s.call('GET', '/v1/streams/order-1/states', { token })).status).toBe(403);
    expect((await s.call('GET', '/v1/subscribe?stream=order-1', { token })).status).toBe(403);
    expect((await s.call('GET', '/v1/stats', { token })).status).toBe(200);
  });

  it('a write token for one prefix cannot write another, even inside a transaction (403, nothing written)', async () => {
    const token = 'writer-secret-1';
    expect((await s.call('POST', '/v1/streams/account-3', { token, body: { events: [ev('Opened')] } })).status).toBe(201);
    expect((await s.call('POST', '/v1/streams/order-2', { token, body: { events: [ev('Placed')] } })).status).toBe(403);
    const tx = await s.call('POST', '/v1/transactions', {
      token,
      body: {
        appends: [
          { streamId: 'account-4', events: [ev('Opened')] },
          { streamId: 'order-3', events: [ev('Placed')] },
        ],
      },
    });
    expect(tx.status).toBe(403);
    expect((await s.call('GET', '/v1/streams/account-4', { token })).status).toBe(404);
    const cond = await s.call('POST', '/v1/transactions', {
      token,
      body: {
        appends: [{ streamId: 'account-4', events: [ev('Opened')] }],
        conditions: [{ streamId: 'order-1', expectedRevision: 0 }],
      },
    });
    expect(cond.status).toBe(403);
  });

  it('listings, the log, related events and subscriptions show only what the token may read', async () => {
    const reader = new LogbookClient({ baseUrl: s.url, token: 'reader-secret-1' });
    const streams = (await reader.listStreams()).streams.map((x) => x.streamId);
    expect(streams.length).toBeGreaterThan(0);
    expect(streams.every((id) => id.startsWith('account-'))).toBe(true);
    const events = (await reader.readEvents()).events;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.streamId.startsWith('account-'))).toBe(true);
    const seen: RecordedEventJson[] = [];
    let caughtUp = false;
    const sub = reader.subscribe({ onEvent: (e) => void seen.push(e), onCaughtUp: () => (caughtUp = true) });
    while (!caughtUp) await new Promise((r) => setTimeout(r, 10));
    sub.close();
    await sub.done;
    expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const nothing = new LogbookClient({ baseUrl: s.url, token: 'nothing-secret-1' });
    expect((await nothing.listStreams()).streams).toEqual([]);
    expect((await nothing.readEvents()).events).toEqual([]);
    const denied = nothing.subscribe({ onEvent: () => {} });
    await expect(denied.done).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });
});

describe('binding', () => {
  it('refuses a non-loopback address without tokens unless --insecure, and allows it with tokens', async () => {
    const store = new EventStore(new MemoryStore());
    await expect(startServer({ store, host: '0.0.0.0', port: 0, logger: false })).rejects.toMatchObject({
      message: expect.stringContaining('refusing to listen on 0.0.0.0 without auth'),
    });
    const stderr = process.stderr.write;
    let warned = '';
    process.stderr.write = ((chunk: string) => {
      warned += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      const insecure = await startServer({ store, host: '0.0.0.0', port: 0, logger: false, insecure: true, closeStore: false });
      await insecure.close();
    } finally {
      process.stderr.write = stderr;
    }
    expect(warned).toContain('WITHOUT AUTHENTICATION');
    const withAuth = await startServer({ store, host: '0.0.0.0', port: 0, logger: false, auth: { tokens }, closeStore: false });
    await withAuth.close();
    const loopback = await startServer({ store, host: '127.0.0.1', port: 0, logger: false });
    await loopback.close();
  });
});
