// The SQLite store: the storage port over one better-sqlite3 connection, with group commit for appends.
import {
  ALL_CAPABILITIES,
  type AppendRequest,
  type AppendResult,
  type CheckpointsPort,
  type DocumentReader,
  type LeasesPort,
  type SnapshotsPort,
  type UniquesPort,
  DEFAULT_LIMITS,
  type Limits,
  type ListStreamsRequest,
  type Position,
  type ReadAllPage,
  type ReadAllRequest,
  type ReadStreamPage,
  type RecordedEvent,
  START,
  type StoreCapabilities,
  type StorePort,
  type StoreStats,
  type StreamInfo,
  type StreamSummary,
  type TransactionContext,
  makePosition,
  positionParts,
  readAllScanBudget,
} from '@logbook/core';
import { Connection } from './connection.js';
import type { SqliteDatabase } from './driver.js';
import { encodeAppend } from './encode.js';
import { rollbackQuietly } from './sql/transaction-control.js';
import { toStoreError } from './errors.js';
import { GroupCommitter } from './group-commit.js';
import { LAST_REVISION } from './sql/read-stream-backward.js';
import { sqliteCheckpoints, sqliteDocuments, sqliteLeases, sqliteSnapshots, sqliteUniques } from './sqlite-capabilities.js';
import { prepareStatements } from './statements.js';
import { openTransaction } from './transaction-context.js';

export interface SqliteStoreSettings {
  /** Commit concurrent appends together (default true). */
  groupCommit?: boolean;
  /** Most appends in one group commit (default 500). */
  maxBatch?: number;
  /** The port's own guard on sizes; EventStore checks the same limits first. */
  limits?: Partial<Limits>;
  /** Clock for recordedAt, checkpoints and lease expiry. */
  now?: () => Date;
  /** Close the connection on close(); default: only when the store opened it from a path. */
  closeDatabase?: boolean;
}

export class SqliteStore implements StorePort {
  readonly kind = 'sqlite';
  readonly capabilities: StoreCapabilities = ALL_CAPABILITIES;
  private readonly conn: Connection;
  private readonly committer: GroupCommitter;
  private readonly limits: Limits;
  private readonly listeners = new Set<() => void>();
  private readonly closeDatabase: boolean;

  readonly snapshots: SnapshotsPort;
  readonly uniques: UniquesPort;
  readonly checkpoints: CheckpointsPort;
  readonly leases: LeasesPort;
  readonly documents: DocumentReader;

  /** Wraps an already migrated database; use createSqliteStore to open and migrate one. */
  constructor(db: SqliteDatabase, settings: SqliteStoreSettings = {}) {
    const now = settings.now ?? (() => new Date());
    this.conn = new Connection(db, prepareStatements(db), now);
    this.limits = { ...DEFAULT_LIMITS, ...settings.limits };
    this.closeDatabase = settings.closeDatabase ?? false;
    this.committer = new GroupCommitter({
      db,
      statements: this.conn.s,
      gate: this.conn.gate,
      now,
      enabled: settings.groupCommit ?? true,
      maxBatch: Math.max(1, settings.maxBatch ?? 500),
      onCommitted: () => this.notify(),
    });
    this.snapshots = sqliteSnapshots(this.conn);
    this.uniques = sqliteUniques(this.conn);
    this.checkpoints = sqliteCheckpoints(this.conn);
    this.leases = sqliteLeases(this.conn);
    this.documents = sqliteDocuments(this.conn);
  }

  /** The better-sqlite3 connection, for read models in your own tables (write them inside transaction()). */
  get database(): SqliteDatabase {
    return this.conn.db;
  }

  /** Transactions committed by appends so far: with group commit, fewer than the appends made concurrently. */
  get appendTransactions(): number {
    return this.committer.commits;
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    this.conn.assertOpen();
    return this.committer.submit(encodeAppend(request, this.limits));
  }

  readStream(streamId: string, page: ReadStreamPage): Promise<RecordedEvent[] | null> {
    return this.conn.read((s) => {
      const rows =
        page.direction === 'forward'
          ? s.readStreamForward(streamId, page.from ?? 0n, page.limit)
          : s.readStreamBackward(streamId, page.from ?? LAST_REVISION, page.limit);
      if (rows.length === 0 && !s.streamInfo(streamId)) return null;
      return rows;
    });
  }

  readAll(request: ReadAllRequest): Promise<ReadAllPage> {
    return this.conn.read((s) => {
      // The head is read first and bounds the scan: every position up to it is committed (positions are assigned
      // in commit order without gaps), so no event can appear later below `next`.
      const head = s.headPosition();
      const [after] = positionParts(request.from);
      // A page that can hold nothing must not move the cursor past events it never returned.
      if (request.limit <= 0) return { events: [], next: request.from, atEnd: after >= head };
      const scan = BigInt(readAllScanBudget(request.limit));
      const until = after + scan < head ? after + scan : head;
      if (until <= after) return { events: [], next: request.from, atEnd: true };
      const events = s.readAll({ after, until, limit: request.limit, filter: request.filter });
      const last = events[events.length - 1];
      const next = events.length >= request.limit && last ? last.position : makePosition(until);
      return { events, next, atEnd: positionParts(next)[0] >= head };
    });
  }

  readEventById(id: string): Promise<RecordedEvent | undefined> {
    return this.conn.read((s) => s.eventById(id));
  }

  streamInfo(streamId: string): Promise<StreamInfo> {
    return this.conn.read((s) => {
      const row = s.streamInfo(streamId);
      if (!row) return { streamId, exists: false };
      return {
        streamId,
        exists: true,
        lastRevision: row.last_revision,
        firstRecordedAt: row.first_recorded_at,
        lastRecordedAt: row.last_recorded_at,
      };
    });
  }

  listStreams(request: ListStreamsRequest): Promise<{ streams: StreamSummary[]; next: string | null }> {
    return this.conn.read((s) => {
      const rows = s.listStreams({ prefix: request.prefix, after: request.after, limit: request.limit + 1 });
      const streams = rows.slice(0, request.limit);
      return { streams, next: rows.length > request.limit ? (streams[streams.length - 1]?.streamId ?? null) : null };
    });
  }

  stats(): Promise<StoreStats> {
    return this.conn.read((s) => {
      // Positions start at 1 and have no gaps, so the head is also the number of events.
      const head = s.headPosition();
      return { events: head, streams: s.countStreams(), head: head === 0n ? START : makePosition(head) };
    });
  }

  headPosition(): Promise<Position> {
    return this.conn.read((s) => {
      const head = s.headPosition();
      return head === 0n ? START : makePosition(head);
    });
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) queueMicrotask(l);
  }

  async transaction<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T> {
    this.conn.assertOpen();
    const { db, s, now } = this.conn;
    return this.conn.gate.exclusive(async () => {
      try {
        s.tx.begin();
        const tx = openTransaction(db, s, now);
        const result = await fn(tx.context);
        tx.assertFences();
        s.tx.commit();
        return result;
      } catch (e) {
        rollbackQuietly(s);
        throw toStoreError(e);
      }
    });
  }

  ping(): Promise<void> {
    return this.conn.read((s) => s.ping());
  }

  async close(): Promise<void> {
    if (this.conn.closed) return;
    this.conn.closed = true;
    // Let queued appends and open transactions finish: they were accepted before close().
    while (!this.committer.idle) await new Promise((resolve) => setImmediate(resolve));
    await this.conn.gate.exclusive(async () => {});
    this.listeners.clear();
    if (this.closeDatabase && this.conn.db.open) this.conn.db.close();
  }
}
