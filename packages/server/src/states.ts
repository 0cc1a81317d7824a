// Time travel: a stream's state after each event, folded by the view registered for its category.
import { type EventStore, LogbookError, type RecordedEvent, categoryOf } from '@logbook/core';
import { invalidRequest } from './errors.js';
import { eventJson, type RecordedEventJson, toJsonSafe } from './wire.js';

/** A left fold over a stream's events: what a decider's `initialState` + `evolve` already are. */
export interface StreamView<S = unknown> {
  initialState: S | (() => S);
  evolve: (state: S, event: RecordedEvent) => S;
}

/** Views by stream category; any state type (a state-specific evolve is accepted through `never`). */
export type Views = Record<string, { initialState: unknown; evolve: (state: never, event: RecordedEvent) => unknown }>;

export interface StatesPage {
  streamId: string;
  view: string | null;
  lastRevision: number;
  items: Array<{ event: RecordedEventJson; state?: unknown }>;
  next: number | null;
  at?: { time: string; revision: number | null; state?: unknown };
}

const initial = (view: StreamView<unknown>): unknown =>
  typeof view.initialState === 'function' ? (view.initialState as () => unknown)() : structuredClone(view.initialState);

export async function streamStates(
  store: EventStore,
  views: Views,
  streamId: string,
  query: { from?: bigint; limit: number; at?: string },
): Promise<StatesPage> {
  const info = await store.streamInfo(streamId);
  if (!info.exists || info.lastRevision === undefined) {
    throw new LogbookError('stream_not_found', `stream ${streamId} does not exist`, { streamId });
  }
  const category = categoryOf(streamId);
  const view = (views[category] as StreamView<unknown> | undefined) ?? null;
  const base = { streamId, view: view ? category : null, lastRevision: Number(info.lastRevision) };
  let atTime: number | undefined;
  if (query.at !== undefined) {
    atTime = Date.parse(query.at);
    if (Number.isNaN(atTime)) throw invalidRequest(`at must be an ISO-8601 time, got ${JSON.stringify(query.at)}`);
  }
  const evolve = (state: unknown, e: RecordedEvent) => {
    try {
      return (view as StreamView<unknown>).evolve(state, e);
    } catch (err) {
      throw new LogbookError(
        'invalid_request',
        `the ${category} view cannot fold event ${e.revision}: ${(err as Error).message}`,
      );
    }
  };

  if (atTime !== undefined) {
    let state = view ? initial(view) : undefined;
    let last: RecordedEvent | undefined;
    for await (const e of store.readStream(streamId, { pageSize: 1000 })) {
      if (Date.parse(e.recordedAt) > atTime) break;
      if (view) state = evolve(state, e);
      last = e;
    }
    const at = { time: new Date(atTime).toISOString(), revision: last ? Number(last.revision) : null };
    const item = last ? [{ event: eventJson(last), ...(view ? { state: toJsonSafe(state) } : {}) }] : [];
    return { ...base, items: item, next: null, at: view ? { ...at, state: toJsonSafe(state) } : at };
  }

  const from = query.from ?? 0n;
  if (!view) {
    const page = await store.readStreamPage(streamId, { from, limit: query.limit });
    return {
      ...base,
      items: page.events.map((e) => ({ event: eventJson(e) })),
      next: page.next === null ? null : Number(page.next),
    };
  }
  let state = initial(view);
  const items: StatesPage['items'] = [];
  const end = from + BigInt(query.limit);
  for await (const e of store.readStream(streamId, { pageSize: 1000, limit: Number(end) })) {
    state = evolve(state, e);
    if (e.revision >= from) items.push({ event: eventJson(e), state: toJsonSafe(state) });
  }
  const next = end <= info.lastRevision ? Number(end) : null;
  return { ...base, items, next };
}
