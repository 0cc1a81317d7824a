// Stamps every appended event with causal metadata from the current context plus configured process fields.
import { hostname } from 'node:os';
import type { ProposedEvent } from '../event.js';
import type { EventStore, EventStoreExtension } from '../event-store.js';
import type { JsonObject } from '../json.js';
import { currentContext } from './message-context.js';

export interface MetadataOptions {
  /** Used when the context carries no user id; a function is asked on each append (e.g. from the request). */
  userId?: string | (() => string | undefined);
  appVersion?: string;
  /** e.g. process.env.GIT_COMMIT */
  gitCommit?: string;
  /** true = os.hostname(); a string = that name; default false. */
  host?: boolean | string;
  /** true = process.pid; default false. */
  pid?: boolean;
  /**
   * W3C traceparent of the active span, when tracing is on. Core does not depend on OpenTelemetry; wire it with
   * `() => { const c = {}; propagation.inject(context.active(), c); return c.traceparent; }` from @opentelemetry/api.
   */
  traceContext?: () => string | undefined;
  /** Caller-defined fields added to every event (a function is asked on each append). */
  fields?: JsonObject | (() => JsonObject | undefined);
}

/**
 * The enrich hook: never overwrites a field the event already carries, so explicit metadata wins.
 * Outside any context an event is its own correlation and causation root.
 */
export function metadataEnricher(options: MetadataOptions = {}): (event: ProposedEvent) => ProposedEvent {
  const fixed: JsonObject = {};
  if (options.appVersion !== undefined) fixed.appVersion = options.appVersion;
  if (options.gitCommit !== undefined) fixed.gitCommit = options.gitCommit;
  if (options.host) fixed.host = typeof options.host === 'string' ? options.host : hostname();
  if (options.pid) fixed.pid = process.pid;
  return (event) => {
    const ctx = currentContext();
    const added: JsonObject = { ...fixed };
    const fields = typeof options.fields === 'function' ? options.fields() : options.fields;
    if (fields) Object.assign(added, fields);
    if (ctx?.metadata) Object.assign(added, ctx.metadata);
    added.correlationId = ctx?.correlationId ?? event.id;
    added.causationId = ctx?.causationId ?? event.id;
    const userId = ctx?.userId ?? (typeof options.userId === 'function' ? options.userId() : options.userId);
    if (userId !== undefined) added.userId = userId;
    const traceparent = options.traceContext?.();
    if (traceparent) added.traceparent = traceparent;
    return { ...event, metadata: { ...added, ...event.metadata } };
  };
}

export function metadataExtension(options: MetadataOptions = {}): EventStoreExtension {
  const enrich = metadataEnricher(options);
  return { enrich: (event) => enrich(event) };
}

/** Installs the metadata enricher on a store; returns a function that removes it. */
export function useMetadata(store: EventStore, options: MetadataOptions = {}): () => void {
  return store.use(metadataExtension(options));
}
