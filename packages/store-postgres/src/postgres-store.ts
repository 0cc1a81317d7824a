// The PostgreSQL store: the production StorePort, with a gap-free global log ordered by (transaction id, sequence).
import {
  type AppendRequest,
  type AppendResult,
  type CheckpointsPort,
  type DocumentReader,
  type LeasesPort,
  type ListStreamsRequest,
  LogbookError,
  type Position,
  type ReadAllPage,
  type ReadAllRequest,
  type ReadStreamPage,
  type RecordedEvent,
  START,
  type SnapshotsPort,
  type StoreCapabilities,
  type StorePort,
  type StoreStats,
  type StreamInfo,
  type StreamSummary,
  type TransactionContext,
  type UniquesPort,
  ALL_CAPABILITIES,
  isUuid,
} from '@logbook/core';
import { type AppendCall, appendCall, classifyStored, failureFromError, interpretAppend, isEventIdRace } from './append.js';
import {
  type Run,
  checkpointsPort,
  documentReader,
  documentWriter,
  leasesPort,
  runOn,
  saveCheckpoint,
  snapshotsPort,
  uniquesPort,
} from './capabilities.js';
import { guardPool, openPool, withTransaction } from './connection.js';
import { toStoreError } from './errors.js';
import { NotificationListener } from './listener.js';
import { DEFAULT_SCHEMA, checkTransactionIds, migratePool } from './migrate.js';
import type { PostgresStoreOptions } from './options.js';
import type { PgClient, PgModule, PgPool, PgPoolClient, PgRow } from './pg-types.js';
import { readAllPage } from './read-all.js';
import { eventFromRow, positionOf } from './rows.js';
import { assertSchemaName, channelName } from './schema-name.js';
import { Statements } from './sql.js';

const MAX_REVISION = '9223372036854775807';
/** How long an after-commit NOTIFY waits for more commits to cover (other processes' wake-up latency). */
const NOTIFY_COALESCE_MS = 2;

export class PostgresStore implements StorePort {
  readonly kind = 'postgres';
  readonly capabilities: StoreCapabilities = ALL_CAPABILITIES;
  readonly schema: string;
  readonly channel: string;
  readonly snapshots: SnapshotsPort;
  readonly uniques: UniquesPort;
  readonly checkpoints: CheckpointsPort;
  readonly leases: LeasesPort;
  readonly documents: DocumentReader;
  /** The shared LISTEN connection (exposed for tests and health checks). */
  readonly listener: NotificationListener;
  private readonly st: Statements;
  private readonly options: PostgresStoreOptions;
  private pg: PgModule | undefined;
  private poolPromise: Promise<PgPool> | undefined;
  private readyPromise: Promise<PgPool> | undefined;
  private closed = false;
  private notifying: Promise<void> | undefined;
  private notifyAgain = false;

  constructor(options: PostgresStoreOptions) {
    if (!options.pool && !options.connectionString) {
      throw new LogbookError('invalid_request', 'createPostgresStore needs a pool or a connectionString');
    }
    this.options = options;
    this.schema = options.schema ?? DEFAULT_SCHEMA;
    assertSchemaName(this.schema);
    this.channel = channelName(this.schema);
    this.st = new Statements(this.schema);
    const run: Run = (config) => this.run(config);
    this.snapshots = snapshotsPort(this.st, run);
    this.uniques = uniquesPort(this.st, run);
    this.checkpoints = checkpointsPort(this.st, run);
    this.leases = leasesPort(this.st, run);
    this.documents = documentReader(this.st, run);
    this.listener = new NotificationListener(() => this.openListenerClient(), this.channel);
  }

  /** The pool, opened on first use; with migrate 'on-first-use' the schema is migrated first. */
  private ready(): Promise<PgPool> {
    if (this.closed) return Promise.reject(new LogbookError('store_closed', 'the PostgreSQL store is closed'));
    this.readyPromise ??= (async () => {
      const pool = await this.pool();
      if (this.options.migrate !== 'explicit') await migratePool(pool, this.schema);
      await checkTransactionIds(pool, this.st, this.schema);
      return pool;
    })().catch((e) => {
      this.readyPromise = undefined; // let the next call try again (the server may be back)
      throw toStoreError(e);
    });
    return this.readyPromise;
  }

  private pool(): Promise<PgPool> {
    this.poolPromise ??= (async () => {
      if (this.options.pool) {
        guardPool(this.options.pool);
        return this.options.pool;
      }
      const { pool, pg } = await openPool(this.options.connectionString as string, this.options.poolSize ?? 10);
      guardPool(pool);
      this.pg = pg;
      return pool;
    })();
    return this.poolPromise;
  }

  private async openListenerClient(): Promise<PgClient> {
    if (this.options.listenerClient) return this.options.listenerClient();
    const pool = await this.pool();
    const settings = { ...(pool.options ?? {}), application_name: 'logbook-listener' };
    if (this.pg) return new this.pg.Client(settings);
    if (pool.Client) return new pool.Client(settings);
    throw new LogbookError('invalid_request', 'cannot open a LISTEN connection: pass listenerClient with this pool');
  }

  private async run(config: Parameters<Run>[0]): Promise<Awaited<ReturnType<Run>>> {
    const pool = await this.ready();
    try {
      return (await pool.query(config)).rows;
    } catch (e) {
      throw toStoreError(e);
    }
  }

