// The one Logbook client the UI uses, its bearer token, and a hook that loads data and reports 401s.
import { LogbookClient, LogbookHttpError } from '@logbook/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

const TOKEN_KEY = 'logbook.token';

function storedToken(): string | undefined {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

// Same origin: the server serves this UI, so relative URLs reach the API.
export const client = new LogbookClient({ baseUrl: '', token: storedToken() });

type Listener = () => void;
const authListeners = new Set<Listener>();
const tokenListeners = new Set<Listener>();
let authNeeded = false;

export function isAuthNeeded(): boolean {
  return authNeeded;
}

export function onAuthChange(fn: Listener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

/** Called when any request gets 401: the shell shows the token field. */
export function reportUnauthorized(): void {
  if (authNeeded) return;
  authNeeded = true;
  for (const fn of authListeners) fn();
}

export function setToken(token: string | undefined): void {
  client.token = token || undefined;
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // private mode: the token lives for this page only
  }
  authNeeded = false;
  for (const fn of authListeners) fn();
  for (const fn of tokenListeners) fn();
}

export function hasToken(): boolean {
  return Boolean(client.token);
}

/** A counter that changes when the token changes, so pages reload with the new one. */
export function useTokenEpoch(): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    const fn = () => setEpoch((n) => n + 1);
    tokenListeners.add(fn);
    return () => tokenListeners.delete(fn);
  }, []);
  return epoch;
}

export function errorMessage(e: unknown): string {
  if (e instanceof LogbookHttpError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export function isNotFound(e: unknown): boolean {
  return e instanceof LogbookHttpError && e.status === 404;
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `deps` change (aborting the previous run) and keeps the last data while reloading,
 * so polling and paging never flash an empty page.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const epoch = useTokenEpoch();
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (first: boolean) => {
      if (first) setLoading(true);
      try {
        const value = await loadRef.current(ctrl.signal);
        if (ctrl.signal.aborted) return;
        setData(value);
        setError(undefined);
      } catch (e) {
        if (ctrl.signal.aborted) return;
        if (e instanceof LogbookHttpError && e.status === 401) reportUnauthorized();
        setError(e);
      } finally {
        if (!ctrl.signal.aborted) setLoading(false);
      }
      if (pollMs && !ctrl.signal.aborted) timer = setTimeout(() => run(false), pollMs);
    };
    void run(true);
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick, epoch]);

  return { data, error, loading, reload };
}
