// Saves a consumer's checkpoint on a configurable schedule, only ever forward, only ever to a position already processed.
import { Mutex } from '../mutex.js';
import { type Position, comparePositions } from '../position.js';

export interface CheckpointPolicy {
  /** Save after this many processed events; default 1 (every event) unless only `everyMs` is given. */
  everyEvents?: number;
  /** Save at most this long after the first unsaved event was processed. */
  everyMs?: number;
}

/**
 * The caller reports positions it has FINISHED processing; the checkpointer never sees anything else,
 * so a saved checkpoint can never be ahead of the work (the KurrentDB #1301 / #4970 failure mode).
 */
export class Checkpointer {
  private saved: Position | undefined;
  private pending: Position | undefined;
  private unsaved = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly lock = new Mutex();
  private readonly everyEvents: number;
  private readonly everyMs: number | undefined;
  private failure: unknown;
  private closed = false;

  constructor(
    private readonly save: (position: Position) => Promise<void>,
    policy: CheckpointPolicy = {},
    initial?: Position,
  ) {
    this.everyMs = policy.everyMs;
    this.everyEvents = Math.max(1, policy.everyEvents ?? (policy.everyMs !== undefined ? Number.POSITIVE_INFINITY : 1));
    this.saved = initial;
  }

  get position(): Position | undefined {
    return this.saved;
  }

  /** Records that everything up to `position` is processed; `events` is how many events that covered. */
  async processed(position: Position, events: number): Promise<void> {
    if (this.closed) return;
    if (this.failure !== undefined) {
      // A background save failed: report it once (the caller retries or stops); the next save tries again.
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    if (this.pending !== undefined && comparePositions(position, this.pending) <= 0) return;
    if (this.saved !== undefined && comparePositions(position, this.saved) <= 0) return;
    this.pending = position;
    this.unsaved += events;
    if (this.unsaved >= this.everyEvents) return this.flush();
    if (this.everyMs !== undefined && this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch((e) => {
          this.failure = e;
        });
      }, this.everyMs);
      this.timer.unref?.();
    }
  }

  /** Saves the latest processed position now (used on stop and by the timer). */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    return this.lock.run(async () => {
      const target = this.pending;
      if (target === undefined || this.closed) return;
      if (this.saved === undefined || comparePositions(target, this.saved) > 0) {
        await this.save(target);
        this.saved = target;
      }
      if (this.pending === target) {
        this.pending = undefined;
        this.unsaved = 0;
      }
    });
  }

  /** Forgets unsaved progress and saves nothing more (a crash, or a lost lease); resolves once no save is in flight. */
  abandon(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.unsaved = 0;
    return this.lock.run(() => {});
  }
}
