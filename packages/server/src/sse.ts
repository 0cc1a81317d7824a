// Server-Sent Events for /v1/subscribe: a core catch-up subscription written to a bounded stream.
// Backpressure reaches the subscription (it waits for the client); a client that stays stalled past the timeout,
// or lets the queue grow past the byte bound, is cut off and resumes with Last-Event-ID.
import type { EventStore, LogFilter, Position, RecordedEvent } from '@logbook/core';
import { eventJson } from './wire.js';

export interface SseOptions {
  store: EventStore;
  from: 'start' | 'end' | Position;
  filter: LogFilter;
  /** Final say on each event (exact stream match, token permissions). */
  match: (e: RecordedEvent) => boolean;
  heartbeatMs: number;
  /** Bytes queued for one client before it is cut off. */
  maxBufferBytes: number;
  /** How long one client may stall the stream before it is cut off. */
  slowClientMs: number;
  /** Aborted on server shutdown: the stream then ends cleanly. */
  shutdown: AbortSignal;
  /** Drops the connection at once (Node: destroy the socket); without it the stream errors. */
  cutConnection?: () => void;
  onOpen?: () => void;
  onClose?: (reason: string) => void;
}

const encoder = new TextEncoder();
const sseType = (t: string) => t.replace(/[\r\n]+/g, ' ');

export function sseStream(o: SseOptions): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stop = new AbortController();
  let closed = false;
  let drained: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lastCaughtUp = '';

  const finish = (reason: string, cut = false) => {
    if (closed) return;
    closed = true;
    stop.abort();
    if (heartbeat) clearInterval(heartbeat);
    o.shutdown.removeEventListener('abort', onShutdown);
    drained?.();
    try {
      if (!cut) controller.close();
      else if (o.cutConnection) o.cutConnection();
      else controller.error(new Error(reason));
    } catch {
      // already closed by the consumer
    }
    o.onClose?.(reason);
  };
  const onShutdown = () => finish('server shutting down');

  const push = (text: string): boolean => {
    if (closed) return false;
    controller.enqueue(encoder.encode(text));
    if ((controller.desiredSize ?? 0) < -o.maxBufferBytes) {
      finish('slow client: buffer limit', true);
      return false;
    }
    return true;
  };

  // Waits until the consumer pulls again, or cuts the client off when it stays stalled.
  const drain = async (): Promise<void> => {
    if (closed || (controller.desiredSize ?? 1) > 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        finish('slow client: stalled', true);
        resolve();
      }, o.slowClientMs);
      drained = () => {
        clearTimeout(timer);
        drained = undefined;
        resolve();
      };
    });
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (o.shutdown.aborted) return finish('server shutting down');
        o.shutdown.addEventListener('abort', onShutdown, { once: true });
        o.onOpen?.();
        push('retry: 1000\n: connected\n\n');
        heartbeat = setInterval(() => push(': heartbeat\n\n'), o.heartbeatMs);
        const sub = o.store.subscribe(
          {
            from: o.from,
            filter: o.filter,
            signal: stop.signal,
            onCaughtUp: (position) => {
              if (position === lastCaughtUp) return;
              lastCaughtUp = position;
              push(`: caught-up ${position}\n\n`);
            },
          },
          async (e) => {
            if (closed || !o.match(e)) return;
            const json = JSON.stringify(eventJson(e));
            if (push(`id: ${e.position}\nevent: ${sseType(e.type)}\ndata: ${json}\n\n`)) await drain();
          },
        );
        sub.done.then(
          () => finish('stopped'),
          () => finish('store error', true),
        );
      },
      pull() {
        drained?.();
      },
      cancel() {
        finish('client disconnected');
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
