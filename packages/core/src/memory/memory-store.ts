// The in-memory store: the executable specification of the storage port. Small enough to read in one sitting.
import { LogbookError } from '../errors.js';
import type { CurrentRevision, LogFilter, RecordedEvent, StreamInfo, StreamSummary } from '../event.js';
import { Mutex } from '../mutex.js';
import type {
  AppendRequest,
  AppendResult,
  Fence,
  ListStreamsRequest,
  ReadAllPage,
  ReadAllRequest,
  ReadStreamPage,
  StoreCapabilities,
  StorePort,
  StoreStats,
  StreamWriteResult,
  TransactionContext,
} from '../port.js';
import {
  ALL_CAPABILITIES,
  classifyIdempotency,
  combineIdempotency,
  readAllScanBudget,
  revisionMatches,
  writeResultOf,
  wrongExpectedRevision,
} from '../port-rules.js';
import { type Position, START, makePosition, positionParts } from '../position.js';
import { categoryOf } from '../stream-id.js';
import { memoryCheckpoints, memoryLeases, memorySnapshots, memoryUniques } from './memory-capabilities.js';
import {
  Overlay,
  type Tables,
  applyUniques,
  checkFence,
  documentWriter,
  emptyTables,
  freezeJson,
  key2,
  listDocuments,
} from './memory-tables.js';

export function matchesFilter(e: Pick<RecordedEvent, 'type' | 'streamId'>, filter: LogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.types && filter.types.length > 0 && !filter.types.includes(e.type)) return false;
  if (filter.categories && filter.categories.length > 0 && !filter.categories.includes(categoryOf(e.streamId))) return false;
  if (filter.streamIdPrefix !== undefined && !e.streamId.startsWith(filter.streamIdPrefix)) return false;
  return true;
}

export interface MemoryStoreOptions {
  /** Clock for recordedAt; tests of time travel pass their own. */
  now?: () => Date;
}

export class MemoryStore implements StorePort {
  readonly kind = 'memory';
  readonly capabilities: StoreCapabilities = ALL_CAPABILITIES;
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly tables: Tables = emptyTables();
  private readonly listeners = new Set<() => void>();
  private readonly writeLock = new Mutex();
  private readonly now: () => Date;
  private closed = false;

  readonly snapshots = memorySnapshots(this.tables);
  readonly uniques = memoryUniques(this.tables);
  readonly checkpoints = memoryCheckpoints(this.tables);
  readonly leases = memoryLeases(this.tables);
  readonly documents = {
    get: async (collection: string, id: string) => this.tables.documents.get(key2(collection, id)),
    list: async (collection: string, options: { prefix?: string; after?: string; limit?: number } = {}) =>
      listDocuments(this.tables.documents.keys(), (k) => this.tables.documents.get(k), collection, options),
  };

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  private open(): void {
    if (this.closed) throw new LogbookError('store_closed', 'the memory store is closed');
  }

  private current(streamId: string): CurrentRevision {
    const s = this.streams.get(streamId);
    return s && s.length > 0 ? BigInt(s.length - 1) : 'no_stream';
  }

  append(request: AppendRequest): Promise<AppendResult> {
    this.open();
    return this.writeLock.run(async () => {
      const verdict = combineIdempotency(
        request.writes.map((w) =>
          classifyIdempotency(
            w.streamId,
            w.events,
            w.events.map((e) => this.byId.get(e.id)),
          ),
        ),
      );
      if (verdict.kind === 'conflict') return verdict.failure;
      if (verdict.kind === 'already_appended') return { ok: true, results: verdict.results, recorded: verdict.recorded };

      for (const c of [...request.writes, ...(request.conditions ?? [])]) {
        const actual = this.current(c.streamId);
        if (!revisionMatches(c.expectedRevision, actual)) return wrongExpectedRevision(c.streamId, c.expectedRevision, actual);
      }

      const uniques = new Overlay(this.tables.uniques);
      const violation = applyUniques(uniques, request.uniques?.claim ?? [], request.uniques?.release ?? []);
      if (violation) return { ok: false, code: 'unique_violation', ...violation };

      const recordedAt = this.now().toISOString();
      let next = BigInt(this.log.length) + 1n;
      const recorded: RecordedEvent[] = [];
      const results: StreamWriteResult[] = request.writes.map((w) => {
        const base = BigInt(this.streams.get(w.streamId)?.length ?? 0);
        const fixed = w.events.map(
          (e, i): RecordedEvent =>
            Object.freeze({
              id: e.id,
              streamId: w.streamId,
              revision: base + BigInt(i),
              position: makePosition(next++),
              type: e.type,
              data: freezeJson(e.data),
              metadata: freezeJson(e.metadata),
              recordedAt,
            }),
        );
        recorded.push(...fixed);
        return writeResultOf(w.streamId, fixed);
      });

      const tx = this.transactionContext();
      if (request.inline) await request.inline(tx.context, recorded);

      // Commit: nothing above touched shared state, so a throw before this point left no trace.
      for (const e of recorded) {
        this.log.push(e);
        this.byId.set(e.id, e);
        let s = this.streams.get(e.streamId);
        if (!s) this.streams.set(e.streamId, (s = []));
        s.push(e);
      }
      uniques.commit();
      tx.commit();
      this.notify();
      return { ok: true, results, recorded };
    });
  }

