// The causal context of the work in progress (correlation, causation, user), carried through async calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../event.js';
import type { JsonObject } from '../json.js';

export interface MessageContext {
  /** Shared by every message descended from the same original request. */
  correlationId: string;
  /** Id of the command or event that directly caused the events about to be appended. */
  causationId: string;
  userId?: string;
  /** Extra metadata fields copied onto every event appended in this context. */
  metadata?: JsonObject;
}

const storage = new AsyncLocalStorage<MessageContext>();

/** The context of the current async call chain, if any. */
export function currentContext(): MessageContext | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it awaits or schedules) inside `context`. */
export function runWithContext<T>(context: MessageContext, fn: () => T): T {
  return storage.run(context, fn);
}

export interface CommandContextInput {
  /** Becomes the causation id of the events; generated when absent. */
  commandId?: string;
  /** Default: the enclosing context's correlation id, else the command id. */
  correlationId?: string;
  userId?: string;
  metadata?: JsonObject;
}

/** Runs `fn` as the handling of a command: its events are caused by the command and keep the enclosing correlation. */
export function runInCommandContext<T>(input: CommandContextInput, fn: () => T): T {
  const outer = storage.getStore();
  // Without an explicit command id, a command issued while handling an event stays caused by that event.
  const causationId = input.commandId ?? outer?.causationId ?? randomUUID();
  const context: MessageContext = {
    correlationId: input.correlationId ?? outer?.correlationId ?? causationId,
    causationId,
  };
  const userId = input.userId ?? outer?.userId;
  if (userId !== undefined) context.userId = userId;
  const metadata = { ...outer?.metadata, ...input.metadata };
  if (Object.keys(metadata).length > 0) context.metadata = metadata;
  return storage.run(context, fn);
}

/** The context of handling `event`: events appended meanwhile are caused by it and share its correlation id. */
export function eventContext(event: Pick<RecordedEvent, 'id' | 'metadata'>): MessageContext {
  const meta = event.metadata ?? {};
  const context: MessageContext = {
    correlationId: typeof meta.correlationId === 'string' ? meta.correlationId : event.id,
    causationId: event.id,
  };
  if (typeof meta.userId === 'string') context.userId = meta.userId;
  return context;
}

/** Runs `fn` inside the context of the event it handles. */
export function runInEventContext<T>(event: Pick<RecordedEvent, 'id' | 'metadata'>, fn: () => T): T {
  return storage.run(eventContext(event), fn);
}

/**
 * Wraps an event handler (subscription, projection, consumer) so that whatever it appends is caused by the event.
 * `store.subscribe(opts, withEventContext(async (e) => handler.handle(...)))`.
 */
export function withEventContext<Ev extends Pick<RecordedEvent, 'id' | 'metadata'>, R>(
  handler: (event: Ev) => R,
): (event: Ev) => R {
  return (event) => runInEventContext(event, () => handler(event));
}
