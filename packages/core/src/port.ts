// The storage port: the narrow contract every store implements. Everything derived lives above it in core.
//
// Conflicts are values here (AppendFailure); the public EventStore turns them into LogbookErrors.
// Optional capabilities are separate objects so a store without one simply leaves it undefined,
// and the conformance suite records a written reason for every capability a store lacks.
import type {
  CurrentRevision,
  Direction,
  ExpectedRevision,
  LogFilter,
  ProposedEvent,
  RecordedEvent,
  StreamInfo,
  StreamSummary,
} from './event.js';
import type { JsonValue } from './json.js';
import type { Position } from './position.js';

// ---------------------------------------------------------------------------------------------
// Appends

export interface StreamWrite {
  streamId: string;
  /** At least one event, already validated (ids assigned). */
  events: ProposedEvent[];
  expectedRevision: ExpectedRevision;
}

/** A check-only condition on a stream the append does not write ("stream X must not exist"). */
export interface StreamCondition {
  streamId: string;
  expectedRevision: ExpectedRevision;
}

/** A unique value held by an owner (by default the stream that claimed it) within a named scope. */
export interface UniqueClaim {
  scope: string;
  value: string;
  owner: string;
}

export interface AppendRequest {
  /** One or more writes to distinct streams; all commit or none. */
  writes: StreamWrite[];
  conditions?: StreamCondition[];
  /** Claims and releases applied atomically with the events. Releases apply before claims. */
  uniques?: { claim?: UniqueClaim[]; release?: UniqueClaim[] };
  /** Runs inside the append's transaction after the events are inserted; a throw rolls everything back. */
  inline?: InlineHook;
}

export type InlineHook = (tx: TransactionContext, recorded: readonly RecordedEvent[]) => Promise<void> | void;

export interface StreamWriteResult {
  streamId: string;
  firstRevision: bigint;
  lastRevision: bigint;
  firstPosition: Position;
  /** Position of the last event written to this stream. */
  position: Position;
  outcome: 'appended' | 'already_appended';
}

export type AppendFailure =
  | {
      ok: false;
      code: 'wrong_expected_revision';
      streamId: string;
      expected: ExpectedRevision;
      actual: CurrentRevision;
    }
  | { ok: false; code: 'idempotency_conflict'; streamId: string; eventId: string; reason: string }
  | { ok: false; code: 'unique_violation'; scope: string; value: string; owner: string };

export type AppendResult = { ok: true; results: StreamWriteResult[]; recorded: RecordedEvent[] } | AppendFailure;

// ---------------------------------------------------------------------------------------------
// Reads

export interface ReadStreamPage {
  /** Inclusive start revision; undefined = first event (forward) or last event (backward). */
  from?: bigint;
  direction: Direction;
  limit: number;
}

export interface ReadAllRequest {
  /** Exclusive: return events strictly after this position. */
  from: Position;
  /** Maximum number of matching events to return. */
  limit: number;
  filter?: LogFilter;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /** Where to resume: the position of the last row scanned, matching or not; `from` when nothing was scanned. */
  next: Position;
  /** True when the scan reached the end of the log visible to this read. */
  atEnd: boolean;
}

export interface ListStreamsRequest {
  prefix?: string;
  /** Exclusive: stream ids strictly greater than this (ordered by code point / bytes). */
  after?: string;
  limit: number;
}

export interface StoreStats {
  events: bigint;
  streams: bigint;
  head: Position;
}

// ---------------------------------------------------------------------------------------------
// Transactions, documents, checkpoints (used by projections and consumers)

export interface DocumentEntry {
  id: string;
  doc: JsonValue;
}

export interface DocumentReader {
  get(collection: string, id: string): Promise<JsonValue | undefined>;
  /** Ordered by id; `after` exclusive. */
  list(collection: string, options?: { prefix?: string; after?: string; limit?: number }): Promise<DocumentEntry[]>;
}

export interface DocumentWriter extends DocumentReader {
  put(collection: string, id: string, doc: JsonValue): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  deleteCollection(collection: string): Promise<void>;
}

