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
  ALL_CAPABILITIES,
  canonicalJson,
  classifyIdempotency,
  combineIdempotency,
  readAllScanBudget,
  revisionMatches,
  sameContent,
  writeResultOf,
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
  proposeBatch,
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
// Command side (issue 4): deciders, command handling, snapshots, upcasting, metadata, time travel, uniqueness.
export { DomainError, isDomainError } from './domain/domain-error.js';
export {
  decideOn,
  foldEvents,
  normalizeDecision,
  toView,
  type DecideResult,
  type Decider,
  type Decision,
  type DomainEvent,
  type Evolver,
  type SnapshotPolicy,
  type StateView,
} from './domain/decider.js';
export {
  aggregateStream,
  evolveRecorded,
  takeSnapshot,
  type AggregateOptions,
  type AggregateResult,
} from './domain/aggregate.js';
export { DEFAULT_SNAPSHOT_NAME, readSnapshot, snapshotDue, writeSnapshot } from './domain/snapshots.js';
export {
  CommandHandler,
  createCommandHandler,
  type CommandHandlerOptions,
  type HandleManyResult,
  type HandleOptions,
  type HandleResult,
  type MultiDecide,
  type MultiDecision,
} from './domain/command-handler.js';
export { DEFAULT_RETRY, backoffDelay, type RetryOptions } from './domain/retry.js';
export {
  currentContext,
  eventContext,
  runInCommandContext,
  runInEventContext,
  runWithContext,
  withEventContext,
  type CommandContextInput,
  type MessageContext,
} from './domain/message-context.js';
export { metadataEnricher, metadataExtension, useMetadata, type MetadataOptions } from './domain/metadata.js';
export { SCHEMA_VERSION_KEY, Upcasters, schemaVersionOf, useUpcasters, type Upcaster } from './domain/upcasting.js';
export {
  stateAsOf,
  stateAtRevision,
  streamHistory,
  type HistoryEntry,
  type PointInTime,
} from './domain/time-travel.js';
export { rebuildUniques, uniqueOwner, type RebuildUniquesResult } from './domain/uniques.js';
// Read side: projections, consumers, consumer groups and the in-memory world.
export {
  PROJECTIONS_COLLECTION,
  activeVersion,
  defineProjection,
  physicalCollection,
  projectionCheckpointName,
  projectionReader,
  versionedName,
  type Projection,
  type ProjectionContext,
} from './projections/projection.js';
export {
  rebuildProjection,
  startProjection,
  type ProjectionProgress,
  type ProjectionRunOptions,
  type ProjectionRunner,
  type RebuildResult,
} from './projections/async-projection.js';
export { registerInlineProjection, type InlineProjectionHandle } from './projections/inline-projection.js';
export { foldProjection, type LiveFoldOptions } from './projections/live-projection.js';
export {
  Consumer,
  consumerCheckpointName,
  createConsumer,
  type ConsumerOptions,
  type ConsumerStatus,
} from './consumers/consumer.js';
export type { ConsumerHandler, HandlerContext } from './consumers/deliver.js';
export type { CheckpointPolicy } from './consumers/checkpointer.js';
export type { RetryPolicy } from './consumers/retry-policy.js';
export { CircuitBreaker, isCircuitOpen, type BreakerState, type CircuitBreakerOptions } from './consumers/circuit-breaker.js';
export { listParked, parkedStreamId, replayParked, type ParkedEvent, type ReplayParkedResult } from './consumers/parking.js';
export {
  ConsumerGroupMember,
  groupCheckpointName,
  joinConsumerGroup,
  type ConsumerGroupOptions,
} from './consumers/consumer-group.js';
export { fnv1a, partitionOf } from './consumers/partition.js';
export {
  dependencyOrder,
  defineStateMachine,
  type DependencyView,
  type StateMachine,
  type WorldStates,
} from './world/state-machine.js';
export { World, createWorld, type ReadOptions, type WorldOptions, type WorldView } from './world/world.js';
export { fileBlobStore, memoryBlobStore, type BlobStore } from './world/blob-store.js';
export type { Memo } from './world/memo.js';
export { EVENT_ID_NAMESPACE, deterministicEventId } from './domain/event-ids.js';
