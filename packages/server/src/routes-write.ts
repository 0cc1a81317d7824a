// Write endpoints: append to one stream, and multi-stream transactions.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type EventToAppend, type ExpectedRevision, LogbookError, eventBytes, isLogbookError } from '@logbook/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { assertRead, assertWrite } from './auth.js';
import type { Env, ServerState } from './context.js';
import { tooLarge } from './errors.js';
import { errorResponses } from './openapi.js';
import { AppendBody, AppendResult, StreamIdParam, TransactionBody } from './schemas.js';
import { resultJson } from './wire.js';

const revision = (r: 'any' | 'no_stream' | 'stream_exists' | number | undefined): ExpectedRevision =>
  r === undefined ? 'any' : typeof r === 'number' ? BigInt(r) : r;

const appendRoute = createRoute({
  method: 'post',
  path: '/v1/streams/{streamId}',
  tags: ['streams'],
  summary: 'Append events to a stream',
  request: { params: StreamIdParam, body: { content: { 'application/json': { schema: AppendBody } }, required: true } },
  responses: {
    201: { description: 'appended', content: { 'application/json': { schema: AppendResult } } },
    200: { description: 'already appended (idempotent retry)', content: { 'application/json': { schema: AppendResult } } },
    ...errorResponses(400, 401, 403, 409, 413, 503),
  },
});

const transactionRoute = createRoute({
  method: 'post',
  path: '/v1/transactions',
  tags: ['streams'],
  summary: 'Append to several streams atomically (all or nothing), with optional check-only conditions',
  request: { body: { content: { 'application/json': { schema: TransactionBody } }, required: true } },
  responses: {
    201: {
      description: 'appended',
      content: { 'application/json': { schema: TransactionBody.pick({}).extend({ results: AppendResult.array() }) } },
    },
    200: {
      description: 'every write was already appended',
      content: { 'application/json': { schema: TransactionBody.pick({}).extend({ results: AppendResult.array() }) } },
    },
    ...errorResponses(400, 401, 403, 409, 413, 503),
  },
});

const MAX_DEPTH = 64;

/** Depth of a JSON value, measured without recursion so hostile input cannot exhaust the stack. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

export function registerWriteRoutes(app: OpenAPIHono<Env>, s: ServerState): void {
  const limit = bodyLimit({
    maxSize: s.limits.maxBodyBytes,
    onError: (c) => tooLargeResponse(c),
  });
  // With a Content-Length (and no Transfer-Encoding) the header alone decides, as in hono's bodyLimit, but without
  // touching `c.req.raw.body`: that would build a full WHATWG Request and web stream for every request.
  const fastLimit: typeof limit = async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return limit(c, next);
    return Number.parseInt(length || '0', 10) > s.limits.maxBodyBytes ? tooLargeResponse(c) : next();
  };
  const tooLargeResponse = (c: Context<Env>) => {
    const { status, body } = tooLarge(s.limits.maxBodyBytes);
    return c.json(body, status as 413);
  };
  app.use('/v1/streams/:streamId', async (c, next) => (c.req.method === 'POST' ? fastLimit(c, next) : next()));
  app.use('/v1/transactions', fastLimit);

  const checkLimits = (events: EventToAppend[][]) => {
    for (const list of events) {
      for (const e of list) {
        if (nestingDepth(e) > MAX_DEPTH) {
          throw new LogbookError('invalid_event', `event JSON is nested deeper than ${MAX_DEPTH} levels`, { type: e.type });
        }
      }
    }
    const count = events.reduce((n, list) => n + list.length, 0);
    if (count > s.limits.maxEventsPerRequest) {
      throw new LogbookError(
        'payload_too_large',
        `${count} events in one request, over the limit of ${s.limits.maxEventsPerRequest}`,
        {
          count,
          limit: s.limits.maxEventsPerRequest,
        },
      );
    }
    for (const list of events) {
      for (const e of list) {
        const bytes = eventBytes({ type: e.type, data: e.data ?? null, metadata: e.metadata ?? {} });
        if (bytes > s.limits.maxEventBytes) {
          throw new LogbookError('payload_too_large', `event is ${bytes} bytes, over the limit of ${s.limits.maxEventBytes}`, {
            type: e.type,
            bytes,
            limit: s.limits.maxEventBytes,
          });
        }
      }
    }
  };

  // Every write goes through here: shutdown waits for it, metrics see it.
  const write = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (s.shutdown.signal.aborted) throw new LogbookError('store_unavailable', 'the server is shutting down');
    const end = s.metrics.appendSeconds.startTimer();
    try {
      const out = await s.inflight.run(fn);
      s.metrics.appends.inc({ outcome: 'ok' });
      return out;
    } catch (e) {
      if (isLogbookError(e) && ['wrong_expected_revision', 'unique_violation', 'idempotency_conflict'].includes(e.code)) {
        s.metrics.conflicts.inc({ code: e.code });
        s.metrics.appends.inc({ outcome: 'conflict' });
      } else s.metrics.appends.inc({ outcome: 'error' });
      throw e;
    } finally {
      end();
    }
  };

  const recordAppended = (n: number) => {
    s.metrics.events.inc(n);
    s.rate.record(n);
  };

  app.openapi(appendRoute, async (c) => {
    const { streamId } = c.req.valid('param');
    const body = c.req.valid('json');
    assertWrite(c.get('principal'), streamId);
    const events = body.events as EventToAppend[];
    checkLimits([events]);
    const out = await write(() => s.store.append(streamId, events, { expectedRevision: revision(body.expectedRevision) }));
    if (out.outcome === 'appended') recordAppended(out.events.length);
    const json = resultJson(out);
    return out.outcome === 'appended' ? c.json(json, 201) : c.json(json, 200);
  });

  app.openapi(transactionRoute, async (c) => {
    const body = c.req.valid('json');
    const principal = c.get('principal');
    for (const a of body.appends) assertWrite(principal, a.streamId);
    for (const cond of body.conditions ?? []) assertRead(principal, cond.streamId);
    checkLimits(body.appends.map((a) => a.events as EventToAppend[]));
    const out = await write(() =>
      s.store.appendMultiple({
        appends: body.appends.map((a) => ({
          streamId: a.streamId,
          events: a.events as EventToAppend[],
          expectedRevision: revision(a.expectedRevision),
        })),
        conditions: (body.conditions ?? []).map((cond) => ({
          streamId: cond.streamId,
          expectedRevision: revision(cond.expectedRevision),
        })),
      }),
    );
    const appended = out.results.some((r) => r.outcome === 'appended');
    if (appended) recordAppended(out.recorded.length);
    const json = { results: out.results.map(resultJson) };
    return appended ? c.json(json, 201) : c.json(json, 200);
  });
}
