// Projection definitions and their versioned document space: `name@vN:collection`, with an alias naming the active version.
import { LogbookError } from '../errors.js';
import type { RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import type { JsonValue } from '../json.js';
import type { DocumentReader, DocumentWriter, TransactionContext } from '../port.js';

export interface ProjectionContext {
  /** Documents of this projection version; collection names are the logical ones declared in `collections`. */
  documents: DocumentWriter;
  /** The store's own transaction handle (better-sqlite3 Database, pg client) for custom tables. */
  native: unknown;
}

export interface Projection {
  name: string;
  /** Bump to rebuild beside the old version (blue/green); default 1. */
  version?: number;
  /** Event types the projection applies; default every type (system streams are never applied). */
  handles?: readonly string[];
  /** Every collection the projection writes: a reset clears exactly these. */
  collections: readonly string[];
  apply(event: RecordedEvent, context: ProjectionContext): Promise<void> | void;
}

/** Collection of projection bookkeeping documents: aliases (`name`) and build states (`name@vN`). */
export const PROJECTIONS_COLLECTION = '$projections';

export const versionOf = (p: Projection): number => p.version ?? 1;
export const versionedName = (name: string, version: number): string => `${name}@v${version}`;
export const physicalCollection = (name: string, version: number, collection: string): string =>
  `${versionedName(name, version)}:${collection}`;
export const projectionCheckpointName = (p: Projection): string => `projection:${versionedName(p.name, versionOf(p))}`;

export function defineProjection<P extends Projection>(projection: P): P {
  if (!projection.name || projection.name.includes('@') || projection.name.includes(':')) {
    throw new LogbookError('invalid_request', 'a projection needs a name without "@" or ":"', { name: projection.name });
  }
  const v = projection.version ?? 1;
  if (!Number.isInteger(v) || v < 1) throw new LogbookError('invalid_request', 'a projection version is a positive integer');
  return projection;
}

export function handlesEvent(p: Projection, event: RecordedEvent): boolean {
  if (event.streamId.startsWith('$')) return false;
  return !p.handles || p.handles.includes(event.type);
}

function checkCollection(p: Projection, collection: string): void {
  if (!p.collections.includes(collection)) {
    throw new LogbookError('invalid_request', `projection ${p.name} did not declare the collection ${collection}`, {
      projection: p.name,
      collection,
    });
  }
}

/** A writer that maps the projection's logical collections onto its version's physical ones. */
export function scopedWriter(p: Projection, version: number, inner: DocumentWriter): DocumentWriter {
  const phys = (c: string) => {
    checkCollection(p, c);
    return physicalCollection(p.name, version, c);
  };
  return {
    get: (c, id) => inner.get(phys(c), id),
    list: (c, options) => inner.list(phys(c), options),
    put: (c, id, doc) => inner.put(phys(c), id, doc),
    delete: (c, id) => inner.delete(phys(c), id),
    deleteCollection: (c) => inner.deleteCollection(phys(c)),
  };
}

export function projectionContext(p: Projection, tx: Pick<TransactionContext, 'documents' | 'native'>): ProjectionContext {
  return { documents: scopedWriter(p, versionOf(p), tx.documents), native: tx.native };
}

/** Reads the alias: the version readers see, or undefined before any version was activated. */
export async function activeVersion(reader: DocumentReader, name: string): Promise<number | undefined> {
  const alias = (await reader.get(PROJECTIONS_COLLECTION, name)) as { version?: number } | undefined;
  return typeof alias?.version === 'number' ? alias.version : undefined;
}

/** Points the alias at `version` unless a newer version is already active; true when it changed. */
export async function activate(documents: DocumentWriter, name: string, version: number): Promise<boolean> {
  const current = await activeVersion(documents, name);
  if (current !== undefined && current >= version) return false;
  await documents.put(PROJECTIONS_COLLECTION, name, { version, activatedAt: new Date().toISOString() } as JsonValue);
  return true;
}

/** Read access to a projection by name: each call follows the alias, so a blue/green swap is seen at once. */
export function projectionReader(store: EventStore, name: string): DocumentReader & { version(): Promise<number | undefined> } {
  const docs = store.port.documents;
  if (!docs) throw new LogbookError('capability_missing', `the ${store.kind} store keeps no documents`);
  const resolve = async (collection: string) => {
    const version = await activeVersion(docs, name);
    return version === undefined ? undefined : physicalCollection(name, version, collection);
  };
  return {
    version: () => activeVersion(docs, name),
    get: async (collection, id) => {
      const phys = await resolve(collection);
      return phys === undefined ? undefined : docs.get(phys, id);
    },
    list: async (collection, options) => {
      const phys = await resolve(collection);
      return phys === undefined ? [] : docs.list(phys, options);
    },
  };
}
