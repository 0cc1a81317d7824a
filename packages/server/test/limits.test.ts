// Limits and hostile input (on every store): oversized and malformed bodies get 400/413, never a 500 or a crash.
import { MemoryStore } from '@logbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

afterAll(removeTempDirs);
import { STORES, type TestServer, ev, removeTempDirs, startTestServer } from './helpers.js';

describe('limits and malformed input', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(new MemoryStore(), {
      limits: { maxBodyBytes: 64 * 1024, maxEventsPerRequest: 5, maxEventBytes: 2000 },
    });
  });
  afterAll(() => s.close());

  it('answers 413 payload_too_large for a large body, too many events or a large event', async () => {
    const before = (await s.store.stats()).events;
    const huge = await s.call('POST', '/v1/streams/a-1', { body: { events: [ev('X', 'y'.repeat(100_000))] } });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'payload_too_large', limit: 64 * 1024 });
    const many = await s.call('POST', '/v1/streams/a-1', { body: { events: Array.from({ length: 6 }, () => ev('X')) } });
    expect(many.status).toBe(413);
    expect(many.body.error.code).toBe('payload_too_large');
    const big = await s.call('POST', '/v1/streams/a-1', { body: { events: [ev('X', 'z'.repeat(3000))] } });
    expect(big.status).toBe(413);
    const tx = await s.call('POST', '/v1/transactions', {
      body: {
        appends: [
          { streamId: 'a-1', events: [ev('X'), ev('X'), ev('X')] },
          { streamId: 'b-1', events: [ev('X'), ev('X'), ev('X')] },
        ],
      },
    });
    expect(tx.status).toBe(413);
    // A chunked body without Content-Length is counted as it streams in.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        c.close();
      },
    });
    const chunked = await fetch(`${s.url}/v1/streams/a-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await s.store.stats()).events).toBe(before);
  });
});

describe.each(STORES)('hostile input on $name', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(await kind.create(), {
      limits: { maxBodyBytes: 64 * 1024, maxEventsPerRequest: 5, maxEventBytes: 2000 },
    });
  });
  afterAll(() => s.close());

  it('never answers 500 to hostile input', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const deepData = `{"events":[{"type":"X","data":${'['.repeat(5000)}${']'.repeat(5000)}}]}`;
    const bodies = [
      '',
      'null',
      '"text"',
      '[]',
      '{}',
      deep,
      deepData,
      '{"events":"no"}',
      '{"events":[null]}',
      '{"events":[{"type":5,"data":1}]}',
      '{"events":[{"type":"X","data":1,"id":5}]}',
      '{"events":[{"type":"X","data":1,"metadata":"m"}]}',
      '{"events":[{"type":"X","data":1}],"expectedRevision":1e300}',
      '{"events":[{"type":"X","data":1}],"expectedRevision":1.5}',
      '{"events":[{"type":"\\ud800","data":1}]}',
      '{"events":[{"type":"X","data":"\\ud800"}]}',
      '{"__proto__":{"polluted":1},"events":[{"type":"X","data":1}]}',
      '\u0000\u0001binary',
      '{"events":[{"type":"X","data":"nul \\u0000 inside"}]}',
      '{"events":[{"type":"X","data":{"k\\u0000":1}}]}',
      '{"events":[{"type":"X\\u0000Y","data":1}]}',
      '{"events":[{"type":"X","data":1,"metadata":{"m":"\\u0000"}}]}',
    ];
    for (const raw of bodies) {
      for (const path of ['/v1/streams/a-1', '/v1/transactions']) {
        const r = await s.call('POST', path, { raw, headers: { 'content-type': 'application/json' } });
        expect({ raw: raw.slice(0, 40), path, server: r.status >= 500 }).toEqual({ raw: raw.slice(0, 40), path, server: false });
        if (r.status >= 400) expect(typeof r.body.error?.code).toBe('string');
      }
    }
    const paths = [
      '/v1/streams/%FF%FE',
      '/v1/streams/%ED%A0%80',
      '/v1/streams/a%00b',
      `/v1/streams/a-1?from=${'9'.repeat(40)}`,
      '/v1/streams/a-1?limit=1&limit=2',
      `/v1/streams?prefix=${'p'.repeat(5000)}`,
      '/v1/events?from=1.2.3',
      `/v1/events?types=${',,,'.repeat(100)}`,
      '/v1/streams/a-1/states?at=not-a-date',
      '/v1/streams/a-1/states?from=-5',
      '/v1/events/%25',
      '/v1/streams?prefix=a%00b',
      '/v1/streams?after=%00',
      '/v1/events?prefix=%00&types=%00&categories=%00',
      '/v1/events?types=%ED%A0%80',
      '/v1/streams?prefix=%ED%A0%80',
    ];
    for (const path of paths) {
      const r = await s.call('GET', path);
      expect({ path, server: r.status >= 500 }).toEqual({ path, server: false });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await s.call('GET', '/v1/health')).status).toBe(200);
  });
});
