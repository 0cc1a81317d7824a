// Zod schemas of the HTTP API v1: request validation and the OpenAPI document come from these same definitions.
import { z } from '@hono/zod-openapi';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Text a store can hold and a stream id could contain: no control characters (PostgreSQL refuses NUL outright). */
const text = () => z.string().refine((v) => !CONTROL.test(v), 'must not contain control characters');

const Json = z.any().openapi({ description: 'any JSON value' });
const JsonObject = z.record(z.string(), z.any()).openapi({ type: 'object', description: 'a JSON object' });

export const StreamIdParam = z.object({
  streamId: z
    .string()
    .openapi({ param: { name: 'streamId', in: 'path' }, description: 'percent-encoded stream id', example: 'account-42' }),
});

export const EventIdParam = z.object({
  id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'event id (UUID)' }),
});

export const ExpectedRevision = z
  .union([z.enum(['any', 'no_stream', 'stream_exists']), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)])
  .openapi('ExpectedRevision', { description: '"any" (default), "no_stream", "stream_exists" or the last revision' });

export const EventInput = z
  .object({
    id: z.string().optional().openapi({ description: 'UUID; makes the append idempotent', format: 'uuid' }),
    type: text().openapi({ example: 'Deposited' }),
    data: Json,
    metadata: JsonObject.optional(),
  })
  .openapi('EventInput');

export const AppendBody = z
  .object({
    events: z.array(EventInput).min(1),
    expectedRevision: ExpectedRevision.optional(),
  })
  .openapi('AppendRequest');

export const TransactionBody = z
  .object({
    appends: z
      .array(
        z.object({ streamId: z.string(), events: z.array(EventInput).min(1), expectedRevision: ExpectedRevision.optional() }),
      )
      .min(1),
    conditions: z.array(z.object({ streamId: z.string(), expectedRevision: ExpectedRevision })).optional(),
  })
  .openapi('TransactionRequest');

export const RecordedEvent = z
  .object({
    id: z.string(),
    streamId: z.string(),
    revision: z.number().int(),
    position: z.string().openapi({ description: 'global log position, opaque and ordered' }),
    type: z.string(),
    data: Json,
    metadata: JsonObject,
    recordedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('RecordedEvent');

export const AppendResult = z
  .object({
    streamId: z.string(),
    firstRevision: z.number().int(),
    lastRevision: z.number().int(),
    position: z.string(),
    outcome: z.enum(['appended', 'already_appended']),
  })
  .openapi('AppendResult');

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }).catchall(z.any()),
  })
  .openapi('Error');

const int = (min: number, max?: number) => {
  const n = z.coerce.number().int().min(min);
  return max === undefined ? n : n.max(max);
};
/** A revision in a query string: a non-negative integer that fits the stores' 64-bit columns. */
const revisionParam = z
  .string()
  .regex(/^\d{1,19}$/, 'a revision is a non-negative integer')
  .refine((v) => BigInt(v) <= 9223372036854775807n, 'a revision must fit in 64 bits');
const csv = text().optional().openapi({ description: 'comma-separated list' });

export const ReadStreamQuery = z.object({
  from: revisionParam.optional().openapi({ description: 'inclusive start revision' }),
  direction: z.enum(['forward', 'backward']).optional(),
  limit: int(1, 1000).optional().openapi({ description: '1-1000, default 100' }),
});

export const StreamPage = z.object({ events: z.array(RecordedEvent), next: z.number().int().nullable() }).openapi('StreamPage');

export const ListStreamsQuery = z.object({
  prefix: text().optional(),
  after: text().optional().openapi({ description: 'exclusive: stream ids after this one' }),
  limit: int(1, 1000).optional(),
});

export const StreamList = z
  .object({
    streams: z.array(z.object({ streamId: z.string(), lastRevision: z.number().int(), lastRecordedAt: z.string() })),
    next: z.string().nullable(),
  })
  .openapi('StreamList');

export const ReadEventsQuery = z.object({
  from: z.string().optional().openapi({ description: 'exclusive position; default the start' }),
  limit: int(1, 1000).optional(),
  types: csv,
  categories: csv,
  prefix: text().optional(),
});

export const LogPage = z.object({ events: z.array(RecordedEvent), next: z.string(), atEnd: z.boolean() }).openapi('LogPage');

export const SubscribeQuery = z.object({
  from: z.string().optional().openapi({ description: 'start (default), end, or a position (exclusive)' }),
  stream: text().optional(),
  types: csv,
  categories: csv,
  prefix: text().optional(),
});

export const RelatedBody = z
  .object({
    event: RecordedEvent,
    causedBy: z.array(RecordedEvent),
    caused: z.array(RecordedEvent),
    correlated: z.array(RecordedEvent),
    correlationId: z.string().nullable(),
    truncated: z.boolean(),
  })
  .openapi('RelatedEvents');

export const StatesQuery = z.object({
  from: revisionParam.optional().openapi({ description: 'first revision of the page' }),
  limit: int(1, 1000).optional(),
  at: z.string().optional().openapi({ description: 'ISO-8601 time: the state as of then', format: 'date-time' }),
});

export const StatesBody = z
  .object({
    streamId: z.string(),
    view: z.string().nullable(),
    lastRevision: z.number().int(),
    items: z.array(z.object({ event: RecordedEvent, state: Json.optional() })),
    next: z.number().int().nullable(),
    at: z.object({ time: z.string(), revision: z.number().int().nullable(), state: Json.optional() }).optional(),
  })
  .openapi('StreamStates');

export const StatsBody = z
  .object({
    events: z.number(),
    streams: z.number(),
    head: z.string(),
    store: z.object({ kind: z.string(), version: z.string() }),
    server: z.object({ version: z.string(), startedAt: z.string(), uptimeSeconds: z.number() }),
    rate: z.array(z.object({ at: z.string(), events: z.number(), appends: z.number() })),
    openSubscriptions: z.number(),
    authRequired: z.boolean(),
  })
  .openapi('Stats');

export const ConsumersBody = z
  .object({
    consumers: z.array(z.object({ name: z.string(), position: z.string(), updatedAt: z.string(), lag: z.number().nullable() })),
  })
  .openapi('Consumers');

export const HealthBody = z
  .object({ status: z.enum(['ok', 'unavailable']), store: z.string(), version: z.string(), uptimeSeconds: z.number() })
  .openapi('Health');
