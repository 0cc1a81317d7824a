// Hash routing: the server only has to serve index.html at `/`, and every view has a shareable URL.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'overview' }
  | { page: 'streams'; prefix: string; category: string; after: string }
  | { page: 'stream'; streamId: string; direction: 'forward' | 'backward'; from: string }
  | { page: 'travel'; streamId: string; revision: string }
  | { page: 'event'; eventId: string }
  | { page: 'live'; types: string; categories: string; prefix: string }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [head, id, sub] = parts;
  if (!head) return { page: 'overview' };
  if (head === 'streams' && id === undefined) {
    return { page: 'streams', prefix: q.get('prefix') ?? '', category: q.get('category') ?? '', after: q.get('after') ?? '' };
  }
  if (head === 'streams' && id !== undefined && sub === 'travel') {
    return { page: 'travel', streamId: id, revision: q.get('rev') ?? '' };
  }
  if (head === 'streams' && id !== undefined && sub === undefined) {
    const direction = q.get('dir') === 'forward' ? 'forward' : 'backward';
    return { page: 'stream', streamId: id, direction, from: q.get('from') ?? '' };
  }
  if (head === 'events' && id !== undefined) return { page: 'event', eventId: id };
  if (head === 'live') {
    return { page: 'live', types: q.get('types') ?? '', categories: q.get('categories') ?? '', prefix: q.get('prefix') ?? '' };
  }
  return { page: 'not-found', path };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Builders for every link in the app, so URL shapes live in one place. */
export const href = {
  overview: () => '#/',
  streams: (p: { prefix?: string; category?: string; after?: string } = {}) => '#' + withQuery('/streams', p),
  stream: (id: string, p: { dir?: 'forward' | 'backward'; from?: string } = {}) =>
    '#' + withQuery(`/streams/${encodeURIComponent(id)}`, { dir: p.dir === 'forward' ? 'forward' : undefined, from: p.from }),
  travel: (id: string, rev?: string) => '#' + withQuery(`/streams/${encodeURIComponent(id)}/travel`, { rev }),
  event: (id: string) => `#/events/${encodeURIComponent(id)}`,
  live: (p: { types?: string; categories?: string; prefix?: string } = {}) => '#' + withQuery('/live', p),
};

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else location.hash = to.replace(/^#/, '');
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
