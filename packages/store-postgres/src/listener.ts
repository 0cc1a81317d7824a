// One LISTEN connection per store instance, outside the pool, shared by every subscription; reconnects when lost.
import type { PgClient } from './pg-types.js';

const RECONNECT_MAX_MS = 5_000;
const BLOCKED_MAX_MS = 1_000;

export class NotificationListener {
  private readonly listeners = new Set<() => void>();
  private client: PgClient | undefined;
  private connecting = false;
  private closed = false;
  private retryDelay = 50;
  private retryTimer: NodeJS.Timeout | undefined;
  private blockedTimer: NodeJS.Timeout | undefined;
  private blockedDelay = 10;
  /** Counts (re)connections; tests use it to see a restart happened. */
  connections = 0;

  constructor(
    private readonly open: () => Promise<PgClient>,
    private readonly channel: string,
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    this.ensure();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Wakes every listener (coalesced per tick by the subscriptions' wakers). */
  fire(): void {
    for (const l of this.listeners) queueMicrotask(l);
  }

  /**
   * Called when a reader reached the end while rows wait behind a running transaction. If that transaction rolls
   * back, nobody will NOTIFY, so the listeners are woken again soon, backing off while the wait lasts.
   */
  blocked(isBlocked: boolean): void {
    if (!isBlocked) {
      this.blockedDelay = 10;
      return;
    }
    if (this.blockedTimer || this.closed || this.listeners.size === 0) return;
    this.blockedTimer = setTimeout(() => {
      this.blockedTimer = undefined;
      this.fire();
    }, this.blockedDelay);
    this.blockedTimer.unref();
    this.blockedDelay = Math.min(this.blockedDelay * 2, BLOCKED_MAX_MS);
  }

  private ensure(): void {
    if (this.client || this.connecting || this.closed || this.retryTimer) return;
    this.connecting = true;
    void this.connect().finally(() => {
      this.connecting = false;
    });
  }

  private async connect(): Promise<void> {
    let client: PgClient | undefined;
    try {
      client = await this.open();
      const c = client;
      c.on('notification', (message) => {
        if (message.channel === this.channel) this.fire();
      });
      c.on('error', () => this.lost(c));
      c.on('end', () => this.lost(c));
      await c.connect();
      // The channel is derived from the validated schema name; LISTEN takes no parameters.
      await c.query({ text: `LISTEN "${this.channel}"` });
      if (this.closed) {
        await c.end().catch(() => {});
        return;
      }
      this.client = c;
      this.connections++;
      this.retryDelay = 50;
      // Anything committed while we were not listening: let every subscription read again.
      this.fire();
    } catch {
      client?.end().catch(() => {});
      this.scheduleRetry();
    }
  }

  private lost(client: PgClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => {});
    this.fire();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.ensure();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, RECONNECT_MAX_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    clearTimeout(this.retryTimer);
    clearTimeout(this.blockedTimer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}
