// W4 (load and fold one stream inside a big log) and W5 (read the whole log through the subscription API).
import { depositEvents } from '../payload.js';
import type { Session } from '../subjects/types.js';

export const FOLD_STREAM = 'account-fold';

/**
 * Fills an empty store with `total` events in appends of 100: the fold stream's events spread evenly through
 * the log among filler streams, so reading it means skipping over everything else.
 */
export async function seedReadLog(session: Session, total: number, foldEvents: number): Promise<void> {
  const appends = Math.ceil(total / 100);
  const foldAppends = Math.ceil(foldEvents / 100);
  const every = Math.max(1, Math.floor(appends / foldAppends));
  let foldLast = -1;
  let written = 0;
  let filler = 0;
  for (let i = 0; written < total; i++) {
    const size = Math.min(100, total - written);
    if (i % every === 0 && foldLast + 1 < foldEvents) {
      const n = Math.min(size, foldEvents - foldLast - 1);
      await session.append(FOLD_STREAM, foldLast, depositEvents(FOLD_STREAM, foldLast + 1, n));
      foldLast += n;
      written += n;
    } else {
      const streamId = `account-filler${filler++}`;
      await session.append(streamId, -1, depositEvents(streamId, 0, size));
      written += size;
    }
  }
  if (foldLast + 1 !== foldEvents) throw new Error(`seeded ${foldLast + 1} fold events, wanted ${foldEvents}`);
}

/** W4: milliseconds per load-and-fold of the fold stream (mean of `folds`). */
export async function w4(session: Session, folds: number, expected: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < folds; i++) {
    const { events } = await session.fold(FOLD_STREAM);
    if (events !== expected) throw new Error(`folded ${events} events, expected ${expected}`);
  }
  return (performance.now() - start) / folds;
}

/** W5: events/s reading the whole log from the start until caught up. */
export async function w5(session: Session, expected: number): Promise<number> {
  const start = performance.now();
  const count = await session.scanAll();
  const ms = performance.now() - start;
  if (count !== expected) throw new Error(`read ${count} events, expected ${expected}`);
  return count / (ms / 1000);
}
