// SSE subscriptions over fetch: parse with eventsource-parser, reconnect with Last-Event-ID, never deliver an event twice.
import { type EventSourceMessage, createParser } from 'eventsource-parser';
import type { LogbookClient } from './client.js';
import { LogbookHttpError } from './errors.js';
import { comparePositions } from './position.js';
import type { LogFilterInput, RecordedEventJson } from './types.js';

export type SubscriptionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SubscribeOptions extends LogFilterInput {
  /** 'start' (default), 'end', or a position: delivery starts strictly after it. */
  from?: 'start' | 'end' | string;
  /** Follow one stream only. */
  stream?: string;
  /** Called once per event, in log order; the next event waits for a returned promise. */
  onEvent: (event: RecordedEventJson) => void | Promise<void>;
  /** Called each time the server reports it has sent everything there was (live from here). */
  onCaughtUp?: (position: string) => void;
  onStatus?: (status: SubscriptionStatus, error?: unknown) => void;
  signal?: AbortSignal;
  /** Reconnect backoff; default 250 ms doubling to 10 s. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long; default 45 s. */
  idleTimeoutMs?: number;
}

export interface ClientSubscription {
  /** Resolves when closed; rejects on an error that retrying cannot fix (401, 403, 400...). */
  readonly done: Promise<void>;
  close(): void;
  /** Position after which a new subscription would resume. */
  position(): string | undefined;
}

const FATAL = new Set([400, 401, 403, 404, 413]);

export function subscribeSse(client: LogbookClient, fetchFn: typeof fetch, options: SubscribeOptions): ClientSubscription {
  const stopper = new AbortController();
  const signal = options.signal ? anySignal([options.signal, stopper.signal]) : stopper.signal;
  let resumeAfter: string | undefined =
    options.from && options.from !== 'start' && options.from !== 'end' ? options.from : undefined;
  let lastDelivered: string | undefined;
  const status = (s: SubscriptionStatus, e?: unknown) => options.onStatus?.(s, e);

  async function connectOnce(): Promise<void> {
    const query = {
      from: resumeAfter === undefined ? (options.from ?? 'start') : undefined,
      stream: options.stream,
      types: options.types,
      categories: options.categories,
      prefix: options.prefix,
    };
    const headers = client.headers({ accept: 'text/event-stream' });
    if (resumeAfter !== undefined) headers['last-event-id'] = resumeAfter;
    const attempt = new AbortController();
    const attemptSignal = anySignal([signal, attempt.signal]);
    const idleMs = options.idleTimeoutMs ?? 45_000;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => attempt.abort(), idleMs);
    };
    try {
      touch();
      const res = await fetchFn(client.url('/v1/subscribe', query), { headers, signal: attemptSignal });
      if (!res.ok) throw await LogbookHttpError.fromResponse(res);
      if (!res.body) throw new LogbookHttpError(res.status, 'invalid_response', 'the server sent no event stream');
      status('open');
      const queue: EventSourceMessage[] = [];
      const comments: string[] = [];
      const parser = createParser({ onEvent: (m) => queue.push(m), onComment: (c) => comments.push(c) });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          touch();
          parser.feed(value);
          while (queue.length > 0) {
            const m = queue.shift() as EventSourceMessage;
            if (!m.data) continue;
            const event = JSON.parse(m.data) as RecordedEventJson;
            // A duplicate can only come from a resume overlapping what we saw; drop it rather than deliver twice.
            if (lastDelivered !== undefined && comparePositions(event.position, lastDelivered) <= 0) continue;
            await options.onEvent(event);
            lastDelivered = event.position;
            resumeAfter = m.id ?? event.position;
            if (signal.aborted) return;
          }
          for (const c of comments.splice(0)) {
            const match = /^\s*caught-up (\S+)/.exec(c);
            if (match?.[1]) {
              // Lets a resume skip a filtered-out stretch, and pins 'end' to a concrete position.
              if (resumeAfter === undefined || comparePositions(match[1], resumeAfter) > 0) resumeAfter = match[1];
              options.onCaughtUp?.(match[1]);
            }
          }
        }
      } finally {
        reader.cancel().catch(() => {});
      }
    } finally {
      if (idle) clearTimeout(idle);
    }
  }

  const done = (async () => {
    let delay = options.retryInitialMs ?? 250;
    const maxDelay = options.retryMaxMs ?? 10_000;
    status('connecting');
    while (!signal.aborted) {
      const before = lastDelivered;
      try {
        await connectOnce();
      } catch (e) {
        if (signal.aborted) break;
        if (e instanceof LogbookHttpError && FATAL.has(e.status)) {
          status('closed', e);
          throw e;
        }
        status('reconnecting', e);
      }
      if (signal.aborted) break;
      if (lastDelivered !== before) delay = options.retryInitialMs ?? 250;
      status('reconnecting');
      await sleep(delay, signal);
      delay = Math.min(delay * 2, maxDelay);
    }
    status('closed');
  })();
  done.catch(() => {});

  return {
    done,
    close: () => stopper.abort(),
    position: () => resumeAfter,
  };
}

/** AbortSignal.any where it exists (browsers from 2023-24, Node 20), a listener-based equivalent elsewhere. */
function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
