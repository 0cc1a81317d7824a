// Read endpoints: stream pages, stream list, the global log, events by id, related events and time travel.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type LogFilter, LogbookError, type RecordedEvent, isUuid } from '@logbook/core';
import { assertRead, canRead, type Principal, readsAllUnder } from './auth.js';
import type { Env, ServerState } from './context.js';
import { ApiError } from './errors.js';
import { errorResponses } from './openapi.js';
import { findRelated, indexReached } from './related.js';
import {
  EventIdParam,
  ListStreamsQuery,
  LogPage,
  ReadEventsQuery,
  ReadStreamQuery,
  RecordedEvent as RecordedEventSchema,
  RelatedBody,
  StatesBody,
  StatesQuery,
  StreamIdParam,
  StreamList,
  StreamPage,
} from './schemas.js';
import { streamStates } from './states.js';
import { apiPosition, eventJson, splitCsv } from './wire.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const routes = {
  readStream: createRoute({
    method: 'get',
    path: '/v1/streams/{streamId}',
    tags: ['streams'],
    summary: 'Read one page of a stream',
    request: { params: StreamIdParam, query: ReadStreamQuery },
    responses: { 200: { description: 'a page', ...json(StreamPage) }, ...errorResponses(400, 401, 403, 404, 503) },
  }),
  listStreams: createRoute({
    method: 'get',
    path: '/v1/streams',
    tags: ['streams'],
    summary: 'List streams (ordered by the UTF-8 bytes of their ids)',
    request: { query: ListStreamsQuery },
    responses: { 200: { description: 'a page', ...json(StreamList) }, ...errorResponses(400, 401, 503) },
  }),
  readEvents: createRoute({
    method: 'get',
    path: '/v1/events',
    tags: ['log'],
    summary: 'Read one page of the global log strictly after a position',
    request: { query: ReadEventsQuery },
    responses: { 200: { description: 'a page', ...json(LogPage) }, ...errorResponses(400, 401, 503) },
  }),
  event: createRoute({
    method: 'get',
    path: '/v1/events/{id}',
    tags: ['log'],
    summary: 'One event by id',
    request: { params: EventIdParam },
    responses: { 200: { description: 'the event', ...json(RecordedEventSchema) }, ...errorResponses(400, 401, 403, 404, 503) },
  }),
  related: createRoute({
    method: 'get',
    path: '/v1/events/{id}/related',
    tags: ['log'],
    summary: 'Causation chain, caused events and correlated events of an event (indexed)',
    request: { params: EventIdParam },
    responses: { 200: { description: 'related events', ...json(RelatedBody) }, ...errorResponses(400, 401, 403, 404, 503) },
  }),
  states: createRoute({
    method: 'get',
    path: '/v1/streams/{streamId}/states',
    tags: ['streams'],
    summary: "Time travel: the state after each event, by the view registered for the stream's category",
    request: { params: StreamIdParam, query: StatesQuery },
    responses: { 200: { description: 'states', ...json(StatesBody) }, ...errorResponses(400, 401, 403, 404, 503) },
  }),
};

/** The store filter plus a final check, narrowed to what the token may read. */
export function readableFilter(p: Principal, filter: LogFilter): { filter: LogFilter; visible: (e: RecordedEvent) => boolean } {
  if (readsAllUnder(p, filter.streamIdPrefix)) return { filter, visible: () => true };
  const narrower = (p.read ?? []).filter((r) => r.startsWith(filter.streamIdPrefix ?? ''));
  // One readable prefix inside the requested range: let the store filter by it instead of scanning everything.
  const f = narrower.length === 1 ? { ...filter, streamIdPrefix: narrower[0] } : filter;
  return { filter: f, visible: (e) => canRead(p, e.streamId) };
}