  private transactionContext(): { context: TransactionContext; commit: () => void } {
    const documents = new Overlay(this.tables.documents);
    const checkpoints = new Overlay(this.tables.checkpoints);
    const fences: Fence[] = [];
    const context: TransactionContext = {
      documents: documentWriter(documents),
      saveCheckpoint: async (name: string, position: Position, fence?: Fence) => {
        checkFence(this.tables.leases, fence);
        if (fence) fences.push(fence);
        checkpoints.set(name, { position, updatedAt: this.now().toISOString() });
      },
      native: undefined,
    };
    return {
      context,
      commit: () => {
        for (const f of fences) checkFence(this.tables.leases, f);
        documents.commit();
        checkpoints.commit();
      },
    };
  }

  async transaction<T>(fn: (tx: TransactionContext) => Promise<T>): Promise<T> {
    this.open();
    return this.writeLock.run(async () => {
      const tx = this.transactionContext();
      const result = await fn(tx.context);
      tx.commit();
      return result;
    });
  }

  private notify(): void {
    for (const l of this.listeners) queueMicrotask(l);
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async readStream(streamId: string, page: ReadStreamPage): Promise<RecordedEvent[] | null> {
    this.open();
    const s = this.streams.get(streamId);
    if (!s) return null;
    if (page.direction === 'forward') {
      const from = Number(page.from ?? 0n);
      return s.slice(from, from + page.limit);
    }
    const from = page.from === undefined ? s.length - 1 : Math.min(Number(page.from), s.length - 1);
    const out: RecordedEvent[] = [];
    for (let i = from; i >= 0 && out.length < page.limit; i--) out.push(s[i] as RecordedEvent);
    return out;
  }

  async readAll(request: ReadAllRequest): Promise<ReadAllPage> {
    this.open();
    const [after] = positionParts(request.from);
    const events: RecordedEvent[] = [];
    let i = Number(after);
    const scanLimit = readAllScanBudget(request.limit);
    let scanned = 0;
    while (i < this.log.length && events.length < request.limit && scanned < scanLimit) {
      const e = this.log[i] as RecordedEvent;
      if (matchesFilter(e, request.filter)) events.push(e);
      i++;
      scanned++;
    }
    return { events, next: i === Number(after) ? request.from : makePosition(BigInt(i)), atEnd: i >= this.log.length };
  }

  async readEventById(id: string): Promise<RecordedEvent | undefined> {
    return this.byId.get(id.toLowerCase());
  }

  async streamInfo(streamId: string): Promise<StreamInfo> {
    const s = this.streams.get(streamId);
    const first = s?.[0];
    const last = s?.[s.length - 1];
    if (!first || !last) return { streamId, exists: false };
    return {
      streamId,
      exists: true,
      lastRevision: last.revision,
      firstRecordedAt: first.recordedAt,
      lastRecordedAt: last.recordedAt,
    };
  }

  async listStreams(request: ListStreamsRequest): Promise<{ streams: StreamSummary[]; next: string | null }> {
    const ids = [...this.streams.keys()]
      .filter(
        (id) =>
          (request.prefix === undefined || id.startsWith(request.prefix)) &&
          (request.after === undefined || byteCompare(id, request.after) > 0),
      )
      .sort(byteCompare);
    const page = ids.slice(0, request.limit);
    const streams = page.map((streamId) => {
      const s = this.streams.get(streamId) as RecordedEvent[];
      const last = s[s.length - 1] as RecordedEvent;
      return { streamId, lastRevision: last.revision, lastRecordedAt: last.recordedAt };
    });
    return { streams, next: ids.length > request.limit ? (page[page.length - 1] ?? null) : null };
  }

  async stats(): Promise<StoreStats> {
    return { events: BigInt(this.log.length), streams: BigInt(this.streams.size), head: await this.headPosition() };
  }

  async headPosition(): Promise<Position> {
    return this.log.length === 0 ? START : makePosition(BigInt(this.log.length));
  }

  async ping(): Promise<void> {
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}

const utf8 = new TextEncoder();
/** Orders strings by their UTF-8 bytes, as SQL stores with binary collation do. */
export function byteCompare(a: string, b: string): number {
  return Buffer.compare(utf8.encode(a), utf8.encode(b));
}
