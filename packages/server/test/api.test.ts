// The HTTP API end to end over real HTTP, against every store: each endpoint and each error code.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORES, type TestServer, ev, removeTempDirs, startTestServer } from './helpers.js';
import { RELATED_CHECKPOINT } from '../src/index.js';

afterAll(removeTempDirs);

describe.each(STORES)('API v1 on $name', (kind) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(await kind.create());
  });
  afterEach(() => s.close());

  it('appends (201), retries idempotently (200) and reports conflicts (409 with expected and actual)', async () => {
    const id = randomUUID();
    const first = await s.call('POST', '/v1/streams/account-1', { body: { events: [ev('Opened', { owner: 'ann' }, { id })] } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ streamId: 'account-1', firstRevision: 0, lastRevision: 0, outcome: 'appended' });
    expect(typeof first.body.position).toBe('string');
    const retry = await s.call('POST', '/v1/streams/account-1', { body: { events: [ev('Opened', { owner: 'ann' }, { id })] } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ ...first.body, outcome: 'already_appended' });
    const conflict = await s.call('POST', '/v1/streams/account-1', { body: { events: [ev('Deposited')], expectedRevision: 5 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ code: 'wrong_expected_revision', expected: 5, actual: 0, streamId: 'account-1' });
    const noStream = await s.call('POST', '/v1/streams/account-1', {
      body: { events: [ev('X')], expectedRevision: 'no_stream' },
    });
    expect(noStream.body.error).toMatchObject({ code: 'wrong_expected_revision', expected: 'no_stream', actual: 0 });
    const exists = await s.call('POST', '/v1/streams/account-9', {
      body: { events: [ev('X')], expectedRevision: 'stream_exists' },
    });
    expect(exists.body.error).toMatchObject({ code: 'wrong_expected_revision', actual: 'no_stream' });
    const other = await s.call('POST', '/v1/streams/account-1', { body: { events: [ev('Opened', { owner: 'bob' }, { id })] } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    const ok = await s.call('POST', '/v1/streams/account-1', {
      body: { events: [ev('Deposited'), ev('Deposited')], expectedRevision: 0 },
    });
    expect(ok.body).toMatchObject({ firstRevision: 1, lastRevision: 2 });
  });

  it('rejects bad input with 400 and the right code, and changes nothing', async () => {
    const cases: Array<[string, Parameters<TestServer['call']>[2], string]> = [
      ['/v1/streams/%24system', { body: { events: [ev('X')] } }, 'invalid_stream_id'],
      [`/v1/streams/${'x'.repeat(300)}`, { body: { events: [ev('X')] } }, 'invalid_stream_id'],
      ['/v1/streams/a-1', { body: { events: [ev('X', {}, { id: 'not-a-uuid' })] } }, 'invalid_event'],
      ['/v1/streams/a-1', { body: { events: [{ data: 1 }] } }, 'invalid_event'],
      ['/v1/streams/a-1', { body: { events: [ev('')] } }, 'invalid_event'],
      ['/v1/streams/a-1', { body: { events: [] } }, 'invalid_request'],
      ['/v1/streams/a-1', { body: { events: [ev('X')], expectedRevision: -1 } }, 'invalid_request'],
      ['/v1/streams/a-1', { body: { events: [ev('X')], expectedRevision: 'sometimes' } }, 'invalid_request'],
      ['/v1/streams/a-1', { body: [1, 2] }, 'invalid_request'],
      ['/v1/streams/a-1', { raw: '{"events": [', headers: { 'content-type': 'application/json' } }, 'invalid_request'],
      ['/v1/streams/a-1', { raw: 'events=1', headers: { 'content-type': 'text/plain' } }, 'invalid_request'],
      ['/v1/streams/a-1', { body: { events: [ev('X', {}, { metadata: [1] })] } }, 'invalid_event'],
      ['/v1/streams/a-1', { body: { events: [ev('X', {}, { id: 'a' }), ev('Y')] } }, 'invalid_event'],
    ];
    for (const [path, options, code] of cases) {
      const r = await s.call('POST', path, options);
      expect({ path, status: r.status, code: r.body?.error?.code }).toEqual({ path, status: 400, code });
      expect(typeof r.body.error.message).toBe('string');
    }
    const dup = randomUUID();
    const twice = await s.call('POST', '/v1/streams/a-1', {
      body: { events: [ev('X', {}, { id: dup }), ev('X', {}, { id: dup })] },
    });
    expect(twice.body.error.code).toBe('invalid_event');
    expect((await s.store.stats()).events).toBe(0n);
  });

  it('commits transactions all or nothing and names the stream whose check failed', async () => {
    await s.client.append('order-1', [ev('Placed')]);
    const tx = await s.call('POST', '/v1/transactions', {
      body: {
        appends: [
          { streamId: 'order-1', events: [ev('Paid')], expectedRevision: 0 },
          { streamId: 'ledger-1', events: [ev('Credited'), ev('Debited')], expectedRevision: 'no_stream' },
        ],
        conditions: [{ streamId: 'customer-1', expectedRevision: 'no_stream' }],
      },
    });
    expect(tx.status).toBe(201);
    expect(tx.body.results.map((r: { streamId: string; lastRevision: number }) => [r.streamId, r.lastRevision])).toEqual([
      ['order-1', 1],
      ['ledger-1', 1],
    ]);
    const failed = await s.call('POST', '/v1/transactions', {
      body: {
        appends: [
          { streamId: 'audit-1', events: [ev('Noted')] },
          { streamId: 'order-1', events: [ev('Shipped')], expectedRevision: 0 },
        ],
      },
    });
    expect(failed.status).toBe(409);
    expect(failed.body.error).toMatchObject({ code: 'wrong_expected_revision', streamId: 'order-1', expected: 0, actual: 1 });
    expect((await s.call('GET', '/v1/streams/audit-1')).status).toBe(404);
    const cond = await s.call('POST', '/v1/transactions', {
      body: {
        appends: [{ streamId: 'audit-1', events: [ev('Noted')] }],
        conditions: [{ streamId: 'order-1', expectedRevision: 'no_stream' }],
      },
    });
    expect(cond.body.error).toMatchObject({ code: 'wrong_expected_revision', streamId: 'order-1' });
    const dupStream = await s.call('POST', '/v1/transactions', {
      body: {
        appends: [
          { streamId: 'a-1', events: [ev('X')] },
          { streamId: 'a-1', events: [ev('Y')] },
        ],
      },
    });
    expect(dupStream.body.error.code).toBe('invalid_request');
    expect((await s.call('POST', '/v1/transactions', { body: { appends: [] } })).status).toBe(400);
  });

  it('reads streams forward and backward in pages, 404 when missing', async () => {
    await s.client.append(
      'cart-7',
      Array.from({ length: 5 }, (_, i) => ev('Added', { i })),
    );
    const page = await s.call('GET', '/v1/streams/cart-7?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
    expect(page.body.next).toBe(2);
    expect(page.body.events[0]).toMatchObject({ streamId: 'cart-7', type: 'Added', data: { i: 0 }, metadata: {} });
    expect(Object.keys(page.body.events[0]).sort()).toEqual(
      ['data', 'id', 'metadata', 'position', 'recordedAt', 'revision', 'streamId', 'type'].sort(),
    );
    const back = await s.client.readStream('cart-7', { direction: 'backward', from: 3, limit: 10 });
    expect(back.events.map((e) => e.revision)).toEqual([3, 2, 1, 0]);
    expect(back.next).toBeNull();
    const missing = await s.call('GET', '/v1/streams/cart-8');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('stream_not_found');
    for (const q of ['limit=0', 'limit=abc', 'limit=5000', 'direction=up', 'from=-1', 'from=x']) {
      const r = await s.call('GET', `/v1/streams/cart-7?${q}`);
      expect({ q, status: r.status, code: r.body.error?.code }).toEqual({ q, status: 400, code: 'invalid_request' });
    }
    await s.client.append('a/b c%', [ev('Odd')]);
    expect((await s.client.readStream('a/b c%')).events[0]?.streamId).toBe('a/b c%');
  });

  it('lists streams by prefix with paging', async () => {
    for (const id of ['user-1', 'user-2', 'user-3', 'order-1']) await s.client.append(id, [ev('Created')]);
    const first = await s.client.listStreams({ prefix: 'user-', limit: 2 });
    expect(first.streams.map((x) => x.streamId)).toEqual(['user-1', 'user-2']);
    expect(first.streams[0]).toMatchObject({ lastRevision: 0 });
    expect(typeof first.streams[0]?.lastRecordedAt).toBe('string');
    const second = await s.client.listStreams({ prefix: 'user-', limit: 2, after: first.next ?? undefined });
    expect(second.streams.map((x) => x.streamId)).toEqual(['user-3']);
    expect(second.next).toBeNull();
    expect((await s.client.listStreams()).streams.length).toBe(4);
  });

  it('reads the global log with filters; next advances past unmatched events', async () => {
    await s.client.append('user-1', [ev('Created'), ev('Renamed')]);
    await s.client.append('order-1', [ev('Placed')]);
    await s.client.append('user-2', [ev('Created')]);
    const all = await s.client.readEvents({ limit: 10 });
    expect(all.events.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'user-1:Created',
      'user-1:Renamed',
      'order-1:Placed',
      'user-2:Created',
    ]);
    expect(all.atEnd).toBe(true);
    expect((await s.client.readEvents({ types: ['Created'] })).events.map((e) => e.streamId)).toEqual(['user-1', 'user-2']);
    expect((await s.client.readEvents({ categories: ['order'] })).events.map((e) => e.type)).toEqual(['Placed']);
    expect((await s.client.readEvents({ prefix: 'user-2' })).events).toHaveLength(1);
    const paged = await s.client.readEvents({ limit: 2 });
    const rest = await s.client.readEvents({ from: paged.next });
    expect([...paged.events, ...rest.events].map((e) => e.id)).toEqual(all.events.map((e) => e.id));
    const none = await s.client.readEvents({ types: ['Nothing'] });
    expect(none.events).toEqual([]);
    expect(none.next).toBe(all.next);
    expect((await s.call('GET', '/v1/events?from=abc')).body.error.code).toBe('invalid_request');
  });

  it('serves events by id, health, stats, consumers, metrics and the OpenAPI document', async () => {
    const out = await s.client.append('user-1', [ev('Created', { n: 1 })]);
    const id = (await s.client.readStream('user-1')).events[0]?.id as string;
    expect((await s.client.event(id)).position).toBe(out.position);
    expect((await s.call('GET', `/v1/events/${randomUUID()}`)).body.error.code).toBe('event_not_found');
    expect((await s.call('GET', '/v1/events/nope')).status).toBe(400);
    expect(await s.client.health()).toMatchObject({ status: 'ok', store: kind.name });
    const stats = await s.client.stats();
    expect(stats).toMatchObject({ events: 1, streams: 1, head: out.position, store: { kind: kind.name }, authRequired: false });
    expect(stats.rate.at(-1)?.events).toBe(1);
    await s.store.port.checkpoints?.write('projector', '0' as never);
    const consumers = await s.client.consumers();
    // The server's own related-events index keeps a checkpoint too (once it has saved one); it is listed beside.
    expect(consumers.filter((c) => c.name !== RELATED_CHECKPOINT)).toEqual([
      expect.objectContaining({ name: 'projector', position: '0', lag: 1 }),
    ]);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toContain('logbook_appends_total{outcome="ok"} 1');
    expect(metrics).toContain('logbook_consumer_lag_events{consumer="projector"} 1');
    expect(metrics).toContain('logbook_append_duration_seconds_bucket');
    const doc = (await s.call('GET', '/v1/openapi.json')).body;
    for (const path of [
      '/v1/streams/{streamId}',
      '/v1/transactions',
      '/v1/subscribe',
      '/v1/stats',
      '/v1/events/{id}/related',
      '/metrics',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect((await s.call('GET', '/v1/nowhere')).status).toBe(404);
  });

  it('echoes the request id on every kind of response: JSON, errors, SSE', async () => {
    const headers = { 'x-request-id': 'req-echo-1', 'content-type': 'application/json' };
    const body = JSON.stringify({ events: [ev('Created')] });
    const appended = await fetch(`${s.url}/v1/streams/echo-1`, { method: 'POST', headers, body });
    expect(appended.status).toBe(201);
    expect(appended.headers.get('x-request-id')).toBe('req-echo-1');
    const conflict = await fetch(`${s.url}/v1/streams/echo-1`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: [ev('Created')], expectedRevision: 'no_stream' }),
    });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('x-request-id')).toBe('req-echo-1');
    const missing = await fetch(`${s.url}/v1/nowhere`, { headers });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('req-echo-1');
    const controller = new AbortController();
    const sse = await fetch(`${s.url}/v1/subscribe?from=end`, { headers, signal: controller.signal });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    expect(sse.headers.get('x-request-id')).toBe('req-echo-1');
    controller.abort();
    const fresh = await fetch(`${s.url}/v1/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('handles numbers beyond 64 bits without a 500', async () => {
    await s.client.append('big-1', [ev('X')]);
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/v1/streams/big-1', { events: [ev('X')], expectedRevision: 1e300 }],
      ['POST', '/v1/streams/big-1', { events: [ev('X')], expectedRevision: 2 ** 63 }],
      [
        'POST',
        '/v1/transactions',
        { appends: [{ streamId: 'big-1', events: [ev('X')] }], conditions: [{ streamId: 'big-2', expectedRevision: 2 ** 64 }] },
      ],
      ['GET', '/v1/streams/big-1?from=9999999999999999999', undefined],
      ['GET', '/v1/streams/big-1?from=9223372036854775807&direction=backward', undefined],
      ['GET', '/v1/streams/big-1/states?from=9999999999999999999', undefined],
      ['GET', `/v1/events?from=${'9'.repeat(30)}`, undefined],
      ['GET', `/v1/events?from=${'9'.repeat(25)}.${'9'.repeat(25)}`, undefined],
      ['GET', `/v1/subscribe?from=${'9'.repeat(30)}`, undefined],
    ];
    for (const [method, path, body] of cases) {
      const r = path.startsWith('/v1/subscribe')
        ? await fetch(`${s.url}${path}`).then(async (res) => {
            await res.body?.cancel();
            return { status: res.status };
          })
        : await s.call(method, path, { body });
      expect({ path, body, server: r.status >= 500 }).toEqual({ path, body, server: false });
    }
  });

  it('answers 503 store_unavailable once the store is gone, never 500', async () => {
    await s.store.port.close();
    const health = await s.call('GET', '/v1/health');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('unavailable');
    const append = await s.call('POST', '/v1/streams/a-1', { body: { events: [ev('X')] } });
    expect(append.status).toBe(503);
    expect(['store_unavailable', 'store_closed']).toContain(append.body.error.code);
  });
});
