// The memory store's side tables (documents, checkpoints, leases, snapshots, uniques) and the overlay that makes transactions atomic.
import { LogbookError } from '../errors.js';
import type { JsonValue } from '../json.js';
import type { DocumentEntry, DocumentWriter, Fence, Lease, StoredSnapshot, UniqueClaim } from '../port.js';
import type { Position } from '../position.js';

const DELETED = Symbol('deleted');

/** A map seen through uncommitted changes: readers outside the transaction keep seeing `base` until commit(). */
export class Overlay<V> {
  private readonly changes = new Map<string, V | typeof DELETED>();
  constructor(readonly base: Map<string, V>) {}

  get(key: string): V | undefined {
    const c = this.changes.get(key);
    if (c === DELETED) return undefined;
    return c !== undefined ? c : this.base.get(key);
  }
  set(key: string, value: V): void {
    this.changes.set(key, value);
  }
  delete(key: string): void {
    this.changes.set(key, DELETED);
  }
  keys(): string[] {
    const out = new Set(this.base.keys());
    for (const [k, v] of this.changes) {
      if (v === DELETED) out.delete(k);
      else out.add(k);
    }
    return [...out];
  }
  commit(): void {
    for (const [k, v] of this.changes) {
      if (v === DELETED) this.base.delete(k);
      else this.base.set(k, v);
    }
    this.changes.clear();
  }
}

export interface Tables {
  /** key: collection \0 id */
  documents: Map<string, JsonValue>;
  checkpoints: Map<string, { position: Position; updatedAt: string }>;
  /** key: group \0 partition */
  leases: Map<string, Lease>;
  /** key: group \0 member -> expiry (ms since epoch) */
  members: Map<string, number>;
  /** key: streamId \0 name */
  snapshots: Map<string, StoredSnapshot>;
  /** key: scope \0 value -> owner */
  uniques: Map<string, string>;
}

export const emptyTables = (): Tables => ({
  documents: new Map(),
  checkpoints: new Map(),
  leases: new Map(),
  members: new Map(),
  snapshots: new Map(),
  uniques: new Map(),
});

export const key2 = (a: string, b: string | number): string => `${a}\u0000${b}`;

export const freezeJson = <T>(value: T): T => deepFreeze(JSON.parse(JSON.stringify(value)) as T);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function documentWriter(docs: Overlay<JsonValue>): DocumentWriter {
  return {
    get: async (collection, id) => docs.get(key2(collection, id)),
    list: async (collection, options = {}) => listDocuments(docs.keys(), (k) => docs.get(k), collection, options),
    put: async (collection, id, doc) => docs.set(key2(collection, id), freezeJson(doc)),
    delete: async (collection, id) => docs.delete(key2(collection, id)),
    deleteCollection: async (collection) => {
      for (const k of docs.keys()) if (k.startsWith(key2(collection, ''))) docs.delete(k);
    },
  };
}

export function listDocuments(
  keys: Iterable<string>,
  get: (key: string) => JsonValue | undefined,
  collection: string,
  options: { prefix?: string; after?: string; limit?: number },
): DocumentEntry[] {
  const head = key2(collection, '');
  const ids: string[] = [];
  for (const k of keys) {
    if (!k.startsWith(head)) continue;
    const id = k.slice(head.length);
    if (options.prefix !== undefined && !id.startsWith(options.prefix)) continue;
    if (options.after !== undefined && id <= options.after) continue;
    ids.push(id);
  }
  ids.sort();
  return ids.slice(0, options.limit ?? 1000).map((id) => ({ id, doc: get(key2(collection, id)) as JsonValue }));
}

export function checkFence(leases: Map<string, Lease>, fence: Fence | undefined): void {
  if (!fence) return;
  const lease = leases.get(key2(fence.group, fence.partition));
  if (!lease || lease.token !== fence.token || Date.parse(lease.expiresAt) < Date.now()) {
    throw new LogbookError(
      'lease_lost',
      `lease on ${fence.group}/${fence.partition} with token ${fence.token} is no longer held`,
      {
        group: fence.group,
        partition: fence.partition,
      },
    );
  }
}

/** Applies releases (only of values the releasing owner holds) then claims; returns the first violation. */
export function applyUniques(
  uniques: Overlay<string>,
  claims: readonly UniqueClaim[],
  releases: readonly UniqueClaim[],
): { scope: string; value: string; owner: string } | undefined {
  for (const r of releases) {
    const key = key2(r.scope, r.value);
    if (uniques.get(key) === r.owner) uniques.delete(key);
  }
  for (const c of claims) {
    const key = key2(c.scope, c.value);
    const holder = uniques.get(key);
    if (holder !== undefined && holder !== c.owner) return { scope: c.scope, value: c.value, owner: holder };
    uniques.set(key, c.owner);
  }
  return undefined;
}
