// The public event store API over any StorePort: validation, typed errors, paging, extension hooks.
import { LogbookError } from './errors.js';
import type {
  Direction,
  EventToAppend,
  ExpectedRevision,
  LogFilter,
  ProposedEvent,
  RecordedEvent,
  StreamInfo,
  StreamSummary,
} from './event.js';
import type { JsonObject } from './json.js';
import type {
  AppendFailure,
  AppendRequest,
  InlineHook,
  ReadAllPage,
  StorePort,
  StoreStats,
  StreamWriteResult,
  UniqueClaim,
} from './port.js';
import { type Position, START, parsePosition } from './position.js';
import { assertStreamId } from './stream-id.js';
import { subscribe, type Subscription, type SubscriptionOptions, type SubscriptionHandler } from './subscription.js';
import { DEFAULT_LIMITS, type Limits, assertExpectedRevision, eventBytes, proposeBatch } from './validate.js';

export interface UniqueInput {
  scope: string;
  value: string;
  /** Defaults to the stream id of the (first) write. */
  owner?: string;
}

export interface UniqueChanges {
  claim?: UniqueInput[];
  release?: UniqueInput[];
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
  uniques?: UniqueChanges;
}

export interface AppendOutcome extends StreamWriteResult {
  events: RecordedEvent[];
}

export interface MultiAppendInput {
  appends: Array<{ streamId: string; events: EventToAppend[]; expectedRevision?: ExpectedRevision }>;
  conditions?: Array<{ streamId: string; expectedRevision: ExpectedRevision }>;
  uniques?: UniqueChanges;
}

export interface ReadStreamOptions {
  /** Inclusive start revision; default first (forward) or last (backward). */
  from?: bigint;
  direction?: Direction;
  /** Total events to return; default all. */
  limit?: number;
  /** Events fetched per round trip; default 500. */
  pageSize?: number;
}

export interface ReadAllOptions {
  /** Exclusive; default START. */
  from?: Position | string;
  limit?: number;
  filter?: LogFilter;
}

/** Extension points used by the domain toolkit (metadata, upcasting) and projections (inline). */
export interface EventStoreExtension {
  /** Rewrites each event before it is appended, e.g. to add correlation metadata. */
  enrich?: (event: ProposedEvent, streamId: string) => ProposedEvent;
  /** Rewrites each event read on every path (streams, global log, subscriptions), e.g. upcasting. */
  upcast?: (event: RecordedEvent) => RecordedEvent;
  /** Runs in the append's transaction (inline projections). */
  inline?: InlineHook;
}

export interface EventStoreOptions {
  limits?: Partial<Limits>;
  extensions?: EventStoreExtension[];
}

/** Metadata key under which an append records its unique claims and releases, so they can be rebuilt from the log. */
export const UNIQUES_METADATA_KEY = '$uniques';

export class EventStore {
  readonly port: StorePort;
  readonly limits: Limits;
  private readonly enrichers: Array<NonNullable<EventStoreExtension['enrich']>> = [];
  private readonly upcasters: Array<NonNullable<EventStoreExtension['upcast']>> = [];
  private readonly inlineHooks: InlineHook[] = [];

  constructor(port: StorePort, options: EventStoreOptions = {}) {
    this.port = port;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    for (const ext of options.extensions ?? []) this.use(ext);
  }

  /** Adds an extension; returns a function that removes it. */
  use(extension: EventStoreExtension): () => void {
    const { enrich, upcast, inline } = extension;
    if (enrich) this.enrichers.push(enrich);
    if (upcast) this.upcasters.push(upcast);
    if (inline) {
      if (!this.port.transaction) {
        throw new LogbookError('capability_missing', `the ${this.port.kind} store has no transactions for inline projections`);
      }
      this.inlineHooks.push(inline);
    }
    return () => {
      if (enrich) this.enrichers.splice(this.enrichers.indexOf(enrich), 1);
      if (upcast) this.upcasters.splice(this.upcasters.indexOf(upcast), 1);
      if (inline) this.inlineHooks.splice(this.inlineHooks.indexOf(inline), 1);
    };
  }

  get kind(): string {
    return this.port.kind;
  }

