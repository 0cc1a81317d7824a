// Event versioning: upcasters per (event type, schema version), chained on every read path above the port.
import { LogbookError } from '../errors.js';
import type { ProposedEvent, RecordedEvent } from '../event.js';
import type { EventStore, EventStoreExtension } from '../event-store.js';
import type { JsonValue } from '../json.js';

/** Metadata key holding the schema version an event was written with; events without it are version 1. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

export interface Upcaster {
  /** Event type as stored at `fromVersion`. */
  type: string;
  /** The version this upcaster reads; it produces `fromVersion + 1`. */
  fromVersion: number;
  /** New data for the next version (may read the whole event, e.g. its metadata or recordedAt). */
  upcast: (data: JsonValue, event: RecordedEvent) => JsonValue;
  /** Renames the type at the next version (its further upcasters are then looked up under the new name). */
  toType?: string;
}

const key = (type: string, version: number) => `${version}\u0000${type}`;

export const schemaVersionOf = (event: Pick<RecordedEvent, 'metadata'>): number => {
  const v = event.metadata?.[SCHEMA_VERSION_KEY];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : 1;
};

export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly latest = new Map<string, number>();

  /** Registers upcasters; a second one for the same (type, version) is a programming error. */
  register(...upcasters: Upcaster[]): this {
    for (const u of upcasters) {
      if (!Number.isSafeInteger(u.fromVersion) || u.fromVersion < 1) {
        throw new LogbookError('invalid_request', `upcaster for ${u.type}: fromVersion must be an integer >= 1`);
      }
      const k = key(u.type, u.fromVersion);
      if (this.byKey.has(k)) throw new LogbookError('invalid_request', `two upcasters for ${u.type} v${u.fromVersion}`);
      this.byKey.set(k, u);
      const target = u.toType ?? u.type;
      this.latest.set(target, Math.max(this.latest.get(target) ?? 1, u.fromVersion + 1));
    }
    return this;
  }

  /** The schema version new events of this type are written with. */
  currentVersion(type: string): number {
    return this.latest.get(type) ?? 1;
  }

  /** Applies the chain from the event's stored version up to the current one. */
  upcast(event: RecordedEvent): RecordedEvent {
    const original = schemaVersionOf(event);
    let version = original;
    let current = event;
    for (let u = this.byKey.get(key(current.type, version)); u; u = this.byKey.get(key(current.type, version))) {
      const data = u.upcast(current.data, current);
      version = u.fromVersion + 1;
      current = { ...current, type: u.toType ?? current.type, data };
    }
    if (version === original) return event;
    return { ...current, metadata: { ...current.metadata, [SCHEMA_VERSION_KEY]: version, upcastedFrom: original } };
  }

  /** Stamps a new event with the current schema version of its type (unless it carries one). */
  stamp(event: ProposedEvent): ProposedEvent {
    if (event.metadata[SCHEMA_VERSION_KEY] !== undefined) return event;
    return { ...event, metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: this.currentVersion(event.type) } };
  }

  extension(): EventStoreExtension {
    return { upcast: (e) => this.upcast(e), enrich: (e) => this.stamp(e) };
  }
}

/** Installs the registry on a store: upcasts on every read path and stamps schema versions on appends. */
export function useUpcasters(store: EventStore, upcasters: Upcasters): () => void {
  return store.use(upcasters.extension());
}
