// Where a command acts: a running server (through the typed client) or a database opened directly.
import {
  type AppendResultJson,
  type EventInput,
  type ExpectedRevision,
  type LogPage,
  LogbookClient,
  type RecordedEventJson,
  type StreamPage,
  type TransactionInput,
} from '@logbook/client';
import type { EventToAppend, ExpectedRevision as CoreExpected, LogFilter } from '@logbook/core';
import { eventJson, resultJson } from '@logbook/server/wire';
import { DEFAULT_DB, openStore, type OpenedStore } from './db.js';

export interface TailOptions {
  from: string;
  stream?: string;
  types?: string[];
  categories?: string[];
  prefix?: string;
  signal: AbortSignal;
  onEvent: (e: RecordedEventJson) => void | Promise<void>;
}

export interface StatsSummary {
  events: number;
  streams: number;
  head: string;
  store: string;
  storeVersion: string;
}

export interface Target {
  readonly where: string;
  append(streamId: string, events: EventInput[], expectedRevision?: ExpectedRevision): Promise<AppendResultJson>;
  transaction(input: TransactionInput): Promise<AppendResultJson[]>;
  readStream(streamId: string, o: { from?: number; direction?: 'forward' | 'backward'; limit: number }): Promise<StreamPage>;
  readEvents(o: { from?: string; limit: number; types?: string[]; categories?: string[]; prefix?: string }): Promise<LogPage>;
  /** Follows the log until the signal aborts. */
  tail(o: TailOptions): Promise<void>;
  stats(): Promise<StatsSummary>;
  close(): Promise<void>;
}

export interface TargetFlags {
  server?: string;
  token?: string;
  db?: string;
}

const toCore = (r: ExpectedRevision | undefined): CoreExpected => (typeof r === 'number' ? BigInt(r) : (r ?? 'any'));

/** --server (or LOGBOOK_SERVER) wins; otherwise --db (or LOGBOOK_DB, or the default SQLite file). */
export async function openTarget(flags: TargetFlags): Promise<Target> {
  const server = flags.server ?? process.env.LOGBOOK_SERVER;
  if (server) return serverTarget(new LogbookClient({ baseUrl: server, token: flags.token ?? process.env.LOGBOOK_TOKEN }));
  return dbTarget(await openStore(flags.db ?? process.env.LOGBOOK_DB ?? DEFAULT_DB));
}

function serverTarget(client: LogbookClient): Target {
  return {
    where: client.baseUrl,
    append: (streamId, events, expectedRevision) => client.append(streamId, events, { expectedRevision }),
    transaction: async (input) => (await client.transaction(input)).results,
    readStream: (streamId, o) => client.readStream(streamId, o),
    readEvents: (o) => client.readEvents(o),
    tail: async (o) => {
      const sub = client.subscribe({ ...o, signal: o.signal, onEvent: o.onEvent });
      await sub.done;
    },
    stats: async () => {
      const s = await client.stats();
      return { events: s.events, streams: s.streams, head: s.head, store: s.store.kind, storeVersion: s.store.version };
    },
    close: async () => {},
  };
}

function dbTarget({ store, version, describe }: OpenedStore): Target {
  // No index upkeep here: a server on this database follows the log with its related-events projection.
  return {
    where: describe,
    append: async (streamId, events, expectedRevision) => {
      return resultJson(await store.append(streamId, events as EventToAppend[], { expectedRevision: toCore(expectedRevision) }));
    },
    transaction: async (input) => {
      const out = await store.appendMultiple({
        appends: input.appends.map((a) => ({
          streamId: a.streamId,
          events: a.events as EventToAppend[],
          expectedRevision: toCore(a.expectedRevision),
        })),
        conditions: input.conditions?.map((c) => ({ streamId: c.streamId, expectedRevision: toCore(c.expectedRevision) })),
      });
      return out.results.map(resultJson);
    },
    readStream: async (streamId, o) => {
      const page = await store.readStreamPage(streamId, {
        from: o.from === undefined ? undefined : BigInt(o.from),
        direction: o.direction,
        limit: o.limit,
      });
      return { events: page.events.map(eventJson), next: page.next === null ? null : Number(page.next) };
    },
    readEvents: async (o) => {
      const page = await store.readAll({ from: o.from, limit: o.limit, filter: filterOf(o) });
      return { events: page.events.map(eventJson), next: page.next, atEnd: page.atEnd };
    },
    tail: async (o) => {
      const sub = store.subscribe({ from: o.from, filter: filterOf(o), signal: o.signal }, async (e) => {
        if (o.stream === undefined || e.streamId === o.stream) await o.onEvent(eventJson(e));
      });
      await sub.done;
    },
    stats: async () => {
      const s = await store.stats();
      return { events: Number(s.events), streams: Number(s.streams), head: s.head, store: store.kind, storeVersion: version };
    },
    close: () => store.close(),
  };
}

function filterOf(o: { types?: string[]; categories?: string[]; prefix?: string; stream?: string }): LogFilter {
  return { types: o.types, categories: o.categories, streamIdPrefix: o.stream ?? o.prefix };
}