  /** Appends events to one stream; throws `wrong_expected_revision`, `idempotency_conflict`, `unique_violation`... */
  async append(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendOutcome> {
    const { results, recorded } = await this.appendMultiple({
      appends: [{ streamId, events, expectedRevision: options.expectedRevision ?? 'any' }],
      uniques: options.uniques,
    });
    return { ...(results[0] as StreamWriteResult), events: recorded };
  }

  /** Appends to several streams atomically, with optional check-only conditions; all or nothing. */
  async appendMultiple(input: MultiAppendInput): Promise<{ results: StreamWriteResult[]; recorded: RecordedEvent[] }> {
    const request = this.prepare(input);
    const result = await this.port.append(request);
    if (!result.ok) throw failureToError(result);
    return { results: result.results, recorded: result.recorded.map((e) => this.upcastEvent(e)) };
  }

  private prepare(input: MultiAppendInput): AppendRequest {
    if (!input || !Array.isArray(input.appends) || input.appends.length === 0) {
      throw new LogbookError('invalid_request', 'an append needs at least one stream to write');
    }
    const seen = new Set<string>();
    let totalBytes = 0;
    let totalEvents = 0;
    const writes = input.appends.map(({ streamId, events, expectedRevision = 'any' }) => {
      assertStreamId(streamId);
      assertExpectedRevision(expectedRevision);
      if (seen.has(streamId)) throw new LogbookError('invalid_request', 'a stream appears twice in one append', { streamId });
      seen.add(streamId);
      const batch = proposeBatch(events, this.limits);
      let proposed = batch.events;
      if (this.enrichers.length === 0) totalBytes += batch.bytes;
      else {
        // Enrichment adds metadata, so the batch is measured again as it will be stored.
        proposed = proposed.map((e) => this.enrichers.reduce((acc, f) => f(acc, streamId), e));
        for (const e of proposed) totalBytes += eventBytes(e);
      }
      totalEvents += proposed.length;
      return { streamId, events: proposed, expectedRevision };
    });
    if (totalEvents > this.limits.maxEventsPerAppend || totalBytes > this.limits.maxAppendBytes) {
      throw new LogbookError('payload_too_large', `append of ${totalEvents} events and ${totalBytes} bytes is over the limits`, {
        events: totalEvents,
        bytes: totalBytes,
        maxEvents: this.limits.maxEventsPerAppend,
        maxBytes: this.limits.maxAppendBytes,
      });
    }
    const conditions = (input.conditions ?? []).map(({ streamId, expectedRevision }) => {
      assertStreamId(streamId);
      assertExpectedRevision(expectedRevision);
      if (seen.has(streamId))
        throw new LogbookError('invalid_request', 'a condition names a stream the append writes', { streamId });
      return { streamId, expectedRevision };
    });
    const request: AppendRequest = { writes, conditions };
    const firstWrite = writes[0];
    if (input.uniques && firstWrite && (input.uniques.claim?.length || input.uniques.release?.length)) {
      if (!this.port.uniques)
        throw new LogbookError('capability_missing', `the ${this.port.kind} store has no uniqueness constraints`);
      const norm = (u: UniqueInput): UniqueClaim => {
        if (typeof u?.scope !== 'string' || !u.scope || typeof u.value !== 'string') {
          throw new LogbookError('invalid_request', 'a unique claim needs a non-empty scope and a string value');
        }
        return { scope: u.scope, value: u.value, owner: u.owner ?? firstWrite.streamId };
      };
      const claim = (input.uniques.claim ?? []).map(norm);
      const release = (input.uniques.release ?? []).map(norm);
      request.uniques = { claim, release };
      const head = firstWrite.events[0] as ProposedEvent;
      const record: JsonObject = {
        claim: claim.map((c) => ({ ...c })),
        release: release.map((c) => ({ ...c })),
      };
      firstWrite.events[0] = { ...head, metadata: { ...head.metadata, [UNIQUES_METADATA_KEY]: record } };
    }
    if (this.inlineHooks.length > 0) {
      const hooks = [...this.inlineHooks];
      request.inline = async (tx, recorded) => {
        const upcasted = recorded.map((e) => this.upcastEvent(e));
        for (const hook of hooks) await hook(tx, upcasted);
      };
    }
    return request;
  }

  /** Reads a stream page by page in constant memory. Throws `stream_not_found` when it does not exist. */
  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertStreamId(streamId, { allowSystem: true });
    const direction = options.direction ?? 'forward';
    const pageSize = Math.max(1, Math.min(options.pageSize ?? 500, 10_000));
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let from = options.from;
    while (remaining > 0) {
      const limit = Math.min(pageSize, remaining);
      const page = await this.port.readStream(streamId, { from, direction, limit });
      if (page === null) throw new LogbookError('stream_not_found', `stream ${streamId} does not exist`, { streamId });
      for (const e of page) yield this.upcastEvent(e);
      remaining -= page.length;
      const last = page[page.length - 1];
      if (page.length < limit || !last) return;
      if (direction === 'backward' && last.revision === 0n) return;
      from = direction === 'forward' ? last.revision + 1n : last.revision - 1n;
    }
  }

