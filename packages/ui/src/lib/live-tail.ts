// Live tail state: an SSE subscription with bounded display, pause that buffers, and resume from the last position.
import { type ClientSubscription, LogbookHttpError, type RecordedEventJson, type SubscriptionStatus } from '@logbook/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { client, reportUnauthorized, useTokenEpoch } from './api.js';

/** Rows kept on screen; older ones stay reachable through the stream pages. */
export const DISPLAY_LIMIT = 300;
/** Events held while paused; past this the subscription is closed and later resumed from the last buffered position. */
export const BUFFER_LIMIT = 5000;

export interface TailFilter {
  types: string[];
  categories: string[];
  prefix: string;
  from: 'end' | 'start';
}

export interface TailState {
  events: RecordedEventJson[];
  received: number;
  buffered: number;
  held: boolean;
  status: SubscriptionStatus;
  error: string;
  rate: number;
}

/**
 * Catching up on a large log delivers events back to back, which would starve rendering, input and timers.
 * After ~25 ms of intake, rest as long again: intake never takes more than about half the main thread.
 * The client waits for the promise before reading on, so the server simply sees a slower reader.
 */
function yieldNow(s: { lastYield: number }): Promise<void> | undefined {
  const now = performance.now();
  if (now - s.lastYield < 25) return undefined;
  return new Promise((resolve) =>
    setTimeout(() => {
      s.lastYield = performance.now();
      resolve();
    }, 25),
  );
}

export function useLiveTail(filter: TailFilter, paused: boolean): TailState {
  const epoch = useTokenEpoch();
  const [view, setView] = useState<TailState>({
    events: [],
    received: 0,
    buffered: 0,
    held: false,
    status: 'connecting',
    error: '',
    rate: 0,
  });
  const r = useRef({
    shown: [] as RecordedEventJson[],
    incoming: [] as RecordedEventJson[],
    buffer: [] as RecordedEventJson[],
    received: 0,
    lastPosition: undefined as string | undefined,
    sub: undefined as ClientSubscription | undefined,
    held: false,
    paused,
    status: 'connecting' as SubscriptionStatus,
    error: '',
    perTick: [] as { at: number; count: number }[],
    sinceTick: 0,
    lastYield: 0,
    start: undefined as (() => void) | undefined,
  });
  r.current.paused = paused;

  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    const s = r.current;
    s.shown = [];
    s.incoming = [];
    s.buffer = [];
    s.received = 0;
    s.held = false;
    s.lastPosition = undefined;
    const open = (from: string) => {
      s.sub?.close();
      s.sub = client.subscribe({
        from,
        types: filter.types,
        categories: filter.categories,
        prefix: filter.prefix || undefined,
        onEvent: (ev) => {
          s.received++;
          const yielded = s.paused ? undefined : yieldNow(s);
          s.lastPosition = ev.position;
          s.sinceTick++;
          if (!s.paused) {
            s.incoming.push(ev);
            // Only the newest rows can be shown; older ones between two renders would be dropped anyway.
            if (s.incoming.length > 2 * DISPLAY_LIMIT) s.incoming.splice(0, s.incoming.length - DISPLAY_LIMIT);
            return yielded;
          }
          s.buffer.push(ev);
          if (s.buffer.length >= BUFFER_LIMIT) {
            // Stop reading rather than grow without bound; resume picks up right after this event.
            s.held = true;
            s.sub?.close();
          }
        },
        onStatus: (status, error) => {
          if (s.held && status === 'closed') return;
          s.status = status;
          if (error instanceof LogbookHttpError && error.status === 401) reportUnauthorized();
          s.error = error instanceof Error ? error.message : '';
          if (status === 'open') s.error = '';
        },
      });
    };
    s.start = () => open(s.lastPosition ?? filter.from);
    open(filter.from);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = () => {
      const now = performance.now();
      s.perTick.push({ at: now, count: s.sinceTick });
      s.sinceTick = 0;
      while (s.perTick.length > 1 && now - s.perTick[0]!.at > 5000) s.perTick.shift();
      const span = Math.max(1000, now - s.perTick[0]!.at);
      const changed = s.incoming.length > 0;
      if (changed) {
        // Newest first; the cap keeps the DOM small however fast the log moves.
        s.shown = [...s.incoming.reverse(), ...s.shown].slice(0, DISPLAY_LIMIT);
        s.incoming = [];
      }
      setView({
        events: s.shown,
        received: s.received,
        buffered: s.buffer.length,
        held: s.held,
        status: s.held ? 'closed' : s.status,
        error: s.error,
        rate: (s.perTick.reduce((a, b) => a + b.count, 0) * 1000) / span,
      });
      // Render at most every 100 ms, and back off when rendering itself gets slow (a flood of new rows).
      setTimeout(() => {
        if (stopped) return;
        const cost = performance.now() - now;
        timer = setTimeout(tick, Math.min(1000, Math.max(100, changed ? cost * 3 : 100)));
      }, 0);
    };
    timer = setTimeout(tick, 100);
    return () => {
      stopped = true;
      clearTimeout(timer);
      s.sub?.close();
      s.sub = undefined;
    };
  }, [filterKey, epoch]);

  useEffect(() => {
    const s = r.current;
    if (paused) return;
    if (s.buffer.length > 0) {
      s.incoming.push(...s.buffer);
      s.buffer = [];
    }
    if (s.held) {
      s.held = false;
      s.start?.();
    }
  }, [paused]);

  return view;
}
