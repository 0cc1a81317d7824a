// A circuit breaker around a failing dependency: closed -> open after repeated failures -> half-open probe -> closed.
import { LogbookError } from '../errors.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit; default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through; default 5 s. */
  probeAfterMs?: number;
  /** Clock, for tests of the schedule. */
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

/** Thrown (as LogbookError `handler_failed`, details.reason 'circuit_open') when a call is refused while open. */
export const isCircuitOpen = (e: unknown): boolean =>
  e instanceof LogbookError && e.code === 'handler_failed' && e.details.reason === 'circuit_open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private current: BreakerState = 'closed';
  private probing = false;
  private readonly threshold: number;
  private readonly probeAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.threshold = Math.max(1, options.failureThreshold ?? 5);
    this.probeAfterMs = Math.max(0, options.probeAfterMs ?? 5_000);
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.probeAfterMs) return 'half-open';
    return this.current;
  }

  /** Milliseconds until the next probe is allowed (0 when calls may go through now). */
  msUntilProbe(): number {
    if (this.current !== 'open') return 0;
    return Math.max(0, this.openedAt + this.probeAfterMs - this.now());
  }

  /** Runs `fn` unless the circuit is open; one call at a time goes through while half-open. */
  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) {
      throw new LogbookError('handler_failed', 'circuit open: the dependency is failing', {
        reason: 'circuit_open',
        retryInMs: this.msUntilProbe(),
      });
    }
    const probe = state === 'half-open';
    if (probe) {
      this.probing = true;
      this.set('half-open');
    }
    try {
      const result = await fn();
      this.failures = 0;
      this.set('closed');
      return result;
    } catch (e) {
      this.failures++;
      if (probe || this.failures >= this.threshold) {
        this.openedAt = this.now();
        this.set('open');
      }
      throw e;
    } finally {
      if (probe) this.probing = false;
    }
  }

  private set(state: BreakerState): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
