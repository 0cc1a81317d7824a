// Live projections: folded on read from the log (one stream or a filtered slice) into throw-away in-memory documents.
import type { LogFilter } from '../event.js';
import type { EventStore } from '../event-store.js';
import { Overlay, documentWriter } from '../memory/memory-tables.js';
import type { JsonValue } from '../json.js';
import type { DocumentReader } from '../port.js';
import { START } from '../position.js';
import { type Projection, handlesEvent, scopedWriter, versionOf } from './projection.js';

export interface LiveFoldOptions {
  /** Fold one stream only (the usual case: a per-entity view computed on demand). */
  stream?: string;
  /** Otherwise fold the global log, optionally filtered. */
  filter?: LogFilter;
}

/** Folds the projection over the events now in the log and returns its documents; nothing is stored. */
export async function foldProjection(
  store: EventStore,
  projection: Projection,
  options: LiveFoldOptions = {},
): Promise<DocumentReader> {
  const memory = documentWriter(new Overlay(new Map<string, JsonValue>()));
  const ctx = { documents: scopedWriter(projection, versionOf(projection), memory), native: undefined };
  if (options.stream !== undefined) {
    const info = await store.streamInfo(options.stream);
    if (info.exists) {
      for await (const event of store.readStream(options.stream)) {
        if (handlesEvent(projection, event)) await projection.apply(event, ctx);
      }
    }
  } else {
    let from = START;
    for (;;) {
      const page = await store.readAll({ from, limit: 1000, filter: options.filter });
      for (const event of page.events) if (handlesEvent(projection, event)) await projection.apply(event, ctx);
      from = page.next;
      if (page.atEnd) break;
    }
  }
  return { get: ctx.documents.get, list: ctx.documents.list };
}
