// Runs the related-events index beside the server: follows the log after the append, checkpointed, exactly once.
import {
  type EventStore,
  LogbookError,
  type Position,
  START,
  type TransactionContext,
  Waker,
  comparePositions,
  isLogbookError,
  sleep,
} from '@logbook/core';
import { type LinkBatch, addLinks, collectLinks } from './related.js';

/** The index's checkpoint (listed by /v1/consumers with its lag). */
export const RELATED_CHECKPOINT = 'server:related-index';

export interface RelatedIndexOptions {
  /** Events read per page; default 500. */
  batchSize?: number;
  /** Pause after catching up before reading again, so appends arriving one by one are indexed in one commit. */
  coalesceMs?: number;
  /** Pages without links commit nothing; their checkpoint is saved at most this often (and on stop). */
  checkpointEveryMs?: number;
  onError?: (e: unknown) => void;
}

export interface RelatedIndexRunner {
  position(): Position;
  /** Resolves once every event up to `position` is indexed; rejects when the runner stops or fails first. */
  waitFor(position: Position): Promise<void>;
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

interface Waiter {
  target: Position;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Starts the index, or returns undefined when the store has no transactions and checkpoints. Writes and the
 * checkpoint commit in ONE store transaction, so each event's links take effect exactly once (and adding a link is
 * idempotent by event id, so a second server on the same database adds nothing twice). Unlike core's
 * startProjection, a page without causation or correlation metadata commits nothing: a commit per page would
 * cost one more fsync for every group of appends on SQLite.
 */
export function startRelatedIndex(store: EventStore, options: RelatedIndexOptions = {}): RelatedIndexRunner | undefined {
  const port = store.port;
  const transaction = port.transaction?.bind(port);
  const checkpoints = port.checkpoints;
  if (!transaction || !checkpoints) return undefined;
  const controller = new AbortController();
  const signal = controller.signal;
  const limit = options.batchSize ?? 500;
  const coalesceMs = options.coalesceMs ?? 5;
  const checkpointEveryMs = options.checkpointEveryMs ?? 5_000;
  let current: Position = START;
  let saved: Position = START;
  let savedAt = 0;
  let waiters: Waiter[] = [];
  let failure: unknown;

  const advance = (p: Position) => {
    current = p;
    if (waiters.length === 0) return;
    const ready = waiters.filter((w) => comparePositions(w.target, p) <= 0);
    waiters = waiters.filter((w) => comparePositions(w.target, p) > 0);
    for (const w of ready) w.resolve();
  };
  const commit = async (links: LinkBatch, next: Position) => {
    await transaction(async (tx: TransactionContext) => {
      await addLinks(tx.documents, links);
      await tx.saveCheckpoint(RELATED_CHECKPOINT, next);
    });
    saved = next;
    savedAt = Date.now();
  };

  const run = async () => {
    const waker = new Waker();
    const unlisten = port.onAppend?.(waker.notify);
    const pollMs = port.onAppend ? 1_000 : 50;
    let delay = 50;
    try {
      current = saved = (await checkpoints.read(RELATED_CHECKPOINT)) ?? START;
      while (!signal.aborted) {
        try {
          const page = await store.readAll({ from: current, limit });
          const links = collectLinks(page.events);
          const due = Date.now() - savedAt >= checkpointEveryMs && page.next !== saved;
          if (links.size > 0) await commit(links, page.next);
          else if (due) {
            await checkpoints.write(RELATED_CHECKPOINT, page.next);
            saved = page.next;
            savedAt = Date.now();
          }
          advance(page.next);
          delay = 50;
          if (page.atEnd) {
            await waker.wait(pollMs, signal);
            await sleep(coalesceMs, signal);
          }
        } catch (e) {
          // The page did not commit: read it again once the store answers.
          if (!isLogbookError(e, 'store_unavailable')) throw e;
          await sleep(delay, signal);
          delay = Math.min(delay * 2, 5_000);
        }
      }
      if (current !== saved) await checkpoints.write(RELATED_CHECKPOINT, current).catch(() => {});
    } finally {
      unlisten?.();
    }
  };

  const stopWaiters = (reason: unknown) => {
    failure = reason;
    const pending = waiters;
    waiters = [];
    for (const w of pending) w.reject(reason);
  };
  const done = run().then(
    () => stopWaiters(new LogbookError('store_closed', 'the related-events index stopped')),
    (e) => {
      stopWaiters(e);
      options.onError?.(e);
      throw e;
    },
  );
  done.catch(() => {});

  return {
    position: () => current,
    waitFor: (target) => {
      if (comparePositions(target, current) <= 0) return Promise.resolve();
      if (failure !== undefined) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ target, resolve, reject }));
    },
    stop: async () => {
      controller.abort();
      await done.catch(() => {});
    },
    done,
  };
}
