// Deciders as plain functions (decide, evolve, initialState) and the pure helpers that fold and normalise them.
import type { EventToAppend } from '../event.js';
import type { UniqueChanges } from '../event-store.js';
import type { JsonValue } from '../json.js';

/** What a decider emits: an event to append (type, data, optional metadata and id). */
export type DomainEvent = EventToAppend;

/** A decision that also claims or releases unique values atomically with its events (owner defaults to the stream). */
export interface Decision<E extends DomainEvent = DomainEvent> {
  events: E[];
  uniques?: UniqueChanges;
}

/** decide may return one event, several, or a Decision carrying unique claims; [] means "nothing to do". */
export type DecideResult<E extends DomainEvent = DomainEvent> = E | E[] | Decision<E>;

/** How and when a decider's state is snapshotted. Changing `version` makes every older snapshot ignored. */
export interface SnapshotPolicy<S> {
  version: number;
  /** Take a snapshot when at least this many events were appended since the last one; omit for on-demand only. */
  every?: number;
  /** Distinguishes several snapshot kinds of one stream; default 'default'. */
  name?: string;
  /** State to JSON and back; default identity (the state must then be plain JSON). */
  toJson?: (state: S) => JsonValue;
  fromJson?: (json: JsonValue) => S;
}

/** The read half of a decider: how events fold into state. Enough for time travel and read-side views. */
export interface StateView<S, E extends DomainEvent = DomainEvent> {
  initialState(): S;
  evolve(state: S, event: E): S;
  snapshot?: SnapshotPolicy<S>;
}

export interface Decider<C, S, E extends DomainEvent = DomainEvent> extends StateView<S, E> {
  /** Rejects a command by throwing a DomainError; never writes anything itself. */
  decide(command: C, state: S): DecideResult<E> | Promise<DecideResult<E>>;
}

/** Either a view object or a bare evolve function (then `initialState` must be given separately). */
export type Evolver<S, E extends DomainEvent = DomainEvent> = StateView<S, E> | ((state: S, event: E) => S);

export function toView<S, E extends DomainEvent>(folder: Evolver<S, E>, initialState?: () => S): StateView<S, E> {
  if (typeof folder !== 'function') return folder;
  if (!initialState) throw new TypeError('a bare evolve function needs an initialState');
  return { initialState, evolve: folder };
}

export function normalizeDecision<E extends DomainEvent>(result: DecideResult<E>): Decision<E> {
  if (Array.isArray(result)) return { events: result };
  if (result && typeof result === 'object' && 'events' in result && Array.isArray(result.events) && !('type' in result)) {
    return result as Decision<E>;
  }
  return { events: [result as E] };
}

/** Folds events into state, purely. */
export function foldEvents<S, E extends DomainEvent>(view: StateView<S, E>, events: Iterable<E>, state = view.initialState()): S {
  let s = state;
  for (const e of events) s = view.evolve(s, e);
  return s;
}

/** Runs decide on the state folded from `history` and returns the normalised decision (no store involved). */
export async function decideOn<C, S, E extends DomainEvent>(
  decider: Decider<C, S, E>,
  history: Iterable<E>,
  command: C,
): Promise<Decision<E>> {
  return normalizeDecision(await decider.decide(command, foldEvents(decider, history)));
}
