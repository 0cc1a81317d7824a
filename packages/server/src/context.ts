// Shared server context: options with defaults, per-request variables and the bits every route group needs.
import type { EventStore } from '@logbook/core';
import type { Logger } from 'pino';
import type { Authenticator, AuthConfig, Principal } from './auth.js';
import type { Metrics } from './metrics.js';
import type { RelatedIndexRunner } from './related-runner.js';
import type { RateTracker } from './rate.js';
import type { StateCheckpoints, Views } from './states.js';

/** Request limits. Defaults: 16 MiB body, 10,000 events per request, 1 MiB per event. */
export interface ServerLimits {
  maxBodyBytes: number;
  maxEventsPerRequest: number;
  maxEventBytes: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxEventsPerRequest: 10_000,
  maxEventBytes: 1024 * 1024,
};

/** SSE tuning. Defaults: heartbeat every 15 s, 1 MiB queued or 10 s stalled cuts a slow client off. */
export interface SseSettings {
  heartbeatMs: number;
  maxBufferBytes: number;
  slowClientMs: number;
}

export const DEFAULT_SSE: SseSettings = { heartbeatMs: 15_000, maxBufferBytes: 1024 * 1024, slowClientMs: 10_000 };

export interface ServerOptions {
  /** Any EventStore; the server never knows which database is behind it. */
  store: EventStore;
  auth?: AuthConfig;
  limits?: Partial<ServerLimits>;
  sse?: Partial<SseSettings>;
  /** A pino logger; false for none. Default: pino at info level to stdout. */
  logger?: Logger | false;
  /** Time-travel views by stream category (e.g. { account: bankAccountDecider }). */
  views?: Views;
  /** Directory of the built web UI, served at / with SPA fallback. */
  uiDir?: string;
  /** Shown by /v1/stats (e.g. the store package's version). */
  storeVersion?: string;
  /** Include Node process metrics in /metrics. Default true. */
  processMetrics?: boolean;
}

export type Env = {
  Variables: {
    /** The request's child logger (reqId, correlationId), built on first use. */
    log: () => Logger | undefined;
    principal: Principal;
    requestId: string;
  };
};

export interface ServerState {
  store: EventStore;
  auth: Authenticator;
  limits: ServerLimits;
  sse: SseSettings;
  views: Views;
  metrics: Metrics;
  rate: RateTracker;
  logger: Logger | undefined;
  startedAt: Date;
  storeVersion: string;
  /** Aborted when shutdown begins: new requests are refused, SSE streams end. */
  shutdown: AbortController;
  inflight: InflightTracker;
  /** The related-events index; undefined when the store has no transactions. */
  related: RelatedIndexRunner | undefined;
  openSubscriptions: number;
  stateCheckpoints: StateCheckpoints;
}

/** Counts in-flight writes so shutdown can wait for every acknowledged append. */
export class InflightTracker {
  private count = 0;
  private waiters: Array<() => void> = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await fn();
    } finally {
      this.count--;
      if (this.count === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  get size(): number {
    return this.count;
  }
}

export const SERVER_VERSION = '0.1.0';
