// Append rate kept in memory: one bucket per 10 s over the last 15 minutes, for the UI's overview chart.
export interface RateSample {
  at: string;
  events: number;
  appends: number;
}

const BUCKET_MS = 10_000;
const BUCKETS = 90;

export class RateTracker {
  private readonly buckets = new Map<number, { events: number; appends: number }>();

  record(events: number, now = Date.now()): void {
    const key = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const b = this.buckets.get(key) ?? { events: 0, appends: 0 };
    b.events += events;
    b.appends += 1;
    this.buckets.set(key, b);
    if (this.buckets.size > BUCKETS + 5) this.prune(now);
  }

  /** Every bucket of the window, oldest first, zeros included so a chart has a steady x axis. */
  samples(now = Date.now()): RateSample[] {
    this.prune(now);
    const last = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const out: RateSample[] = [];
    for (let i = BUCKETS - 1; i >= 0; i--) {
      const key = last - i * BUCKET_MS;
      const b = this.buckets.get(key);
      out.push({ at: new Date(key).toISOString(), events: b?.events ?? 0, appends: b?.appends ?? 0 });
    }
    return out;
  }

  private prune(now: number): void {
    const oldest = Math.floor(now / BUCKET_MS) * BUCKET_MS - (BUCKETS - 1) * BUCKET_MS;
    for (const key of this.buckets.keys()) if (key < oldest) this.buckets.delete(key);
  }
}
