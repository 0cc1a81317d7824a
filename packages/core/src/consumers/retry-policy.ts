// Retry policy for failing handlers: exponential back-off with jitter, then park or pause.
export interface RetryPolicy {
  /** Attempts per event before giving up (the first try counts); default 5. */
  maxAttempts?: number;
  /** Delay after the first failure; default 100 ms. */
  initialDelayMs?: number;
  /** Cap on the delay; default 30 s. */
  maxDelayMs?: number;
  /** Growth per attempt; default 2. */
  factor?: number;
  /** Fraction of random spread so many consumers do not retry in lock-step; default 0.2. */
  jitter?: number;
  /** What to do after the last attempt: park the event and go on (default), or pause the consumer. */
  onExhausted?: 'park' | 'pause';
}

export type ResolvedRetryPolicy = Required<RetryPolicy>;

export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  return {
    maxAttempts: Math.max(1, policy.maxAttempts ?? 5),
    initialDelayMs: Math.max(0, policy.initialDelayMs ?? 100),
    maxDelayMs: Math.max(0, policy.maxDelayMs ?? 30_000),
    factor: Math.max(1, policy.factor ?? 2),
    jitter: Math.min(1, Math.max(0, policy.jitter ?? 0.2)),
    onExhausted: policy.onExhausted ?? 'park',
  };
}

/** Delay before attempt `attempt + 1`, given that `attempt` (1-based) just failed. */
export function backoffDelay(policy: ResolvedRetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1));
  const spread = base * policy.jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}
