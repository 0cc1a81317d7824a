// Input validation done once in core, before any store sees an append: ids, JSON-ness, sizes.
import { randomUUID } from 'node:crypto';
import { LogbookError } from './errors.js';
import type { EventToAppend, ExpectedRevision, ProposedEvent } from './event.js';
import type { JsonObject, JsonValue } from './json.js';

export interface Limits {
  /** Largest serialized event (type + data + metadata), in bytes. Default 1 MiB. */
  maxEventBytes: number;
  /** Most events in one append call. Default 10,000. */
  maxEventsPerAppend: number;
  /** Largest serialized append (all events), in bytes. Default 16 MiB. */
  maxAppendBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxEventBytes: 1024 * 1024,
  maxEventsPerAppend: 10_000,
  maxAppendBytes: 16 * 1024 * 1024,
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE_MAX = 256;

/** Why `value` is not a JSON value (functions, bigint, undefined, NaN, cycles, class instances...), or undefined. */
export function jsonProblem(value: unknown, path = '$', seen: Set<object> = new Set()): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? undefined : `${path} is a string with lone surrogates`;
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON cannot hold`;
    case 'object': {
      if (value === null) return undefined;
      if (seen.has(value)) return `${path} is a cycle`;
      const proto = Object.getPrototypeOf(value);
      if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
        return `${path} is a ${proto?.constructor?.name ?? 'non-plain'} object, not plain JSON`;
      }
      seen.add(value);
      try {
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) {
            const p = jsonProblem(value[i], `${path}[${i}]`, seen);
            if (p) return p;
          }
        } else {
          for (const [k, v] of Object.entries(value)) {
            const p = jsonProblem(v, `${path}.${k}`, seen);
            if (p) return p;
          }
        }
      } finally {
        seen.delete(value);
      }
      return undefined;
    }
    default:
      return `${path} is a ${typeof value}, which JSON cannot hold`;
  }
}

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/** Validates one event and gives it an id and metadata. Throws `invalid_event` or `payload_too_large`. */
export function proposeEvent(event: EventToAppend, limits: Limits = DEFAULT_LIMITS): ProposedEvent {
  return proposeSized(event, limits).event;
}

/** proposeEvent plus the size it measured, so callers summing a batch need not serialize it again. */
function proposeSized(event: EventToAppend, limits: Limits): { event: ProposedEvent; bytes: number } {
  if (event === null || typeof event !== 'object') throw new LogbookError('invalid_event', 'an event must be an object');
  const { id, type, data, metadata } = event;
  if (id !== undefined && (typeof id !== 'string' || !isUuid(id))) {
    throw new LogbookError('invalid_event', 'event id must be a UUID', { eventId: String(id) });
  }
  if (typeof type !== 'string' || type.length === 0 || type.length > TYPE_MAX || !type.isWellFormed()) {
    throw new LogbookError('invalid_event', `event type must be a non-empty string of at most ${TYPE_MAX} characters`);
  }
  if (data === undefined) throw new LogbookError('invalid_event', 'event data is required (use null for none)', { type });
  const dataProblem = jsonProblem(data, '$.data');
  if (dataProblem) throw new LogbookError('invalid_event', `event data is not JSON: ${dataProblem}`, { type });
  if (metadata !== undefined) {
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new LogbookError('invalid_event', 'event metadata must be a JSON object', { type });
    }
    const metaProblem = jsonProblem(metadata, '$.metadata');
    if (metaProblem) throw new LogbookError('invalid_event', `event metadata is not JSON: ${metaProblem}`, { type });
  }
  const proposed: ProposedEvent = {
    id: (id ?? randomUUID()).toLowerCase(),
    type,
    data: data as JsonValue,
    metadata: (metadata ?? {}) as JsonObject,
  };
  const bytes = eventBytes(proposed);
  if (bytes > limits.maxEventBytes) {
    throw new LogbookError('payload_too_large', `event is ${bytes} bytes, over the limit of ${limits.maxEventBytes}`, {
      type,
      bytes,
      limit: limits.maxEventBytes,
    });
  }
  return { event: proposed, bytes };
}

/** Serialized size of an event as stored: type + data + metadata as UTF-8 JSON. */
export function eventBytes(event: Pick<ProposedEvent, 'type' | 'data' | 'metadata'>): number {
  // Buffer.byteLength counts the UTF-8 bytes without allocating them (TextEncoder.encode builds a copy).
  return (
    Buffer.byteLength(event.type, 'utf8') +
    Buffer.byteLength(JSON.stringify(event.data), 'utf8') +
    Buffer.byteLength(JSON.stringify(event.metadata), 'utf8')
  );
}

export function proposeEvents(events: readonly EventToAppend[], limits: Limits = DEFAULT_LIMITS): ProposedEvent[] {
  return proposeBatch(events, limits).events;
}

/** Validates a batch (count, each event, unique ids) and returns it with its total serialized size. */
export function proposeBatch(
  events: readonly EventToAppend[],
  limits: Limits = DEFAULT_LIMITS,
): { events: ProposedEvent[]; bytes: number } {
  if (!Array.isArray(events) || events.length === 0) {
    throw new LogbookError('invalid_event', 'an append needs at least one event');
  }
  if (events.length > limits.maxEventsPerAppend) {
    throw new LogbookError(
      'payload_too_large',
      `${events.length} events in one append, over the limit of ${limits.maxEventsPerAppend}`,
      { count: events.length, limit: limits.maxEventsPerAppend },
    );
  }
  let bytes = 0;
  const proposed = events.map((e) => {
    const sized = proposeSized(e, limits);
    bytes += sized.bytes;
    return sized.event;
  });
  const seen = new Set<string>();
  for (const e of proposed) {
    if (seen.has(e.id))
      throw new LogbookError('invalid_event', 'the same event id appears twice in one append', { eventId: e.id });
    seen.add(e.id);
  }
  return { events: proposed, bytes };
}

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return;
  if (typeof value === 'bigint' && value >= 0n) return;
  throw new LogbookError(
    'invalid_request',
    `expected revision must be 'any', 'no_stream', 'stream_exists' or a non-negative bigint, got ${String(value)}`,
  );
}

/** Parses the JSON/HTTP form of an expected revision (a string keyword or a non-negative integer). */
export function parseExpectedRevision(value: unknown): ExpectedRevision {
  if (value === undefined || value === null) return 'any';
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^(0|[1-9][0-9]{0,18})$/.test(value)) return BigInt(value);
  assertExpectedRevision(value);
  return value;
}
