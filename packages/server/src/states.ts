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

const CHECKPOINT_EVERY = 1000n;
const CACHED_STREAMS = 200;

/**
 * In-memory checkpoints of folded states every 1000 revisions, so paging through a long stream does not fold it
 * from the start on every request. Recorded events never change, so a checkpoint never goes stale.
 */
export class StateCheckpoints {
  private readonly streams = new Map<string, Map<bigint, unknown>>();

  /** The latest checkpoint strictly before `revision`: the state after event `at`. */
  before(streamId: string, revision: bigint): { at: bigint; state: unknown } | undefined {
    const points = this.streams.get(streamId);
    if (!points) return undefined;
    this.streams.delete(streamId);
    this.streams.set(streamId, points);
    let best: bigint | undefined;
    for (const at of points.keys()) if (at < revision && (best === undefined || at > best)) best = at;
    return best === undefined ? undefined : { at: best, state: structuredClone(points.get(best)) };
  }

  offer(streamId: string, revision: bigint, state: unknown): void {
    if ((revision + 1n) % CHECKPOINT_EVERY !== 0n) return;
    let points = this.streams.get(streamId);
    if (!points) {
      points = new Map();
      this.streams.set(streamId, points);
      if (this.streams.size > CACHED_STREAMS) this.streams.delete(this.streams.keys().next().value as string);
    }
    if (!points.has(revision)) points.set(revision, structuredClone(state));
  }
}

const initial = (view: StreamView<unknown>): unknown =>
  typeof view.initialState === 'function' ? (view.initialState as () => unknown)() : structuredClone(view.initialState);

export async function streamStates(
  store: EventStore,
  views: Views,
  streamId: string,
  query: { from?: bigint; limit: number; at?: string },
  checkpoints: StateCheckpoints = new StateCheckpoints(),
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
  const start = checkpoints.before(streamId, from);
  let state = start ? start.state : initial(view);
  const readFrom = start ? start.at + 1n : 0n;
  const items: StatesPage['items'] = [];
  const end = from + BigInt(query.limit);
  for await (const e of store.readStream(streamId, { from: readFrom, pageSize: 1000, limit: Number(end - readFrom) })) {
    state = evolve(state, e);
    checkpoints.offer(streamId, e.revision, state);
    if (e.revision >= from) items.push({ event: eventJson(e), state: toJsonSafe(state) });
  }
  const next = end <= info.lastRevision ? Number(end) : null;
  return { ...base, items, next };
}
