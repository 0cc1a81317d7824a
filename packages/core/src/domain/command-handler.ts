// Command handling: load (snapshot + tail), decide, append at the loaded revision, retry conflicts with back-off.
import { LogbookError, isLogbookError } from '../errors.js';
import type { ExpectedRevision, RecordedEvent } from '../event.js';
import type { EventStore, UniqueChanges } from '../event-store.js';
import { type AggregateResult, aggregateStream, evolveRecorded, takeSnapshot } from './aggregate.js';
import { type Decider, type DomainEvent, normalizeDecision } from './decider.js';
import { deterministicEventId } from './event-ids.js';
import { type CommandContextInput, type MessageContext, currentContext, runInCommandContext } from './message-context.js';
import { DEFAULT_RETRY, type RetryOptions, backoff } from './retry.js';
import { snapshotDue, writeSnapshot } from './snapshots.js';
import { streamLocks } from './stream-locks.js';

export interface CommandHandlerOptions {
  retry?: RetryOptions;
  /** Take snapshots as the decider's policy says (`snapshot.every`); default true when the store keeps snapshots. */
  snapshots?: boolean;
  /** A failed snapshot write never fails the command (its events are committed); it is reported here. */
  onSnapshotError?: (error: unknown, streamId: string) => void;
  /**
   * Queue commands on the same stream(s) within this process (FIFO) instead of letting them race; conflicts with
   * other processes are still retried. Default false: purely optimistic. Turn it on for hot streams: tight loops
   * of optimistic writers can starve an unlucky one. A decider must not handle a command on its own stream then.
   */
  serializeLocally?: boolean;
}

export interface HandleOptions extends CommandContextInput {
  /** Append only if the stream is at this revision; a conflict is then thrown, never retried. */
  expectedRevision?: ExpectedRevision;
}

export interface HandleResult<S> {
  streamId: string;
  /** State after the new events. */
  state: S;
  /** Revision of the stream's last event after the command; undefined if it still does not exist. */
  revision: bigint | undefined;
  /** The events appended (empty when the decider had nothing to do). */
  events: RecordedEvent[];
  /** 1 + the number of conflicts retried. */
  attempts: number;
}

/** A decision over several streams: one entry per stream id, in the order given (an entry may be empty). */
export interface MultiDecision<E extends DomainEvent = DomainEvent> {
  events: Array<E | E[]>;
  uniques?: UniqueChanges;
}

export type MultiDecide<C, S, E extends DomainEvent> = (
  command: C,
  states: S[],
) => MultiDecision<E> | Array<E | E[]> | Promise<MultiDecision<E> | Array<E | E[]>>;

export interface HandleManyResult<S> {
  results: Array<Omit<HandleResult<S>, 'attempts'>>;
  attempts: number;
}

/**
 * Adds the context's correlation and causation ids; with an explicit command id, also derives each event's id from
 * (command id, stream, index), so the same command handled twice is acknowledged instead of applied twice.
 */
const stamp =
  (ctx: MessageContext, streamId: string, commandId: string | undefined) =>
  <E extends DomainEvent>(e: E, index: number): E => ({
    ...e,
    ...(e.id === undefined && commandId !== undefined ? { id: deterministicEventId(commandId, streamId, String(index)) } : {}),
    metadata: { correlationId: ctx.correlationId, causationId: ctx.causationId, ...e.metadata },
  });

const expectedFrom = (loaded: AggregateResult<unknown>): ExpectedRevision => loaded.revision ?? 'no_stream';

export class CommandHandler<C, S, E extends DomainEvent = DomainEvent> {
  private readonly retry: RetryOptions;