export function registerReadRoutes(app: OpenAPIHono<Env>, s: ServerState): void {
  const store = s.store;

  app.openapi(routes.readStream, async (c) => {
    const { streamId } = c.req.valid('param');
    const q = c.req.valid('query');
    assertRead(c.get('principal'), streamId);
    const page = await store.readStreamPage(streamId, {
      from: q.from === undefined ? undefined : BigInt(q.from),
      direction: q.direction,
      limit: q.limit ?? 100,
    });
    return c.json({ events: page.events.map(eventJson), next: page.next === null ? null : Number(page.next) }, 200);
  });

  app.openapi(routes.listStreams, async (c) => {
    const q = c.req.valid('query');
    const p = c.get('principal');
    const limit = q.limit ?? 100;
    if (readsAllUnder(p, q.prefix)) {
      const page = await store.listStreams({ prefix: q.prefix, after: q.after, limit });
      return c.json({ streams: page.streams.map(summaryJson), next: page.next }, 200);
    }
    // Filter page by page; stop after a few pages and hand back a cursor so one request stays cheap.
    const streams = [];
    let after = q.after;
    let next: string | null = null;
    for (let round = 0; ; round++) {
      const page = await store.listStreams({ prefix: q.prefix, after, limit });
      let used = 0;
      for (const st of page.streams) {
        used++;
        after = st.streamId;
        if (canRead(p, st.streamId)) streams.push(summaryJson(st));
        if (streams.length >= limit) break;
      }
      if (used === page.streams.length && page.next === null) break;
      if (streams.length >= limit || round >= 9) {
        next = after ?? null;
        break;
      }
    }
    return c.json({ streams, next }, 200);
  });

  app.openapi(routes.readEvents, async (c) => {
    const q = c.req.valid('query');
    const from = q.from === undefined || q.from === 'start' ? undefined : apiPosition(q.from, 'from');
    const { filter, visible } = readableFilter(c.get('principal'), {
      types: splitCsv(q.types),
      categories: splitCsv(q.categories),
      streamIdPrefix: q.prefix,
    });
    const page = await store.readAll({ from, limit: q.limit ?? 100, filter });
    return c.json({ events: page.events.filter(visible).map(eventJson), next: page.next, atEnd: page.atEnd }, 200);
  });

  const eventById = async (id: string, p: Principal) => {
    if (!isUuid(id)) throw new LogbookError('invalid_request', 'an event id is a UUID', { eventId: id });
    const e = await store.readEventById(id.toLowerCase());
    if (!e) throw new ApiError(404, 'event_not_found', `event ${id} does not exist`, { eventId: id });
    assertRead(p, e.streamId);
    return e;
  };

  app.openapi(routes.event, async (c) => c.json(eventJson(await eventById(c.req.valid('param').id, c.get('principal'))), 200));

  app.openapi(routes.related, async (c) => {
    const p = c.get('principal');
    const e = await eventById(c.req.valid('param').id, p);
    // The index is eventually consistent: give it a moment to reach this event so a fresh append is linked.
    await indexReached(s.related, e.position);
    const r = await findRelated(store, e, (x) => canRead(p, x.streamId));
    return c.json(
      {
        event: eventJson(r.event),
        causedBy: r.causedBy.map(eventJson),
        caused: r.caused.map(eventJson),
        correlated: r.correlated.map(eventJson),
        correlationId: r.correlationId,
        truncated: r.truncated,
      },
      200,
    );
  });

  app.openapi(routes.states, async (c) => {
    const { streamId } = c.req.valid('param');
    const q = c.req.valid('query');
    assertRead(c.get('principal'), streamId);
    const page = await streamStates(
      store,
      s.views,
      streamId,
      {
        from: q.from === undefined ? undefined : BigInt(q.from),
        limit: q.limit ?? 100,
        at: q.at,
      },
      s.stateCheckpoints,
    );
    return c.json(page as never, 200);
  });
}

const summaryJson = (st: { streamId: string; lastRevision: bigint; lastRecordedAt: string }) => ({
  streamId: st.streamId,
  lastRevision: Number(st.lastRevision),
  lastRecordedAt: st.lastRecordedAt,
});
