// Dead-letter parking: a failed event is appended to the system stream `$parked-<consumer>` with its error and attempts.
import { LogbookError } from '../errors.js';
import type { RecordedEvent } from '../event.js';
import { type EventStore, failureToError } from '../event-store.js';
import type { JsonObject } from '../json.js';
import { proposeEvents } from '../validate.js';

export const PARKED_EVENT = '$parked';
export const UNPARKED_EVENT = '$unparked';

export const parkedStreamId = (consumer: string): string => `$parked-${consumer}`;

export interface ParkedEvent {
  /** Id of the original event. */
  eventId: string;
  streamId: string;
  revision: bigint;
  position: string;
  type: string;
  error: string;
  attempts: number;
  parkedAt: string;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** Core writes `$` streams through the port directly: the public API refuses them to users. */
async function appendSystem(store: EventStore, streamId: string, type: string, data: JsonObject): Promise<void> {
  const events = proposeEvents([{ type, data }], store.limits);
  const result = await store.port.append({ writes: [{ streamId, events, expectedRevision: 'any' }] });
  if (!result.ok) throw failureToError(result);
}

export async function parkEvent(store: EventStore, consumer: string, event: RecordedEvent, error: unknown, attempts: number) {
  await appendSystem(store, parkedStreamId(consumer), PARKED_EVENT, {
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: event.position,
    type: event.type,
    error: errorText(error),
    attempts,
  });
}

/** Events currently parked for `consumer` (parked and not replayed since), oldest first; a re-park replaces the entry. */
export async function listParked(store: EventStore, consumer: string): Promise<ParkedEvent[]> {
  const parked = new Map<string, ParkedEvent>();
  const info = await store.streamInfo(parkedStreamId(consumer));
  if (!info.exists) return [];
  for await (const e of store.readStream(parkedStreamId(consumer))) {
    const d = e.data as Record<string, unknown>;
    const eventId = String(d.eventId);
    parked.delete(eventId);
    if (e.type !== PARKED_EVENT) continue;
    parked.set(eventId, {
      eventId,
      streamId: String(d.streamId),
      revision: BigInt(String(d.revision)),
      position: String(d.position),
      type: String(d.type),
      error: String(d.error),
      attempts: Number(d.attempts),
      parkedAt: e.recordedAt,
    });
  }
  return [...parked.values()];
}

export interface ReplayParkedResult {
  replayed: string[];
  failed: Array<{ eventId: string; error: string }>;
}

/**
 * Runs `handler` again on parked events (all, or those in `eventIds`); each success is recorded with an
 * `$unparked` marker so it leaves the list; a failure stays parked.
 */
export async function replayParked(
  store: EventStore,
  consumer: string,
  handler: (event: RecordedEvent) => Promise<void> | void,
  eventIds?: readonly string[],
): Promise<ReplayParkedResult> {
  const out: ReplayParkedResult = { replayed: [], failed: [] };
  const wanted = eventIds ? new Set(eventIds) : undefined;
  for (const p of await listParked(store, consumer)) {
    if (wanted && !wanted.has(p.eventId)) continue;
    const event = await store.readEventById(p.eventId);
    if (!event)
      throw new LogbookError('stream_not_found', `parked event ${p.eventId} is no longer in the log`, { eventId: p.eventId });
    try {
      await handler(event);
    } catch (e) {
      out.failed.push({ eventId: p.eventId, error: errorText(e) });
      continue;
    }
    await appendSystem(store, parkedStreamId(consumer), UNPARKED_EVENT, { eventId: p.eventId });
    out.replayed.push(p.eventId);
  }
  return out;
}