  /** Applies pending migrations now (useful with migrate: 'explicit'); returns the versions applied. */
  async migrate(): Promise<number[]> {
    return migratePool(await this.pool(), this.schema);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const pool = await this.ready();
    const afterCommit = this.options.notify !== 'in-transaction';
    const call = appendCall(request, afterCommit ? null : this.channel);
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = await this.appendOnce(pool, request, call);
        if (afterCommit) this.notifyAfterCommit(pool);
        return interpretAppend(request, rows, call);
      } catch (e) {
        const failure = failureFromError(request, e);
        if (failure) return failure;
        if (!isEventIdRace(e)) throw toStoreError(e);
        // Nothing was written; the ids are stored (committed) and core's rules decide what that means.
        const stored = classifyStored(request, await this.run(this.st.q('read_events_by_ids', [call.ids])));
        if (stored) return stored;
        if (attempt >= 3) throw toStoreError(e);
      }
    }
  }

  /** The append function's rows: in autocommit (one round trip), or in a transaction when an inline hook must run. */
  private async appendOnce(pool: PgPool, request: AppendRequest, call: AppendCall): Promise<PgRow[]> {
    if (!request.inline) return (await pool.query(this.st.q(call.op, call.params))).rows;
    const inline = request.inline;
    return withTransaction(pool, async (client) => {
      // Taken before the append function assigns a transaction id, so log order = projection order.
      if (this.options.serializeInlineAppends !== false)
        await client.query(this.st.q('inline_lock', [`logbook-inline:${this.schema}`]));
      const rows = (await client.query(this.st.q(call.op, call.params))).rows;
      const result = interpretAppend(request, rows, call);
      if (result.ok) await inline(this.transactionContext(client), result.recorded);
      return rows;
    });
  }

  /**
   * After-commit mode: wake this process's subscriptions now, and other processes with one NOTIFY at a time, sent
   * NOTIFY_COALESCE_MS after the first commit it covers. Every extra statement costs a sequential writer a round trip's
   * worth of CPU on both ends; the short wait lets one NOTIFY cover the commits of a burst.
   */
  private notifyAfterCommit(pool: PgPool): void {
    this.listener.fire();
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = (async () => {
      do {
        if (!this.closed) await new Promise((resolve) => setTimeout(resolve, NOTIFY_COALESCE_MS));
        this.notifyAgain = false; // commits until now are covered by the NOTIFY sent next
        // A failed NOTIFY only delays other processes to their fallback poll.
        await pool.query(this.st.q('notify', [this.channel])).catch(() => {});
      } while (this.notifyAgain && !this.closed);
    })().finally(() => {
      this.notifying = undefined;
    });
  }

  private transactionContext(client: PgPoolClient): TransactionContext {
    const run = runOn(client);
    return {
      documents: documentWriter(this.st, run),
      saveCheckpoint: (name, position, fence) => saveCheckpoint(this.st, run, name, position, fence),
      native: client,
    };
  }

  async transaction<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const pool = await this.ready();
    return withTransaction(pool, (client) => fn(this.transactionContext(client)));
  }

  async readStream(streamId: string, page: ReadStreamPage): Promise<RecordedEvent[] | null> {
    const forward = page.direction === 'forward';
    const from = page.from !== undefined ? page.from.toString() : forward ? '0' : MAX_REVISION;
    const rows = await this.run(
      this.st.q(forward ? 'read_stream_forward' : 'read_stream_backward', [streamId, from, page.limit]),
    );
    if (rows.length > 0) return rows.map(eventFromRow);
    const info = await this.run(this.st.q('stream_info', [streamId]));
    return info.length > 0 ? [] : null;
  }

  async readAll(request: ReadAllRequest): Promise<ReadAllPage> {
    const page = await readAllPage(this.st, (c) => this.run(c), request);
    if (page.atEnd && this.listener.size > 0) {
      // Rows waiting behind a running transaction: wake readers again soon in case it rolls back (no NOTIFY then).
      this.run(this.st.q('blocked_events'))
        .then((rows) => this.listener.blocked(rows[0]?.blocked === true))
        .catch(() => {});
    }
    return page;
  }

  async readEventById(id: string): Promise<RecordedEvent | undefined> {
    if (typeof id !== 'string' || !isUuid(id)) return undefined;
    const row = (await this.run(this.st.q('read_event_by_id', [id])))[0];
    return row ? eventFromRow(row) : undefined;
  }

  async streamInfo(streamId: string): Promise<StreamInfo> {
    const row = (await this.run(this.st.q('stream_info', [streamId])))[0];
    if (!row) return { streamId, exists: false };
    return {
      streamId,
      exists: true,
      lastRevision: BigInt(row.last_revision),
      firstRecordedAt: row.first_recorded_at,
      lastRecordedAt: row.last_recorded_at,
    };
  }

  async listStreams(request: ListStreamsRequest): Promise<{ streams: StreamSummary[]; next: string | null }> {
    const rows = await this.run(this.st.q('list_streams', [request.prefix ?? null, request.after ?? null, request.limit + 1]));
    const streams = rows.slice(0, request.limit).map((r) => ({
      streamId: r.stream_id as string,
      lastRevision: BigInt(r.last_revision),
      lastRecordedAt: r.last_recorded_at as string,
    }));
    return { streams, next: rows.length > request.limit ? (streams[streams.length - 1]?.streamId ?? null) : null };
  }

  async stats(): Promise<StoreStats> {
    const row = (await this.run(this.st.q('stats')))[0];
    return { events: BigInt(row?.events ?? 0), streams: BigInt(row?.streams ?? 0), head: await this.headPosition() };
  }

  async headPosition(): Promise<Position> {
    const row = (await this.run(this.st.q('head_position')))[0];
    return row ? positionOf(row) : START;
  }

  onAppend(listener: () => void): () => void {
    if (this.closed) return () => {};
    return this.listener.add(listener);
  }

  async ping(): Promise<void> {
    await this.run(this.st.q('ping'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifying;
    await this.listener.close();
    if (!this.options.pool && this.poolPromise) {
      const pool = await this.poolPromise.catch(() => undefined);
      await pool?.end().catch(() => {});
    }
  }
}

export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}
