// Inline projections: applied inside the append's transaction, so the read model is never out of step with the log.
import { LogbookError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { followLog } from '../consumers/log-follower.js';
import type { JsonValue } from '../json.js';
import { type Position, START, comparePositions } from '../position.js';
import {
  PROJECTIONS_COLLECTION,
  type Projection,
  activate,
  handlesEvent,
  projectionCheckpointName,
  projectionContext,
  versionOf,
  versionedName,
} from './projection.js';

/** Build state of one inline version: where inline application began, and whether the history before it is in. */
interface BuildState {
  inlineFrom?: string;
  built?: boolean;
}

export interface InlineProjectionHandle {
  /** Resolves when the history before this version was registered is replayed and the alias points at it. */
  readonly built: Promise<void>;
  /** Removes the hook and stops the builder. */
  stop(): Promise<void>;
}

/**
 * Registers `projection` as an inline hook. A version seen for the first time is built in the background:
 * the hook applies every new append from its first one (recorded as `inlineFrom`), and a builder replays the
 * history strictly before that point, each page in a transaction that re-reads the build state, then swaps the alias.
 * Stores that serialize transactions with appends (memory, SQLite) make the hand-over exact; see the guide for PostgreSQL.
 */
export function registerInlineProjection(store: EventStore, projection: Projection): InlineProjectionHandle {
  const transaction = store.port.transaction?.bind(store.port);
  if (!transaction) throw new LogbookError('capability_missing', `the ${store.kind} store has no transactions`);
  const key = versionedName(projection.name, versionOf(projection));
  const unregister = store.use({
    inline: async (tx, recorded) => {
      const state = (await tx.documents.get(PROJECTIONS_COLLECTION, key)) as BuildState | undefined;
      const first = recorded[0];
      if (!state && first) await tx.documents.put(PROJECTIONS_COLLECTION, key, { inlineFrom: first.position });
      const ctx = projectionContext(projection, tx);
      for (const event of recorded) if (handlesEvent(projection, event)) await projection.apply(event, ctx);
    },
  });
  const controller = new AbortController();
  const built = buildHistory(store, projection, key, controller.signal);
  built.catch(() => {});
  return {
    built,
    stop: async () => {
      unregister();
      controller.abort();
      await built.catch(() => {});
    },
  };
}

async function buildHistory(store: EventStore, projection: Projection, key: string, signal: AbortSignal): Promise<void> {
  const port = store.port;
  const transaction = port.transaction?.bind(port) as NonNullable<typeof port.transaction>;
  const checkpointName = projectionCheckpointName(projection);
  const markBuilt = async (tx: Parameters<Parameters<typeof transaction>[0]>[0], state: BuildState | undefined) => {
    await tx.documents.put(PROJECTIONS_COLLECTION, key, { ...state, built: true } as JsonValue);
    await activate(tx.documents, projection.name, versionOf(projection));
  };
  const initial = (await port.documents?.get(PROJECTIONS_COLLECTION, key)) as BuildState | undefined;
  if (initial?.built) return;
  let finished = false;
  const from = (await port.checkpoints?.read(checkpointName)) ?? START;
  let cursor: Position = from;
  const stopper = new AbortController();
  const loopSignal = AbortSignal.any([signal, stopper.signal]);
  await followLog(store, { from, signal: loopSignal, batchSize: 500 }, async (page) => {
    await transaction(async (tx) => {
      const state = (await tx.documents.get(PROJECTIONS_COLLECTION, key)) as BuildState | undefined;
      if (state?.built) {
        finished = true;
        return;
      }
      const limit = state?.inlineFrom as Position | undefined;
      const ctx = projectionContext(projection, tx);
      let applied: Position = cursor;
      for (const event of page.events) {
        if (limit !== undefined && comparePositions(event.position, limit) >= 0) {
          finished = true;
          break;
        }
        if (handlesEvent(projection, event)) await projection.apply(event, ctx);
        applied = event.position;
      }
      if (!finished) applied = page.next;
      // The checkpoint is saved even on the last page: should a concurrent first inline append overwrite the
      // "built" mark (possible under READ COMMITTED), a later builder resumes here and re-applies nothing.
      await tx.saveCheckpoint(checkpointName, applied);
      // At the end with no inline append yet: from here on the hook alone keeps the version current.
      if (finished || (page.atEnd && limit === undefined)) {
        finished = true;
        await markBuilt(tx, state);
      }
    });
    if (finished) stopper.abort();
    cursor = page.next;
    return page.next;
  });
  if (!finished && signal.aborted) throw new LogbookError('store_closed', `inline projection ${key} stopped before it was built`);
}
