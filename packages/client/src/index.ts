// @logbook/client: the typed HTTP client for Logbook's API v1 (browsers and Node).
export { LogbookClient, type ClientOptions } from './client.js';
export { LogbookHttpError, isLogbookHttpError } from './errors.js';
export { comparePositions } from './position.js';
export type { ClientSubscription, SubscribeOptions, SubscriptionStatus } from './subscribe.js';
export type {
  ApiErrorBody,
  AppendResultJson,
  ConsumerJson,
  EventInput,
  ExpectedRevision,
  HealthJson,
  Json,
  LogFilterInput,
  LogPage,
  RateSample,
  RecordedEventJson,
  RelatedEvents,
  StatsJson,
  StreamListPage,
  StreamPage,
  StreamStateItem,
  StreamStatesPage,
  StreamSummaryJson,
  TransactionInput,
} from './types.js';
