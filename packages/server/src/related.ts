// Causation/correlation index kept in store documents by an inline extension, and the lookup behind /events/{id}/related.
import type { EventStore, EventStoreExtension, JsonValue, RecordedEvent, TransactionContext } from '@logbook/core';

export const CORRELATION_COLLECTION = '$correlation';
export const CAUSATION_COLLECTION = '$causation';
/** Ids kept per correlation or causation id; older links beyond this are dropped and reported as truncated. */
export const MAX_LINKS = 1000;
const MAX_CHAIN = 50;

interface LinkDoc {
  ids: string[];
  truncated?: boolean;
}

const metaString = (e: RecordedEvent, key: string): string | undefined => {
  // Defensive: a store handing over events without a metadata object must not fail the append.
  const v = e.metadata && typeof e.metadata === 'object' ? e.metadata[key] : undefined;
  return typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : undefined;
};

async function addLinks(tx: TransactionContext, collection: string, links: Map<string, string[]>): Promise<void> {
  for (const [key, ids] of links) {
    const doc = ((await tx.documents.get(collection, key)) as LinkDoc | undefined) ?? { ids: [] };
    let all = doc.ids.concat(ids);
    let truncated = doc.truncated ?? false;
    if (all.length > MAX_LINKS) {
      all = all.slice(all.length - MAX_LINKS);
      truncated = true;
    }
    await tx.documents.put(collection, key, { ids: all, truncated } as unknown as JsonValue);
  }
}

/** The inline extension that maintains the index in the append's own transaction. */
export function relatedIndexExtension(onRecorded?: (events: readonly RecordedEvent[]) => void): EventStoreExtension {
  return {
    inline: async (tx, recorded) => {
      onRecorded?.(recorded);
      const byCorrelation = new Map<string, string[]>();
      const byCausation = new Map<string, string[]>();
      for (const e of recorded) {
        const corr = metaString(e, 'correlationId');
        const cause = metaString(e, 'causationId');
        if (corr) byCorrelation.set(corr, [...(byCorrelation.get(corr) ?? []), e.id]);
        if (cause && cause !== e.id) byCausation.set(cause, [...(byCausation.get(cause) ?? []), e.id]);
      }
      if (byCorrelation.size > 0) await addLinks(tx, CORRELATION_COLLECTION, byCorrelation);
      if (byCausation.size > 0) await addLinks(tx, CAUSATION_COLLECTION, byCausation);
    },
  };
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
