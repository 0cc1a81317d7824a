// @logbook/core: the event model, the storage port, the public EventStore and the in-memory store.
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export { LogbookError, isLogbookError, type ErrorCode, type ErrorDetails } from './errors.js';
export {
  START,
  comparePositions,
  isPosition,
  makePosition,
  maxPosition,
  parsePosition,
  positionParts,
  type Position,
} from './position.js';
export { MAX_STREAM_ID_BYTES, assertStreamId, categoryOf, streamIdProblem } from './stream-id.js';
export type {
  CurrentRevision,
  Direction,
  EventToAppend,
  ExpectedRevision,
  LogFilter,
  ProposedEvent,
  RecordedEvent,
  StreamInfo,
  StreamSummary,
} from './event.js';
export type * from './port.js';
export {
  canonicalJson,
  classifyIdempotency,
  combineIdempotency,
  revisionMatches,
  sameContent,
  wrongExpectedRevision,
  type IdempotencyVerdict,
} from './port-rules.js';
export {
  DEFAULT_LIMITS,
  assertExpectedRevision,
  eventBytes,
  isUuid,
  jsonProblem,
  parseExpectedRevision,
  proposeEvent,
  proposeEvents,
  type Limits,
} from './validate.js';
export {
  EventStore,
  UNIQUES_METADATA_KEY,
  createEventStore,
  failureToError,
  type AppendOptions,
  type AppendOutcome,
  type EventStoreExtension,
  type EventStoreOptions,
  type MultiAppendInput,
  type ReadAllOptions,
  type ReadStreamOptions,
  type UniqueChanges,
  type UniqueInput,
} from './event-store.js';
export type { Subscription, SubscriptionHandler, SubscriptionOptions } from './subscription.js';
export { Mutex } from './mutex.js';
export { Waker, sleep } from './waker.js';
export { MemoryStore, byteCompare, matchesFilter, type MemoryStoreOptions } from './memory/memory-store.js';
