// Memoised world queries: a result is reused while every state it read is still the very same (immutable) object.
interface Readable {
  get(name: string): unknown;
}

export type Memo<V, A extends unknown[], R> = ((view: V, ...args: A) => R) & {
  /** Calls that returned a cached result (for tests and metrics). */
  readonly hits: number;
  readonly misses: number;
};

interface Entry<R> {
  result: R;
  reads: Map<string, unknown>;
}

export function memoize<V extends Readable, A extends unknown[], R>(query: (view: V, ...args: A) => R): Memo<V, A, R> {
  const cache = new Map<string, Entry<R>>();
  let hits = 0;
  let misses = 0;
  const call = (view: V, ...args: A): R => {
    const key = JSON.stringify(args, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    const entry = cache.get(key);
    if (entry && [...entry.reads].every(([name, state]) => view.get(name) === state)) {
      hits++;
      return entry.result;
    }
    misses++;
    const reads = new Map<string, unknown>();
    // A view that records which states the query looked at; everything else passes through.
    const tracking = new Proxy(view, {
      get(target, prop, receiver) {
        if (prop === 'get') {
          return (name: string) => {
            const state = target.get(name);
            reads.set(name, state);
            return state;
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const result = query(tracking, ...args);
    cache.set(key, { result, reads });
    return result;
  };
  return Object.defineProperties(call, {
    hits: { get: () => hits },
    misses: { get: () => misses },
  }) as Memo<V, A, R>;
}
