// Time travel: a stream's state at a revision or as of a past instant, and its history with the state after each event.
import { LogbookError, isLogbookError } from '../errors.js';
import type { RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import { aggregateStream } from './aggregate.js';
import { type DomainEvent, type Evolver, toView } from './decider.js';

export interface PointInTime<S> {
  state: S;
  /** Revision of the last event folded; undefined when the stream had no event yet. */
  revision: bigint | undefined;
  /** When that event was recorded. */
  recordedAt: string | undefined;
}

/** State of the stream after the event at `revision` (inclusive). Uses a snapshot only if it is not newer. */
export async function stateAtRevision<S, E extends DomainEvent = DomainEvent>(
  store: EventStore,
  streamId: string,
  folder: Evolver<S, E>,
  revision: bigint,
  initialState?: () => S,
): Promise<PointInTime<S>> {
  if (typeof revision !== 'bigint' || revision < 0n) throw new LogbookError('invalid_request', 'revision must be a bigint >= 0');
  let recordedAt: string | undefined;
  const view = toView(folder, initialState);
  const tracking = {
    ...view,
    evolve: (s: S, e: E) => {
      recordedAt = (e as unknown as RecordedEvent).recordedAt;
      return view.evolve(s, e);
    },
  };
  // Snapshots carry no timestamp of their last event, so the fold reads from the start to report recordedAt.
  const r = await aggregateStream(store, streamId, tracking, { toRevision: revision, useSnapshot: false });
  return { state: r.state, revision: r.revision, recordedAt };
}

const toMillis = (at: Date | string): number => {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(ms)) throw new LogbookError('invalid_request', `not a timestamp: ${String(at)}`);
  return ms;
};

/** State of the stream as of `at`: every event recorded at or before it ("the balance at 3 pm last Tuesday"). */
export async function stateAsOf<S, E extends DomainEvent = DomainEvent>(
  store: EventStore,
  streamId: string,
  folder: Evolver<S, E>,
  at: Date | string,
  initialState?: () => S,
): Promise<PointInTime<S>> {
  const limit = toMillis(at);
  const view = toView(folder, initialState);
  let state = view.initialState();
  let revision: bigint | undefined;
  let recordedAt: string | undefined;
  try {
    for await (const e of store.readStream(streamId)) {
      // recordedAt only grows along a stream, so the first later event ends the fold.
      if (Date.parse(e.recordedAt) > limit) break;
      state = view.evolve(state, e as unknown as E);
      revision = e.revision;
      recordedAt = e.recordedAt;
    }
  } catch (e) {
    if (!isLogbookError(e, 'stream_not_found')) throw e;
  }
  return { state, revision, recordedAt };
}

export interface HistoryEntry<S> {
  event: RecordedEvent;
  /** State right after `event`. */
  state: S;
}

/** The stream's events each paired with the state after it, read page by page. Empty for a missing stream. */
export async function* streamHistory<S, E extends DomainEvent = DomainEvent>(
  store: EventStore,
  streamId: string,
  folder: Evolver<S, E>,
  options: { initialState?: () => S; from?: bigint; to?: bigint } = {},
): AsyncGenerator<HistoryEntry<S>> {
  const view = toView(folder, options.initialState);
  let state = view.initialState();
  try {
    for await (const e of store.readStream(streamId)) {
      if (options.to !== undefined && e.revision > options.to) return;
      state = view.evolve(state, e as unknown as E);
      if (options.from === undefined || e.revision >= options.from) yield { event: e, state };
    }
  } catch (e) {
    if (!isLogbookError(e, 'stream_not_found')) throw e;
  }
}
