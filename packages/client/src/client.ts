// The typed HTTP client for the Logbook API v1: fetch-based, so it runs in browsers and in Node alike.
import { LogbookHttpError } from './errors.js';
import { type ClientSubscription, type SubscribeOptions, subscribeSse } from './subscribe.js';
import type {
  AppendResultJson,
  ConsumerJson,
  EventInput,
  ExpectedRevision,
  HealthJson,
  LogFilterInput,
  LogPage,
  RecordedEventJson,
  RelatedEvents,
  StatsJson,
  StreamListPage,
  StreamPage,
  StreamStatesPage,
  TransactionInput,
} from './types.js';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:4000 (a trailing slash is fine); '' for same-origin in a browser. */
  baseUrl: string;
  /** Bearer token, when the server requires one. */
  token?: string;
  /** Custom fetch (tests, proxies); defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Sent as X-Correlation-Id on every request, so server logs can be joined with the caller's. */
  correlationId?: string;
}

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export class LogbookClient {
  readonly baseUrl: string;
  token: string | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly correlationId: string | undefined;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    // Bound so that a browser's window.fetch is not called with the client as `this`.
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.correlationId = options.correlationId;
  }

  /** Builds an absolute or origin-relative URL for a path and query. */
  url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) {
        if (v.length > 0) params.set(k, v.join(','));
      } else params.set(k, String(v));
    }
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (this.correlationId) h['x-correlation-id'] = this.correlationId;
    return h;
  }

  /** Low-level request; resolves with the parsed body and status, throws LogbookHttpError on any non-2xx. */
  async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<{ status: number; body: T }> {
    const init: RequestInit = { method, headers: this.headers(), signal: options.signal };
    if (options.body !== undefined) {
      init.headers = this.headers({ 'content-type': 'application/json' });
      init.body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await this.fetchFn(this.url(path, options.query), init);
    } catch (e) {
      if (options.signal?.aborted) throw e;
      throw new LogbookHttpError(0, 'network_error', `cannot reach ${this.baseUrl || 'the server'}: ${errorText(e)}`);
    }
    if (!res.ok) throw await LogbookHttpError.fromResponse(res);
    return { status: res.status, body: (await res.json()) as T };
  }

  private async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return (await this.request<T>('GET', path, { query, signal })).body;
  }

  /** Appends events to one stream. An idempotent retry (same event ids) resolves with outcome 'already_appended'. */
  async append(
    streamId: string,
    events: EventInput[],
    options: { expectedRevision?: ExpectedRevision; signal?: AbortSignal } = {},
  ): Promise<AppendResultJson> {
    const body = { events, expectedRevision: options.expectedRevision };
    return (await this.request<AppendResultJson>('POST', `/v1/streams/${enc(streamId)}`, { body, signal: options.signal })).body;
  }

  /** Appends to several streams atomically; all or nothing. */
  async transaction(input: TransactionInput, signal?: AbortSignal): Promise<{ results: AppendResultJson[] }> {
    return (await this.request<{ results: AppendResultJson[] }>('POST', '/v1/transactions', { body: input, signal })).body;
  }

  /** One page of a stream. Throws `stream_not_found` (404) when it does not exist. */
  readStream(
    streamId: string,
    options: { from?: number; direction?: 'forward' | 'backward'; limit?: number; signal?: AbortSignal } = {},
  ): Promise<StreamPage> {
    const { signal, ...query } = options;
    return this.get(`/v1/streams/${enc(streamId)}`, query, signal);
  }

  /** Every event of a stream, page by page. */
  async *readStreamAll(
    streamId: string,
    options: { direction?: 'forward' | 'backward'; pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<RecordedEventJson> {
    let from: number | undefined;
    for (;;) {
      const page = await this.readStream(streamId, { ...options, from, limit: options.pageSize ?? 500 });
      yield* page.events;
      if (page.next === null) return;
      from = page.next;
    }
  }

  listStreams(options: { prefix?: string; after?: string; limit?: number; signal?: AbortSignal } = {}): Promise<StreamListPage> {
    const { signal, ...query } = options;
    return this.get('/v1/streams', query, signal);
  }

  /** One page of the global log strictly after `from` (default: the start). */
  readEvents(options: LogFilterInput & { from?: string; limit?: number; signal?: AbortSignal } = {}): Promise<LogPage> {
    const { signal, ...query } = options;
    return this.get('/v1/events', query, signal);
  }

  /** The global log from `from` to its current end, page by page. */
  async *readEventsAll(
    options: LogFilterInput & { from?: string; pageSize?: number; signal?: AbortSignal } = {},
  ): AsyncGenerator<RecordedEventJson> {
    let from = options.from;
    for (;;) {
      const page = await this.readEvents({ ...options, from, limit: options.pageSize ?? 1000 });
      yield* page.events;
      if (page.atEnd) return;
      from = page.next;
    }
  }

  /** One event by id; throws `event_not_found` (404). */
  event(id: string, signal?: AbortSignal): Promise<RecordedEventJson> {
    return this.get(`/v1/events/${enc(id)}`, undefined, signal);
  }

  /** The event's causation chain, the events it caused and those sharing its correlation id. */
  related(id: string, signal?: AbortSignal): Promise<RelatedEvents> {
    return this.get(`/v1/events/${enc(id)}/related`, undefined, signal);
  }

  stats(signal?: AbortSignal): Promise<StatsJson> {
    return this.get('/v1/stats', undefined, signal);
  }

  async consumers(signal?: AbortSignal): Promise<ConsumerJson[]> {
    return (await this.get<{ consumers: ConsumerJson[] }>('/v1/consumers', undefined, signal)).consumers;
  }

  /** Time travel: the state after each event (when the server knows a view for the stream), or as of `at`. */
  streamStates(
    streamId: string,
    options: { from?: number; limit?: number; at?: string | Date; signal?: AbortSignal } = {},
  ): Promise<StreamStatesPage> {
    const { signal, at, ...rest } = options;
    const query: Query = { ...rest, at: at instanceof Date ? at.toISOString() : at };
    return this.get(`/v1/streams/${enc(streamId)}/states`, query, signal);
  }

  /** Resolves with the health body, also when the server answers 503 (status 'unavailable'). */
  async health(signal?: AbortSignal): Promise<HealthJson> {
    try {
      return await this.get<HealthJson>('/v1/health', undefined, signal);
    } catch (e) {
      if (e instanceof LogbookHttpError && e.status === 503) {
        return { status: 'unavailable', store: String(e.details.store ?? ''), version: '', uptimeSeconds: 0 };
      }
      throw e;
    }
  }

  /** Follows the global log (or one stream) over SSE, reconnecting and resuming after the last event received. */
  subscribe(options: SubscribeOptions): ClientSubscription {
    return subscribeSse(this, this.fetchFn, options);
  }
}

const enc = (s: string) => encodeURIComponent(s);

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}
