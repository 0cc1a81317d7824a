// Uniqueness helpers above the port: rebuild the claims table from the `$uniques` records in the global log.
import { LogbookError } from '../errors.js';
import { UNIQUES_METADATA_KEY, type EventStore } from '../event-store.js';
import type { JsonValue } from '../json.js';
import type { UniqueClaim } from '../port.js';
import { START } from '../position.js';

export interface RebuildUniquesResult {
  /** Events that carried claims or releases. */
  appends: number;
  claims: number;
  releases: number;
}

const asClaims = (value: JsonValue | undefined): UniqueClaim[] =>
  Array.isArray(value)
    ? value.flatMap((c) =>
        c && typeof c === 'object' && !Array.isArray(c) && typeof c.scope === 'string' && typeof c.value === 'string'
          ? [{ scope: c.scope, value: c.value, owner: String(c.owner) }]
          : [],
      )
    : [];

/**
 * Resets the store's claims and replays every `$uniques` record of the log in order. Claims are derived state:
 * run this after a restore or a bug, while writers are paused (appends during the replay may be lost from the table).
 */
export async function rebuildUniques(store: EventStore, options: { batchSize?: number } = {}): Promise<RebuildUniquesResult> {
  const port = store.port.uniques;
  if (!port) throw new LogbookError('capability_missing', `the ${store.kind} store has no uniqueness constraints`);
  await port.reset();
  const result: RebuildUniquesResult = { appends: 0, claims: 0, releases: 0 };
  let from = START;
  for (;;) {
    // The raw port: upcasters must not be able to alter what was recorded.
    const page = await store.port.readAll({ from, limit: options.batchSize ?? 1000 });
    for (const e of page.events) {
      const record = e.metadata[UNIQUES_METADATA_KEY];
      if (!record || typeof record !== 'object' || Array.isArray(record)) continue;
      const claims = asClaims(record.claim);
      const releases = asClaims(record.release);
      await port.apply(claims, releases);
      result.appends++;
      result.claims += claims.length;
      result.releases += releases.length;
    }
    if (page.atEnd) return result;
    from = page.next;
  }
}

/** Who holds `value` in `scope` (the claiming stream by default), or undefined. */
export async function uniqueOwner(store: EventStore, scope: string, value: string): Promise<string | undefined> {
  const port = store.port.uniques;
  if (!port) throw new LogbookError('capability_missing', `the ${store.kind} store has no uniqueness constraints`);
  return port.owner(scope, value);
}