  /** One page of a stream with the revision to continue from (null at the end). */
  async readStreamPage(
    streamId: string,
    options: { from?: bigint; direction?: Direction; limit?: number } = {},
  ): Promise<{ events: RecordedEvent[]; next: bigint | null }> {
    assertStreamId(streamId, { allowSystem: true });
    const direction = options.direction ?? 'forward';
    const limit = Math.max(1, Math.min(options.limit ?? 100, 10_000));
    const page = await this.port.readStream(streamId, { from: options.from, direction, limit: limit + 1 });
    if (page === null) throw new LogbookError('stream_not_found', `stream ${streamId} does not exist`, { streamId });
    const events = page.slice(0, limit).map((e) => this.upcastEvent(e));
    const extra = page[limit];
    return { events, next: extra ? extra.revision : null };
  }

  /** Reads the whole stream into an array. Prefer readStream for long streams. */
  async readStreamToArray(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const e of this.readStream(streamId, options)) out.push(e);
    return out;
  }

  /** One page of the global log strictly after `from`; `next` advances even when nothing matched. */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const from = options.from === undefined ? START : parsePosition(options.from);
    const limit = Math.max(1, Math.min(options.limit ?? 500, 10_000));
    const page = await this.port.readAll({ from, limit, filter: options.filter });
    return this.upcasters.length === 0 ? page : { ...page, events: page.events.map((e) => this.upcastEvent(e)) };
  }

  async readEventById(id: string): Promise<RecordedEvent | undefined> {
    const e = await this.port.readEventById(id);
    return e && this.upcastEvent(e);
  }

  streamInfo(streamId: string): Promise<StreamInfo> {
    assertStreamId(streamId, { allowSystem: true });
    return this.port.streamInfo(streamId);
  }

  listStreams(
    options: { prefix?: string; after?: string; limit?: number } = {},
  ): Promise<{ streams: StreamSummary[]; next: string | null }> {
    const limit = Math.max(1, Math.min(options.limit ?? 100, 1000));
    return this.port.listStreams({ prefix: options.prefix, after: options.after, limit });
  }

  stats(): Promise<StoreStats> {
    return this.port.stats();
  }

  headPosition(): Promise<Position> {
    return this.port.headPosition();
  }

  /** Follows the global log (optionally filtered, or one stream): catch-up, then live, in order, without gaps or duplicates. */
  subscribe(options: SubscriptionOptions, handler: SubscriptionHandler): Subscription {
    return subscribe(this.port, options, handler, (e) => this.upcastEvent(e));
  }

  upcastEvent(event: RecordedEvent): RecordedEvent {
    let e = event;
    for (const f of this.upcasters) e = f(e);
    return e;
  }

  close(): Promise<void> {
    return this.port.close();
  }
}

/** Turns a port-level failure value into the typed error the public API throws. */
export function failureToError(failure: AppendFailure): LogbookError {
  switch (failure.code) {
    case 'wrong_expected_revision':
      return new LogbookError(
        'wrong_expected_revision',
        `stream ${failure.streamId}: expected revision ${String(failure.expected)}, actual ${String(failure.actual)}`,
        { streamId: failure.streamId, expected: failure.expected, actual: failure.actual },
      );
    case 'idempotency_conflict':
      return new LogbookError('idempotency_conflict', `stream ${failure.streamId}: ${failure.reason}`, {
        streamId: failure.streamId,
        eventId: failure.eventId,
      });
    case 'unique_violation':
      return new LogbookError('unique_violation', `${failure.scope} "${failure.value}" is already held by ${failure.owner}`, {
        scope: failure.scope,
        value: failure.value,
        owner: failure.owner,
      });
  }
}

export function createEventStore(port: StorePort, options?: EventStoreOptions): EventStore {
  return new EventStore(port, options);
}
