// Causation/correlation index kept in store documents (written by related-runner.ts), and the lookup behind /events/{id}/related.
import {
  type DocumentWriter,
  type EventStore,
  type JsonValue,
  type Position,
  type RecordedEvent,
  comparePositions,
} from '@logbook/core';
import type { RelatedIndexRunner } from './related-runner.js';

export const CORRELATION_COLLECTION = '$correlation';
export const CAUSATION_COLLECTION = '$causation';
/** Ids kept per correlation or causation id; older links beyond this are dropped and reported as truncated. */
export const MAX_LINKS = 1000;
const MAX_CHAIN = 50;

interface LinkDoc {
  ids: string[];
  truncated?: boolean;
}

/** New links of a page: collection -> key (correlation or causation id) -> event ids in log order. */
export type LinkBatch = Map<string, Map<string, string[]>>;

const metaString = (e: RecordedEvent, key: string): string | undefined => {
  // Defensive: a store handing over events without a metadata object must not stop the index.
  const v = e.metadata && typeof e.metadata === 'object' ? e.metadata[key] : undefined;
  return typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : undefined;
};

export function collectLinks(events: readonly RecordedEvent[]): LinkBatch {
  const batch: LinkBatch = new Map();
  const add = (collection: string, key: string, id: string) => {
    let keys = batch.get(collection);
    if (!keys) batch.set(collection, (keys = new Map()));
    const ids = keys.get(key);
    if (ids) ids.push(id);
    else keys.set(key, [id]);
  };
  for (const e of events) {
    const corr = metaString(e, 'correlationId');
    const cause = metaString(e, 'causationId');
    if (corr) add(CORRELATION_COLLECTION, corr, e.id);
    if (cause && cause !== e.id) add(CAUSATION_COLLECTION, cause, e.id);
  }
  return batch;
}

/** Adds a page's links, one read and one write per key; idempotent by event id (a replayed page adds nothing). */
export async function addLinks(documents: DocumentWriter, batch: LinkBatch): Promise<void> {
  for (const [collection, keys] of batch) {
    for (const [key, ids] of keys) {
      const doc = ((await documents.get(collection, key)) as LinkDoc | undefined) ?? { ids: [] };
      const known = new Set(doc.ids);
      const fresh = ids.filter((id) => !known.has(id));
      if (fresh.length === 0) continue;
      let all = doc.ids.concat(fresh);
      let truncated = doc.truncated ?? false;
      if (all.length > MAX_LINKS) {
        all = all.slice(all.length - MAX_LINKS);
        truncated = true;
      }
      await documents.put(collection, key, { ids: all, truncated } as unknown as JsonValue);
    }
  }
}

/** How long /related waits for the index to reach a just-appended event (read-your-writes) before answering. */
export const RELATED_WAIT_MS = 2_000;

/** Waits (bounded) until the index has taken in `position`; a stopped or failed index answers at once. */
export async function indexReached(
  runner: RelatedIndexRunner | undefined,
  position: Position,
  ms = RELATED_WAIT_MS,
): Promise<void> {
  if (!runner || comparePositions(runner.position(), position) >= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([runner.waitFor(position).catch(() => {}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Related {
  event: RecordedEvent;
  causedBy: RecordedEvent[];
  caused: RecordedEvent[];
  correlated: RecordedEvent[];
  correlationId: string | null;
  truncated: boolean;
}

async function linked(store: EventStore, collection: string, key: string, limit: number) {
  const doc = (await store.port.documents?.get(collection, key)) as LinkDoc | undefined;
  const ids = doc?.ids ?? [];
  const events: RecordedEvent[] = [];
  for (const id of ids.slice(-limit)) {
    const e = await store.readEventById(id);
    if (e) events.push(e);
  }
  return { events, truncated: (doc?.truncated ?? false) || ids.length > limit };
}

/** Looks up an event's causes (walking causationId up), its effects and its correlation group, all by index. */
export async function findRelated(
  store: EventStore,
  event: RecordedEvent,
  visible: (e: RecordedEvent) => boolean,
  limit = 200,
): Promise<Related> {
  const causedBy: RecordedEvent[] = [];
  const seen = new Set([event.id]);
  let cursor = metaString(event, 'causationId');
  while (cursor && !seen.has(cursor) && causedBy.length < MAX_CHAIN) {
    seen.add(cursor);
    const cause = await store.readEventById(cursor);
    if (!cause) break;
    causedBy.push(cause);
    cursor = metaString(cause, 'causationId');
  }
  const caused = await linked(store, CAUSATION_COLLECTION, event.id, limit);
  const correlationId = metaString(event, 'correlationId') ?? null;
  const correlated = correlationId
    ? await linked(store, CORRELATION_COLLECTION, correlationId, limit)
    : { events: [], truncated: false };
  return {
    event,
    causedBy: causedBy.filter(visible),
    caused: caused.events.filter(visible),
    correlated: correlated.events.filter(visible),
    correlationId,
    truncated: caused.truncated || correlated.truncated,
  };
}
