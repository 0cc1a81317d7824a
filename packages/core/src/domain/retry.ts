// Jittered exponential back-off for optimistic-concurrency retries.
import { sleep } from '../waker.js';

export interface RetryOptions {
  /** Retries after the first attempt; default 10 (0 = never retry). */
  maxRetries?: number;
  /** First back-off ceiling in ms; default 2. */
  baseDelayMs?: number;
  /** Largest back-off ceiling in ms; default 200. */
  maxDelayMs?: number;
  /** Source of randomness in [0, 1); tests may pin it. */
  random?: () => number;
}

export const DEFAULT_RETRY: Required<Omit<RetryOptions, 'random'>> = { maxRetries: 10, baseDelayMs: 2, maxDelayMs: 200 };

/** "Full jitter": a uniform delay in [0, min(max, base * 2^retry)), which spreads competing writers apart. */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const ceiling = Math.min(max, base * 2 ** Math.min(retry, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

export async function backoff(retry: number, options: RetryOptions = {}): Promise<void> {
  const ms = backoffDelay(retry, options);
  // Yield to the event loop even at 0 ms so a competing writer can commit.
  await (ms > 0 ? sleep(ms) : new Promise<void>((resolve) => setImmediate(resolve)));
}
