// The read loop shared by consumers, projections, groups and the world: page through the log, then sleep until an append.
import { isLogbookError } from '../errors.js';
import type { LogFilter, RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import type { Position } from '../position.js';
import { Waker, sleep } from '../waker.js';

export interface FollowOptions {
  /** Exclusive: the loop reads events strictly after this position. */
  from: Position;
  filter?: LogFilter;
  batchSize?: number;
  pollIntervalMs?: number;
  signal: AbortSignal;
}

export interface FollowPage {
  events: RecordedEvent[];
  /** Where the next read starts; safe to checkpoint once every event of the page is handled. */
  next: Position;
  atEnd: boolean;
}

/**
 * Calls `onPage` for each page until the signal aborts; `onPage` returns the position to continue from
 * (normally `page.next`, earlier when it stopped part-way). `onIdle` runs each time the end of the log is reached.
 * Only `store_unavailable` is retried here (the read, or the whole page again); any other error ends the loop.
 */
export async function followLog(
  store: EventStore,
  options: FollowOptions,
  onPage: (page: FollowPage) => Promise<Position | undefined>,
  onIdle?: (position: Position) => Promise<void> | void,
): Promise<void> {
  const { signal } = options;
  const waker = new Waker();
  const unlisten = store.port.onAppend?.(waker.notify);
  const pollMs = options.pollIntervalMs ?? (store.port.onAppend ? 1000 : 50);
  const limit = Math.max(1, Math.min(options.batchSize ?? 500, 10_000));
  let from = options.from;
  let delay = 50;
  try {
    while (!signal.aborted) {
      let page: FollowPage;
      try {
        page = await store.readAll({ from, limit, filter: options.filter });
        delay = 50;
      } catch (e) {
        if (!isLogbookError(e, 'store_unavailable')) throw e;
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 5_000);
        continue;
      }
      if (signal.aborted) return;
      let resumed: Position | undefined;
      try {
        resumed = await onPage(page);
      } catch (e) {
        // The page's work did not commit (a projection's transaction, a checkpoint write): read it again.
        if (!isLogbookError(e, 'store_unavailable')) throw e;
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 5_000);
        continue;
      }
      if (resumed === undefined || signal.aborted) return;
      from = resumed;
      if (page.atEnd && resumed === page.next) {
        await onIdle?.(from);
        await waker.wait(pollMs, signal);
      }
    }
  } finally {
    unlisten?.();
  }
}
