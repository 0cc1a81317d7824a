// Client pieces that need no server: URL building, error decoding, position order, network failures.
import { describe, expect, it } from 'vitest';
import { LogbookClient, LogbookHttpError, comparePositions } from '../src/index.js';

describe('client', () => {
  it('builds URLs with encoded stream ids and comma-joined lists, skipping empty values', () => {
    const c = new LogbookClient({ baseUrl: 'http://h:1/' });
    expect(c.url('/v1/events', { types: ['A', 'B'], categories: [], prefix: undefined, limit: 5 })).toBe(
      'http://h:1/v1/events?types=A%2CB&limit=5',
    );
    expect(new LogbookClient({ baseUrl: '' }).url('/v1/stats')).toBe('/v1/stats');
  });

  it('sends the token and correlation id, percent-encodes stream ids and decodes API errors', async () => {
    const seen: Array<{ url: string; headers: Record<string, string> }> = [];
    const fetch = (async (url: string, init?: RequestInit) => {
      seen.push({ url, headers: init?.headers as Record<string, string> });
      const body = { error: { code: 'wrong_expected_revision', message: 'nope', expected: 1, actual: 2 } };
      return new Response(JSON.stringify(body), { status: 409 });
    }) as typeof globalThis.fetch;
    const c = new LogbookClient({ baseUrl: 'http://h', token: 't0k3n', correlationId: 'c-1', fetch });
    const error = await c.append('a/b c', [{ type: 'X', data: 1 }], { expectedRevision: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(LogbookHttpError);
    expect(error).toMatchObject({ status: 409, code: 'wrong_expected_revision', details: { expected: 1, actual: 2 } });
    expect(seen[0]?.url).toBe('http://h/v1/streams/a%2Fb%20c');
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer t0k3n', 'x-correlation-id': 'c-1' });
  });

  it('reports an unreachable server as network_error and a non-JSON error body by status', async () => {
    const down = new LogbookClient({ baseUrl: 'http://127.0.0.1:9' });
    await expect(down.stats()).rejects.toMatchObject({ status: 0, code: 'network_error' });
    const proxy = new LogbookClient({
      baseUrl: 'http://h',
      fetch: (async () => new Response('<html>bad gateway</html>', { status: 502 })) as typeof globalThis.fetch,
    });
    await expect(proxy.stats()).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('orders positions numerically, part by part', () => {
    expect(comparePositions('9', '10')).toBe(-1);
    expect(comparePositions('10.2', '10.10')).toBe(-1);
    expect(comparePositions('11', '10.99')).toBe(1);
    expect(comparePositions('7', '7')).toBe(0);
  });
});