  constructor(
    readonly store: EventStore,
    readonly decider: Decider<C, S, E>,
    private readonly options: CommandHandlerOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Current state of a stream (from its snapshot when there is one). */
  load(streamId: string): Promise<AggregateResult<S>> {
    return aggregateStream(this.store, streamId, this.decider, { useSnapshot: this.snapshotsOn() });
  }

  /** Takes a snapshot of the stream now; returns the revision it covers. */
  snapshot(streamId: string): Promise<bigint | undefined> {
    return takeSnapshot(this.store, streamId, this.decider);
  }

  /** Handles a command against one stream. Domain errors propagate and write nothing. */
  handle(streamId: string, command: C, options: HandleOptions = {}): Promise<HandleResult<S>> {
    return runInCommandContext(options, () =>
      this.withRetries(options, [streamId], async (attempts) => {
        const loaded = await this.load(streamId);
        const decision = normalizeDecision(await this.decider.decide(command, loaded.state));
        if (decision.events.length === 0) {
          return { streamId, state: loaded.state, revision: loaded.revision, events: [], attempts };
        }
        const ctx = currentContext() as MessageContext;
        const outcome = await this.store.append(streamId, decision.events.map(stamp(ctx, streamId, options.commandId)), {
          expectedRevision: options.expectedRevision ?? expectedFrom(loaded),
          uniques: decision.uniques,
        });
        if (outcome.outcome === 'already_appended') {
          // A repeated command (same event ids): its events were in the loaded state or came after it; reload.
          const current = await this.load(streamId);
          return { streamId, state: current.state, revision: current.revision, events: outcome.events, attempts };
        }
        const state = evolveRecorded(this.decider, loaded.state, outcome.events);
        await this.afterAppend(streamId, state, outcome.lastRevision, loaded.snapshotRevision);
        return { streamId, state, revision: outcome.lastRevision, events: outcome.events, attempts };
      }),
    );
  }

  /**
   * Handles a command touching several streams (e.g. a transfer) as one atomic multi-stream append. Streams the
   * decision leaves unchanged are still checked: the append fails (and is retried) if any of them moved meanwhile.
   */
  handleMany<M>(
    streamIds: string[],
    command: M,
    decide: MultiDecide<M, S, E>,
    options: CommandContextInput = {},
  ): Promise<HandleManyResult<S>> {
    return runInCommandContext(options, () =>
      this.withRetries(options, streamIds, async (attempts) => {
        const loaded = await Promise.all(streamIds.map((id) => this.load(id)));
        const raw = await decide(
          command,
          loaded.map((l) => l.state),
        );
        const decision: MultiDecision<E> = Array.isArray(raw) ? { events: raw } : raw;
        const perStream = streamIds.map((_, i) => {
          const entry = decision.events[i] ?? [];
          return Array.isArray(entry) ? entry : [entry];
        });
        const ctx = currentContext() as MessageContext;
        const appends = streamIds.flatMap((streamId, i) => {
          const events = perStream[i] as E[];
          const l = loaded[i] as AggregateResult<S>;
          return events.length > 0
            ? [{ streamId, events: events.map(stamp(ctx, streamId, options.commandId)), expectedRevision: expectedFrom(l) }]
            : [];
        });
        const unchanged = (i: number) => (perStream[i] as E[]).length === 0;
        if (appends.length === 0) {
          const results = streamIds.map((streamId, i) => {
            const l = loaded[i] as AggregateResult<S>;
            return { streamId, state: l.state, revision: l.revision, events: [] };
          });
          return { results, attempts };
        }
        const conditions = streamIds
          .map((streamId, i) => ({ streamId, expectedRevision: expectedFrom(loaded[i] as AggregateResult<S>) }))
          .filter((_, i) => unchanged(i));
        const { results: written, recorded } = await this.store.appendMultiple({
          appends,
          conditions,
          uniques: decision.uniques,
        });
        if (written.some((w) => w.outcome === 'already_appended')) {
          // A repeated command (same event ids) changed nothing: report the current states.
          const current = await Promise.all(streamIds.map((id) => this.load(id)));
          const results = current.map((c, i) => ({
            streamId: streamIds[i] as string,
            state: c.state,
            revision: c.revision,
            events: recorded.filter((e) => e.streamId === streamIds[i]),
          }));
          return { results, attempts };
        }
        const results = [];
        for (const [i, streamId] of streamIds.entries()) {
          const l = loaded[i] as AggregateResult<S>;
          const events = recorded.filter((e) => e.streamId === streamId);
          const state = evolveRecorded(this.decider, l.state, events);
          const revision = written.find((w) => w.streamId === streamId)?.lastRevision ?? l.revision;
          if (events.length > 0 && revision !== undefined) await this.afterAppend(streamId, state, revision, l.snapshotRevision);
          results.push({ streamId, state, revision, events });
        }
        return { results, attempts };
      }),
    );
  }

  private snapshotsOn(): boolean {
    return this.options.snapshots !== false && this.store.port.snapshots !== undefined;
  }

  private async afterAppend(streamId: string, state: S, revision: bigint, lastSnapshot: bigint | undefined): Promise<void> {
    const policy = this.decider.snapshot;
    if (!policy || !this.snapshotsOn() || !snapshotDue(policy, lastSnapshot, revision)) return;
    try {
      await writeSnapshot(this.store, streamId, policy, state, revision);
    } catch (e) {
      this.options.onSnapshotError?.(e, streamId);
    }
  }

  private withRetries<T>(options: HandleOptions, streamIds: string[], attempt: (attempts: number) => Promise<T>): Promise<T> {
    if (!this.options.serializeLocally) return this.retrying(options, attempt);
    return streamLocks(this.store).run(streamIds, () => this.retrying(options, attempt));
  }

  private async retrying<T>(options: HandleOptions, attempt: (attempts: number) => Promise<T>): Promise<T> {
    const max = options.expectedRevision === undefined ? (this.retry.maxRetries ?? DEFAULT_RETRY.maxRetries) : 0;
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(retry + 1);
      } catch (e) {
        if (!isLogbookError(e, 'wrong_expected_revision')) throw e;
        if (retry >= max) {
          if (max === 0) throw e;
          throw new LogbookError('wrong_expected_revision', `${e.message} (gave up after ${retry + 1} attempts)`, {
            ...e.details,
            attempts: retry + 1,
          });
        }
        await backoff(retry, this.retry);
      }
    }
  }
}

export function createCommandHandler<C, S, E extends DomainEvent = DomainEvent>(
  store: EventStore,
  decider: Decider<C, S, E>,
  options?: CommandHandlerOptions,
): CommandHandler<C, S, E> {
  return new CommandHandler(store, decider, options);
}
