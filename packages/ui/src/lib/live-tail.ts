// Live tail state: an SSE subscription with bounded display, pause that buffers, and resume from the last position.
import { type ClientSubscription, LogbookHttpError, type RecordedEventJson, type SubscriptionStatus } from '@logbook/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { client, reportUnauthorized, useTokenEpoch } from './api.js';

/** Rows kept on screen; older ones stay reachable through the stream pages. */
export const DISPLAY_LIMIT = 500;
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
    arrivals: [] as number[],
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
          s.lastPosition = ev.position;
          s.arrivals.push(Date.now());
          if (!s.paused) {
            s.incoming.push(ev);
            return;
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
    const timer = setInterval(() => {
      const now = Date.now();
      s.arrivals = s.arrivals.filter((t) => now - t < 5000);
      if (s.incoming.length > 0) {
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
        rate: s.arrivals.length / 5,
      });
    }, 100);
    return () => {
      clearInterval(timer);
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