/** A fencing token proves the writer still owns a consumer-group partition lease. */
export interface Fence {
  group: string;
  partition: number;
  token: bigint;
}

export interface TransactionContext {
  documents: DocumentWriter;
  /** Saves a consumer checkpoint in the same transaction; fails with `lease_lost` when the fence is stale. */
  saveCheckpoint(name: string, position: Position, fence?: Fence): Promise<void>;
  /** The store's own transaction handle for read models in custom tables (better-sqlite3 Database, pg client). */
  readonly native: unknown;
}

export interface CheckpointsPort {
  read(name: string): Promise<Position | undefined>;
  /** Throws LogbookError `lease_lost` when `fence` is given and no longer current. */
  write(name: string, position: Position, fence?: Fence): Promise<void>;
  delete(name: string): Promise<void>;
  list(): Promise<Array<{ name: string; position: Position; updatedAt: string }>>;
}

export interface Lease {
  group: string;
  partition: number;
  owner: string;
  token: bigint;
  expiresAt: string;
}

/** Leases with fencing tokens for consumer groups; tokens only ever grow per (group, partition). */
export interface LeasesPort {
  /** Takes the lease when it is free, expired or already ours; returns it with a new token when taken over. */
  tryAcquire(group: string, partition: number, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease we hold; false when it was lost (expired and taken, or the token moved on). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>;
  release(lease: Lease): Promise<void>;
  list(group: string): Promise<Lease[]>;
  /** Member heartbeats: each live member renews its row; members() lists the unexpired ones. */
  heartbeat(group: string, member: string, ttlMs: number): Promise<void>;
  members(group: string): Promise<string[]>;
  leave(group: string, member: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Snapshots and uniqueness

export interface StoredSnapshot {
  streamId: string;
  /** Distinguishes several snapshot kinds of one stream (e.g. per decider). */
  name: string;
  /** Revision of the last event folded into `state`. */
  revision: bigint;
  schemaVersion: number;
  state: JsonValue;
  takenAt: string;
}

export interface SnapshotsPort {
  read(streamId: string, name: string): Promise<StoredSnapshot | undefined>;
  write(snapshot: StoredSnapshot): Promise<void>;
  delete(streamId: string, name: string): Promise<void>;
}

export interface UniquesPort {
  owner(scope: string, value: string): Promise<string | undefined>;
  /** Used by rebuilds only: removes every claim. */
  reset(): Promise<void>;
  /** Used by rebuilds only: applies releases then claims without checks. */
  apply(claims: UniqueClaim[], releases: UniqueClaim[]): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// The port

export interface StoreCapabilities {
  /** Subscriptions wake on `onAppend` instead of polling. */
  notifications: boolean;
  snapshots: boolean;
  uniques: boolean;
  transactions: boolean;
  checkpoints: boolean;
  leases: boolean;
}

export interface StorePort {
  /** 'memory' | 'sqlite' | 'postgres' | ... */
  readonly kind: string;
  readonly capabilities: StoreCapabilities;

  append(request: AppendRequest): Promise<AppendResult>;
  /** One page of a stream; null when the stream does not exist. */
  readStream(streamId: string, page: ReadStreamPage): Promise<RecordedEvent[] | null>;
  readAll(request: ReadAllRequest): Promise<ReadAllPage>;
  readEventById(id: string): Promise<RecordedEvent | undefined>;
  streamInfo(streamId: string): Promise<StreamInfo>;
  listStreams(request: ListStreamsRequest): Promise<{ streams: StreamSummary[]; next: string | null }>;
  stats(): Promise<StoreStats>;
  /** Position of the last event visible to readAll, or START for an empty log. */
  headPosition(): Promise<Position>;

  /** Change notification: called (possibly coalesced) after events commit. Returns an unsubscribe. */
  onAppend?(listener: () => void): () => void;

  readonly snapshots?: SnapshotsPort;
  readonly uniques?: UniquesPort;
  readonly checkpoints?: CheckpointsPort;
  readonly leases?: LeasesPort;
  readonly documents?: DocumentReader;
  transaction?<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T>;

  /** Health probe: resolves when the store answers, rejects with `store_unavailable` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
