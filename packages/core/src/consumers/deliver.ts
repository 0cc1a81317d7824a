// Delivers one event to a handler: retries with back-off, waits out an open circuit, then parks or pauses.
import type { RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import { sleep } from '../waker.js';
import { type CircuitBreaker, isCircuitOpen } from './circuit-breaker.js';
import { parkEvent } from './parking.js';
import { type ResolvedRetryPolicy, backoffDelay } from './retry-policy.js';

export interface HandlerContext {
  /** 1 on the first try, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the consumer stops; long handlers should pass it on. */
  signal: AbortSignal;
  consumer: string;
}

export type ConsumerHandler = (event: RecordedEvent, context: HandlerContext) => Promise<void> | void;

export type DeliveryOutcome =
  | { kind: 'handled' }
  | { kind: 'parked'; error: unknown; attempts: number }
  | { kind: 'paused'; error: unknown; attempts: number }
  | { kind: 'aborted' };

export interface DeliveryOptions {
  store: EventStore;
  consumer: string;
  handler: ConsumerHandler;
  retry: ResolvedRetryPolicy;
  breaker?: CircuitBreaker;
  signal: AbortSignal;
  /** Wraps each handler call, e.g. to run it in the event's correlation context. */
  around?: (event: RecordedEvent, call: () => Promise<void>) => Promise<void>;
  onFailure?: (event: RecordedEvent, error: unknown, attempt: number) => void;
}

/**
 * A failure while the circuit is closed counts against the event; once the circuit opens the failures are
 * the dependency's, so the count starts again and the same event is retried on the breaker's probe schedule:
 * nothing is parked or skipped because a dependency was down.
 */
export async function deliver(event: RecordedEvent, o: DeliveryOptions): Promise<DeliveryOutcome> {
  let attempt = 0;
  for (;;) {
    if (o.signal.aborted) return { kind: 'aborted' };
    attempt++;
    const call = async () => {
      await o.handler(event, { attempt, signal: o.signal, consumer: o.consumer });
    };
    const wrapped = o.around ? () => (o.around as NonNullable<DeliveryOptions['around']>)(event, call) : call;
    try {
      await (o.breaker ? o.breaker.run(wrapped) : wrapped());
      return { kind: 'handled' };
    } catch (error) {
      if (o.signal.aborted) return { kind: 'aborted' };
      const breaker = o.breaker;
      if (breaker && (isCircuitOpen(error) || breaker.state !== 'closed')) {
        if (!isCircuitOpen(error)) o.onFailure?.(event, error, attempt);
        attempt = 0;
        await sleep(Math.max(breaker.msUntilProbe(), 1), o.signal);
        continue;
      }
      o.onFailure?.(event, error, attempt);
      if (attempt >= o.retry.maxAttempts) {
        if (o.retry.onExhausted === 'pause') return { kind: 'paused', error, attempts: attempt };
        await parkEvent(o.store, o.consumer, event, error, attempt);
        return { kind: 'parked', error, attempts: attempt };
      }
      await sleep(backoffDelay(o.retry, attempt), o.signal);
    }
  }
}
