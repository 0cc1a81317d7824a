// @logbook/server: the HTTP API over any injected EventStore.
export { createServer, type LogbookServer } from './app.js';
export { startServer, isLoopback, type RunningServer, type StartOptions } from './listen.js';
export { loadAuthConfig, type AuthConfig, type TokenGrant } from './auth.js';
export {
  DEFAULT_SERVER_LIMITS,
  DEFAULT_SSE,
  SERVER_VERSION,
  type ServerLimits,
  type ServerOptions,
  type SseSettings,
} from './context.js';
export type { StreamView, Views } from './states.js';
export {
  CAUSATION_COLLECTION,
  CORRELATION_COLLECTION,
  RELATED_WAIT_MS,
} from './related.js';
export { RELATED_CHECKPOINT, startRelatedIndex, type RelatedIndexRunner } from './related-runner.js';
export { eventJson, resultJson, type RecordedEventJson } from './wire.js';
export { consumerLags, type ConsumerLag } from './metrics.js';
