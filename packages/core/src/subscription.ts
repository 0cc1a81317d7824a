// Catch-up subscriptions: read pages from the store, then wait for a change notification (or a slow poll) and read again.
// Live delivery is the same read loop as catch-up, so there is no switch-over where events could be missed or repeated.
import { LogbookError, isLogbookError } from './errors.js';
import type { LogFilter, RecordedEvent } from './event.js';
import type { StorePort } from './port.js';
import { type Position, START, parsePosition } from './position.js';
import { Waker, sleep } from './waker.js';

export interface SubscriptionOptions {
  /** Global log: 'start', 'end', or a position (exclusive: delivery starts after it). Default 'start'. */
  from?: 'start' | 'end' | Position | string;
  filter?: LogFilter;
  /** Follow one stream instead of the global log; `fromRevision` then applies. */
  stream?: string;
  /** For stream subscriptions: 'start', 'end', or the last revision already seen (exclusive). */
  fromRevision?: 'start' | 'end' | bigint;
  signal?: AbortSignal;
  /** Events per read; default 500. */
  batchSize?: number;
  /** Fallback poll interval; default 1000 ms with store notifications, 50 ms without. */
  pollIntervalMs?: number;
  /** Called each time the subscription reaches the end of the log. */
  onCaughtUp?: (position: Position) => void;
}

export type SubscriptionHandler = (event: RecordedEvent) => Promise<void> | void;

export interface Subscription {
  /** Resolves when stopped; rejects with the handler's or the store's error. */
  readonly done: Promise<void>;
  /** Resolves the first time the subscription has delivered everything there was. */
  readonly caughtUp: Promise<void>;
  /** Position of the last event handled (global subscriptions) or START. */
  position(): Position;
  /** Revision of the last event handled (stream subscriptions), or undefined. */
  revision(): bigint | undefined;
  stop(): Promise<void>;
}

const RETRY_MAX_MS = 5_000;

export function subscribe(
  port: StorePort,
  options: SubscriptionOptions,
  handler: SubscriptionHandler,
  upcast: (e: RecordedEvent) => RecordedEvent = (e) => e,
): Subscription {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const waker = new Waker();
  const unlisten = port.onAppend?.(waker.notify);
  const pollMs = options.pollIntervalMs ?? (port.onAppend ? 1000 : 50);
  const batch = Math.max(1, Math.min(options.batchSize ?? 500, 10_000));
  let position: Position = START;
  let revision: bigint | undefined;
  let markCaughtUp: () => void = () => {};
  let failCaughtUp: (e: unknown) => void = () => {};
  const caughtUp = new Promise<void>((resolve, reject) => {
    markCaughtUp = resolve;
    failCaughtUp = reject;
  });
  caughtUp.catch(() => {});

  // Retries reads that failed because the store was unreachable; anything else ends the subscription.
  async function withRetry<T>(read: () => Promise<T>): Promise<T | undefined> {
    let delay = 50;
    for (;;) {
      try {
        return await read();
      } catch (e) {
        if (!isLogbookError(e, 'store_unavailable') || signal.aborted) throw e;
        await sleep(delay, signal);
        if (signal.aborted) return undefined;
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }

  async function runGlobal(): Promise<void> {
    const from = options.from ?? 'start';
    if (from === 'end') position = (await withRetry(() => port.headPosition())) ?? START;
    else if (from !== 'start') position = parsePosition(from);
    while (!signal.aborted) {
      const page = await withRetry(() => port.readAll({ from: position, limit: batch, filter: options.filter }));
      if (!page) return;
      for (const event of page.events) {
        if (signal.aborted) return;
        await handler(upcast(event));
        position = event.position;
      }
      position = page.next;
      if (page.atEnd) {
        markCaughtUp();
        options.onCaughtUp?.(position);
        await waker.wait(pollMs, signal);
      }
    }
  }

  async function runStream(streamId: string): Promise<void> {
    const from = options.fromRevision ?? 'start';
    let next: bigint;
    if (from === 'end') {
      const info = await withRetry(() => port.streamInfo(streamId));
      next = info?.lastRevision === undefined ? 0n : info.lastRevision + 1n;
    } else next = from === 'start' ? 0n : from + 1n;
    while (!signal.aborted) {
      const page = await withRetry(() => port.readStream(streamId, { from: next, direction: 'forward', limit: batch }));
      if (page === undefined) return;
      for (const event of page ?? []) {
        if (signal.aborted) return;
        await handler(upcast(event));
        revision = event.revision;
        position = event.position;
        next = event.revision + 1n;
      }
      if (!page || page.length < batch) {
        markCaughtUp();
        options.onCaughtUp?.(position);
        await waker.wait(pollMs, signal);
      }
    }
  }

  const done = (async () => {
    try {
      if (options.stream !== undefined) await runStream(options.stream);
      else await runGlobal();
    } catch (e) {
      failCaughtUp(e);
      throw e;
    } finally {
      unlisten?.();
      failCaughtUp(new LogbookError('store_closed', 'subscription stopped before it caught up'));
    }
  })();

  return {
    done,
    caughtUp,
    position: () => position,
    revision: () => revision,
    stop: async () => {
      controller.abort();
      await done.catch(() => {});
    },
  };
}
