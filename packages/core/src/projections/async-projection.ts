// Async projections: a checkpointed follower whose writes and checkpoint commit in ONE store transaction (exactly once).
import { LogbookError, isLogbookError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import { followLog } from '../consumers/log-follower.js';
import { PositionTracker } from '../consumers/progress.js';
import type { Fence } from '../port.js';
import { type Position, START } from '../position.js';
import { sleep } from '../waker.js';
import {
  type Projection,
  activate,
  handlesEvent,
  projectionCheckpointName,
  projectionContext,
  scopedWriter,
  versionOf,
  versionedName,
} from './projection.js';

export interface ProjectionProgress {
  /** Events read in this run. */
  done: number;
  /** Events in the log when the run started (known when the run starts from the beginning). */
  total?: number;
  /** Events per second since the run started. */
  rate: number;
  /** Estimated milliseconds left, when `total` is known. */
  etaMs?: number;
  position: Position;
}

export interface ProjectionRunOptions {
  batchSize?: number;
  pollIntervalMs?: number;
  onProgress?: (progress: ProjectionProgress) => void;
  /** Point the alias at this version once it has caught up (blue/green swap); default true. */
  activateWhenCaughtUp?: boolean;
  onActivated?: (version: number) => void;
  /** Run in several processes, applied by one: the holder of a lease named after the projection version. */
  exclusive?: { owner: string; ttlMs?: number };
}

export interface ProjectionRunner {
  readonly name: string;
  readonly version: number;
  whenCaughtUp(): Promise<void>;
  waitFor(position: Position): Promise<void>;
  position(): Position;
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

export function startProjection(store: EventStore, projection: Projection, options: ProjectionRunOptions = {}): ProjectionRunner {
  const port = store.port;
  const transaction = port.transaction?.bind(port);
  if (!transaction || !port.checkpoints) {
    throw new LogbookError('capability_missing', `the ${store.kind} store has no transactions for async projections`);
  }
  const checkpoints = port.checkpoints;
  const version = versionOf(projection);
  const checkpointName = projectionCheckpointName(projection);
  const tracker = new PositionTracker();
  const controller = new AbortController();
  const signal = controller.signal;
  let activated = false;
  let markCaughtUp: () => void = () => {};
  const firstCaughtUp = new Promise<void>((resolve) => {
    markCaughtUp = resolve;
  });

  const follow = async (fence: Fence | undefined, loopSignal: AbortSignal) => {
    const from = (await checkpoints.read(checkpointName)) ?? START;
    tracker.advance(from);
    const total = from === START ? Number((await store.stats()).events) : undefined;
    const started = Date.now();
    let done = 0;
    await followLog(
      store,
      { from, batchSize: options.batchSize, pollIntervalMs: options.pollIntervalMs, signal: loopSignal },
      async (page) => {
        // Writes and checkpoint in one transaction: a crash leaves both before or both after the page.
        let changed = false;
        await transaction(async (tx) => {
          const ctx = projectionContext(projection, tx);
          for (const event of page.events) if (handlesEvent(projection, event)) await projection.apply(event, ctx);
          await tx.saveCheckpoint(checkpointName, page.next, fence);
          // Caught up for the first time: readers are switched to this version in the same commit.
          if (page.atEnd && !activated && options.activateWhenCaughtUp !== false) {
            changed = await activate(tx.documents, projection.name, version);
          }
        });
        if (page.atEnd && !activated) {
          activated = true;
          if (changed) options.onActivated?.(version);
          markCaughtUp();
        }
        tracker.advance(page.next);
        done += page.events.length;
        if (options.onProgress && page.events.length > 0) {
          const rate = done / Math.max((Date.now() - started) / 1000, 1e-3);
          const etaMs = total === undefined ? undefined : (Math.max(total - done, 0) / Math.max(rate, 1e-9)) * 1000;
          options.onProgress({ done, total, rate, etaMs, position: page.next });
        }
        return page.next;
      },
    );
  };

  // With `exclusive`, runners in several processes stand by until they hold the lease; the checkpoint is fenced,
  // so a runner that lost its lease cannot commit a page (its transaction fails with lease_lost and rolls back).
  const runExclusive = async (owner: string, ttlMs: number) => {
    const leases = port.leases;
    if (!leases) throw new LogbookError('capability_missing', `the ${store.kind} store has no leases`);
    const group = `projection:${versionedName(projection.name, version)}`;
    while (!signal.aborted) {
      const lease = await leases.tryAcquire(group, 0, owner, ttlMs);
      if (!lease) {
        await sleep(ttlMs / 3, signal);
        continue;
      }
      let current = lease;
      const held = new AbortController();
      const inner = AbortSignal.any([signal, held.signal]);
      const renewer = (async () => {
        while (!inner.aborted) {
          await sleep(ttlMs / 3, inner);
          if (inner.aborted) return;
          const renewed = await leases.renew(current, ttlMs).catch(() => undefined);
          if (!renewed) return held.abort();
          current = renewed;
        }
      })();
      try {
        await follow({ group, partition: 0, token: lease.token }, inner);
      } catch (e) {
        if (!isLogbookError(e, 'lease_lost')) throw e;
      } finally {
        held.abort();
        await renewer;
        await leases.release(current).catch(() => {});
      }
    }
  };

  const run = () =>
    options.exclusive
      ? runExclusive(options.exclusive.owner, Math.max(30, options.exclusive.ttlMs ?? 10_000))
      : follow(undefined, signal);
  const done = run().catch((e) => {
    tracker.failFuture(e);
    throw e;
  });
  done.catch(() => {});

  return {
    name: projection.name,
    version,
    done,
    position: () => tracker.position,
    waitFor: (p) => tracker.waitFor(p),
    whenCaughtUp: async () => {
      // The first catch-up also switches the alias; later ones only need the position.
      await Promise.race([firstCaughtUp, done]);
      return tracker.waitFor(await store.headPosition());
    },
    stop: async () => {
      controller.abort();
      await done.catch(() => {});
      tracker.fail();
    },
  };
}

export interface RebuildResult {
  events: number;
  ms: number;
  rate: number;
  position: Position;
}

/**
 * Resets this version (its collections cleared and its checkpoint put back to the start, in one transaction)
 * and replays the whole log, reporting progress. Stop any runner of the same version first; for an inline
 * projection bump the version instead (its live hook would apply appends made during the replay twice).
 */
export async function rebuildProjection(
  store: EventStore,
  projection: Projection,
  options: Omit<ProjectionRunOptions, 'activateWhenCaughtUp'> & { activate?: boolean } = {},
): Promise<RebuildResult> {
  const transaction = store.port.transaction?.bind(store.port);
  if (!transaction) throw new LogbookError('capability_missing', `the ${store.kind} store has no transactions`);
  await transaction(async (tx) => {
    const docs = scopedWriter(projection, versionOf(projection), tx.documents);
    for (const c of projection.collections) await docs.deleteCollection(c);
    await tx.saveCheckpoint(projectionCheckpointName(projection), START);
  });
  const started = Date.now();
  let events = 0;
  const runner = startProjection(store, projection, {
    ...options,
    activateWhenCaughtUp: false,
    onProgress: (p) => {
      events = p.done;
      options.onProgress?.(p);
    },
  });
  try {
    await runner.whenCaughtUp();
  } finally {
    await runner.stop();
  }
  if (options.activate ?? true) {
    const changed = await transaction((tx) => activate(tx.documents, projection.name, versionOf(projection)));
    if (changed) options.onActivated?.(versionOf(projection));
  }
  const ms = Date.now() - started;
  return { events, ms, rate: events / Math.max(ms / 1000, 1e-3), position: runner.position() };
}
