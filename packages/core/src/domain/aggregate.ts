// Folds a stream into state, starting from a snapshot when one matches the view's snapshot policy.
import type { RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import { type DomainEvent, type Evolver, type StateView, toView } from './decider.js';
import { LogbookError, isLogbookError } from '../errors.js';
import { readSnapshot, writeSnapshot } from './snapshots.js';

export interface AggregateOptions<S> {
  /** Needed when the folder is a bare evolve function. */
  initialState?: () => S;
  /** Start from a snapshot when the view has a snapshot policy and the store keeps snapshots; default true. */
  useSnapshot?: boolean;
  /** Stop after this revision (inclusive); snapshots newer than it are not used. */
  toRevision?: bigint;
}

export interface AggregateResult<S> {
  state: S;
  /** Revision of the last event folded; undefined when the stream does not exist. */
  revision: bigint | undefined;
  /** Revision of the snapshot the fold started from, if any. */
  snapshotRevision: bigint | undefined;
  /** How many events were read and folded (after the snapshot). */
  eventsRead: number;
}

/** Reads a stream and folds it into `{ state, revision }`; a missing stream gives the initial state. */
export async function aggregateStream<S, E extends DomainEvent = DomainEvent>(
  store: EventStore,
  streamId: string,
  folder: Evolver<S, E>,
  options: AggregateOptions<S> = {},
): Promise<AggregateResult<S>> {
  const view = toView(folder, options.initialState);
  let state = view.initialState();
  let revision: bigint | undefined;
  let snapshotRevision: bigint | undefined;
  if (options.useSnapshot !== false && view.snapshot) {
    const snap = await readSnapshot(store, streamId, view.snapshot);
    if (snap && (options.toRevision === undefined || snap.revision <= options.toRevision)) {
      state = snap.state;
      revision = snapshotRevision = snap.revision;
    }
  }
  const from = revision === undefined ? 0n : revision + 1n;
  if (options.toRevision !== undefined && from > options.toRevision) {
    return { state, revision, snapshotRevision, eventsRead: 0 };
  }
  const limit = options.toRevision === undefined ? undefined : Number(options.toRevision - from + 1n);
  let eventsRead = 0;
  try {
    for await (const e of store.readStream(streamId, { from, limit })) {
      state = view.evolve(state, e as unknown as E);
      revision = e.revision;
      eventsRead++;
    }
  } catch (e) {
    if (!isLogbookError(e, 'stream_not_found')) throw e;
  }
  return { state, revision, snapshotRevision, eventsRead };
}

/** Folds already-read events (e.g. those an append just recorded) onto a state. */
export function evolveRecorded<S, E extends DomainEvent>(view: StateView<S, E>, state: S, events: readonly RecordedEvent[]): S {
  let s = state;
  for (const e of events) s = view.evolve(s, e as unknown as E);
  return s;
}

/** On-demand snapshot: folds the stream (from its current snapshot) and stores the result. Returns its revision. */
export async function takeSnapshot<S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  view: StateView<S, E>,
): Promise<bigint | undefined> {
  if (!view.snapshot) throw new LogbookError('invalid_request', 'this view has no snapshot policy');
  const { state, revision, snapshotRevision } = await aggregateStream(store, streamId, view);
  if (revision === undefined) return undefined;
  if (revision !== snapshotRevision) await writeSnapshot(store, streamId, view.snapshot, state, revision);
  return revision;
}
