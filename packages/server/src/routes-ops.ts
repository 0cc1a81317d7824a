// Operational endpoints: the SSE subscription, health, stats, consumers and Prometheus metrics.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { LogbookError, type Position, streamIdProblem } from '@logbook/core';
import { assertRead } from './auth.js';
import type { Env, ServerState } from './context.js';
import { SERVER_VERSION } from './context.js';
import { consumerLags } from './metrics.js';
import { errorResponses } from './openapi.js';
import { readableFilter } from './routes-read.js';
import { ConsumersBody, HealthBody, StatsBody, SubscribeQuery } from './schemas.js';
import { sseStream } from './sse.js';
import { apiPosition, splitCsv } from './wire.js';

const routes = {
  subscribe: createRoute({
    method: 'get',
    path: '/v1/subscribe',
    tags: ['log'],
    summary: 'Follow the global log (or one stream) as Server-Sent Events; reconnect with Last-Event-ID to resume',
    request: { query: SubscribeQuery },
    responses: {
      200: {
        description: 'text/event-stream: `id: <position>`, `event: <type>`, `data: <recorded event JSON>`',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
      ...errorResponses(400, 401, 403, 503),
    },
  }),
  health: createRoute({
    method: 'get',
    path: '/v1/health',
    tags: ['operations'],
    summary: 'Health: 200 when the store answers, 503 otherwise',
    responses: {
      200: { description: 'healthy', content: { 'application/json': { schema: HealthBody } } },
      503: { description: 'store unreachable', content: { 'application/json': { schema: HealthBody } } },
    },
  }),
  stats: createRoute({
    method: 'get',
    path: '/v1/stats',
    tags: ['operations'],
    summary: 'Event and stream counts, head position, store kind, append rate per 10 s over 15 minutes',
    responses: {
      200: { description: 'stats', content: { 'application/json': { schema: StatsBody } } },
      ...errorResponses(401, 503),
    },
  }),
  consumers: createRoute({
    method: 'get',
    path: '/v1/consumers',
    tags: ['operations'],
    summary: 'Consumer checkpoints with their lag in events',
    responses: {
      200: { description: 'consumers', content: { 'application/json': { schema: ConsumersBody } } },
      ...errorResponses(401, 503),
    },
  }),
};

export function registerOpsRoutes(app: OpenAPIHono<Env>, s: ServerState): void {
  app.openapi(routes.subscribe, async (c) => {
    const q = c.req.valid('query');
    const p = c.get('principal');
    const lastId = c.req.header('last-event-id')?.trim();
    let from: 'start' | 'end' | Position;
    if (lastId) from = apiPosition(lastId, 'Last-Event-ID');
    else if (q.from === undefined || q.from === 'start' || q.from === 'end') from = q.from ?? 'start';
    else from = apiPosition(q.from, 'from (start, end or a position)');
    if (q.stream !== undefined) {
      const problem = streamIdProblem(q.stream, { allowSystem: true });
      if (problem) throw new LogbookError('invalid_stream_id', problem, { streamId: q.stream });
      assertRead(p, q.stream);
    }
    if (p.read !== undefined && p.read.length === 0)
      throw new LogbookError('forbidden', `token ${p.name} may not read any stream`);
    const prefix = q.stream ?? q.prefix;
    const { filter, visible } = readableFilter(p, {
      types: splitCsv(q.types),
      categories: splitCsv(q.categories),
      streamIdPrefix: prefix,
    });
    const match = (e: { streamId: string }) =>
      (q.stream === undefined || e.streamId === q.stream) &&
      (q.prefix === undefined || e.streamId.startsWith(q.prefix)) &&
      visible(e as never);
    const body = sseStream({
      store: s.store,
      from,
      filter,
      match,
      ...s.sse,
      shutdown: s.shutdown.signal,
      cutConnection: () => (c.env as { outgoing?: { destroy(): void } } | undefined)?.outgoing?.destroy(),
      onOpen: () => {
        s.openSubscriptions++;
        s.metrics.subscriptions.inc();
      },
      onClose: (reason) => {
        s.openSubscriptions--;
        s.metrics.subscriptions.dec();
        c.get('log')()?.debug({ reason }, 'subscription closed');
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      },
    }) as never;
  });

  app.openapi(routes.health, async (c) => {
    const body = {
      store: s.store.kind,
      version: SERVER_VERSION,
      uptimeSeconds: Math.round((Date.now() - s.startedAt.getTime()) / 1000),
    };
    try {
      await s.store.port.ping();
      return c.json({ status: 'ok' as const, ...body }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const, ...body }, 503);
    }
  });

  app.openapi(routes.stats, async (c) => {
    const st = await s.store.stats();
    return c.json(
      {
        events: Number(st.events),
        streams: Number(st.streams),
        head: st.head as string,
        store: { kind: s.store.kind, version: s.storeVersion },
        server: {
          version: SERVER_VERSION,
          startedAt: s.startedAt.toISOString(),
          uptimeSeconds: Math.round((Date.now() - s.startedAt.getTime()) / 1000),
        },
        rate: s.rate.samples(),
        openSubscriptions: s.openSubscriptions,
        authRequired: s.auth.required,
      },
      200,
    );
  });

  app.openapi(routes.consumers, async (c) => c.json({ consumers: await consumerLags(s.store) }, 200));

  app.get('/metrics', async (c) => {
    const text = await s.metrics.registry.metrics();
    return c.text(text, 200, { 'content-type': s.metrics.registry.contentType });
  });
}
